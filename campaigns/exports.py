"""Excel exports (openpyxl, write-only): the consolidated registration and the cluster rankings.

Every text cell passes through ``units.xlsx.neutralise`` so that a name typed as
"=HYPERLINK(...)" stays text; every sheet has its header row's autofilter and the print set-up
of ``units.xlsx.setup_sheet``.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from units.xlsx import DATE_FORMAT, MONEY_FORMAT, XLSX_CONTENT_TYPE, finish_sheet, neutralise, setup_sheet

__all__ = ["XLSX_CONTENT_TYPE", "SheetWriter", "consolidated_registration_xlsx", "ranking_xlsx"]


class SheetWriter:
    """A write-only sheet with a bold, frozen and filtered header row, column widths, the print
    set-up and a bold totals row. ``money`` and ``dates`` name the columns (0-based) holding amounts
    in đồng and dates; they get their number formats."""

    HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        headers: list[tuple[str, int]],
        *,
        money: tuple[int, ...] = (),
        dates: tuple[int, ...] = (),
    ):
        self.ws = workbook.create_sheet(title=title)
        self.columns = len(headers)
        self.formats = dict.fromkeys(money, MONEY_FORMAT) | dict.fromkeys(dates, DATE_FORMAT)
        setup_sheet(self.ws, widths=[width for _label, width in headers])
        self.ws.append([self._cell(label, bold=True, fill=True) for label, _width in headers])
        self.rows = 1
        self._finish()

    def _finish(self) -> None:
        finish_sheet(self.ws, columns=self.columns, last_row=self.rows)

    def _cell(self, value, *, bold=False, fill=False, wrap=False, number_format=None):
        cell = neutralise(self.ws, value)
        if not hasattr(cell, "data_type"):
            cell = WriteOnlyCell(self.ws, value=cell)
        if number_format and not isinstance(value, str):
            cell.number_format = number_format
        if bold:
            cell.font = Font(bold=True)
        if fill:
            cell.fill = self.HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif wrap:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        return cell

    def row(self, values):
        self.ws.append(
            [
                self._cell(v, wrap=isinstance(v, str), number_format=self.formats.get(k))
                for k, v in enumerate(values)
            ]
        )
        self.rows += 1
        self._finish()

    def totals(self, values):
        """The totals row: outside the autofilter's range, so that sorting leaves it last."""
        self.ws.append(
            [self._cell(v, bold=True, number_format=self.formats.get(k)) for k, v in enumerate(values)]
        )


def _to_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def consolidated_registration_xlsx(round_, collectives, individuals) -> bytes:
    """Sheet "Tập thể" and sheet "Cá nhân", one row per registered line, with a totals row."""
    wb = Workbook(write_only=True)

    sheet = SheetWriter(
        wb,
        _("Tập thể"),
        [
            (_("STT"), 6),
            (_("Đơn vị đăng ký"), 36),
            (_("Tập thể"), 36),
            (_("Danh hiệu / hình thức đăng ký"), 34),
            (_("Trạng thái bản đăng ký"), 20),
            (_("Ghi chú"), 30),
        ],
    )
    count = 0
    for count, line in enumerate(collectives, start=1):  # noqa: B007 (count is used after the loop)
        reg = line.registration
        sheet.row(
            [count, reg.unit.name, line.unit.name, line.award_type.name, reg.get_status_display(), line.note]
        )
    sheet.totals([_("Tổng cộng"), None, _("%(n)d tập thể") % {"n": count}, None, None, None])

    sheet = SheetWriter(
        wb,
        _("Cá nhân"),
        [
            (_("STT"), 6),
            (_("Họ và tên"), 28),
            (_("Giới tính"), 10),
            (_("Chức vụ"), 24),
            (_("Khoa, phòng / đơn vị"), 32),
            (_("Đơn vị đăng ký"), 36),
            (_("Danh hiệu / hình thức đăng ký"), 30),
            (_("Trạng thái bản đăng ký"), 20),
            (_("Ghi chú"), 30),
        ],
    )
    count = 0
    for count, line in enumerate(individuals, start=1):  # noqa: B007
        person, reg = line.person, line.registration
        sheet.row(
            [
                count,
                person.full_name,
                person.get_gender_display(),
                person.position,
                person.unit.name,
                reg.unit.name,
                line.award_type.name,
                reg.get_status_display(),
                line.note,
            ]
        )
    sheet.totals(
        [_("Tổng cộng"), _("%(n)d cá nhân") % {"n": count}, None, None, None, None, None, None, None]
    )
    return _to_bytes(wb)


def ranking_xlsx(criteria_set, rankings) -> bytes:
    wb = Workbook(write_only=True)
    sheet = SheetWriter(
        wb,
        _("Xếp hạng"),
        [
            (_("Cụm, khối thi đua"), 34),
            (_("Hạng"), 8),
            (_("Đơn vị"), 40),
            (_("Điểm tự chấm"), 14),
            (_("Điểm thẩm định"), 14),
            (_("Điểm xếp hạng"), 14),
            (_("Dẫn đầu cụm, khối"), 16),
        ],
    )
    units = 0
    for entry in rankings:
        for row in entry["rows"]:
            units += 1
            sheet.row(
                [
                    entry["cluster"].name,
                    row.rank,
                    row.unit.name,
                    float(row.self_total),
                    float(row.assessed_total),
                    float(row.total),
                    _("Dẫn đầu") if row.leader else "",
                ]
            )
    sheet.totals([_("Tổng cộng"), None, _("%(n)d đơn vị") % {"n": units}, None, None, None, None])
    return _to_bytes(wb)
