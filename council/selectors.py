"""Reads of the council. Nothing here returns a member's choice: only who voted, counts while
voting, and tallies (``AgendaResult``) after the close."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from awards.enums import NominationStatus
from awards.models import AwardRecord, DossierFile, Nomination
from awards.selectors import with_verdict_lapse
from catalog.enums import Authority, DocumentKind
from units.rules import is_office_staff

from .enums import Outcome, ProposalStatus, SessionStatus
from .models import (
    AgendaItem,
    BallotCast,
    CouncilMembership,
    CouncilSession,
    Decision,
    DecisionItem,
    ProposalPack,
)


def _count_of(model) -> Coalesce:
    """The number of a session's rows of ``model``, as a subquery: counting both members and
    agenda items through joins would group members × items rows (2,000 for 20 × 100)."""
    rows = model.objects.filter(session=OuterRef("pk")).order_by().values("session").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), 0)


def sessions_visible_to(user) -> QuerySet[CouncilSession]:
    """Office staff see every session; a council member the sessions they sit on."""
    sessions = (
        CouncilSession.objects.select_related("chair", "secretary")
        .annotate(member_count=_count_of(CouncilMembership), item_count=_count_of(AgendaItem))
        .order_by("-starts_at", "-pk")
    )
    return _scoped(sessions, user)


def session_rows_visible_to(user) -> QuerySet[CouncilSession]:
    """The sessions of ``sessions_visible_to``, their own columns only: the voting page shows
    neither the counts nor the chair and secretary (compiling the two count subqueries and
    the joins was a sixth of its CPU)."""
    return _scoped(CouncilSession.objects.order_by("-starts_at", "-pk"), user)


def _scoped(sessions: QuerySet[CouncilSession], user) -> QuerySet[CouncilSession]:
    if is_office_staff(user):
        return sessions
    if user.is_authenticated and user.is_council_member:
        return sessions.filter(memberships__user=user)
    return sessions.none()


def my_sessions(user) -> QuerySet[CouncilSession]:
    """The sessions the user sits on, newest first, with the number of items still to vote on."""
    voted = BallotCast.objects.filter(item__session=OuterRef("pk"), member=user)
    return (
        CouncilSession.objects.filter(memberships__user=user)
        .annotate(
            item_count=Count("agenda", distinct=True),
            has_voted=Exists(voted),
        )
        .order_by("-starts_at")
    )


def session_agenda(session: CouncilSession) -> list[AgendaItem]:
    """The agenda with each nomination's subject and award, the number of ballots cast on each
    item (``cast_count``), and the tally once the session is closed (``result``)."""
    items = (
        AgendaItem.objects.filter(session=session)
        .select_related(
            "nomination__award_type",
            "nomination__person__unit",
            "nomination__unit",
            "nomination__proposing_unit",
        )
        .annotate(cast_count=Count("casts"))
        .order_by("order", "pk")
    )
    if session.status == SessionStatus.CLOSED:
        items = items.select_related("result")
    return list(items)


@dataclass(frozen=True, slots=True)
class BallotItem:
    """An agenda item as a member's voting card shows it."""

    pk: int
    order: int
    quorum_met: bool | None
    nomination_id: int
    subject: str
    award: str
    year: int
    proposing_unit: str
    achievements: str


def ballot_agenda(session: CouncilSession) -> list[BallotItem]:
    """The agenda as a member's voting page shows it: per item its order and quorum, and the
    nomination's subject, award, year, proposing unit and summary of achievements. Read as plain
    values in one query: the page holds a card for each of up to a hundred nominations, and five
    model instances a card were most of the page's time."""
    rows = (
        AgendaItem.objects.filter(session=session)
        .order_by("order", "pk")
        .values_list(
            "pk", "order", "quorum_met", "nomination_id", "nomination__person__full_name",
            "nomination__unit__name", "nomination__award_type__name", "nomination__year",
            "nomination__proposing_unit__name", "nomination__achievements",
        )
    )  # fmt: skip
    return [
        BallotItem(pk, order, quorum, nomination, person or unit, award, year, proposing, achievements)
        for pk, order, quorum, nomination, person, unit, award, year, proposing, achievements in rows
    ]


