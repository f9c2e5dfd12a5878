"""The plans app's deadlines for the reminder scan: tasks to their lead unit's head, submission
requests to the heads of the units that have not sent yet. Registered from PlansConfig.ready()."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.providers import Deadline, earliest_due, office_staff, register
from units.selectors import unit_heads

from .models import PlanTask, SubmissionRequest, UnitSubmission


@register
class PlanTaskDeadlines:
    kind = "plan_task"
    label = _("Nhiệm vụ kế hoạch")

    def deadlines(self, today):
        tasks = list(
            PlanTask.objects.tracked()
            .open()
            .filter(due_date__gte=earliest_due(today))
            .select_related("lead_unit", "plan")
        )
        heads = unit_heads({task.lead_unit_id for task in tasks})
        office = office_staff()
        for task in tasks:
            yield Deadline(
                key=f"plans.PlanTask:{task.pk}",
                due_date=task.due_date,
                title=str(task)[:200],
                url=reverse("plans:task-progress", args=[task.pk]),
                recipients=heads.get(task.lead_unit_id, []),
                escalate_to=office,
                summary=f"{task.lead_unit.name} — {task.plan}",
            )


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
