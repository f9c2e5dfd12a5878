"""Exports of the awards app's lists: the award history, nominations, the verification queue,
disclosures, calls for nominations."""

from __future__ import annotations

from functools import partial

from django.db.models import BooleanField, Case, ExpressionWrapper, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from awards.enums import DISCLOSURE_SYMBOL, EligibilityStatus, NominationStatus
from awards.filters import (
    CallFilter,
    DisclosureFilter,
    NominationFilter,
    VerifyQueueFilter,
    verify_queue_params,
)
from awards.selectors import (
    calls_visible_to,
    disclosure_periods_visible_to,
    nominations_for_list,
    nominations_to_verify,
)
from catalog.enums import AchievementKind
from reports import history
from units.numbering import number_label
from units.xlsx import DATE, DATETIME, INTEGER, YES_NO, Column

from .base import Exporter, filtered_rows, register, strict_rows


def _recipient(person_id, printed, person, unit) -> str:
    """As issued: the name printed on the decision, never today's."""
    return printed or (person if person_id else unit)


def _recipient_unit(person_id, printed, person_unit, parent) -> str:
    """As issued: the unit printed on the decision; else a person's unit, a collective's parent."""
    return printed or (person_unit if person_id else parent)


@register
class AwardRecordExporter(Exporter):
    identifier = "awards"
    verbose_name = _("Lịch sử khen thưởng")
    permission_required = "reports.view_history"

    @cached_property
    def columns(self):
        """The last column marks the rows of a predecessor of the unit the export is filtered by."""
        predecessors, predecessor_note = self.predecessor_ids(), str(_("Đơn vị tiền thân"))
        return (
            Column(_("Năm thành tích"), 10, INTEGER, field="year"),
            Column(_("Danh hiệu / hình thức"), 34, field="award_type__name"),
            Column(_("Tên khen thưởng như trên quyết định"), 34, field="name_as_issued"),
            Column(
                _("Đối tượng"),
                10,
                field="person_id",
                shown=bool,
                labels={True: _("Cá nhân"), False: _("Tập thể")},
            ),
            Column(
                _("Cá nhân / tập thể"),
                32,
                fields=("person_id", "recipient_name", "person__full_name", "unit__name"),
                shown=_recipient,
            ),
            Column(
                _("Đơn vị"),
                36,
                fields=("person_id", "recipient_unit_name", "person__unit__name", "unit__parent__name"),
                shown=_recipient_unit,
            ),
            Column(_("Số quyết định"), 16, field="decision_number"),
            Column(_("Ngày quyết định"), 14, DATE, field="decision_date"),
            Column(_("Cấp quyết định"), 26, field="authority"),
            Column(_("Loại hình khen thưởng"), 26, field="achievement_kind", labels=AchievementKind),
            Column(_("Đã thu hồi"), 10, YES_NO, field="revoked"),
            Column(
                _("Ghi chú"),
                20,
                field="unit_id",
                shown=lambda unit_id: predecessor_note if unit_id in predecessors else "",
            ),
        )

    def queryset(self):
        return history.records_filtered(self.request).order_by("-year", "award_type__order", "pk")

    def predecessor_ids(self) -> set[int]:
        """Predecessors of the unit the export is filtered by: their rows are marked, as on the page."""
        filterset = history.history_filterset(self.request)
        filterset.is_valid()
        return history.predecessor_ids(filterset)


