"""Writes. Views, admin, tasks and commands call these; they never change state themselves."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from catalog.enums import FOR_COLLECTIVES, FOR_INDIVIDUALS
from notifications.providers import office_staff
from notifications.services import notify, run_after_commit
from units.documents import issued_document_store
from units.enums import IssuedKind
from units.models import Agency, Unit, User
from units.refusals import Conflict, Refused
from units.rules import is_office_staff, is_unit_head_of
from units.selectors import heads_of_unit
from units.uploads import validate_document_file

from .enums import (
    CAMPAIGN_TRANSITIONS,
    OFFICE,
    REASON_REQUIRED,
    REGISTRATION_EDITABLE,
    REGISTRATION_TRANSITIONS,
    UNIT,
    CampaignStatus,
    RegistrationStatus,
)
from .models import (
    Campaign,
    CriteriaSet,
    Criterion,
    Registration,
    RegistrationCollectiveLine,
    RegistrationEvent,
    RegistrationIndividualLine,
    RegistrationRound,
    UnitScore,
)


def _may(role: str, user, obj) -> bool:
    if role == OFFICE:
        return is_office_staff(user)
    if role == UNIT:
        return is_office_staff(user) or is_unit_head_of(user, obj)
    return False


# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------
# The recipients of a launching plan, as the seed plans write them (Decree 30/2020/NĐ-CP, Article 15).
LAUNCH_RECIPIENTS = ["Ban Giám đốc Sở;", "Các phòng chuyên môn Sở;", "Các đơn vị trực thuộc;", "Lưu: VT, VP."]


def campaign_defaults() -> dict:
    """A new campaign's header, signer and recipients, from the agency's settings."""
    values = Agency.load().heading_defaults()
    values["recipients"] = list(LAUNCH_RECIPIENTS)  # document text: always Vietnamese
    return values


@transaction.atomic
def campaign_save(form, item_formset, duty_formset, *, by) -> Campaign:
    """Save a campaign with its content items and duties (forms already validated), in form order."""
    campaign = form.save(commit=False)
    if campaign.pk is None:
        campaign.created_by = by
    campaign.save()
    form.save_m2m()
    for formset in (item_formset, duty_formset):
        formset.instance = campaign
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        position = 0
        for child in formset.forms:
            obj = child.instance
            if child in formset.deleted_forms or (obj.pk is None and not child.has_changed()):
                continue
            position += 10
            if child.has_changed() or obj.order != position or obj.pk is None:
                obj.campaign = campaign
                obj.order = position
                obj.save()
    return campaign


@transaction.atomic
def campaign_transition(campaign: Campaign, *, to: str, by) -> bool:
    """Move a campaign along its lifecycle. False when it is already there ("already done")."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status == to:
        campaign.status = locked.status
        return False
    move = (locked.status, to)
    role = CAMPAIGN_TRANSITIONS.get(move)
    if role is None:
        raise Refused(
            _("Không thể chuyển phong trào từ “%(src)s” sang “%(dst)s”.")
            % {"src": CampaignStatus(locked.status).label, "dst": CampaignStatus(to).label}
        )
    if not _may(role, by, locked):
        raise Refused(_("Chỉ Thường trực TĐKT được chuyển trạng thái phong trào."))
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    if to == CampaignStatus.LAUNCHED and not locked.plan_id:
        # Launched by the plan drafted here: kept as issued. A campaign launched by a plan of the
        # plans register, or by a letter kept outside, has its document stored there.
        issued_document_store(
            locked,
            kind=IssuedKind.CAMPAIGN,
            number_label=locked.document_number.strip(),
            issued_on=locked.document_date or timezone.localdate(),
            subject=locked.name,
            by=by,
        )
    campaign.status = to
    return True


# ---------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------
def registration_open(round_: RegistrationRound, unit: Unit, *, by) -> tuple[Registration, bool]:
    """The unit's registration in the round, created as a draft the first time."""
    if not (is_office_staff(by) or is_unit_head_of(by, unit)):
        raise Refused(_("Bạn chỉ được đăng ký thi đua cho đơn vị của mình."))
    return Registration.objects.get_or_create(round=round_, unit=unit, defaults={"created_by": by})


