from django.urls import path

from . import views, views_dossier

app_name = "council"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="session-list"),
    path("mine/", views.MySessionsView.as_view(), name="my-sessions"),
    path("new/", views.SessionCreateView.as_view(), name="session-create"),
    path("<int:pk>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("<int:pk>/transition/", views.SessionTransitionView.as_view(), name="session-transition"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/minutes-heading/", views.MinutesHeadingView.as_view(), name="minutes-heading"),
    path("<int:pk>/agenda/add/", views.AgendaAddView.as_view(), name="agenda-add"),
    path("<int:pk>/agenda/<int:item_pk>/remove/", views.AgendaRemoveView.as_view(), name="agenda-remove"),
    path(
        "<int:pk>/agenda/<int:item_pk>/dossier/",
        views_dossier.ItemDossierView.as_view(),
        name="item-dossier",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/files/<int:file_pk>/",
        views_dossier.ItemFileDownloadView.as_view(),
        name="item-file-download",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/files/<int:file_pk>/preview/",
        views_dossier.ItemFilePreviewView.as_view(),
        name="item-file-preview",
    ),
    path(
        "<int:pk>/agenda/<int:item_pk>/files/<int:file_pk>/inline/",
        views_dossier.ItemFileInlineView.as_view(),
        name="item-file-inline",
    ),
    path("<int:pk>/vote/", views.VoteView.as_view(), name="vote"),
    path("<int:pk>/vote/undo/", views.VoteUndoView.as_view(), name="vote-undo"),
    path("<int:pk>/written-opinion/", views.WrittenOpinionView.as_view(), name="written-opinion"),
    path("<int:pk>/results/<int:result_pk>/tie/", views.TieSettleView.as_view(), name="tie-settle"),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/new/", views.DecisionCreateView.as_view(), name="decision-create"),
    path("decisions/revoke/", views.DecisionRevokeView.as_view(), name="decision-revoke"),
    path("decisions/correct/", views.DecisionCorrectView.as_view(), name="decision-correct"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("decisions/<int:pk>/results.xlsx", views.DecisionXlsxView.as_view(), name="decision-xlsx"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal-list"),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path("proposals/<int:pk>/sent/", views.ProposalSentView.as_view(), name="proposal-sent"),
    path("proposals/<int:pk>/reply/", views.ProposalReplyView.as_view(), name="proposal-reply"),
]
