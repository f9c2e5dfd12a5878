"""Exports read back with openpyxl: headers, real dates and numbers, neutralised formulas, and the
list page's scope and filters (a unit head's file holds their unit's rows only)."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from reports.exporters.base import registry
from tests.factories import (
    AwardRecordFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    add_collective_line,
    add_individual_line,
    make_council_member,
    make_unit_head,
)
from units.xlsx import neutralise

pytestmark = pytest.mark.django_db


def export(client, name, **params):
    response = client.get(reverse("reports:export", args=[name]), params)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return sheet, rows[0], rows[1:]


def column(headers, rows, name):
    index = headers.index(name)
    return [row[index] for row in rows]


def test_the_registry_holds_the_exporters_of_every_app():
    assert {"units", "persons", "plans", "tasks", "submissions", "registrations", "awards"} <= set(registry)
    assert {"campaigns", "nominations", "decisions", "reminders"} <= set(registry)


FILE_STEMS = {
    "awards": "lich-su-khen-thuong",
    "nominations": "de-nghi-khen-thuong",
    "verify-queue": "de-nghi-cho-tham-dinh",
    "disclosures": "dot-cong-khai",
    "calls": "dot-de-nghi-khen-thuong",
    "registrations": "dang-ky-thi-dua",
    "campaigns": "phong-trao-thi-dua",
    "rounds": "dot-dang-ky-thi-dua",
    "registration-list": "ban-dang-ky-thi-dua",
    "criteria-sets": "bang-tieu-chi-cham-diem",
    "sessions": "phien-hop-hoi-dong",
    "decisions": "quyet-dinh-khen-thuong",
    "proposals": "to-trinh-cap-tren",
    "reminders": "nhac-viec-da-gui",
    "plans": "ke-hoach",
    "tasks": "nhiem-vu",
    "task-assignments": "phan-viec-don-vi",
    "submissions": "bao-cao-don-vi",
    "letters": "cong-van",
    "units": "don-vi",
    "persons": "can-bo",
    "clusters": "cum-khoi-thi-dua",
    "reorganisations": "sap-xep-to-chuc-lai-don-vi",
    "issued-documents": "so-van-ban-da-ban-hanh",
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_export_file_is_named_after_its_vietnamese_title_without_accents_in_any_language(rf, language):
    request = rf.get("/")
    request.user = None
    morning = datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC)

    with translation.override(language), time_machine.travel(morning):
        names = {identifier: cls(request).filename() for identifier, cls in registry.items()}

    assert names == {identifier: f"{stem}-20261206.xlsx" for identifier, stem in FILE_STEMS.items()}


@pytest.mark.parametrize("value", ["=1+1", "+A1", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x")'])
def test_text_that_a_spreadsheet_would_run_is_a_string_cell_with_the_quote_prefix(value):
    from openpyxl import Workbook

    sheet = Workbook(write_only=True).create_sheet("x")

    cell = neutralise(sheet, value)

    assert (cell.value, cell.data_type, cell.quotePrefix) == (value, "s", True)


def test_every_sheet_of_the_application_is_written_by_the_one_export_base():
    from campaigns.exports import ConsolidatedRegistrationExporter, RankingExporter
    from council.exports import DecisionResultsExporter
    from units.xlsx import SheetExporter

    writers = [*registry.values(), ConsolidatedRegistrationExporter, RankingExporter, DecisionResultsExporter]

    assert [writer for writer in writers if not issubclass(writer, SheetExporter)] == []


def test_staff_export_has_vietnamese_headers_real_dates_and_a_neutralised_formula(office_client):
    unit = UnitFactory(name="Bệnh viện Đa khoa tỉnh")
    PersonFactory(unit=unit, full_name="=1+1", birth_date=datetime.date(1980, 5, 17), position="Bác sĩ")

    sheet, headers, rows = export(office_client, "persons")

    assert headers[:4] == ("Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh")
    assert sheet.freeze_panes == "A2"
    (row,) = rows
    assert column(headers, rows, "Họ và tên") == ["=1+1"]
    name = sheet.cell(row=2, column=headers.index("Họ và tên") + 1)
    assert name.data_type == "s" and name.quotePrefix
    born = column(headers, rows, "Ngày sinh")[0]
    assert isinstance(born, datetime.datetime) and born.date() == datetime.date(1980, 5, 17)
    assert sheet.cell(row=2, column=headers.index("Ngày sinh") + 1).number_format == "dd/mm/yyyy"
    assert column(headers, rows, "Đơn vị") == ["Bệnh viện Đa khoa tỉnh"]
    assert column(headers, rows, "Trạng thái") == ["Đang công tác"]


def test_a_unit_heads_staff_export_holds_only_their_units_rows(client):
    other = UnitFactory(name="Bệnh viện khác")
    PersonFactory.create_batch(3, unit=other)
    mine = UnitFactory(name="Bệnh viện của tôi")
    head = make_unit_head(mine)
    PersonFactory.create_batch(2, unit=mine)
    client.force_login(head)

    _sheet, headers, rows = export(
        client, "persons", unit=other.pk
    )  # asking for the other unit changes nothing
    _sheet, headers, all_rows = export(client, "persons")

    assert set(column(headers, all_rows, "Đơn vị")) == {"Bệnh viện của tôi"}
    assert len(all_rows) == 3  # two staff and the head
    assert set(column(headers, rows, "Đơn vị")) <= {"Bệnh viện của tôi"}


def test_the_staff_export_follows_the_list_filters(office_client):
    unit = UnitFactory()
    PersonFactory(unit=unit, full_name="Nguyễn Văn Tìm")
    PersonFactory(unit=unit, full_name="Trần Thị Khác")
    PersonFactory(unit=unit, full_name="Lê Văn Nghỉ", active=False)

    _sheet, headers, rows = export(office_client, "persons", q="Tìm")
    _sheet, _headers, inactive = export(office_client, "persons", active="false")

    assert column(headers, rows, "Họ và tên") == ["Nguyễn Văn Tìm"]
    assert column(headers, inactive, "Họ và tên") == ["Lê Văn Nghỉ"]


def test_unit_export_writes_staff_counts_as_numbers(office_client):
    unit = UnitFactory(code="BVT", name="Bệnh viện tỉnh")
    PersonFactory.create_batch(2, unit=unit)

    _sheet, headers, rows = export(office_client, "units")

    (count,) = column(headers, rows, "Cán bộ đang công tác")
    assert count == 2 and isinstance(count, int)
    assert column(headers, rows, "Loại đơn vị") == ["Bệnh viện"]


def test_plan_and_task_exports_write_years_as_numbers_and_due_dates_as_dates(office_client):
    unit = UnitFactory(name="Văn phòng Sở")
    plan = PlanFactory(year=2026, issued=True, number=7, title="Kế hoạch TĐKT năm 2026")
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(2026, 3, 31), status="done")

    _sheet, plan_headers, plans = export(office_client, "plans")
    _sheet, task_headers, tasks = export(office_client, "tasks", when="all")

    assert column(plan_headers, plans, "Số, ký hiệu") == ["07/KH-SYT"]
    assert column(plan_headers, plans, "Năm") == [2026]
    assert column(plan_headers, plans, "Số nhiệm vụ") == [1]
    (due,) = column(task_headers, tasks, "Hạn hoàn thành")
    assert due == datetime.datetime(2026, 3, 31)
    assert column(task_headers, tasks, "Tình trạng") == ["Hoàn thành"]
    assert column(task_headers, tasks, "Thời gian thực hiện") == ["Quý I"]


def test_plan_and_task_exports_hold_no_rows_for_an_invalid_filter_as_their_pages_show_none(office_client):
    plan = PlanFactory(year=2026, issued=True)
    PlanTaskFactory(plan=plan)

    _sheet, _headers, plans = export(office_client, "plans", kind="khong-co")
    _sheet, _headers, tasks = export(office_client, "tasks", when="all", lead_unit="khong-co")
    page = office_client.get(reverse("plans:list"), {"kind": "khong-co"})

    assert plans == [] and tasks == []
    assert list(page.context["object_list"]) == []
    _sheet, _headers, plans = export(office_client, "plans", kind="")
    assert len(plans) == 1


def test_a_unit_heads_task_and_submission_exports_hold_only_their_units_rows(client):
    other, mine = UnitFactory(name="Đơn vị khác"), UnitFactory(name="Đơn vị của tôi")
    plan = PlanFactory(year=2026, issued=True)
    request = SubmissionRequestFactory(due_date=datetime.date(2026, 6, 30))
    PlanTaskFactory(plan=plan, lead_unit=other)
    UnitSubmissionFactory(request=request, unit=other)
    PlanTaskFactory(plan=plan, lead_unit=mine)
    UnitSubmissionFactory(request=request, unit=mine)
    client.force_login(make_unit_head(mine))

    _sheet, task_headers, tasks = export(client, "tasks", when="all")
    _sheet, sub_headers, submissions = export(client, "submissions")

    assert column(task_headers, tasks, "Đơn vị chủ trì") == ["Đơn vị của tôi"]
    assert column(sub_headers, submissions, "Đơn vị") == ["Đơn vị của tôi"]
    assert column(sub_headers, submissions, "Hạn gửi") == [datetime.datetime(2026, 6, 30)]


def test_registration_export_lists_collective_then_individual_lines_in_scope(client):
    round_ = RegistrationRoundFactory(year=2026)
    other = RegistrationFactory(round=round_, unit=UnitFactory(name="Đơn vị khác"))
    add_individual_line(other)
    mine = UnitFactory(name="Đơn vị của tôi")
    registration = RegistrationFactory(round=round_, unit=mine, submitted=True)
    add_collective_line(registration)
    add_individual_line(registration, person=PersonFactory(unit=mine, full_name="Phạm Thị Đăng Ký"))
    client.force_login(make_unit_head(mine))

    _sheet, headers, rows = export(client, "registrations", year=2026)

    assert column(headers, rows, "Đối tượng") == ["Tập thể", "Cá nhân"]
    assert column(headers, rows, "Tập thể / cá nhân") == ["Đơn vị của tôi", "Phạm Thị Đăng Ký"]
    assert set(column(headers, rows, "Đơn vị đăng ký")) == {"Đơn vị của tôi"}
    assert column(headers, rows, "Năm thi đua") == [2026, 2026]
    assert set(column(headers, rows, "Trạng thái bản đăng ký")) == {"Đã gửi, chờ duyệt"}


def test_award_history_export_keeps_decision_dates_and_the_heads_scope(client):
    AwardRecordFactory(person=PersonFactory(unit=UnitFactory()), year=2024)
    mine = UnitFactory(name="Đơn vị của tôi")
    AwardRecordFactory(
        person=PersonFactory(unit=mine, full_name="Hoàng Văn Thưởng"),
        year=2025,
        decision_date=datetime.date(2026, 1, 10),
    )
    client.force_login(make_unit_head(mine))

    _sheet, headers, rows = export(client, "awards")

    assert column(headers, rows, "Cá nhân / tập thể") == ["Hoàng Văn Thưởng"]
    assert column(headers, rows, "Năm thành tích") == [2025]
    assert column(headers, rows, "Ngày quyết định") == [datetime.datetime(2026, 1, 10)]


def test_export_access_follows_the_list_pages_permission(client):
    url = reverse("reports:export", args=["persons"])

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(make_council_member())
    assert client.get(url).status_code == 403  # the staff list is for the office and unit heads
    assert client.get(reverse("reports:export", args=["nothing"])).status_code == 404
