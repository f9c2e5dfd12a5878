"""A successor collective judged with its predecessors' years, as the rule set says: none, the main
predecessor's chain, or any predecessor's; the reasons name whose years were used. A person keeps
their own history wherever they moved."""

import datetime

import pytest

from awards import eligibility
from awards.enums import EligibilityStatus, PredecessorYears
from awards.models import RuleSet
from tests.factories import PersonFactory
from units import services as unit_services
from units.enums import UnitKind
from units.models import Unit, UnitName

from .builders import collective, evaluate, evaluate_years, give_years, message_of, nominate, verdict_for

pytestmark = pytest.mark.django_db

JULY_1 = datetime.date(2025, 7, 1)
BASIS = unit_services.LegalBasis(number="1566/QĐ-UBND", date=datetime.date(2025, 6, 25), issuer="UBND tỉnh")


def _set_rule(mode):
    RuleSet.objects.filter(effective_to__isnull=True).update(predecessor_years=mode)


def _merged(main="a"):
    """Two district health centres merged on 1/7/2025 into a regional one, 4 staff each."""
    a, _ = collective(4, unit_level=None, member_level=None)
    b, _ = collective(4, unit_level=None, member_level=None)
    Unit.objects.filter(pk=a.pk).update(name="Trung tâm Y tế huyện Trảng Bom")
    Unit.objects.filter(pk=b.pk).update(name="Trung tâm Y tế huyện Thống Nhất")
    a.refresh_from_db(), b.refresh_from_db()
    new = Unit(code="TTYT-KV-TB", name="Trung tâm Y tế khu vực Trảng Bom", kind=UnitKind.HEALTH_CENTRE)
    event = unit_services.reorganisation_merge(
        [a, b], successor=new, main=a if main == "a" else b, effective=JULY_1, basis=BASIS
    )
    return a, b, new, event


def test_a_collective_title_of_two_consecutive_years_counts_the_main_predecessors_year():
    _set_rule(PredecessorYears.MAIN)
    a, b, new, _event = _merged(main="a")
    evaluate(a, 2024, "HTXSNV")
    evaluate(new, 2025, "HTXSNV")

    verdict = verdict_for(new, "BK_UBND", 2025)

    assert verdict.status == EligibilityStatus.ELIGIBLE
    assert message_of(verdict, "predecessor_years").endswith(
        "năm 2024: Trung tâm Y tế huyện Trảng Bom (đơn vị tiền thân)."
    )


def test_with_no_predecessor_years_the_same_successor_is_not_eligible():
    _set_rule(PredecessorYears.NONE)
    a, b, new, _event = _merged(main="a")
    evaluate(a, 2024, "HTXSNV")
    evaluate(new, 2025, "HTXSNV")

    verdict = verdict_for(new, "BK_UBND", 2025)

    assert verdict.status == EligibilityStatus.NOT_ELIGIBLE
    assert "năm 2024 chưa có kết quả đánh giá" in message_of(verdict, "consecutive_evaluation_broken")
    assert "predecessor_years" not in verdict.codes


def test_the_main_chain_ignores_a_predecessor_off_it_and_any_predecessor_takes_it():
    a, b, new, _event = _merged(main="a")
    evaluate(b, 2024, "HTXSNV")  # the other centre, not the main one
    evaluate(new, 2025, "HTXSNV")

    nomination = nominate(new, "BK_UBND", 2025)

    _set_rule(PredecessorYears.MAIN)
    on_main = eligibility.check(nomination)
    _set_rule(PredecessorYears.ANY)
    on_any = eligibility.check(nomination)

    assert on_main.status == EligibilityStatus.NOT_ELIGIBLE
    assert on_any.status == EligibilityStatus.ELIGIBLE
    assert "Trung tâm Y tế huyện Thống Nhất (đơn vị tiền thân)" in message_of(on_any, "predecessor_years")


