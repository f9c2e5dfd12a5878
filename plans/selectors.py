"""Reads. Every unit-head page takes its queryset from here, so another unit's row is a 404."""

import datetime

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from units.history import HistoryEntry, history_of
from units.models import Unit
from units.rules import head_scope_ids, is_council_member, is_office_staff

from .enums import LetterStatus, PlanStatus, SubmissionStatus, TaskDisplayStatus, TaskStatus
from .models import (
    KeyTarget,
    Letter,
    Plan,
    PlanBlock,
    PlanTask,
    PlanTaskAssignment,
    SubmissionForward,
    SubmissionRequest,
    UnitSubmission,
)

DUE_SOON_DAYS = 14


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------
def plans_visible_to(user) -> QuerySet[Plan]:
    """Office and council see every plan; unit heads see plans once issued."""
    qs = Plan.objects.all()
    if is_office_staff(user) or is_council_member(user):
        return qs
    if head_scope_ids(user):
        return qs.published()
    return qs.none()


def blocks_visible_to(user) -> QuerySet[PlanBlock]:
    """The body blocks of the plans the user sees (``plans_visible_to``), each with its plan."""
    return PlanBlock.objects.select_related("plan").filter(plan__in=plans_visible_to(user))


def plans_for_list(user) -> QuerySet[Plan]:
    return (
        plans_visible_to(user)
        .select_related("previous_version")
        .annotate(
            task_count=Count("tasks", distinct=True),
            open_task_count=Count("tasks", filter=~Q(tasks__status=TaskStatus.DONE), distinct=True),
        )
        .order_by("-year", "-pk")  # Meta.ordering is not applied to GROUP BY queries
    )


def _tasks_queryset(today=None) -> QuerySet[PlanTask]:
    return (
        PlanTask.objects.with_display_status(today)
        .select_related("lead_unit")
        .prefetch_related("coordinating_units")
        .order_by("order", "pk")
    )


def plan_for_detail(plan: Plan, *, today: datetime.date | None = None) -> Plan:
    """Attach everything the detail page shows in a fixed number of queries.

    ``plan.task_list`` (annotated with display_status), ``plan.block_list`` (each task block's
    ``task`` is the same annotated object), ``plan.target_list`` with values,
    ``plan.request_list`` with per-status counts.
    """
    today = today or timezone.localdate()
    tasks = list(_tasks_queryset(today).filter(plan=plan))
    for task in tasks:
        task.plan = plan  # the rules on each row read task.plan: no query per task
    by_id = {t.pk: t for t in tasks}
    blocks = list(PlanBlock.objects.filter(plan=plan).order_by("order", "pk"))
    for block in blocks:
        if block.task_id:
            block.task = by_id.get(block.task_id)
    plan.task_list = tasks
    plan.block_list = blocks
    plan.target_list = list(
        KeyTarget.objects.filter(plan=plan).prefetch_related("values").order_by("order", "pk")
    )
    plan.request_list = list(submission_requests_with_counts(today=today).filter(plan=plan))
    return plan


def plan_history(plan: Plan, limit: int = 20) -> list[HistoryEntry]:
    """The plan's changes told in sentences (``units.history``)."""
    return history_of(plan, limit=limit)


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------
def tasks_visible_to(user, *, today: datetime.date | None = None) -> QuerySet[PlanTask]:
    """Office: every task of issued plans; unit heads: tasks their unit (or a unit below) leads."""
    qs = (
        PlanTask.objects.with_display_status(today)
        .tracked()
        .select_related("lead_unit", "plan")
        .order_by("due_date", "plan_id", "order")
    )
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if scope:
        return qs.filter(lead_unit_id__in=scope)  # their shares of group tasks: ``assignments_visible_to``
    return qs.none()


