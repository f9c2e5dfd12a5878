"""Staff import from an Excel (.xlsx) file: the template, the parser that checks every row, the import.

The flow: the office downloads the template (``staff_import_template``), fills it in and uploads
it; ``staff_import_parse`` reads and checks every row without writing anything and returns an
``StaffReport``; the user sees the report and confirms; ``staff_import_apply`` writes the chosen
rows in one transaction. Between preview and confirm the uploaded bytes wait in the default
storage (``units.xlsx_import.upload_store`` / ``upload_open``) and are parsed again at confirm
time, because the database may have changed in between. What every import shares (columns,
finding the header, the report of rows kept and refused, the template's data sheet) is in
``units.xlsx_import``.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .enums import Gender
from .models import Person, Unit
from .services import person_import_save
from .xlsx import neutralise
from .xlsx_import import (
    MAX_DATA_ROWS,
    Column,
    ImportReport,
    ImportRow,
    cell_text,
    fold,
    guide_sheet,
    parse_date,
    read_rows,
    template_sheet,
    workbook_bytes,
)

# ---------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------


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

GENDER_KEYS = {"nam": Gender.MALE, "nu": Gender.FEMALE}


# ---------------------------------------------------------------------------
# Template
# ---------------------------------------------------------------------------
def staff_import_template() -> bytes:
    """The .xlsx the office fills in: the data sheet (headers only), the unit codes, a guide."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    template_sheet(ws, COLUMNS)
    header_font = Font(bold=True)

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

    guide = guide_sheet(
        wb, _("Hướng dẫn nhập danh sách cán bộ"), heading=_("Cách nhập"), steps=_guide_steps(), first_width=28
    )
    for line in _guide_lines():
        guide.append(line)
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

    return workbook_bytes(wb)


def _column_index(field_name: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.field == field_name)


def _example_unit_code(units) -> str:
    first = units.first()
    return first.code if first else "DV001"


def _guide_steps() -> list[str]:
    return [
        _(
            "Nhập mỗi cán bộ trên một dòng của trang “Cán bộ”, bắt đầu từ dòng 2. "
            "Không đổi tên, không xóa dòng tiêu đề."
        ),
        _("Các cột tô màu vàng là bắt buộc: Mã cán bộ, Họ và tên, Giới tính, Mã đơn vị."),
        _("Mã đơn vị lấy ở trang “Đơn vị” (chỉ các đơn vị đang hoạt động)."),
        _("Ngày ghi theo dạng ngày/tháng/năm, ví dụ 27/01/1980."),
        _("Mỗi mã cán bộ chỉ xuất hiện một lần trong tệp."),
        _(
            "Cán bộ có mã đã có trong hệ thống chỉ được cập nhật khi chọn "
            "“Cập nhật cán bộ đã có” lúc tải tệp lên; "
            "khi cập nhật, ô để trống giữ nguyên thông tin đang có."
        ),
        _(
            "Hệ thống kiểm tra toàn bộ tệp trước khi nhập và chỉ nhập khi bạn xác nhận. "
            "Nếu có dòng lỗi, bạn có thể sửa tệp và tải lại, hoặc chọn chỉ nhập các dòng hợp lệ."
        ),
    ]


def _guide_lines() -> list[list[str]]:
    lines = [[_("Các cột")]]
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
class StaffRow(ImportRow):
    person_id: int | None = None  # the existing staff member with this code, if any

    @property
    def status(self) -> str:
        if self.errors:
            return RowStatus.ERROR
        return RowStatus.UPDATE if self.person_id else RowStatus.NEW


@dataclass
class StaffReport(ImportReport):
    update_existing: bool = False
    sheet_title: str = ""

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def new_count(self) -> int:
        return sum(row.status == RowStatus.NEW for row in self.rows)

    @property
    def update_count(self) -> int:
        return sum(row.status == RowStatus.UPDATE for row in self.rows)

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


# ---------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------
def staff_import_parse(file, *, update_existing: bool = False) -> StaffReport:
    """Read an uploaded .xlsx (bytes, path-less file object) and check every row. Writes nothing.

    Raises ImportFileError for a problem with the file as a whole. A row whose code already
    belongs to a staff member is an error unless ``update_existing``, then it is an update.
    """
    title, rows = read_rows(
        file,
        sheet=DATA_SHEET,
        columns=COLUMNS,
        anchor="staff_code",  # the first row naming the staff code is the header
        too_many=_("Tệp có quá nhiều dòng. Mỗi lần nhập tối đa %(rows)s cán bộ; vui lòng chia nhỏ tệp."),
    )
    report = StaffReport(rows=[], update_existing=update_existing, sheet_title=title)
    report.rows = _check_rows(rows, update_existing=update_existing)
    return report


# ---------------------------------------------------------------------------
# Checking the rows
# ---------------------------------------------------------------------------
def _clean_phone(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel stored the number as a number and dropped the leading 0 of a Vietnamese number.
        digits = str(int(value))
        return digits if digits.startswith("84") else f"0{digits}"
    return cell_text(value)


def _check_row(number: int, cells: dict, units: dict[str, Unit], today: datetime.date) -> StaffRow:
    raw = {key: cell_text(value) for key, value in cells.items()}
    row = StaffRow(number=number, raw=raw)
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
        value = GENDER_KEYS.get(fold(gender))
        if value is None:
            errors.append(_("Giới tính '%(value)s' không hợp lệ (chỉ nhận Nam hoặc Nữ).") % {"value": gender})
        else:
            row.data["gender"] = value

    for name in DATE_FIELDS:
        if not raw.get(name):
            continue
        value = parse_date(cells[name], labels[name], errors)
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


def _check_rows(rows: list[tuple[int, dict]], *, update_existing: bool) -> list[StaffRow]:
    today = timezone.localdate()
    unit_keys = {cell_text(cells.get("unit")).casefold() for _n, cells in rows} - {""}
    units = {
        unit.code_key: unit
        for unit in Unit.objects.annotate(code_key=Lower("code")).filter(code_key__in=unit_keys)
    }
    checked = [_check_row(number, cells, units, today) for number, cells in rows]

    seen: dict[str, list[StaffRow]] = {}
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
    report: StaffReport, *, by, valid_only: bool = False, update_existing: bool = False
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
    result = ImportResult(skipped=report.error_count)

    def write(chosen: list[StaffRow]) -> None:
        units = Unit.objects.filter(pk__in={row.data["unit"].pk for row in chosen}, active=True).in_bulk()
        for row in chosen:
            _apply_row(row, result, units=units, by=by, update_existing=update_existing)

    report.write(
        write,
        valid_only=valid_only,
        conflict=_(
            "Dữ liệu cán bộ vừa được thay đổi trong lúc nhập; chưa có cán bộ nào được nhập. "
            "Vui lòng kiểm tra lại."
        ),
    )
    return result


def _apply_row(row: StaffRow, result: ImportResult, *, units: dict, by, update_existing: bool) -> None:
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
