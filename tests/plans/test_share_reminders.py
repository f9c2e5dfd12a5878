"""A task addressed to a group of units reminds each unit of its own share, until that share is
done: through the real reminder scan of the notifications app, its log and its mails."""

import datetime

import pytest
from django.core import mail

from notifications.models import ReminderLog
from notifications.services import reminders_scan
from tests.factories import PlanFactory, UnitFactory, make_group_task, make_office_user, make_unit_head

pytestmark = pytest.mark.django_db

DUE = datetime.date(2022, 3, 31)
WEEK_BEFORE = datetime.date(2022, 3, 24)
DAY_AFTER = datetime.date(2022, 4, 1)


@pytest.fixture
def plan():
    return PlanFactory(issued=True, year=2022)


@pytest.fixture
def heads():
    """The head of the office that leads the task and the heads of three hospitals."""
    return {name: make_unit_head(UnitFactory(name=name)) for name in ("Văn phòng", "BV A", "BV B", "BV C")}


def _group_task(plan, heads, statuses=("not_started", "in_progress", "not_started")):
    units = [heads[name].head_of_unit for name in ("BV A", "BV B", "BV C")]
    return make_group_task(
        plan, units=units, statuses=statuses, lead_unit=heads["Văn phòng"].head_of_unit, due_date=DUE
    )


def _reminded(offset: int) -> set[int]:
    return set(ReminderLog.objects.filter(offset_days=offset).values_list("recipient_id", flat=True))


def test_each_unit_with_a_share_gets_its_own_reminder_a_week_before(
    plan, heads, django_capture_on_commit_callbacks
):
    task = _group_task(plan, heads)

    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan(today=WEEK_BEFORE)

    assert _reminded(7) == {heads["BV A"].pk, heads["BV B"].pk, heads["BV C"].pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(heads[n].email for n in ("BV A", "BV B", "BV C"))
    keys = set(ReminderLog.objects.values_list("key", flat=True))
    assert keys == {f"plans.PlanTaskAssignment:{share.pk}" for share in task.assignments.all()}
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {"plan_task_share"}


def test_a_unit_whose_share_is_done_gets_no_reminder_and_the_others_still_do(
    plan, heads, django_capture_on_commit_callbacks
):
    _group_task(plan, heads, statuses=("done", "in_progress", "not_started"))

    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan(today=WEEK_BEFORE)

    assert _reminded(7) == {heads["BV B"].pk, heads["BV C"].pk}
    assert heads["BV A"].email not in [m.to[0] for m in mail.outbox]


def test_an_overdue_share_reminds_its_unit_and_escalates_once_per_unit_still_open(plan, heads):
    office = make_office_user()
    _group_task(plan, heads, statuses=("done", "in_progress", "not_started"))

    reminders_scan(today=DAY_AFTER)

    assert _reminded(-1) == {heads["BV B"].pk, heads["BV C"].pk, office.pk}
    escalations = ReminderLog.objects.filter(recipient=office, escalation=True)
    assert escalations.count() == 2  # one per unit whose share is overdue


def test_a_share_done_after_the_first_reminder_gets_no_more(plan, heads):
    task = _group_task(plan, heads)
    reminders_scan(today=WEEK_BEFORE)
    task.assignments.filter(unit=heads["BV A"].head_of_unit).update(status="done")

    reminders_scan(today=DAY_AFTER)

    assert _reminded(-1) == {heads["BV B"].pk, heads["BV C"].pk}


def test_a_task_the_office_closes_stops_the_reminders_of_every_share(plan, heads):
    task = _group_task(plan, heads)
    task.status = "done"
    task.save(update_fields=["status"])

    reminders_scan(today=WEEK_BEFORE)

    assert ReminderLog.objects.count() == 0


def test_the_lead_unit_of_a_group_task_is_not_reminded_of_the_whole_task(plan, heads):
    _group_task(plan, heads)

    reminders_scan(today=WEEK_BEFORE)

    assert heads["Văn phòng"].pk not in _reminded(7)


def test_the_shares_of_a_draft_plan_remind_nobody(heads):
    _group_task(PlanFactory(year=2022), heads)

    reminders_scan(today=WEEK_BEFORE)

    assert ReminderLog.objects.count() == 0