def tasks_in_any_plan_visible_to(user) -> QuerySet[PlanTask]:
    """Every task the user may read, in a plan of any state (``rules.can_view_task``): the office
    and the council all of them; a unit head the tasks their unit (or a unit below) leads, and the
    tasks addressed to a group in which such a unit has a share."""
    qs = PlanTask.objects.select_related("plan")
    if is_office_staff(user) or is_council_member(user):
        return qs
    scope = head_scope_ids(user)
    if scope:
        shares = PlanTaskAssignment.objects.filter(task=OuterRef("pk"), unit_id__in=scope)
        return qs.filter(Q(lead_unit_id__in=scope) | (~Q(unit_group="") & Q(Exists(shares))))
    return qs.none()


def task_evidence_visible_to(user) -> QuerySet[PlanTask]:
    """The tasks with an evidence file the user may download."""
    return tasks_in_any_plan_visible_to(user).exclude(evidence="")


def with_shares_of(
    tasks: QuerySet[PlanTask], unit_ids, *, today: datetime.date | None = None
) -> QuerySet[PlanTask]:
    """Annotate the tasks as the units ``unit_ids`` see them: on a task addressed to a group,
    ``share_pk`` is their share and ``display_status`` the share's; other tasks keep their own."""
    today = today or timezone.localdate()
    shares = PlanTaskAssignment.objects.filter(task=OuterRef("pk"), unit_id__in=unit_ids).order_by(
        "unit__order", "pk"
    )
    share_status = Case(
        When(SHARE_DONE, then=Value(TaskDisplayStatus.DONE.value)),
        When(task__due_date__lt=today, then=Value(TaskDisplayStatus.OVERDUE.value)),
        default=F("status"),
        output_field=CharField(),
    )
    return tasks.annotate(
        share_pk=Subquery(shares.values("pk")[:1]),
        display_status=Coalesce(
            Subquery(shares.annotate(shown=share_status).values("shown")[:1]), F("display_status")
        ),
    )


def tasks_done_by(
    tasks: QuerySet[PlanTask], unit_ids, *, today: datetime.date | None = None
) -> QuerySet[PlanTask]:
    """The tasks of the units ``unit_ids`` as the dashboards count them: a task they lead that is
    not addressed to a group, and a task addressed to a group through their own share (with the
    share's status)."""
    shares = PlanTaskAssignment.objects.filter(task=OuterRef("pk"), unit_id__in=unit_ids)
    mine = (Q(lead_unit_id__in=unit_ids) & ~Q(has_shares())) | Q(Exists(shares))
    return with_shares_of(tasks.filter(mine), unit_ids, today=today)


def assignments_visible_to(user) -> QuerySet[PlanTaskAssignment]:
    """Each unit's share of the tasks addressed to a group, in issued plans: the office sees them
    all, a unit head those of their unit (or a unit below)."""
    qs = (
        PlanTaskAssignment.objects.filter(task__plan__status=PlanStatus.ISSUED)
        .select_related("task__plan", "task__lead_unit", "unit")
        .order_by("task__due_date", "task__plan_id", "task__order", "unit__order", "unit__name")
    )
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if scope:
        return qs.filter(unit_id__in=scope)
    return qs.none()


# A share is done when its unit reports it done, or when the office closes the whole task.
SHARE_DONE = Q(status=TaskStatus.DONE) | Q(task__status=TaskStatus.DONE)


def has_shares() -> Exists:
    """A task's condition of being addressed to a group: it has shares (then counted and
    reminded share by share, never as a whole)."""
    return Exists(PlanTaskAssignment.objects.filter(task=OuterRef("pk")))


def unit_shares(unit_ids=None) -> QuerySet[PlanTaskAssignment]:
    """Each unit's share of the tasks addressed to a group, in issued plans; only the shares of
    the units ``unit_ids`` when given."""
    qs = PlanTaskAssignment.objects.filter(task__plan__status=PlanStatus.ISSUED)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    return qs


def open_shares(unit_ids=None) -> QuerySet[PlanTaskAssignment]:
    """The shares a unit still has to do (``unit_shares`` not done): the reminder scan reminds
    each unit of its own share until it is done, and the dashboards count them per unit."""
    return unit_shares(unit_ids).exclude(SHARE_DONE)