def voted_item_ids(session: CouncilSession, user) -> set[int]:
    return set(
        BallotCast.objects.filter(item__session=session, member=user).values_list("item_id", flat=True)
    )


def agenda_item_for_dossier(session: CouncilSession, item_pk) -> AgendaItem | None:
    """An agenda item of the session with what its read-only dossier page shows of the nomination
    (nominee, award, proposing unit, eligibility verdict); None when the session holds no such
    item. Nothing about ballots."""
    return (
        AgendaItem.objects.filter(session=session, pk=item_pk)
        .select_related(
            "nomination", "nomination__person", "nomination__person__unit", "nomination__unit",
            "nomination__award_type", "nomination__proposing_unit",
        )
        .first()
    )  # fmt: skip


def dossier_files_of(item: AgendaItem) -> QuerySet[DossierFile]:
    """The dossier of an agenda item's nomination, in the dossier's order."""
    return DossierFile.objects.filter(nomination_id=item.nomination_id).order_by("kind", "uploaded_at", "pk")


def session_memberships(session: CouncilSession) -> list[CouncilMembership]:
    return list(session.memberships.select_related("user__person").order_by("order", "pk"))


def nominations_for_agenda() -> QuerySet[Nomination]:
    """Verified nominations (and those still in council after a tie or a missing quorum) that are
    not on the agenda of an open session, each marked when its verdict became "not eligible"
    since it was sent (``verdict_lapsed_at``: adding it is refused)."""
    busy = AgendaItem.objects.filter(nomination=OuterRef("pk")).exclude(session__status=SessionStatus.CLOSED)
    return with_verdict_lapse(
        Nomination.objects.filter(status__in=[NominationStatus.VERIFIED, NominationStatus.IN_COUNCIL])
        .exclude(Exists(busy))
        .select_related("award_type", "person__unit", "unit", "proposing_unit")
        .order_by("award_type__order", "proposing_unit__name", "pk")
    )


def nominations_for_decision() -> QuerySet[Nomination]:
    """Approved nominations the director may decide."""
    return (
        Nomination.objects.filter(status=NominationStatus.APPROVED, award_type__authority=Authority.DIRECTOR)
        .select_related("award_type", "person__unit", "unit", "proposing_unit")
        .order_by("award_type__order", "proposing_unit__name", "pk")
    )


def nominations_for_proposal(authority: str | None = None) -> QuerySet[Nomination]:
    """Approved nominations beyond the director's authority, not yet in a sent proposal."""
    sent = ProposalPack.nominations.through.objects.filter(
        nomination_id=OuterRef("pk"), proposalpack__status__in=[ProposalStatus.SENT, ProposalStatus.DECIDED]
    )
    qs = (
        Nomination.objects.filter(status=NominationStatus.APPROVED)
        .exclude(award_type__authority__in=[Authority.DIRECTOR, Authority.UNIT_HEAD])
        .exclude(Exists(sent))
        .select_related("award_type", "person__unit", "unit", "proposing_unit")
        .order_by("award_type__order", "proposing_unit__name", "pk")
    )
    if authority:
        qs = qs.filter(award_type__authority=authority)
    return qs


def decisions_visible_to(user) -> QuerySet[Decision]:
    """The director's decisions: the office's documents, nobody else's to open."""
    qs = Decision.objects.all()
    return qs if is_office_staff(user) else qs.none()


def proposals_visible_to(user) -> QuerySet[ProposalPack]:
    """The proposals to a higher authority (tờ trình): the office's documents."""
    qs = ProposalPack.objects.select_related("session")
    return qs if is_office_staff(user) else qs.none()


def session_members(session: CouncilSession) -> QuerySet:
    """The users who sit on the session: the only ones a ballot of it may be recorded for."""
    return get_user_model().objects.filter(council_memberships__session=session)


