"""Writes of the awards app: eligibility verdicts, initiative claims, the nomination workflow,
dossiers, public disclosure comments.

``nomination_transition`` is the one way a nomination changes state (``enums.NOMINATION_TRANSITIONS``);
the council app calls it for the council's results and for decisions.
"""

import dataclasses
import datetime
import hashlib
import os
from collections.abc import Iterable
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalog.enums import DocumentKind
from notifications.providers import office_staff
from notifications.services import notify
from units.concurrency import check_version
from units.documents import issued_document_store
from units.enums import IssuedKind
from units.numbering import document_number_issue, number_label
from units.refusals import Refused
from units.rules import head_scope_ids, is_authenticated, is_office_staff
from units.selectors import heads_of_unit
from units.uploads import validate_document_file

from . import eligibility, workdays
from .eligibility import verdicts
from .enums import (
    COUNCIL,
    DISCLOSURE_SYMBOL,
    NOMINATION_EDITABLE,
    NOMINATION_FINAL,
    NOMINATION_STANDING,
    NOMINATION_TRANSITIONS,
    OFFICE,
    REASON_REQUIRED,
    UNIT,
    CommentStatus,
    EligibilityStatus,
    NominationStatus,
    QuotaScope,
    RecordSource,
)
from .models import (
    DEFAULT_VERIFICATION_WORKING_DAYS,
    NOMINATED_ALREADY,
    AwardRecord,
    AwardRule,
    DisclosureComment,
    DisclosurePeriod,
    DossierFile,
    Evaluation,
    Initiative,
    InitiativeClaim,
    Nomination,
    NominationCall,
    NominationEvent,
    VerdictChange,
    subject_snapshot,
)
from .rules import is_proposing_unit_head
from .selectors import disclosed_nominations, missing_documents

ELIGIBILITY_FIELDS = [
    "eligibility",
    "eligibility_reasons",
    "eligibility_checked_at",
    "eligibility_facts",
    "rule_set",
]


def _apply(nomination: Nomination, judged: verdicts.Judged, now) -> None:
    nomination.eligibility = judged.status
    nomination.eligibility_reasons = judged.reasons
    nomination.eligibility_checked_at = now
    nomination.eligibility_facts = judged.facts
    nomination.rule_set = judged.verdict.rule_set


def nomination_check_eligibility(nomination: Nomination, *, save: bool = True) -> eligibility.Verdict:
    """Judge one nomination and store the verdict with its reasons, the rule set used and the
    facts it was judged from."""
    judged = verdicts.judge_one(nomination)
    _apply(nomination, judged, timezone.now())
    if save and nomination.pk:
        # Not "updated_at": a verdict is not an edit, and must not make an open edit form conflict.
        nomination.save(update_fields=ELIGIBILITY_FIELDS)
    return judged.verdict


def nominations_check_eligibility(nominations, *, batch_size: int = 500) -> dict[int, eligibility.Verdict]:
    """Judge many saved nominations at once and store the verdicts (bulk update, no history rows)."""
    nominations = list(nominations)
    judged = verdicts.judge(nominations)
    now = timezone.now()
    for nomination, item in zip(nominations, judged, strict=True):
        _apply(nomination, item, now)
    Nomination.objects.bulk_update(nominations, ELIGIBILITY_FIELDS, batch_size=batch_size)
    return {nomination.pk: item.verdict for nomination, item in zip(nominations, judged, strict=True)}


def initiative_claim(nomination: Nomination, initiative: Initiative) -> InitiativeClaim:
    """Name an initiative as the basis of a nomination. One initiative justifies one achievement
    of each author: a second claim by the same author is refused with the nomination that holds it.
    A claim held by a rejected nomination is released and taken over. Claiming twice for the same
    nomination returns the existing claim."""
    if not nomination.person_id:
        raise ValidationError(_("Chỉ đề nghị khen thưởng cá nhân mới dùng sáng kiến làm căn cứ."))
    if not initiative.authorships.filter(person_id=nomination.person_id).exists():
        raise ValidationError(
            _("%(person)s không phải là tác giả của sáng kiến “%(title)s”.")
            % {"person": nomination.person.full_name, "title": initiative.title}
        )
    with transaction.atomic():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
        existing = (
            InitiativeClaim.objects.select_related("nomination", "nomination__award_type")
            .filter(initiative=initiative, person_id=nomination.person_id)
            .first()
        )
        if existing is not None:
            if existing.nomination_id == nomination.pk:
                return existing
            if existing.nomination.status in NOMINATION_STANDING:
                raise ValidationError(
                    _(
                        "Sáng kiến “%(title)s” đã được dùng làm căn cứ cho đề nghị %(award)s năm %(year)s; "
                        "mỗi sáng kiến chỉ làm căn cứ cho một thành tích."
                    )
                    % {
                        "title": initiative.title,
                        "award": existing.nomination.award_type.name,
                        "year": existing.nomination.year,
                    }
                )
            existing.delete()  # held by a rejected nomination: released
        try:
            with transaction.atomic():
                return InitiativeClaim.objects.create(
                    nomination=nomination, initiative=initiative, person_id=nomination.person_id
                )
        except IntegrityError as exc:  # a concurrent claim won the race
            raise ValidationError(
                _("Sáng kiến “%(title)s” vừa được dùng làm căn cứ cho một đề nghị khác.")
                % {"title": initiative.title}
            ) from exc


def nomination_release_claims(nomination: Nomination) -> int:
    """Free the initiatives a nomination claimed (when it is rejected or withdrawn)."""
    if nomination.status in NOMINATION_STANDING:
        return 0
    deleted, _details = InitiativeClaim.objects.filter(nomination=nomination).delete()
    return deleted


# ---------------------------------------------------------------------------
# The office's time limit for verification (thẩm định), in working days
# ---------------------------------------------------------------------------
def verification_days_for(nomination: Nomination) -> int:
    """Working days the office has for this nomination: its rule of the year, else the default."""
    days = None
    if nomination.rule_set_id:
        days = (
            AwardRule.objects.filter(
                rule_set_id=nomination.rule_set_id, award_type_id=nomination.award_type_id
            )
            .values_list("verification_working_days", flat=True)
            .first()
        )
    return days or DEFAULT_VERIFICATION_WORKING_DAYS


def _received_on(submitted_at: datetime.datetime) -> datetime.date:
    """The day a nomination reached the office: the day in Vietnam it was sent."""
    return timezone.localdate(submitted_at, timezone=timezone.get_default_timezone())


