"""Writes for plans. Views, admin and commands call these; nothing else changes a plan's rows.

Every save sets ``_change_reason`` (and the acting user) for django-simple-history.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.enums import Kind
from notifications.models import Notification
from notifications.services import local_today, notify
from units.concurrency import check_version
from units.documents import document_issue, issued_document_store
from units.enums import IssuedKind
from units.models import Agency, Unit
from units.numbering import document_number_issue, number_label
from units.refusals import Refused
from units.rules import is_office_staff
from units.selectors import unit_heads

from . import parsed as p
from .enums import (
    PLAN_EDITABLE,
    PLAN_TRACKED,
    PLAN_TRANSITIONS,
    UNIT_GROUP_KINDS,
    BlockKind,
    LetterStatus,
    PeriodKind,
    PlanKind,
    PlanStatus,
    Recurrence,
    SubmissionAudience,
    TaskStatus,
    UnitGroup,
)
from .import_phrases import unit_name_key
from .models import (
    KeyTarget,
    KeyTargetValue,
    Letter,
    Plan,
    PlanBlock,
    PlanTask,
    PlanTaskAssignment,
    SubmissionForward,
    SubmissionRequest,
    UnitSubmission,
    period_default_due,
    shift_year,
    validate_document_file,
)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _save(obj, *, by, reason: str, update_fields: Sequence[str] | None = None):
    obj._change_reason = reason
    if by is not None and getattr(by, "pk", None):
        obj._history_user = by
    if update_fields is not None:
        obj.save(
            update_fields=[*update_fields, "updated_at"] if hasattr(obj, "updated_at") else update_fields
        )
    else:
        obj.save()
    return obj


def _delete(obj, *, by, reason: str):
    obj._change_reason = reason
    if by is not None and getattr(by, "pk", None):
        obj._history_user = by
    obj.delete()


def not_editable_message(plan: Plan) -> str:
    return _("Kế hoạch đã %(status)s nên không thể sửa nội dung. Hãy tạo phiên bản mới nếu cần thay đổi.") % {
        "status": plan.get_status_display().lower()
    }


def _ensure_editable(plan: Plan):
    if plan.status not in PLAN_EDITABLE:
        raise Refused(not_editable_message(plan), code="not_editable")


def plan_defaults(*, symbol: str = "") -> dict:
    """Header lines, place, symbol and signer taken from the agency, for a new plan."""
    agency = Agency.load()
    symbol = symbol or f"KH-{agency.short_name}"
    if "HĐTĐKT" in symbol:
        authority, issuer = agency.name.upper(), _("HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG")
    else:
        authority, issuer = agency.governing_body.upper(), agency.name.upper()
    return {
        "symbol": symbol,
        "place": agency.place_name,
        "authority_line": authority,
        "issuer_line": issuer,
        "signer_name": agency.signer_name,
        "signer_position": agency.signer_position.upper(),
    }


def _next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("order"))["m"] or 0) + 1


# ---------------------------------------------------------------------------
# Plans: create, edit
# ---------------------------------------------------------------------------
@transaction.atomic
def plan_create(*, by, year: int, title: str, kind: str = PlanKind.ANNUAL, **fields) -> Plan:
    """A new draft; header lines, place, symbol and signer default from the agency."""
    values = plan_defaults(symbol=fields.pop("symbol", ""))
    values.update({k: v for k, v in fields.items() if v not in (None, "")})
    plan = Plan(year=year, title=title, kind=kind, created_by=by, **values)
    plan.full_clean()
    return _save(plan, by=by, reason="create")


@transaction.atomic
def plan_update(plan: Plan, *, by, fields: dict, seen_updated_at=None) -> Plan:
    """Change header fields of a draft."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    _ensure_editable(locked)
    check_version(locked, seen_updated_at)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    _save(locked, by=by, reason="edit")
    plan.refresh_from_db()
    return plan


@transaction.atomic
def plan_save_from_forms(plan_form, task_formset, target_formset, *, by, seen_updated_at=None) -> Plan:
    """Save the one-page editor (header, tasks, targets) as one change; refused on an issued plan.

    The forms must be valid. A conflict or a state change found under the row lock raises and
    rolls everything back, so nothing is half-saved.
    """
    plan = plan_form.instance
    creating = plan.pk is None
    if not creating:
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        _ensure_editable(locked)
        check_version(locked, seen_updated_at)
    plan = plan_form.save(commit=False)
    if creating:
        plan.created_by = by
    _save(plan, by=by, reason="create" if creating else "edit")

    task_formset.instance = plan
    tasks = task_formset.save(commit=False)
    for task in task_formset.deleted_objects:
        _delete(task, by=by, reason="delete")
    next_order = _next_order(plan.tasks.all())
    for task in tasks:
        task.plan = plan
        if task.due_date is None:
            task.due_date = task.default_due_date()
        if not task.order:
            task.order = next_order
            next_order += 1
        _save(task, by=by, reason="create" if task.pk is None else "edit")
    task_formset.save_m2m()

    target_formset.instance = plan
    target_formset.save(commit=False)
    for target in target_formset.deleted_objects:
        target.delete()
    next_order = _next_order(plan.targets.all())
    for form in target_formset.forms:
        if not form.has_changed() or form in target_formset.deleted_forms:
            continue
        target = form.instance
        target.plan = plan
        if not target.order:
            target.order = next_order
            next_order += 1
        target.save()
        target_values_replace(target, form.cleaned_data.get("values", []))
    return plan


