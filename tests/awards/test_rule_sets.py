"""Rule sets: the seeded defaults, which set judges which year, and the council arithmetic."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.eligibility import check
from awards.enums import Comparison, EligibilityStatus, ThresholdBase, VoteMethod
from awards.models import AwardRule, RuleSet
from awards.selectors import rule_set_for_year
from tests.factories import PersonFactory

from .builders import evaluate, give, message_of, nominate

pytestmark = pytest.mark.django_db

NEW = "Mặc định theo Luật TĐKT 2022 (NĐ 152/2025)"
OLD = "Luật TĐKT 2003/2013 (NĐ 91/2017)"


def _rule(rule_set_name, code):
    return AwardRule.objects.get(rule_set__name=rule_set_name, award_type__code=code)


def test_two_rule_sets_are_seeded_back_to_back():
    old, new = RuleSet.objects.get(name=OLD), RuleSet.objects.get(name=NEW)

    assert old.effective_to == datetime.date(2023, 12, 31)
    assert new.effective_from == datetime.date(2024, 1, 1)
    assert new.effective_to is None
    assert not new.confirmed and new.unconfirmed_note


def test_the_default_set_holds_the_ladder():
    codes = set(AwardRule.objects.filter(rule_set__name=NEW).values_list("award_type__code", flat=True))

    assert codes == {
        "LDTT",
        "CSTDCS",
        "CSTD_TINH",
        "CSTD_TQ",
        "BK_UBND",
        "BK_TTG",
        "TTLDTT",
        "TTLDXS",
        "CO_TINH",
        "GK_GD",
    }


def test_confirmed_flags_follow_the_domain_tags():
    assert _rule(NEW, "LDTT").criteria_confirmed  # [C]
    assert _rule(NEW, "TTLDXS").criteria_confirmed  # [C]
    assert not _rule(NEW, "CSTD_TINH").criteria_confirmed  # [B]
    assert not _rule(NEW, "BK_TTG").criteria_confirmed  # [B]
    assert not _rule(NEW, "TTLDTT").criteria_confirmed  # [B]
    assert not _rule(NEW, "CSTDCS").quota_confirmed  # [?] no national cap confirmed
    assert _rule(OLD, "CSTDCS").quota_confirmed  # [C] TT 07/2014
    assert not _rule(NEW, "CSTD_TINH").vote_confirmed  # [?] current threshold
    assert _rule(OLD, "CSTD_TINH").vote_confirmed  # [C] NĐ 91 Đ.45 k.8


def test_cstd_and_flags_vote_by_secret_ballot_with_90_percent_of_all_members():
    for code in ("CSTD_TINH", "CSTD_TQ", "CO_TINH"):
        rule = _rule(NEW, code)
        assert rule.vote_method == VoteMethod.SECRET_BALLOT
        assert (rule.threshold_numerator, rule.threshold_denominator) == (9, 10)
        assert rule.threshold_comparison == Comparison.GTE
        assert rule.threshold_base == ThresholdBase.ALL_MEMBERS


def test_other_awards_vote_by_show_of_hands_over_half_of_those_present():
    rule = _rule(NEW, "LDTT")

    assert rule.vote_method == VoteMethod.SHOW_OF_HANDS
    assert (rule.quorum_numerator, rule.quorum_denominator) == (2, 3)
    assert (rule.threshold_numerator, rule.threshold_denominator) == (1, 2)
    assert rule.threshold_base == ThresholdBase.PRESENT
    assert rule.tie_rule


@pytest.mark.parametrize(("present", "met"), [(6, True), (5, False), (9, True)])
def test_quorum_of_two_thirds_of_nine_members_is_six(present, met):
    assert _rule(NEW, "LDTT").quorum_met(present=present, members=9) is met


@pytest.mark.parametrize(("agree", "passed"), [(9, True), (8, False)])
def test_ninety_percent_of_nine_members_needs_nine_agreeing(agree, passed):
    assert _rule(NEW, "CSTD_TINH").threshold_met(agree=agree, members=9, present=7) is passed


@pytest.mark.parametrize(("agree", "passed"), [(4, True), (3, False)])
def test_more_than_half_of_six_present_needs_four(agree, passed):
    rule = _rule(NEW, "LDTT")

    assert rule.threshold_met(agree=agree, members=9, present=6) is passed
    assert rule.is_tie(agree=3, disagree=3)


@pytest.mark.parametrize(("year", "name"), [(2018, OLD), (2023, OLD), (2024, NEW), (2025, NEW), (2030, NEW)])
def test_a_year_is_judged_by_the_set_in_force_on_its_31_december(year, name):
    assert rule_set_for_year(year).name == name


def test_a_2023_nomination_is_judged_by_the_2023_rule_set_after_a_2025_one_is_added():
    new = RuleSet.objects.get(name=NEW)
    new.effective_to = datetime.date(2024, 12, 31)
    new.save()
    newer = RuleSet.objects.create(
        name="Quy định của tỉnh 2025",
        legal_source="QĐ 07/2026/QĐ-UBND",
        effective_from=datetime.date(2025, 1, 1),
    )
    person = PersonFactory()
    evaluate(person, 2023, "HTXSNV")
    give(person, "LDTT", 2023)

    verdict = check(nominate(person, "CSTDCS", 2023))

    assert verdict.rule_set.name == OLD
    assert rule_set_for_year(2024) == new
    assert rule_set_for_year(2025) == newer


def test_the_old_rule_requires_an_initiative_for_cstdcs_in_2023():
    person = PersonFactory()
    evaluate(person, 2023, "HTXSNV")
    give(person, "LDTT", 2023)

    verdict = check(nominate(person, "CSTDCS", 2023))

    assert verdict.status == EligibilityStatus.NOT_ELIGIBLE
    assert message_of(verdict, "initiative_missing") == (
        "Cần 01 sáng kiến/đề tài phạm vi cấp cơ sở trở lên trong năm 2023; hiện có 0"
    )


def test_the_same_facts_in_2024_are_eligible_under_the_new_rule():
    person = PersonFactory()
    evaluate(person, 2024, "HTXSNV")
    give(person, "LDTT", 2024)

    verdict = check(nominate(person, "CSTDCS", 2024))

    assert verdict.status == EligibilityStatus.ELIGIBLE
    assert verdict.rule_set.name == NEW


def test_a_year_without_a_rule_set_is_flagged():
    person = PersonFactory()

    verdict = check(nominate(person, "LDTT", 2010))

    assert verdict.status == EligibilityStatus.FLAGGED
    assert message_of(verdict, "no_rule_set") == "Chưa có bộ quy tắc nào có hiệu lực cho năm 2010."


def test_an_inactive_rule_set_is_not_used():
    RuleSet.objects.filter(name=NEW).update(active=False)

    assert rule_set_for_year(2025) is None


def test_overlapping_active_rule_sets_are_refused_by_validation():
    overlapping = RuleSet(name="Trùng", legal_source="x", effective_from=datetime.date(2025, 1, 1))

    with pytest.raises(ValidationError, match="trùng với bộ quy tắc"):
        overlapping.full_clean()


def test_rule_set_end_before_start_is_refused_by_the_database():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        RuleSet.objects.create(
            name="Sai",
            legal_source="x",
            effective_from=datetime.date(2025, 1, 1),
            effective_to=datetime.date(2024, 1, 1),
        )
