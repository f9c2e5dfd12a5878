"""Quota arithmetic (CSTĐCS ≤ 15% of the unit's LĐTT): rounded down, at least 1 where the unit has
any LĐTT, nothing to share out where it has none. Over the quota is flagged, never refused."""

from decimal import Decimal

import pytest

from awards.eligibility import check, check_many, quota_allowance
from awards.enums import EligibilityStatus, QuotaScope, Rounding
from awards.models import AwardRule
from awards.selectors import rule_set_for_year
from tests.factories import PersonFactory, award

from .builders import collective, evaluate, give, message_of, nominate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("base", "allowed"),
    [(40, 6), (46, 6), (47, 7), (39, 5), (20, 3), (7, 1), (6, 1), (3, 1), (1, 1), (0, 0), (100, 15)],
)
def test_quota_allowance_rounds_down_with_a_minimum_of_one(base, allowed):
    assert quota_allowance(base, Decimal("0.15"), rounding=Rounding.FLOOR, minimum=1) == allowed


@pytest.mark.parametrize(
    ("rounding", "base", "allowed"),
    [
        (Rounding.CEIL, 40, 6),
        (Rounding.CEIL, 41, 7),
        (Rounding.HALF_UP, 30, 5),  # 4.5 → 5
        (Rounding.HALF_UP, 29, 4),  # 4.35 → 4
    ],
)
def test_quota_allowance_other_rounding_modes(rounding, base, allowed):
    assert quota_allowance(base, Decimal("0.15"), rounding=rounding, minimum=1) == allowed


def test_quota_allowance_without_a_minimum_can_be_zero():
    assert quota_allowance(3, Decimal("0.15"), rounding=Rounding.FLOOR, minimum=0) == 0


def _candidates(unit_size, ldtt, count):
    unit, staff = collective(unit_size, unit_level=None, member_level="HTXSNV", ldtt=ldtt)
    return [nominate(person, "CSTDCS") for person in staff[:count]]


def test_six_cstdcs_at_40_ldtt_are_all_within_the_quota():
    nominations = _candidates(40, 40, 6)

    verdicts = check_many(nominations)

    assert {v.status for v in verdicts.values()} == {EligibilityStatus.ELIGIBLE}


def test_the_seventh_at_40_ldtt_is_flagged_and_only_the_seventh():
    nominations = _candidates(40, 40, 7)

    verdicts = check_many(nominations)

    statuses = [verdicts[n.pk].status for n in nominations]
    assert statuses == [EligibilityStatus.ELIGIBLE] * 6 + [EligibilityStatus.FLAGGED]


def test_one_is_allowed_at_3_ldtt_and_the_second_is_flagged():
    nominations = _candidates(3, 3, 2)

    verdicts = check_many(nominations)

    assert verdicts[nominations[0].pk].status == EligibilityStatus.ELIGIBLE
    second = verdicts[nominations[1].pk]
    assert second.status == EligibilityStatus.FLAGGED
    assert message_of(second, "quota_exceeded") == (
        "Vượt tỷ lệ 15%: 15% của 3 Lao động tiên tiến là 1 (làm tròn xuống, tối thiểu 1); "
        "đây là đề nghị thứ 2"
    )


def test_ldtt_proposed_in_the_same_round_count_in_the_base():
    unit, staff = collective(7, unit_level=None, member_level="HTXSNV")
    for person in staff:
        nominate(person, "LDTT")
    first, second = nominate(staff[0], "CSTDCS"), nominate(staff[1], "CSTDCS")

    verdicts = check_many([first, second])

    assert verdicts[first.pk].status == EligibilityStatus.ELIGIBLE
    assert "15% của 7 Lao động tiên tiến là 1" in message_of(verdicts[second.pk], "quota_exceeded")


def test_rejected_nominations_do_not_take_a_place_in_the_quota():
    unit, staff = collective(3, unit_level=None, member_level="HTXSNV", ldtt=3)
    nominate(staff[0], "CSTDCS", status="rejected")

    assert check(nominate(staff[1], "CSTDCS")).status == EligibilityStatus.ELIGIBLE


def test_other_units_do_not_share_a_unit_quota():
    _unit_a, staff_a = collective(3, unit_level=None, member_level="HTXSNV", ldtt=3)
    _unit_b, staff_b = collective(3, unit_level=None, member_level="HTXSNV", ldtt=3)
    nominate(staff_a[0], "CSTDCS")

    assert check(nominate(staff_b[0], "CSTDCS")).status == EligibilityStatus.ELIGIBLE


def test_an_agency_wide_quota_counts_every_unit():
    AwardRule.objects.filter(rule_set=rule_set_for_year(2025), award_type__code="CSTDCS").update(
        quota_scope=QuotaScope.AGENCY
    )
    _unit_a, staff_a = collective(3, unit_level=None, member_level="HTXSNV", ldtt=3)
    _unit_b, staff_b = collective(3, unit_level=None, member_level="HTXSNV", ldtt=3)
    nominate(staff_a[0], "CSTDCS")

    verdict = check(nominate(staff_b[0], "CSTDCS"))

    assert message_of(verdict, "quota_exceeded").startswith(
        "Vượt tỷ lệ 15%: 15% của 6 Lao động tiên tiến là 1"
    )


def test_no_base_title_in_the_unit_is_flagged():
    # A quota on Giấy khen (a province may set one) where nobody in the unit holds LĐTT.
    AwardRule.objects.filter(rule_set=rule_set_for_year(2025), award_type__code="GK_GD").update(
        quota_base_title=award("LDTT"), quota_share=Decimal("0.15")
    )
    person = PersonFactory()
    evaluate(person, 2025, "HTXSNV")

    verdict = check(nominate(person, "GK_GD"))

    assert verdict.status == EligibilityStatus.FLAGGED
    assert message_of(verdict, "quota_no_base").startswith("Không tính được tỷ lệ 15%")


def test_an_unsaved_nomination_is_ranked_after_the_saved_ones():
    from awards.models import Nomination

    unit, staff = collective(3, unit_level=None, member_level="HTXSNV", ldtt=3)
    nominate(staff[0], "CSTDCS")
    draft = Nomination(
        year=2025, award_type=award("CSTDCS"), person=staff[1], proposing_unit=unit, status="draft"
    )

    verdict = check(draft)

    assert "đây là đề nghị thứ 2" in message_of(verdict, "quota_exceeded")


def test_records_of_ldtt_from_previous_years_are_not_in_the_base():
    unit, staff = collective(3, unit_level=None, member_level="HTXSNV", ldtt=3)
    for person in PersonFactory.create_batch(10, unit=unit):
        give(person, "LDTT", 2024)
    nominate(staff[0], "CSTDCS")

    assert check(nominate(staff[1], "CSTDCS")).status == EligibilityStatus.FLAGGED