def _verification_due(
    received: datetime.date, days: int | None, calendar: workdays.WorkCalendar | None = None
) -> datetime.date:
    """The last day of verification: ``days`` working days (the default when the rule sets none)
    counted from the day after ``received``, on ``calendar`` (else the holidays in the database)."""
    days = days or DEFAULT_VERIFICATION_WORKING_DAYS
    if calendar is None:
        return workdays.add_working_days(received, days)
    return calendar.add_working_days(received, days)


def verification_due_for(nomination: Nomination) -> datetime.date | None:
    """The last day of verification of one nomination (None until it is sent)."""
    if nomination.submitted_at is None:
        return None
    return _verification_due(_received_on(nomination.submitted_at), verification_days_for(nomination))


def verification_due_refresh() -> int:
    """Count again the time limit of every nomination waiting for verification (after the
    holidays or a rule's time limit changed). Returns how many changed; a constant number of
    queries."""
    waiting = list(
        Nomination.objects.filter(status=NominationStatus.SUBMITTED, submitted_at__isnull=False).only(
            "pk", "submitted_at", "rule_set_id", "award_type_id", "verification_due"
        )
    )
    if not waiting:
        return 0
    limits = {
        (rule_set_id, award_type_id): days
        for rule_set_id, award_type_id, days in AwardRule.objects.filter(
            rule_set_id__in={n.rule_set_id for n in waiting if n.rule_set_id}
        ).values_list("rule_set_id", "award_type_id", "verification_working_days")
    }
    received = {n.pk: _received_on(n.submitted_at) for n in waiting}
    longest = max([*limits.values(), DEFAULT_VERIFICATION_WORKING_DAYS])
    calendar = workdays.calendar_from_db(
        min(received.values()), max(received.values()) + workdays.span_for(longest)
    )
    changed = []
    for nomination in waiting:
        days = limits.get((nomination.rule_set_id, nomination.award_type_id))
        due = _verification_due(received[nomination.pk], days, calendar)
        if due != nomination.verification_due:
            nomination.verification_due = due
            changed.append(nomination)
    Nomination.objects.bulk_update(changed, ["verification_due"], batch_size=500)
    return len(changed)


# ---------------------------------------------------------------------------
# The nomination workflow
# ---------------------------------------------------------------------------
def _may(role: str, user, nomination: Nomination) -> bool:
    """Who may make a move of the table: the unit (its head, or the office on its behalf), the
    office, or the council's result (written by the council app as office staff or a superuser)."""
    if not is_authenticated(user):
        return False
    if role == UNIT:
        return is_office_staff(user) or is_proposing_unit_head(user, nomination)
    if role in (OFFICE, COUNCIL):
        return is_office_staff(user)
    return False


def _status_label(status) -> str:
    return str(NominationStatus(status).label)


def _missing_documents_message(codes: list[str]) -> str:
    labels = dict(DocumentKind.choices)
    return _("Thiếu hồ sơ: %(documents)s.") % {"documents": "; ".join(str(labels.get(c, c)) for c in codes)}


OVERRIDE_REASON_MESSAGE = _(
    "Hệ thống đánh giá đề nghị này không đủ điều kiện: ghi lý do vẫn thẩm định đạt (lý do được lưu "
    "vào lịch sử đề nghị)."
)


def transition_needs_reason(status: str, to: str, eligibility: str) -> bool:
    """A reason is written when the office returns a nomination, and when it verifies one that the
    rules judged not eligible: the decision to go against the verdict is its own, and recorded."""
    if (status, to) in REASON_REQUIRED:
        return True
    return to == NominationStatus.VERIFIED and eligibility == EligibilityStatus.NOT_ELIGIBLE


@transaction.atomic
def nomination_transition(
    nomination: Nomination, *, to: str, by, reason: str = "", recheck: bool = True
) -> bool:
    """Move a nomination along ``NOMINATION_TRANSITIONS``.

    Returns False when it is already in ``to`` (a repeated request: "already done", nothing
    written). Raises PermissionDenied when ``by`` may not make the move, Refused when the
    move is not in the table, the nomination changed since the caller loaded it, a reason is
    missing, or (on submit) a required document is missing. On submit the eligibility is judged
    again and stored (a failing nomination is still sent, flagged) and the proposed initiatives
    are claimed. Verification, the move to the council and the decision judge the nomination
    again first and refuse it when it became "not eligible" since it was sent
    (``nominations_recheck_for_step``; ``recheck=False`` when the caller just did so for a batch).
    Each move writes a NominationEvent and a history row, and queues one notification after the
    commit.
    """
    try:
        to = NominationStatus(to)
    except ValueError:
        raise Refused(_("Trạng thái “%(to)s” không hợp lệ.") % {"to": to}) from None
    locked = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_type", "person", "unit", "proposing_unit")
        .get(pk=nomination.pk)
    )
    if locked.status == to:
        nomination.refresh_from_db()
        return False
    if nomination.status and nomination.status != locked.status:
        raise Refused(
            _(
                "Đề nghị này vừa được chuyển sang “%(status)s” sau khi bạn mở trang; chưa có gì thay đổi. "
                "Vui lòng tải lại trang."
            )
            % {"status": _status_label(locked.status)}
        )
    move = (locked.status, to)
    role = NOMINATION_TRANSITIONS.get(move)
    if role is None:
        raise Refused(
            _("Không thể chuyển đề nghị từ “%(src)s” sang “%(dst)s”.")
            % {"src": _status_label(locked.status), "dst": _status_label(to)}
        )
    if not _may(role, by, locked):
        if role == UNIT:
            raise PermissionDenied(_("Chỉ thủ trưởng đơn vị đề nghị được thực hiện thao tác này."))
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được thực hiện thao tác này."))
    reason = (reason or "").strip()
    if move in REASON_REQUIRED and not reason:
        raise Refused(_("Vui lòng ghi lý do để đơn vị biết cần bổ sung, sửa gì."))
    if recheck and to in RECHECKED_STEPS:
        try:
            nominations_recheck_for_step([locked], to=to, by=by)
        except Refused as exc:
            raise Refused(exc.messages) from exc
    if not reason and transition_needs_reason(locked.status, to, locked.eligibility):
        raise Refused(OVERRIDE_REASON_MESSAGE)

    fields = ["status", "updated_at"]
    if to == NominationStatus.SUBMITTED:
        missing = missing_documents(locked)
        if missing:
            raise Refused(_missing_documents_message(missing))
        for initiative in locked.proposed_initiatives.all():
            try:
                initiative_claim(locked, initiative)
            except ValidationError as exc:
                raise Refused(exc.messages) from exc
        _apply(locked, verdicts.judge_one(locked), timezone.now())
        locked.submitted_at = timezone.now()
        locked.verification_due = verification_due_for(locked)
        locked.eligibility_when_sent = locked.eligibility  # as its SUBMITTED event records it
        fields += [*ELIGIBILITY_FIELDS, "submitted_at", "verification_due", "eligibility_when_sent"]

    from_status = locked.status
    locked.status = to
    locked._history_user = by if getattr(by, "pk", None) else None
    locked._change_reason = str(NominationStatus(to).label)
    locked.save(update_fields=fields)
    if to == NominationStatus.REJECTED:
        nomination_release_claims(locked)
    event = NominationEvent.objects.create(
        nomination=locked,
        from_status=from_status,
        to_status=to,
        by=by if getattr(by, "pk", None) else None,
        reason=reason,
        eligibility=locked.eligibility,
    )
    transaction.on_commit(partial(_notify_transition, event.pk))
    nomination.refresh_from_db()
    return True


