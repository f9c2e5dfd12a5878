from django.urls import path

from . import views
from .bulk import NominationBulkView

app_name = "awards"

urlpatterns = [
    path("nominations/", views.NominationListView.as_view(), name="nomination-list"),
    path("nominations/new/", views.NominationCreateView.as_view(), name="nomination-create"),
    path("nominations/people/", views.NominationPersonSearchView.as_view(), name="nomination-person-search"),
    path(
        "nominations/initiatives/",
        views.NominationInitiativesView.as_view(),
        name="nomination-initiatives",
    ),
    path("nominations/verify/", views.VerifyQueueView.as_view(), name="verify-queue"),
    path("nominations/bulk/", NominationBulkView.as_view(), name="nomination-bulk"),
    path("nominations/recheck/", views.RecheckYearView.as_view(), name="recheck-year"),
    path("nominations/<int:pk>/", views.NominationDetailView.as_view(), name="nomination-detail"),
    path("nominations/<int:pk>/edit/", views.NominationEditView.as_view(), name="nomination-edit"),
    path(
        "nominations/<int:pk>/transition/<str:to>/",
        views.NominationTransitionView.as_view(),
        name="nomination-transition",
    ),
    path("nominations/<int:pk>/recheck/", views.NominationRecheckView.as_view(), name="nomination-recheck"),
    path("nominations/<int:pk>/files/new/", views.DossierUploadView.as_view(), name="dossier-upload"),
    path(
        "nominations/<int:pk>/files/<int:file_pk>/",
        views.DossierDownloadView.as_view(),
        name="dossier-download",
    ),
    path(
        "nominations/<int:pk>/files/<int:file_pk>/preview/",
        views.DossierPreviewView.as_view(),
        name="dossier-preview",
    ),
    path(
        "nominations/<int:pk>/files/<int:file_pk>/inline/",
        views.DossierInlineView.as_view(),
        name="dossier-inline",
    ),
    path(
        "nominations/<int:pk>/files/<int:file_pk>/delete/",
        views.DossierDeleteView.as_view(),
        name="dossier-delete",
    ),
    path("disclosure/", views.DisclosureListView.as_view(), name="disclosure-list"),
    path("disclosure/new/", views.DisclosureCreateView.as_view(), name="disclosure-create"),
    path("disclosure/<int:pk>/", views.DisclosureDetailView.as_view(), name="disclosure-detail"),
    path("disclosure/<int:pk>/edit/", views.DisclosureEditView.as_view(), name="disclosure-edit"),
    path("disclosure/<int:pk>/issue/", views.DisclosureIssueView.as_view(), name="disclosure-issue"),
    path(
        "disclosure/<int:pk>/comments/<int:comment_pk>/moderate/",
        views.DisclosureCommentModerateView.as_view(),
        name="disclosure-comment-moderate",
    ),
    path("calls/", views.CallListView.as_view(), name="call-list"),
    path("calls/new/", views.CallCreateView.as_view(), name="call-create"),
    path("calls/<int:pk>/", views.CallDetailView.as_view(), name="call-detail"),
    path("calls/<int:pk>/edit/", views.CallEditView.as_view(), name="call-edit"),
    path("history/person/<int:pk>/", views.PersonHistoryView.as_view(), name="person-history"),
    path("history/unit/<int:pk>/", views.UnitHistoryView.as_view(), name="unit-history"),
    path("imports/<str:kind>/", views.ImportView.as_view(), name="import"),
    path("imports/<str:kind>/template.xlsx", views.ImportTemplateView.as_view(), name="import-template"),
    path("imports/<str:kind>/confirm/", views.ImportConfirmView.as_view(), name="import-confirm"),
]
