"""Exports of the plans app's lists: plans, tasks, the units' shares, submissions, official letters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from plans.enums import (
    LetterStatus,
    PeriodKind,
    PlanKind,
    PlanStatus,
    SubmissionStatus,
    TaskDisplayStatus,
    TaskStatus,
)
from plans.filters import AssignmentFilter, LetterFilter, PlanFilter, TaskFilter
from plans.models import UnitSubmission
from plans.selectors import (
    assignments_visible_to,
    letters_visible_to,
    plans_for_list,
    tasks_visible_to,
    unit_submissions_visible_to,
)
from units.numbering import number_label
from units.rules import is_office_staff
from units.selectors import units_visible_to
from units.xlsx import DATE, DATETIME, INTEGER, Column

from .base import Exporter, filtered_rows, register, strict_rows


@register
class PlanExporter(Exporter):
    identifier = "plans"
    verbose_name = _("Kế hoạch")
    permission_required = "plans.list_plan"
    columns = (
        Column(_("Số, ký hiệu"), 18, fields=("number", "symbol"), shown=number_label),
        Column(_("Trích yếu"), 60, field="title"),
        Column(_("Năm"), 8, INTEGER, field="year"),
        Column(_("Loại"), 30, field="kind", labels=PlanKind),
        Column(_("Ngày ban hành"), 14, DATE, field="issue_date"),
        Column(_("Số nhiệm vụ"), 12, INTEGER, field="task_count"),
        Column(_("Nhiệm vụ chưa xong"), 12, INTEGER, field="open_task_count"),
        Column(_("Trạng thái"), 16, field="status", labels=PlanStatus),
    )

    def queryset(self):
        filterset = PlanFilter(self.params or None, queryset=plans_for_list(self.user), request=self.request)
        return strict_rows(filterset)


def _period_label(kind, value, start, end) -> str:
    if kind == PeriodKind.QUARTER and value:
        return str(_("Quý %(q)s")) % {"q": {1: "I", 2: "II", 3: "III", 4: "IV"}.get(value, value)}
    if kind == PeriodKind.MONTH and value:
        return str(_("Tháng %(m)s")) % {"m": value}
    if kind == PeriodKind.RANGE and (start or end):
        return "{} – {}".format(
            start.strftime("%d/%m/%Y") if start else "…", end.strftime("%d/%m/%Y") if end else "…"
        )
    return ""


@register
class TaskExporter(Exporter):
    identifier = "tasks"
    verbose_name = _("Nhiệm vụ")
    permission_required = "plans.list_plantask"
    columns = (
        Column(_("Kế hoạch"), 18, fields=("plan__number", "plan__symbol"), shown=number_label),
        Column(_("Nhiệm vụ"), 60, field="content"),
        Column(
            _("Thời gian thực hiện"),
            18,
            fields=("period_kind", "period_value", "start_date", "end_date"),
            shown=_period_label,
        ),
        Column(_("Hạn hoàn thành"), 14, DATE, field="due_date"),
        Column(_("Đơn vị chủ trì"), 36, field="lead_unit__name"),
        Column(_("Tình trạng"), 18, field="display_status", labels=TaskDisplayStatus),
        Column(_("Kết quả thực hiện"), 50, field="progress_note"),
        Column(_("Hoàn thành lúc"), 17, DATETIME, field="completed_at"),
    )

    def queryset(self):
        user = self.user
        filterset = TaskFilter(
            self.params or None,
            queryset=tasks_visible_to(user),
            request=self.request,
            units=units_visible_to(user).filter(active=True),
            default_when=TaskFilter.WHEN_ATTENTION if is_office_staff(user) else TaskFilter.WHEN_ALL,
        )
        return strict_rows(filterset)


@register
class AssignmentExporter(Exporter):
    identifier = "task-assignments"
    verbose_name = _("Phần việc của đơn vị")
    permission_required = "plans.list_plantask"
    filename_stem = "phan-viec-don-vi"
    columns = (
        Column(_("Nhiệm vụ"), 60, field="task__content"),
        Column(_("Hạn hoàn thành"), 14, DATE, field="task__due_date"),
        Column(_("Đơn vị"), 40, field="unit__name"),
        Column(_("Tình trạng"), 18, field="status", labels=TaskStatus),
        Column(_("Kết quả thực hiện"), 50, field="progress_note"),
        Column(_("Hoàn thành lúc"), 17, DATETIME, field="completed_at"),
    )

    def queryset(self):
        rows = assignments_visible_to(self.user)  # a unit head: their unit's shares
        return filtered_rows(AssignmentFilter(self.params or None, queryset=rows))  # search, year, order


class SubmissionExportFilter(django_filters.FilterSet):
    """The submission rows to export: by request, year of the due date, unit and status."""

    year = django_filters.NumberFilter(field_name="request__due_date", lookup_expr="year")
    request = django_filters.NumberFilter(field_name="request_id")
    unit = django_filters.NumberFilter(field_name="unit_id")
    display_status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = UnitSubmission
        fields = ["year", "request", "unit", "display_status"]


@register
class SubmissionExporter(Exporter):
    identifier = "submissions"
    verbose_name = _("Báo cáo của đơn vị")
    permission_required = "plans.list_submissionrequest"
    filename_stem = "bao-cao-don-vi"
    columns = (
        Column(_("Nội dung yêu cầu"), 50, field="request__title"),
        Column(_("Hạn gửi"), 13, DATE, field="request__due_date"),
        Column(_("Đơn vị"), 40, field="unit__name"),
        Column(_("Tình trạng"), 20, field="display_status", labels=SubmissionStatus),
        Column(_("Gửi lúc"), 17, DATETIME, field="submitted_at"),
        Column(_("Ghi chú"), 40, field="note"),
    )

    def queryset(self):
        base = unit_submissions_visible_to(self.user).order_by(
            "request__due_date", "request_id", "unit__order", "unit__name"
        )
        return filtered_rows(SubmissionExportFilter(self.params or None, queryset=base, request=self.request))


def _letter_number(number, issuer, office, status) -> str:
    """The number and symbol of an issued letter; blank for a draft."""
    return number_label(number if status != LetterStatus.DRAFT else None, f"{issuer}-{office}")


@register
class LetterExporter(Exporter):
    identifier = "letters"
    verbose_name = _("Công văn")
    permission_required = "plans.list_letter"
    columns = (
        Column(
            _("Số, ký hiệu"),
            18,
            fields=("number", "issuer_code", "office_code", "status"),
            shown=_letter_number,
        ),
        Column(_("Trích yếu"), 60, field="subject", shown="V/v {}".format),
        Column(_("Kính gửi"), 50, field="addressees", shown=lambda names: "; ".join(map(str, names or []))),
        Column(_("Ngày ban hành"), 14, DATE, field="issue_date"),
        Column(_("Người ký"), 24, field="signer_name"),
        Column(_("Trạng thái"), 16, field="status", labels=LetterStatus),
    )

    def queryset(self):
        rows = letters_visible_to(self.user).order_by("-created_at", "-pk")
        return filtered_rows(LetterFilter(self.params or None, queryset=rows))  # the page's search, year