@dataclass
class IndividualLine:
    person: object
    award_type: object
    note: str = ""


@dataclass
class CollectiveLine:
    unit: object
    award_type: object
    note: str = ""


def _check_lines(registration, individual_lines, collective_lines):
    """The rules the forms also check, repeated here so no caller can skip them."""
    scope = registration.unit.subtree_ids()
    errors = []
    seen = set()
    for line in individual_lines:
        person = line.person
        if person.unit_id not in scope:
            errors.append(_("%(name)s không thuộc %(unit)s.") % {"name": person, "unit": registration.unit})
        elif not person.active:
            errors.append(_("%(name)s đã nghỉ công tác, không thể đăng ký.") % {"name": person})
        if line.award_type.subject not in FOR_INDIVIDUALS:
            errors.append(_("“%(award)s” không áp dụng cho cá nhân.") % {"award": line.award_type.name})
        if person.pk in seen:
            errors.append(_("%(name)s được đăng ký hai lần.") % {"name": person})
        seen.add(person.pk)
    seen = set()
    for line in collective_lines:
        if line.unit.pk not in scope:
            errors.append(_("%(unit)s không thuộc đơn vị đăng ký.") % {"unit": line.unit})
        if line.award_type.subject not in FOR_COLLECTIVES:
            errors.append(_("“%(award)s” không áp dụng cho tập thể.") % {"award": line.award_type.name})
        key = (line.unit.pk, line.award_type.pk)
        if key in seen:
            errors.append(
                _("%(unit)s đăng ký “%(award)s” hai lần.")
                % {"unit": line.unit, "award": line.award_type.name}
            )
        seen.add(key)
    if errors:
        raise Refused(errors)


@transaction.atomic
def registration_save(
    registration: Registration,
    *,
    commitments: str,
    individual_lines: list[IndividualLine],
    collective_lines: list[CollectiveLine],
    by,
    seen_updated_at: datetime.datetime | None = None,
) -> Registration:
    """Replace the registration's content; refuse a locked one or one changed by someone else."""
    locked = (
        Registration.objects.select_for_update(of=("self",)).select_related("unit").get(pk=registration.pk)
    )
    if not (is_office_staff(by) or is_unit_head_of(by, locked)):
        raise Refused(_("Bạn chỉ được sửa bản đăng ký của đơn vị mình."))
    if locked.status not in REGISTRATION_EDITABLE:
        raise Refused(
            _(
                "Bản đăng ký đang ở trạng thái “%(status)s” nên không sửa được. "
                "Đề nghị Thường trực TĐKT mở lại."
            )
            % {"status": RegistrationStatus(locked.status).label}
        )
    if seen_updated_at is not None and seen_updated_at != locked.updated_at:
        raise Conflict(
            _(
                "Bản đăng ký vừa được người khác cập nhật (lúc %(at)s). Nội dung bạn nhập vẫn còn trên màn "
                "hình; hãy mở lại bản đăng ký trong thẻ khác để đối chiếu rồi nhập lại."
            )
            % {"at": date_format(timezone.localtime(locked.updated_at), "SHORT_DATETIME_FORMAT")}
        )
    _check_lines(locked, individual_lines, collective_lines)

    _sync_lines(
        locked.individual_lines.all(),
        {line.person.pk: line for line in individual_lines},
        key=lambda row: row.person_id,
        create=lambda line: RegistrationIndividualLine(
            registration=locked, person=line.person, award_type=line.award_type, note=line.note
        ),
    )
    _sync_lines(
        locked.collective_lines.all(),
        {(line.unit.pk, line.award_type.pk): line for line in collective_lines},
        key=lambda row: (row.unit_id, row.award_type_id),
        create=lambda line: RegistrationCollectiveLine(
            registration=locked, unit=line.unit, award_type=line.award_type, note=line.note
        ),
    )
    locked.commitments = commitments
    locked.save(update_fields=["commitments", "updated_at"])
    registration.refresh_from_db()
    return registration


