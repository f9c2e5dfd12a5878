"""Imports of evaluations and award history from .xlsx: template, row checks, all-or-valid-only."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards import imports
from awards.models import AwardRecord, Evaluation
from tests.factories import PersonFactory, UnitFactory, make_staff_xlsx, make_upload

from .builders import evaluate

pytestmark = pytest.mark.django_db

EVAL_HEADERS = [
    "Mã cán bộ",
    "Mã đơn vị (tập thể)",
    "Năm",
    "Mức xếp loại",
    "Điểm",
    "Cấp đánh giá / văn bản",
    "Ngày đánh giá (dd/mm/yyyy)",
]
RECORD_HEADERS = [
    "Mã cán bộ",
    "Mã đơn vị (tập thể)",
    "Năm thành tích",
    "Danh hiệu / hình thức",
    "Loại hình",
    "Số quyết định",
    "Ngày quyết định (dd/mm/yyyy)",
    "Cấp quyết định",
]


@pytest.fixture
def person(db):
    return PersonFactory(staff_code="CB00123", full_name="Nguyễn Thị Lan")


@pytest.fixture
def hospital(db):
    return UnitFactory(code="BVDK", name="Bệnh viện Đa khoa tỉnh")


def evaluations_file(rows):
    return make_staff_xlsx(rows, headers=EVAL_HEADERS, sheet="Đánh giá")


def records_file(rows):
    return make_staff_xlsx(rows, headers=RECORD_HEADERS, sheet="Khen thưởng")


def errors_of(report):
    return {row.number: row.errors for row in report.rows}


def upload(client, kind, content):
    return client.post(
        reverse("awards:import", args=[kind]), {"file": make_upload("du-lieu.xlsx", content=content)}
    )


# ---------------------------------------------------------------------------
# Happy paths
# ---------------------------------------------------------------------------
def test_the_template_has_the_columns(client, office):
    client.force_login(office)

    response = client.get(reverse("awards:import-template", args=["evaluations"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == EVAL_HEADERS


def test_evaluations_are_checked_then_imported_on_confirm(client, office, person, hospital):
    client.force_login(office)
    content = evaluations_file(
        [
            ["CB00123", "", 2024, "HTXSNV", 92, "Giám đốc BV", "20/12/2024"],
            ["", "BVDK", 2024, "Hoàn thành tốt nhiệm vụ", "", "", ""],
        ]
    )

    preview = client.get(upload(client, "evaluations", content)["Location"])
    report = preview.context["report"]
    assert report.all_valid
    assert not Evaluation.objects.exists()

    client.post(
        reverse("awards:import-confirm", args=["evaluations"]),
        {"token": preview.context["token"], "fingerprint": report.fingerprint()},
    )

    mine = Evaluation.objects.get(person=person)
    assert (mine.year, mine.level, mine.points, mine.source) == (2024, "HTXSNV", 92, "imported")
    assert Evaluation.objects.get(unit=hospital).level == "HTTNV"


def test_award_history_resolves_old_names_and_keeps_them(client, office, person):
    client.force_login(office)
    content = records_file(
        [
            [
                "CB00123",
                "",
                2019,
                "Chiến sĩ thi đua cấp tỉnh",
                "",
                "123/QĐ-UBND",
                "15/03/2020",
                "Chủ tịch UBND tỉnh",
            ],
            ["CB00123", "", 2023, "LĐTT", "Công trạng", "45/QĐ-SYT", "", ""],
        ]
    )
    preview = client.get(upload(client, "records", content)["Location"])
    report = preview.context["report"]

    client.post(
        reverse("awards:import-confirm", args=["records"]),
        {"token": preview.context["token"], "fingerprint": report.fingerprint()},
    )

    old = AwardRecord.objects.get(year=2019)
    assert old.award_type.code == "CSTD_TINH"
    assert old.name_as_issued == "Chiến sĩ thi đua cấp tỉnh"
    assert old.recipient_name == "Nguyễn Thị Lan"
    assert AwardRecord.objects.get(year=2023).award_type.code == "LDTT"


def test_the_history_page_shows_the_imported_records(client, office, person):
    imports.apply(
        "records",
        imports.parse("records", records_file([["CB00123", "", 2019, "Chiến sĩ thi đua cấp tỉnh"]])),
        by=office,
    )
    client.force_login(office)

    page = client.get(reverse("awards:person-history", args=[person.pk])).content.decode()

    assert "Chiến sĩ thi đua cấp tỉnh" in page


# ---------------------------------------------------------------------------
# Each bad row
# ---------------------------------------------------------------------------
BAD_EVALUATION_ROWS = [
    (["CB99999", "", 2024, "HTXSNV"], "Mã cán bộ 'CB99999' không có"),
    (["", "XX01", 2024, "HTXSNV"], "Mã đơn vị 'XX01' không có"),
    (["CB00123", "BVDK", 2024, "HTXSNV"], "không ghi cả hai"),
    (["", "", 2024, "HTXSNV"], "Chưa nhập Mã cán bộ"),
    (["CB00123", "", "năm ngoái", "HTXSNV"], "Năm 'năm ngoái' không hợp lệ"),
    (["CB00123", "", 2999, "HTXSNV"], "Năm '2999' không hợp lệ"),
    (["CB00123", "", 2024, "Xuất sắc lắm"], "Mức xếp loại 'Xuất sắc lắm' không hợp lệ"),
    (["CB00123", "", 2024, ""], "Chưa nhập Mức xếp loại"),
    (["CB00123", "", 2024, "HTXSNV", 150], "Điểm '150' không hợp lệ"),
    (["CB00123", "", 2024, "HTXSNV", "", "", "31/02/2024"], "Ngày đánh giá '31/02/2024' không hợp lệ"),
]


@pytest.mark.parametrize(("row", "message"), BAD_EVALUATION_ROWS)
def test_each_bad_evaluation_row_is_reported(row, message, person, hospital):
    report = imports.parse("evaluations", evaluations_file([row]))

    assert any(message in error for error in errors_of(report)[2]), errors_of(report)


def test_an_evaluation_already_recorded_is_reported(person):
    evaluate(person, 2024, "HTTNV")

    report = imports.parse("evaluations", evaluations_file([["CB00123", "", 2024, "HTXSNV"]]))

    assert "đã có kết quả đánh giá năm 2024" in errors_of(report)[2][0]


def test_the_same_row_twice_in_the_file_is_reported_on_both(person):
    report = imports.parse(
        "evaluations", evaluations_file([["CB00123", "", 2024, "HTXSNV"], ["cb00123", "", 2024, "HTTNV"]])
    )

    assert all("Trùng với dòng khác trong tệp (các dòng 2, 3)" in errors_of(report)[n][0] for n in (2, 3))


BAD_RECORD_ROWS = [
    (["CB00123", "", 2024, "Huy hiệu không có"], "Không nhận ra danh hiệu, hình thức 'Huy hiệu không có'"),
    (["", "BVDK", 2024, "Lao động tiên tiến"], "không áp dụng cho tập thể"),
    (["CB00123", "", 2024, "Tập thể lao động tiên tiến"], "không áp dụng cho cá nhân"),
    (["CB00123", "", 2024, "LĐTT", "Thường niên?"], "Loại hình 'Thường niên?' không hợp lệ"),
    (["CB00123", "", 2024, "LĐTT", "", "", "ngày mai"], "Ngày quyết định 'ngày mai' không hợp lệ"),
    (["CB00123", "", "", "LĐTT"], "Chưa nhập Năm thành tích"),
]


@pytest.mark.parametrize(("row", "message"), BAD_RECORD_ROWS)
def test_each_bad_award_history_row_is_reported(row, message, person, hospital):
    report = imports.parse("records", records_file([row]))

    assert any(message in error for error in errors_of(report)[2]), errors_of(report)


def test_a_decision_date_in_the_future_is_reported(person):
    future = timezone.localdate().replace(year=timezone.localdate().year + 1).strftime("%d/%m/%Y")

    report = imports.parse("records", records_file([["CB00123", "", 2024, "LĐTT", "", "", future]]))

    assert "ở sau ngày hôm nay" in errors_of(report)[2][0]


def test_a_record_already_in_the_history_is_reported(person, office):
    imports.apply(
        "records", imports.parse("records", records_file([["CB00123", "", 2024, "LĐTT"]])), by=office
    )

    report = imports.parse("records", records_file([["CB00123", "", 2024, "Lao động tiên tiến"]]))

    assert "đã có Lao động tiên tiến năm 2024" in errors_of(report)[2][0]


# ---------------------------------------------------------------------------
# All or the valid ones, on request
# ---------------------------------------------------------------------------
def test_nothing_is_imported_while_a_row_is_invalid(person, office):
    report = imports.parse(
        "evaluations", evaluations_file([["CB00123", "", 2024, "HTXSNV"], ["CB404", "", 2024, "HTNV"]])
    )

    with pytest.raises(ValidationError) as exc:
        imports.apply("evaluations", report, by=office)

    assert "Tệp còn 1 dòng lỗi" in exc.value.messages[0]
    assert not Evaluation.objects.exists()


def test_only_the_valid_rows_are_imported_when_asked(client, person, office):
    client.force_login(office)
    content = evaluations_file([["CB00123", "", 2024, "HTXSNV"], ["CB404", "", 2024, "HTNV"]])
    preview = client.get(upload(client, "evaluations", content)["Location"])
    report = preview.context["report"]
    assert "CB404" in preview.content.decode()

    client.post(
        reverse("awards:import-confirm", args=["evaluations"]),
        {"token": preview.context["token"], "fingerprint": report.fingerprint(), "valid_only": "1"},
    )

    assert list(Evaluation.objects.values_list("person__staff_code", flat=True)) == ["CB00123"]


def test_a_confirm_after_the_data_changed_imports_nothing(client, person, office):
    client.force_login(office)
    preview = client.get(
        upload(client, "evaluations", evaluations_file([["CB00123", "", 2024, "HTXSNV"]]))["Location"]
    )
    fingerprint = preview.context["report"].fingerprint()
    evaluate(person, 2024, "HTTNV")  # someone entered it meanwhile

    client.post(
        reverse("awards:import-confirm", args=["evaluations"]),
        {"token": preview.context["token"], "fingerprint": fingerprint},
    )

    assert Evaluation.objects.get().level == "HTTNV"


def test_a_file_that_is_not_xlsx_is_refused(client, office):
    client.force_login(office)

    response = upload(client, "evaluations", b"%PDF-1.4 not a workbook")

    assert response.status_code == 200
    assert "không phải là tệp Excel .xlsx hợp lệ" in response.content.decode()


def test_a_file_without_the_required_columns_is_refused(office):
    with pytest.raises(ValidationError) as exc:
        imports.parse("evaluations", make_staff_xlsx([["CB00123"]], headers=["Mã cán bộ"]))

    assert "Tệp thiếu cột bắt buộc: Năm, Mức xếp loại" in exc.value.messages[0]


def test_a_unit_head_cannot_import(client, head):
    client.force_login(head)

    assert client.get(reverse("awards:import", args=["evaluations"])).status_code == 403
