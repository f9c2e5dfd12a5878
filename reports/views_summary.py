"""The office's pages of the summary reports (báo cáo sơ kết, tổng kết): list, create, edit the
narrative, refresh the figures, issue, and the document as HTML preview, PDF and DOCX.

Access in the usual order: anonymous -> login page; not the office -> 403; unknown report -> 404.
An issued report is read-only: the edit and refresh permissions are false for it.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView, UpdateView

from units.concurrency import ConflictAwareSaveMixin
from units.confirm import ask_first, needs_confirmation
from units.enums import IssuedKind
from units.listing import ListFilterMixin
from units.refusals import RefusalMixin, Refused
from units.views import PagedListView, RulesMixin

from . import services
from .documents import render_html
from .enums import SummaryStatus
from .filters import SummaryFilter
from .forms import SummaryCreateForm, SummaryIssueForm, SummaryReportForm
from .models import SummaryReport
from .selectors import summaries_drafted, summaries_for_list, summaries_visible_to
from .summary import nomination_groups, summary_document, summary_file_stem
from .views import DocumentView, DocxMixin


class SummaryObjectMixin:
    role_permission = "reports.list_summaryreport"  # another role: 403 before the report is looked up

    @cached_property
    def report(self) -> SummaryReport:
        return get_object_or_404(summaries_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.report


class SummaryListView(ListFilterMixin, PagedListView):
    permission_required = "reports.list_summaryreport"
    template_name = "reports/summary/list.html"
    context_object_name = "reports"
    filterset_class = SummaryFilter

    def get_rows(self):
        if self.request.GET.get("status") == SummaryStatus.DRAFT:
            return summaries_drafted()  # the office's inbox counts the same rows
        return summaries_for_list()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = SummaryCreateForm(auto_id="new_%s")  # the filter's year holds id_year
        ctx["drafts_only"] = self.request.GET.get("status") == SummaryStatus.DRAFT
        return ctx


class SummaryCreateView(RefusalMixin, RulesMixin, FormView):
    permission_required = "reports.add_summaryreport"
    template_name = "reports/summary/create.html"
    form_class = SummaryCreateForm

    def form_valid(self, form):
        try:
            report = services.summary_report_create(
                year=form.cleaned_data["year"], kind=form.cleaned_data["kind"], by=self.request.user
            )
        except Refused as exc:
            self.refused(exc, form=form)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Đã lập dự thảo %(report)s với số liệu đến hôm nay.") % {"report": report}
        )
        return redirect(report)


def _key_figures(figures: dict) -> list[tuple[str, str]]:
    """The headline figures of a snapshot, for the report's page."""
    if not figures:
        return []
    tasks, sent = figures["tasks"]["totals"], figures["submissions"]["totals"]
    registrations, nominations = figures["registrations"], figures["nominations"]
    groups = nomination_groups(nominations["totals"])
    rows = [
        (
            _("Nhiệm vụ đến hạn trong kỳ"),
            _("%(total)s: hoàn thành %(done)s, quá hạn %(overdue)s, đang thực hiện %(open)s") % tasks,
        ),
        (
            _("Báo cáo, hồ sơ đơn vị phải gửi"),
            _("%(total)s: đúng hạn %(on_time)s, muộn %(late)s, chưa gửi %(missing)s") % sent,
        ),
        (_("Phong trào thi đua phát động"), str(figures["campaigns"]["total"])),
        (
            _("Bản đăng ký thi đua"),
            _("%(registrations)s (đã chấp nhận %(accepted)s)") % registrations,
        ),
        (
            _("Đề nghị khen thưởng lập trong kỳ"),
            _("%(total)s (được thông qua, đã khen thưởng %(approved)s)")
            % {"total": nominations["total"], "approved": groups["approved"]},
        ),
    ]
    if figures.get("council"):
        rows.append((_("Phiên họp Hội đồng TĐKT"), str(figures["council"]["sessions"])))
    if figures.get("awards"):
        awards = figures["awards"]
        rows.append(
            (
                _("Quyết định khen thưởng"),
                _("%(decisions)s: %(collective)s tập thể, %(individual)s cá nhân, %(amount)s đồng")
                % {
                    "decisions": awards["decisions"],
                    **{k: formats.number_format(v, force_grouping=True) for k, v in awards["totals"].items()},
                },
            )
        )
    rows.append((_("Cụm, khối thi đua đã xếp hạng"), str(len(figures["rankings"]["clusters"]))))
    return rows


