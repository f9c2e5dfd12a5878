from django.urls import include, path

from . import views
from .bulk import NominationBulkView

app_name = "awards"

dossier_files = [
    path("new/", views.DossierUploadView.as_view(), name="dossier-upload"),
    path("<int:file_pk>/", views.DossierDownloadView.as_view(), name="dossier-download"),
    path("<int:file_pk>/preview/", views.DossierPreviewView.as_view(), name="dossier-preview"),
    path("<int:file_pk>/inline/", views.DossierInlineView.as_view(), name="dossier-inline"),
    path("<int:file_pk>/delete/", views.DossierDeleteView.as_view(), name="dossier-delete"),
]

nomination = [
    path("", views.NominationDetailView.as_view(), name="nomination-detail"),
    path("edit/", views.NominationEditView.as_view(), name="nomination-edit"),
    path("transition/<str:to>/", views.NominationTransitionView.as_view(), name="nomination-transition"),
    path("recheck/", views.NominationRecheckView.as_view(), name="nomination-recheck"),
    path("files/", include(dossier_files)),
]

nominations = [
    path("", views.NominationListView.as_view(), name="nomination-list"),
    path("new/", views.NominationCreateView.as_view(), name="nomination-create"),
    path("people/", views.NominationPersonSearchView.as_view(), name="nomination-person-search"),
    path("initiatives/", views.NominationInitiativesView.as_view(), name="nomination-initiatives"),
    path("verify/", views.VerifyQueueView.as_view(), name="verify-queue"),
    path("bulk/", NominationBulkView.as_view(), name="nomination-bulk"),
    path("recheck/", views.RecheckYearView.as_view(), name="recheck-year"),
    path("<int:pk>/", include(nomination)),
]

disclosure = [
    path("", views.DisclosureListView.as_view(), name="disclosure-list"),
    path("new/", views.DisclosureCreateView.as_view(), name="disclosure-create"),
    path("<int:pk>/", views.DisclosureDetailView.as_view(), name="disclosure-detail"),
    path("<int:pk>/edit/", views.DisclosureEditView.as_view(), name="disclosure-edit"),
    path("<int:pk>/issue/", views.DisclosureIssueView.as_view(), name="disclosure-issue"),
    path(
        "<int:pk>/comments/<int:comment_pk>/moderate/",
        views.DisclosureCommentModerateView.as_view(),
        name="disclosure-comment-moderate",
    ),
]

calls = [
    path("", views.CallListView.as_view(), name="call-list"),
    path("new/", views.CallCreateView.as_view(), name="call-create"),
    path("<int:pk>/", views.CallDetailView.as_view(), name="call-detail"),
    path("<int:pk>/edit/", views.CallEditView.as_view(), name="call-edit"),
]

imports = [
    path("", views.ImportView.as_view(), name="import"),
    path("template.xlsx", views.ImportTemplateView.as_view(), name="import-template"),
    path("confirm/", views.ImportConfirmView.as_view(), name="import-confirm"),
]

urlpatterns = [
    path("nominations/", include(nominations)),
    path("disclosure/", include(disclosure)),
    path("calls/", include(calls)),
    path("history/person/<int:pk>/", views.PersonHistoryView.as_view(), name="person-history"),
    path("history/unit/<int:pk>/", views.UnitHistoryView.as_view(), name="unit-history"),
    path("imports/<str:kind>/", include(imports)),
]
