"""Permission predicates of the awards app.

Vocabulary: ``is_*`` says who the user is to the object, ``can_be_*`` the object's state,
``has_*`` a role's access; composed per verb in the models' ``rules_permissions`` and below.
"""

import rules

from units.rules import (
    head_scope_ids,
    is_authenticated,
    is_council_member,
    is_nobody,
    is_office_staff,
    is_unit_head,
)

from .enums import NOMINATION_EDITABLE, NOMINATION_FINAL

__all__ = [
    "can_be_edited",
    "can_be_rechecked",
    "can_change_nomination",
    "can_view_nomination",
    "has_nomination_access",
    "is_authenticated",
    "is_council_member",
    "is_nobody",
    "is_office_staff",
    "is_proposing_unit_head",
    "is_unit_head",
]


def _nomination_of(obj):
    """A nomination, or anything that belongs to one (a dossier file, a comment)."""
    return getattr(obj, "nomination", obj) if obj is not None and hasattr(obj, "nomination_id") else obj


@rules.predicate
def is_proposing_unit_head(user, obj):
    """The user heads the unit that proposes the nomination (or a unit above it)."""
    nomination = _nomination_of(obj)
    unit_id = getattr(nomination, "proposing_unit_id", None)
    return unit_id is not None and unit_id in head_scope_ids(user)


@rules.predicate
def can_be_edited(user, obj):
    nomination = _nomination_of(obj)
    return nomination is not None and nomination.status in NOMINATION_EDITABLE


@rules.predicate
def can_be_rechecked(user, obj):
    nomination = _nomination_of(obj)
    return nomination is not None and nomination.status not in NOMINATION_FINAL


has_nomination_access = is_office_staff | is_unit_head
can_view_nomination = is_office_staff | is_proposing_unit_head
can_change_nomination = (is_office_staff | is_proposing_unit_head) & can_be_edited

rules.add_perm("awards.list_nomination", has_nomination_access)
rules.add_perm("awards.verify_nomination", is_office_staff)
rules.add_perm("awards.recheck_nomination", (is_office_staff | is_proposing_unit_head) & can_be_rechecked)
rules.add_perm("awards.recheck_year", is_office_staff)
rules.add_perm("awards.upload_dossier", can_change_nomination)
rules.add_perm("awards.view_disclosure", is_authenticated)
rules.add_perm("awards.manage_disclosure", is_office_staff)
rules.add_perm("awards.read_disclosure_comments", is_office_staff | is_council_member)
# The office reads each comment first; only the ones it accepts reach the other readers.
rules.add_perm("awards.moderate_disclosure_comment", is_office_staff)
rules.add_perm("awards.import_history", is_office_staff)
rules.add_perm("awards.manage_nomination_calls", is_office_staff)
# The admin asks for the app label itself before it lists the app's models.
rules.add_perm("awards", is_office_staff)
