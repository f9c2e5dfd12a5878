import pytest

from campaigns.enums import REGISTRATION_TRANSITIONS, CampaignStatus, RegistrationStatus
from tests.factories import (
    CampaignFactory,
    RegistrationFactory,
    make_council_member,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db

S = RegistrationStatus


@pytest.mark.parametrize(
    ("status", "own_head", "other_head", "office"),
    [
        (S.DRAFT, True, False, True),
        (S.SUBMITTED, False, False, False),
        (S.RETURNED, True, False, True),
        (S.ACCEPTED, False, False, False),
    ],
)
def test_who_may_edit_a_registration_in_each_state(status, own_head, other_head, office):
    reg = RegistrationFactory(status=status)

    assert make_unit_head(reg.unit).has_perm("campaigns.change_registration", reg) is own_head
    assert make_unit_head().has_perm("campaigns.change_registration", reg) is other_head
    assert make_office_user().has_perm("campaigns.change_registration", reg) is office


@pytest.mark.parametrize(
    ("perm", "status", "head", "office"),
    [
        ("campaigns.submit_registration", S.DRAFT, True, True),
        ("campaigns.submit_registration", S.RETURNED, True, True),
        ("campaigns.submit_registration", S.SUBMITTED, False, False),
        ("campaigns.submit_registration", S.ACCEPTED, False, False),
        ("campaigns.decide_registration", S.DRAFT, False, False),
        ("campaigns.decide_registration", S.SUBMITTED, False, True),
        ("campaigns.decide_registration", S.RETURNED, False, False),
        ("campaigns.decide_registration", S.ACCEPTED, False, False),
        ("campaigns.reopen_registration", S.SUBMITTED, False, False),
        ("campaigns.reopen_registration", S.ACCEPTED, False, True),
    ],
)
def test_workflow_permissions_by_state_and_role(perm, status, head, office):
    reg = RegistrationFactory(status=status)

    assert make_unit_head(reg.unit).has_perm(perm, reg) is head
    assert make_office_user().has_perm(perm, reg) is office
    assert make_council_member().has_perm(perm, reg) is False


def test_the_transition_table_lets_units_submit_and_only_the_office_decide():
    for (src, dst), role in REGISTRATION_TRANSITIONS.items():
        if dst == S.SUBMITTED:
            assert role == "unit", (src, dst)
        else:
            assert role == "office", (src, dst)


@pytest.mark.parametrize(
    ("status", "head_sees"),
    [(CampaignStatus.DRAFT, False)] + [(s, True) for s in CampaignStatus if s != CampaignStatus.DRAFT],
)
def test_unit_heads_see_campaigns_once_launched(status, head_sees):
    campaign = CampaignFactory(status=status)

    assert make_unit_head().has_perm("campaigns.view_campaign", campaign) is head_sees
    assert make_office_user().has_perm("campaigns.view_campaign", campaign) is True
    assert make_council_member().has_perm("campaigns.view_campaign", campaign) is True


@pytest.mark.parametrize(
    ("status", "office_may_change"),
    [
        (CampaignStatus.DRAFT, True),
        (CampaignStatus.LAUNCHED, True),
        (CampaignStatus.UNDER_WAY, True),
        (CampaignStatus.REVIEWING, False),
        (CampaignStatus.CLOSED, False),
    ],
)
def test_only_the_office_changes_a_campaign_and_not_once_under_review(status, office_may_change):
    campaign = CampaignFactory(status=status)

    assert make_office_user().has_perm("campaigns.change_campaign", campaign) is office_may_change
    assert make_unit_head().has_perm("campaigns.change_campaign", campaign) is False
