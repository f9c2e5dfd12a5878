"""Writes of the council: sessions, attendance, the agenda, the secret ballot, the tally at the
close, decisions (with corrections and revocations) and proposals to a higher authority.

The council's arithmetic, stated once (exact integer fractions, never floats):

- **Quorum**: ``present × quorum_denominator ≥ quorum_numerator × members`` — *members* are the
  session's members, *present* those marked present when the vote opens. Checked per agenda item
  with its nomination's award rule and recorded when the vote opens; an item without its quorum
  takes no ballots and closes as "không đủ số thành viên tham dự" (no decision).
- **Threshold**: ``agree / base`` compared with ``threshold_numerator / threshold_denominator``
  (``≥`` or ``>`` as the rule says), where *base* is all members (``all_members``) or the members
  who took part (``present``: those present plus absent members whose written opinion was entered).
  Example: 90 % of 9 members is 8.1, so 8 votes fail (80 < 81) and 9 pass.
- **Tie** (as many "đồng ý" as "không đồng ý", at least one ballot): when the award rule states a
  tie rule (the seeded one: the chair's opinion decides), the item closes as TIE and stays in
  council until the office records the chair's ruling (``agenda_result_settle_tie``); a secret
  ballot cannot reveal the chair's own choice, so the ruling is a separate, open act. When the rule
  states none, the threshold alone decides.
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Required, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.enums import Comparison, NominationStatus, RecordSource
from awards.models import AwardRecord, AwardRule, Nomination
from awards.selectors import rule_set_for_year
from awards.services import (
    award_record_correct,
    award_record_issue,
    award_record_revoke,
    award_records_rejudge,
    nomination_transition,
    nominations_recheck_for_step,
)
from catalog.enums import Authority, AwardKind
from notifications.services import notify
from units.documents import issued_document_for, issued_document_store
from units.enums import IssuedKind
from units.models import Agency
from units.models_signers import heading_from
from units.numbering import document_number_issue, number_label
from units.refusals import Refused
from units.rules import is_office_staff
from units.uploads import validate_document_file

from .enums import (
    DECISION_SYMBOL,
    MINUTES_SYMBOL,
    PROPOSAL_SYMBOL,
    SESSION_TRANSITIONS,
    Attendance,
    Choice,
    DecisionKind,
    MemberRole,
    Outcome,
    ProposalStatus,
    SessionStatus,
)
from .models import (
    REWARD_ROUNDING,
    AgendaItem,
    AgendaResult,
    BallotCast,
    BallotTally,
    BaseSalary,
    CouncilMembership,
    CouncilSession,
    Decision,
    DecisionItem,
    ProposalPack,
    SessionMinutes,
    SignedOpinion,
)
from .rules import is_session_secretary
from .sealing import UndoTicket, seal, seal_undo, unseal, unseal_undo

logger = logging.getLogger(__name__)  # never give it a member's choice

NOTIFY_VOTING_OPEN = "council_voting_open"
NOTIFY_RECORDED_ABSENT = "council_recorded_absent"
SIGNED_OPINION_EXTENSIONS = frozenset({".pdf", ".jpg", ".jpeg", ".png"})
ALREADY_VOTED = "already_voted"  # the code of the refusal of a second ballot (also a lost race)


def _refuse_unless_office(by) -> None:
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được thực hiện thao tác này."))


def _nomination_transition(
    nomination: Nomination, *, to: str, by, reason: str = "", recheck: bool = True
) -> bool:
    """The awards workflow's one transition service (moves, checks and audits the nomination)."""
    return nomination_transition(nomination, to=to, by=by, reason=reason, recheck=recheck)


# ---------------------------------------------------------------------------
# The award rule of a nomination
# ---------------------------------------------------------------------------
def award_rule_for(nomination: Nomination) -> AwardRule:
    """The rule of the nomination's award type in the rule set that judges it (the one stored by
    the eligibility check, else the one in force for its year). Without one, the defaults of an
    unsaved ``AwardRule``: 2/3 of members present, more than half of those taking part."""
    rule_set = nomination.rule_set if nomination.rule_set_id else rule_set_for_year(nomination.year)
    rule = None
    if rule_set is not None:
        rule = AwardRule.objects.filter(rule_set=rule_set, award_type_id=nomination.award_type_id).first()
    return rule or AwardRule(award_type_id=nomination.award_type_id)


def rule_text(rule: AwardRule) -> str:
    """'Bỏ phiếu kín; có mặt ≥ 2/3 thành viên; đồng ý ≥ 9/10 tổng số thành viên Hội đồng'."""
    comparison = ">" if rule.threshold_comparison == Comparison.GT else "≥"
    return _("%(method)s; có mặt ≥ %(qn)s/%(qd)s thành viên; đồng ý %(cmp)s %(tn)s/%(td)s %(base)s") % {
        "method": rule.get_vote_method_display(),
        "qn": rule.quorum_numerator,
        "qd": rule.quorum_denominator,
        "cmp": comparison,
        "tn": rule.threshold_numerator,
        "td": rule.threshold_denominator,
        "base": rule.get_threshold_base_display().lower(),
    } + (_(" (căn cứ: %(basis)s)") % {"basis": rule.vote_legal_basis} if rule.vote_legal_basis else "")


