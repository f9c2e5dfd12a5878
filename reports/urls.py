from django.urls import path

from . import awards_documents, views

app_name = "reports"


def document_paths(prefix: str, name: str, pdf_view, docx_view) -> list:
    """One official document's two downloads: ``<prefix>pdf/`` and ``<prefix>docx/``, named
    ``<name>-pdf`` and ``<name>-docx``."""
    return [
        path(f"{prefix}pdf/", pdf_view.as_view(), name=f"{name}-pdf"),
        path(f"{prefix}docx/", docx_view.as_view(), name=f"{name}-docx"),
    ]


urlpatterns = [
    *document_paths("plans/<int:pk>/", "plan", views.PlanPdfView, views.PlanDocxView),
    *document_paths("letters/<int:pk>/", "letter", views.LetterPdfView, views.LetterDocxView),
    *document_paths("campaigns/<int:pk>/", "campaign", views.CampaignPdfView, views.CampaignDocxView),
    *document_paths(
        "registration-rounds/<int:pk>/consolidated/",
        "consolidated",
        views.ConsolidatedPdfView,
        views.ConsolidatedDocxView,
    ),
    *document_paths(
        "council/<int:pk>/minutes/",
        "council-minutes",
        views.CouncilMinutesPdfView,
        views.CouncilMinutesDocxView,
    ),
    *document_paths("decisions/<int:pk>/", "decision", views.DecisionPdfView, views.DecisionDocxView),
    *document_paths(
        "proposals/<int:pk>/",
        "proposal",
        awards_documents.ProposalPackPdfView,
        awards_documents.ProposalPackDocxView,
    ),
    *document_paths(
        "disclosure/<int:pk>/",
        "disclosure",
        awards_documents.DisclosurePdfView,
        awards_documents.DisclosureDocxView,
    ),
]

# Dashboards, exports and award history (reports.views_dashboard, reports.views_exports, reports.history)
from . import history, views_dashboard, views_exports  # noqa: E402

urlpatterns += [
    path("dashboard/", views_dashboard.OfficeDashboardView.as_view(), name="dashboard"),
    path("dashboard/unit/", views_dashboard.UnitDashboardView.as_view(), name="unit-dashboard"),
    path("dashboard/council/", views_dashboard.CouncilDashboardView.as_view(), name="council-dashboard"),
    path("export/<slug:name>.xlsx", views_exports.ExportView.as_view(), name="export"),
    path("history/", history.HistoryView.as_view(), name="history"),
    path("history/person/<int:pk>/", history.PersonHistoryView.as_view(), name="history-person"),
    path("history/unit/<int:pk>/", history.UnitHistoryView.as_view(), name="history-unit"),
]

# Summary reports: báo cáo sơ kết 6 tháng, tổng kết năm (reports.views_summary)
from . import views_summary  # noqa: E402

urlpatterns += [
    path("summary/", views_summary.SummaryListView.as_view(), name="summary-list"),
    path("summary/new/", views_summary.SummaryCreateView.as_view(), name="summary-create"),
    path("summary/<int:pk>/", views_summary.SummaryDetailView.as_view(), name="summary-detail"),
    path("summary/<int:pk>/edit/", views_summary.SummaryEditView.as_view(), name="summary-edit"),
    path("summary/<int:pk>/refresh/", views_summary.SummaryRefreshView.as_view(), name="summary-refresh"),
    path("summary/<int:pk>/issue/", views_summary.SummaryIssueView.as_view(), name="summary-issue"),
    path("summary/<int:pk>/preview/", views_summary.SummaryPreviewView.as_view(), name="summary-preview"),
    *document_paths(
        "summary/<int:pk>/", "summary", views_summary.SummaryPdfView, views_summary.SummaryDocxView
    ),
]
