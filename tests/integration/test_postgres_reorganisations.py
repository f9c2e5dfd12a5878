"""Award history across a merger of two health centres on 1/7/2025, on a real PostgreSQL: the
successor's history page, list and .xlsx export show the predecessors' awards under their issued
names; a two-year collective criterion is judged from the chosen predecessor's chain (and not at
all with the rule set's "none"); a person moved keeps their history; a rename keeps old names."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards import eligibility
from awards.enums import EligibilityStatus, PredecessorYears
from awards.models import AwardRecord, RuleSet
from tests.factories import (
    AwardRecordFactory,
    EvaluationFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    award,
    make_office_user,
)
from units import selectors, services
from units.enums import UnitKind
from units.models import Unit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

JULY_1 = datetime.date(2025, 7, 1)
BASIS = services.LegalBasis(
    number="1566/QĐ-UBND", date=datetime.date(2025, 6, 25), issuer="UBND tỉnh Đồng Nai"
)


@pytest.fixture
def merger():
    trang_bom = UnitFactory(name="Trung tâm Y tế huyện Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    thong_nhat = UnitFactory(name="Trung tâm Y tế huyện Thống Nhất", kind=UnitKind.HEALTH_CENTRE)
    nurse = PersonFactory(unit=thong_nhat, full_name="Phạm Thị Thu", position="Điều dưỡng")
    AwardRecordFactory(
        person=None, unit=trang_bom, award_type=award("TTLDXS"), year=2024, decision_number="88/QĐ-UBND"
    )
    AwardRecordFactory(person=nurse, award_type=award("LDTT"), year=2024)
    EvaluationFactory(person=None, unit=trang_bom, year=2024, level="HTXSNV")
    EvaluationFactory(person=None, unit=thong_nhat, year=2024, level="HTTNV")
    successor = Unit(code="TTYT-KV-TB", name="Trung tâm Y tế khu vực Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    event = services.reorganisation_merge(
        [trang_bom, thong_nhat], successor=successor, main=trang_bom, effective=JULY_1, basis=BASIS
    )
    EvaluationFactory(person=None, unit=successor, year=2025, level="HTXSNV")
    return trang_bom, thong_nhat, successor, nurse, event


def test_the_successors_history_page_list_and_export_show_the_predecessors_award_as_issued(client, merger):
    trang_bom, thong_nhat, successor, nurse, event = merger
    client.force_login(make_office_user())

    page = client.get(reverse("awards:unit-history", args=[successor.pk])).content.decode()
    listing = client.get(reverse("reports:history"), {"unit": successor.pk})
    export = client.get(reverse("reports:export", args=["awards"]), {"unit": successor.pk})
    rows = list(
        load_workbook(io.BytesIO(b"".join(export.streaming_content)))
        .worksheets[0]
        .iter_rows(values_only=True)
    )

    assert "Trung tâm Y tế huyện Trảng Bom" in page and "88/QĐ-UBND" in page and "đơn vị tiền thân" in page
    assert "Trung tâm Y tế huyện Trảng Bom" in listing.content.decode()
    name, note = rows[0].index("Cá nhân / tập thể"), rows[0].index("Ghi chú")
    assert ("Trung tâm Y tế huyện Trảng Bom", "Đơn vị tiền thân") in {(r[name], r[note]) for r in rows[1:]}
    # The nurse moved with the merger: her record stays hers, with the unit of the time.
    assert ("Phạm Thị Thu", None) in {(r[name], r[note]) for r in rows[1:]}


def test_a_two_year_collective_criterion_is_judged_from_the_chosen_predecessors_chain(merger):
    trang_bom, thong_nhat, successor, nurse, event = merger
    nomination = NominationFactory(person=None, unit=successor, award_type=award("BK_UBND"), year=2025)

    RuleSet.objects.filter(effective_to__isnull=True).update(predecessor_years=PredecessorYears.MAIN)
    on_main = eligibility.check(nomination)
    RuleSet.objects.filter(effective_to__isnull=True).update(predecessor_years=PredecessorYears.NONE)
    on_none = eligibility.check(nomination)
    services.reorganisation_choose_main(event, main=thong_nhat)
    RuleSet.objects.filter(effective_to__isnull=True).update(predecessor_years=PredecessorYears.MAIN)
    on_other_main = eligibility.check(nomination)

    assert on_main.status == EligibilityStatus.ELIGIBLE
    assert any("năm 2024: Trung tâm Y tế huyện Trảng Bom (đơn vị tiền thân)" in m for m in on_main.messages)
    assert on_none.status == EligibilityStatus.NOT_ELIGIBLE
    assert on_other_main.status == EligibilityStatus.NOT_ELIGIBLE  # Thống Nhất was HTTNV in 2024


def test_a_person_moved_by_the_merger_keeps_their_history_and_the_unit_as_issued(client, merger):
    trang_bom, thong_nhat, successor, nurse, event = merger
    nurse.refresh_from_db()
    client.force_login(make_office_user())

    page = client.get(reverse("awards:person-history", args=[nurse.pk])).content.decode()

    assert nurse.unit == successor
    assert AwardRecord.objects.get(person=nurse).recipient_unit_name == "Trung tâm Y tế huyện Thống Nhất"
    assert "Trung tâm Y tế huyện Thống Nhất" in page


def test_a_rename_keeps_the_old_name_for_the_days_before(merger):
    trang_bom, thong_nhat, successor, nurse, event = merger

    services.reorganisation_rename(
        successor, new_name="Trung tâm Y tế Trảng Bom", effective=datetime.date(2026, 1, 1), basis=BASIS
    )

    assert (
        selectors.unit_name_on(successor, datetime.date(2025, 12, 31)) == "Trung tâm Y tế khu vực Trảng Bom"
    )
    assert selectors.unit_name_on(successor, datetime.date(2026, 1, 1)) == "Trung tâm Y tế Trảng Bom"
