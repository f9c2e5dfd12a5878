"""Plan tasks and submission requests reach the reminder scan of the notifications app."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification, ReminderLog
from notifications.services import reminders_scan
from tests.factories import (
    PlanFactory,
    PlanTaskFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db

WEEK_BEFORE = datetime.date(2022, 3, 24)


@pytest.fixture
def plan():
    return PlanFactory(issued=True, year=2022)


def test_a_task_of_an_issued_plan_reminds_its_lead_unit_head_a_week_before(
    plan, django_capture_on_commit_callbacks
):
    head = make_unit_head(UnitFactory())
    other_head = make_unit_head(UnitFactory())
    PlanTaskFactory(plan=plan, lead_unit=head.head_of_unit, due_date=datetime.date(2022, 3, 31))

    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan(today=WEEK_BEFORE)

    assert list(ReminderLog.objects.values_list("recipient_id", "offset_days")) == [(head.pk, 7)]
    assert not Notification.objects.filter(recipient=other_head).exists()
    assert [m.to for m in mail.outbox] == [[head.email]]


def test_a_task_of_a_draft_plan_reminds_nobody():
    head = make_unit_head(UnitFactory())
    PlanTaskFactory(
        plan=PlanFactory(year=2022), lead_unit=head.head_of_unit, due_date=datetime.date(2022, 3, 31)
    )

    reminders_scan(today=WEEK_BEFORE)

    assert ReminderLog.objects.count() == 0


def test_a_done_task_stops_reminding(plan):
    head = make_unit_head(UnitFactory())
    PlanTaskFactory(
        plan=plan, lead_unit=head.head_of_unit, due_date=datetime.date(2022, 3, 31), status="done"
    )

    reminders_scan(today=WEEK_BEFORE)

    assert ReminderLog.objects.count() == 0


def test_an_overdue_task_escalates_to_the_office(plan):
    office = make_office_user()
    head = make_unit_head(UnitFactory())
    PlanTaskFactory(plan=plan, lead_unit=head.head_of_unit, due_date=datetime.date(2022, 3, 31))

    reminders_scan(today=datetime.date(2022, 4, 1))

    recipients = set(ReminderLog.objects.filter(offset_days=-1).values_list("recipient_id", flat=True))
    assert recipients == {head.pk, office.pk}


def test_a_submission_request_reminds_only_units_that_have_not_sent(plan):
    late_head, done_head = make_unit_head(UnitFactory()), make_unit_head(UnitFactory())
    request = SubmissionRequestFactory(plan=plan, due_date=datetime.date(2022, 3, 31))
    UnitSubmissionFactory(request=request, unit=late_head.head_of_unit)
    UnitSubmissionFactory(request=request, unit=done_head.head_of_unit, submitted_at=timezone.now())

    reminders_scan(today=WEEK_BEFORE)

    assert list(ReminderLog.objects.values_list("recipient_id", flat=True)) == [late_head.pk]


def test_running_the_scan_twice_sends_each_reminder_once(plan):
    head = make_unit_head(UnitFactory())
    PlanTaskFactory(plan=plan, lead_unit=head.head_of_unit, due_date=datetime.date(2022, 3, 31))

    reminders_scan(today=WEEK_BEFORE)
    reminders_scan(today=WEEK_BEFORE)

    assert ReminderLog.objects.count() == 1
    assert Notification.objects.filter(recipient=head).count() == 1