def agenda_nominations(session: CouncilSession) -> QuerySet[Nomination]:
    """The nominations on the session's agenda: the only ones a ballot of it may be about."""
    return Nomination.objects.filter(agenda_items__session=session)


def decisions_list() -> QuerySet[Decision]:
    return Decision.objects.annotate(item_count=Count("items")).order_by("-date", "-number")


def decision_items(decision: Decision) -> list[DecisionItem]:
    return list(
        decision.items.select_related("award_type", "target_record", "award_record").order_by("order", "pk")
    )


def standing_records() -> QuerySet[AwardRecord]:
    return (
        AwardRecord.objects.standing().select_related("award_type").order_by("-year", "recipient_name", "pk")
    )


def proposals_list() -> QuerySet[ProposalPack]:
    return ProposalPack.objects.annotate(nomination_count=Count("nominations")).order_by(
        "-year", "-created_at"
    )


def proposal_nominations(pack: ProposalPack) -> list[Nomination]:
    return list(
        pack.nominations.select_related("award_type", "person__unit", "unit", "proposing_unit").order_by(
            "award_type__order", "proposing_unit__name", "pk"
        )
    )


def upcoming_sessions_for(user, *, limit: int = 5) -> list[CouncilSession]:
    return list(
        CouncilSession.objects.filter(memberships__user=user)
        .filter(Q(status=SessionStatus.SCHEDULED) | Q(status=SessionStatus.VOTING))
        .order_by("starts_at")[:limit]
    )


__all__ = [
    "approving_session",
    "decision_items",
    "decisions_list",
    "my_sessions",
    "nominations_for_agenda",
    "nominations_for_decision",
    "nominations_for_proposal",
    "proposal_nominations",
    "proposal_report_files",
    "proposals_list",
    "session_agenda",
    "session_memberships",
    "sessions_visible_to",
    "standing_records",
    "upcoming_sessions_for",
    "voted_item_ids",
]


def proposal_report_files(pack: ProposalPack) -> dict[int, list]:
    """The achievement reports (báo cáo thành tích) in each nominee's dossier, by nomination id."""
    files: dict[int, list] = {}
    for item in DossierFile.objects.filter(nomination__proposals=pack, kind=DocumentKind.BAOCAO).order_by(
        "uploaded_at", "pk"
    ):
        files.setdefault(item.nomination_id, []).append(item)
    return files


def approving_session(nominations) -> CouncilSession | None:
    """The closed session that approved these nominations (the latest), for the minutes."""
    item = (
        AgendaItem.objects.filter(nomination__in=list(nominations), result__outcome=Outcome.APPROVED)
        .select_related("session")
        .order_by("-session__starts_at")
        .first()
    )
    return item.session if item else None


# ---------------------------------------------------------------------------
# Waiting work: one selector per inbox item, read by the inbox and the page it links to
# ---------------------------------------------------------------------------
def sessions_in_status(user, status: str) -> QuerySet[CouncilSession]:
    """The sessions the office has to open (scheduled) or to close (voting); the session list's
    ``?status=`` shows the same rows."""
    return sessions_visible_to(user).filter(status=status)


def ballots_remaining(user, *, session: CouncilSession | None = None) -> dict[int, int]:
    """Per voting session the user sits on (or for ``session``), the agenda items open to the vote
    (quorum met) they have not cast a ballot on: ``{session_id: n}``, sessions with none left out.
    The inbox's "Bỏ phiếu (còn N)" and the voting page's count both read it."""
    cast = BallotCast.objects.filter(item=OuterRef("pk"), member=user)
    items = AgendaItem.objects.filter(session__memberships__user=user, quorum_met=True).exclude(Exists(cast))
    if session is None:
        items = items.filter(session__status=SessionStatus.VOTING)
    else:
        items = items.filter(session=session)
    rows = items.order_by().values_list("session_id").annotate(n=Count("pk"))
    return dict(rows)