# ---------------------------------------------------------------------------
# Sessions, members, attendance, agenda
# ---------------------------------------------------------------------------
@transaction.atomic
def session_create(
    *,
    title: str,
    year: int,
    starts_at: datetime.datetime,
    place: str,
    chair,
    secretary,
    members: Iterable = (),
    vice_chairs: Iterable = (),
    by,
) -> CouncilSession:
    """A scheduled session with its members: the chair, vice-chairs, the secretary and the others."""
    _refuse_unless_office(by)
    people = []
    ordered = [
        (chair, MemberRole.CHAIR),
        *[(u, MemberRole.VICE_CHAIR) for u in vice_chairs],
        (secretary, MemberRole.SECRETARY),
        *[(u, MemberRole.MEMBER) for u in members],
    ]
    for user, role in ordered:
        if not any(u.pk == user.pk for u, _role in people):
            people.append((user, role))
    # printed in this order: the chair, vice-chairs, members, the secretary last
    people.sort(
        key=lambda pair: [
            MemberRole.CHAIR,
            MemberRole.VICE_CHAIR,
            MemberRole.MEMBER,
            MemberRole.SECRETARY,
        ].index(pair[1])
    )
    outsiders = [str(u) for u, _role in people if not u.is_council_member or not u.is_active]
    if outsiders:
        raise Refused(_("Không phải thành viên Hội đồng TĐKT: %(names)s.") % {"names": ", ".join(outsiders)})
    session = CouncilSession.objects.create(
        title=title,
        year=year,
        starts_at=starts_at,
        place=place,
        chair=chair,
        secretary=secretary,
        created_by=by,
    )
    for order, (user, role) in enumerate(people, start=1):
        CouncilMembership.objects.create(
            session=session, user=user, role=role, order=order, position=_position_of(user)
        )
    SessionMinutes.objects.create(session=session, **minutes_heading_defaults(session))
    return session


# The minutes' issuing body and recipients, as the council writes them (document text).
MINUTES_ISSUER_LINE = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
MINUTES_RECIPIENTS = ["Thành viên Hội đồng;", "Lưu: VT, HĐTĐKT."]


def minutes_heading_defaults(session: CouncilSession) -> dict:
    """The header and signature a session's minutes start with: the agency's name over the
    council's, the agency's place, and the chair signing on behalf of the council ("TM. HỘI ĐỒNG /
    CHỦ TỊCH", Decree 30/2020/NĐ-CP, Article 13)."""
    chair = session.chair
    return heading_from(
        {
            "authority_line": Agency.load().name,
            "issuer_line": MINUTES_ISSUER_LINE,
            "signer_prefix": "TM.",
            "signer_prefix_title": "HỘI ĐỒNG",
            "signer_position": "CHỦ TỊCH",
            "signer_name": (chair.get_full_name() or chair.username) if chair else "",
        },
        recipients=MINUTES_RECIPIENTS,
        council=True,
    )


def session_minutes_heading(session: CouncilSession) -> SessionMinutes:
    """The minutes' header and signature as set; for a session that has none (made by code),
    an unsaved one with the defaults."""
    try:
        return session.minutes_heading
    except SessionMinutes.DoesNotExist:
        return SessionMinutes(session=session, **minutes_heading_defaults(session))


@transaction.atomic
def minutes_heading_save(session: CouncilSession, *, heading: Mapping, by) -> SessionMinutes:
    """Set the header and signature of a session's minutes (``heading`` as typed), until the
    session closes: its minutes are then issued as they stand."""
    _refuse_unless_office(by)
    locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if locked.status == SessionStatus.CLOSED:
        raise Refused(
            _("Phiên họp đã kết thúc, biên bản đã ban hành: không sửa được người ký, nơi nhận biên bản.")
        )
    values = heading_from(heading, recipients=MINUTES_RECIPIENTS, council=True)
    if not values["signer_name"].strip():
        raise Refused({"signer_name": _("Vui lòng nhập họ tên người ký.")})
    minutes, _created = SessionMinutes.objects.update_or_create(session=locked, defaults=values)
    return minutes


def _position_of(user) -> str:
    return user.person.position if user.person_id else ""


def attendance_record(session: CouncilSession, *, attendance: dict, by) -> int:
    """Mark members present or absent (``{user_id: Attendance}``), before the vote opens.
    Returns the number of rows changed."""
    if not (is_office_staff(by) or is_session_secretary(by, session)):
        raise Refused(_("Chỉ Thư ký Hội đồng hoặc Thường trực TĐKT được điểm danh."))
    with transaction.atomic():
        locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if locked.status != SessionStatus.SCHEDULED:
            raise Refused(_("Đã mở biểu quyết; không thể sửa điểm danh."))
        changed = 0
        marked_absent = []
        for membership in locked.memberships.select_for_update():
            value = attendance.get(membership.user_id)
            if value is None or value == membership.attendance:
                continue
            if value not in Attendance.values:
                raise Refused(_("Giá trị điểm danh không hợp lệ."))
            membership.attendance = value
            membership.save(update_fields=["attendance"])
            changed += 1
            if value == Attendance.ABSENT:
                marked_absent.append(membership.user)
        if marked_absent:
            notify(
                NOTIFY_RECORDED_ABSENT,
                to=marked_absent,
                title=_("Đồng chí được ghi nhận vắng mặt: %(title)s") % {"title": locked.title},
                body=_(
                    "Thư ký Hội đồng ghi nhận đồng chí vắng mặt tại phiên họp này. Nếu đồng chí có mặt, "
                    "đề nghị báo ngay Thư ký Hội đồng trước khi mở biểu quyết; ý kiến bằng văn bản của "
                    "đồng chí chỉ được nhập theo phiếu ý kiến có chữ ký."
                ),
                url=reverse("council:my-sessions"),
                source=f"council.CouncilSession:{locked.pk}:absent",
                by=by,
            )
    return changed


