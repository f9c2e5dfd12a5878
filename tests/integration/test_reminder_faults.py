"""Reminder mail under faults, on the real parts: worker processes on the private PostgreSQL and
Redis, an SMTP server (tests/integration/smtp_sink.py) that can hold its answer. Mails are
counted where they arrive, at the SMTP server: in total and by Message-ID.

- a worker killed (kill -9) while a mail is with the server: that mail is never sent again as
  if unsent (held as uncertain, or sent once more under the same Message-ID);
- the database restarted while a mail is with the server: the mail is recorded sent, not resent;
- the database restarted mid-scan: the scan runs again (backoff) and finishes, each mail once;
- the broker down when the scan was due: a worker that starts catches up.
"""

import os
import signal
import time

import pytest
from django.db import connection

from notifications.enums import EmailStatus
from notifications.models import Notification, ReminderLog
from notifications.tasks import task_reminders_scan
from tests.services import DATADIR_ENV, pg_restart

from .conftest import REMINDER_QUEUE, units_due_in_7_days, wait_until
from .smtp_sink import SmtpSink

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

needs_own_server = pytest.mark.skipif(
    not os.environ.get(DATADIR_ENV), reason="restarts the private PostgreSQL of tests/services.py"
)


@pytest.fixture
def sink():
    server = SmtpSink().start()
    yield server
    server.stop()


def _ids_of(notifications):
    return {f"<notification-{n.pk}." for n in notifications}


def _prefixes(message_ids):
    return [m.split(".", 1)[0] + "." for m in message_ids]


def _after_restart():
    connection.close()  # this process's connection died with the server


@pytest.mark.parametrize("policy", ["hold", "resend"])
def test_a_worker_killed_while_the_server_holds_a_mail_never_mails_it_under_a_new_id(
    reminder_workers, sink, policy
):
    heads = units_due_in_7_days(3)
    sink.delays = [60.0]  # the first mail's "250" is held until the worker is dead
    env = {
        "EMAIL_URL": sink.url,
        "NOTIFICATION_MAIL_STALE_SECONDS": "2",
        "NOTIFICATION_MAIL_UNCERTAIN": policy,
    }
    killed = reminder_workers.start("killed", env=env)
    result = task_reminders_scan.apply_async(queue=REMINDER_QUEUE)

    assert sink.wait_for(1, timeout=30)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    sink.release.set()  # the server answers nobody now
    (first,) = Notification.objects.filter(email_status=EmailStatus.SENDING)
    time.sleep(3)  # past the stale time (2 s) and the visibility timeout (2 s): the scan comes back
    reminder_workers.start("replacement", env=env)
    counts = result.get(timeout=60)

    ids = sink.message_ids()
    notifications = list(Notification.objects.order_by("pk"))
    assert ReminderLog.objects.count() == 3 and len(notifications) == 3
    assert len(set(ids)) == 3  # one Message-ID per notification, whatever happened
    assert set(_prefixes(ids)) == _ids_of(notifications)
    again = [first.recipient.email] if policy == "resend" else []
    assert sorted(sink.recipients()) == sorted([h.email for h in heads] + again)
    first.refresh_from_db()
    if policy == "hold":
        assert len(ids) == 3  # nothing mailed twice
        assert first.email_status == EmailStatus.UNCERTAIN and counts["mails_uncertain"] == 1
    else:
        assert len(ids) == 4 and ids.count(ids[0]) == 2  # once more, under the same Message-ID
        assert first.email_status == EmailStatus.SENT and counts["mails_resent"] == 1
    others = [n for n in notifications if n.pk != first.pk]
    assert {n.email_status for n in others} == {EmailStatus.SENT}


@needs_own_server
def test_the_database_restarted_while_the_server_holds_a_mail_records_it_sent_and_mails_once(
    reminder_workers, sink
):
    heads = units_due_in_7_days(3)
    sink.delays = [5.0]
    reminder_workers.start("worker", env={"EMAIL_URL": sink.url, "NOTIFICATION_MAIL_STALE_SECONDS": "2"})
    result = task_reminders_scan.apply_async(queue=REMINDER_QUEUE)

    assert sink.wait_for(1, timeout=30)
    pg_restart()  # while the first mail waits for its "250"
    _after_restart()
    result.get(timeout=90)

    ids = sink.message_ids()
    assert len(ids) == len(set(ids)) == 3
    assert sorted(sink.recipients()) == sorted(h.email for h in heads)
    assert ReminderLog.objects.count() == 3
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


@needs_own_server
def test_a_scan_cut_off_by_a_database_restart_runs_again_and_mails_each_reminder_once(reminder_workers, sink):
    heads = units_due_in_7_days(8)
    env = {"EMAIL_URL": sink.url, "THIDUAKT_TEST_PROVIDER_DELAY": "1.0"}
    worker = reminder_workers.start("worker", env=env)
    result = task_reminders_scan.apply_async(queue=REMINDER_QUEUE)

    def between_two_deadlines():  # the third reminder recorded and mailed: the scan waits for the next
        logged = ReminderLog.objects.count()
        mailed = Notification.objects.filter(email_status=EmailStatus.SENT).count()
        return logged >= 3 and logged == mailed == len(sink.message_ids())

    assert wait_until(between_two_deadlines, step=0.02)
    pg_restart()
    _after_restart()
    counts = result.get(timeout=120)

    assert b"Retry in" in worker.log.read_bytes()  # the scan died with the connection and ran again
    ids = sink.message_ids()
    assert len(ids) == len(set(ids)) == 8
    assert sorted(sink.recipients()) == sorted(h.email for h in heads)
    assert ReminderLog.objects.count() == 8 and counts["sent"] < 8  # the others went out before the restart
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_with_the_broker_down_at_the_scheduled_minute_a_starting_worker_catches_up(
    reminder_workers, sink, redis_proc
):
    heads = units_due_in_7_days(2)

    redis_proc.stop()  # the scheduled run cannot be published, nor the worker connect
    try:
        worker = reminder_workers.start(
            "after-outage", env={"EMAIL_URL": sink.url, "REMINDER_SCAN_ON_WORKER_START": "true"}, wait=False
        )
        time.sleep(3)
    finally:
        redis_proc.start()
    reminder_workers.wait_for(worker, b"ready.", timeout=60)

    assert sink.wait_for(2, timeout=60)  # no beat, no button: the worker's own start-up scan
    time.sleep(1)
    ids = sink.message_ids()
    assert len(ids) == len(set(ids)) == 2
    assert sorted(sink.recipients()) == sorted(h.email for h in heads)


def test_a_run_beat_could_not_publish_is_made_up_by_the_next_run(reminder_workers, sink, redis_proc):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    # Every 3 s stands in for every hour: the schedule the migration sets (tests/notifications).
    every, _ = IntervalSchedule.objects.get_or_create(every=3, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="scan (test)", task="thiduakt.notifications.scan", interval=every, queue=REMINDER_QUEUE
    )
    worker = reminder_workers.start("beat-worker", beat=True, env={"EMAIL_URL": sink.url})
    reminder_workers.wait_for(worker, b"] succeeded in", count=1, timeout=30)

    redis_proc.stop()  # the next scheduled run cannot be published
    try:
        (head,) = units_due_in_7_days(1)
        time.sleep(4)
        assert sink.message_ids() == []
    finally:
        redis_proc.start()

    assert sink.wait_for(1, timeout=60)
    time.sleep(4)  # later runs send nothing more
    ids = sink.message_ids()
    assert len(ids) == len(set(ids)) == 1
    assert sink.recipients() == [head.email]
