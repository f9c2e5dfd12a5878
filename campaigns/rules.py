"""Permission predicates for campaigns, registrations and scoring.

``is_*``: who the user is to the object; ``can_be_*``: the object's state; composed per verb in
the models' ``rules_permissions`` and in the ``add_perm`` calls below.
"""

import rules

from units.rules import (
    is_authenticated,
    is_council_member,
    is_nobody,
    is_office_staff,
    is_unit_head,
    is_unit_head_of,
)

from .enums import CAMPAIGN_EDITABLE, CAMPAIGN_PUBLISHED, REGISTRATION_EDITABLE, RegistrationStatus

__all__ = [
    "can_be_decided",
    "can_be_edited",
    "can_be_reopened",
    "can_be_submitted",
    "has_any_role",
    "is_authenticated",
    "is_campaign_editable",
    "is_campaign_published",
    "is_council_member",
    "is_nobody",
    "is_office_staff",
    "is_scored_unit_head",
    "is_unit_head",
    "is_unit_head_of",
]

has_any_role = is_office_staff | is_council_member | is_unit_head


@rules.predicate
def is_campaign_published(user, campaign):
    return campaign is not None and campaign.status in CAMPAIGN_PUBLISHED


@rules.predicate
def is_campaign_editable(user, campaign):
    return campaign is not None and campaign.status in CAMPAIGN_EDITABLE


@rules.predicate
def can_be_edited(user, registration):
    return registration is not None and registration.status in REGISTRATION_EDITABLE


@rules.predicate
def can_be_submitted(user, registration):
    return registration is not None and registration.status in REGISTRATION_EDITABLE


@rules.predicate
def can_be_decided(user, registration):
    return registration is not None and registration.status == RegistrationStatus.SUBMITTED


@rules.predicate
def can_be_reopened(user, registration):
    return registration is not None and registration.status == RegistrationStatus.ACCEPTED


@rules.predicate
def is_scored_unit_head(user, criteria_set):
    """The user's unit is one of the units scored with this criteria set."""
    if criteria_set is None or not is_unit_head(user):
        return False
    return user.head_of_unit_id in criteria_set.scored_unit_ids()


can_view_campaign = is_office_staff | is_council_member | (is_unit_head & is_campaign_published)
can_view_registration = is_office_staff | is_council_member | is_unit_head_of
can_edit_registration = (is_office_staff | is_unit_head_of) & can_be_edited
can_submit_registration = (is_office_staff | is_unit_head_of) & can_be_submitted
can_decide_registration = is_office_staff & can_be_decided
can_reopen_registration = is_office_staff & can_be_reopened

rules.add_perm("campaigns.list_campaign", has_any_role)
rules.add_perm("campaigns.list_registration", is_office_staff | is_unit_head)
rules.add_perm("campaigns.submit_registration", can_submit_registration)
rules.add_perm("campaigns.decide_registration", can_decide_registration)
# Deciding the ticked registrations of the list at once (each is then checked by the service).
rules.add_perm("campaigns.decide_registrations", is_office_staff)
rules.add_perm("campaigns.reopen_registration", can_reopen_registration)
rules.add_perm("campaigns.view_consolidated", is_office_staff | is_council_member)
rules.add_perm("campaigns.view_catalog", has_any_role)
# A score's evidence file: the office, or the head of the unit scored.
rules.add_perm("campaigns.view_score_evidence", is_office_staff | is_unit_head_of)
rules.add_perm("campaigns.list_criteriaset", has_any_role)
rules.add_perm("campaigns.self_score", is_scored_unit_head)
rules.add_perm("campaigns.assess_score", is_office_staff)
rules.add_perm("campaigns.view_ranking", has_any_role)
# The admin asks for the app label itself before it lists the app's models.
rules.add_perm("campaigns", is_office_staff)