def tasks_needing_attention(
    qs: QuerySet[PlanTask], *, days: int = DUE_SOON_DAYS, today=None
) -> QuerySet[PlanTask]:
    """Open tasks that are overdue or due within ``days``."""
    today = today or timezone.localdate()
    return qs.open().filter(due_date__lte=today + datetime.timedelta(days=days))


# ---------------------------------------------------------------------------
# Submissions
# ---------------------------------------------------------------------------
def submission_requests_with_counts(*, today: datetime.date | None = None) -> QuerySet[SubmissionRequest]:
    """Requests with how many units were asked, sent on time, sent late, are overdue or pending."""
    today = today or timezone.localdate()
    sent = Q(unit_submissions__submitted_at__isnull=False)
    in_time = Q(unit_submissions__submitted_at__date__lte=F("due_date"))
    return (
        SubmissionRequest.objects.select_related("plan", "task")
        .annotate(
            unit_count=Count("unit_submissions", distinct=True),
            submitted_count=Count("unit_submissions", filter=sent, distinct=True),
            on_time_count=Count("unit_submissions", filter=sent & in_time, distinct=True),
            late_count=Count("unit_submissions", filter=sent & ~in_time, distinct=True),
            overdue_count=Count("unit_submissions", filter=~sent & Q(due_date__lt=today), distinct=True),
            pending_count=Count("unit_submissions", filter=~sent & Q(due_date__gte=today), distinct=True),
        )
        .order_by("-due_date", "-pk")
    )


def submission_requests_visible_to(user, *, today=None) -> QuerySet[SubmissionRequest]:
    qs = submission_requests_with_counts(today=today)
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if scope:
        return qs.published().filter(unit_submissions__unit_id__in=scope).distinct()
    return qs.none()


def submission_forwards_visible_to(user) -> QuerySet[SubmissionForward]:
    """The consolidated reports upward of the requests the user sees."""
    return SubmissionForward.objects.filter(request__in=submission_requests_visible_to(user).values("pk"))


def submission_forward_of(request: SubmissionRequest) -> SubmissionForward | None:
    """The request's consolidated report upward, if the request asks for one."""
    return SubmissionForward.objects.filter(request=request).first()


def unit_submissions_visible_to(user, *, today=None) -> QuerySet[UnitSubmission]:
    """Office: every unit's row; unit heads: their own unit's rows, of published requests only."""
    qs = UnitSubmission.objects.with_display_status(today).select_related(
        "request", "request__plan", "unit", "submitted_by"
    )
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if scope:
        return qs.published().filter(unit_id__in=scope)
    return qs.none()


def submission_rows_for_request(request: SubmissionRequest, user, *, today=None) -> list[UnitSubmission]:
    return list(
        unit_submissions_visible_to(user, today=today)
        .filter(request=request)
        .order_by("unit__order", "unit__name")
    )


def submission_matrix(*, today: datetime.date | None = None, open_only: bool = True) -> dict:
    """Units x requests, each cell a UnitSubmission (annotated) or None, plus per-unit late counts."""
    today = today or timezone.localdate()
    # Requests on a draft plan have not gone to the units: no unit is late on them yet.
    requests = list(submission_requests_with_counts(today=today).published().order_by("due_date", "pk"))
    if open_only:
        requests = [r for r in requests if r.submitted_count < r.unit_count]
    request_ids = [r.pk for r in requests]
    rows = UnitSubmission.objects.with_display_status(today).filter(request_id__in=request_ids)
    cells: dict[int, dict[int, UnitSubmission]] = {}
    unit_ids = set()
    for row in rows.only("pk", "request_id", "unit_id", "submitted_at", "request__due_date"):
        cells.setdefault(row.unit_id, {})[row.request_id] = row
        unit_ids.add(row.unit_id)
    units = list(Unit.objects.filter(pk__in=unit_ids).order_by("order", "name"))
    matrix = []
    for unit in units:
        line = [cells.get(unit.pk, {}).get(req.pk) for req in requests]
        bad = sum(
            1
            for c in line
            if c is not None and c.display_status in (SubmissionStatus.LATE, SubmissionStatus.OVERDUE)
        )
        matrix.append({"unit": unit, "cells": line, "problem_count": bad})
    matrix.sort(key=lambda item: -item["problem_count"])
    return {"requests": requests, "rows": matrix}


