"""Each notification mail once: a stable Message-ID, "sending" recorded before the SMTP exchange,
a mail left "sending" treated as uncertain (held, or resent under the same Message-ID); the scan
run again after a database error; the hourly schedule and the day's hour."""

import datetime
import logging

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from notifications import services
from notifications.enums import EmailStatus
from notifications.models import Notification, ReminderLog
from notifications.tasks import RETRY_ERRORS, task_reminders_scan
from tests.factories import UserFactory, make_unit_head
from tests.integration.smtp_sink import SmtpSink

from .conftest import at_vn

pytestmark = pytest.mark.django_db

D = datetime.date


def _left_sending(user, *, minutes_ago, attempts=1):
    """A notification whose sender died after recording "sending" (the SMTP answer never recorded)."""
    (notification,) = services.notify("plan_issued", to=user, title="Kế hoạch đã ban hành")
    Notification.objects.filter(pk=notification.pk).update(
        email_status=EmailStatus.SENDING,
        email_attempts=attempts,
        email_sending_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )
    return notification


def test_a_notification_mail_carries_a_message_id_derived_from_the_notification(committed):
    user = UserFactory(email="an@example.vn")

    with committed():
        first, second = services.notify("plan_issued", to=[user, UserFactory()], title="T")

    ids = [m.message()["Message-ID"] for m in mail.outbox]
    assert ids[0] == services.notification_message_id(first.pk)
    assert ids[0].startswith(f"<notification-{first.pk}.") and ids[0].endswith("@thiduakt.example.vn>")
    assert ids[0] != ids[1] == services.notification_message_id(second.pk)
    first.refresh_from_db()
    assert (first.email_status, first.email_attempts) == (EmailStatus.SENT, 1)


def test_the_message_id_cannot_be_made_from_the_id_alone(settings):
    mine = services.notification_message_id(7)
    settings.SECRET_KEY = "another-secret-key-of-another-installation-0123456789"

    assert services.notification_message_id(7) != mine


def test_a_mail_being_sent_is_not_sent_again_by_a_scan(scan_on):
    user = UserFactory()
    with time_machine.travel(at_vn(D(2022, 3, 24), 6), tick=False):
        notification = _left_sending(user, minutes_ago=1)

    with time_machine.travel(at_vn(D(2022, 3, 24), 6) + datetime.timedelta(minutes=2), tick=False):
        counts = services.reminders_scan(today=D(2022, 3, 24))

    assert mail.outbox == []
    assert (counts["mails_retried"], counts["mails_uncertain"], counts["mails_resent"]) == (0, 0, 0)
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENDING


def test_a_mail_left_sending_is_held_as_uncertain_never_sent_as_unsent(settings):
    settings.NOTIFICATION_MAIL_UNCERTAIN = "hold"
    notification = _left_sending(UserFactory(), minutes_ago=30)

    counts = services.reminders_scan(today=D(2022, 3, 24))

    assert mail.outbox == []
    assert counts["mails_uncertain"] == 1
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.UNCERTAIN


def test_with_resend_a_mail_left_sending_goes_once_more_under_the_same_message_id(settings):
    settings.NOTIFICATION_MAIL_UNCERTAIN = "resend"
    notification = _left_sending(UserFactory(), minutes_ago=30)
    twice = _left_sending(UserFactory(), minutes_ago=30, attempts=2)

    counts = services.reminders_scan(today=D(2022, 3, 24))

    (message,) = mail.outbox
    assert message.message()["Message-ID"] == services.notification_message_id(notification.pk)
    assert (counts["mails_resent"], counts["mails_uncertain"]) == (1, 1)
    notification.refresh_from_db()
    twice.refresh_from_db()
    assert (notification.email_status, notification.email_attempts) == (EmailStatus.SENT, 2)
    assert twice.email_status == EmailStatus.UNCERTAIN  # already sent twice: the administrator decides