class SummaryDetailView(RefusalMixin, SummaryObjectMixin, RulesMixin, TemplateView):
    permission_required = "reports.view_summaryreport"
    template_name = "reports/summary/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        report = self.report
        user = self.request.user
        ctx.update(
            report=report,
            figures=_key_figures(report.statistics),
            empty_sections=[
                SummaryReport._meta.get_field(name).verbose_name
                for name in services.NARRATIVE_FIELDS
                if not getattr(report, name).strip()
            ],
            can_edit=user.has_perm("reports.change_summaryreport", report),
            can_issue=report.is_draft and user.has_perm("reports.issue_summaryreport", report),
        )
        ctx.setdefault("issue_form", SummaryIssueForm())
        return ctx


class SummaryEditView(RefusalMixin, SummaryObjectMixin, RulesMixin, ConflictAwareSaveMixin, UpdateView):
    permission_required = "reports.change_summaryreport"
    template_name = "reports/summary/form.html"
    form_class = SummaryReportForm
    context_object_name = "report"
    success_message = gettext_lazy("Đã lưu nội dung báo cáo.")  # per request, in its language

    def get_object(self, queryset=None):
        return self.report

    def perform_save(self, form):
        fields = form.edited_fields()
        return services.summary_report_update(
            self.report, by=self.request.user, fields=fields, seen_updated_at=form.seen_version()
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)  # an edit conflict re-renders the form there
        except Refused as exc:  # issued meanwhile
            self.refused(exc, form=form)
            return self.form_invalid(form)

    def get_success_url(self):
        return self.report.get_absolute_url()


class SummaryRefreshView(RefusalMixin, SummaryObjectMixin, RulesMixin, View):
    """POST: compute the draft's figures again from today's data."""

    permission_required = "reports.change_summaryreport"

    def post(self, request, *args, **kwargs):
        try:
            services.summary_report_refresh(self.report, by=request.user)
        except Refused as exc:  # issued since the page was opened
            self.refused(exc)
            return redirect(self.report)
        messages.success(
            request,
            _("Đã cập nhật số liệu đến ngày %(day)s.")
            % {"day": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")},
        )
        return redirect(self.report)


class SummaryIssueView(SummaryDetailView):
    """POST: number and date the draft from the register; a repeat says it is already issued."""

    permission_required = "reports.issue_summaryreport"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = SummaryIssueForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(issue_form=form))
        report = self.report
        if needs_confirmation(request) and report.is_draft:
            day = form.cleaned_data["issue_date"] or timezone.localdate()
            return ask_first(
                request,
                title=_("Ban hành báo cáo?"),
                subject=str(report.title),
                consequences=[
                    _(
                        "Báo cáo được cấp số tiếp theo của sổ văn bản ký hiệu %(symbol)s năm %(year)s, "
                        "ngày ban hành %(day)s. Số đã cấp không thu hồi được."
                    )
                    % {"symbol": report.symbol, "year": day.year, "day": day.strftime("%d/%m/%Y")},
                    _("Số liệu và nội dung của báo cáo được giữ như lúc ban hành, không sửa được nữa."),
                ],
                button=_("Ban hành báo cáo"),
                cancel_url=report.get_absolute_url(),
            )
        try:
            issued = services.summary_report_issue(
                self.report, by=request.user, issue_date=form.cleaned_data["issue_date"]
            )
        except Refused as exc:
            self.refused(exc, form=form)
            return self.render_to_response(self.get_context_data(issue_form=form))
        report = self.report
        report.refresh_from_db()
        if issued:
            messages.success(request, _("Đã ban hành báo cáo %(number)s.") % {"number": report.number_text})
        else:
            messages.info(request, _("Báo cáo đã được ban hành từ trước, không có gì thay đổi."))
        return redirect(report)


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------
class SummaryPdfView(DocumentView):
    role_permission = "reports.list_summaryreport"
    permission_required = "reports.view_summaryreport"
    issued_kind = IssuedKind.SUMMARY
    visible_to, document_of, file_stem_of = summaries_visible_to, summary_document, summary_file_stem


class SummaryDocxView(DocxMixin, SummaryPdfView):
    pass


class SummaryPreviewView(SummaryPdfView):
    """A draft as HTML in the browser, with the same layout as the PDF. An issued report is shown
    as the PDF stored when it was issued (``DocumentView``), never rendered again from today's data."""

    def get(self, request, *args, **kwargs):
        report = self.get_object()
        if self.issued(report) is not None:
            return super().get(request, *args, **kwargs)
        response = HttpResponse(render_html(self.document(report)), content_type="text/html")
        response["Cache-Control"] = "private, no-store"
        return response
