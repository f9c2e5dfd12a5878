"""Every history view of a successor unit shows its predecessors' records, marked, under the names
they were issued to; records keep the recipient as issued; a person moved keeps their history."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import AwardRecord, Evaluation
from reports import stats
from tests.factories import PersonFactory, UnitFactory, make_office_user, make_unit_head
from units import services as unit_services
from units.enums import UnitKind
from units.models import Unit

from .builders import evaluate, give

pytestmark = pytest.mark.django_db

JULY_1 = datetime.date(2025, 7, 1)
BASIS = unit_services.LegalBasis(number="1566/QĐ-UBND", date=datetime.date(2025, 6, 25), issuer="UBND tỉnh")
PREDECESSOR = "đơn vị tiền thân"


@pytest.fixture
def merged(db):
    a = UnitFactory(name="Trung tâm Y tế huyện Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    b = UnitFactory(name="Trung tâm Y tế huyện Thống Nhất", kind=UnitKind.HEALTH_CENTRE)
    give(a, "TTLDXS", 2024, decision_number="88/QĐ-UBND")
    evaluate(b, 2024, "HTXSNV")
    new = Unit(code="TTYT-KV-TB", name="Trung tâm Y tế khu vực Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    unit_services.reorganisation_merge([a, b], successor=new, main=a, effective=JULY_1, basis=BASIS)
    give(new, "TTLDTT", 2025, decision_number="12/QĐ-SYT")
    return a, b, new


def test_the_successors_history_page_shows_the_predecessors_award_under_its_issued_name(client, merged):
    a, b, new = merged
    client.force_login(make_office_user())

    page = client.get(reverse("awards:unit-history", args=[new.pk])).content.decode()

    assert "Trung tâm Y tế huyện Trảng Bom" in page and "88/QĐ-UBND" in page
    assert PREDECESSOR in page
    assert "12/QĐ-SYT" in page
    assert 'id="lineage"' in page and "tiền thân chính" in page


def test_the_successors_yearly_history_holds_the_predecessors_evaluation_and_award(client, merged):
    a, b, new = merged
    client.force_login(make_office_user())

    response = client.get(reverse("reports:history-unit", args=[new.pk]))

    line_2024 = next(line for line in response.context["timeline"] if line.year == 2024)
    assert [r.recipient_name for r in line_2024.records] == ["Trung tâm Y tế huyện Trảng Bom"]
    assert line_2024.records[0].is_predecessor
    assert [e.subject_name for e in line_2024.predecessor_evaluations] == ["Trung tâm Y tế huyện Thống Nhất"]
    assert PREDECESSOR in response.content.decode()


def test_the_history_list_filtered_by_the_successor_includes_and_marks_the_predecessors(client, merged):
    a, b, new = merged
    client.force_login(make_office_user())

    response = client.get(reverse("reports:history"), {"unit": new.pk})

    assert response.context["matrix"].grand_total == 2
    assert a.pk in response.context["predecessor_ids"]
    assert PREDECESSOR in response.content.decode()


def test_a_head_of_the_successor_sees_the_predecessors_records_in_the_list(client, merged):
    a, b, new = merged
    client.force_login(make_unit_head(new))

    response = client.get(reverse("reports:history"))

    assert response.context["matrix"].grand_total == 2


def test_the_xlsx_export_of_the_successors_history_prints_the_issued_names_and_marks_predecessors(
    client, merged
):
    a, b, new = merged
    client.force_login(make_office_user())

    response = client.get(reverse("reports:export", args=["awards"]), {"unit": new.pk})

    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    headers, body = rows[0], rows[1:]
    name, note = headers.index("Cá nhân / tập thể"), headers.index("Ghi chú")
    assert {(row[name], row[note]) for row in body} == {
        ("Trung tâm Y tế huyện Trảng Bom", "Đơn vị tiền thân"),
        ("Trung tâm Y tế khu vực Trảng Bom", None),
    }


def test_the_unit_dashboards_figures_over_the_years_count_the_predecessors_records(merged):
    a, b, new = merged

    years = sorted(stats.award_records_of_units({new.pk}).values_list("year", flat=True))

    assert years == [2024, 2025]


def test_a_rename_keeps_the_old_name_on_the_old_records(client):
    unit = UnitFactory(name="Trung tâm Y tế huyện Long Thành")
    give(unit, "TTLDTT", 2024)
    evaluate(unit, 2024, "HTXSNV")
    unit_services.reorganisation_rename(
        unit, new_name="Trung tâm Y tế khu vực Long Thành", effective=JULY_1, basis=BASIS
    )
    unit.refresh_from_db()
    give(unit, "TTLDTT", 2025)
    client.force_login(make_office_user())

    response = client.get(reverse("reports:history"), {"unit": unit.pk})

    names = {r.year: r.recipient_name for r in response.context["records"]}
    assert names == {2024: "Trung tâm Y tế huyện Long Thành", 2025: "Trung tâm Y tế khu vực Long Thành"}
    assert Evaluation.objects.get(unit=unit).subject_name == "Trung tâm Y tế huyện Long Thành"


def test_a_person_moved_between_units_keeps_their_history_with_the_unit_of_the_time(client):
    first = UnitFactory(name="Bệnh viện huyện Long Khánh")
    second = UnitFactory(name="Bệnh viện Đa khoa khu vực Long Khánh")
    nurse = PersonFactory(unit=first, full_name="Trần Thị Lan", position="Điều dưỡng")
    give(nurse, "LDTT", 2024)
    nurse.unit, nurse.position = second, "Điều dưỡng trưởng"
    nurse.save()
    give(nurse, "CSTDCS", 2025)
    client.force_login(make_office_user())

    page = client.get(reverse("awards:person-history", args=[nurse.pk])).content.decode()
    export = client.get(reverse("reports:export", args=["awards"]), {"person": nurse.pk})
    rows = list(
        load_workbook(io.BytesIO(b"".join(export.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    where = rows[0].index("Đơn vị")

    assert "Bệnh viện huyện Long Khánh" in page and "Bệnh viện Đa khoa khu vực Long Khánh" in page
    assert sorted(row[where] for row in rows[1:]) == sorted(
        ["Bệnh viện huyện Long Khánh", "Bệnh viện Đa khoa khu vực Long Khánh"]
    )
    records = {
        r.year: (r.recipient_position, r.recipient_unit_name)
        for r in AwardRecord.objects.filter(person=nurse)
    }
    assert records == {
        2024: ("Điều dưỡng", "Bệnh viện huyện Long Khánh"),
        2025: ("Điều dưỡng trưởng", "Bệnh viện Đa khoa khu vực Long Khánh"),
    }


def test_the_history_pages_print_the_recipient_as_issued_after_a_rename(client):
    unit = UnitFactory(name="Trung tâm Y tế huyện Long Thành")
    nurse = PersonFactory(unit=unit, full_name="Trần Thị Lan", position="Điều dưỡng")
    give(unit, "TTLDTT", 2024)
    give(nurse, "LDTT", 2024)
    unit_services.reorganisation_rename(
        unit, new_name="Trung tâm Y tế khu vực Long Thành", effective=JULY_1, basis=BASIS
    )
    nurse.full_name, nurse.position = "Trần Thị Lan Anh", "Điều dưỡng trưởng"
    nurse.save()
    client.force_login(make_office_user())

    unit_page = client.get(reverse("awards:unit-history", args=[unit.pk])).content.decode()
    person_page = client.get(reverse("awards:person-history", args=[nurse.pk])).content.decode()

    unit_table = unit_page.split('id="award-records"')[1].split("</table>")[0]
    person_table = person_page.split('id="award-records"')[1].split("</table>")[0]
    assert "Trung tâm Y tế huyện Long Thành" in unit_table
    assert "khu vực Long Thành" not in unit_table
    assert "Trần Thị Lan<" in person_table and "Lan Anh" not in person_table
    assert "Điều dưỡng," in person_table and "Điều dưỡng trưởng" not in person_table