@transaction.atomic
def agenda_add(session: CouncilSession, nomination: Nomination, *, by) -> AgendaItem:
    """Put a verified nomination on the agenda (it moves to "in council")."""
    _refuse_unless_office(by)
    locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.SCHEDULED:
        raise Refused(_("Chỉ sửa chương trình họp khi phiên họp chưa mở biểu quyết."))
    if nomination.status not in (NominationStatus.VERIFIED, NominationStatus.IN_COUNCIL):
        raise Refused(
            _("Chỉ đưa vào chương trình họp các đề nghị đã thẩm định (đề nghị này: %(status)s).")
            % {"status": nomination.get_status_display()}
        )
    if AgendaItem.objects.filter(session=locked, nomination=nomination).exists():
        raise Refused(_("Đề nghị này đã có trong chương trình họp."))
    busy = (
        AgendaItem.objects.filter(nomination=nomination)
        .exclude(session__status=SessionStatus.CLOSED)
        .select_related("session")
        .first()
    )
    if busy is not None:
        raise Refused(
            _("Đề nghị này đang ở chương trình của phiên họp “%(title)s”.") % {"title": busy.session.title}
        )
    nominations_recheck_for_step([nomination], to=NominationStatus.IN_COUNCIL, by=by)
    order = (locked.agenda.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(session=locked, nomination=nomination, order=order)
    if nomination.status == NominationStatus.VERIFIED:
        _nomination_transition(nomination, to=NominationStatus.IN_COUNCIL, by=by, recheck=False)
    return item


@transaction.atomic
def agenda_remove(item: AgendaItem, *, by) -> None:
    """Take a nomination off the agenda before the vote opens (it stays in council, ready for
    another session)."""
    _refuse_unless_office(by)
    locked = CouncilSession.objects.select_for_update().get(pk=item.session_id)
    if locked.status != SessionStatus.SCHEDULED:
        raise Refused(_("Chỉ sửa chương trình họp khi phiên họp chưa mở biểu quyết."))
    item.delete()


# ---------------------------------------------------------------------------
# The session's one transition service
# ---------------------------------------------------------------------------
def session_transition(session: CouncilSession, *, to: str, by) -> bool:
    """scheduled → voting (quorum checked and recorded, members notified) → closed (tallied).
    False when the session is already there (a repeated click)."""
    with transaction.atomic():
        locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if locked.status == to:
            session.status = locked.status
            return False
        if (locked.status, to) not in SESSION_TRANSITIONS:
            raise Refused(
                _("Không thể chuyển phiên họp từ “%(src)s” sang “%(dst)s”.")
                % {"src": SessionStatus(locked.status).label, "dst": SessionStatus(to).label}
            )
        _refuse_unless_office(by)
        if to == SessionStatus.VOTING:
            _open(locked, by=by)
        else:
            _close(locked, by=by)
    session.refresh_from_db()
    return True


def session_open_voting(session: CouncilSession, *, by) -> bool:
    return session_transition(session, to=SessionStatus.VOTING, by=by)


def session_close(session: CouncilSession, *, by) -> bool:
    return session_transition(session, to=SessionStatus.CLOSED, by=by)


def _open(session: CouncilSession, *, by) -> None:
    memberships = list(session.memberships.select_related("user"))
    unknown = [str(m.user) for m in memberships if m.attendance == Attendance.UNKNOWN]
    if unknown:
        raise Refused(
            _("Chưa điểm danh: %(names)s. Hãy điểm danh trước khi mở biểu quyết.")
            % {"names": ", ".join(unknown)}
        )
    items = list(session.agenda.select_for_update(of=("self",)).select_related("nomination"))
    if not items:
        raise Refused(_("Chương trình họp chưa có đề nghị nào."))
    members = len(memberships)
    present = sum(1 for m in memberships if m.is_present)
    for item in items:
        rule = award_rule_for(item.nomination)
        item.members_at_open = members
        item.present_at_open = present
        item.quorum_met = rule.quorum_met(present=present, members=members)
        item.save(update_fields=["members_at_open", "present_at_open", "quorum_met"])
    if not any(item.quorum_met for item in items):
        raise Refused(
            _("Không đủ số thành viên tham dự để biểu quyết (có mặt %(present)s/%(members)s thành viên).")
            % {"present": present, "members": members}
        )
    # every item's sealed tally exists before the first ballot: a ballot only rewrites it
    BallotTally.objects.bulk_create(
        [BallotTally(item=item, sealed=seal(session.pk, item.pk, agree=0, disagree=0)) for item in items]
    )
    session.status = SessionStatus.VOTING
    session.opened_at = timezone.now()
    session.opened_by = by
    session.save(update_fields=["status", "opened_at", "opened_by", "updated_at"])
    url = reverse("council:vote", args=[session.pk])
    notify(
        NOTIFY_VOTING_OPEN,
        to=[m.user for m in memberships],
        title=_("Hội đồng TĐKT mở biểu quyết: %(title)s") % {"title": session.title},
        body=_("Mời đồng chí bỏ phiếu cho %(count)s đề nghị khen thưởng.") % {"count": len(items)},
        url=url,
        source=f"council.CouncilSession:{session.pk}",
        by=by,
    )


# ---------------------------------------------------------------------------
# The secret ballot
# ---------------------------------------------------------------------------
def ballot_cast(
    session: CouncilSession,
    *,
    nomination: Nomination,
    member,
    choice: str,
    by=None,
    written_opinion: bool = False,
    opinion_file=None,
) -> str:
    """Record one member's ballot on one agenda item: who voted (``BallotCast``) and the item's
    sealed tally incremented (``BallotTally``), in one transaction under the session's row lock,
    so a ballot is counted exactly once and no row says what this ballot chose. A second ballot
    is refused and nothing is written. The choice is never logged.

    Returns the ballot's undo ticket (``council.sealing.seal_undo``), which the member's browser
    alone keeps: with it, ``ballot_undo`` takes the ballot back within ``BALLOT_UNDO_SECONDS``;
    after that, or once the session is closed, the ballot is final. A written opinion entered by
    the secretary has no ticket (an empty string), nor has any ballot when the setting is 0."""
    by = by or member
    if choice not in Choice.values:
        raise Refused(_("Phiếu không hợp lệ: chọn “Đồng ý” hoặc “Không đồng ý”."))
    with transaction.atomic():
        locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if locked.status == SessionStatus.SCHEDULED:
            raise Refused(_("Hội đồng chưa mở biểu quyết."))
        if locked.status == SessionStatus.CLOSED:
            raise Refused(_("Phiên họp đã kết thúc biểu quyết; không nhận thêm phiếu."))
        membership = CouncilMembership.objects.filter(session=locked, user=member).first()
        if membership is None:
            raise Refused(_("Bạn không phải là thành viên của phiên họp này."))
        item = AgendaItem.objects.filter(session=locked, nomination=nomination).first()
        if item is None:
            raise Refused(_("Đề nghị này không có trong chương trình họp."))
        if not item.quorum_met:
            raise Refused(_("Đề nghị này không đủ số thành viên tham dự để biểu quyết."))
        if written_opinion:
            if not (is_office_staff(by) or is_session_secretary(by, locked)):
                raise Refused(_("Chỉ Thư ký Hội đồng nhập ý kiến bằng văn bản."))
            if membership.attendance != Attendance.ABSENT:
                raise Refused(_("Chỉ nhập ý kiến bằng văn bản của thành viên vắng mặt."))
            signed = SignedOpinion.objects.filter(session=locked, member=member).first()
            if signed is None:
                # A signed form is a scan: a PDF or an image, never an editable document.
                extension = os.path.splitext(getattr(opinion_file, "name", "") or "")[1].lower()
                if not opinion_file or extension not in SIGNED_OPINION_EXTENSIONS:
                    raise Refused(
                        _("Tải lên phiếu ý kiến có chữ ký của thành viên (PDF hoặc ảnh) để nhập ý kiến.")
                    )
                try:
                    validate_document_file(opinion_file)
                except ValidationError as exc:
                    raise Refused(exc.messages) from None
        else:
            if by.pk != member.pk:
                raise Refused(_("Mỗi thành viên tự bỏ phiếu của mình."))
            if membership.attendance != Attendance.PRESENT:
                raise Refused(
                    _("Bạn được ghi nhận vắng mặt; ý kiến bằng văn bản của bạn do Thư ký Hội đồng nhập.")
                )
        if BallotCast.objects.filter(item=item, member=member).exists():
            raise Refused(_("Bạn đã bỏ phiếu cho đề nghị này."), code=ALREADY_VOTED)
        try:
            with transaction.atomic():
                cast = BallotCast.objects.create(item=item, member=member, is_written_opinion=written_opinion)
        except IntegrityError as exc:
            raise Refused(_("Bạn đã bỏ phiếu cho đề nghị này."), code=ALREADY_VOTED) from exc
        _tally_add(locked, item, choice)
        if written_opinion and signed is None:
            SignedOpinion.objects.create(session=locked, member=member, file=opinion_file)
    seconds = settings.BALLOT_UNDO_SECONDS
    if written_opinion or seconds <= 0:
        return ""
    ticket = UndoTicket(
        cast_id=cast.pk,
        item_id=item.pk,
        agree=choice == Choice.AGREE,
        deadline=timezone.now() + datetime.timedelta(seconds=seconds),
    )
    return seal_undo(locked.pk, member.pk, ticket)


def ballot_undo_ticket(session: CouncilSession, *, member, token: str) -> UndoTicket | None:
    """The ticket a member's browser holds, opened (None when it is not this member's)."""
    return unseal_undo(session.pk, member.pk, token)


def ballot_undo(session: CouncilSession, *, member, token: str) -> AgendaItem:
    """Take back a ballot the member cast moments ago, with the ticket ``ballot_cast`` gave:
    its cast row removed and the item's sealed tally moved back, in one transaction under the
    session's row lock (the lock the close takes), so the ballot is counted once or not at all.

    Refused when the ticket is not the member's, its seconds have run out, the ballot was already
    taken back, or the session is closed: a ballot still within its seconds when the session
    closes was counted at the close and is final (the close does not wait for the seconds to run
    out, and nothing is pending in the database to wait for). Returns the agenda item, which the
    member may vote on again."""
    ticket = unseal_undo(session.pk, member.pk, token)
    if ticket is None:
        raise Refused(_("Không hoàn tác được phiếu này."))
    with transaction.atomic():
        locked = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if locked.status != SessionStatus.VOTING:
            raise Refused(
                _("Phiên họp đã kết thúc biểu quyết: phiếu của bạn đã được kiểm, không hoàn tác được.")
            )
        if timezone.now() > ticket.deadline:
            raise Refused(_("Đã hết thời gian hoàn tác: phiếu của bạn là phiếu cuối cùng."))
        cast = (
            BallotCast.objects.select_related("item")
            .filter(
                pk=ticket.cast_id,
                member=member,
                item_id=ticket.item_id,
                item__session=locked,
                is_written_opinion=False,
            )
            .first()
        )
        if cast is None:
            raise Refused(_("Phiếu này đã được hoàn tác trước đó."))
        _tally_add(locked, cast.item, Choice.AGREE if ticket.agree else Choice.DISAGREE, step=-1)
        cast.delete()
    return cast.item


def _tally_add(session: CouncilSession, item: AgendaItem, choice: str, *, step: int = 1) -> None:
    tally = BallotTally.objects.select_for_update().filter(item=item).first()
    if tally is None:
        raise Refused(_("Đề nghị này chưa mở biểu quyết."))
    agree, disagree = unseal(session.pk, item.pk, tally.sealed)
    if choice == Choice.AGREE:
        agree += step
    else:
        disagree += step
    if agree < 0 or disagree < 0:  # never: a ticket moves back only what its cast added
        raise Refused(_("Không hoàn tác được phiếu này."))
    tally.sealed = seal(session.pk, item.pk, agree=agree, disagree=disagree)
    tally.save(update_fields=["sealed"])


def _tally_counts(session: CouncilSession) -> dict[int, tuple[int, int]]:
    """{item id: (agree, disagree)} of the session's sealed tallies, opened (at the close only)."""
    return {
        item_id: unseal(session.pk, item_id, sealed)
        for item_id, sealed in BallotTally.objects.filter(item__session=session).values_list(
            "item_id", "sealed"
        )
    }


# ---------------------------------------------------------------------------
# The tally
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Tally:
    members: int
    present: int
    written: int
    agree: int
    disagree: int

    @property
    def cast(self) -> int:
        return self.agree + self.disagree

    @property
    def participants(self) -> int:
        return self.present + self.written


def judge(rule: AwardRule, tally: Tally, *, quorum_met: bool) -> tuple[str, bool, bool, int]:
    """(outcome, threshold_met, is_tie, base) of one agenda item under its award rule."""
    base = rule.threshold_base_count(members=tally.members, present=tally.participants)
    threshold_met = rule.threshold_met(agree=tally.agree, members=tally.members, present=tally.participants)
    is_tie = tally.cast > 0 and rule.is_tie(agree=tally.agree, disagree=tally.disagree)
    if not quorum_met:
        return Outcome.NO_QUORUM, False, is_tie, base
    if is_tie and (rule.tie_rule or "").strip():
        return Outcome.TIE, threshold_met, True, base
    return (Outcome.APPROVED if threshold_met else Outcome.REJECTED), threshold_met, is_tie, base


def _close(session: CouncilSession, *, by) -> None:
    items = list(
        session.agenda.select_for_update(of=("self",)).select_related("nomination", "nomination__rule_set")
    )
    members = session.memberships.count()
    present = session.memberships.filter(attendance=Attendance.PRESENT).count()
    choice_counts = _tally_counts(session)
    cast_counts = {
        row["item_id"]: row["n"]
        for row in BallotCast.objects.filter(item__session=session).values("item_id").annotate(n=Count("pk"))
    }
    written_counts = {
        row["item_id"]: row["n"]
        for row in BallotCast.objects.filter(item__session=session, is_written_opinion=True)
        .values("item_id")
        .annotate(n=Count("pk"))
    }
    for item in items:
        rule = award_rule_for(item.nomination)
        agree, disagree = choice_counts.get(item.pk, (0, 0))
        cast = cast_counts.get(item.pk, 0)
        # Fewer ballots than the rule's quorum: the tally is not shown (with one ballot it would be
        # that ballot) and the item is not decided.
        enough = rule.quorum_met(present=cast, members=members)
        if not enough:
            agree = disagree = 0
        tally = Tally(
            members=members,
            present=present,
            written=written_counts.get(item.pk, 0),
            agree=agree,
            disagree=disagree,
        )
        outcome, threshold_met, is_tie, base = judge(rule, tally, quorum_met=bool(item.quorum_met) and enough)
        AgendaResult.objects.create(
            item=item,
            members=members,
            present=present,
            written=tally.written,
            cast=cast,
            agree=tally.agree,
            disagree=tally.disagree,
            base=base,
            quorum_met=bool(item.quorum_met) and enough,
            threshold_met=threshold_met,
            is_tie=is_tie,
            outcome=outcome,
            rule_text=rule_text(rule)[:500],
            tie_rule=rule.tie_rule or "",
        )
        if outcome == Outcome.APPROVED:
            _nomination_transition(item.nomination, to=NominationStatus.APPROVED, by=by)
        elif outcome == Outcome.REJECTED:
            _nomination_transition(item.nomination, to=NominationStatus.REJECTED, by=by)
    BallotTally.objects.filter(item__session=session).delete()
    session.minutes_number = document_number_issue(
        symbol=MINUTES_SYMBOL, year=timezone.localtime(session.starts_at).year, label=session.title, by=by
    )
    session.status = SessionStatus.CLOSED
    session.closed_at = timezone.now()
    session.closed_by = by
    session.save(update_fields=["status", "closed_at", "closed_by", "minutes_number", "updated_at"])
    issued_document_store(
        session,
        kind=IssuedKind.MINUTES,
        number=session.minutes_number,
        number_label=number_label(session.minutes_number, MINUTES_SYMBOL),
        issued_on=timezone.localtime(session.starts_at).date(),
        subject=session.title,
        by=by,
    )


@transaction.atomic
def agenda_result_settle_tie(result: AgendaResult, *, approve: bool, note: str, by) -> AgendaResult:
    """Record the chair's ruling on a tied item (the tie rule of the award rule), openly."""
    _refuse_unless_office(by)
    locked = (
        AgendaResult.objects.select_for_update(of=("self",))
        .select_related("item__nomination")
        .get(pk=result.pk)
    )
    if locked.outcome != Outcome.TIE:
        raise Refused(_("Kết quả này không phải trường hợp ngang phiếu."))
    note = (note or "").strip()
    if not note:
        raise Refused(_("Ghi ý kiến của Chủ tịch Hội đồng."))
    locked.outcome = Outcome.APPROVED if approve else Outcome.REJECTED
    locked.settled_note = note
    locked.settled_by = by
    locked.save(update_fields=["outcome", "settled_note", "settled_by"])
    _nomination_transition(
        locked.item.nomination,
        to=NominationStatus.APPROVED if approve else NominationStatus.REJECTED,
        by=by,
        reason=note,
    )
    return locked


# ---------------------------------------------------------------------------
# Reward amounts
# ---------------------------------------------------------------------------
def base_salary_on(day: datetime.date) -> BaseSalary:
    salary = BaseSalary.in_force_on(day)
    if salary is None:
        raise Refused(
            _("Chưa có mức lương cơ sở áp dụng cho ngày %(date)s.") % {"date": day.strftime("%d/%m/%Y")}
        )
    return salary


def reward_amount(
    coefficient: Decimal | None, base_salary: int, *, round_up_to: int = REWARD_ROUNDING
) -> int | None:
    """coefficient × base salary, rounded up to a multiple of ``round_up_to`` đồng (ten thousand:
    0,3 × 2.340.000 = 702.000 is paid 710.000); None when the award has no coefficient."""
    if coefficient is None:
        return None
    exact = int((Decimal(coefficient) * Decimal(base_salary)).to_integral_value(rounding=ROUND_CEILING))
    step = max(int(round_up_to or 1), 1)
    return (exact + step - 1) // step * step


def decision_item_reward(nomination: Nomination, salary: BaseSalary) -> tuple[Decimal | None, int | None]:
    """The coefficient and the amount of one awardee: a collective's own coefficient where the
    award sets one (Giấy khen, Bằng khen: twice an individual's), the base salary's rounding."""
    coefficient = nomination.award_type.reward_coefficient_for(collective=nomination.unit_id is not None)
    return coefficient, reward_amount(coefficient, salary.amount, round_up_to=salary.reward_rounding)


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------
def _authority_text(authority: str) -> str:
    agency = Agency.load()
    if authority == Authority.DIRECTOR:
        return _("Giám đốc %(agency)s") % {"agency": agency.name}
    return str(Authority(authority).label)


def decision_default_title(nominations: list[Nomination]) -> str:
    awards = sorted({n.award_type for n in nominations}, key=lambda a: (a.order, a.name))
    years = sorted({n.year for n in nominations})
    year_text = ", ".join(str(y) for y in years)
    if len(awards) == 1:
        award = awards[0]
        noun = _("danh hiệu ") if award.kind == AwardKind.TITLE else ""
        return _("Về việc tặng %(noun)s“%(name)s” năm %(year)s") % {
            "noun": noun,
            "name": award.name,
            "year": year_text,
        }
    return _("Về việc khen thưởng thành tích năm %(year)s") % {"year": year_text}


# The recipients the council's documents start with (Decree 30/2020/NĐ-CP, Article 15): a
# decision's "Như Điều n" names the article on who carries it out. Document text: Vietnamese.
AWARD_DECISION_RECIPIENTS = ["Như Điều 3;", "Lưu: VT, VP."]
LATER_DECISION_RECIPIENTS = ["Như Điều 2;", "Lưu: VT, VP."]
PROPOSAL_RECIPIENTS = ["Như trên;", "Lưu: VT, VP."]


def signed_heading(
    heading: Mapping | None,
    *,
    recipients: list[str],
    signer_name: str = "",
    signer_position: str = "",
    signer_prefix: str = "",
    required: bool = True,
) -> dict:
    """The header and signature of a new council document (``units.models.DocumentHeading``):
    ``heading`` as typed in its form, else the agency's defaults with ``recipients``; a signer
    given as three values (prefix line, position, name) replaces the signer. Refused without a
    signer's name and position when ``required`` (a decision)."""
    given = dict(heading or {})
    if signer_name.strip() or signer_position.strip() or signer_prefix.strip():
        given.update(
            signer_prefix=signer_prefix.strip(),
            signer_prefix_title="",
            signer_position=signer_position.strip(),
            signer_name=signer_name.strip(),
        )
    values = heading_from(given, recipients=recipients)
    if required and not (values["signer_name"].strip() and values["signer_position"].strip()):
        raise Refused(_("Ghi người ký và chức vụ người ký."))
    return values


def _order_for_decision(nominations):
    return sorted(
        nominations,
        key=lambda n: (n.award_type.order, n.unit_id is None, n.proposing_unit.name, str(n.subject), n.pk),
    )


@transaction.atomic
def decision_issue(
    nominations: Iterable[Nomination],
    *,
    date: datetime.date,
    heading: Mapping | None = None,
    signer_name: str = "",
    signer_position: str = "",
    signer_prefix: str = "",
    title: str = "",
    session: CouncilSession | None = None,
    by,
) -> Decision:
    """Issue a Quyết định khen thưởng for approved nominations within the director's authority:
    a number from the register, the reward of each line (coefficient × base salary in force on
    the decision date), an AwardRecord per line, and each nomination moved to "decided"."""
    _refuse_unless_office(by)
    ids = [n.pk for n in nominations]
    if not ids:
        raise Refused(_("Chọn ít nhất một đề nghị."))
    locked = list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_type", "person__unit", "unit__parent", "proposing_unit")
        .filter(pk__in=ids)
    )
    problems = []
    for nomination in locked:
        if nomination.status != NominationStatus.APPROVED:
            problems.append(
                _("%(subject)s: đề nghị chưa được Hội đồng thông qua (%(status)s).")
                % {"subject": nomination.subject, "status": nomination.get_status_display()}
            )
        elif nomination.award_type.authority != Authority.DIRECTOR:
            problems.append(
                _("%(subject)s: “%(award)s” thuộc thẩm quyền %(authority)s; lập tờ trình đề nghị cấp trên.")
                % {
                    "subject": nomination.subject,
                    "award": nomination.award_type.name,
                    "authority": nomination.award_type.get_authority_display(),
                }
            )
    if problems:
        raise Refused(problems)
    heading_values = signed_heading(
        heading,
        recipients=AWARD_DECISION_RECIPIENTS,
        signer_name=signer_name,
        signer_position=signer_position,
        signer_prefix=signer_prefix,
    )
    nominations_recheck_for_step(locked, to=NominationStatus.DECIDED, by=by)
    salary = base_salary_on(date)
    ordered = _order_for_decision(locked)
    title = title.strip() or decision_default_title(ordered)
    number = document_number_issue(symbol=DECISION_SYMBOL, year=date.year, label=title, by=by)
    decision = Decision.objects.create(
        kind=DecisionKind.AWARD,
        year=date.year,
        number=number,
        symbol=DECISION_SYMBOL,
        date=date,
        title=title,
        achievement_year=max(n.year for n in ordered),
        authority=Authority.DIRECTOR,
        **heading_values,
        base_salary=salary.amount,
        session=session,
        created_by=by,
    )
    authority_text = _authority_text(Authority.DIRECTOR)
    records = []
    for order, nomination in enumerate(ordered, start=1):
        coefficient, amount = decision_item_reward(nomination, salary)
        record = award_record_issue(
            person=nomination.person,
            unit=nomination.unit,
            award_type=nomination.award_type,
            name_as_issued=nomination.award_type.name,
            year=nomination.year,
            achievement_kind=nomination.achievement_kind,
            decision_number=decision.number_label,
            decision_date=date,
            authority=authority_text,
            source=RecordSource.ISSUED,
            nomination=nomination,
            by=by,
        )
        DecisionItem.objects.create(
            decision=decision,
            order=order,
            nomination=nomination,
            award_type=nomination.award_type,
            person=nomination.person,
            unit=nomination.unit,
            recipient_name=record.recipient_name,
            recipient_position=record.recipient_position,
            recipient_unit_name=record.recipient_unit_name,
            coefficient=coefficient,
            amount=amount,
            award_record=record,
        )
        records.append(record)
        _nomination_transition(nomination, to=NominationStatus.DECIDED, by=by, recheck=False)
    award_records_rejudge(
        records, cause=_("Khen thưởng theo %(ref)s") % {"ref": decision.number_label}, by=by
    )
    _decision_document_store(decision, by=by)
    return decision


