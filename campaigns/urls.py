from django.urls import include, path

from . import views
from .bulk import RegistrationBulkView

app_name = "campaigns"

rounds = [
    path("", views.RoundListView.as_view(), name="round-list"),
    path("new/", views.RoundCreateView.as_view(), name="round-create"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("<int:pk>/edit/", views.RoundUpdateView.as_view(), name="round-update"),
    path("<int:pk>/register/", views.RegistrationStartView.as_view(), name="registration-start"),
    path("<int:pk>/consolidated/", views.ConsolidatedView.as_view(), name="consolidated"),
    path("<int:pk>/consolidated.xlsx", views.ConsolidatedExportView.as_view(), name="consolidated-xlsx"),
]

registrations = [
    path("", views.RegistrationListView.as_view(), name="registration-list"),
    path("bulk/", RegistrationBulkView.as_view(), name="registration-bulk"),
    path("<int:pk>/", views.RegistrationDetailView.as_view(), name="registration-detail"),
    path("<int:pk>/edit/", views.RegistrationEditView.as_view(), name="registration-edit"),
    path("<int:pk>/add-staff/", views.RegistrationAddAllStaffView.as_view(), name="registration-add-staff"),
    path("<int:pk>/transition/", views.RegistrationTransitionView.as_view(), name="registration-transition"),
]

criteria = [
    path("", views.CriteriaSetListView.as_view(), name="criteria-list"),
    path("new/", views.CriteriaSetEditView.as_view(), name="criteria-create"),
    path("<int:pk>/", views.CriteriaSetDetailView.as_view(), name="criteria-detail"),
    path("<int:pk>/edit/", views.CriteriaSetEditView.as_view(), name="criteria-update"),
    path("<int:pk>/self-score/", views.SelfScoreView.as_view(), name="score-self"),
    path("<int:pk>/units/<int:unit_pk>/assess/", views.AssessScoreView.as_view(), name="score-assess"),
    path("<int:pk>/ranking/", views.RankingView.as_view(), name="ranking"),
    path("<int:pk>/ranking.xlsx", views.RankingExportView.as_view(), name="ranking-xlsx"),
]

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="list"),
    path("new/", views.CampaignCreateView.as_view(), name="create"),
    path("<int:pk>/", views.CampaignDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="update"),
    path("<int:pk>/transition/", views.CampaignTransitionView.as_view(), name="transition"),
    path("catalog/", views.CatalogView.as_view(), name="catalog"),
    path("rounds/", include(rounds)),
    path("registrations/", include(registrations)),
    path("criteria/", include(criteria)),
    path("scores/<int:pk>/evidence/", views.ScoreEvidenceDownloadView.as_view(), name="score-evidence"),
]