def _sync_lines(existing, wanted: dict, *, key, create):
    """Delete, change and add lines so that history records only real changes."""
    for row in existing:
        line = wanted.pop(key(row), None)
        if line is None:
            row.delete()
            continue
        if row.award_type_id != line.award_type.pk or row.note != line.note:
            row.award_type = line.award_type
            row.note = line.note
            row.save()
    for line in wanted.values():
        create(line).save()


@transaction.atomic
def registration_add_all_staff(registration: Registration, *, award_type, by) -> int:
    """Add a line with the given title for every active staff member not registered yet."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if not (is_office_staff(by) or is_unit_head_of(by, locked)):
        raise Refused(_("Bạn chỉ được sửa bản đăng ký của đơn vị mình."))
    if locked.status not in REGISTRATION_EDITABLE:
        raise Refused(_("Bản đăng ký đã khóa, không thêm được cán bộ."))
    if award_type.subject not in FOR_INDIVIDUALS:
        raise Refused(_("“%(award)s” không áp dụng cho cá nhân.") % {"award": award_type.name})
    taken = set(locked.individual_lines.values_list("person_id", flat=True))
    added = 0
    for person in locked.staff_queryset().exclude(pk__in=taken):
        RegistrationIndividualLine(registration=locked, person=person, award_type=award_type).save()
        added += 1
    locked.save(update_fields=["updated_at"])
    return added


@transaction.atomic
def registration_transition(registration: Registration, *, to: str, by, reason: str = "") -> bool:
    """Move a registration through its workflow (REGISTRATION_TRANSITIONS).

    Returns False when the registration is already in ``to`` (a repeated click: "already done").
    Lateness is judged at the first submission; a resubmission after a return is never refused,
    since the office asked for it.
    """
    locked = (
        Registration.objects.select_for_update(of=("self",)).select_related("round").get(pk=registration.pk)
    )
    if locked.status == to:
        registration.refresh_from_db()
        return False
    move = (locked.status, to)
    role = REGISTRATION_TRANSITIONS.get(move)
    if role is None:
        raise Refused(
            _("Không thể chuyển bản đăng ký từ “%(src)s” sang “%(dst)s”.")
            % {"src": RegistrationStatus(locked.status).label, "dst": RegistrationStatus(to).label}
        )
    if not _may(role, by, locked):
        if role == OFFICE:
            raise Refused(_("Chỉ Thường trực TĐKT được thực hiện thao tác này."))
        raise Refused(_("Bạn chỉ được gửi bản đăng ký của đơn vị mình."))
    reason = (reason or "").strip()
    if move in REASON_REQUIRED and not reason:
        raise Refused(_("Vui lòng ghi lý do để đơn vị biết cần sửa gì."))

    now = timezone.now()
    fields = ["status", "updated_at"]
    late = False
    if to == RegistrationStatus.SUBMITTED:
        if not locked.individual_lines.exists() and not locked.collective_lines.exists():
            raise Refused(_("Bản đăng ký chưa có tập thể hay cá nhân nào; hãy thêm trước khi gửi."))
        if locked.first_submitted_at is None:
            if locked.round.is_past_deadline(now):
                if locked.round.refuses_late:
                    raise Refused(
                        _("Đã quá hạn đăng ký (%(date)s); đợt đăng ký này không nhận bản nộp sau hạn.")
                        % {"date": date_format(locked.round.deadline, "SHORT_DATE_FORMAT")}
                    )
                late = True
                locked.is_late = True
                fields.append("is_late")
            locked.first_submitted_at = now
            fields.append("first_submitted_at")
        locked.submitted_at = now
        fields.append("submitted_at")
    else:
        locked.decided_at = now
        locked.decided_by = by
        fields += ["decided_at", "decided_by"]
        if to == RegistrationStatus.RETURNED or move in REASON_REQUIRED:
            locked.return_reason = reason
            fields.append("return_reason")
    from_status = locked.status
    locked.status = to
    locked.save(update_fields=fields)
    RegistrationEvent.objects.create(
        registration=locked, from_status=from_status, to_status=to, by=by, reason=reason, late=late
    )
    run_after_commit(
        registration_transition_notify,
        locked.pk,
        from_status=from_status,
        to=to,
        by_id=getattr(by, "pk", None),
        reason=reason,
        late=late,
    )
    registration.refresh_from_db()
    return True


# Notification kinds of the registration workflow (mail templates emails/<kind>.txt|html, else default).
REGISTRATION_SUBMITTED = "registration_submitted"
REGISTRATION_RETURNED = "registration_returned"
REGISTRATION_ACCEPTED = "registration_accepted"
REGISTRATION_REOPENED = "registration_reopened"


def registration_transition_notify(
    registration_id: int,
    *,
    from_status: str,
    to: str,
    by_id: int | None,
    reason: str = "",
    late: bool = False,
) -> list:
    """Tell the other side what just happened to a registration (run after the commit).

    submitted -> the office staff; returned, accepted, reopened -> the heads of the unit. The
    person who made the move is not told about it. One notification (and mail) per recipient.
    """
    registration = Registration.objects.select_related("unit", "round").filter(pk=registration_id).first()
    if registration is None:
        return []
    unit, round_ = registration.unit, registration.round
    values = {"unit": unit.name, "round": round_.name}
    body_lines = [_("Đợt đăng ký: %(round)s.") % values]
    if to == RegistrationStatus.SUBMITTED:
        kind = REGISTRATION_SUBMITTED
        recipients = office_staff()
        if from_status == RegistrationStatus.RETURNED:
            title = _("Đơn vị %(unit)s đã gửi lại đăng ký thi đua") % values
        else:
            title = _("Đơn vị %(unit)s đã gửi đăng ký thi đua") % values
        if late:
            body_lines.append(
                _("Bản đăng ký được gửi sau hạn %(date)s (nộp muộn).")
                % {"date": date_format(round_.deadline, "SHORT_DATE_FORMAT")}
            )
        body_lines.append(_("Đề nghị Thường trực TĐKT xem xét, chấp nhận hoặc trả lại."))
    elif to == RegistrationStatus.ACCEPTED:
        kind = REGISTRATION_ACCEPTED
        recipients = heads_of_unit(unit.pk)
        title = _("Bản đăng ký thi đua của %(unit)s đã được chấp nhận") % values
    elif from_status == RegistrationStatus.ACCEPTED:
        kind = REGISTRATION_REOPENED
        recipients = heads_of_unit(unit.pk)
        title = _("Bản đăng ký thi đua của %(unit)s đã được mở lại để sửa") % values
        body_lines.append(_("Lý do: %(reason)s") % {"reason": reason})
    elif to == RegistrationStatus.RETURNED:
        kind = REGISTRATION_RETURNED
        recipients = heads_of_unit(unit.pk)
        title = _("Bản đăng ký thi đua của %(unit)s bị trả lại") % values
        body_lines.append(_("Lý do: %(reason)s") % {"reason": reason})
        body_lines.append(_("Đề nghị đơn vị sửa theo ý kiến trên rồi gửi lại."))
    else:
        return []
    recipients = [user for user in recipients if user.pk != by_id]
    if not recipients:
        return []
    by = User.objects.filter(pk=by_id).first() if by_id else None
    with transaction.atomic():
        return notify(
            kind,
            to=recipients,
            title=title,
            body="\n".join(str(line) for line in body_lines),
            url=registration.get_absolute_url(),
            source=f"campaigns.Registration:{registration.pk}",
            by=by,
        )


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------
_CODE = re.compile(r"^[0-9A-Za-zÀ-ỹ]+(\.[0-9A-Za-zÀ-ỹ]+)*$")


@dataclass
class CriterionRow:
    code: str
    title: str
    max_points: Decimal
    guidance: str = ""


@transaction.atomic
def criteria_set_save(criteria_set: CriteriaSet, rows: list[CriterionRow], *, by) -> CriteriaSet:
    """Save the set and replace its criteria; the hierarchy follows the dotted codes (1, 1.1, 1.2)."""
    if not is_office_staff(by):
        raise Refused(_("Chỉ Thường trực TĐKT được sửa bảng tiêu chí."))
    errors = []
    codes = [row.code.strip() for row in rows]
    for code in codes:
        if not _CODE.match(code):
            errors.append(_("Mã “%(code)s” không hợp lệ; dùng dạng 1, 1.1, 1.2.") % {"code": code})
        elif "." in code and code.rsplit(".", 1)[0] not in codes:
            errors.append(
                _("Tiêu chí “%(code)s” thiếu tiêu chí cha “%(parent)s”.")
                % {"code": code, "parent": code.rsplit(".", 1)[0]}
            )
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        errors.append(_("Mã tiêu chí bị trùng: %(codes)s.") % {"codes": ", ".join(duplicates)})
    if errors:
        raise Refused(errors)
    criteria_set.save()
    existing = {c.code: c for c in criteria_set.criteria.all()}
    by_code = {}
    for index, row in enumerate(rows, start=1):
        code = row.code.strip()
        criterion = existing.pop(code, None) or Criterion(criteria_set=criteria_set, code=code)
        criterion.title = row.title
        criterion.max_points = row.max_points
        criterion.guidance = row.guidance
        criterion.order = index * 10
        criterion.parent = by_code.get(code.rsplit(".", 1)[0]) if "." in code else None
        criterion.save()
        by_code[code] = criterion
    for leftover in existing.values():
        if leftover.scores.exclude(self_score=None, assessed_score=None).exists():
            raise Refused(
                _("Không xóa được tiêu chí “%(code)s” vì đã có đơn vị chấm điểm.") % {"code": leftover.code}
            )
        leftover.delete()
    return criteria_set


def _check_score(criterion, value, field_label):
    if value is None:
        return
    if value < 0:
        raise Refused(
            _("%(field)s của tiêu chí %(code)s không được âm.")
            % {"field": field_label, "code": criterion.code}
        )
    if value > criterion.max_points:
        raise Refused(
            _("%(field)s của tiêu chí %(code)s vượt quá điểm tối đa (%(max)s).")
            % {"field": field_label, "code": criterion.code, "max": criterion.max_points}
        )


@transaction.atomic
def unit_scores_self_save(criteria_set: CriteriaSet, unit: Unit, entries: dict, *, by) -> int:
    """Save a unit's own scores. ``entries``: criterion id -> {"score", "note", "file"?}."""
    if not (is_office_staff(by) or (is_unit_head_of(by, unit) and unit.pk in criteria_set.scored_unit_ids())):
        raise Refused(_("Bạn chỉ được tự chấm điểm cho đơn vị của mình."))
    leaves = {c.pk: c for c in criteria_set.criteria.filter(children__isnull=True)}
    changed = 0
    for criterion_id, entry in entries.items():
        criterion = leaves.get(int(criterion_id))
        if criterion is None:
            continue
        _check_score(criterion, entry.get("score"), _("Điểm tự chấm"))
        score, _created = UnitScore.objects.select_for_update().get_or_create(criterion=criterion, unit=unit)
        new_file = entry.get("file")
        if (
            score.self_score == entry.get("score")
            and score.evidence_note == entry.get("note", "")
            and not new_file
        ):
            continue
        score.self_score = entry.get("score")
        score.evidence_note = entry.get("note", "")
        if new_file:
            try:
                validate_document_file(new_file)
            except ValidationError as exc:
                raise Refused(exc.messages) from exc
            score.evidence_file = new_file
        score.self_by = by
        score.save()
        changed += 1
    return changed


@transaction.atomic
def unit_scores_assess(criteria_set: CriteriaSet, unit: Unit, entries: dict, *, by) -> int:
    """Save the office's assessed scores. ``entries``: criterion id -> {"score", "note"}."""
    if not is_office_staff(by):
        raise Refused(_("Chỉ Thường trực TĐKT được chấm điểm thẩm định."))
    leaves = {c.pk: c for c in criteria_set.criteria.filter(children__isnull=True)}
    changed = 0
    for criterion_id, entry in entries.items():
        criterion = leaves.get(int(criterion_id))
        if criterion is None:
            continue
        _check_score(criterion, entry.get("score"), _("Điểm thẩm định"))
        score, _created = UnitScore.objects.select_for_update().get_or_create(criterion=criterion, unit=unit)
        if score.assessed_score == entry.get("score") and score.assessment_note == entry.get("note", ""):
            continue
        score.assessed_score = entry.get("score")
        score.assessment_note = entry.get("note", "")
        score.assessed_by = by
        score.save()
        changed += 1
    return changed