@register
class NominationExporter(Exporter):
    identifier = "nominations"
    verbose_name = _("Đề nghị khen thưởng")
    permission_required = "awards.list_nomination"
    columns = (
        Column(_("Cá nhân / tập thể"), 32, field="nominee"),
        Column(_("Đối tượng"), 10, field="is_individual", labels={True: _("Cá nhân"), False: _("Tập thể")}),
        Column(_("Chức vụ"), 22, field="nominee_position"),
        Column(_("Đơn vị công tác"), 36, field="nominee_unit"),
        Column(_("Đề nghị tặng"), 34, field="award_type__name"),
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Loại hình khen thưởng"), 26, field="achievement_kind", labels=AchievementKind),
        Column(_("Đơn vị đề nghị"), 36, field="proposing_unit__name"),
        Column(_("Tệp hồ sơ"), 10, INTEGER, field="file_count"),
        Column(_("Điều kiện"), 18, field="eligibility", labels=EligibilityStatus),
        Column(_("Trạng thái"), 24, field="status", labels=NominationStatus),
        Column(_("Gửi lúc"), 17, DATETIME, field="submitted_at"),
        Column(_("Tóm tắt thành tích"), 60, field="achievements"),
    )

    def rows(self) -> QuerySet:
        filterset = NominationFilter(
            self.params or None, queryset=nominations_for_list(self.user), request=self.request
        )
        return strict_rows(filterset)

    def queryset(self):
        """A person: their name, position and unit; a collective: its name and the unit above it."""
        individual = Q(person__isnull=False)
        return self.rows().annotate(
            is_individual=ExpressionWrapper(individual, output_field=BooleanField()),
            nominee=Case(When(individual, then="person__full_name"), default="unit__name"),
            nominee_position=Case(When(individual, then="person__position"), default=Value("")),
            nominee_unit=Case(When(individual, then="person__unit__name"), default="unit__parent__name"),
        )


@register
class VerifyQueueExporter(NominationExporter):
    """The office's verification queue: submitted nominations, oldest submission first."""

    identifier = "verify-queue"
    verbose_name = _("Đề nghị chờ thẩm định")
    permission_required = "awards.verify_nomination"
    columns = (*NominationExporter.columns, Column(_("Hạn thẩm định"), 14, DATE, field="verification_due"))

    def rows(self):
        """The queue's filters read as the page reads them (``awards.filters.verify_queue_params``),
        then its search, year and order."""
        queue = nominations_to_verify(self.user, **verify_queue_params(self.params))
        return filtered_rows(VerifyQueueFilter(self.params or None, queryset=queue))


def _disclosure_state(opens, closes) -> str:
    today = timezone.localdate()
    if opens <= today <= closes:
        return str(_("Đang nhận ý kiến"))
    return str(_("Đã kết thúc")) if today > closes else str(_("Sắp mở"))


@register
class DisclosureExporter(Exporter):
    identifier = "disclosures"
    verbose_name = _("Đợt công khai")
    permission_required = "awards.view_disclosure"
    columns = (
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Số thông báo"), 16, field="number", shown=partial(number_label, symbol=DISCLOSURE_SYMBOL)),
        Column(_("Ngày ban hành"), 14, DATE, field="issued_on"),
        Column(_("Nhận ý kiến từ ngày"), 14, DATE, field="opens"),
        Column(_("Đến hết ngày"), 14, DATE, field="closes"),
        Column(_("Tình trạng"), 18, fields=("opens", "closes"), shown=_disclosure_state),
        Column(_("Thông báo"), 60, field="note"),
    )

    def queryset(self):
        rows = disclosure_periods_visible_to(self.user)
        return filtered_rows(DisclosureFilter(self.params or None, queryset=rows))  # search, year, order


def _call_state(active, deadline) -> str:
    if not active:
        return str(_("Đã đóng"))
    return str(_("Đã quá hạn")) if deadline < timezone.localdate() else str(_("Đang nhận đề nghị"))


@register
class NominationCallExporter(Exporter):
    identifier = "calls"
    verbose_name = _("Đợt đề nghị khen thưởng")
    permission_required = "awards.manage_nomination_calls"
    columns = (
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Hạn gửi đề nghị"), 14, DATE, field="deadline"),
        Column(_("Tình trạng"), 18, fields=("active", "deadline"), shown=_call_state),
        Column(_("Nhắc cả đơn vị chưa có đề nghị"), 14, YES_NO, field="remind_units_without_nominations"),
        Column(_("Ghi chú, hướng dẫn"), 60, field="note"),
    )

    def queryset(self):
        rows = calls_visible_to(self.user)
        return filtered_rows(CallFilter(self.params or None, queryset=rows))  # search, year, order
