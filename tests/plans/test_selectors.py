import datetime

import pytest
import time_machine
from django.utils import timezone

from plans import selectors
from plans.enums import PlanStatus, SubmissionStatus
from tests.factories import (
    PlanBlockFactory,
    PlanFactory,
    PlanTaskFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    make_council_member,
)

pytestmark = pytest.mark.django_db


def test_unit_head_sees_only_tasks_their_unit_leads_in_issued_plans(head, unit, other_unit):
    issued = PlanFactory(issued=True)
    own = PlanTaskFactory(plan=issued, lead_unit=unit)
    sub_unit_task = PlanTaskFactory(plan=issued, lead_unit=UnitFactory(parent=unit))
    PlanTaskFactory(plan=issued, lead_unit=other_unit)
    PlanTaskFactory(plan=PlanFactory(), lead_unit=unit)  # a draft: not tracked yet

    visible = set(selectors.tasks_visible_to(head))

    assert visible == {own, sub_unit_task}


def test_office_sees_every_tracked_task(office, unit, other_unit):
    issued = PlanFactory(issued=True)
    tasks = {PlanTaskFactory(plan=issued, lead_unit=u) for u in (unit, other_unit)}

    assert set(selectors.tasks_visible_to(office)) == tasks


def test_unit_head_does_not_see_draft_plans(head):
    draft, issued = PlanFactory(), PlanFactory(issued=True)

    assert list(selectors.plans_visible_to(head)) == [issued]
    assert set(selectors.plans_visible_to(make_council_member())) == {draft, issued}


def test_unit_submissions_of_another_unit_do_not_leak(head, unit, other_unit):
    request = SubmissionRequestFactory()
    own = UnitSubmissionFactory(request=request, unit=unit)
    UnitSubmissionFactory(request=request, unit=other_unit)
    UnitSubmissionFactory(request=SubmissionRequestFactory(plan=PlanFactory()), unit=unit)  # draft plan

    assert list(selectors.unit_submissions_visible_to(head)) == [own]


def test_request_counts_and_matrix(office):
    units = [UnitFactory() for _ in range(4)]
    request = SubmissionRequestFactory(due_date=datetime.date(2022, 3, 31))
    rows = [UnitSubmissionFactory(request=request, unit=u) for u in units]
    rows[0].submitted_at = datetime.datetime(2022, 3, 30, tzinfo=datetime.UTC)
    rows[1].submitted_at = datetime.datetime(2022, 4, 5, tzinfo=datetime.UTC)
    for row in rows[:2]:
        row.save()

    with time_machine.travel(datetime.datetime(2022, 4, 10, tzinfo=datetime.UTC)):
        counted = selectors.submission_requests_with_counts().get(pk=request.pk)
        matrix = selectors.submission_matrix()

    assert (counted.unit_count, counted.on_time_count, counted.late_count) == (4, 1, 1)
    assert (counted.overdue_count, counted.pending_count) == (2, 0)
    assert matrix["requests"] == [request]
    assert [r["problem_count"] for r in matrix["rows"]] == [1, 1, 1, 0]
    statuses = {r["unit"]: r["cells"][0].display_status for r in matrix["rows"]}
    assert statuses[units[0]] == SubmissionStatus.ON_TIME
    assert statuses[units[3]] == SubmissionStatus.OVERDUE


def test_office_summary_counts_overdue_and_due_soon(office, unit):
    today = timezone.localdate()
    plan = PlanFactory(issued=True, year=today.year)
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=today - datetime.timedelta(days=1))
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=today + datetime.timedelta(days=3))
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=today + datetime.timedelta(days=30))
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=today - datetime.timedelta(days=3), status="done")

    summary = selectors.office_task_summary(today=today)

    assert (summary["overdue"], summary["due_soon"]) == (1, 1)
    assert len(summary["items"]) == 2
    assert summary["items"][0].display_status == "overdue"


def test_plan_detail_attaches_annotated_tasks_to_task_blocks(unit):
    plan = PlanFactory(status=PlanStatus.ISSUED, number=1)
    task = PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(2022, 1, 31))
    PlanBlockFactory(plan=plan, kind="task", task=task)

    with time_machine.travel(datetime.datetime(2022, 2, 15, tzinfo=datetime.UTC)):
        detailed = selectors.plan_for_detail(plan)

    assert detailed.block_list[0].task.display_status == "overdue"