# ---------------------------------------------------------------------------
# Waiting work: one selector per inbox item, read by the inbox, the dashboards and the list
# ---------------------------------------------------------------------------
SUBMISSION_WAITING = ("overdue", "pending")


def submissions_overdue(user=None, *, today: datetime.date | None = None) -> QuerySet[UnitSubmission]:
    """Reports not sent past their due date, of requests the units can see: a request on a draft
    plan has been sent to no one, so it is nobody's overdue item. Every unit's without ``user``."""
    today = today or timezone.localdate()
    rows = UnitSubmission.objects.all() if user is None else unit_submissions_visible_to(user, today=today)
    return rows.published().overdue(today)


def submissions_to_send(user, *, today: datetime.date | None = None) -> QuerySet[UnitSubmission]:
    """Reports the user's units have still to send (overdue ones included), of published requests."""
    return unit_submissions_visible_to(user, today=today).published().pending()


def submissions_waiting(user, status: str, *, today: datetime.date | None = None) -> QuerySet[UnitSubmission]:
    """The list page's ``?status=overdue|pending``: the rows the inbox counts."""
    if status == "overdue":
        return submissions_overdue(user, today=today)
    return submissions_to_send(user, today=today)


def plans_drafted(user) -> QuerySet[Plan]:
    """Plans written but not issued (the plan list's ``?status=draft``)."""
    return plans_visible_to(user).filter(status=PlanStatus.DRAFT)


def letters_drafted(user) -> QuerySet[Letter]:
    """Official letters written but not issued (the letter list's ``?status=draft``)."""
    return letters_visible_to(user).filter(status=LetterStatus.DRAFT)


# ---------------------------------------------------------------------------
# Home panels
# ---------------------------------------------------------------------------
def office_task_summary(*, today=None, days: int = DUE_SOON_DAYS, top: int = 5) -> dict:
    """Open tasks overdue and due soon; a task addressed to a group counts once per unit whose
    share is still open (``open_shares``)."""
    today = today or timezone.localdate()
    qs = PlanTask.objects.tracked().open()
    soon = today + datetime.timedelta(days=days)
    counts = qs.exclude(has_shares()).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        due_soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=soon)),
    )
    shares = open_shares().aggregate(
        overdue=Count("pk", filter=Q(task__due_date__lt=today)),
        due_soon=Count("pk", filter=Q(task__due_date__gte=today, task__due_date__lte=soon)),
    )
    counts = {key: counts[key] + shares[key] for key in counts}
    items = list(
        tasks_needing_attention(qs.with_display_status(today), days=days, today=today)
        .select_related("lead_unit", "plan")
        .order_by("due_date", "pk")[:top]
    )
    return {**counts, "items": items}


def office_submission_summary(user=None, *, today=None) -> dict:
    """Counts over the requests the units can see: one on a draft plan has not been sent yet."""
    today = today or timezone.localdate()
    return {
        "overdue": submissions_overdue(user, today=today).count(),
        "late": UnitSubmission.objects.published().late().count(),
    }


def unit_open_tasks(user, *, today=None, top: int = 5) -> dict:
    """The open tasks the user's units lead, and their open shares of tasks addressed to a group."""
    qs = tasks_visible_to(user, today=today).open()
    scope = None if is_office_staff(user) else head_scope_ids(user)
    return {"count": qs.count(), "items": list(qs[:top]), "share_count": open_shares(scope).count()}


def unit_pending_submissions(user, *, today=None, top: int = 5) -> dict:
    qs = submissions_to_send(user, today=today).order_by("request__due_date")
    return {"count": qs.count(), "items": list(qs[:top])}


# ---------------------------------------------------------------------------
# Official letters (công văn)
# ---------------------------------------------------------------------------
def letters_visible_to(user) -> QuerySet[Letter]:
    """The office sees every letter; a unit head the issued letters sent to a unit of theirs."""
    qs = Letter.objects.all()
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if scope:
        return qs.issued().filter(recipient_units__in=scope).distinct()
    return qs.none()
