"""Staff import from an Excel (.xlsx) file: the template, the parser that checks every row, the import.

The flow: the office downloads the template (``staff_import_template``), fills it in and uploads
it; ``staff_import_parse`` reads and checks every row without writing anything and returns an
``ImportReport``; the user sees the report and confirms; ``staff_import_apply`` writes the chosen
rows in one transaction. Between preview and confirm the uploaded bytes wait in the default
storage under ``imports/<token>.xlsx`` (``staff_import_store`` / ``staff_import_open``) and are
parsed again at confirm time, because the database may have changed in between.
"""

import datetime
import hashlib
import io
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .enums import Gender
from .models import Person, Unit
from .services import person_import_save
from .xlsx import finish_sheet, neutralise, setup_sheet

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


COLUMNS = (
    Column(
        "staff_code",
        "Mã cán bộ",
        gettext_lazy("Mã cán bộ"),
        required=True,
        width=14,
        hint=gettext_lazy("Bắt buộc. Mã duy nhất của cán bộ trong toàn ngành."),
    ),
    Column(
        "full_name",
        "Họ và tên",
        gettext_lazy("Họ và tên"),
        required=True,
        width=28,
        aliases=("Họ tên",),
        hint=gettext_lazy("Bắt buộc."),
    ),
    Column(
        "gender",
        "Giới tính (Nam/Nữ)",
        gettext_lazy("Giới tính"),
        required=True,
        width=12,
        hint=gettext_lazy("Bắt buộc. Chọn Nam hoặc Nữ."),
    ),
    Column(
        "birth_date",
        "Ngày sinh (dd/mm/yyyy)",
        gettext_lazy("Ngày sinh"),
        width=14,
        number_format="DD/MM/YYYY",
        hint=gettext_lazy("Ngày/tháng/năm, ví dụ 27/01/1980."),
    ),
    Column(
        "unit",
        "Mã đơn vị",
        gettext_lazy("Mã đơn vị"),
        required=True,
        width=14,
        hint=gettext_lazy("Bắt buộc. Xem mã ở trang “Đơn vị”."),
    ),
    Column("position", "Chức vụ", gettext_lazy("Chức vụ"), width=22),
    Column(
        "rank",
        "Ngạch/chức danh",
        gettext_lazy("Ngạch/chức danh"),
        width=24,
        aliases=("Ngạch / chức danh nghề nghiệp", "Ngạch, chức danh", "Chức danh nghề nghiệp"),
    ),
    Column("email", "Thư điện tử", gettext_lazy("Thư điện tử"), width=26, aliases=("Email", "E-mail")),
    Column("phone", "Điện thoại", gettext_lazy("Điện thoại"), width=14, aliases=("Số điện thoại",)),
    Column(
        "joined_sector",
        "Ngày vào ngành (dd/mm/yyyy)",
        gettext_lazy("Ngày vào ngành"),
        width=16,
        number_format="DD/MM/YYYY",
        hint=gettext_lazy("Ngày/tháng/năm."),
    ),
)
REQUIRED_FIELDS = tuple(c.field for c in COLUMNS if c.required)
DATE_FIELDS = ("birth_date", "joined_sector")
TEXT_LIMITS = {  # model max_length of the free-text columns
    "staff_code": 30,
    "full_name": 150,
    "position": 150,
    "rank": 150,
    "phone": 50,
}

DATA_SHEET = "Cán bộ"
UNITS_SHEET = "Đơn vị"
GUIDE_SHEET = "Hướng dẫn"

MAX_DATA_ROWS = 5000
HEADER_SEARCH_ROWS = 10  # the header may sit under a title line or two
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # a small upload must not unpack into gigabytes
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) format


def _fold(text: str) -> str:
    """Compare-friendly text: no diacritics, no case, single spaces, no "(hint)" or "*"."""
    text = unicodedata.normalize("NFC", str(text)).split("(")[0]
    text = text.replace("đ", "d").replace("Đ", "D").replace("*", " ")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


HEADER_KEYS = {_fold(name): column.field for column in COLUMNS for name in (column.header, *column.aliases)}
GENDER_KEYS = {"nam": Gender.MALE, "nu": Gender.FEMALE}


