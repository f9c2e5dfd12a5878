"""Permission predicates for plans, tasks and submission requests.

``is_*``: who the user is to the object; ``can_be_*``: the object's state; composed per verb in
the models' ``rules_permissions`` and in the ``add_perm`` calls below.
"""

import rules

from units.rules import head_scope_ids, is_council_member, is_nobody, is_office_staff, is_unit_head

from .enums import PLAN_EDITABLE, PLAN_TRACKED, PlanStatus

__all__ = [
    "can_be_archived",
    "can_be_edited",
    "can_be_issued",
    "can_be_versioned",
    "can_track_progress",
    "is_assigned_unit_head",
    "is_council_member",
    "is_lead_unit_head",
    "is_nobody",
    "is_office_staff",
    "is_plan_published",
    "is_submission_unit_head",
    "is_unit_head",
]


def _plan_of(obj):
    """The plan an object belongs to: a Plan itself, or a task/block/target with a ``plan``."""
    if obj is None:
        return None
    if hasattr(obj, "previous_version_id"):  # a Plan
        return obj
    return getattr(obj, "plan", None)


@rules.predicate
def can_be_edited(user, obj):
    plan = _plan_of(obj)
    return plan is not None and plan.status in PLAN_EDITABLE


@rules.predicate
def can_be_issued(user, plan):
    return plan is not None and plan.status == PlanStatus.DRAFT


@rules.predicate
def can_be_archived(user, plan):
    return plan is not None and plan.status == PlanStatus.ISSUED


@rules.predicate
def can_be_versioned(user, plan):
    return plan is not None and plan.status == PlanStatus.ISSUED


@rules.predicate
def is_plan_published(user, obj):
    """Issued or archived: no longer a draft, so units may read it."""
    plan = _plan_of(obj)
    return plan is not None and plan.status != PlanStatus.DRAFT


@rules.predicate
def can_track_progress(user, task):
    plan = _plan_of(task)
    return plan is not None and plan.status in PLAN_TRACKED


@rules.predicate
def is_lead_unit_head(user, task):
    """The task's lead unit is the user's unit or one below it."""
    return task is not None and task.lead_unit_id in head_scope_ids(user)


@rules.predicate
def is_assigned_unit_head(user, assignment):
    """The unit of a group task's assignment is the user's unit or one below it."""
    return assignment is not None and assignment.unit_id in head_scope_ids(user)


@rules.predicate
def is_submission_unit_head(user, submission):
    """The unit asked to send the file is the user's unit or one below it."""
    return submission is not None and submission.unit_id in head_scope_ids(user)


@rules.predicate
def is_request_published(user, request):
    """A submission request tied to a draft plan stays with the office until the plan is issued."""
    if request is None:
        return False
    plan = request.plan
    return plan is None or plan.status != PlanStatus.DRAFT


can_view_plan = is_office_staff | is_council_member | (is_unit_head & is_plan_published)
can_change_plan = is_office_staff & can_be_edited


@rules.predicate
def is_assigned_to_task(user, task):
    """A unit in the user's scope holds an assignment of the task (a task for a group of units)."""
    if task is None or not getattr(task, "unit_group", ""):
        return False
    return task.assignments.filter(unit_id__in=head_scope_ids(user)).exists()


can_view_task = is_office_staff | is_council_member | is_lead_unit_head | is_assigned_to_task
can_report_progress = (is_office_staff | is_lead_unit_head) & can_track_progress
can_upload_submission = is_office_staff | is_submission_unit_head

rules.add_perm("plans.list_plan", is_office_staff | is_council_member | is_unit_head)
rules.add_perm("plans.list_plantask", is_office_staff | is_unit_head)
rules.add_perm("plans.list_submissionrequest", is_office_staff | is_unit_head)
rules.add_perm("plans.view_submission_matrix", is_office_staff)
rules.add_perm("plans.manage_plan", is_office_staff)
rules.add_perm("plans.remind_unitsubmission", is_office_staff)


# ---------------------------------------------------------------------------
# Official letters (công văn): the office writes them; a unit head reads an issued letter sent to
# the unit (or to a unit below it), and nothing else.
# ---------------------------------------------------------------------------
@rules.predicate
def is_letter_draft(user, letter):
    return letter is not None and letter.status == "draft"


@rules.predicate
def is_letter_sent_to_head(user, letter):
    if letter is None or letter.status == "draft":
        return False
    scope = head_scope_ids(user)
    return bool(scope) and letter.recipient_units.filter(pk__in=scope).exists()


can_view_letter = is_office_staff | is_letter_sent_to_head

rules.add_perm("plans.list_letter", is_office_staff | is_unit_head)
rules.add_perm("plans.manage_letter", is_office_staff)
