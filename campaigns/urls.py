from django.urls import path

from . import views
from .bulk import RegistrationBulkView

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="list"),
    path("new/", views.CampaignCreateView.as_view(), name="create"),
    path("<int:pk>/", views.CampaignDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="update"),
    path("<int:pk>/transition/", views.CampaignTransitionView.as_view(), name="transition"),
    path("catalog/", views.CatalogView.as_view(), name="catalog"),
    path("rounds/", views.RoundListView.as_view(), name="round-list"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round-create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("rounds/<int:pk>/edit/", views.RoundUpdateView.as_view(), name="round-update"),
    path("rounds/<int:pk>/register/", views.RegistrationStartView.as_view(), name="registration-start"),
    path("rounds/<int:pk>/consolidated/", views.ConsolidatedView.as_view(), name="consolidated"),
    path(
        "rounds/<int:pk>/consolidated.xlsx", views.ConsolidatedExportView.as_view(), name="consolidated-xlsx"
    ),
    path("registrations/", views.RegistrationListView.as_view(), name="registration-list"),
    path("registrations/bulk/", RegistrationBulkView.as_view(), name="registration-bulk"),
    path("registrations/<int:pk>/", views.RegistrationDetailView.as_view(), name="registration-detail"),
    path("registrations/<int:pk>/edit/", views.RegistrationEditView.as_view(), name="registration-edit"),
    path(
        "registrations/<int:pk>/add-staff/",
        views.RegistrationAddAllStaffView.as_view(),
        name="registration-add-staff",
    ),
    path(
        "registrations/<int:pk>/transition/",
        views.RegistrationTransitionView.as_view(),
        name="registration-transition",
    ),
    path("criteria/", views.CriteriaSetListView.as_view(), name="criteria-list"),
    path("criteria/new/", views.CriteriaSetEditView.as_view(), name="criteria-create"),
    path("criteria/<int:pk>/", views.CriteriaSetDetailView.as_view(), name="criteria-detail"),
    path("criteria/<int:pk>/edit/", views.CriteriaSetEditView.as_view(), name="criteria-update"),
    path("criteria/<int:pk>/self-score/", views.SelfScoreView.as_view(), name="score-self"),
    path(
        "criteria/<int:pk>/units/<int:unit_pk>/assess/", views.AssessScoreView.as_view(), name="score-assess"
    ),
    path("scores/<int:pk>/evidence/", views.ScoreEvidenceDownloadView.as_view(), name="score-evidence"),
    path("criteria/<int:pk>/ranking/", views.RankingView.as_view(), name="ranking"),
    path("criteria/<int:pk>/ranking.xlsx", views.RankingExportView.as_view(), name="ranking-xlsx"),
]
