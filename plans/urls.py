from django.urls import path

from . import views, views_assignments, views_import
from .bulk import SubmissionRemindBulkView

app_name = "plans"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="list"),
    path("new/", views.PlanCreateView.as_view(), name="create"),
    path("import/", views_import.PlanImportView.as_view(), name="import"),
    path("import/preview/", views_import.PlanImportPreviewView.as_view(), name="import-preview"),
    path("import/save/", views_import.PlanImportSaveView.as_view(), name="import-save"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PlanEditView.as_view(), name="edit"),
    path("<int:pk>/issue/", views.PlanIssueView.as_view(), name="issue"),
    path("<int:pk>/archive/", views.PlanArchiveView.as_view(), name="archive"),
    path("<int:pk>/clone/", views.PlanCloneView.as_view(), name="clone"),
    path("<int:pk>/new-version/", views.PlanNewVersionView.as_view(), name="new-version"),
    path("<int:pk>/blocks/add/", views.BlockAddView.as_view(), name="block-add"),
    path("blocks/<int:block_pk>/edit/", views.BlockEditView.as_view(), name="block-edit"),
    path("blocks/<int:block_pk>/move/", views.BlockMoveView.as_view(), name="block-move"),
    path("blocks/<int:block_pk>/delete/", views.BlockDeleteView.as_view(), name="block-delete"),
    path("tasks/", views.TaskListView.as_view(), name="task-list"),
    path("tasks/<int:pk>/progress/", views.TaskProgressView.as_view(), name="task-progress"),
    path("tasks/<int:pk>/evidence/", views.TaskEvidenceDownloadView.as_view(), name="task-evidence"),
    path("tasks/assignments/", views_assignments.AssignmentListView.as_view(), name="assignment-list"),
    path(
        "tasks/assignments/<int:pk>/progress/",
        views_assignments.AssignmentProgressView.as_view(),
        name="assignment-progress",
    ),
    path("submissions/", views.SubmissionListView.as_view(), name="submission-list"),
    path("submissions/remind/", SubmissionRemindBulkView.as_view(), name="submission-remind-bulk"),
    path("submissions/new/", views.SubmissionCreateView.as_view(), name="submission-create"),
    path("submissions/matrix/", views.SubmissionMatrixView.as_view(), name="submission-matrix"),
    path("submissions/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission-detail"),
    path(
        "submissions/<int:pk>/forward/", views.SubmissionForwardSendView.as_view(), name="submission-forward"
    ),
    path("submissions/unit/<int:pk>/upload/", views.SubmissionUploadView.as_view(), name="submission-upload"),
    path(
        "submissions/unit/<int:pk>/file/", views.SubmissionFileDownloadView.as_view(), name="submission-file"
    ),
]

# Official letters (công văn): plans.views_letters
from . import views_letters  # noqa: E402

urlpatterns += [
    path("letters/", views_letters.LetterListView.as_view(), name="letter-list"),
    path("letters/new/", views_letters.LetterCreateView.as_view(), name="letter-create"),
    path("letters/import/", views_letters.LetterImportView.as_view(), name="letter-import"),
    path("letters/<int:pk>/", views_letters.LetterDetailView.as_view(), name="letter-detail"),
    path("letters/<int:pk>/edit/", views_letters.LetterEditView.as_view(), name="letter-edit"),
    path("letters/<int:pk>/issue/", views_letters.LetterIssueView.as_view(), name="letter-issue"),
]