def _decision_document_store(decision: Decision, *, by, cites_records=()) -> None:
    """The decision kept as issued. A correction or revocation cites the issued decision that
    granted the first award it touches: under Decree 30/2020/NĐ-CP an issued document is amended,
    replaced or annulled only by another document."""
    cites = None
    for record in cites_records:
        granting = (
            Decision.objects.filter(items__award_record=record).exclude(pk=decision.pk).order_by("pk").first()
        )
        cites = issued_document_for(granting, kind=IssuedKind.DECISION) if granting else None
        if cites is not None:
            break
    issued_document_store(
        decision,
        kind=IssuedKind.DECISION,
        number=decision.number,
        number_label=decision.number_label,
        issued_on=decision.date,
        subject=decision.title,
        cites=cites,
        by=by,
    )


class LaterDecisionText(TypedDict, total=False):
    """What a revoking or correcting decision says besides its lines: its day and reason, and
    its heading, signer and title when they are not the defaults."""

    date: Required[datetime.date]
    reason: Required[str]
    heading: Mapping | None
    signer_name: str
    signer_position: str
    signer_prefix: str
    title: str


def _later_decision(
    kind: str,
    default_title: str,
    *,
    date: datetime.date,
    reason: str,
    heading: Mapping | None = None,
    signer_name: str = "",
    signer_position: str = "",
    signer_prefix: str = "",
    title: str = "",
    by,
) -> Decision:
    title = title.strip() or default_title
    if not (reason or "").strip():
        raise Refused(_("Ghi lý do đính chính hoặc thu hồi."))
    heading_values = signed_heading(
        heading,
        recipients=LATER_DECISION_RECIPIENTS,
        signer_name=signer_name,
        signer_position=signer_position,
        signer_prefix=signer_prefix,
    )
    number = document_number_issue(symbol=DECISION_SYMBOL, year=date.year, label=title, by=by)
    return Decision.objects.create(
        kind=kind,
        year=date.year,
        number=number,
        date=date,
        title=title,
        reason=reason.strip(),
        **heading_values,
        created_by=by,
    )


