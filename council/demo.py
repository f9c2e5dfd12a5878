"""The demo year of the council: a session voted and closed, its decision issued, and a session
voting now.

``demo_council_load()`` takes the nominations the awards demo verified (``awards.demo``) and, as
the office (``vanphong``) and the council members, through ``council.services``:

1. the first session of the year, two weeks ago: members marked present, six nominations on the
   agenda, voting opened, every member's ballot cast (``ballot_cast``), the vote closed and
   tallied — five approved, one rejected — and its minutes issued with their number;
2. the award decision (Quyết định khen thưởng) for four of the approved nominations, issued with
   the next number of the register (``decision_issue``): award records written, the document
   stored as issued; the fifth approved nomination waits for the office's next decision;
3. the second session, voting today: every member but ``hoidong`` has voted, so the demo council
   member finds "Bỏ phiếu (còn 3)" on their home page.

The council sits as the department's leadership does: the director (chair), the deputy director
of the ``hoidong`` login (vice-chair), the chief of office (secretary) and two heads of
sub-departments. The members other than ``hoidong`` are accounts without a password (their
ballots are part of the story; nobody signs in as them).

Idempotent: a session is keyed on (year, title), a decision on its session; what exists is left
as it is.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from awards.demo import demo_nomination
from awards.enums import NominationStatus
from units.models import Person, User

from . import services
from .enums import Attendance, Choice, MemberRole
from .models import CouncilSession, Decision

OFFICE_LOGIN = "vanphong"
COUNCIL_LOGIN = "hoidong"
PLACE = "Phòng họp số 1, Sở Y tế tỉnh Đồng Nai"

# Members besides the demo login: (username, staff code, role).
MEMBERS = [
    ("hoidong.chutich", "VP-SYT-001", MemberRole.CHAIR),
    ("hoidong.thuky", "VP-SYT-005", MemberRole.SECRETARY),
    ("hoidong.tccb", "P-TCCB-001", MemberRole.MEMBER),
    ("hoidong.nvy", "P-NVY-001", MemberRole.MEMBER),
]

# (nominee, award): what the first session approves, and what it rejects (one agreeing ballot).
APPROVED = [
    ("BVDK-TN-004", "LDTT"),
    ("BVND-DN-004", "LDTT"),
    ("CDC-DN-004", "LDTT"),
    ("unit:BVDK-DN-CC", "GK_GD"),
    ("BV-YDCT-003", "GK_GD"),
]
REJECTED = [("TTYT-LK-004", "LDTT")]
DECIDED = APPROVED[:4]  # the last approved one waits for the next decision
SECOND_SESSION = [("BVDK-TN-005", "LDTT"), ("BVND-DN-005", "LDTT"), ("unit:BVND-DN-SS", "GK_GD")]


def session_titles(year: int) -> tuple[str, str]:
    return (
        f"Phiên họp Hội đồng Thi đua - Khen thưởng Sở Y tế xét khen thưởng đợt 1 năm {year}",
        f"Phiên họp Hội đồng Thi đua - Khen thưởng Sở Y tế xét khen thưởng đợt 2 năm {year}",
    )


def _members() -> tuple[dict, int]:
    """The council's accounts by role (``members``: the list of ordinary members), the missing
    ones created without a password."""
    created = 0
    people: dict = {"members": []}
    for username, staff_code, role in MEMBERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            person = Person.objects.filter(staff_code=staff_code, user__isnull=True).first()
            user = User(
                username=username, email=f"{username}@example.vn", is_council_member=True, person=person
            )
            user.set_unusable_password()
            user.save()
            created += 1
        if role == MemberRole.MEMBER:
            people["members"].append(user)
        else:
            people[role] = user
    return people, created


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _nominations_any(keys, year: int):
    found = [demo_nomination(nominee, award, year) for nominee, award in keys]
    return [n for n in found if n is not None]


def _nominations(keys, year: int):
    """The demo nominations of ``keys`` still verified, ready for a session's agenda."""
    return [n for n in _nominations_any(keys, year) if n.status == NominationStatus.VERIFIED]


def _session(title, year, starts_at, people, office, nominations) -> CouncilSession | None:
    if not nominations:
        return None
    vice = people["vice"]
    session = services.session_create(
        title=title,
        year=year,
        starts_at=starts_at,
        place=PLACE,
        chair=people[MemberRole.CHAIR],
        secretary=people[MemberRole.SECRETARY],
        vice_chairs=[vice],
        members=people["members"],
        by=office,
    )
    services.attendance_record(
        session,
        attendance={m.user_id: Attendance.PRESENT for m in session.memberships.all()},
        by=office,
    )
    for nomination in nominations:
        services.agenda_add(session, nomination, by=office)
    services.session_open_voting(session, by=office)
    return session


@transaction.atomic
def demo_council_load() -> dict[str, int]:
    """Create the year's council sessions, ballots and decision when missing."""
    office = User.objects.filter(username=OFFICE_LOGIN, is_office_staff=True).first()
    demo_member = User.objects.filter(username=COUNCIL_LOGIN, is_council_member=True).first()
    if office is None or demo_member is None:
        return {}
    today = timezone.localdate()
    year = today.year
    first_title, second_title = session_titles(year)
    created = {"phiên họp Hội đồng": 0, "phiếu biểu quyết": 0, "quyết định khen thưởng": 0}
    people, created["thành viên Hội đồng"] = _members()
    people["vice"] = demo_member
    voters = [people[MemberRole.CHAIR], demo_member, *people["members"], people[MemberRole.SECRETARY]]

    if not CouncilSession.objects.filter(year=year, title=first_title).exists():
        approved, rejected = _nominations(APPROVED, year), _nominations(REJECTED, year)
        held_on = today - datetime.timedelta(days=14)
        session = _session(first_title, year, _at(held_on, 14), people, office, approved + rejected)
        if session is not None:
            created["phiên họp Hội đồng"] += 1
            for nomination in approved + rejected:
                for index, member in enumerate(voters):
                    agree = nomination in approved or index == 0
                    services.ballot_cast(
                        session,
                        nomination=nomination,
                        member=member,
                        choice=Choice.AGREE if agree else Choice.DISAGREE,
                    )
                    created["phiếu biểu quyết"] += 1
            services.session_close(session, by=office)
            decided = [n for n in _nominations_any(DECIDED, year) if n.status == NominationStatus.APPROVED]
            if decided and not Decision.objects.filter(session=session).exists():
                services.decision_issue(
                    decided,
                    date=min(held_on + datetime.timedelta(days=3), today),
                    session=session,
                    by=office,
                )
                created["quyết định khen thưởng"] += 1

    if not CouncilSession.objects.filter(year=year, title=second_title).exists():
        nominations = _nominations(SECOND_SESSION, year)
        session = _session(second_title, year, _at(today, 8), people, office, nominations)
        if session is not None:
            created["phiên họp Hội đồng"] += 1
            for nomination in nominations:
                for member in voters:
                    if member.pk == demo_member.pk:
                        continue  # the demo council member's ballots are theirs to cast
                    services.ballot_cast(session, nomination=nomination, member=member, choice=Choice.AGREE)
                    created["phiếu biểu quyết"] += 1
    return created
