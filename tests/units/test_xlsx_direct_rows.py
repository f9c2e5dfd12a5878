"""Long list exports write their rows' XML directly (``units.xlsx.DirectRows``): the sheet read
back with openpyxl holds the same cells, formats and styles as the same rows written cell by cell."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from units.xlsx import DATE, DATETIME, INTEGER, MONEY, NUMBER, TEXT, YES_NO, Column, SheetExporter

COLUMNS = (
    Column("Tên", 20, TEXT),
    Column("Số", 8, INTEGER),
    Column("Điểm", 8, NUMBER),
    Column("Tiền", 12, MONEY),
    Column("Ngày", 12, DATE),
    Column("Lúc", 16, DATETIME),
    Column("Có", 6, YES_NO),
)
ROWS = [
    ("Nguyễn Thị Ánh", 3, Decimal("9.50"), 1_800_000, datetime.date(2024, 3, 1), None, True),
    ('=HYPERLINK("http://x")', None, 2.5, None, None, None, False),
    ("  lề trái & <thẻ> ", True, "không phải số", "không phải tiền", "không phải ngày", None, None),
    (
        "Có ký tự\x07 điều khiển",
        -7,
        0,
        Decimal("2500.5"),
        datetime.datetime(2024, 5, 2, 23, 30, tzinfo=ZoneInfo("UTC")),
        datetime.datetime(2024, 5, 2, 23, 30, 15, 123, tzinfo=ZoneInfo("UTC")),
        None,
    ),
    ("- Khen thưởng đột xuất", 10**12, None, 0, None, datetime.datetime(2023, 1, 1, 8, 0), None),
    ("", 1, None, None, None, None, None),
    ("\r=1+1", None, None, None, None, None, None),
    ("dòng một\r\ndòng hai\tcột", None, None, None, None, None, None),
    (None, None, None, None, None, None, None),
]


class Rows(SheetExporter):
    verbose_name = "Danh sách"
    columns = COLUMNS

    def iter_rows(self):
        yield from ROWS


class DirectRowsExport(Rows):
    direct_rows = True


def cells(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return sheet, [
        [(c.value, c.number_format, c.quotePrefix, c.data_type) for c in row] for row in sheet.iter_rows()
    ]


def test_direct_rows_read_back_as_the_same_cells_as_rows_written_cell_by_cell(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"

    slow_sheet, slow = cells(Rows().content())
    fast_sheet, fast = cells(DirectRowsExport().content())

    assert fast == slow
    assert len(fast) == len(ROWS)  # the header and every row but the last, empty one
    assert fast_sheet.auto_filter.ref == slow_sheet.auto_filter.ref == "A1:G10"
    assert fast_sheet.freeze_panes == "A2"


def test_direct_rows_keep_text_never_a_formula_and_dates_as_dates(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"

    sheet, rows = cells(DirectRowsExport().content())

    formula_like = rows[2][0]
    assert formula_like == ('=HYPERLINK("http://x")', "General", True, "s")
    assert rows[3][0][0] == "  lề trái & <thẻ> "
    assert rows[4][0][0] == "Có ký tự điều khiển"
    assert rows[4][4][:2] == (datetime.datetime(2024, 5, 3), "dd/mm/yyyy")  # 23:30 UTC is the 3rd in Hà Nội
    assert rows[1][3][:2] == (1_800_000, "#,##0")
    assert rows[1][6][0] == "Có" and rows[2][6][0] == "Không"


def test_an_empty_list_writes_the_header_row_alone():
    class Empty(DirectRowsExport):
        def iter_rows(self):
            return iter(())

    sheet, rows = cells(Empty().content())

    assert [value for value, *_ in rows[0]] == [str(c.header) for c in COLUMNS]
    assert len(rows) == 1