def test_the_administrator_resends_an_uncertain_mail_under_its_message_id(client, settings):
    settings.NOTIFICATION_MAIL_UNCERTAIN = "hold"
    notification = _left_sending(UserFactory(), minutes_ago=30)
    services.notifications_mail_abandoned()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    changelist = reverse("admin:notifications_notification_changelist")
    listing = client.get(changelist + "?email_status__exact=uncertain")
    response = client.post(
        changelist,
        {"action": "resend_uncertain_mail", "_selected_action": [notification.pk]},
    )

    assert "Kế hoạch đã ban hành" in listing.content.decode()
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.message()["Message-ID"] == services.notification_message_id(notification.pk)
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT


def test_a_mail_server_that_refuses_leaves_the_mail_pending_not_uncertain(settings, committed):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1

    with committed():
        (notification,) = services.notify("plan_issued", to=UserFactory(), title="T")

    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.PENDING  # never reached: not even claimed
    assert (notification.email_attempts, notification.email_sending_at) == (0, None)


@pytest.fixture
def sink(settings):
    """A real SMTP server on a free port, the mail backend pointed at it."""
    server = SmtpSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


def test_a_recipient_the_server_refuses_leaves_the_mail_pending_and_the_next_scan_sends_it(sink, committed):
    sink.refuse_recipients = True
    with committed():
        (notification,) = services.notify("plan_issued", to=UserFactory(), title="T")
    notification.refresh_from_db()
    refused = (notification.email_status, notification.email_attempts, sink.message_ids())

    sink.refuse_recipients = False
    retried = services.notifications_mail_pending(now=timezone.now() + datetime.timedelta(minutes=11))

    assert refused == (EmailStatus.PENDING, 1, [])  # claimed, refused: certainly not with the server
    assert retried == 1
    assert sink.message_ids() == [services.notification_message_id(notification.pk)]
    notification.refresh_from_db()
    assert (notification.email_status, notification.email_attempts) == (EmailStatus.SENT, 2)


def test_a_connection_lost_once_the_server_has_the_mail_leaves_it_sending_then_uncertain(
    sink, committed, settings
):
    settings.NOTIFICATION_MAIL_UNCERTAIN = "hold"
    sink.hang_up_after_data = True
    with committed():
        (notification,) = services.notify("plan_issued", to=UserFactory(), title="T")
    notification.refresh_from_db()
    interrupted = notification.email_status

    sink.hang_up_after_data = False
    later = timezone.now() + datetime.timedelta(seconds=settings.NOTIFICATION_MAIL_STALE_SECONDS + 1)
    retried = services.notifications_mail_pending(now=later)
    settled = services.notifications_mail_abandoned(now=later)

    assert interrupted == EmailStatus.SENDING  # the server may have it: not pending, not sent
    assert retried == 0
    assert settled == {"resent": 0, "uncertain": 1}
    assert len(sink.message_ids()) == 1  # never sent as if unsent
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.UNCERTAIN


def test_a_database_error_in_an_after_commit_hook_is_logged_and_the_next_hooks_run(committed, caplog):
    ran = []

    def hook_losing_the_database():
        raise OperationalError("server closed the connection unexpectedly")

    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), committed():
        services.run_after_commit(hook_losing_the_database)
        services.run_after_commit(ran.append, "next")

    assert ran == ["next"]
    assert "Error calling test_a_database_error_in_an_after_commit_hook" in caplog.text
    assert "server closed the connection unexpectedly" in caplog.text


class FailingOnce:
    """A deadline provider whose first read loses the database, as a server restart does."""

    kind = "test_failing_once"
    label = "Việc thử nghiệm"

    def __init__(self, head, due):
        self.head, self.due, self.calls = head, due, 0

    def deadlines(self, today):
        from notifications.providers import Deadline

        self.calls += 1
        if self.calls == 1:
            raise OperationalError("terminating connection due to administrator command")
        yield Deadline(key="plans.PlanTask:1", due_date=self.due, title="Việc 1", recipients=[self.head])


