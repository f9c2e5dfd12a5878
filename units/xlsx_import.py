"""Importing rows from an .xlsx upload: what every import shares (the staff import,
``units.staff_import``; the evaluations and award history, ``awards.imports``).

The flow is the same for each: the office downloads a template (``template_sheet`` writes its data
sheet), fills it in and uploads it; the file is opened with ``open_workbook`` (an .xlsx, not too
large, not a zip bomb), the header row found among the first rows by the columns' names and
aliases (``find_header``), the rows under it read as they are (``data_rows``) and checked without
writing anything into a report of the rows kept and refused (``ImportReport``); the user confirms
and ``rows_to_write`` says which rows may be written (``ImportReport.write`` writes them in one
transaction). Between report and confirm the bytes wait in the default storage under
``imports/<token>.xlsx`` (``upload_store`` / ``upload_open``) and are read again at confirm time,
because the database may have changed in between.
"""

from __future__ import annotations

import datetime
import io
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .xlsx import finish_sheet, setup_sheet

MAX_DATA_ROWS = 5000
HEADER_SEARCH_ROWS = 10  # the header may sit under a title line or two
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # a small upload must not unpack into gigabytes
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) format


# ---------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Column:
    field: str
    header: str  # as written in the template
    label: str  # the name used in messages ("Thiếu cột: Mã đơn vị")
    required: bool = False
    width: int = 18
    number_format: str = "@"  # text, so leading zeros of codes and phone numbers survive
    aliases: tuple[str, ...] = ()
    hint: str = ""


