"""Reminders on the real parts: PostgreSQL, a Redis broker, Celery worker processes and beat.

The workers import tests/notifications/fixture_providers.py (THIDUAKT_TEST_PROVIDERS): every unit
with a code starting "NV-" is a deadline on its ``valid_to`` for its heads. They write mails to
files (EMAIL_URL=filemail://...), which the tests read.
"""

import datetime
import logging
import signal
import time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from notifications.models import Notification, ReminderLog
from notifications.services import local_today
from notifications.tasks import task_reminders_scan
from tests.factories import make_office_user

from .conftest import REMINDER_QUEUE, units_due_in_7_days, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCAN_SUCCEEDED = b"] succeeded in"


def test_one_reminder_end_to_end_through_beat_and_a_worker(reminder_workers):
    (head,) = units_due_in_7_days(1)
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="scan every second (test)",
        task="thiduakt.notifications.scan",
        interval=every_second,
        queue=REMINDER_QUEUE,
    )

    worker = reminder_workers.start("beat-worker", beat=True)
    reminder_workers.wait_for(worker, SCAN_SUCCEEDED, count=4)  # the first tick and three repeats

    (mail,) = reminder_workers.mails()
    to, subject, body = mail
    due = (local_today() + datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    assert to == head.email
    assert subject == f"[TĐKT] Nhắc việc: Báo cáo thi đua của Trung tâm Y tế số 0 (hạn {due}, còn 7 ngày)"
    assert "https://thiduakt.example.vn/units/?unit=" in body
    assert ReminderLog.objects.get().recipient == head


def test_a_worker_killed_mid_scan_leaves_nothing_unsent_and_nothing_twice(reminder_workers):
    heads = units_due_in_7_days(40)
    slow = reminder_workers.start("killed", env={"THIDUAKT_TEST_PROVIDER_DELAY": "0.15"})
    sent_at = time.monotonic()
    result = task_reminders_scan.apply_async(queue=REMINDER_QUEUE)

    assert wait_until(lambda: ReminderLog.objects.count() >= 10)
    time.sleep(max(0.0, 3.0 - (time.monotonic() - sent_at)))  # older than the visibility timeout (2 s)
    slow.send_signal(signal.SIGKILL)
    slow.wait(timeout=10)
    sent_before_kill = ReminderLog.objects.count()
    assert 10 <= sent_before_kill < 40, sent_before_kill

    reminder_workers.start("replacement")  # the unacknowledged scan is handed to it (late ack)
    counts = result.get(timeout=60)

    assert ReminderLog.objects.count() == 40
    assert counts["sent"] + sent_before_kill == 40
    mails = reminder_workers.mails()
    # A mail the kill caught in the middle of its hand-over stays "sending" (the server may have
    # it: never sent again as if unsent; tests/integration/test_reminder_faults.py); every other
    # one went out, once.
    sending = Notification.objects.filter(email_status="sending")
    in_doubt = list(sending.values_list("recipient__email", flat=True))
    assert len(in_doubt) <= 1
    assert sorted([to for to, _subject, _body in mails] + in_doubt) == sorted(h.email for h in heads)
    assert not Notification.objects.filter(email_status="pending").exists()


def test_two_workers_scanning_at_once_send_each_reminder_once(reminder_workers):
    heads = units_due_in_7_days(30)
    for name in ("one", "two"):
        reminder_workers.start(name, env={"THIDUAKT_TEST_PROVIDER_DELAY": "0.02"})

    results = [task_reminders_scan.apply_async(queue=REMINDER_QUEUE) for _ in range(2)]
    counts = [r.get(timeout=60) for r in results]

    assert sum(c["sent"] for c in counts) == 30
    assert ReminderLog.objects.count() == 30
    assert sorted(to for to, _s, _b in reminder_workers.mails()) == sorted(h.email for h in heads)


def test_with_the_broker_down_pages_work_and_the_reminder_goes_out_once_it_is_back(
    reminder_workers, redis_proc, client, caplog
):
    (head,) = units_due_in_7_days(1)
    client.force_login(make_office_user())

    redis_proc.stop()
    try:
        with caplog.at_level(logging.WARNING, logger="notifications.tasks"):
            started = time.monotonic()
            response = client.post(reverse("notifications:scan"))
            elapsed = time.monotonic() - started
        page = client.get(reverse("notifications:sent"))
    finally:
        redis_proc.start()

    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["info"]
    assert "broker unavailable" in caplog.text
    assert elapsed < 5
    assert page.status_code == 200
    assert not ReminderLog.objects.exists()

    # Back the next morning: the scan of the next day still sends the reminder that was due today.
    reminder_workers.start("after-outage")
    tomorrow = (local_today() + datetime.timedelta(days=1)).isoformat()
    counts = task_reminders_scan.apply_async(kwargs={"today": tomorrow}, queue=REMINDER_QUEUE).get(timeout=60)

    assert counts["sent"] == 1
    assert [to for to, _s, _b in reminder_workers.mails()] == [head.email]
