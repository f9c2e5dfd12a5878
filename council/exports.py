"""Excel export of a decision's results, on the one export base (``units.xlsx.SheetExporter``:
text cells neutralised against formula injection, amounts with thousands separators, the
decision's date a real date). Only awardees and amounts: a ballot never reaches a sheet."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.xlsx import DATE, INTEGER, MONEY, NUMBER, Column, SheetExporter, Totals

__all__ = ["DecisionResultsExporter"]


class DecisionResultsExporter(SheetExporter):
    """One row per line of the decision, then the total of the rewards."""

    wrap_text = True
    columns = (
        Column(gettext_lazy("STT"), 6, INTEGER),
        Column(gettext_lazy("Họ và tên / tập thể"), 32),
        Column(gettext_lazy("Chức vụ"), 20),
        Column(gettext_lazy("Đơn vị"), 32),
        Column(gettext_lazy("Danh hiệu / hình thức"), 34),
        Column(gettext_lazy("Hệ số"), 8, NUMBER),
        Column(gettext_lazy("Tiền thưởng (đồng)"), 16, MONEY),
        Column(gettext_lazy("Số quyết định"), 16),
        Column(gettext_lazy("Ngày quyết định"), 14, DATE),
        Column(gettext_lazy("Ghi chú"), 30),
    )

    def __init__(self, decision, items):
        self.decision = decision
        self.items = items

    @property
    def sheet_title(self) -> str:
        return _("Kết quả khen thưởng")

    def iter_rows(self):
        decision = self.decision
        total = 0
        for item in self.items:
            total += item.amount or 0
            yield (
                item.order,
                item.recipient_name,
                item.recipient_position,
                item.recipient_unit_name,
                item.award_type.name,
                float(item.coefficient) if item.coefficient is not None else None,
                item.amount,
                decision.number_label,
                decision.date,
                item.note,
            )
        yield Totals(("", _("Tổng cộng"), "", "", "", None, total, "", "", ""))