def _later_item(
    decision: Decision, *, order: int, shown: AwardRecord, target: AwardRecord, note: str, award_record=None
) -> DecisionItem:
    """A line of a revoking or correcting decision: the award it touches (``target``), its
    recipient as ``shown`` names them, and the corrected record it writes, if any."""
    return DecisionItem.objects.create(
        decision=decision,
        order=order,
        nomination=target.nomination,
        award_type=shown.award_type,
        person=shown.person,
        unit=shown.unit,
        recipient_name=shown.recipient_name or str(shown.subject),
        recipient_position=shown.recipient_position,
        recipient_unit_name=shown.recipient_unit_name,
        award_record=award_record,
        target_record=target,
        note=note,
    )


def _lock_standing(records) -> list[AwardRecord]:
    ids = [r.pk for r in records]
    if not ids:
        raise Refused(_("Chọn ít nhất một khen thưởng."))
    locked = list(
        AwardRecord.objects.select_for_update(of=("self",)).select_related("award_type").filter(pk__in=ids)
    )
    revoked = [str(r) for r in locked if r.revoked]
    if revoked:
        raise Refused(_("Đã thu hồi hoặc đã đính chính trước đó: %(items)s.") % {"items": "; ".join(revoked)})
    return sorted(locked, key=lambda r: ids.index(r.pk))


