import pytest

from awards.models import AwardRule, RuleSet


@pytest.fixture
def rule_2025():
    """The seeded 2022-law rule set judging 2025, by award code: rule_2025("LDTT")."""
    rule_set = RuleSet.objects.in_force_on(RuleSet.judging_day(2025)).first()

    def _rule(code):
        return AwardRule.objects.get(rule_set=rule_set, award_type__code=code)

    return _rule
