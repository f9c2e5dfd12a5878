"""The plans app's deadlines for the reminder scan: tasks to their lead unit's head; a task
addressed to a group of units, each unit's share to that unit's heads, until the share is done;
submission requests to the heads of the units that have not sent yet. Registered from
PlansConfig.ready()."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.providers import Deadline, earliest_due, office_staff, register
from units.selectors import unit_heads

from .models import PlanTask, SubmissionForward, SubmissionRequest, UnitSubmission, request_published_q
from .selectors import has_shares, open_shares


def _task_deadline(task: PlanTask, key: str, url: str, unit, heads: dict, office: list) -> Deadline:
    """A task's deadline for one unit's heads: the lead unit's, or a unit's with its own share."""
    return Deadline(
        key=key,
        due_date=task.due_date,
        title=str(task)[:200],
        url=url,
        recipients=heads.get(unit.pk, []),
        escalate_to=office,
        summary=f"{unit.name} — {task.plan}",
    )


@register
class PlanTaskDeadlines:
    kind = "plan_task"
    label = _("Nhiệm vụ kế hoạch")

    def deadlines(self, today):
        # A task with shares is reminded share by share (PlanTaskShareDeadlines).
        tasks = list(
            PlanTask.objects.tracked()
            .open()
            .filter(due_date__gte=earliest_due(today))
            .exclude(has_shares())
            .select_related("lead_unit", "plan")
        )
        heads = unit_heads({task.lead_unit_id for task in tasks})
        office = office_staff()
        for task in tasks:
            url = reverse("plans:task-progress", args=[task.pk])
            yield _task_deadline(task, f"plans.PlanTask:{task.pk}", url, task.lead_unit, heads, office)


@register
class PlanTaskShareDeadlines:
    """A unit's share of a task addressed to a group ("các đơn vị trực thuộc"): its own
    deadline (the task's due date) for the heads of that unit, until the share is done."""

    kind = "plan_task_share"
    label = _("Phần việc của đơn vị")

    def deadlines(self, today):
        shares = list(
            open_shares().filter(task__due_date__gte=earliest_due(today)).select_related("task__plan", "unit")
        )
        heads = unit_heads({share.unit_id for share in shares})
        office = office_staff()
        for share in shares:
            url = reverse("plans:assignment-progress", args=[share.pk])
            key = f"plans.PlanTaskAssignment:{share.pk}"
            yield _task_deadline(share.task, key, url, share.unit, heads, office)


@register
class SubmissionRequestDeadlines:
    kind = "plan_submission"
    label = _("Yêu cầu gửi báo cáo")

    def deadlines(self, today):
        pending = UnitSubmission.objects.filter(submitted_at__isnull=True)
        requests = list(
            SubmissionRequest.objects.published()
            .filter(due_date__gte=earliest_due(today))
            .prefetch_related(Prefetch("unit_submissions", queryset=pending, to_attr="pending"))
        )
        heads = unit_heads({sub.unit_id for req in requests for sub in req.pending})
        office = office_staff()
        for req in requests:
            if not req.pending:
                continue
            yield Deadline(
                key=f"plans.SubmissionRequest:{req.pk}",
                due_date=req.due_date,
                title=req.title,
                url=reverse("plans:submission-detail", args=[req.pk]),
                recipients=[user for sub in req.pending for user in heads.get(sub.unit_id, [])],
                escalate_to=office,
                summary=_("%(n)d đơn vị chưa gửi") % {"n": len(req.pending)},
            )


@register
class SubmissionForwardDeadlines:
    """The department's consolidated report to the level above (D2): the office's own deadline,
    once the request has gone out (not while its plan is a draft)."""

    kind = "plan_forward"
    label = _("Báo cáo tổng hợp gửi cấp trên")

    def deadlines(self, today):
        forwards = list(
            SubmissionForward.objects.filter(sent_at__isnull=True, due_date__gte=earliest_due(today))
            .filter(request_published_q("request__"))
            .select_related("request")
        )
        office = office_staff()
        for forward in forwards:
            yield Deadline(
                key=f"plans.SubmissionForward:{forward.pk}",
                due_date=forward.due_date,
                title=_("Gửi %(to)s: %(title)s") % {"to": forward.recipient, "title": forward.request.title},
                url=reverse("plans:submission-detail", args=[forward.request_id]),
                recipients=office,
                escalate_to=office,
                summary=forward.recipient,
            )