_TRANSITION_TITLES = {
    NominationStatus.SUBMITTED: _("Đề nghị khen thưởng mới gửi: %(nominee)s — %(award)s năm %(year)s"),
    NominationStatus.DRAFT: _("Đơn vị đã rút lại đề nghị: %(nominee)s — %(award)s năm %(year)s"),
    NominationStatus.RETURNED: _("Đề nghị bị trả lại: %(nominee)s — %(award)s năm %(year)s"),
    NominationStatus.VERIFIED: _("Đề nghị đã được thẩm định: %(nominee)s — %(award)s năm %(year)s"),
    NominationStatus.IN_COUNCIL: _("Đề nghị được chuyển Hội đồng xét: %(nominee)s — %(award)s năm %(year)s"),
    NominationStatus.APPROVED: _("Hội đồng đã thông qua: %(nominee)s — %(award)s năm %(year)s"),
    NominationStatus.REJECTED: _("Hội đồng không thông qua: %(nominee)s — %(award)s năm %(year)s"),
    NominationStatus.DECIDED: _("Đã có quyết định khen thưởng: %(nominee)s — %(award)s năm %(year)s"),
}


def _notify_transition(event_id: int) -> None:
    """After the commit: tell the other side. Moves of the unit go to the office, the rest to the unit."""
    event = (
        NominationEvent.objects.select_related(
            "nomination", "nomination__person", "nomination__unit", "nomination__award_type", "by"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return
    nomination = event.nomination
    role = NOMINATION_TRANSITIONS.get((event.from_status, event.to_status))
    recipients = office_staff() if role == UNIT else heads_of_unit(nomination.proposing_unit_id)
    recipients = [user for user in recipients if user.pk != event.by_id]
    if not recipients:
        return
    title = _TRANSITION_TITLES[NominationStatus(event.to_status)] % {
        "nominee": nomination.nominee_name,
        "award": nomination.award_type.name,
        "year": nomination.year,
    }
    body = ""
    if event.reason:
        body = _("Lý do: %(reason)s") % {"reason": event.reason}
    notify(
        f"nomination_{event.to_status}",
        to=recipients,
        title=title,
        body=body,
        url=nomination.get_absolute_url(),
        source=f"awards.Nomination:{nomination.pk}",
        by=event.by,
    )


# ---------------------------------------------------------------------------
# Filing and editing
# ---------------------------------------------------------------------------
def nominee_errors(nomination: Nomination, *, by=None) -> dict[str, str]:
    """What is wrong with who is nominated for what, by field (empty when all is well)."""
    errors: dict[str, str] = {}
    if bool(nomination.person_id) == bool(nomination.unit_id):
        errors["__all__"] = _("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể.")
        return errors
    award = nomination.award_type if nomination.award_type_id else None
    if award is not None:
        if nomination.person_id and not award.applies_to_individuals:
            errors["award_type"] = _("“%(award)s” không áp dụng cho cá nhân.") % {"award": award.name}
        elif nomination.unit_id and not award.applies_to_collectives:
            errors["award_type"] = _("“%(award)s” không áp dụng cho tập thể.") % {"award": award.name}
    if not nomination.proposing_unit_id:
        return errors
    field = "person" if nomination.person_id else "unit"
    scope = nomination.proposing_unit.subtree_ids()
    home = nomination.person.unit_id if nomination.person_id else nomination.unit_id
    if home not in scope:
        errors[field] = (
            _("Cán bộ này không thuộc đơn vị đề nghị.")
            if nomination.person_id
            else _("Tập thể này không thuộc đơn vị đề nghị.")
        )
    elif nomination.person_id and not nomination.person.active:
        errors[field] = _("Cán bộ này đã nghỉ công tác.")
    elif nomination.award_type_id and nomination.year and _nominated_already(nomination, field):
        errors[field] = str(NOMINATED_ALREADY[field])
    if by is not None and not is_office_staff(by) and nomination.proposing_unit_id not in head_scope_ids(by):
        errors["proposing_unit"] = _("Bạn chỉ được lập đề nghị cho đơn vị của mình.")
    return errors


def _nominated_already(nomination: Nomination, field: str) -> bool:
    """Another nomination, not rejected, of the same nominee for the same award and year."""
    others = Nomination.objects.exclude(status=NominationStatus.REJECTED).filter(
        award_type_id=nomination.award_type_id,
        year=nomination.year,
        **{f"{field}_id": getattr(nomination, f"{field}_id")},
    )
    if nomination.pk:
        others = others.exclude(pk=nomination.pk)
    return others.exists()


@transaction.atomic
def nomination_save(form, *, by, seen_updated_at=None) -> Nomination:
    """Save a validated nomination form (new or existing) and judge its eligibility.

    An existing nomination is locked and compared with the version the user loaded
    (``units.concurrency``): a change by someone else meanwhile raises Conflict, and nothing
    is saved. Only a draft or returned nomination can be edited.
    """
    nomination = form.save(commit=False)
    if nomination.pk:
        locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
        check_version(locked, seen_updated_at)
        if locked.status not in NOMINATION_EDITABLE:
            raise Refused(
                _("Đề nghị đang ở trạng thái “%(status)s” nên không sửa được.")
                % {"status": _status_label(locked.status)}
            )
        if not by.has_perm("awards.change_nomination", locked):
            raise PermissionDenied(_("Bạn không được sửa đề nghị này."))
        # Workflow fields are the workflow's: never written back from the form's copy.
        for name in ("status", "submitted_at", "created_by", *ELIGIBILITY_FIELDS):
            setattr(nomination, name, getattr(locked, name))
    else:
        if not by.has_perm("awards.add_nomination"):
            raise PermissionDenied(_("Bạn không được lập đề nghị khen thưởng."))
        nomination.created_by = by
        nomination.status = NominationStatus.DRAFT
    errors = nominee_errors(nomination, by=by)
    if errors:
        raise Refused(errors)
    nomination._history_user = by
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as exc:  # the same nominee saved by someone else meanwhile
        field = "person" if nomination.person_id else "unit"
        raise Refused({field: NOMINATED_ALREADY[field]}) from exc
    form.save_m2m()
    if nomination.person_id is None and nomination.pk:
        nomination.proposed_initiatives.clear()
    nomination_check_eligibility(nomination)
    return nomination


@transaction.atomic
def nomination_recheck(nomination: Nomination, *, by) -> eligibility.Verdict:
    """Judge a nomination again on demand ("Kiểm tra lại điều kiện")."""
    if not by.has_perm("awards.recheck_nomination", nomination):
        raise PermissionDenied(_("Bạn không được kiểm tra lại đề nghị này."))
    return nomination_check_eligibility(nomination)


def nominations_recheck_year(year: int, *, by) -> int:
    """Judge again every nomination of a year that is not final (a constant number of queries);
    the verdicts that changed are recorded as the office's re-check."""
    if not by.has_perm("awards.recheck_year"):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được kiểm tra lại cả năm."))
    with transaction.atomic():
        nominations = list(
            Nomination.objects.filter(year=year)
            .exclude(status__in=NOMINATION_FINAL)
            .select_related("person")
            .order_by("pk")
            .select_for_update(of=("self",))
        )
        # Changed verdicts are recorded and told, as after any change of the facts.
        _rejudge(
            nominations,
            cause=_("Thường trực kiểm tra lại cả năm %(year)s") % {"year": year},
            by=by,
            system=False,
        )
    return len(nominations)


# ---------------------------------------------------------------------------
# Dossier files
# ---------------------------------------------------------------------------
def _lock_editable(nomination: Nomination, *, by, perm: str) -> Nomination:
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if locked.status not in NOMINATION_EDITABLE:
        raise Refused(
            _(
                "Đề nghị đang ở trạng thái “%(status)s”; chỉ thay đổi hồ sơ khi đề nghị "
                "đang soạn hoặc bị trả lại."
            )
            % {"status": _status_label(locked.status)}
        )
    if not by.has_perm(perm, locked):
        raise PermissionDenied(_("Bạn không được thay đổi hồ sơ của đề nghị này."))
    return locked


def _digest(upload) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b""):
        sha.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return sha.hexdigest(), size


@transaction.atomic
def dossier_file_add(nomination: Nomination, *, kind: str, file, by) -> DossierFile:
    """Attach one document to an editable nomination: checked by content and size, checksummed."""
    locked = _lock_editable(nomination, by=by, perm="awards.upload_dossier")
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Chọn loại tài liệu.")})
    try:
        validate_document_file(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    checksum, size = _digest(file)
    item = DossierFile(
        nomination=locked,
        kind=kind,
        original_name=os.path.basename(file.name or "")[:255] or "tep",
        checksum=checksum,
        size=size,
        uploaded_by=by,
    )
    item.file.save(item.original_name, file, save=False)
    item._history_user = by
    item.save()
    return item


@dataclasses.dataclass
class DossierUpload:
    """What became of one file of an upload: stored (``item``) or refused (``errors``)."""

    name: str
    kind: str
    item: DossierFile | None = None
    errors: list[str] = dataclasses.field(default_factory=list)

    @property
    def stored(self) -> bool:
        return self.item is not None

    @property
    def kind_label(self) -> str:
        return str(dict(DocumentKind.choices).get(self.kind, self.kind))


def dossier_files_add(
    nomination: Nomination, *, uploads: list[tuple[str, object]], by
) -> list[DossierUpload]:
    """Attach several documents at once, each on its own through ``dossier_file_add``: a file the
    checks refuse (type, content, size) is reported with its message and the others are stored.

    A nomination that may not be changed, or by this user, refuses the whole upload (``Refused``,
    ``PermissionDenied``), before any file is read."""
    with transaction.atomic():
        _lock_editable(nomination, by=by, perm="awards.upload_dossier")
    results = []
    for kind, upload in uploads:
        result = DossierUpload(name=os.path.basename(getattr(upload, "name", "") or ""), kind=kind)
        try:
            result.item = dossier_file_add(nomination, kind=kind, file=upload, by=by)
        except Refused:
            raise
        except ValidationError as exc:
            result.errors = exc.messages
        results.append(result)
    return results


@transaction.atomic
def dossier_file_delete(item: DossierFile, *, by) -> None:
    """Take a document out of an editable nomination's dossier.

    The row goes (its history keeps who removed it and when); the stored bytes stay, so the
    audit trail can still name the file.
    """
    _lock_editable(item.nomination, by=by, perm="awards.upload_dossier")
    item._history_user = by
    item.delete()


# ---------------------------------------------------------------------------
# Public disclosure (công khai)
# ---------------------------------------------------------------------------
COMMENT_MAX_CHARS = 2000
COMMENTS_PER_HOUR = 5
COMMENTS_PER_DAY = 20


def disclosure_comment_add(period: DisclosurePeriod, *, by, text: str, nomination=None) -> DisclosureComment:
    """Record an opinion on a published list, only while the period is open: at most
    ``COMMENT_MAX_CHARS`` characters, ``COMMENTS_PER_HOUR`` an hour and ``COMMENTS_PER_DAY`` a day
    from one person. The office hears of the day's comments once (``_notify_comments_of_the_day``)."""
    if not is_authenticated(by):
        raise PermissionDenied(_("Vui lòng đăng nhập để góp ý."))
    today = timezone.localdate()
    if today < period.opens:
        raise Refused(
            _("Đợt công khai bắt đầu nhận ý kiến từ ngày %(date)s.")
            % {"date": date_format(period.opens, "SHORT_DATE_FORMAT")}
        )
    if today > period.closes:
        raise Refused(
            _("Đợt công khai đã kết thúc ngày %(date)s; không nhận thêm ý kiến.")
            % {"date": date_format(period.closes, "SHORT_DATE_FORMAT")}
        )
    text = (text or "").strip()
    if not text:
        raise Refused({"text": _("Vui lòng nhập nội dung ý kiến.")})
    if len(text) > COMMENT_MAX_CHARS:
        raise Refused(
            {
                "text": _("Ý kiến dài tối đa %(limit)s ký tự.")
                % {"limit": f"{COMMENT_MAX_CHARS:,}".replace(",", ".")}
            }
        )
    now = timezone.now()
    mine = DisclosureComment.objects.filter(author=by)
    if (
        mine.filter(created_at__gte=now - datetime.timedelta(hours=1)).count() >= COMMENTS_PER_HOUR
        or mine.filter(created_at__gte=now - datetime.timedelta(days=1)).count() >= COMMENTS_PER_DAY
    ):
        raise Refused(
            _(
                "Bạn đã gửi nhiều ý kiến trong thời gian ngắn (tối đa %(hour)s ý kiến mỗi giờ, %(day)s "
                "ý kiến mỗi ngày). Vui lòng gửi lại sau."
            )
            % {"hour": COMMENTS_PER_HOUR, "day": COMMENTS_PER_DAY}
        )
    if nomination is not None and not disclosed_nominations(period).filter(pk=nomination.pk).exists():
        raise Refused({"nomination": _("Đề nghị này không có trong danh sách công khai.")})
    with transaction.atomic():
        comment = DisclosureComment(period=period, nomination=nomination, author=by, text=text)
        comment._history_user = by
        comment.save()
        transaction.on_commit(partial(_notify_comments_of_the_day, comment.pk))
    return comment


MODERATION_REASON_MAX_CHARS = 1000


def disclosure_comment_moderate(
    comment: DisclosureComment, *, by, accept: bool, reason: str = ""
) -> DisclosureComment:
    """The office accepts a pending comment (it then reaches the council, told of the day's
    accepted comments once: ``_notify_council_of_accepted_comments``) or rejects it with a reason
    (nobody is told; its author sees the state and the reason). A comment is moderated once: the
    row is locked, so two office users deciding at the same moment decide once (and a comment
    already decided is said so first, whatever else was sent)."""
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được duyệt ý kiến góp ý."))
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = DisclosureComment.objects.select_for_update().get(pk=comment.pk)
        if locked.status != CommentStatus.PENDING:
            raise Refused(
                _("Ý kiến này đã được duyệt (%(state)s) lúc %(when)s; không duyệt lại.")
                % {
                    "state": locked.get_status_display(),
                    "when": timezone.localtime(locked.moderated_at).strftime("%H:%M %d/%m/%Y")
                    if locked.moderated_at
                    else "—",
                }
            )
        if not accept and not reason:
            raise Refused({"reason": _("Nêu lý do không tiếp nhận ý kiến.")})
        if len(reason) > MODERATION_REASON_MAX_CHARS:
            raise Refused(
                {
                    "reason": _("Lý do dài tối đa %(limit)s ký tự.")
                    % {"limit": f"{MODERATION_REASON_MAX_CHARS:,}".replace(",", ".")}
                }
            )
        locked.status = CommentStatus.ACCEPTED if accept else CommentStatus.REJECTED
        locked.moderated_by = by
        locked.moderated_at = timezone.now()
        locked.moderation_reason = reason
        locked._history_user = by
        locked.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_reason"])
        if accept:
            transaction.on_commit(partial(_notify_council_of_accepted_comments, locked.period_id))
    for name in ("status", "moderated_by", "moderated_at", "moderation_reason"):
        setattr(comment, name, getattr(locked, name))
    return locked


def _office_record_save(form, *, by, refused: str):
    """Save a model form's record for the office: who created a new one is kept, and the history
    entry names ``by`` (a task or command has no request to take it from)."""
    if not is_office_staff(by):
        raise PermissionDenied(refused)
    record = form.save(commit=False)
    if record.pk is None:
        record.created_by = by
    record._history_user = by
    record.save()
    return record


@transaction.atomic
def disclosure_period_save(form, *, by) -> DisclosurePeriod:
    """Open or change a disclosure period (office only); the history keeps who and when."""
    return _office_record_save(form, by=by, refused=_("Chỉ Thường trực TĐKT được mở đợt công khai."))


@transaction.atomic
def disclosure_issue(period: DisclosurePeriod, *, by, day=None) -> bool:
    """Give the disclosure notice (Thông báo công khai) its number from the document register and
    its date of issue. False when it already has one (a repeated request)."""
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được ban hành thông báo công khai."))
    locked = DisclosurePeriod.objects.select_for_update().get(pk=period.pk)
    if locked.number:
        period.refresh_from_db()
        return False
    day = day or timezone.localdate()
    locked.number = document_number_issue(symbol=DISCLOSURE_SYMBOL, year=day.year, label=str(locked), by=by)
    locked.issued_on = day
    locked._history_user = by
    locked.save(update_fields=["number", "issued_on", "updated_at"])
    issued_document_store(
        locked,
        kind=IssuedKind.DISCLOSURE,
        number=locked.number,
        number_label=number_label(locked.number, DISCLOSURE_SYMBOL),
        issued_on=day,
        by=by,
    )
    period.refresh_from_db()
    return True


def _notify_comments_of_the_day(comment_id: int) -> None:
    """The office hears once a day per period that comments came in (one message and one mail,
    whatever their number); the comments themselves are read on the period's page."""
    comment = (
        DisclosureComment.objects.select_related("period", "author", "nomination")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return
    from notifications.models import Notification

    day = timezone.localdate()
    source = f"awards.DisclosurePeriod:{comment.period_id}:comments:{day.isoformat()}"
    told = set(Notification.objects.filter(source=source).values_list("recipient_id", flat=True))
    recipients = [user for user in office_staff() if user.pk != comment.author_id and user.pk not in told]
    if not recipients:
        return
    notify(
        "disclosure_comment",
        to=recipients,
        title=_("Có ý kiến mới chờ duyệt về danh sách công khai năm %(year)s (ngày %(date)s)")
        % {"year": comment.period.year, "date": day.strftime("%d/%m/%Y")},
        body=_(
            "Ý kiến góp ý chỉ đến Hội đồng sau khi Thường trực TĐKT tiếp nhận. Các ý kiến chờ duyệt "
            "ở mục “Ý kiến chờ duyệt” của trang đợt công khai."
        ),
        url=f"{comment.period.get_absolute_url()}#moderation",
        source=source,
        by=None,
    )


def _council_members() -> list:
    """Active members of the Emulation and Commendation Council (Hội đồng TĐKT)."""
    return list(get_user_model().objects.filter(is_active=True, is_council_member=True).order_by("pk"))


def _notify_council_of_accepted_comments(period_id: int) -> None:
    """The council hears once a day per period that the office accepted comments (one message and
    one mail each, whatever their number); the comments are read on the period's page."""
    period = DisclosurePeriod.objects.filter(pk=period_id).first()
    if period is None:
        return
    from notifications.models import Notification

    day = timezone.localdate()
    source = f"awards.DisclosurePeriod:{period.pk}:accepted-comments:{day.isoformat()}"
    told = set(Notification.objects.filter(source=source).values_list("recipient_id", flat=True))
    recipients = [user for user in _council_members() if user.pk not in told]
    if not recipients:
        return
    notify(
        "disclosure_comment_accepted",
        to=recipients,
        title=_("Ý kiến góp ý về danh sách công khai năm %(year)s đã được tiếp nhận (ngày %(date)s)")
        % {"year": period.year, "date": day.strftime("%d/%m/%Y")},
        body=_("Các ý kiến Thường trực TĐKT đã tiếp nhận trong ngày xem tại trang đợt công khai."),
        url=f"{period.get_absolute_url()}#comments",
        source=source,
        by=None,
    )


# ---------------------------------------------------------------------------
# Calls for nominations (đợt đề nghị khen thưởng)
# ---------------------------------------------------------------------------
@transaction.atomic
def nomination_call_save(form, *, by) -> NominationCall:
    """Open or change a call for nominations (office only); the history keeps who and when."""
    refused = _("Chỉ Thường trực TĐKT được mở đợt đề nghị khen thưởng.")
    return _office_record_save(form, by=by, refused=refused)


# ---------------------------------------------------------------------------
# Verdicts that follow the facts
# ---------------------------------------------------------------------------
# Steps of the workflow that judge the nomination again first, and refuse one that is no longer
# eligible since it was sent.
RECHECKED_STEPS = {
    NominationStatus.VERIFIED: _("thẩm định"),
    NominationStatus.IN_COUNCIL: _("đưa vào chương trình họp Hội đồng"),
    NominationStatus.DECIDED: _("ban hành quyết định khen thưởng"),
}
SYSTEM_REJUDGE_REASON = _("Hệ thống kiểm tra lại điều kiện")
VERDICT_CHANGED = "verdict_changed"


def _reasons_key(reasons) -> list[tuple]:
    return [(item.get("code"), item.get("message"), item.get("basis", "")) for item in reasons or []]


def _rejudge(
    nominations: list[Nomination], *, cause: str, by=None, system: bool = True
) -> list[VerdictChange]:
    """Judge ``nominations`` again and store the verdicts, in a constant number of queries.

    Every verdict gets its new time and facts; a changed verdict also gets a history row (by the
    system, or by ``by`` when ``system`` is False) and, when its status changed, a VerdictChange.
    Changes after submission are told to the office and the unit's heads after the commit.
    """
    if not nominations:
        return []
    judged = verdicts.judge(nominations)
    now = timezone.now()
    changed, changes, refreshed = [], [], []
    for nomination, item in zip(nominations, judged, strict=True):
        old_status, old_reasons = nomination.eligibility, nomination.eligibility_reasons
        old_facts, old_rule_set = nomination.eligibility_facts or {}, nomination.rule_set_id
        _apply(nomination, item, now)
        same_verdict = (
            old_status == nomination.eligibility
            and old_rule_set == nomination.rule_set_id
            and _reasons_key(old_reasons) == _reasons_key(item.reasons)
        )
        if same_verdict:
            if old_facts != item.facts:
                refreshed.append(nomination)  # the same verdict, from other facts
            continue
        changed.append(nomination)
        if old_status and old_status != nomination.eligibility:  # a first verdict is no change
            changes.append(
                VerdictChange(
                    nomination=nomination,
                    old_eligibility=old_status or "",
                    new_eligibility=nomination.eligibility,
                    old_reasons=old_reasons or [],
                    new_reasons=item.reasons,
                    cause=(cause or "")[:500],
                    status=nomination.status,
                    after_submission=nomination.status not in NOMINATION_EDITABLE,
                    by=by if getattr(by, "pk", None) else None,
                )
            )
    # The changes first: their time is the lapse time the nomination keeps (``_note_lapse``).
    VerdictChange.objects.bulk_create(changes)
    lapse_fields = _note_lapse(changes)
    # The time of every verdict in one statement; then only what differs (a bulk update writes a
    # CASE per field and row, and building it is most of its cost).
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(eligibility_checked_at=now)
    if refreshed:
        Nomination.objects.bulk_update(refreshed, ["eligibility_facts"], batch_size=500)
    if changed:
        fields = [name for name in ELIGIBILITY_FIELDS if name != "eligibility_checked_at"]
        Nomination.objects.bulk_update(changed, fields + lapse_fields, batch_size=500)
        reason = str(SYSTEM_REJUDGE_REASON) if system else str(_("Kiểm tra lại điều kiện"))
        if cause:
            reason = f"{reason}: {cause}"
        Nomination.history.bulk_history_create(
            changed,
            update=True,
            default_user=None if system or not getattr(by, "pk", None) else by,
            default_change_reason=reason[:100],
            default_date=now,
            batch_size=500,
        )
    told = [change.pk for change in changes if change.after_submission]
    if told:
        transaction.on_commit(partial(_notify_verdict_changes, told))
    return changes


def _note_lapse(changes: list[VerdictChange]) -> list[str]:
    """Keep on each nomination what the lapsed-verdict mark reads of its changes after submission
    (``Nomination.eligibility_when_sent``, ``not_eligible_since``): the verdict before the first
    change of one sent before events were kept, and the time of a change to "not eligible".
    Returns the fields set, for the bulk update of the changed nominations."""
    fields = set()
    for change in changes:
        if not change.after_submission:
            continue
        nomination = change.nomination
        if nomination.eligibility_when_sent is None:
            nomination.eligibility_when_sent = change.old_eligibility
            fields.add("eligibility_when_sent")
        if change.new_eligibility == EligibilityStatus.NOT_ELIGIBLE:
            nomination.not_eligible_since = change.at
            fields.add("not_eligible_since")
    return sorted(fields)


def _readers(person_ids: set[int], unit_ids: set[int], award_type_ids: set[int] | None, years) -> Q:
    """Which open nominations read the facts of these people and units.

    Their own, of the facts' first year and after (consecutive years, earlier awards). Of the
    facts' years only: every collective at or above their units, when the facts are evaluations
    or titles a collective counts among its members (its sub-units' staff included); and, when
    the facts are base titles of a quota (or the units themselves changed), the nominations
    competing in the quota's scope: the proposing unit's, or the whole department's."""
    from units.models import Person, Unit

    own = Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)
    if years is not None:
        own &= Q(year__gte=min(years))
    rules = list(
        AwardRule.objects.filter(rule_set__active=True).values_list(
            "award_type_id",
            "share_title_id",
            "member_required_title_id",
            "quota_base_title_id",
            "quota_scope",
        )
    )
    member_titles = {t for _a, share, required, _q, _s in rules for t in (share, required) if t}
    quota_titles = {base for _a, _sh, _r, base, _s in rules if base}
    collectives = award_type_ids is None or bool(award_type_ids & member_titles)
    quotas = bool(unit_ids) if award_type_ids is None else bool(award_type_ids & quota_titles)
    if not (collectives or quotas):
        return own
    homes = (
        set(Person.objects.filter(pk__in=person_ids).values_list("unit_id", flat=True))
        if person_ids
        else set()
    )
    homes = (homes | unit_ids) - {None}
    parents = dict(Unit.objects.values_list("pk", "parent_id")) if homes else {}
    above = set()
    for unit_id in homes:
        while unit_id is not None and unit_id not in above:
            above.add(unit_id)
            unit_id = parents.get(unit_id)
    dependents = Q(pk__in=[])
    if collectives:
        dependents |= Q(unit_id__in=above)
    if quotas:
        unit_quota = {a for a, _sh, _r, base, scope in rules if base and scope == QuotaScope.UNIT}
        agency_quota = {a for a, _sh, _r, base, scope in rules if base and scope != QuotaScope.UNIT}
        dependents |= Q(award_type_id__in=unit_quota) & (
            Q(person__unit_id__in=homes) | Q(proposing_unit_id__in=above)
        )
        dependents |= Q(award_type_id__in=agency_quota)
    if years is not None:
        dependents &= Q(year__in=list(years))
    return own | dependents


@transaction.atomic
def nominations_rejudge(
    *,
    person_ids: Iterable[int] = (),
    unit_ids: Iterable[int] = (),
    years: Iterable[int] | None = None,
    award_type_ids: Iterable[int] | None = None,
    everyone: bool = False,
    cause: str = "",
    by=None,
) -> list[VerdictChange]:
    """Judge again every open (not final) nomination that reads the facts of these people and
    units (``_readers``): ``years`` are the years of the changed facts (None: any year),
    ``award_type_ids`` the awards of the changed award records (None when evaluations,
    initiatives or the units themselves changed); ``everyone`` drops the people and units filter
    (a rule set changed). Returns the verdicts that changed.

    A constant number of queries, whatever the number of nominations."""
    person_ids = {pk for pk in person_ids if pk}
    unit_ids = {pk for pk in unit_ids if pk}
    years = None if years is None else {y for y in years if y is not None} or None
    award_type_ids = None if award_type_ids is None else {pk for pk in award_type_ids if pk}
    if not everyone and not person_ids and not unit_ids:
        return []
    open_nominations = Nomination.objects.exclude(status__in=NOMINATION_FINAL).select_related("person")
    if everyone:
        if years is not None:
            open_nominations = open_nominations.filter(year__gte=min(years))
    else:
        open_nominations = open_nominations.filter(_readers(person_ids, unit_ids, award_type_ids, years))
    nominations = list(open_nominations.order_by("pk").select_for_update(of=("self",)))
    return _rejudge(nominations, cause=cause, by=by)


def nominations_rejudge_touched(states: Iterable[dict], *, cause: str, by=None) -> list[VerdictChange]:
    """Rows that are facts of the eligibility check were saved or deleted: ``states`` says, for
    each row before and after, whose facts they are (``person_ids``, ``unit_ids``), of which
    ``year``, for an award record its ``award_type_id``, or ``everyone`` (a rule changed). The open
    nominations that read them are judged again (``nominations_rejudge``)."""
    states = [state for state in states if state]
    people, units, years, everyone = set(), set(), set(), False
    for state in states:
        people |= set(state.get("person_ids", ()))
        units |= set(state.get("unit_ids", ()))
        if state.get("year") is not None:
            years.add(state["year"])
        everyone = everyone or state.get("everyone", False)
    if not (people or units or everyone):
        return []
    # The awards of changed award records; None when other facts changed (evaluations...).
    kinds = [state.get("award_type_id") for state in states]
    awards = None if any(kind is None for kind in kinds) else set(kinds)
    return nominations_rejudge(
        person_ids=people,
        unit_ids=units,
        years=years or None,
        award_type_ids=awards,
        everyone=everyone,
        cause=cause,
        by=by,
    )


def rejudge_after_reorganisation(sender, *, unit_ids=(), effective=None, **kwargs) -> None:
    """Receiver of ``units.signals.unit_reorganised``: the units touched were merged, split,
    renamed or moved; their open nominations are judged again in the recording transaction."""
    from units.models import Person

    when = date_format(effective, "SHORT_DATE_FORMAT") if effective else ""
    unit_ids = set(unit_ids)
    nominations_rejudge(
        person_ids=set(Person.objects.filter(unit_id__in=unit_ids).values_list("pk", flat=True)),
        unit_ids=unit_ids,
        cause=_("Tổ chức lại đơn vị (hiệu lực %(date)s)") % {"date": when}
        if when
        else _("Tổ chức lại đơn vị"),
        by=kwargs.get("by"),
    )


def _verdict_label(status: str) -> str:
    return str(EligibilityStatus(status).label) if status else str(_("chưa kiểm tra"))


def _eligibility_at_submission(nominations: list[Nomination]) -> dict[int, str]:
    """The verdict each nomination had when it was last sent (its SUBMITTED event); for one sent
    without an event, the verdict before its first change after submission."""
    ids = [n.pk for n in nominations]
    found: dict[int, str] = {}
    for nomination_id, value in (
        NominationEvent.objects.filter(nomination_id__in=ids, to_status=NominationStatus.SUBMITTED)
        .order_by("at", "pk")
        .values_list("nomination_id", "eligibility")
    ):
        found[nomination_id] = value
    missing = [pk for pk in ids if pk not in found]
    if missing:
        for nomination_id, value in (
            VerdictChange.objects.filter(nomination_id__in=missing, after_submission=True)
            .order_by("-at", "-pk")
            .values_list("nomination_id", "old_eligibility")
        ):
            found[nomination_id] = value  # the earliest wins (rows come newest first)
    return found


def nominations_recheck_for_step(nominations, *, to: str, by) -> None:
    """Before verification, the council's agenda or a decision: judge the nominations again
    (verdicts stored) and refuse, naming each and its reasons, those whose verdict became
    "not eligible" since they were sent. A constant number of queries."""
    nominations = list(nominations)
    before = {n.pk: n.eligibility for n in nominations}
    step = RECHECKED_STEPS[NominationStatus(to)]
    _rejudge(nominations, cause=_("Kiểm tra trước khi %(step)s") % {"step": step}, by=by)
    at_submission = _eligibility_at_submission(nominations)
    problems = []
    for nomination in nominations:
        if nomination.eligibility != EligibilityStatus.NOT_ELIGIBLE:
            continue
        was = at_submission.get(nomination.pk, before[nomination.pk])
        if was not in (EligibilityStatus.ELIGIBLE, EligibilityStatus.FLAGGED):
            continue  # sent already failing (or never judged): the office decides, as before
        failing = [r for r in nomination.eligibility_reasons if r.get("severity") == eligibility.FAIL]
        problems.append(
            _(
                "Không thể %(step)s đề nghị %(nominee)s — %(award)s năm %(year)s: kết quả kiểm tra "
                "điều kiện đã chuyển từ “%(old)s” sang “%(new)s” sau khi gửi. Lý do: %(reasons)s."
            )
            % {
                "step": step,
                "nominee": nomination.nominee_name,
                "award": nomination.award_type.name,
                "year": nomination.year,
                "old": _verdict_label(was),
                "new": _verdict_label(nomination.eligibility),
                "reasons": "; ".join(verdicts.reason_line(item) for item in failing),
            }
        )
    if problems:
        raise Refused(problems)


def _notify_verdict_changes(change_ids: list[int]) -> None:
    """After the commit: each changed verdict of a sent nomination, once to each office member
    and head of the proposing unit (bell and e-mail)."""
    changes = list(
        VerdictChange.objects.select_related(
            "nomination", "nomination__person", "nomination__unit", "nomination__award_type", "by"
        ).filter(pk__in=change_ids)
    )
    office = list(office_staff())
    for change in changes:
        nomination = change.nomination
        recipients = {user.pk: user for user in [*office, *heads_of_unit(nomination.proposing_unit_id)]}
        if not recipients:
            continue
        title = _(
            "Kết quả kiểm tra điều kiện thay đổi: %(nominee)s — %(award)s năm %(year)s: %(old)s → %(new)s"
        ) % {
            "nominee": nomination.nominee_name,
            "award": nomination.award_type.name,
            "year": nomination.year,
            "old": _verdict_label(change.old_eligibility),
            "new": _verdict_label(change.new_eligibility),
        }
        lines = []
        if change.cause:
            lines.append(_("Nguyên nhân: %(cause)s") % {"cause": change.cause})
        reasons = [verdicts.reason_line(item) for item in change.new_reasons]
        if reasons:
            lines.append(_("Lý do:"))
            lines.extend(f"- {line}" for line in reasons)
        notify(
            VERDICT_CHANGED,
            to=list(recipients.values()),
            title=title,
            body="\n".join(str(line) for line in lines),
            url=nomination.get_absolute_url() + "#verdict-changes",
            source=f"awards.VerdictChange:{change.pk}",
            by=change.by,
        )


# ---------------------------------------------------------------------------
# The award history and the evaluations: records issued, revoked, corrected, imported
# ---------------------------------------------------------------------------
def _stamped_save(item, *, by, change_reason: str = "") -> None:
    """Save with the history entry naming ``by`` (a task or command has no request to take it from)."""
    if by is not None:
        item._history_user = by
    if change_reason:
        item._change_reason = change_reason
    item.save()


def _saved_as_named(item, prefix: str, *, by, change_reason: str):
    """``item`` saved with its person or unit as named, titled and placed on that day
    (``subject_snapshot``, kept in ``<prefix>_name``, ``<prefix>_position`` and
    ``<prefix>_unit_name``): a later rename, move or promotion leaves it as written."""
    name, position, unit_name = subject_snapshot(item.person, item.unit)
    setattr(item, f"{prefix}_name", name)
    setattr(item, f"{prefix}_position", position)
    setattr(item, f"{prefix}_unit_name", unit_name)
    _stamped_save(item, by=by, change_reason=change_reason)
    return item


def award_record_issue(
    *,
    award_type,
    name_as_issued: str,
    year: int,
    achievement_kind: str,
    source: str,
    person=None,
    unit=None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    authority: str = "",
    nomination: Nomination | None = None,
    by=None,
    change_reason: str = "",
) -> AwardRecord:
    """An award enters the history with its recipient as named, titled and placed on that day
    (``subject_snapshot``): a later rename, move or promotion leaves the record as issued.
    The caller judges again the nominations that read it (``award_records_rejudge``)."""
    record = AwardRecord(
        person=person,
        unit=unit,
        award_type=award_type,
        name_as_issued=name_as_issued,
        year=year,
        achievement_kind=achievement_kind,
        decision_number=decision_number,
        decision_date=decision_date,
        authority=authority,
        source=source,
        nomination=nomination,
    )
    return _saved_as_named(record, "recipient", by=by, change_reason=change_reason)


def award_record_revoke(record: AwardRecord, *, reference: str, on: datetime.date, by=None) -> None:
    """The record is kept, marked revoked by the later decision ``reference`` (Decree
    30/2020/NĐ-CP: an issued decision is annulled only by another document)."""
    record.revoked = True
    record.revoking_decision = reference
    record.revoked_on = on
    if by is not None:
        record._history_user = by
    record.save(update_fields=["revoked", "revoking_decision", "revoked_on", "updated_at"])


def award_record_correct(
    record: AwardRecord, *, changes: dict, reference: str, on: datetime.date, by=None
) -> AwardRecord:
    """A corrected copy of the record with ``changes`` applied is written as issued; the old one is
    kept, marked superseded by ``reference``. Returns the copy."""
    new = AwardRecord.objects.get(pk=record.pk)
    new.pk = None
    new.id = None
    new._state.adding = True
    for name, value in changes.items():
        setattr(new, name, value)
    new.source = RecordSource.ISSUED
    _stamped_save(new, by=by)
    award_record_revoke(record, reference=reference, on=on, by=by)
    return new


def award_records_rejudge(records: Iterable[AwardRecord], *, cause: str, by) -> None:
    """Awards were granted, corrected or revoked: the open nominations that read them are judged
    again in the same transaction (``nominations_rejudge``)."""
    records = list(records)
    if not records:
        return
    nominations_rejudge(
        person_ids={r.person_id for r in records},
        unit_ids={r.unit_id for r in records},
        years={r.year for r in records},
        award_type_ids={r.award_type_id for r in records},
        cause=cause,
        by=by,
    )


def evaluation_add(
    *,
    year: int,
    level: str,
    source: str,
    person=None,
    unit=None,
    points=None,
    decided_by: str = "",
    decided_on: datetime.date | None = None,
    by=None,
    change_reason: str = "",
) -> Evaluation:
    """A yearly evaluation with its subject as named, titled and placed on that day."""
    evaluation = Evaluation(
        person=person,
        unit=unit,
        year=year,
        level=level,
        points=points,
        decided_by=decided_by,
        decided_on=decided_on,
        source=source,
    )
    return _saved_as_named(evaluation, "subject", by=by, change_reason=change_reason)
