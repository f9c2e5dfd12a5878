"""Award history reports: the years x award types matrix, one subject's years, scope and export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import AwardRecord
from reports.history import history_matrix, subject_timeline
from tests.factories import (
    AwardRecordFactory,
    EvaluationFactory,
    InitiativeFactory,
    PersonFactory,
    UnitFactory,
    add_initiative_author,
    award,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    unit = UnitFactory(name="Bệnh viện A")
    staff = PersonFactory.create_batch(3, unit=unit)
    for person in staff:
        AwardRecordFactory(person=person, year=2024)  # LĐTT
    AwardRecordFactory(person=staff[0], year=2025)
    AwardRecordFactory(person=staff[0], year=2025, award_type=award("CSTDCS"))
    AwardRecordFactory(person=None, unit=unit, year=2025, award_type=award("TTLDTT"))
    AwardRecordFactory(person=staff[1], year=2025, revoked=True, revoking_decision="05/QĐ-SYT")
    return unit, staff


def test_matrix_counts_standing_records_per_year_and_award_type(records):
    matrix = history_matrix(AwardRecord.objects.standing())

    assert matrix.years == [2025, 2024]
    codes = [a.code for a in matrix.award_types]
    cells = {row["year"]: dict(zip(codes, row["cells"], strict=True)) for row in matrix.rows}
    assert cells[2024]["LDTT"] == 3
    assert cells[2025]["LDTT"] == 1
    assert cells[2025]["CSTDCS"] == 1
    assert cells[2025]["TTLDTT"] == 1
    assert matrix.grand_total == 6


def test_history_page_filters_by_unit_and_links_each_cell_to_its_records(client, records):
    unit, _staff = records
    AwardRecordFactory(person=PersonFactory(unit=UnitFactory()), year=2024)
    client.force_login(make_office_user())

    response = client.get(reverse("reports:history"), {"unit": unit.pk})
    drilled = client.get(
        reverse("reports:history"), {"unit": unit.pk, "year": 2024, "award_type": award("LDTT").pk}
    )

    assert response.status_code == 200
    assert response.context["matrix"].grand_total == 6
    html = response.content.decode()
    assert f"unit={unit.pk}&amp;year=2024&amp;award_type={award('LDTT').pk}" in html
    assert len(drilled.context["records"]) == 3


def test_person_timeline_lays_evaluations_titles_and_initiatives_side_by_side(client):
    person = PersonFactory()
    EvaluationFactory(person=person, year=2024, level="HTXSNV")
    EvaluationFactory(person=person, year=2025, level="HTTNV")
    AwardRecordFactory(person=person, year=2024)
    initiative = InitiativeFactory(year=2025, title="Sáng kiến giảm thời gian chờ khám")
    add_initiative_author(initiative, person)

    timeline = subject_timeline(person=person)
    client.force_login(make_office_user())
    response = client.get(reverse("reports:history-person", args=[person.pk]))

    assert [line.year for line in timeline] == [2025, 2024]
    assert timeline[0].evaluation.level == "HTTNV" and timeline[0].initiatives == [initiative]
    assert timeline[1].evaluation.level == "HTXSNV" and len(timeline[1].records) == 1
    html = response.content.decode()
    assert "Sáng kiến giảm thời gian chờ khám" in html and "HTXSNV" in html


def test_a_unit_head_sees_their_units_history_and_another_units_person_is_a_404(client, records):
    unit, staff = records
    other = PersonFactory(unit=UnitFactory())
    AwardRecordFactory(person=other, year=2024)
    client.force_login(make_unit_head(unit))

    response = client.get(reverse("reports:history"))
    refused = client.get(reverse("reports:history-person", args=[other.pk]))
    own = client.get(reverse("reports:history-person", args=[staff[0].pk]))
    unit_page = client.get(reverse("reports:history-unit", args=[unit.pk]))

    assert response.context["matrix"].grand_total == 6
    assert refused.status_code == 404
    assert own.status_code == 200
    assert unit_page.status_code == 200 and [line.year for line in unit_page.context["timeline"]] == [2025]


def test_history_exports_the_rows_behind_the_page(client, records):
    unit, staff = records
    client.force_login(make_office_user())

    response = client.get(reverse("reports:export", args=["awards"]), {"unit": unit.pk, "year": 2025})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Năm thành tích"
    assert len(rows) - 1 == 3  # the revoked record is left out unless asked for
    assert {row[3] for row in rows[1:]} == {"Cá nhân", "Tập thể"}


def test_history_is_closed_to_users_without_a_role(client):
    from tests.factories import make_plain_user

    client.force_login(make_plain_user())

    assert client.get(reverse("reports:history")).status_code == 403
