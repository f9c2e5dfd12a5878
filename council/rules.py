"""Permissions of the council: sessions, ballots, decisions and proposals.

``is_*``: who the user is to the object; ``can_be_*``: the object's state. Nothing here ever
grants sight of one member's choice: no such page exists. Tallies are shown only for a closed
session (``can_show_tallies``); while voting, members and the office see how many have voted.
"""

import rules
from django.utils.functional import empty

from units.rules import is_authenticated, is_council_member, is_nobody, is_office_staff

from .enums import MemberRole, SessionStatus

__all__ = [
    "can_be_voted",
    "can_show_tallies",
    "is_authenticated",
    "is_council_member",
    "is_nobody",
    "is_office_staff",
    "is_session_member",
    "is_session_secretary",
]


def _membership(user, session):
    if session is None or not is_authenticated(user):
        return None
    cache = user.__dict__.setdefault("_council_memberships", {})
    if session.pk not in cache:
        cache[session.pk] = session.memberships.filter(user=user).first()
    return cache[session.pk]


def session_membership(user, session):
    """The user's membership of ``session`` (None when they do not sit on it), read once per
    request: the permission checks and the voting page share it. ``request.user`` is a lazy
    object; the checks are given the user inside it, which keeps the answer."""
    inner = getattr(user, "_wrapped", empty)
    return _membership(user if inner is empty else inner, session)


@rules.predicate
def is_session_member(user, session):
    return _membership(user, session) is not None


@rules.predicate
def is_session_secretary(user, session):
    if session is None or not is_authenticated(user):
        return False
    if session.secretary_id == user.pk:
        return True
    membership = _membership(user, session)
    return membership is not None and membership.role == MemberRole.SECRETARY


@rules.predicate
def is_scheduled(user, session):
    return session is not None and session.status == SessionStatus.SCHEDULED


@rules.predicate
def can_be_voted(user, session):
    return session is not None and session.status == SessionStatus.VOTING


@rules.predicate
def can_show_tallies(user, session):
    return session is not None and session.status == SessionStatus.CLOSED


can_view_session = is_office_staff | is_session_member
can_record_attendance = (is_office_staff | is_session_secretary) & is_scheduled

rules.add_perm("council", is_office_staff)  # the admin asks for the app label first
rules.add_perm("council.list_session", is_office_staff | is_council_member)
rules.add_perm("council.view_session", can_view_session)
rules.add_perm("council.manage_session", is_office_staff)
rules.add_perm("council.edit_agenda", is_office_staff & is_scheduled)
rules.add_perm("council.record_attendance", can_record_attendance)
rules.add_perm("council.vote", is_session_member & can_be_voted)
rules.add_perm("council.enter_written_opinion", (is_office_staff | is_session_secretary) & can_be_voted)
rules.add_perm("council.view_tallies", can_view_session & can_show_tallies)
rules.add_perm("council.view_minutes", can_view_session & can_show_tallies)
rules.add_perm("council.settle_tie", is_office_staff & can_show_tallies)
rules.add_perm("council.list_decision", is_office_staff)
rules.add_perm("council.issue_decision", is_office_staff)
rules.add_perm("council.list_proposal", is_office_staff)
rules.add_perm("council.manage_proposal", is_office_staff)