def fold(text: str) -> str:
    """Compare-friendly text: no diacritics, no case, single spaces, no "(hint)" or "*"."""
    text = unicodedata.normalize("NFC", str(text)).split("(")[0]
    text = text.replace("đ", "d").replace("Đ", "D").replace("*", " ")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def header_keys(columns: Sequence[Column]) -> dict[str, str]:
    """{folded header or alias: field}: what a header cell may say for each column."""
    return {fold(name): column.field for column in columns for name in (column.header, *column.aliases)}


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return (
            value.strftime("%d/%m/%Y")
            if value.time() == datetime.time()
            else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def parse_date(value, label: str, errors: list[str]) -> datetime.date | None:
    """A cell's date (a real date, or text as dd/mm/yyyy); None and a message in ``errors`` if not one."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(
        _("%(column)s '%(value)s' không hợp lệ (ghi theo dạng ngày/tháng/năm, ví dụ 27/01/1980).")
        % {"column": label, "value": text}
    )
    return None


# ---------------------------------------------------------------------------
# The template's data sheet
# ---------------------------------------------------------------------------
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_sheet(ws, columns: Sequence[Column]) -> None:
    """The data sheet of a template: the headers (required ones in yellow, each hint as a comment),
    the widths and cell formats of the columns, the frozen header row and the print set-up."""
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.hint:
            cell.comment = Comment(str(column.hint), "thiduakt")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].number_format = column.number_format
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    setup_sheet(ws, widths=[column.width for column in columns])
    finish_sheet(ws, columns=len(columns), last_row=1)


GUIDE_SHEET = "Hướng dẫn"


def guide_sheet(wb, title: str, *, steps: Sequence[str], first_width: int, heading: str = ""):
    """The template's guide sheet: its title in large bold type, then (under ``heading``) the
    numbered ``steps`` and a last one on the file taken (an .xlsx of at most ``MAX_DATA_ROWS``
    rows), then a blank line; two columns, the first ``first_width`` wide. The caller appends
    the rest (the columns and their notes)."""
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = first_width
    guide.column_dimensions["B"].width = 90
    guide.append([title])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([])
    if heading:
        guide.append([heading])
    limit = _("Tệp phải là tệp Excel .xlsx, tối đa %(rows)s dòng.") % {"rows": MAX_DATA_ROWS}
    for number, step in enumerate([*steps, limit], start=1):
        guide.append([f"{number}.", step])
    guide.append([])
    return guide


def workbook_bytes(wb) -> bytes:
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------
class ImportFileError(ValidationError):
    """The file as a whole cannot be imported (not an .xlsx, empty, missing columns...)."""

    def __init__(self, message, *, code=None, missing_columns=()):
        super().__init__(message, code=code)
        self.missing_columns = list(missing_columns)


def filesize_label(size: int) -> str:
    if size >= 1024 * 1024:
        return _("%(n)s MB") % {"n": f"{size / 1024 / 1024:.0f}"}
    return _("%(n)s KB") % {"n": f"{max(size / 1024, 1):.0f}"}


def _read_bytes(file) -> bytes:
    limit = settings.UPLOAD_MAX_BYTES
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(limit + 1)
    if not data:
        raise ImportFileError(_("Tệp rỗng, không có dữ liệu."), code="empty")
    if len(data) > limit:
        raise ImportFileError(
            _("Tệp quá lớn. Dung lượng tối đa là %(size)s.") % {"size": filesize_label(limit)}, code="too_big"
        )
    return data


def open_workbook(file):
    """Open the bytes as an .xlsx workbook (read-only) or raise ImportFileError saying why not."""
    data = _read_bytes(file)
    not_xlsx = _("Tệp không phải là tệp Excel .xlsx hợp lệ. Vui lòng dùng tệp mẫu và lưu dưới dạng .xlsx.")
    if data.startswith(OLE_MAGIC):
        raise ImportFileError(
            _(
                "Tệp Excel 97-2003 (.xls) chưa được hỗ trợ. "
                "Vui lòng mở tệp bằng Excel và lưu lại dưới dạng .xlsx."
            ),
            code="xls",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportFileError(not_xlsx, code="not_xlsx") from None
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise ImportFileError(not_xlsx, code="not_xlsx")
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(_("Tệp quá lớn sau khi giải nén."), code="too_big")
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same to the user
        raise ImportFileError(not_xlsx, code="not_xlsx") from None


def pick_sheet(wb, title: str):
    """The sheet named ``title`` (as the template names it), else the first one."""
    return next((ws for ws in wb.worksheets if fold(ws.title) == fold(title)), wb.worksheets[0])


def find_header(ws, keys: dict[str, str], *, anchor: str = "") -> tuple[int, dict[int, str]]:
    """(index of the header row, {column index: field}) among the sheet's first rows: the first
    row naming the ``anchor`` field, else the row naming the most columns."""
    best_index, best_map = 0, {}
    for index, row in enumerate(ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)):
        mapping = {}
        for col, value in enumerate(row):
            key = keys.get(fold(value)) if value is not None else None
            if key and key not in mapping.values():
                mapping[col] = key
        if anchor and anchor in mapping.values():
            return index, mapping
        if len(mapping) > len(best_map):
            best_index, best_map = index, mapping
    return best_index, best_map


def missing_columns_error(names: list[str]) -> ImportFileError:
    return ImportFileError(
        _("Tệp thiếu cột bắt buộc: %(columns)s. Vui lòng dùng tệp mẫu.") % {"columns": ", ".join(names)},
        code="missing_columns",
        missing_columns=names,
    )


def data_rows(ws, mapping: dict[int, str], header_index: int, *, max_row: int) -> Iterator[tuple[int, dict]]:
    """(row number as Excel shows it, {field: cell value}) of each row under the header up to
    ``max_row``, empty rows left out."""
    first = header_index + 2  # 1-based Excel numbering, the row after the header
    for number, values in enumerate(
        ws.iter_rows(min_row=first, max_row=max_row, values_only=True), start=first
    ):
        cells = {key: values[col] for col, key in mapping.items() if col < len(values)}
        if all(cell_text(v) == "" for v in cells.values()):
            continue
        yield number, cells


def no_rows_error() -> ImportFileError:
    return ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."), code="no_rows")


def read_rows(
    file,
    *,
    sheet: str,
    columns: Sequence[Column],
    anchor: str = "",
    either: tuple[tuple[str, ...], str] | None = None,
    too_many: str = "",
) -> tuple[str, list[tuple[int, dict]]]:
    """(the sheet's title, [(row number, {field: cell value})]) of an upload: the sheet named
    ``sheet`` (else the first), its header row (``find_header``), the rows under it. Refused
    (``ImportFileError``) when the file is not an .xlsx, a required column is missing (or none of
    the fields of ``either``, (fields, their name in the message)), no row holds data, or, with
    ``too_many`` (the message), more than ``MAX_DATA_ROWS`` rows do; without it the rows past that
    many are not read."""
    wb = open_workbook(file)
    try:
        ws = pick_sheet(wb, sheet)
        header_index, mapping = find_header(ws, header_keys(columns), anchor=anchor)
        found = set(mapping.values())
        missing = [str(c.label) for c in columns if c.required and c.field not in found]
        if either and not found & set(either[0]):
            missing.insert(0, str(either[1]))
        if missing:
            raise missing_columns_error(missing)
        rows = []
        max_row = HEADER_SEARCH_ROWS + MAX_DATA_ROWS + 1 if too_many else header_index + 2 + MAX_DATA_ROWS
        for number, cells in data_rows(ws, mapping, header_index, max_row=max_row):
            if too_many and len(rows) >= MAX_DATA_ROWS:
                raise ImportFileError(too_many % {"rows": MAX_DATA_ROWS}, code="too_many_rows")
            rows.append((number, cells))
        title = ws.title
    finally:
        wb.close()
    if not rows:
        raise no_rows_error()
    return title, rows


# ---------------------------------------------------------------------------
# The report of the rows kept and refused
# ---------------------------------------------------------------------------
@dataclass
class ImportRow:
    number: int  # the row number as Excel shows it
    raw: dict[str, str]  # the cells as text, for the preview
    data: dict = field(default_factory=dict)  # cleaned values of the non-empty cells
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list

    @property
    def valid_rows(self) -> list:
        return [row for row in self.rows if row.is_valid]

    @property
    def invalid_rows(self) -> list:
        return [row for row in self.rows if not row.is_valid]

    @property
    def error_count(self) -> int:
        return len(self.invalid_rows)

    @property
    def all_valid(self) -> bool:
        return bool(self.rows) and not self.invalid_rows

    def write(self, write_rows: Callable[[list], None], *, valid_only: bool, conflict: str) -> list:
        """Write the confirmed rows (``rows_to_write``) with ``write_rows`` in one transaction and
        return them. A clash with rows written meanwhile (an IntegrityError) rolls the whole import
        back and is refused with ``conflict``."""
        chosen = rows_to_write(self, valid_only=valid_only)
        try:
            with transaction.atomic():
                write_rows(chosen)
        except IntegrityError:
            raise ValidationError(conflict, code="conflict") from None
        return chosen


def rows_to_write(report: ImportReport, *, valid_only: bool) -> list:
    """The rows a confirmed import writes: every row, or with ``valid_only`` the valid ones.
    Refused (ValidationError) when invalid rows remain without ``valid_only``, or none is valid."""
    if report.invalid_rows and not valid_only:
        raise ValidationError(
            _("Tệp còn %(n)s dòng lỗi. Sửa tệp rồi tải lại, hoặc chọn “Chỉ nhập các dòng hợp lệ”.")
            % {"n": report.error_count},
            code="invalid_rows",
        )
    chosen = report.valid_rows
    if not chosen:
        raise ValidationError(_("Không có dòng hợp lệ nào để nhập."), code="no_valid_rows")
    return chosen


# ---------------------------------------------------------------------------
# Keeping the upload between report and confirm
# ---------------------------------------------------------------------------
UPLOAD_DIR = "imports"
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
STALE_AFTER = datetime.timedelta(days=1)


def _upload_path(token: str) -> str:
    if not TOKEN_RE.match(token or ""):
        raise ValueError("bad import token")
    return f"{UPLOAD_DIR}/{token}.xlsx"


def upload_store(data: bytes) -> str:
    """Keep uploaded bytes until the user confirms; returns the random token that names them."""
    uploads_purge_stale()
    token = secrets.token_hex(16)
    default_storage.save(_upload_path(token), ContentFile(data))
    return token


def upload_open(token: str) -> bytes | None:
    """The stored bytes, or None when the token is malformed or the file is gone."""
    try:
        path = _upload_path(token)
    except ValueError:
        return None
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def upload_discard(token: str) -> None:
    try:
        path = _upload_path(token)
    except ValueError:
        return
    default_storage.delete(path)


def uploads_purge_stale(*, now: datetime.datetime | None = None) -> int:
    """Delete uploads nobody confirmed within a day. Returns how many were removed."""
    now = now or timezone.now()
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        try:
            if now - default_storage.get_modified_time(path) > STALE_AFTER:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return removed