@transaction.atomic
def decision_revoke(records: Iterable[AwardRecord], *, by, **text: Unpack[LaterDecisionText]) -> Decision:
    """A later decision revokes (thu hồi) awards: each record is kept, marked revoked with the
    revoking decision; the decision lists what it revokes."""
    _refuse_unless_office(by)
    locked = _lock_standing(records)
    decision = _later_decision(
        DecisionKind.REVOCATION, _("Về việc thu hồi quyết định khen thưởng"), by=by, **text
    )
    for order, record in enumerate(locked, start=1):
        award_record_revoke(record, reference=decision.reference, on=decision.date, by=by)
        _later_item(
            decision,
            order=order,
            shown=record,
            target=record,
            note=_("Thu hồi %(award)s năm %(year)s theo %(number)s")
            % {"award": record.name_as_issued, "year": record.year, "number": record.decision_number},
        )
    award_records_rejudge(
        locked, cause=_("Thu hồi khen thưởng theo %(ref)s") % {"ref": decision.reference}, by=by
    )
    _decision_document_store(decision, by=by, cites_records=locked)
    return decision


CORRECTABLE = ("recipient_name", "recipient_position", "recipient_unit_name", "name_as_issued", "year")


@transaction.atomic
def decision_correct(
    corrections: list[tuple[AwardRecord, dict]], *, by, **text: Unpack[LaterDecisionText]
) -> Decision:
    """A later decision corrects (đính chính) awards: the old record is kept and marked as
    superseded by this decision, a corrected copy is written; the decision line links both."""
    _refuse_unless_office(by)
    changes_by_id = {record.pk: changes for record, changes in corrections}
    for changes in changes_by_id.values():
        unknown = set(changes) - set(CORRECTABLE)
        if unknown:
            raise Refused(_("Không thể đính chính: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
        if not changes:
            raise Refused(_("Ghi nội dung đính chính."))
    locked = _lock_standing([record for record, _changes in corrections])
    decision = _later_decision(
        DecisionKind.CORRECTION, _("Về việc đính chính quyết định khen thưởng"), by=by, **text
    )
    corrected = []
    for order, old in enumerate(locked, start=1):
        changes = changes_by_id[old.pk]
        new = award_record_correct(
            old,
            changes=changes,
            reference=_("Đính chính theo %(ref)s") % {"ref": decision.reference},
            on=decision.date,
            by=by,
        )
        _later_item(
            decision,
            order=order,
            shown=new,
            target=old,
            award_record=new,
            note="; ".join(f"{AwardRecord._meta.get_field(f).verbose_name}: {v}" for f, v in changes.items()),
        )
        corrected.append(new)
    award_records_rejudge(
        [*locked, *corrected],
        cause=_("Đính chính khen thưởng theo %(ref)s") % {"ref": decision.reference},
        by=by,
    )
    _decision_document_store(decision, by=by, cites_records=locked)
    return decision


# ---------------------------------------------------------------------------
# Proposals to a higher authority
# ---------------------------------------------------------------------------
HIGHER_AUTHORITIES = (
    Authority.PROVINCE_CHAIR,
    Authority.MINISTER,
    Authority.PRIME_MINISTER,
    Authority.PRESIDENT,
)


@transaction.atomic
def proposal_create(
    *,
    authority: str,
    year: int,
    nominations: Iterable[Nomination],
    session: CouncilSession | None = None,
    title: str = "",
    heading: Mapping | None = None,
    signer_name: str = "",
    signer_position: str = "",
    signer_prefix: str = "",
    by,
) -> ProposalPack:
    """A Tờ trình to a higher authority with its approved nominations (beyond the director's power)."""
    _refuse_unless_office(by)
    if authority not in HIGHER_AUTHORITIES:
        raise Refused(_("Khen thưởng thuộc thẩm quyền Giám đốc Sở không trình cấp trên."))
    nominations = list(
        Nomination.objects.select_related("award_type").filter(pk__in=[n.pk for n in nominations])
    )
    if not nominations:
        raise Refused(_("Chọn ít nhất một đề nghị."))
    problems = []
    for nomination in nominations:
        if nomination.status != NominationStatus.APPROVED:
            problems.append(
                _("%(subject)s: đề nghị chưa được Hội đồng thông qua.") % {"subject": nomination.subject}
            )
        elif nomination.award_type.authority != authority:
            problems.append(
                _("%(subject)s: “%(award)s” không thuộc thẩm quyền %(authority)s.")
                % {
                    "subject": nomination.subject,
                    "award": nomination.award_type.name,
                    "authority": Authority(authority).label,
                }
            )
        elif nomination.proposals.exclude(status=ProposalStatus.DRAFT).exists():
            problems.append(_("%(subject)s: đã có trong tờ trình đã gửi.") % {"subject": nomination.subject})
    if problems:
        raise Refused(problems)
    pack = ProposalPack.objects.create(
        authority=authority,
        year=year,
        title=title.strip()
        or _("Về việc đề nghị %(authority)s khen thưởng năm %(year)s")
        % {"authority": Authority(authority).label, "year": year},
        session=session,
        **signed_heading(
            heading,
            recipients=PROPOSAL_RECIPIENTS,
            signer_name=signer_name,
            signer_position=signer_position,
            signer_prefix=signer_prefix,
            required=False,
        ),
        created_by=by,
    )
    pack.nominations.set(nominations)
    return pack


@transaction.atomic
def proposal_mark_sent(pack: ProposalPack, *, sent_on: datetime.date, by) -> bool:
    """The Tờ trình is numbered (TTr-SYT register) and sent. False when already sent."""
    _refuse_unless_office(by)
    locked = ProposalPack.objects.select_for_update().get(pk=pack.pk)
    if locked.status != ProposalStatus.DRAFT:
        return False
    locked.number = document_number_issue(
        symbol=PROPOSAL_SYMBOL, year=sent_on.year, label=locked.title, by=by
    )
    locked.sent_on = sent_on
    locked.status = ProposalStatus.SENT
    locked.save(update_fields=["number", "sent_on", "status"])
    issued_document_store(
        locked,
        kind=IssuedKind.PROPOSAL,
        number=locked.number,
        number_label=number_label(locked.number, PROPOSAL_SYMBOL),
        issued_on=sent_on,
        subject=locked.title,
        by=by,
    )
    pack.refresh_from_db()
    return True


@transaction.atomic
def proposal_record_decision(
    pack: ProposalPack,
    *,
    number: str,
    date: datetime.date,
    authority_name: str,
    granted: Iterable[Nomination] | None = None,
    by,
) -> list[AwardRecord]:
    """The higher authority's decision came back: record it; each granted nomination lands in the
    award history (source: entered) and moves to "decided". Nominations not granted stay approved."""
    _refuse_unless_office(by)
    locked = ProposalPack.objects.select_for_update().get(pk=pack.pk)
    if locked.status != ProposalStatus.SENT:
        raise Refused(_("Chỉ ghi quyết định của cấp trên cho tờ trình đã gửi."))
    if not number.strip() or not authority_name.strip():
        raise Refused(_("Ghi số quyết định và cơ quan quyết định."))
    members = {
        n.pk: n for n in locked.nominations.select_related("award_type", "person__unit", "unit__parent")
    }
    granted_ids = [n.pk for n in granted] if granted is not None else list(members)
    strangers = [pk for pk in granted_ids if pk not in members]
    if strangers:
        raise Refused(_("Có đề nghị không thuộc tờ trình này."))
    records = []
    for pk in granted_ids:
        nomination = members[pk]
        records.append(
            award_record_issue(
                person=nomination.person,
                unit=nomination.unit,
                award_type=nomination.award_type,
                name_as_issued=nomination.award_type.name,
                year=nomination.year,
                achievement_kind=nomination.achievement_kind,
                decision_number=number.strip(),
                decision_date=date,
                authority=authority_name.strip(),
                source=RecordSource.ENTERED,
                nomination=nomination,
                by=by,
            )
        )
        # The higher authority has decided: its answer is recorded, never refused here.
        _nomination_transition(nomination, to=NominationStatus.DECIDED, by=by, recheck=False)
    award_records_rejudge(
        records, cause=_("Quyết định khen thưởng %(number)s") % {"number": number.strip()}, by=by
    )
    locked.reply_number = number.strip()
    locked.reply_date = date
    locked.reply_authority = authority_name.strip()
    locked.status = ProposalStatus.DECIDED
    locked.save(update_fields=["reply_number", "reply_date", "reply_authority", "status"])
    pack.refresh_from_db()
    return records
