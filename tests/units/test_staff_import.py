"""The staff import services: template, parser and checks, import — on real .xlsx files, no mocks."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import (
    STAFF_IMPORT_HEADERS,
    PersonFactory,
    UnitFactory,
    make_staff_xlsx,
    make_unit_head,
)
from units.enums import Gender
from units.models import Person
from units.staff_import import RowStatus, staff_import_apply, staff_import_parse, staff_import_template
from units.xlsx_import import ImportFileError, upload_discard, upload_open, upload_store, uploads_purge_stale

pytestmark = pytest.mark.django_db


def row(code="CB001", name="Nguyễn Văn An", gender="Nam", birth="27/01/1980", unit="BVDK", **extra):
    values = {
        "position": "Bác sĩ",
        "rank": "Bác sĩ hạng III",
        "email": "",
        "phone": "",
        "joined": "",
    }
    values.update(extra)
    return [
        code,
        name,
        gender,
        birth,
        unit,
        values["position"],
        values["rank"],
        values["email"],
        values["phone"],
        values["joined"],
    ]


def errors_of(report):
    return {r.number: r.errors for r in report.rows if r.errors}


# ---------------------------------------------------------------------------
# Template
# ---------------------------------------------------------------------------
def test_template_has_the_headers_the_unit_list_and_a_guide():
    active = UnitFactory(code="TTYT-BH", name="Trung tâm Y tế Biên Hòa")
    UnitFactory(code="CU", name="Đơn vị đã giải thể", inactive=True)

    wb = load_workbook(io.BytesIO(staff_import_template()))

    assert wb.sheetnames == ["Cán bộ", "Đơn vị", "Hướng dẫn"]
    ws = wb["Cán bộ"]
    assert [c.value for c in ws[1]] == STAFF_IMPORT_HEADERS
    assert ws.max_row == 1  # no example row in the data sheet
    assert ws["A1"].font.b
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width > 20
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"Nam,Nữ"' in lists
    units = [(r[0], r[1]) for r in wb["Đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert (active.code, active.name) in units
    assert "CU" not in [code for code, _name in units]


def test_the_blank_template_parses_as_a_file_without_rows():
    with pytest.raises(ImportFileError) as error:
        staff_import_parse(staff_import_template())

    assert error.value.code == "no_rows"


def test_a_filled_in_template_parses(unit):
    wb = load_workbook(io.BytesIO(staff_import_template()))
    wb["Cán bộ"].append(row())
    buffer = io.BytesIO()
    wb.save(buffer)

    report = staff_import_parse(buffer.getvalue())

    assert report.all_valid
    assert report.rows[0].number == 2


# ---------------------------------------------------------------------------
# Parsing and checks
# ---------------------------------------------------------------------------
def test_valid_file_imports_every_row(unit, office):
    content = make_staff_xlsx(
        [
            row("CB001", "Nguyễn Văn An", "Nam", "27/01/1980", email="an@example.vn", phone="0912345678"),
            row("CB002", "Trần Thị Bình", "Nữ", datetime.datetime(1985, 3, 4), joined="01/09/2010"),
            row("CB003", "Lê Văn Cường", "nam", "", unit="bvdk"),
        ]
    )

    report = staff_import_parse(content)
    result = staff_import_apply(report, by=office)

    assert report.all_valid and report.new_count == 3
    assert len(result.created) == 3 and not result.updated
    an = Person.objects.get(staff_code="CB001")
    assert (an.full_name, an.gender, an.birth_date, an.unit) == (
        "Nguyễn Văn An",
        Gender.MALE,
        datetime.date(1980, 1, 27),
        unit,
    )
    assert (an.email, an.phone, an.position) == ("an@example.vn", "0912345678", "Bác sĩ")
    binh = Person.objects.get(staff_code="CB002")
    assert binh.gender == Gender.FEMALE
    assert binh.birth_date == datetime.date(1985, 3, 4)
    assert binh.joined_sector == datetime.date(2010, 9, 1)
    assert Person.objects.get(staff_code="CB003").birth_date is None


def test_import_is_recorded_in_history_with_reason_and_author(unit, office):
    report = staff_import_parse(make_staff_xlsx([row()]))

    staff_import_apply(report, by=office)

    record = Person.objects.get(staff_code="CB001").history.get()
    assert record.history_change_reason == "import"
    assert record.history_user == office


def test_missing_columns_are_named(unit):
    content = make_staff_xlsx([["CB001", "An"]], headers=["Mã cán bộ", "Họ và tên", "Chức vụ"])

    with pytest.raises(ImportFileError) as error:
        staff_import_parse(content)

    assert error.value.missing_columns == ["Giới tính", "Mã đơn vị"]
    assert "Giới tính, Mã đơn vị" in error.value.messages[0]


def test_headers_match_without_case_diacritics_or_hints(unit):
    headers = ["MA CAN BO", "họ tên", "Giới Tính", "Ngày sinh", "ma don vi *"]
    content = make_staff_xlsx([["CB001", "An", "Nam", "01/02/1990", "BVDK"]], headers=headers)

    report = staff_import_parse(content)

    assert report.all_valid
    assert report.rows[0].data["birth_date"] == datetime.date(1990, 2, 1)


def test_header_under_a_title_line_is_found_and_row_numbers_follow_excel(unit):
    content = make_staff_xlsx([STAFF_IMPORT_HEADERS, row()], headers=["DANH SÁCH CÁN BỘ"])

    report = staff_import_parse(content)

    assert [r.number for r in report.rows] == [3]
    assert report.all_valid


def test_blank_rows_are_skipped_and_numbers_kept(unit):
    content = make_staff_xlsx([row("CB001"), [None] * 10, row("CB002")])

    report = staff_import_parse(content)

    assert [r.number for r in report.rows] == [2, 4]


def test_empty_required_cells_are_reported(unit):
    content = make_staff_xlsx([row(code="", name="", gender="", unit="")])

    report = staff_import_parse(content)

    assert errors_of(report)[2] == [
        "Chưa nhập Mã cán bộ.",
        "Chưa nhập Họ và tên.",
        "Chưa nhập Giới tính.",
        "Chưa nhập Mã đơn vị.",
    ]


def test_bad_date_is_reported_with_its_value(unit):
    content = make_staff_xlsx([row(birth="31/02/1980"), row("CB002", joined="hôm qua")])

    report = staff_import_parse(content)

    assert any("Ngày sinh '31/02/1980' không hợp lệ" in m for m in errors_of(report)[2])
    assert any("Ngày vào ngành 'hôm qua' không hợp lệ" in m for m in errors_of(report)[3])


def test_birth_date_in_the_future_is_refused(unit):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    content = make_staff_xlsx([row(birth=tomorrow.strftime("%d/%m/%Y"))])

    report = staff_import_parse(content)

    assert "ở sau ngày hôm nay" in errors_of(report)[2][0]


def test_unknown_and_inactive_units_are_reported(unit):
    UnitFactory(code="CU", name="Trạm cũ", inactive=True)
    content = make_staff_xlsx([row("CB001", unit="KHONGCO"), row("CB002", unit="CU")])

    report = staff_import_parse(content)

    assert errors_of(report)[2] == ["Mã đơn vị 'KHONGCO' không có trong danh mục đơn vị."]
    assert errors_of(report)[3] == ["Đơn vị 'CU' (Trạm cũ) đã ngừng hoạt động."]


def test_gender_other_than_nam_or_nu_is_refused(unit):
    content = make_staff_xlsx([row(gender="Khác"), row("CB002", gender="NỮ"), row("CB003", gender="nu")])

    report = staff_import_parse(content)

    assert errors_of(report) == {2: ["Giới tính 'Khác' không hợp lệ (chỉ nhận Nam hoặc Nữ)."]}
    assert report.rows[1].data["gender"] == report.rows[2].data["gender"] == Gender.FEMALE


def test_bad_email_is_refused(unit):
    content = make_staff_xlsx([row(email="an@@example")])

    report = staff_import_parse(content)

    assert errors_of(report)[2] == ["Thư điện tử 'an@@example' không hợp lệ."]


def test_code_repeated_in_the_file_marks_every_occurrence(unit):
    content = make_staff_xlsx([row("CB001"), row("CB002"), row("cb001")])

    report = staff_import_parse(content)

    assert set(errors_of(report)) == {2, 4}
    assert "bị trùng trong tệp (các dòng 2, 4)" in errors_of(report)[2][0]


def test_existing_code_is_an_error_unless_updating(unit):
    PersonFactory(staff_code="CB001", full_name="Người Cũ", unit=unit)
    content = make_staff_xlsx([row("cb001")])

    refused = staff_import_parse(content)
    allowed = staff_import_parse(content, update_existing=True)

    assert "đã tồn tại (Người Cũ, Bệnh viện Đa khoa tỉnh)" in errors_of(refused)[2][0]
    assert allowed.all_valid
    assert allowed.rows[0].status == RowStatus.UPDATE


def test_numeric_cells_keep_codes_and_phone_numbers_readable(unit):
    content = make_staff_xlsx([row(code=12345, phone=912345678)])

    report = staff_import_parse(content)

    assert report.rows[0].data["staff_code"] == "12345"
    assert report.rows[0].data["phone"] == "0912345678"


# ---------------------------------------------------------------------------
# The file as a whole
# ---------------------------------------------------------------------------
def test_text_file_renamed_xlsx_is_refused():
    with pytest.raises(ImportFileError) as error:
        staff_import_parse("Mã cán bộ;Họ và tên\nCB001;An\n".encode())

    assert error.value.code == "not_xlsx"
    assert "không phải là tệp Excel .xlsx" in error.value.messages[0]


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải Excel")

    with pytest.raises(ImportFileError) as error:
        staff_import_parse(buffer.getvalue())

    assert error.value.code == "not_xlsx"


def test_old_xls_gets_its_own_message():
    with pytest.raises(ImportFileError) as error:
        staff_import_parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)

    assert error.value.code == "xls"


def test_empty_file_is_refused():
    with pytest.raises(ImportFileError) as error:
        staff_import_parse(b"")

    assert error.value.messages == ["Tệp rỗng, không có dữ liệu."]


def test_oversized_file_is_refused(settings, unit):
    content = make_staff_xlsx([row()])
    settings.UPLOAD_MAX_BYTES = len(content) - 1

    with pytest.raises(ImportFileError) as error:
        staff_import_parse(io.BytesIO(content))

    assert error.value.code == "too_big"


# ---------------------------------------------------------------------------
# Import: all or nothing
# ---------------------------------------------------------------------------
def test_one_bad_row_imports_nothing(unit, office):
    report = staff_import_parse(make_staff_xlsx([row("CB001"), row("CB002", unit="KHONGCO")]))

    with pytest.raises(ValidationError) as error:
        staff_import_apply(report, by=office)

    assert error.value.code == "invalid_rows"
    assert not Person.objects.exists()


def test_valid_only_imports_just_the_valid_rows(unit, office):
    report = staff_import_parse(
        make_staff_xlsx([row("CB001"), row("CB002", unit="KHONGCO"), row("CB003", birth="31/02/1980")])
    )

    result = staff_import_apply(report, by=office, valid_only=True)

    assert list(Person.objects.values_list("staff_code", flat=True)) == ["CB001"]
    assert (len(result.created), result.skipped) == (1, 2)


def test_update_existing_updates_and_keeps_what_the_file_leaves_empty(unit, office):
    other = UnitFactory(code="TTYT")
    person = PersonFactory(
        staff_code="CB001",
        full_name="Tên Cũ",
        unit=unit,
        birth_date=datetime.date(1970, 5, 6),
        email="cu@x.vn",
    )
    report = staff_import_parse(
        make_staff_xlsx([row("CB001", "Tên Mới", birth="", unit="TTYT"), row("CB002")]), update_existing=True
    )

    result = staff_import_apply(report, by=office, update_existing=True)

    person.refresh_from_db()
    assert (person.full_name, person.unit, person.birth_date, person.email) == (
        "Tên Mới",
        other,
        datetime.date(1970, 5, 6),
        "cu@x.vn",
    )
    assert [p.staff_code for p in result.updated] == ["CB001"]
    assert [p.staff_code for p in result.created] == ["CB002"]
    assert person.history.first().history_change_reason == "import"


def test_unchanged_existing_person_writes_no_history(unit, office):
    person = PersonFactory(
        staff_code="CB001",
        full_name="Nguyễn Văn An",
        gender=Gender.MALE,
        unit=unit,
        birth_date=datetime.date(1980, 1, 27),
        position="Bác sĩ",
        rank="Bác sĩ hạng III",
    )
    report = staff_import_parse(make_staff_xlsx([row("CB001")]), update_existing=True)

    result = staff_import_apply(report, by=office, update_existing=True)

    assert result.unchanged == [person] and not result.updated
    assert person.history.count() == 1


def test_a_conflict_in_the_middle_rolls_back_the_rows_already_written(unit, office):
    report = staff_import_parse(make_staff_xlsx([row("CB001"), row("CB002"), row("CB003")]))
    PersonFactory(staff_code="CB002", unit=unit)  # someone adds CB002 between preview and confirm

    with pytest.raises(ValidationError) as error:
        staff_import_apply(report, by=office)

    assert error.value.code == "conflict"
    assert "Dòng 3" in error.value.messages[0]
    assert list(Person.objects.values_list("staff_code", flat=True)) == ["CB002"]


def test_a_unit_closed_after_the_check_rolls_everything_back(unit, office):
    closing = UnitFactory(code="DONG")
    report = staff_import_parse(make_staff_xlsx([row("CB001"), row("CB002", unit="DONG")]))
    closing.active = False
    closing.save()

    with pytest.raises(ValidationError):
        staff_import_apply(report, by=office)

    assert not Person.objects.exists()


def test_unit_head_may_not_import(unit):
    report = staff_import_parse(make_staff_xlsx([row()]))

    with pytest.raises(PermissionDenied):
        staff_import_apply(report, by=make_unit_head(unit))

    assert not Person.objects.filter(staff_code="CB001").exists()


# ---------------------------------------------------------------------------
# Keeping the upload
# ---------------------------------------------------------------------------
def test_stored_upload_is_read_back_then_discarded():
    token = upload_store(b"noi dung")

    assert upload_open(token) == b"noi dung"
    upload_discard(token)
    assert upload_open(token) is None


def test_malformed_token_opens_nothing():
    assert upload_open("../../settings") is None


def test_uploads_older_than_a_day_are_purged():
    token = upload_store(b"cu")

    removed = uploads_purge_stale(now=timezone.now() + datetime.timedelta(days=2))

    assert removed == 1
    assert upload_open(token) is None
