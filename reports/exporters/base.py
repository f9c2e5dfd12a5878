"""Excel exports: one base class, one registry, one view (``reports:export <identifier>``).

Shaped like pretix's exporter (``src/pretix/base/exporter.py``): an exporter names itself, says
which permission the list page behind it asks for, and yields plain rows from the same scoped
selector and the same filterset as that page — so a unit head's export holds their unit's rows
and nothing else, whatever the querystring says. The base writes the rows with openpyxl in
write-only mode into a temporary file and hands that file to a ``FileResponse``: memory stays
flat for a list of any length.

Cells: dates are real dates shown as dd/mm/yyyy, numbers are numbers, amounts in đồng carry
thousands separators, and text is a string cell, never a formula (``units.xlsx.neutralise``).
Every sheet has an autofilter on its header row and prints on A4 fitted to the page's width,
landscape when wide, the header row repeated on each page (``units.xlsx.setup_sheet``).
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from units.downloads import download_response
from units.xlsx import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MONEY_FORMAT,
    XLSX_CONTENT_TYPE,
    finish_sheet,
    neutralise,
    setup_sheet,
)

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
    """A column of the sheet. With ``field`` (a ``values_list`` path) the base ``iter_rows`` reads
    it; ``labels`` (a choices class or a mapping) turns a stored value into what people read. A
    value made of several stored ones (a number and its symbol) names them in ``fields`` and
    gives ``shown``, called with them in that order."""

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


def _yes_no(value) -> str:
    return str(_("Có")) if value else str(_("Không"))


def label_map(choices) -> dict:
    """{stored value: label} from a choices class, a mapping or (value, label) pairs."""
    if hasattr(choices, "choices"):
        choices = choices.choices
    elif isinstance(choices, dict):
        choices = choices.items()
    return {value: str(label) for value, label in choices}


ACTIVE_LABELS = {True: _("Đang hoạt động"), False: _("Ngừng hoạt động")}


# ---------------------------------------------------------------------------
# The base
# ---------------------------------------------------------------------------
class Exporter:
    """One .xlsx export of a list page.

    Subclasses set ``identifier``, ``verbose_name``, ``permission_required`` (the list page's),
    ``columns`` and ``filename_stem``, and implement ``queryset()`` (the page's selector and
    filterset). When every column names its ``field`` (or ``fields``) the base ``iter_rows()``
    reads them;
    otherwise the subclass writes ``iter_rows()``: one sequence of plain values per row, in
    column order, read with ``values_list()`` and ``iterator()``.
    """

    identifier: str = ""
    verbose_name = ""
    permission_required: str = ""
    filename_stem: str = "danh-sach"
    columns: Sequence[Column] = ()
    chunk_size = 2000

    HEADER_FONT = Font(bold=True)
    HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
    HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def __init__(self, request):
        self.request = request
        self.user = request.user
        self.params = request.GET

    # --- what subclasses provide -------------------------------------------------------
    @property
    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    def queryset(self) -> QuerySet:  # pragma: no cover - every exporter defines it
        raise NotImplementedError

    def iter_rows(self) -> Iterator[Sequence]:
        """The columns' fields, each value made by its column's ``shown`` and named by its labels."""
        readers = []
        start = 0
        for column in self.columns:
            names = label_map(column.labels) if column.labels is not None else None
            end = start + len(column.paths)
            readers.append((slice(start, end), column.shown, names))
            start = end
        paths = [path for column in self.columns for path in column.paths]
        for row in self.stream(self.queryset(), *paths):
            values = []
            for part, shown, names in readers:
                value = shown(*row[part]) if shown is not None else row[part.start]
                values.append(value if names is None else names.get(value, value))
            yield values

    def has_permission(self) -> bool:
        return self.user.has_perm(self.permission_required)

    # --- helpers --------------------------------------------------------------------------
    def stream(self, queryset: QuerySet, *fields: str) -> Iterator[tuple]:
        """Plain tuples from the database, fetched ``chunk_size`` rows at a time."""
        return queryset.prefetch_related(None).values_list(*fields).iterator(chunk_size=self.chunk_size)

    def filename(self) -> str:
        return f"{self.filename_stem}-{timezone.localdate():%Y%m%d}.xlsx"

    @property
    def sheet_title(self) -> str:
        return str(self.verbose_name)[:31]

    # --- writing --------------------------------------------------------------------------
    def _header_cell(self, ws, value):
        cell = WriteOnlyCell(ws, value=value)
        cell.font = self.HEADER_FONT
        cell.fill = self.HEADER_FILL
        cell.alignment = self.HEADER_ALIGNMENT
        return cell

    def _converters(self, ws):
        """One function per column turning a plain value into what the sheet stores."""

        def text(value):
            if value is None:
                return None
            return neutralise(ws, value if isinstance(value, str) else str(value))

        def number(value):
            if value is None or isinstance(value, int | float | Decimal):
                return value
            return text(value)

        def money(value):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = MONEY_FORMAT
                return cell
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

        def yes_no(value):
            return None if value is None else _yes_no(value)

        by_kind = {
            TEXT: text,
            INTEGER: number,
            NUMBER: number,
            MONEY: money,
            DATE: dated(DATE),
            DATETIME: dated(DATETIME),
            YES_NO: yes_no,
        }
        return [by_kind[column.kind] for column in self.columns]

    def write(self, fileobj) -> int:
        """Write the workbook into ``fileobj``; the number of data rows written."""
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=self.sheet_title)
        setup_sheet(ws, widths=[column.width for column in self.columns])
        ws.append([self._header_cell(ws, header) for header in self.headers])
        converters = self._converters(ws)
        count = 0
        for row in self.iter_rows():
            ws.append([convert(value) for convert, value in zip(converters, row, strict=True)])
            count += 1
        finish_sheet(ws, columns=len(self.columns), last_row=count + 1)
        wb.save(fileobj)
        return count

    def response(self) -> FileResponse:
        handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
        self.write(handle)
        handle.seek(0)
        return download_response(handle, filename=self.filename(), content_type=XLSX_CONTENT_TYPE)


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------
registry: dict[str, type[Exporter]] = {}


def register(cls: type[Exporter]) -> type[Exporter]:
    if not cls.identifier or cls.identifier in registry:
        raise ValueError(f"exporter identifier missing or taken: {cls.identifier!r}")
    registry[cls.identifier] = cls
    return cls


def exporter_for(identifier: str) -> type[Exporter] | None:
    return registry.get(identifier)


def filtered_rows(filterset) -> QuerySet:
    """The filterset's rows, as a plain list page shows them (an invalid field is ignored)."""
    return filterset.qs


def strict_rows(filterset) -> QuerySet:
    """A ``FilterView`` page's rows: nothing when the filter form is invalid (its strict mode)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def user_name(prefix: str) -> Coalesce:
    """A user's name as ``str(user)`` prints it: their staff record's name, else the login."""
    return Coalesce(
        NullIf(f"{prefix}__person__full_name", Value("")),
        NullIf(Concat(f"{prefix}__first_name", Value(" "), f"{prefix}__last_name"), Value(" ")),
        f"{prefix}__username",
    )
