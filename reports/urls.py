from django.urls import path

from . import awards_documents, views

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/pdf/", views.PlanPdfView.as_view(), name="plan-pdf"),
    path("plans/<int:pk>/docx/", views.PlanDocxView.as_view(), name="plan-docx"),
    path("letters/<int:pk>/pdf/", views.LetterPdfView.as_view(), name="letter-pdf"),
    path("letters/<int:pk>/docx/", views.LetterDocxView.as_view(), name="letter-docx"),
    path("campaigns/<int:pk>/pdf/", views.CampaignPdfView.as_view(), name="campaign-pdf"),
    path("campaigns/<int:pk>/docx/", views.CampaignDocxView.as_view(), name="campaign-docx"),
    path(
        "registration-rounds/<int:pk>/consolidated/pdf/",
        views.ConsolidatedPdfView.as_view(),
        name="consolidated-pdf",
    ),
    path(
        "registration-rounds/<int:pk>/consolidated/docx/",
        views.ConsolidatedDocxView.as_view(),
        name="consolidated-docx",
    ),
    path("council/<int:pk>/minutes/pdf/", views.CouncilMinutesPdfView.as_view(), name="council-minutes-pdf"),
    path(
        "council/<int:pk>/minutes/docx/", views.CouncilMinutesDocxView.as_view(), name="council-minutes-docx"
    ),
    path("decisions/<int:pk>/pdf/", views.DecisionPdfView.as_view(), name="decision-pdf"),
    path("decisions/<int:pk>/docx/", views.DecisionDocxView.as_view(), name="decision-docx"),
    path("proposals/<int:pk>/pdf/", awards_documents.ProposalPackPdfView.as_view(), name="proposal-pdf"),
    path("proposals/<int:pk>/docx/", awards_documents.ProposalPackDocxView.as_view(), name="proposal-docx"),
    path("disclosure/<int:pk>/pdf/", awards_documents.DisclosurePdfView.as_view(), name="disclosure-pdf"),
    path("disclosure/<int:pk>/docx/", awards_documents.DisclosureDocxView.as_view(), name="disclosure-docx"),
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
    path("summary/<int:pk>/pdf/", views_summary.SummaryPdfView.as_view(), name="summary-pdf"),
    path("summary/<int:pk>/docx/", views_summary.SummaryDocxView.as_view(), name="summary-docx"),
]