# ---------------------------------------------------------------------------
# Template
# ---------------------------------------------------------------------------
def staff_import_template() -> bytes:
    """The .xlsx the office fills in: the data sheet (headers only), the unit codes, a guide."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    header_font = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    optional_fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font = header_font
        cell.fill = required_fill if column.required else optional_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.hint:
            cell.comment = Comment(str(column.hint), "thiduakt")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].number_format = column.number_format
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    setup_sheet(ws, widths=[column.width for column in COLUMNS])
    finish_sheet(ws, columns=len(COLUMNS), last_row=1)

    last_row = MAX_DATA_ROWS + 1
    gender_col = get_column_letter(_column_index("gender"))
    gender = DataValidation(
        type="list",
        formula1='"Nam,Nữ"',  # the file's vocabulary is Vietnamese whatever the interface language
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Giới tính"),
        error=_("Chọn Nam hoặc Nữ."),
    )
    gender.add(f"{gender_col}2:{gender_col}{last_row}")
    ws.add_data_validation(gender)

    units = wb.create_sheet(UNITS_SHEET)
    units.append([_("Mã đơn vị"), _("Tên đơn vị"), _("Đơn vị cấp trên")])
    active_units = Unit.objects.active().select_related("parent").order_by("order", "name")
    for unit in active_units:
        units.append(
            [
                neutralise(units, unit.code),
                neutralise(units, unit.name),
                neutralise(units, unit.parent.name if unit.parent_id else ""),
            ]
        )
    for cell in units[1]:
        cell.font = header_font
    units.freeze_panes = "A2"
    units.column_dimensions["A"].width = 14
    units.column_dimensions["B"].width = 50
    units.column_dimensions["C"].width = 40
    if units.max_row > 1:
        unit_col = get_column_letter(_column_index("unit"))
        unit_list = DataValidation(
            type="list",
            formula1=f"'{UNITS_SHEET}'!$A$2:$A${units.max_row}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=_("Mã đơn vị"),
            error=_("Mã đơn vị này không có trong trang “Đơn vị”."),
        )
        unit_list.add(f"{unit_col}2:{unit_col}{last_row}")
        ws.add_data_validation(unit_list)

    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 90
    for line in _guide_lines():
        guide.append(line)
    guide["A1"].font = Font(bold=True, size=13)
    for row in guide.iter_rows(min_row=2):
        if row[0].value and not (len(row) > 1 and row[1].value):
            row[0].font = header_font
    example_header = [column.header for column in COLUMNS]
    guide.append([])
    guide.append([_("Ví dụ một dòng dữ liệu (không nhập dòng này vào trang “Cán bộ”):")])
    guide.append(example_header)
    for cell in guide[guide.max_row]:
        cell.font = header_font
    guide.append(
        [
            "CB00123",
            "Nguyễn Thị Lan",
            "Nữ",
            "27/01/1980",
            _example_unit_code(active_units),
            "Trưởng khoa",
            "Bác sĩ hạng II",
            "lan.nt@example.vn",
            "0912345678",
            "01/09/2004",
        ]
    )

    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _column_index(field_name: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.field == field_name)


def _example_unit_code(units) -> str:
    first = units.first()
    return first.code if first else "DV001"


def _guide_lines() -> list[list[str]]:
    lines = [
        [_("Hướng dẫn nhập danh sách cán bộ")],
        [],
        [_("Cách nhập")],
        [
            "1.",
            _(
                "Nhập mỗi cán bộ trên một dòng của trang “Cán bộ”, bắt đầu từ dòng 2. "
                "Không đổi tên, không xóa dòng tiêu đề."
            ),
        ],
        ["2.", _("Các cột tô màu vàng là bắt buộc: Mã cán bộ, Họ và tên, Giới tính, Mã đơn vị.")],
        ["3.", _("Mã đơn vị lấy ở trang “Đơn vị” (chỉ các đơn vị đang hoạt động).")],
        ["4.", _("Ngày ghi theo dạng ngày/tháng/năm, ví dụ 27/01/1980.")],
        ["5.", _("Mỗi mã cán bộ chỉ xuất hiện một lần trong tệp.")],
        [
            "6.",
            _(
                "Cán bộ có mã đã có trong hệ thống chỉ được cập nhật khi chọn "
                "“Cập nhật cán bộ đã có” lúc tải tệp lên; "
                "khi cập nhật, ô để trống giữ nguyên thông tin đang có."
            ),
        ],
        [
            "7.",
            _(
                "Hệ thống kiểm tra toàn bộ tệp trước khi nhập và chỉ nhập khi bạn xác nhận. "
                "Nếu có dòng lỗi, bạn có thể sửa tệp và tải lại, hoặc chọn chỉ nhập các dòng hợp lệ."
            ),
        ],
        ["8.", _("Tệp phải là tệp Excel .xlsx, tối đa %(rows)s dòng.") % {"rows": MAX_DATA_ROWS}],
        [],
        [_("Các cột")],
    ]
    for column in COLUMNS:
        note = _("Bắt buộc.") if column.required else _("Không bắt buộc.")
        if column.hint and not column.required:
            note = f"{note} {column.hint}"
        elif column.hint:
            note = str(column.hint)
        lines.append([column.header, note])
    return lines


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
class RowStatus:
    NEW = "new"
    UPDATE = "update"
    ERROR = "error"


@dataclass
class ImportRow:
    number: int  # the row number as Excel shows it
    raw: dict[str, str]  # the cells as text, for the preview
    data: dict = field(default_factory=dict)  # cleaned values of the non-empty cells
    errors: list[str] = field(default_factory=list)
    person_id: int | None = None  # the existing staff member with this code, if any

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def status(self) -> str:
        if self.errors:
            return RowStatus.ERROR
        return RowStatus.UPDATE if self.person_id else RowStatus.NEW


@dataclass
class ImportReport:
    rows: list[ImportRow]
    update_existing: bool = False
    sheet_title: str = ""

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.is_valid]

    @property
    def invalid_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def new_count(self) -> int:
        return sum(row.status == RowStatus.NEW for row in self.rows)

    @property
    def update_count(self) -> int:
        return sum(row.status == RowStatus.UPDATE for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.invalid_rows)

    @property
    def all_valid(self) -> bool:
        return bool(self.rows) and not self.invalid_rows

    def fingerprint(self) -> str:
        """Changes when any row's outcome changes: the confirm step compares it with the preview's."""
        text = ";".join(f"{row.number}:{row.status}:{row.person_id or ''}" for row in self.rows)
        return hashlib.sha256(f"{self.update_existing}|{text}".encode()).hexdigest()[:32]


@dataclass
class ImportResult:
    created: list[Person] = field(default_factory=list)
    updated: list[Person] = field(default_factory=list)
    unchanged: list[Person] = field(default_factory=list)
    skipped: int = 0  # invalid rows left out with valid_only


class StaffImportError(ValidationError):
    """The file as a whole cannot be imported (not an .xlsx, empty, missing columns...)."""

    def __init__(self, message, *, code=None, missing_columns=()):
        super().__init__(message, code=code)
        self.missing_columns = list(missing_columns)


# ---------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------
def _read_bytes(file) -> bytes:
    limit = settings.UPLOAD_MAX_BYTES
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(limit + 1)
    if not data:
        raise StaffImportError(_("Tệp rỗng, không có dữ liệu."), code="empty")
    if len(data) > limit:
        raise StaffImportError(
            _("Tệp quá lớn. Dung lượng tối đa là %(size)s.") % {"size": filesize_label(limit)}, code="too_big"
        )
    return data


def filesize_label(size: int) -> str:
    if size >= 1024 * 1024:
        return _("%(n)s MB") % {"n": f"{size / 1024 / 1024:.0f}"}
    return _("%(n)s KB") % {"n": f"{max(size / 1024, 1):.0f}"}


def staff_import_check_file(file):
    """Open the bytes as an .xlsx workbook (read-only) or raise StaffImportError saying why not."""
    data = _read_bytes(file)
    not_xlsx = _("Tệp không phải là tệp Excel .xlsx hợp lệ. Vui lòng dùng tệp mẫu và lưu dưới dạng .xlsx.")
    if data.startswith(OLE_MAGIC):
        raise StaffImportError(
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
        raise StaffImportError(not_xlsx, code="not_xlsx") from None
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        raise StaffImportError(not_xlsx, code="not_xlsx")
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise StaffImportError(_("Tệp quá lớn sau khi giải nén."), code="too_big")
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same to the user
        raise StaffImportError(not_xlsx, code="not_xlsx") from None


def _cell_text(value) -> str:
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


def _find_header(rows: list[tuple]) -> tuple[int, dict[int, str]]:
    """(index of the header row, {column index: field}); the first row mentioning the staff code wins."""
    best_index, best_map = 0, {}
    for index, row in enumerate(rows):
        mapping = {}
        for col, value in enumerate(row):
            key = HEADER_KEYS.get(_fold(value)) if value is not None else None
            if key and key not in mapping.values():
                mapping[col] = key
        if "staff_code" in mapping.values():
            return index, mapping
        if len(mapping) > len(best_map):
            best_index, best_map = index, mapping
    return best_index, best_map


def _pick_sheet(wb):
    for ws in wb.worksheets:
        if _fold(ws.title) == _fold(DATA_SHEET):
            return ws
    return wb.worksheets[0]


def staff_import_parse(file, *, update_existing: bool = False) -> ImportReport:
    """Read an uploaded .xlsx (bytes, path-less file object) and check every row. Writes nothing.

    Raises StaffImportError for a problem with the file as a whole. A row whose code already
    belongs to a staff member is an error unless ``update_existing``, then it is an update.
    """
    wb = staff_import_check_file(file)
    try:
        ws = _pick_sheet(wb)
        limit = HEADER_SEARCH_ROWS + MAX_DATA_ROWS + 1
        head = list(ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True))
        header_index, mapping = _find_header(head)
        missing = [c for c in COLUMNS if c.required and c.field not in mapping.values()]
        if missing:
            names = [str(c.label) for c in missing]
            raise StaffImportError(
                _("Tệp thiếu cột bắt buộc: %(columns)s. Vui lòng dùng tệp mẫu.")
                % {"columns": ", ".join(names)},
                code="missing_columns",
                missing_columns=names,
            )
        rows = []
        first_data = header_index + 2  # 1-based Excel numbering, the row after the header
        for number, values in enumerate(
            ws.iter_rows(min_row=first_data, max_row=limit, values_only=True), start=first_data
        ):
            cells = {key: values[col] for col, key in mapping.items() if col < len(values)}
            if all(_cell_text(v) == "" for v in cells.values()):
                continue
            if len(rows) >= MAX_DATA_ROWS:
                raise StaffImportError(
                    _("Tệp có quá nhiều dòng. Mỗi lần nhập tối đa %(rows)s cán bộ; vui lòng chia nhỏ tệp.")
                    % {"rows": MAX_DATA_ROWS},
                    code="too_many_rows",
                )
            rows.append((number, cells))
        title = ws.title
    finally:
        wb.close()
    if not rows:
        raise StaffImportError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."), code="no_rows")
    report = ImportReport(rows=[], update_existing=update_existing, sheet_title=title)
    report.rows = _check_rows(rows, update_existing=update_existing)
    return report


# ---------------------------------------------------------------------------
# Checking the rows
# ---------------------------------------------------------------------------
def _parse_date(value, label: str, errors: list[str]) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _cell_text(value)
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


def _clean_phone(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel stored the number as a number and dropped the leading 0 of a Vietnamese number.
        digits = str(int(value))
        return digits if digits.startswith("84") else f"0{digits}"
    return _cell_text(value)


def _check_row(number: int, cells: dict, units: dict[str, Unit], today: datetime.date) -> ImportRow:
    raw = {key: _cell_text(value) for key, value in cells.items()}
    row = ImportRow(number=number, raw=raw)
    labels = {c.field: str(c.label) for c in COLUMNS}
    errors = row.errors
    for name in REQUIRED_FIELDS:
        if not raw.get(name):
            errors.append(_("Chưa nhập %(column)s.") % {"column": labels[name]})
    for name, limit in TEXT_LIMITS.items():
        text = raw.get(name, "")
        if name == "phone":
            text = _clean_phone(cells.get(name))
        if text and len(text) > limit:
            errors.append(_("%(column)s dài quá %(limit)s ký tự.") % {"column": labels[name], "limit": limit})
        elif text:
            row.data[name] = text

    gender = raw.get("gender")
    if gender:
        value = GENDER_KEYS.get(_fold(gender))
        if value is None:
            errors.append(_("Giới tính '%(value)s' không hợp lệ (chỉ nhận Nam hoặc Nữ).") % {"value": gender})
        else:
            row.data["gender"] = value

    for name in DATE_FIELDS:
        if not raw.get(name):
            continue
        value = _parse_date(cells[name], labels[name], errors)
        if value is None:
            continue
        if value > today:
            errors.append(
                _("%(column)s '%(value)s' ở sau ngày hôm nay.") % {"column": labels[name], "value": raw[name]}
            )
        elif value.year < 1900:
            errors.append(
                _("%(column)s '%(value)s' không hợp lệ.") % {"column": labels[name], "value": raw[name]}
            )
        else:
            row.data[name] = value
    birth, joined = row.data.get("birth_date"), row.data.get("joined_sector")
    if birth and joined and joined < birth:
        errors.append(_("Ngày vào ngành trước ngày sinh."))

    email = raw.get("email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Thư điện tử '%(value)s' không hợp lệ.") % {"value": email})
        else:
            row.data["email"] = email

    code = raw.get("unit")
    if code:
        unit = units.get(code.casefold())
        if unit is None:
            errors.append(_("Mã đơn vị '%(value)s' không có trong danh mục đơn vị.") % {"value": code})
        elif not unit.active:
            errors.append(
                _("Đơn vị '%(value)s' (%(name)s) đã ngừng hoạt động.") % {"value": code, "name": unit.name}
            )
        else:
            row.data["unit"] = unit
    return row


def _check_rows(rows: list[tuple[int, dict]], *, update_existing: bool) -> list[ImportRow]:
    today = timezone.localdate()
    unit_keys = {_cell_text(cells.get("unit")).casefold() for _n, cells in rows} - {""}
    units = {
        unit.code_key: unit
        for unit in Unit.objects.annotate(code_key=Lower("code")).filter(code_key__in=unit_keys)
    }
    checked = [_check_row(number, cells, units, today) for number, cells in rows]

    seen: dict[str, list[ImportRow]] = {}
    for row in checked:
        code = row.raw.get("staff_code")
        if code:
            seen.setdefault(code.casefold(), []).append(row)
    for same in seen.values():
        if len(same) > 1:
            numbers = ", ".join(str(row.number) for row in same)
            for row in same:
                row.errors.append(
                    _("Mã cán bộ '%(code)s' bị trùng trong tệp (các dòng %(rows)s).")
                    % {"code": row.raw["staff_code"], "rows": numbers}
                )

    existing = {
        person.code_key: person
        for person in Person.objects.annotate(code_key=Lower("staff_code"))
        .filter(code_key__in=list(seen))
        .select_related("unit")
    }
    for row in checked:
        person = existing.get(row.raw.get("staff_code", "").casefold())
        if person is None:
            continue
        row.person_id = person.pk
        if not update_existing:
            row.errors.append(
                _(
                    "Mã cán bộ '%(code)s' đã tồn tại (%(name)s, %(unit)s). "
                    "Chọn “Cập nhật cán bộ đã có” nếu muốn cập nhật."
                )
                % {"code": row.raw["staff_code"], "name": person.full_name, "unit": person.unit.name}
            )
    return checked


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------
UPDATABLE_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "position",
    "rank",
    "email",
    "phone",
    "joined_sector",
)


def staff_import_apply(
    report: ImportReport, *, by, valid_only: bool = False, update_existing: bool = False
) -> ImportResult:
    """Write the rows of a checked report in one transaction: all of them or none.

    With invalid rows in the report, nothing is written unless ``valid_only`` (then the invalid
    rows are skipped). Each row is checked again against the database as it is written: a code
    that now belongs to someone (and ``update_existing`` is off) or a unit closed in the meantime
    raises ValidationError and rolls the whole import back. ``by`` None is a system call.
    """
    if by is not None and not by.has_perm("units.import_staff"):
        raise PermissionDenied("units.import_staff")
    if not report.rows:
        raise ValidationError(_("Không có dòng nào để nhập."), code="no_rows")
    if report.invalid_rows and not valid_only:
        raise ValidationError(
            _("Tệp còn %(n)s dòng lỗi. Sửa tệp rồi tải lại, hoặc chọn “Chỉ nhập các dòng hợp lệ”.")
            % {"n": report.error_count},
            code="invalid_rows",
        )
    chosen = report.valid_rows
    if not chosen:
        raise ValidationError(_("Không có dòng hợp lệ nào để nhập."), code="no_valid_rows")
    result = ImportResult(skipped=report.error_count)
    try:
        with transaction.atomic():
            units = Unit.objects.filter(pk__in={row.data["unit"].pk for row in chosen}, active=True).in_bulk()
            for row in chosen:
                _apply_row(row, result, units=units, by=by, update_existing=update_existing)
    except IntegrityError:
        raise ValidationError(
            _(
                "Dữ liệu cán bộ vừa được thay đổi trong lúc nhập; chưa có cán bộ nào được nhập. "
                "Vui lòng kiểm tra lại."
            ),
            code="conflict",
        ) from None
    return result


def _apply_row(row: ImportRow, result: ImportResult, *, units: dict, by, update_existing: bool) -> None:
    data = row.data
    code = data["staff_code"]
    unit = units.get(data["unit"].pk)
    if unit is None:
        raise ValidationError(
            _("Dòng %(row)s: đơn vị '%(unit)s' vừa ngừng hoạt động. Chưa có cán bộ nào được nhập.")
            % {"row": row.number, "unit": data["unit"].code},
            code="conflict",
        )
    # Indexed look-ups: the person the check found, else the exact code (someone may have added it
    # since the check; the unique constraint catches the rest as an IntegrityError).
    locked = Person.objects.select_for_update()
    if row.person_id:
        person = locked.filter(pk=row.person_id).first()
    else:
        person = locked.filter(staff_code=code).first()
    if person is None:
        person = Person(staff_code=code, unit=unit)
        for name in UPDATABLE_FIELDS:
            if name in data:
                setattr(person, name, data[name])
        person_import_save(person, by=by)
        result.created.append(person)
        return
    if not update_existing:
        raise ValidationError(
            _("Dòng %(row)s: mã cán bộ '%(code)s' đã tồn tại. Chưa có cán bộ nào được nhập.")
            % {"row": row.number, "code": code},
            code="conflict",
        )
    changed = False
    if person.unit_id != unit.pk:
        person.unit = unit
        changed = True
    for name in UPDATABLE_FIELDS:
        # An empty cell keeps what is there: the import never erases data.
        if name in data and getattr(person, name) != data[name]:
            setattr(person, name, data[name])
            changed = True
    if changed:
        person_import_save(person, by=by)
        result.updated.append(person)
    else:
        result.unchanged.append(person)


# ---------------------------------------------------------------------------
# Keeping the upload between preview and confirm
# ---------------------------------------------------------------------------
UPLOAD_DIR = "imports"
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
STALE_AFTER = datetime.timedelta(days=1)


def _upload_path(token: str) -> str:
    if not TOKEN_RE.match(token or ""):
        raise ValueError("bad import token")
    return f"{UPLOAD_DIR}/{token}.xlsx"


def staff_import_store(data: bytes) -> str:
    """Keep uploaded bytes until the user confirms; returns the random token that names them."""
    staff_import_purge_stale()
    token = secrets.token_hex(16)
    default_storage.save(_upload_path(token), ContentFile(data))
    return token


def staff_import_open(token: str) -> bytes | None:
    """The stored bytes, or None when the token is malformed or the file is gone."""
    try:
        path = _upload_path(token)
    except ValueError:
        return None
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as handle:
        return handle.read()


def staff_import_discard(token: str) -> None:
    try:
        path = _upload_path(token)
    except ValueError:
        return
    default_storage.delete(path)


def staff_import_purge_stale(*, now: datetime.datetime | None = None) -> int:
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