def test_a_scan_that_loses_the_database_runs_again(django_capture_on_commit_callbacks):
    from notifications import providers

    provider = FailingOnce(make_unit_head(), D(2022, 3, 31))
    with providers.temporarily_registered(provider), django_capture_on_commit_callbacks(execute=True):
        counts = task_reminders_scan.apply(kwargs={"today": "2022-03-24"}).get()

    assert provider.calls == 2
    assert counts["sent"] == 1
    assert ReminderLog.objects.count() == 1 and len(mail.outbox) == 1


def test_the_scan_retries_database_and_broker_errors_with_a_bounded_backoff():
    assert OperationalError in RETRY_ERRORS and task_reminders_scan.autoretry_for == RETRY_ERRORS
    assert task_reminders_scan.retry_backoff and task_reminders_scan.max_retries == 8


def test_the_reminder_scan_runs_every_hour():
    (scan,) = PeriodicTask.objects.filter(task="thiduakt.notifications.scan").select_related("crontab")

    assert (scan.crontab.minute, scan.crontab.hour) == ("0", "*")
    assert str(scan.crontab.timezone) == "Asia/Ho_Chi_Minh" and scan.enabled


def test_the_days_reminders_wait_for_the_scan_hour_and_a_night_run_catches_up_the_day_before(settings):
    settings.REMINDER_SCAN_HOUR = 7

    assert services.reminder_day(at_vn(D(2022, 3, 24), 6)) == D(2022, 3, 23)
    assert services.reminder_day(at_vn(D(2022, 3, 24), 7)) == D(2022, 3, 24)
    assert services.reminder_day(at_vn(D(2022, 3, 24), 23)) == D(2022, 3, 24)


def test_hourly_scans_send_the_days_reminder_once_from_the_scan_hour(board, scan_on):
    head = make_unit_head()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])

    sent = [scan_on(D(2022, 3, 24), hour)["sent"] for hour in range(0, 24)]

    assert sent == [0] * 7 + [1] + [0] * 16
    assert mail.outbox[0].to == [head.email]


def _digest_waiting(user, titles):
    from notifications.models import NotificationPreference

    NotificationPreference.objects.update_or_create(user=user, defaults={"digest": True})
    for title in titles:
        services.notify("plan_issued", to=user, title=title)
    return Notification.objects.filter(recipient=user)


def test_a_digest_cut_off_once_the_server_has_it_is_left_sending_then_held_never_sent_again(sink, settings):
    settings.NOTIFICATION_MAIL_UNCERTAIN = "resend"  # even so: a digest's rows never go one by one
    user = UserFactory(email="an@example.vn")
    rows = _digest_waiting(user, ["Việc một", "Việc hai"])
    sink.hang_up_after_data = True

    sent = services.digest_send(today=D(2022, 3, 24))
    interrupted = set(rows.values_list("email_status", flat=True))
    sink.hang_up_after_data = False
    later = timezone.now() + datetime.timedelta(seconds=settings.NOTIFICATION_MAIL_STALE_SECONDS + 1)
    next_day = services.digest_send(today=D(2022, 3, 25))
    settled = services.notifications_mail_abandoned(now=later)

    assert sent == 0 and interrupted == {EmailStatus.SENDING}  # the server may have it
    assert next_day == 0  # not sent again under the next day's Message-ID
    assert settled == {"resent": 0, "uncertain": 2}
    assert len(sink.message_ids()) == 1
    assert set(rows.values_list("email_status", flat=True)) == {EmailStatus.UNCERTAIN}


def test_a_digest_the_server_refuses_waits_for_the_next_run(sink):
    user = UserFactory(email="an@example.vn")
    rows = _digest_waiting(user, ["Việc một"])
    sink.refuse_recipients = True

    refused = services.digest_send(today=D(2022, 3, 24))
    waiting = set(rows.values_list("email_status", flat=True))
    sink.refuse_recipients = False
    sent = services.digest_send(today=D(2022, 3, 24))

    assert (refused, waiting) == (0, {EmailStatus.DIGEST})
    assert sent == 1 and len(sink.message_ids()) == 1
    assert set(rows.values_list("email_status", flat=True)) == {EmailStatus.SENT}
