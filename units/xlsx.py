"""What every .xlsx the application writes shares: the content type, the cell formats, the print
set-up and the header row's filter, and the neutralising of text that a spreadsheet would run as a
formula (formula injection: ``=HYPERLINK(...)``, ``-2+3+cmd|...``, ``@SUM(...)``).

It lives on the lowest floor so that every app's sheets (campaigns' consolidated registration,
the council's decision results, the reports' list exports, the import templates) use one rule.

Text is always stored as a string cell, never as a formula, so nothing a user typed is evaluated
on opening. What a spreadsheet *would* evaluate if the cell were edited (``=...``, ``@SUM(...)``,
``+A1``, ``-2+3``) also gets the "quote prefix" style: the cell shows the text exactly as typed,
without an apostrophe, and stays text when someone edits it. A phone number ("+84 251 3822 123"),
a dash alone or a dash-led sentence ("- Khen thưởng ...") is not a formula and is left plain.
"""

from __future__ import annotations

import re

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@")
MONEY_FORMAT = "#,##0"  # 1.800.000 in a Vietnamese locale, 1,800,000 in an English one
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Column widths (Excel character units) an A4 portrait page holds at 100 %; wider sheets print landscape.
PORTRAIT_WIDTH = 95

# After "+" or "-": something a formula parser accepts as an expression, not just a number.
_FUNCTION = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\s*\(")  # SUM(  HYPERLINK(
_REFERENCE = re.compile(r"(?<![A-Za-z0-9])\$?[A-Za-z]{1,3}\$?\d+(?![A-Za-z0-9])")  # A1  $B$2
_OPERATION = re.compile(r"[\d)]\s*[-+*/^&<>=%]\s*[\d(A-Za-z$\"]")  # 2+3  1*A1
_DDE = re.compile(r"[|!]")  # cmd|' /C calc'!A0


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula if it were typed into a cell."""
    if not isinstance(text, str) or len(text) < 2 or not text.startswith(FORMULA_PREFIXES):
        return False
    head, rest = text[0], text[1:]
    if head == "=":
        return True
    if head == "@":
        return bool(_FUNCTION.match(rest) or _REFERENCE.match(rest))
    rest = rest.lstrip()
    if not rest or rest[0] in " -–":  # "- Khen thưởng ...", "--"
        return False
    return bool(
        _FUNCTION.search(rest) or _REFERENCE.search(rest) or _OPERATION.search(rest) or _DDE.search(rest)
    )


def neutralise(ws, value):
    """The cell for ``value`` in sheet ``ws``: text as a string cell (never a formula), with the
    quote-prefix style when a spreadsheet would otherwise evaluate it; anything else as it is."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(ws, value=None)
    cell._value = value  # noqa: SLF001 (the value setter turns "=..." into a formula)
    cell.data_type = "s"
    if is_formula(value):
        cell.quotePrefix = True
    return cell


def money_cell(ws, value):
    """An amount in đồng with thousands separators."""
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = MONEY_FORMAT
    return cell


def setup_sheet(ws, *, widths: list[float], header_row: int = 1) -> None:
    """Column widths, the frozen header row and the print set-up: A4, landscape when the columns
    are wider than a portrait page, fitted to one page wide, the header row repeated on every
    printed page. A write-only sheet takes these before its first row."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def finish_sheet(ws, *, columns: int, last_row: int, header_row: int = 1) -> None:
    """The autofilter on the header row, over every row written."""
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(last_row, header_row)}"
