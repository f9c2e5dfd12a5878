import datetime
import logging
import time

import pytest
from django.core import mail
from django_celery_beat.models import PeriodicTask

from notifications import providers
from notifications.models import ReminderLog
from notifications.tasks import enqueue, task_digest_send, task_reminders_scan
from tests.factories import UnitFactory, make_office_user, make_unit_head

pytestmark = pytest.mark.django_db

D = datetime.date


def test_enqueue_with_the_broker_down_logs_and_returns_false(broker_down, caplog):
    started = time.monotonic()

    with caplog.at_level(logging.WARNING, logger="notifications.tasks"):
        queued = enqueue(task_reminders_scan, today="2022-03-24")

    assert queued is False
    assert time.monotonic() - started < 5
    assert "Could not enqueue thiduakt.notifications.scan" in caplog.text


def test_the_scan_task_calls_the_scan_for_the_given_day(board, django_capture_on_commit_callbacks):
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[make_unit_head()])

    with django_capture_on_commit_callbacks(execute=True):
        counts = task_reminders_scan.apply(kwargs={"today": "2022-03-24"}).get()

    assert counts["sent"] == 1
    assert len(mail.outbox) == 1


def test_the_tasks_are_named_and_acknowledged_late():
    assert task_reminders_scan.name == "thiduakt.notifications.scan"
    assert task_digest_send.name == "thiduakt.notifications.digest"
    assert task_reminders_scan.acks_late and task_digest_send.acks_late


def test_the_schedule_is_in_the_database_in_vietnam_time(settings):
    rows = {p.task: p for p in PeriodicTask.objects.select_related("crontab")}

    scan = rows["thiduakt.notifications.scan"]
    assert (scan.crontab.hour, scan.crontab.minute) == ("*", "0")  # hourly; the day waits for the hour
    assert str(scan.crontab.timezone) == "Asia/Ho_Chi_Minh"
    assert scan.enabled
    assert "thiduakt.notifications.digest" in rows
    assert "thiduakt.units.close_expired" in rows


@pytest.fixture
def unit_deadlines():
    from tests.notifications import fixture_providers

    providers.register(fixture_providers.UnitDeadlines)
    yield fixture_providers.UnitDeadlines
    providers.unregister("test_unit_deadline")


def test_the_worker_fixture_provider_reads_its_deadlines_from_the_database(
    unit_deadlines, django_capture_on_commit_callbacks
):
    office = make_office_user()
    unit = UnitFactory(code="NV-001", valid_to=D(2022, 3, 31))
    head = make_unit_head(unit)
    UnitFactory(code="DV-999", valid_to=D(2022, 3, 31))  # not a test deadline

    with django_capture_on_commit_callbacks(execute=True):
        task_reminders_scan.apply(kwargs={"today": "2022-04-01"})

    assert sorted(ReminderLog.objects.values_list("recipient__username", "escalation")) == sorted(
        [(head.username, False), (office.username, True)]
    )
