"""Excel export of a decision's results (openpyxl write-only; text cells neutralised against
formula injection by ``units.xlsx.neutralise``; amounts with thousands separators, the decision's
date a real date). Only awardees and amounts: a ballot never reaches a sheet."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from campaigns.exports import SheetWriter


def decision_xlsx(decision, items) -> bytes:
    wb = Workbook(write_only=True)
    sheet = SheetWriter(
        wb,
        _("Kết quả khen thưởng"),
        [
            (_("STT"), 6),
            (_("Họ và tên / tập thể"), 32),
            (_("Chức vụ"), 20),
            (_("Đơn vị"), 32),
            (_("Danh hiệu / hình thức"), 34),
            (_("Hệ số"), 8),
            (_("Tiền thưởng (đồng)"), 16),
            (_("Số quyết định"), 16),
            (_("Ngày quyết định"), 14),
            (_("Ghi chú"), 30),
        ],
        money=(6,),
        dates=(8,),
    )
    total = 0
    for item in items:
        total += item.amount or 0
        sheet.row(
            [
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
            ]
        )
    sheet.totals(["", _("Tổng cộng"), "", "", "", None, total, "", "", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