# ---------------------------------------------------------------------------
# Plans: issue, archive (one transition service)
# ---------------------------------------------------------------------------
@transaction.atomic
def plan_transition(
    plan: Plan, *, to: str, by, reason: str = "", issue_date: datetime.date | None = None
) -> bool:
    """Move a plan along PLAN_TRANSITIONS. False when it is already there ("already done")."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status == to:
        plan.refresh_from_db()
        return False
    if (locked.status, to) not in PLAN_TRANSITIONS:
        raise Refused(
            _("Không thể chuyển kế hoạch từ “%(from)s” sang “%(to)s”.")
            % {"from": locked.get_status_display(), "to": PlanStatus(to).label},
            code="transition",
        )
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được thay đổi trạng thái kế hoạch."))
    fields = ["status"]
    if to == PlanStatus.ISSUED:
        day = issue_date or locked.issue_date or timezone.localdate()
        # The register numbers documents by the calendar year of issue (Decree 30/2020).
        locked.number = document_number_issue(symbol=locked.symbol, year=day.year, label=locked.title, by=by)
        locked.issue_date = day
        locked.issue_month = day.month  # the draft's month gives way to the real date
        locked.issued_by = by
        locked.issued_at = timezone.now()
        fields += ["number", "issue_date", "issue_month", "issued_by", "issued_at"]
    locked.status = to
    _save(locked, by=by, reason=reason or to, update_fields=fields)
    if to == PlanStatus.ISSUED:
        _plan_document_store(locked, by=by)
    if to == PlanStatus.ISSUED and locked.previous_version_id:
        previous = locked.previous_version
        if previous.status == PlanStatus.ISSUED:
            plan_transition(previous, to=PlanStatus.ARCHIVED, by=by, reason="replaced")
    plan.refresh_from_db()
    return True


def _plan_document_store(plan: Plan, *, by) -> None:
    """The issued plan kept as issued; a new version of an issued plan cites the one it replaces."""
    from units.documents import issued_document_for

    previous = (
        issued_document_for(plan.previous_version, kind=IssuedKind.PLAN) if plan.previous_version_id else None
    )
    issued_document_store(
        plan,
        kind=IssuedKind.PLAN,
        number=plan.number,
        number_label=number_label(plan.number, plan.symbol),
        issued_on=plan.issue_date,
        subject=plan.title,
        cites=previous,
        by=by,
    )


def plan_issue(plan: Plan, *, by, issue_date: datetime.date | None = None) -> bool:
    """Give the plan the next number of its symbol and make it read-only. False if already issued."""
    if plan.status == PlanStatus.ARCHIVED:
        return False
    return plan_transition(plan, to=PlanStatus.ISSUED, by=by, issue_date=issue_date)


def plan_archive(plan: Plan, *, by, reason: str = "") -> bool:
    return plan_transition(plan, to=PlanStatus.ARCHIVED, by=by, reason=reason or "archive")


# ---------------------------------------------------------------------------
# Plans: clone, new version
# ---------------------------------------------------------------------------
def _copy_plan(
    source: Plan, *, year: int, by, previous_version: Plan | None, reason: str, issue_month: int | None
) -> Plan:
    years = year - source.year
    title = source.title.replace(str(source.year), str(year)) if years else source.title
    plan = Plan(
        symbol=source.symbol,
        year=year,
        kind=source.kind,
        title=title,
        place=source.place,
        issue_date=None,
        issue_month=issue_month,
        period_start=shift_year(source.period_start, years),
        period_end=shift_year(source.period_end, years),
        authority_line=source.authority_line,
        issuer_line=source.issuer_line,
        legal_bases=list(source.legal_bases),
        recipients=list(source.recipients),
        signer_prefix=source.signer_prefix,
        signer_prefix_title=source.signer_prefix_title,
        signer_position=source.signer_position,
        signer_name=source.signer_name,
        previous_version=previous_version,
        created_by=by,
    )
    _save(plan, by=by, reason=reason)

    task_map = {}
    for task in source.tasks.prefetch_related("coordinating_units").order_by("order", "pk"):
        copy = PlanTask(
            plan=plan,
            order=task.order,
            period_kind=task.period_kind,
            period_value=task.period_value,
            start_date=shift_year(task.start_date, years),
            end_date=shift_year(task.end_date, years),
            content=task.content,
            lead_unit_id=task.lead_unit_id,
            due_date=shift_year(task.due_date, years),
        )
        _save(copy, by=by, reason=reason)
        copy.coordinating_units.set(task.coordinating_units.all())
        task_map[task.pk] = copy
    PlanBlock.objects.bulk_create(
        PlanBlock(
            plan=plan,
            order=block.order,
            kind=block.kind,
            level=block.level,
            numbering=block.numbering,
            text=block.text,
            rows=block.rows,
            marks=_copied_marks(block, task_map),
            task=task_map.get(block.task_id),
        )
        for block in source.blocks.order_by("order", "pk")
    )
    for target in source.targets.prefetch_related("values").order_by("order", "pk"):
        new_target = KeyTarget.objects.create(
            plan=plan,
            order=target.order,
            indicator=target.indicator,
            unit_of_measure=target.unit_of_measure,
            note=target.note,
        )
        KeyTargetValue.objects.bulk_create(
            KeyTargetValue(
                target=new_target,
                order=v.order,
                label=v.label,
                planned=v.planned,
                unit_of_measure=v.unit_of_measure,
            )
            for v in target.values.all()
        )
    return plan


@transaction.atomic
def plan_clone(plan: Plan, *, year: int, by) -> Plan:
    """A new draft for another year: body, tasks (dates shifted by the year difference), targets
    without actuals, legal bases, recipients, signer and the month of issue (not the day).
    Progress and submissions stay behind."""
    if not 2000 <= year <= 2100:
        raise Refused({"year": _("Năm kế hoạch không hợp lệ.")})
    # The month of issue is kept (a yearly plan goes out in the same month); the day never is.
    month = plan.issue_date.month if plan.issue_date else plan.issue_month
    return _copy_plan(plan, year=year, by=by, previous_version=None, reason="clone", issue_month=month)


@transaction.atomic
def plan_new_version(plan: Plan, *, by) -> Plan:
    """A draft replacing an issued plan, linked to it; issuing it archives the old one."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.ISSUED:
        raise Refused(_("Chỉ tạo phiên bản mới cho kế hoạch đã ban hành."), code="not_issued")
    existing = locked.next_versions.filter(status=PlanStatus.DRAFT).first()
    if existing is not None:
        return existing  # already done: one draft version at a time
    # When the new version will go out is not known yet: its date line stays blank.
    return _copy_plan(
        locked, year=locked.year, by=by, previous_version=locked, reason="new version", issue_month=None
    )