def test_the_office_choosing_another_main_predecessor_changes_whose_years_count():
    _set_rule(PredecessorYears.MAIN)
    a, b, new, event = _merged(main="a")
    evaluate(b, 2024, "HTXSNV")
    evaluate(new, 2025, "HTXSNV")
    nomination = nominate(new, "BK_UBND", 2025)
    assert eligibility.check(nomination).status == EligibilityStatus.NOT_ELIGIBLE

    unit_services.reorganisation_choose_main(event, main=b)

    verdict = eligibility.check(nomination)
    assert verdict.status == EligibilityStatus.ELIGIBLE
    assert "Trung tâm Y tế huyện Thống Nhất" in message_of(verdict, "predecessor_years")


def test_a_predecessor_renamed_before_is_named_as_it_was_named_in_those_years():
    _set_rule(PredecessorYears.MAIN)
    a, b, new, _event = _merged(main="a")
    evaluate(a, 2024, "HTXSNV")
    evaluate(new, 2025, "HTXSNV")
    # The predecessor had been renamed on 1/1/2025: in 2024 it bore its older name.
    UnitName.objects.create(unit=a, name="Trung tâm Y tế huyện Bàu Hàm", valid_to=datetime.date(2024, 12, 31))

    verdict = verdict_for(new, "BK_UBND", 2025)

    assert "năm 2024: Trung tâm Y tế huyện Bàu Hàm (đơn vị tiền thân)" in message_of(
        verdict, "predecessor_years"
    )


def test_consecutive_titles_of_a_collective_are_read_along_the_main_chain():
    """A rule asking two consecutive years of Tập thể lao động xuất sắc: 2024 the predecessor's."""
    from awards.models import AwardRulePath
    from tests.factories import award

    _set_rule(PredecessorYears.MAIN)
    rule = RuleSet.objects.get(effective_to__isnull=True).rules.get(award_type__code="CO_TINH")
    rule.requires_cluster_ranking = False
    rule.save()
    AwardRulePath.objects.create(rule=rule, applies_to="collective", title=award("TTLDXS"), title_count=2)
    a, b, new, _event = _merged(main="a")
    give_years(a, "TTLDXS", [2024])
    give_years(new, "TTLDXS", [2025])

    nomination = nominate(new, "CO_TINH", 2025)
    verdict = eligibility.check(nomination)
    _set_rule(PredecessorYears.NONE)
    without = eligibility.check(nomination)

    assert verdict.status == EligibilityStatus.ELIGIBLE, verdict.messages
    assert "năm 2024: Trung tâm Y tế huyện Trảng Bom (đơn vị tiền thân)" in message_of(
        verdict, "predecessor_years"
    )
    assert without.status == EligibilityStatus.NOT_ELIGIBLE
    assert "chuỗi bị gián đoạn năm 2024" in message_of(without, "consecutive_title_broken")


def test_a_person_moved_by_the_merger_keeps_their_own_history_for_individual_titles():
    _set_rule(PredecessorYears.NONE)  # a person's years are theirs whatever the collective rule
    a, b, new, _event = _merged(main="a")
    nurse = PersonFactory(unit=a, full_name="Lê Thị Mai")
    evaluate_years(nurse, [2024, 2025], "HTXSNV")
    give_years(nurse, "CSTDCS", [2024])
    nurse.unit = new  # moved on with the merger
    nurse.save()
    give_years(nurse, "CSTDCS", [2025])

    verdict = eligibility.check(nominate(nurse, "BK_UBND", 2025))

    assert verdict.status == EligibilityStatus.ELIGIBLE, verdict.messages


@pytest.mark.parametrize(("confirmed", "says_unconfirmed"), [(False, True), (True, False)])
def test_the_predecessor_reason_says_unconfirmed_only_while_the_rule_set_is(confirmed, says_unconfirmed):
    _set_rule(PredecessorYears.MAIN)
    RuleSet.objects.filter(effective_to__isnull=True).update(confirmed=confirmed)
    a, _b, new, _event = _merged(main="a")
    evaluate(a, 2024, "HTXSNV")
    evaluate(new, 2025, "HTXSNV")

    message = message_of(verdict_for(new, "BK_UBND", 2025), "predecessor_years")

    assert ("chưa xác nhận với văn bản" in message) is says_unconfirmed
    assert "năm 2024: Trung tâm Y tế huyện Trảng Bom (đơn vị tiền thân)" in message
