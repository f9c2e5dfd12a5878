"""Exports of the council app's lists: sessions, decisions, proposals to a higher authority."""

from __future__ import annotations

from functools import partial

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from catalog.enums import Authority
from council.enums import PROPOSAL_SYMBOL, DecisionKind, ProposalStatus, SessionStatus
from council.filters import DecisionFilter, ProposalFilter, SessionFilter
from council.selectors import decisions_list, proposals_list, sessions_in_status, sessions_visible_to
from units.numbering import number_label
from units.xlsx import DATE, DATETIME, INTEGER, MONEY, Column

from .base import Exporter, filtered_rows, register, user_name


@register
class SessionExporter(Exporter):
    """Council sessions: every one for the office, a member's own sessions for a member."""

    identifier = "sessions"
    verbose_name = _("Phiên họp Hội đồng TĐKT")
    permission_required = "council.list_session"
    filename_stem = "phien-hop-hoi-dong"
    columns = (
        Column(_("Phiên họp"), 44, field="title"),
        Column(_("Năm xét khen thưởng"), 10, INTEGER, field="year"),
        Column(_("Thời gian"), 17, DATETIME, field="starts_at"),
        Column(_("Địa điểm"), 30, field="place"),
        Column(_("Chủ trì"), 26, field="chair_name"),
        Column(_("Thư ký"), 26, field="secretary_name"),
        Column(_("Thành viên"), 10, INTEGER, field="member_count"),
        Column(_("Đề nghị"), 10, INTEGER, field="item_count"),
        Column(_("Trạng thái"), 20, field="status", labels=SessionStatus),
    )

    def queryset(self):
        """The list's rows: its ``?status=`` (a home-page link), then its search, year and order."""
        status = self.params.get("status", "")
        if status in SessionStatus.values:
            rows = sessions_in_status(self.user, status)
        else:
            rows = sessions_visible_to(self.user)
        return filtered_rows(SessionFilter(self.params or None, queryset=rows)).annotate(
            chair_name=user_name("chair"), secretary_name=user_name("secretary")
        )


@register
class DecisionExporter(Exporter):
    identifier = "decisions"
    verbose_name = _("Quyết định khen thưởng")
    permission_required = "council.list_decision"
    columns = (
        Column(_("Số, ký hiệu"), 16, fields=("number", "symbol"), shown=number_label),
        Column(_("Ngày ký"), 13, DATE, field="date"),
        Column(_("Loại quyết định"), 24, field="kind", labels=DecisionKind),
        Column(_("Trích yếu"), 60, field="title"),
        Column(_("Năm thành tích"), 10, INTEGER, field="achievement_year"),
        Column(_("Thẩm quyền"), 22, field="authority", labels=Authority),
        Column(_("Người ký"), 24, field="signer_name"),
        Column(_("Số dòng"), 9, INTEGER, field="item_count"),
        Column(_("Tổng tiền thưởng (đồng)"), 18, MONEY, field="total_amount"),
    )

    def queryset(self):
        rows = decisions_list().annotate(total_amount=Coalesce(Sum("items__amount"), 0))
        return filtered_rows(DecisionFilter(self.params or None, queryset=rows))  # the page's search, year


@register
class ProposalExporter(Exporter):
    identifier = "proposals"
    verbose_name = _("Tờ trình cấp trên")
    permission_required = "council.list_proposal"
    columns = (
        Column(_("Trích yếu"), 60, field="title"),
        Column(_("Năm thành tích"), 10, INTEGER, field="year"),
        Column(_("Cấp có thẩm quyền"), 24, field="authority", labels=Authority),
        Column(_("Số tờ trình"), 16, field="number", shown=partial(number_label, symbol=PROPOSAL_SYMBOL)),
        Column(_("Ngày gửi"), 13, DATE, field="sent_on"),
        Column(_("Số đề nghị"), 10, INTEGER, field="nomination_count"),
        Column(_("Trạng thái"), 22, field="status", labels=ProposalStatus),
        Column(_("Số quyết định của cấp trên"), 20, field="reply_number"),
        Column(_("Ngày quyết định của cấp trên"), 14, DATE, field="reply_date"),
    )

    def queryset(self):
        return filtered_rows(ProposalFilter(self.params or None, queryset=proposals_list()))  # search, year
