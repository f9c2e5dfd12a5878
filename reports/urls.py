from django.urls import path

from . import awards_documents, views

app_name = "reports"

urlpatterns = [
    path("plans/<int:pk>/pdf/", views.PlanPdfView.as_view(), name="plan-pdf"),
    path("plans/<int:pk>/docx/", views.PlanDocxView.as_view(), name="plan-docx"),
    path("campaigns/<int:pk>/pdf/", views.CampaignPdfView.as_view(), name="campaign-pdf"),
    path("campaigns/<int:pk>/docx/", views.CampaignDocxView.as_view(), name="campaign-docx"),
    path(
        "registration-rounds/<int:pk>/consolidated/pdf/",
        views.ConsolidatedPdfView.as_view(),
        name="consolidated-pdf",
    ),
    path("council/<int:pk>/minutes/pdf/", views.CouncilMinutesPdfView.as_view(), name="council-minutes-pdf"),
    path("decisions/<int:pk>/pdf/", views.DecisionPdfView.as_view(), name="decision-pdf"),
    path("decisions/<int:pk>/docx/", views.DecisionDocxView.as_view(), name="decision-docx"),
    path("proposals/<int:pk>/pdf/", views.ProposalPackPdfView.as_view(), name="proposal-pdf"),
    path("disclosure/<int:pk>/pdf/", awards_documents.DisclosurePdfView.as_view(), name="disclosure-pdf"),
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
