"""Decisions: numbers from the register, reward = coefficient × base salary on the decision date,
award history written with a snapshot, corrections and revocations keeping both records."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from awards.enums import NominationStatus, RecordSource
from awards.models import AwardRecord
from council.enums import DecisionKind
from council.models import BaseSalary, Decision
from council.services import (
    base_salary_on,
    decision_correct,
    decision_issue,
    decision_revoke,
    reward_amount,
)
from tests.factories import NominationFactory, PersonFactory, UnitFactory, award

pytestmark = pytest.mark.django_db

SIGNER = {"signer_name": "Lê Quang Trung", "signer_position": "Giám đốc"}


def approved(code="LDTT", **kwargs):
    return NominationFactory(award_type=award(code), status="approved", **kwargs)


def test_the_base_salary_is_seeded_with_its_dates_and_the_2024_value_unconfirmed():
    rows = list(
        BaseSalary.objects.order_by("effective_from").values_list("effective_from", "amount", "confirmed")
    )

    assert rows == [
        (datetime.date(2023, 7, 1), 1_800_000, True),
        (datetime.date(2024, 7, 1), 2_340_000, False),
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2023, 7, 1), 1_800_000),
        (datetime.date(2024, 6, 30), 1_800_000),
        (datetime.date(2024, 7, 1), 2_340_000),
        (datetime.date(2026, 1, 10), 2_340_000),
    ],
)
def test_the_base_salary_in_force_on_a_day(day, expected):
    assert base_salary_on(day).amount == expected


def test_no_base_salary_before_the_first_one_is_refused():
    with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở"):
        base_salary_on(datetime.date(2023, 6, 30))


@pytest.mark.parametrize(
    ("day", "code", "amount"),
    [
        (datetime.date(2024, 6, 30), "LDTT", 540_000),  # 0,3 × 1.800.000
        (datetime.date(2024, 7, 1), "LDTT", 710_000),  # 0,3 × 2.340.000 = 702.000, rounded up
        (datetime.date(2024, 6, 30), "CSTDCS", 1_800_000),
        (datetime.date(2025, 1, 15), "CSTDCS", 2_340_000),
        (datetime.date(2025, 1, 15), "TTLDTT", 1_880_000),  # 0,8 × 2.340.000 = 1.872.000
    ],
)
def test_the_reward_is_the_coefficient_times_the_base_salary_on_the_decision_date(office, day, code, amount):
    if code == "TTLDTT":
        nomination = approved(code, person=None, unit=UnitFactory(), year=2024)
    else:
        nomination = approved(code, year=2024)

    decision = decision_issue([nomination], date=day, by=office, **SIGNER)

    item = decision.items.get()
    assert item.amount == amount
    assert decision.base_salary == base_salary_on(day).amount


def test_reward_amount_rounds_up_to_the_next_ten_thousand_dong():
    assert reward_amount(Decimal("0.3"), 2_340_000) == 710_000
    assert reward_amount(Decimal("0.3"), 1_800_000) == 540_000  # already a multiple: unchanged
    assert reward_amount(Decimal("1.5"), 2_340_000) == 3_510_000
    assert reward_amount(Decimal("0.3"), 2_333_334) == 710_000  # 700.000,2 is more than 700.000
    assert reward_amount(Decimal("0.3"), 2_340_000, round_up_to=1) == 702_000
    assert reward_amount(None, 2_340_000) is None


def test_the_seeded_base_salaries_round_rewards_to_ten_thousand_dong():
    assert set(BaseSalary.objects.values_list("reward_rounding", flat=True)) == {10_000}


@pytest.mark.parametrize(
    ("code", "individual", "collective"),
    [
        ("GK_GD", "0.3", "0.6"),
        ("GK_DV", "0.3", "0.6"),
        ("BK_UBND", "1.0", "2.0"),
        ("BK_BYT", "1.0", "2.0"),
        ("BK_TTG", "3.5", "7.0"),
    ],
)
def test_forms_for_both_give_a_collective_twice_an_individuals_coefficient(code, individual, collective):
    form = award(code)

    assert form.reward_coefficient_for(collective=False) == Decimal(individual)
    assert form.reward_coefficient_for(collective=True) == Decimal(collective)


def test_titles_of_collectives_keep_their_own_coefficient():
    assert award("TTLDTT").reward_coefficient_for(collective=True) == Decimal("0.8")
    assert award("CO_TINH").reward_coefficient_for(collective=True) == Decimal("8")


def test_a_decision_pays_a_collective_twice_what_an_individual_gets_for_a_giay_khen(office):
    person = PersonFactory(full_name="Phạm Thị Lan")
    ward = UnitFactory(name="Khoa Nhi")
    nominations = [
        approved("GK_GD", person=person, year=2025),
        approved("GK_GD", person=None, unit=ward, proposing_unit=ward, year=2025),
    ]

    decision = decision_issue(nominations, date=datetime.date(2026, 1, 15), by=office, **SIGNER)

    lines = {item.recipient_name: (item.coefficient, item.amount) for item in decision.items.all()}
    # 0,3 × 2.340.000 = 702.000 → 710.000; 0,6 × 2.340.000 = 1.404.000 → 1.410.000
    assert lines == {
        "Phạm Thị Lan": (Decimal("0.30"), 710_000),
        "Khoa Nhi": (Decimal("0.60"), 1_410_000),
    }
    assert decision.total_amount == 2_120_000


def test_the_rounding_of_the_base_salary_in_force_applies(office):
    BaseSalary.objects.filter(effective_from=datetime.date(2024, 7, 1)).update(reward_rounding=1)
    ward = UnitFactory()

    decision = decision_issue(
        [approved("GK_GD", person=None, unit=ward, proposing_unit=ward, year=2025)],
        date=datetime.date(2026, 1, 15),
        by=office,
        **SIGNER,
    )

    assert decision.items.get().amount == 1_404_000  # 0,6 × 2.340.000, not rounded


def test_issuing_writes_the_award_history_and_moves_the_nominations_to_decided(office):
    person = PersonFactory(full_name="Trần Thị Bình", position="Điều dưỡng trưởng")
    nomination = approved("LDTT", person=person, year=2025)

    decision = decision_issue([nomination], date=datetime.date(2026, 1, 10), by=office, **SIGNER)

    record = AwardRecord.objects.get(nomination=nomination)
    assert (record.recipient_name, record.recipient_position, record.recipient_unit_name) == (
        "Trần Thị Bình",
        "Điều dưỡng trưởng",
        person.unit.name,
    )
    assert record.source == RecordSource.ISSUED
    assert record.decision_number == "01/QĐ-SYT" and record.decision_date == datetime.date(2026, 1, 10)
    assert record.year == 2025
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECIDED
    assert decision.number_text == "Số: 01/QĐ-SYT"
    assert decision.title == "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2025"


def test_decision_numbers_follow_the_register_and_are_unique(office):
    numbers = [
        decision_issue([approved()], date=datetime.date(2026, 1, 10), by=office, **SIGNER).number
        for _ in range(3)
    ]

    assert numbers == [1, 2, 3]
    assert Decision.objects.values("year", "symbol", "number").distinct().count() == 3
    next_year = decision_issue([approved()], date=datetime.date(2027, 1, 5), by=office, **SIGNER)
    assert next_year.number == 1


def test_only_approved_nominations_within_the_directors_authority_are_decided(office):
    in_council = NominationFactory(award_type=award("LDTT"), status="in_council")
    provincial = approved("CSTD_TINH")

    with pytest.raises(ValidationError) as refused:
        decision_issue([in_council, provincial], date=datetime.date(2026, 1, 10), by=office, **SIGNER)

    text = " ".join(refused.value.messages)
    assert "chưa được Hội đồng thông qua" in text and "Chủ tịch UBND tỉnh" in text
    assert not Decision.objects.exists() and not AwardRecord.objects.exists()


def test_a_unit_head_cannot_issue_a_decision_it_is_a_role_refusal():
    from tests.factories import make_unit_head

    with pytest.raises(PermissionDenied, match="Thường trực"):
        decision_issue([approved()], date=datetime.date(2026, 1, 10), by=make_unit_head(), **SIGNER)


def test_a_nomination_is_decided_once(office):
    nomination = approved()
    decision_issue([nomination], date=datetime.date(2026, 1, 10), by=office, **SIGNER)

    with pytest.raises(ValidationError):
        decision_issue([nomination], date=datetime.date(2026, 1, 11), by=office, **SIGNER)


def test_a_later_decision_revokes_an_award_and_history_keeps_it(office):
    decision = decision_issue([approved()], date=datetime.date(2026, 1, 10), by=office, **SIGNER)
    record = decision.items.get().award_record

    revocation = decision_revoke(
        [record],
        date=datetime.date(2026, 3, 1),
        reason="Phát hiện kê khai thành tích không đúng",
        by=office,
        **SIGNER,
    )

    record.refresh_from_db()
    assert revocation.kind == DecisionKind.REVOCATION and revocation.number == 2
    assert record.revoked and record.revoked_on == datetime.date(2026, 3, 1)
    assert record.revoking_decision == "Quyết định số 02/QĐ-SYT ngày 01/03/2026"
    assert revocation.items.get().target_record == record
    assert AwardRecord.objects.filter(pk=record.pk).exists()
    with pytest.raises(ValidationError, match="Đã thu hồi"):
        decision_revoke([record], date=datetime.date(2026, 3, 2), reason="lần hai", by=office, **SIGNER)


def test_a_later_decision_corrects_an_award_keeping_both_records(office):
    decision = decision_issue([approved()], date=datetime.date(2026, 1, 10), by=office, **SIGNER)
    old = decision.items.get().award_record

    correction = decision_correct(
        [(old, {"recipient_name": "Nguyễn Thị Hoa"})],
        date=datetime.date(2026, 2, 1),
        reason="Sai chính tả họ tên",
        by=office,
        **SIGNER,
    )

    old.refresh_from_db()
    new = correction.items.get().award_record
    assert old.revoked and "Đính chính theo Quyết định số 02/QĐ-SYT" in old.revoking_decision
    assert new.recipient_name == "Nguyễn Thị Hoa" and not new.revoked
    assert (new.award_type, new.year, new.decision_number) == (old.award_type, old.year, old.decision_number)
    assert correction.items.get().target_record == old
    assert AwardRecord.objects.standing().filter(nomination=old.nomination).get() == new


def test_the_results_sheet_neutralises_formulas(client, office):
    person = PersonFactory(full_name='=HYPERLINK("http://x")')
    decision = decision_issue([approved(person=person)], date=datetime.date(2026, 1, 10), by=office, **SIGNER)
    client.force_login(office)

    response = client.get(reverse("council:decision-xlsx", args=[decision.pk]))

    rows = list(
        load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(values_only=True)
    )
    assert rows[1][1] == '=HYPERLINK("http://x")'
    assert rows[1][6] == 710_000
    assert rows[-1][6] == 710_000


def test_the_decision_page_and_sheet_print_the_recipient_as_issued_after_a_rename(client, office):
    first = UnitFactory(name="Bệnh viện huyện Long Khánh")
    person = PersonFactory(full_name="Trần Thị Bình", position="Điều dưỡng", unit=first)
    decision = decision_issue(
        [approved(person=person, year=2025)], date=datetime.date(2026, 1, 10), by=office, **SIGNER
    )
    person.full_name, person.position = "Trần Thị Bình An", "Điều dưỡng trưởng"
    person.unit = UnitFactory(name="Bệnh viện Đa khoa khu vực Long Khánh")
    person.save()
    first.name = "Bệnh viện Long Khánh (cũ)"
    first.save()
    client.force_login(office)

    page = client.get(decision.get_absolute_url()).content.decode()
    sheet = client.get(reverse("council:decision-xlsx", args=[decision.pk]))
    rows = list(load_workbook(io.BytesIO(sheet.content), read_only=True).active.iter_rows(values_only=True))

    for text in ("Trần Thị Bình<", "Điều dưỡng<", "Bệnh viện huyện Long Khánh"):
        assert text in page
    for text in ("Bình An", "Điều dưỡng trưởng", "khu vực Long Khánh", "(cũ)"):
        assert text not in page
    assert rows[1][1:4] == ("Trần Thị Bình", "Điều dưỡng", "Bệnh viện huyện Long Khánh")