# ---------------------------------------------------------------------------
# Body blocks
# ---------------------------------------------------------------------------
def _locked_editable_plan(plan_id: int) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan_id)
    _ensure_editable(plan)
    return plan


def _renumber_blocks(plan: Plan):
    blocks = list(plan.blocks.order_by("order", "pk"))
    changed = []
    for index, block in enumerate(blocks, start=1):
        if block.order != index:
            block.order = index
            changed.append(block)
    PlanBlock.objects.bulk_update(changed, ["order"])
    return blocks


@transaction.atomic
def block_move(block: PlanBlock, *, by, direction: str) -> bool:
    """Swap a block with its neighbour ("up" or "down"). False at either end."""
    plan = _locked_editable_plan(block.plan_id)
    blocks = _renumber_blocks(plan)
    index = next(i for i, b in enumerate(blocks) if b.pk == block.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(blocks):
        return False
    first, second = blocks[index], blocks[other]
    first.order, second.order = second.order, first.order
    PlanBlock.objects.bulk_update([first, second], ["order"])
    return True


@transaction.atomic
def block_add(
    plan: Plan,
    *,
    by,
    kind: str = BlockKind.PARAGRAPH,
    text: str = "",
    level: int = 0,
    numbering: str = "",
    rows=None,
    task: PlanTask | None = None,
) -> PlanBlock:
    plan = _locked_editable_plan(plan.pk)
    block = PlanBlock(
        plan=plan,
        order=_next_order(plan.blocks.all()),
        kind=kind,
        text=text,
        level=level,
        numbering=numbering,
        rows=rows or [],
        task=task,
    )
    block.full_clean()
    block.save()
    return block


def _marks_kept(before: PlanBlock, after: PlanBlock) -> list:
    """The bold and italic pieces of an edited block that still fall on the text they marked: a
    table keeps those of the cells left as they were, any other block its marks while its text
    (or its task) is unchanged."""
    if before.kind != after.kind:
        return []
    if after.kind == BlockKind.TABLE:

        def cell(rows, r, c):
            return rows[r][c] if r < len(rows) and c < len(rows[r]) else None

        kept = []
        for mark in before.marks:
            old = cell(before.rows, *mark[:2]) if len(mark) == 5 else None
            if old is not None and old == cell(after.rows, *mark[:2]):
                kept.append(mark)
        return kept
    if (before.text, before.task_id) != (after.text, after.task_id):
        return []
    return before.marks


@transaction.atomic
def block_update(block: PlanBlock, *, by, fields: dict) -> PlanBlock:
    _locked_editable_plan(block.plan_id)
    before = PlanBlock(
        kind=block.kind, text=block.text, rows=block.rows, task_id=block.task_id, marks=block.marks
    )
    for name, value in fields.items():
        setattr(block, name, value)
    block.marks = _marks_kept(before, block)
    block.full_clean()
    block.save()
    return block


@transaction.atomic
def block_delete(block: PlanBlock, *, by):
    _locked_editable_plan(block.plan_id)
    block.delete()


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------
@transaction.atomic
def task_create(
    plan: Plan,
    *,
    by,
    content: str,
    lead_unit: Unit | None,
    period_kind: str = PeriodKind.NONE,
    period_value: int | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    due_date: datetime.date | None = None,
    coordinating_units: Iterable[Unit] = (),
    order: int | None = None,
) -> PlanTask:
    plan = _locked_editable_plan(plan.pk)
    if lead_unit is None:
        raise Refused(
            {
                "lead_unit": _(
                    "Vui lòng chọn đơn vị chủ trì: nhiệm vụ nào cũng phải có đơn vị chịu trách nhiệm."
                )
            }
        )
    task = PlanTask(
        plan=plan,
        order=order or _next_order(plan.tasks.all()),
        content=content,
        lead_unit=lead_unit,
        period_kind=period_kind or PeriodKind.NONE,
        period_value=period_value,
        start_date=start_date,
        end_date=end_date,
        due_date=due_date,
    )
    task.full_clean()
    _save(task, by=by, reason="create")
    if coordinating_units:
        task.coordinating_units.set(coordinating_units)
    return task


@transaction.atomic
def task_progress_update(
    task: PlanTask, *, by, status: str, note: str = "", evidence=None, seen_updated_at=None
) -> PlanTask:
    """A lead unit (or the office) reports progress on a task of an issued plan."""
    locked = PlanTask.objects.select_for_update(of=("self",)).select_related("plan").get(pk=task.pk)
    if locked.plan.status not in PLAN_TRACKED:
        raise Refused(
            _(
                "Chỉ cập nhật tiến độ nhiệm vụ của kế hoạch đang ban hành "
                "(không phải dự thảo hay đã lưu trữ)."
            ),
            code="not_tracked",
        )
    check_version(locked, seen_updated_at)
    if evidence:
        validate_document_file(evidence)
        locked.evidence = evidence
    locked.status = status
    locked.progress_note = note
    if status == TaskStatus.DONE and locked.completed_at is None:
        locked.completed_at = timezone.now()
    elif status != TaskStatus.DONE:
        locked.completed_at = None
    _save(locked, by=by, reason="progress")
    task.refresh_from_db()
    return task


# ---------------------------------------------------------------------------
# Key targets
# ---------------------------------------------------------------------------
def target_values_replace(target: KeyTarget, values: Sequence) -> list[KeyTargetValue]:
    """Set a target's planned values from (label, planned, unit) triples; actuals survive by label."""
    old = {v.label: v for v in target.values.all()}
    target.values.all().delete()
    created = []
    for index, item in enumerate(values, start=1):
        label, planned, unit = (list(item) + ["", "", ""])[:3]
        previous = old.get(label)
        created.append(
            KeyTargetValue(
                target=target,
                order=index,
                label=label,
                planned=planned,
                unit_of_measure=unit,
                actual=previous.actual if previous else "",
            )
        )
    return KeyTargetValue.objects.bulk_create(created)


@transaction.atomic
def target_actual_update(value: KeyTargetValue, *, by, actual: str) -> KeyTargetValue:
    """Record what was achieved; allowed while the plan is issued (progress, not text)."""
    plan = Plan.objects.select_for_update().get(pk=value.target.plan_id)
    if plan.status == PlanStatus.ARCHIVED:
        raise Refused(_("Kế hoạch đã lưu trữ."), code="archived")
    value.actual = actual
    value.save(update_fields=["actual"])
    return value


# ---------------------------------------------------------------------------
# From the importer
# ---------------------------------------------------------------------------
def resolve_unit_hint(hint: str) -> Unit | None:
    """The active unit a plan names: by code, name or short name, exactly or once its abbreviations
    are spelt out ("Phòng TCCB" is "Phòng Tổ chức cán bộ", "Văn phòng Sở Y tế" is "Văn phòng Sở",
    "CDC tỉnh" is the "Trung tâm Kiểm soát bệnh tật"); None unless exactly one unit answers."""
    hint = (hint or "").strip()
    if not hint:
        return None
    units = Unit.objects.active()
    exact = units.filter(Q(name__iexact=hint) | Q(short_name__iexact=hint) | Q(code__iexact=hint)).first()
    if exact is not None:
        return exact
    key = unit_name_key(hint)
    if not key:
        return None
    by_key = [
        u
        for u in units.only("pk", "name", "short_name")
        if key in (unit_name_key(u.name), unit_name_key(u.short_name))
    ]
    if len(by_key) == 1:
        return by_key[0]
    starting = [u for u in units.only("pk", "name") if unit_name_key(u.name).startswith(key + " ")]
    if len(starting) == 1:
        return starting[0]
    matches = list(units.filter(name__icontains=hint)[:2])
    return matches[0] if len(matches) == 1 else None


_resolve_unit = resolve_unit_hint


def units_of_group(group: str):
    """The active top-level units a group names ("các bệnh viện": the hospitals)."""
    units = Unit.objects.active().filter(parent__isnull=True)
    kinds = UNIT_GROUP_KINDS.get(group)
    if kinds:
        units = units.filter(kind__in=kinds)
    return units.order_by("order", "name")


@transaction.atomic
def task_assign_group(task: PlanTask, *, by, group: str) -> list[PlanTaskAssignment]:
    """Address the task of a draft plan to a group: one assignment with its own status per unit
    of the group (the units already assigned keep theirs). An issued plan's tasks stay as issued."""
    if group not in UnitGroup.values or group == UnitGroup.NONE:
        raise Refused(_("Nhóm đơn vị không hợp lệ."), code="unit_group")
    _locked_editable_plan(task.plan_id)
    task.unit_group = group
    _save(task, by=by, reason="group", update_fields=["unit_group"])
    have = set(task.assignments.values_list("unit_id", flat=True))
    created = []
    for unit in units_of_group(group):
        if unit.pk in have:
            continue
        created.append(_save(PlanTaskAssignment(task=task, unit=unit), by=by, reason="group"))
    return created


@transaction.atomic
def task_assignment_progress_update(
    assignment: PlanTaskAssignment, *, by, status: str, note: str = ""
) -> PlanTaskAssignment:
    """One unit of a group task reports its own progress; the task is done when every unit is.

    The task's row is locked first: the units of a group report at the same time, and each
    roll-up must see the shares the others have just saved."""
    PlanTask.objects.select_for_update().filter(pk=assignment.task_id).first()
    locked = (
        PlanTaskAssignment.objects.select_for_update(of=("self",))
        .select_related("task__plan")
        .get(pk=assignment.pk)
    )
    if locked.task.plan.status not in PLAN_TRACKED:
        raise Refused(
            _(
                "Chỉ cập nhật tiến độ nhiệm vụ của kế hoạch đang ban hành "
                "(không phải dự thảo hay đã lưu trữ)."
            ),
            code="not_tracked",
        )
    if status not in TaskStatus.values:
        raise Refused(_("Tình trạng không hợp lệ."), code="status")
    locked.status = status
    locked.progress_note = note
    locked.completed_at = (locked.completed_at or timezone.now()) if status == TaskStatus.DONE else None
    _save(locked, by=by, reason="progress")
    task = locked.task
    statuses = set(task.assignments.values_list("status", flat=True))
    overall = (
        TaskStatus.DONE
        if statuses == {TaskStatus.DONE}
        else TaskStatus.NOT_STARTED
        if statuses == {TaskStatus.NOT_STARTED}
        else TaskStatus.IN_PROGRESS
    )
    if task.status != overall:
        task.status = overall
        task.completed_at = timezone.now() if overall == TaskStatus.DONE else None
        _save(task, by=by, reason="progress", update_fields=["status", "completed_at"])
    assignment.refresh_from_db()
    return assignment


def _stored_marks(block: p.ParsedBlock, tasks: list[PlanTask]) -> list[list]:
    """The block's bold and italic pieces as PlanBlock.marks keeps them: a tasks table's name
    their task by its id instead of its index in the draft."""
    if block.kind != p.BlockKind.TASKS_TABLE:
        return block.marks
    return [
        [tasks[index].pk, *rest]
        for index, *rest in block.marks
        if isinstance(index, int) and 0 <= index < len(tasks)
    ]


def _copied_marks(block: PlanBlock, task_map: dict) -> list:
    if block.kind != BlockKind.TASKS_TABLE:
        return block.marks
    return [[task_map[pk].pk, *rest] for pk, *rest in block.marks if pk in task_map]


@transaction.atomic
def plan_create_from_parsed(
    parsed: p.ParsedPlan, *, by, kind: str | None = None, lead_unit_default: Unit | None = None
) -> Plan:
    """Turn the importer's ParsedPlan into a draft plan with its blocks, tasks, targets and requests.

    All or nothing: a task without a lead unit (in the text or ``lead_unit_default``), a due date
    outside the plan's year, or a task block pointing nowhere raises ValidationError and no row is
    left behind. What the importer could not place, and requests without a date, go to ``notes``.
    """
    year = parsed.year or (parsed.issue_date.year if parsed.issue_date else timezone.localdate().year)
    notes = list(parsed.warnings)
    kind = kind or parsed.kind or PlanKind.ANNUAL
    # The header and the signature are the document's own: what the text does not say stays
    # empty (the importer warned), never the agency's defaults. Only the register's symbol
    # has a default, since the plan is numbered in the register when issued.
    values = {
        "symbol": parsed.symbol or plan_defaults()["symbol"],
        "place": parsed.place,
        "authority_line": parsed.authority_line,
        "issuer_line": parsed.issuer_line,
        "signer_prefix": parsed.signer_prefix,
        "signer_prefix_title": parsed.signer_prefix_title,
        "signer_position": parsed.signer_position,
        "signer_name": parsed.signer_name,
    }
    dues = [t.due_date for t in parsed.tasks if t.due_date]
    if kind != PlanKind.ANNUAL and dues and (min(dues).year < year or max(dues).year > year):
        # A thematic plan issued late in the year with deadlines in the next (a year-end review,
        # say) runs over both; an annual plan's tasks stay within its year.
        values["period_start"] = min(min(dues), datetime.date(year, 1, 1))
        values["period_end"] = max(max(dues), datetime.date(year, 12, 31))
        notes.append(
            _(
                "Có hạn nhiệm vụ ngoài năm %(year)s: thời gian thực hiện kế hoạch "
                "đặt từ %(start)s đến %(end)s."
            )
            % {
                "year": year,
                "start": values["period_start"].strftime("%d/%m/%Y"),
                "end": values["period_end"].strftime("%d/%m/%Y"),
            }
        )
    if parsed.number:
        notes.append(_("Văn bản gốc mang số %(n)s: số chỉ được cấp lại khi ban hành.") % {"n": parsed.number})
    plan = Plan(
        year=year,
        kind=kind,
        title=parsed.title or _("Kế hoạch năm %(year)s") % {"year": year},
        issue_date=parsed.issue_date,
        # The date corrected on the preview wins over the month read from the text.
        issue_month=parsed.issue_date.month if parsed.issue_date else parsed.issue_month,
        legal_bases=[line.strip() for line in parsed.legal_bases if line.strip()],
        recipients=[line.strip() for line in parsed.recipients if line.strip()],
        created_by=by,
        **values,
    )
    plan.full_clean()

    errors = []
    tasks: list[PlanTask] = []
    for index, item in enumerate(parsed.tasks, start=1):
        found = _resolve_unit(item.lead_unit_hint)
        lead = found or lead_unit_default
        if item.lead_unit_hint and found is None:
            notes.append(
                _("Nhiệm vụ %(n)s: không tìm thấy đơn vị “%(hint)s”, tạm giao cho đơn vị mặc định.")
                % {"n": index, "hint": item.lead_unit_hint}
            )
        if lead is None:
            errors.append(
                _("Nhiệm vụ %(n)s (“%(text)s”) chưa có đơn vị chủ trì; hãy chọn đơn vị mặc định.")
                % {"n": index, "text": item.content[:60]}
            )
            continue
        period_kind = item.period_kind if item.period_kind in PeriodKind.values else PeriodKind.NONE
        due = item.due_date or period_default_due(year, period_kind, item.period_value, item.due_date)
        task = PlanTask(
            plan=plan,
            order=index,
            period_kind=period_kind,
            period_value=item.period_value,
            start_date=item.start_date,
            end_date=item.due_date if period_kind == PeriodKind.RANGE else None,
            content=item.content.strip(),
            lead_unit=lead,
            lead_unit_text="" if found is not None else item.lead_unit_hint[:200],
            unit_group=item.unit_group if item.unit_group in UnitGroup.values else UnitGroup.NONE,
            recurrence=item.recurrence if item.recurrence in Recurrence.values else Recurrence.NONE,
            due_date=due,
        )
        try:
            task.clean()
        except ValidationError as exc:
            for messages in exc.message_dict.values():
                errors.extend(_("Nhiệm vụ %(n)s: %(msg)s") % {"n": index, "msg": m} for m in messages)
        tasks.append(task)
    for block in parsed.blocks:
        if block.kind == p.BlockKind.TASK and not (
            block.task_index is not None and 0 <= block.task_index < len(parsed.tasks)
        ):
            errors.append(
                _("Đoạn nhiệm vụ “%(text)s” không trỏ tới nhiệm vụ nào.") % {"text": block.text[:60]}
            )
    if errors:
        raise Refused(errors)

    plan.notes = "\n".join(str(n) for n in notes)
    _save(plan, by=by, reason="import")
    for task in tasks:
        task.plan = plan
        _save(task, by=by, reason="import")
        if task.unit_group:
            task_assign_group(task, by=by, group=task.unit_group)

    block_rows = []
    for index, block in enumerate(parsed.blocks, start=1):
        kind_value = block.kind if block.kind in BlockKind.values else BlockKind.PARAGRAPH
        task = tasks[block.task_index] if kind_value == BlockKind.TASK else None
        block_rows.append(
            PlanBlock(
                plan=plan,
                order=index,
                kind=kind_value,
                level=block.level,
                numbering=block.numbering,
                text=block.text if task is None else "",
                rows=block.rows,
                marks=_stored_marks(block, tasks),
                task=task,
            )
        )
    PlanBlock.objects.bulk_create(block_rows)

    for index, target in enumerate(parsed.targets, start=1):
        row = KeyTarget.objects.create(
            plan=plan,
            order=index,
            indicator=target.indicator.strip(),
            unit_of_measure=target.unit_of_measure,
            note=target.note,
        )
        target_values_replace(row, [(v.label, v.planned, v.unit_of_measure) for v in target.values])

    skipped = []
    for item in parsed.submissions:
        if item.due_date is None:
            skipped.append(_("Yêu cầu “%(title)s” chưa có hạn gửi, chưa tạo.") % {"title": item.title})
            continue
        submission_request_create(
            by=by, title=item.title, due_date=item.due_date, plan=plan, description=item.source_text
        )
    if skipped:
        plan.notes = "\n".join(filter(None, [plan.notes, *map(str, skipped)]))
        _save(plan, by=by, reason="import", update_fields=["notes"])
    return plan


# ---------------------------------------------------------------------------
# Submission requests
# ---------------------------------------------------------------------------
@transaction.atomic
def submission_request_create(
    *,
    by,
    title: str,
    due_date: datetime.date,
    plan: Plan | None = None,
    task: PlanTask | None = None,
    units: Iterable[Unit] | None = None,
    description: str = "",
    forward_to: str = "",
    forward_due_date: datetime.date | None = None,
) -> SubmissionRequest:
    """Ask units for a file by a date: all active top-level units, or the ones given. With
    ``forward_to`` and ``forward_due_date`` the department's own consolidated report to the
    level above is tracked too (its own deadline, D2, after the units' D1). A past date is
    accepted (an old plan entered after the fact): statuses are computed from it."""
    if task is not None and plan is None:
        plan = task.plan
    request = SubmissionRequest(
        plan=plan,
        task=task,
        title=title,
        description=description,
        due_date=due_date,
        audience=SubmissionAudience.ALL_TOP_LEVEL if units is None else SubmissionAudience.CHOSEN,
        created_by=by,
    )
    request.full_clean()
    _save(request, by=by, reason="create")
    targets = Unit.objects.active().top_level() if units is None else units
    for unit in targets:
        row = UnitSubmission(request=request, unit=unit)
        _save(row, by=by, reason="create")
    if forward_to.strip() or forward_due_date:
        submission_forward_set(request, by=by, recipient=forward_to, due_date=forward_due_date)
    return request


def _noon(day: datetime.date) -> datetime.datetime:
    """A day entered by hand as a moment: noon, local time (the same day in any status check)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def _forward_sent(forward: SubmissionForward) -> Refused:
    """The consolidated report has gone upward: what was sent, when and to whom stays as sent."""
    return Refused(
        _("Báo cáo tổng hợp đã gửi %(to)s ngày %(day)s nên không thể sửa.")
        % {"to": forward.recipient, "day": timezone.localtime(forward.sent_at).strftime("%d/%m/%Y")},
        code="sent",
    )


def submission_forward_set(request: SubmissionRequest, *, by, recipient: str, due_date) -> SubmissionForward:
    """Chain a second level to a request: the department sends its consolidated report upward."""
    errors = {}
    if not (recipient or "").strip():
        errors["forward_to"] = _("Vui lòng ghi nơi nhận báo cáo tổng hợp (ví dụ: UBND tỉnh, Bộ Y tế).")
    if due_date is None:
        errors["forward_due_date"] = _("Vui lòng nhập hạn gửi báo cáo tổng hợp lên cấp trên.")
    elif due_date < request.due_date:
        errors["forward_due_date"] = _(
            "Hạn gửi lên cấp trên phải từ hạn các đơn vị gửi về (%(d1)s) trở đi."
        ) % {"d1": request.due_date.strftime("%d/%m/%Y")}
    if errors:
        raise Refused(errors)
    forward = SubmissionForward.objects.filter(request=request).first() or SubmissionForward(request=request)
    if forward.sent_at is not None:
        raise _forward_sent(forward)
    forward.recipient = recipient.strip()
    forward.due_date = due_date
    forward.full_clean()
    return _save(forward, by=by, reason="edit" if forward.pk else "create")


@transaction.atomic
def submission_forward_send(
    forward: SubmissionForward,
    *,
    by,
    submissions: Iterable[UnitSubmission],
    sent_on: datetime.date | None = None,
    file=None,
    note: str = "",
) -> SubmissionForward:
    """Record that the consolidated report went upward, with the units' reports it was made of.
    ``sent_on`` dates it (an old plan entered later); without it, now. Recorded once: a sent
    report is refused any change."""
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được gửi báo cáo tổng hợp."))
    locked = SubmissionForward.objects.select_for_update().get(pk=forward.pk)
    if locked.sent_at is not None:
        raise _forward_sent(locked)
    if sent_on is not None and sent_on > timezone.localdate():
        raise Refused({"sent_on": _("Ngày gửi không thể sau hôm nay.")})
    chosen = list(submissions)
    foreign = [s for s in chosen if s.request_id != locked.request_id or s.submitted_at is None]
    if foreign:
        raise Refused({"submissions": _("Chỉ chọn được báo cáo đã nhận của các đơn vị thuộc yêu cầu này.")})
    if file:
        validate_document_file(file)
        locked.file = file
    locked.note = note
    locked.sent_at = _noon(sent_on) if sent_on is not None else timezone.now()
    locked.sent_by = by
    _save(locked, by=by, reason="send")
    locked.submissions.set(chosen)
    forward.refresh_from_db()
    return forward


@transaction.atomic
def submission_upload(
    submission: UnitSubmission, *, by, file, note: str = "", received_on: datetime.date | None = None
) -> UnitSubmission:
    """A unit sends its file. The first time received is kept (a later correction is not "late").
    The office entering an old plan records the day the file was received (``received_on``), and
    the status is computed from it."""
    locked = UnitSubmission.objects.select_for_update().get(pk=submission.pk)
    if received_on is not None and received_on > timezone.localdate():
        raise Refused({"received_on": _("Ngày nhận được không thể sau hôm nay.")})
    validate_document_file(file)
    locked.file = file
    locked.note = note
    if received_on is not None and is_office_staff(by):
        locked.submitted_at = timezone.make_aware(
            datetime.datetime.combine(received_on, datetime.time(12, 0))
        )
        locked.submitted_by = by
        reason = "submit"
    elif locked.submitted_at is None:
        locked.submitted_at = timezone.now()
        locked.submitted_by = by
        reason = "submit"
    else:
        reason = "resubmit"
    _save(locked, by=by, reason=reason)
    submission.refresh_from_db()
    return submission


# ---------------------------------------------------------------------------
# Official letters (công văn): create, edit, issue
# ---------------------------------------------------------------------------
LETTER_SERIES = "CV"  # the register's series of công văn, shared by every drafting office


def letter_series(issuer_code: str) -> str:
    """'CV-SYT': one sequence for every công văn of the issuer, whatever office drafted it."""
    return f"{LETTER_SERIES}-{issuer_code.strip()}"


def letter_defaults() -> dict:
    """A new letter's header, signer and codes, from the agency's settings."""
    agency = Agency.load()
    values = agency.heading_defaults()
    values["issuer_code"] = agency.short_name
    values["recipients"] = ["Như trên;", "Lưu: VT, VP."]  # document text: always Vietnamese
    return values


def _letter_check(letter: Letter) -> None:
    """What a letter cannot be saved without, said at the field."""
    errors = {}
    if not letter.addressee_lines:
        errors["addressees"] = _("Công văn phải có ít nhất một nơi “Kính gửi”.")
    if not (letter.signer_name or "").strip():
        errors["signer_name"] = _("Vui lòng nhập họ tên người ký.")
    if errors:
        raise Refused(errors)


@transaction.atomic
def letter_save(
    letter: Letter, *, by, recipient_units: Iterable[Unit] | None = None, seen_updated_at=None
) -> Letter:
    """Create a draft letter or save changes to one; an issued letter is refused."""
    creating = letter.pk is None
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được soạn công văn."))
    if not creating:
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.status != LetterStatus.DRAFT:
            raise Refused(_("Công văn đã ban hành nên không thể sửa."), code="not_editable")
        check_version(locked, seen_updated_at)
    else:
        letter.created_by = by
    _letter_check(letter)
    letter.full_clean()
    _save(letter, by=by, reason="create" if creating else "edit")
    if recipient_units is not None:
        letter.recipient_units.set(recipient_units)
    return letter


@transaction.atomic
def letter_issue(letter: Letter, *, by, issue_date: datetime.date | None = None) -> bool:
    """Give the letter the next number of the register's công văn series and make it read-only.
    False when it was issued already (a repeated click)."""
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được ban hành công văn."))
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status == LetterStatus.ISSUED:
        letter.refresh_from_db()
        return False
    _letter_check(locked)
    day = issue_date or locked.issue_date or timezone.localdate()
    # Numbers run per calendar year of issue (Decree 30/2020/NĐ-CP, Article 15).
    document_issue(
        locked,
        kind=IssuedKind.LETTER,
        status=LetterStatus.ISSUED,
        day=day,
        subject=f"V/v {locked.subject}",
        by=by,
        series=letter_series(locked.issuer_code),
    )
    letter.refresh_from_db()
    return True


# ---------------------------------------------------------------------------
# A reminder by hand
# ---------------------------------------------------------------------------
def submission_remind(submission: UnitSubmission, *, by) -> bool:
    """The office reminds a unit of a report it has not sent: a notification (bell and mail) to
    each of the unit's heads, signed by the office member who sent it (``Notification.created_by``)
    and kept with its source, so that a unit is reminded by hand of a report once a day at most:
    False when it already was today. The hourly scan's own reminders go on as before.

    Refused when the report has been sent, the request has not gone out (its plan is a draft), or
    the unit has no head with a login to remind."""
    if not is_office_staff(by):
        raise PermissionDenied(_("Chỉ Thường trực TĐKT được nhắc đơn vị."))
    row = UnitSubmission.objects.select_related("request", "request__plan", "unit").get(pk=submission.pk)
    if row.submitted_at is not None:
        raise Refused(_("Đơn vị đã gửi báo cáo này; không cần nhắc."))
    if not row.request.is_sent:
        raise Refused(_("Kế hoạch của yêu cầu này còn là dự thảo: yêu cầu chưa được gửi tới đơn vị."))
    heads = unit_heads([row.unit_id])[row.unit_id]
    if not heads:
        raise Refused(_("Đơn vị chưa có thủ trưởng có tài khoản để nhắc."))
    source = f"plans.UnitSubmission:{row.pk}:remind"
    today = local_today()
    if Notification.objects.filter(source=source, created_at__date=today).exists():
        return False
    due = row.request.due_date
    late = (today - due).days
    values = {"title": row.request.title, "due": due.strftime("%d/%m/%Y"), "days": late}
    if late > 0:
        kind = Kind.OVERDUE
        title = _("Nhắc gửi báo cáo: %(title)s (hạn %(due)s, quá hạn %(days)s ngày)") % values
    else:
        kind = Kind.REMINDER
        title = _("Nhắc gửi báo cáo: %(title)s (hạn %(due)s)") % values
    body = (
        _(
            "Thường trực TĐKT nhắc đơn vị gửi báo cáo “%(title)s”, hạn ngày %(due)s. "
            "Đề nghị đơn vị khẩn trương gửi."
        )
        % values
    )
    notify(
        kind,
        to=heads,
        title=title[:300],
        body=body,
        url=reverse("plans:submission-upload", args=[row.pk]),
        source=source,
        by=by,
    )
    return True
