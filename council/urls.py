from django.urls import include, path

from . import views, views_dossier

app_name = "council"

item_files = [
    path("<int:file_pk>/", views_dossier.ItemFileDownloadView.as_view(), name="item-file-download"),
    path("<int:file_pk>/preview/", views_dossier.ItemFilePreviewView.as_view(), name="item-file-preview"),
    path("<int:file_pk>/inline/", views_dossier.ItemFileInlineView.as_view(), name="item-file-inline"),
]

agenda = [
    path("add/", views.AgendaAddView.as_view(), name="agenda-add"),
    path("<int:item_pk>/remove/", views.AgendaRemoveView.as_view(), name="agenda-remove"),
    path("<int:item_pk>/dossier/", views_dossier.ItemDossierView.as_view(), name="item-dossier"),
    path("<int:item_pk>/files/", include(item_files)),
]

session = [
    path("", views.SessionDetailView.as_view(), name="session-detail"),
    path("transition/", views.SessionTransitionView.as_view(), name="session-transition"),
    path("attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("minutes-heading/", views.MinutesHeadingView.as_view(), name="minutes-heading"),
    path("agenda/", include(agenda)),
    path("vote/", views.VoteView.as_view(), name="vote"),
    path("vote/undo/", views.VoteUndoView.as_view(), name="vote-undo"),
    path("written-opinion/", views.WrittenOpinionView.as_view(), name="written-opinion"),
    path("results/<int:result_pk>/tie/", views.TieSettleView.as_view(), name="tie-settle"),
]

decisions = [
    path("", views.DecisionListView.as_view(), name="decision-list"),
    path("new/", views.DecisionCreateView.as_view(), name="decision-create"),
    path("revoke/", views.DecisionRevokeView.as_view(), name="decision-revoke"),
    path("correct/", views.DecisionCorrectView.as_view(), name="decision-correct"),
    path("<int:pk>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("<int:pk>/results.xlsx", views.DecisionXlsxView.as_view(), name="decision-xlsx"),
]

proposals = [
    path("", views.ProposalListView.as_view(), name="proposal-list"),
    path("new/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path("<int:pk>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path("<int:pk>/sent/", views.ProposalSentView.as_view(), name="proposal-sent"),
    path("<int:pk>/reply/", views.ProposalReplyView.as_view(), name="proposal-reply"),
]

urlpatterns = [
    path("", views.SessionListView.as_view(), name="session-list"),
    path("mine/", views.MySessionsView.as_view(), name="my-sessions"),
    path("new/", views.SessionCreateView.as_view(), name="session-create"),
    path("<int:pk>/", include(session)),
    path("decisions/", include(decisions)),
    path("proposals/", include(proposals)),
]
