"""What every .xlsx the application writes shares: the content type, the cell formats, the print
set-up and the header row's filter, and the neutralising of text that a spreadsheet would run as a
formula (formula injection: ``=HYPERLINK(...)``, ``-2+3+cmd|...``, ``@SUM(...)``).

It lives on the lowest floor so that every app's sheets (campaigns' consolidated registration,
the council's decision results, the reports' list exports, the import templates) use one rule,
and every sheet written is an exporter on one base (``SheetExporter``): its ``Column``s (header,
width, kind of value), rows of plain values, a totals row where the sheet has one.

Text is always stored as a string cell, never as a formula, so nothing a user typed is evaluated
on opening. What a spreadsheet *would* evaluate if the cell were edited (``=...``, ``@SUM(...)``,
``+A1``, ``-2+3``) also gets the "quote prefix" style: the cell shows the text exactly as typed,
without an apostrophe, and stays text when someone edits it. A phone number ("+84 251 3822 123"),
a dash alone or a dash-led sentence ("- Khen thưởng ...") is not a formula and is left plain.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.properties import PageSetupProperties

from .downloads import download_response

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
    quote-prefix style when a spreadsheet would otherwise evaluate it; anything else as it is.
    The control characters XML cannot hold (a pasted one) are dropped."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
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


# ---------------------------------------------------------------------------
# The export base: columns, rows of plain values, one or more sheets
# ---------------------------------------------------------------------------
TEXT, INTEGER, NUMBER, MONEY, DATE, DATETIME, YES_NO = (
    "text",
    "integer",
    "number",
    "money",
    "date",
    "datetime",
    "yes_no",
)
NUMBER_FORMATS = {
    INTEGER: "0",
    NUMBER: "#,##0.00",
    MONEY: MONEY_FORMAT,
    DATE: DATE_FORMAT,
    DATETIME: DATETIME_FORMAT,
}


@dataclass(frozen=True)
class Column:
    """A column of the sheet: its header, width and the kind of its values. A list export reads it
    from ``field`` (a ``values_list`` path); ``labels`` (a choices class or a mapping) turns a stored
    value into what people read. A value made of several stored ones (a number and its symbol)
    names them in ``fields`` and gives ``shown``, called with them in that order."""

    header: str
    width: int = 16
    kind: str = TEXT
    field: str = ""
    labels: Any = None
    fields: tuple[str, ...] = ()
    shown: Callable[..., Any] | None = None

    @property
    def paths(self) -> tuple[str, ...]:
        return self.fields or (self.field,)


def label_map(choices) -> dict:
    """{stored value: label} from a choices class, a mapping or (value, label) pairs."""
    if hasattr(choices, "choices"):
        choices = choices.choices
    elif isinstance(choices, dict):
        choices = choices.items()
    return {value: str(label) for value, label in choices}


def yes_no(value) -> str:
    return str(_("Có")) if value else str(_("Không"))


class Totals(tuple):
    """The totals row a sheet's rows end with: bold, below the autofilter's range so that sorting
    leaves it last."""

    __slots__ = ()


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterator[Sequence]  # plain values in column order; a ``Totals`` row last, if any


class SheetExporter:
    """One .xlsx file of one or more sheets, written row by row (openpyxl write-only) into a
    temporary file: memory stays flat for a list of any length.

    Subclasses set ``verbose_name``, ``filename_stem`` and ``columns`` and write ``iter_rows()``
    (one sequence of plain values per row, in column order), or ``sheets()`` for several sheets.
    Dates are real dates shown as dd/mm/yyyy, numbers are numbers, amounts in đồng carry thousands
    separators, and text is a string cell, never a formula (``neutralise``); with ``wrap_text``
    text wraps in its cell (a sheet read whole rather than filtered). Every sheet has an autofilter
    on its header row and the print set-up of ``setup_sheet``.
    """

    verbose_name = ""
    filename_stem: str = "danh-sach"
    columns: Sequence[Column] = ()
    wrap_text = False
    # Rows written as XML by ``DirectRows`` (long lists without a totals row), not cell by cell.
    direct_rows = False

    HEADER_FONT = Font(bold=True)
    HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
    HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
    WRAP_ALIGNMENT = Alignment(vertical="top", wrap_text=True)

    # --- what subclasses provide -------------------------------------------------------
    def iter_rows(self) -> Iterator[Sequence]:  # pragma: no cover - every exporter defines it
        raise NotImplementedError

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(self.sheet_title, self.columns, self.iter_rows())

    @property
    def sheet_title(self) -> str:
        return str(self.verbose_name)[:31]

    def filename(self) -> str:
        return f"{self.filename_stem}-{timezone.localdate():%Y%m%d}.xlsx"

    # --- writing --------------------------------------------------------------------------
    def _header_cell(self, ws, value):
        cell = WriteOnlyCell(ws, value=value)
        cell.font = self.HEADER_FONT
        cell.fill = self.HEADER_FILL
        cell.alignment = self.HEADER_ALIGNMENT
        return cell

    def _converters(self, ws, columns: Sequence[Column]):
        """One function per column turning a plain value into what the sheet stores."""

        def text(value):
            if value is None:
                return None
            cell = neutralise(ws, value if isinstance(value, str) else str(value))
            if self.wrap_text:
                cell.alignment = self.WRAP_ALIGNMENT
            return cell

        def number(value):
            if value is None or isinstance(value, int | float | Decimal):
                return value
            return text(value)

        def money(value):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                return money_cell(ws, value)
            return number(value)

        def dated(kind):
            number_format = NUMBER_FORMATS[kind]

            def convert(value):
                if value is None:
                    return None
                if isinstance(value, datetime.datetime):
                    if timezone.is_aware(value):
                        value = timezone.localtime(value)
                    value = value.replace(tzinfo=None, microsecond=0)
                    if kind == DATE:
                        value = value.date()
                elif not isinstance(value, datetime.date):
                    return text(value)
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = number_format
                return cell

            return convert

        def shown_yes_no(value):
            return None if value is None else yes_no(value)

        by_kind = {
            TEXT: text,
            INTEGER: number,
            NUMBER: number,
            MONEY: money,
            DATE: dated(DATE),
            DATETIME: dated(DATETIME),
            YES_NO: shown_yes_no,
        }
        return [by_kind[column.kind] for column in columns]

    def _totals_cells(self, ws, converters, row) -> list:
        cells = []
        for convert, value in zip(converters, row, strict=True):
            cell = convert(value)
            if not hasattr(cell, "data_type"):  # a plain value, not yet a cell
                cell = WriteOnlyCell(ws, value=cell)
            cell.font = self.HEADER_FONT
            cells.append(cell)
        return cells

    def write(self, fileobj) -> int:
        """Write the workbook into ``fileobj``; the number of data rows written."""
        wb = Workbook(write_only=True)
        count = 0
        for sheet in self.sheets():
            ws = wb.create_sheet(title=sheet.title)
            setup_sheet(ws, widths=[column.width for column in sheet.columns])
            ws.append([self._header_cell(ws, str(column.header)) for column in sheet.columns])
            if self.direct_rows and not self.wrap_text:
                count += DirectRows(ws, sheet.columns).write(sheet.rows)
                continue
            converters = self._converters(ws, sheet.columns)
            rows = 0
            for row in sheet.rows:
                if isinstance(row, Totals):
                    ws.append(self._totals_cells(ws, converters, row))
                    continue
                ws.append([convert(value) for convert, value in zip(converters, row, strict=True)])
                rows += 1
            finish_sheet(ws, columns=len(sheet.columns), last_row=rows + 1)
            count += rows
        wb.save(fileobj)
        return count

    def content(self) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()

    def response(self) -> FileResponse:
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        self.write(handle)
        handle.seek(0)
        return download_response(handle, filename=self.filename(), content_type=XLSX_CONTENT_TYPE)


# ---------------------------------------------------------------------------
# Long lists: the rows' XML written directly
# ---------------------------------------------------------------------------
def _xml_text(value: str) -> str:
    """Text as XML character data. A carriage return is written as a reference: a bare one would
    be read back as a line feed (XML 1.0, section 2.11, end-of-line handling)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class DirectRows:
    """The data rows of a write-only sheet written as the sheet's XML, the same cells openpyxl
    writes (inline strings, numbers, dates as serial numbers with their format, the quote-prefix
    style on text a spreadsheet would run as a formula), without an openpyxl cell object per value.

    openpyxl spends about 12 µs of CPU on each cell (a cell object, its value bound, its XML
    element); the staff export of ten provinces (150,000 rows of 11 columns) took 20 s of CPU
    that way, and takes about 3 s this way (``bench/dashboard.py``: ``staff_export_time``).
    The rows go to a temporary file, then into the sheet's own XML in place of a marker row once
    openpyxl has closed the sheet (its header, print set-up and autofilter stay openpyxl's).
    """

    def __init__(self, ws, columns: Sequence[Column]):
        self.ws = ws
        self.columns = columns
        self.letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        self.epoch = ws.parent.epoch

    def _style(self, **attributes) -> int:
        probe = WriteOnlyCell(self.ws)
        for name, value in attributes.items():
            setattr(probe, name, value)
        return probe.style_id  # registered in the workbook's styles

    def _cells(self):
        """One function per column: (value, reference) -> the cell's XML ('' for an empty cell)."""
        quoted = self._style(quotePrefix=True)

        def text(value, ref):
            if value is None:
                return ""
            if not isinstance(value, str):
                value = str(value)
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if not value:
                return f'<c r="{ref}" t="inlineStr"/>'  # as openpyxl writes it: read back as empty
            style = f' s="{quoted}"' if is_formula(value) else ""
            space = ' xml:space="preserve"' if value != value.strip() else ""
            return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_xml_text(value)}</t></is></c>'

        def number(value, ref):
            if value is None:
                return ""
            if isinstance(value, bool):
                return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
            if isinstance(value, int | float | Decimal):
                return f'<c r="{ref}" t="n"><v>{safe_string(value)}</v></c>'
            return text(value, ref)

        money_style = self._style(number_format=MONEY_FORMAT)

        def money(value, ref):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                return f'<c r="{ref}" s="{money_style}" t="n"><v>{safe_string(value)}</v></c>'
            return number(value, ref)

        def dated(kind):
            style = self._style(number_format=NUMBER_FORMATS[kind])

            def cell(value, ref):
                if value is None:
                    return ""
                if isinstance(value, datetime.datetime):
                    if timezone.is_aware(value):
                        value = timezone.localtime(value)
                    value = value.replace(tzinfo=None, microsecond=0)
                    if kind == DATE:
                        value = value.date()
                elif not isinstance(value, datetime.date):
                    return text(value, ref)
                return f'<c r="{ref}" s="{style}" t="n"><v>{safe_string(to_excel(value, self.epoch))}</v></c>'

            return cell

        def shown_yes_no(value, ref):
            return "" if value is None else text(yes_no(value), ref)

        by_kind = {
            TEXT: text,
            INTEGER: number,
            NUMBER: number,
            MONEY: money,
            DATE: dated(DATE),
            DATETIME: dated(DATETIME),
            YES_NO: shown_yes_no,
        }
        return [by_kind[column.kind] for column in self.columns]

    def write(self, rows) -> int:
        """Write the rows after the header row and close the sheet; the number of rows."""
        cells = list(zip(self._cells(), self.letters, strict=True))
        count = 0
        with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
            for row in rows:
                if isinstance(row, Totals):
                    raise ValueError("a sheet with a totals row is written cell by cell")
                r = count + 2
                body.write(f'<row r="{r}">')
                for (cell, letter), value in zip(cells, row, strict=True):
                    body.write(cell(value, f"{letter}{r}"))
                body.write("</row>")
                count += 1
            marker = f"rows-{uuid.uuid4().hex}"
            self.ws.append([marker])
            finish_sheet(self.ws, columns=len(self.columns), last_row=count + 1)
            self.ws.close()
            path = self.ws._writer.out  # noqa: SLF001 (the sheet's XML file openpyxl zips on save)
            with open(path, encoding="utf-8") as handle:
                xml = handle.read()
            at = xml.index(marker)
            start, end = xml.rindex("<row", 0, at), xml.index("</row>", at) + len("</row>")
            body.seek(0)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(xml[:start])
                shutil.copyfileobj(body, handle)
                handle.write(xml[end:])
        return count
