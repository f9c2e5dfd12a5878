from django.urls import include, path

from . import views, views_assignments, views_import, views_letters
from .bulk import SubmissionRemindBulkView

app_name = "plans"

plan_import = [
    path("", views_import.PlanImportView.as_view(), name="import"),
    path("preview/", views_import.PlanImportPreviewView.as_view(), name="import-preview"),
    path("save/", views_import.PlanImportSaveView.as_view(), name="import-save"),
]

plan = [
    path("", views.PlanDetailView.as_view(), name="detail"),
    path("edit/", views.PlanEditView.as_view(), name="edit"),
    path("issue/", views.PlanIssueView.as_view(), name="issue"),
    path("archive/", views.PlanArchiveView.as_view(), name="archive"),
    path("clone/", views.PlanCloneView.as_view(), name="clone"),
    path("new-version/", views.PlanNewVersionView.as_view(), name="new-version"),
    path("blocks/add/", views.BlockAddView.as_view(), name="block-add"),
]

block = [
    path("edit/", views.BlockEditView.as_view(), name="block-edit"),
    path("move/", views.BlockMoveView.as_view(), name="block-move"),
    path("delete/", views.BlockDeleteView.as_view(), name="block-delete"),
]

tasks = [
    path("", views.TaskListView.as_view(), name="task-list"),
    path("<int:pk>/progress/", views.TaskProgressView.as_view(), name="task-progress"),
    path("<int:pk>/evidence/", views.TaskEvidenceDownloadView.as_view(), name="task-evidence"),
    path("assignments/", views_assignments.AssignmentListView.as_view(), name="assignment-list"),
    path(
        "assignments/<int:pk>/progress/",
        views_assignments.AssignmentProgressView.as_view(),
        name="assignment-progress",
    ),
]

submissions = [
    path("", views.SubmissionListView.as_view(), name="submission-list"),
    path("remind/", SubmissionRemindBulkView.as_view(), name="submission-remind-bulk"),
    path("new/", views.SubmissionCreateView.as_view(), name="submission-create"),
    path("matrix/", views.SubmissionMatrixView.as_view(), name="submission-matrix"),
    path("<int:pk>/", views.SubmissionDetailView.as_view(), name="submission-detail"),
    path("<int:pk>/forward/", views.SubmissionForwardSendView.as_view(), name="submission-forward"),
    path("unit/<int:pk>/upload/", views.SubmissionUploadView.as_view(), name="submission-upload"),
    path("unit/<int:pk>/file/", views.SubmissionFileDownloadView.as_view(), name="submission-file"),
]

# Official letters (công văn)
letters = [
    path("", views_letters.LetterListView.as_view(), name="letter-list"),
    path("new/", views_letters.LetterCreateView.as_view(), name="letter-create"),
    path("import/", views_letters.LetterImportView.as_view(), name="letter-import"),
    path("<int:pk>/", views_letters.LetterDetailView.as_view(), name="letter-detail"),
    path("<int:pk>/edit/", views_letters.LetterEditView.as_view(), name="letter-edit"),
    path("<int:pk>/issue/", views_letters.LetterIssueView.as_view(), name="letter-issue"),
]

urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("new/", views.PlanCreateView.as_view(), name="create"),
    path("import/", include(plan_import)),
    path("<int:pk>/", include(plan)),
    path("blocks/<int:block_pk>/", include(block)),
    path("tasks/", include(tasks)),
    path("submissions/", include(submissions)),
    path("letters/", include(letters)),
]
