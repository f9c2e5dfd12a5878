"""Writes of the notifications app: the one funnel (``notify``), the reminder scan, the digest.

Mail delivery is an outbox: ``notify`` records the row with ``email_status=PENDING`` and sends
after the commit. Each send takes three steps, each committed on its own: once the SMTP server
answers, the row is claimed (PENDING → SENDING, a conditional update nobody else can win at the
same time), the mail is handed over under a Message-ID derived from the notification (the same at
every attempt), and the row is marked SENT. A process killed before the claim leaves the row
PENDING, and the next scan sends it (``notifications_mail_pending``). One killed, or cut off from
the database, after the claim leaves it SENDING: the server may have the mail, so it is never sent
as if it were unsent; once stale it is either held as UNCERTAIN for the administrator or sent once
more with the same Message-ID (``NOTIFICATION_MAIL_UNCERTAIN``).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.template.loader import render_to_string, select_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import providers
from .enums import EmailStatus, Kind
from .models import Notification, NotificationPreference, ReminderLog, ReminderResend, new_calendar_token
from .providers import Deadline

logger = logging.getLogger(__name__)
User = get_user_model()


# ---------------------------------------------------------------------------------------------
# The funnel
# ---------------------------------------------------------------------------------------------
def notify(
    kind: str,
    *,
    to,
    title: str,
    body: str = "",
    url: str = "",
    source: str = "",
    by=None,
) -> list[Notification]:
    """Tell people something: one in-app row each, and a mail after the commit.

    ``to`` is a user or an iterable of users (inactive ones are skipped). People who chose the
    daily digest get their mail from ``digest_send``; people without an address get no mail.
    """
    users = [to] if isinstance(to, User) else list(to)
    digest_ids = set(
        NotificationPreference.objects.filter(user__in=[u.pk for u in users], digest=True).values_list(
            "user_id", flat=True
        )
    )
    created = []
    for user in users:
        if not user.is_active:
            continue
        if not user.email:
            status = EmailStatus.NONE
        elif user.pk in digest_ids:
            status = EmailStatus.DIGEST
        else:
            status = EmailStatus.PENDING
        notification = Notification.objects.create(
            recipient=user,
            kind=kind,
            title=_one_line(title)[:300],
            body=body,
            url=url,
            source=source,
            created_by=by if by is not None and getattr(by, "pk", None) else None,
            email_status=status,
        )
        if status == EmailStatus.PENDING:
            run_after_commit(notification_mail_send, notification.pk)
        created.append(notification)
    return created


def run_after_commit(func: Callable, /, *args, **kwargs) -> None:
    """Call ``func(*args, **kwargs)`` after the commit; an error is logged and stops nothing else.

    The hook is a named function: Django logs a robust hook's error under the hook's
    ``__qualname__``, which a ``functools.partial`` lacks (the logging itself then raises, and the
    error escapes into the code that committed, such as the rest of a reminder scan).
    """

    def after_commit():
        func(*args, **kwargs)

    after_commit.__qualname__ = getattr(func, "__qualname__", repr(func))
    transaction.on_commit(after_commit, robust=True)


def absolute_url(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _subject(title: str) -> str:
    return _one_line(_("[TĐKT] %(title)s") % {"title": title})


def _email_templates(kind: str, ext: str):
    return select_template([f"emails/{kind}.{ext}", f"emails/default.{ext}"])


def mail_domain() -> str:
    """The right-hand side of the Message-IDs: the site's host name."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def notification_message_id(notification_id: int) -> str:
    """The Message-ID of a notification's mail: the same at every attempt, not guessable from the id
    alone (a keyed hash), so that a mail server or client that received it already drops a copy."""
    tag = salted_hmac("thiduakt.notifications.message-id", str(notification_id)).hexdigest()[:16]
    return f"<notification-{notification_id}.{tag}@{mail_domain()}>"


def _notification_email(notification: Notification) -> EmailMultiAlternatives:
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "link": absolute_url(notification.url),
        "site_url": settings.SITE_URL,
        "settings_link": absolute_url(_settings_path()),
    }
    text = _email_templates(notification.kind, "txt").render(context)
    html = _email_templates(notification.kind, "html").render(context)
    message = EmailMultiAlternatives(
        subject=_subject(notification.title),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        headers={"Message-ID": notification_message_id(notification.pk)},
    )
    message.attach_alternative(html, "text/html")
    return message


def _settings_path() -> str:
    return reverse("notifications:settings")


# The server said no, or was never reached: the mail is certainly not with it.
MAIL_NOT_DELIVERED = (
    smtplib.SMTPResponseException,  # a refusal with a code: connect, HELO, sender, data, auth
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPNotSupportedError,
    ConnectionRefusedError,
    socket.gaierror,
)
# How long the worker keeps trying to record a mail the server accepted while the database is
# away (a restart): recorded, the mail is SENT; not recorded, it stays SENDING (uncertain).
MARK_SENT_PATIENCE_SECONDS = 60


def notification_mail_send(notification_id: int) -> bool:
    """Send the mail of one notification if it is still pending. True when sent now."""
    return _mail_send(notification_id, email_status=EmailStatus.PENDING)


def _mail_send(notification_id: int, **claim) -> bool:
    """Send the mail of the notification if its row still matches ``claim`` (its status, and for a
    stale "sending" row the moment it was claimed), claiming it first. True when sent now."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id, **claim).first()
    )
    if notification is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        message = _notification_email(notification)
    return _mail_claim_and_deliver(
        notification, message, Notification.objects.filter(pk=notification_id, **claim)
    )


def _mail_claim_and_deliver(notification: Notification, message: EmailMultiAlternatives, claim) -> bool:
    """Connect to the mail server, claim the row (SENDING, committed), send, record the outcome.

    The connection (SMTP greeting, TLS, login) comes before the claim: a server that cannot be
    reached, or a process that dies meanwhile, leaves the row as it was, certainly not delivered.
    Only the exchange that hands the mail over runs with the row SENDING.
    """
    mail_connection = get_connection()
    try:
        mail_connection.open()
    except Exception:
        logger.exception("Mail server unreachable for notification %s; it stays as it was", notification.pk)
        return False
    try:
        claimed = claim.update(
            email_status=EmailStatus.SENDING,
            email_sending_at=timezone.now(),
            email_attempts=F("email_attempts") + 1,
        )
        if not claimed:  # another process is sending it
            return False
        message.connection = mail_connection
        return _mail_deliver(notification, message)
    finally:
        try:
            mail_connection.close()
        except Exception:  # a failed goodbye after the exchange changes nothing
            logger.warning("Closing the mail connection failed", exc_info=True)


def _mail_deliver(notification: Notification, message: EmailMultiAlternatives) -> bool:
    """The exchange of a claimed (SENDING) notification's mail, then its outcome recorded."""
    try:
        message.send()
    except MAIL_NOT_DELIVERED:
        logger.exception(
            "Mail of notification %s to %s refused or server unreachable; it stays pending",
            notification.pk,
            notification.recipient.email,
        )
        _mail_record(notification.pk, status=EmailStatus.PENDING)
        return False
    except Exception:
        logger.exception(
            "Mail of notification %s to %s interrupted: the server may have it; left sending (uncertain)",
            notification.pk,
            notification.recipient.email,
        )
        return False
    _mail_record(notification.pk, status=EmailStatus.SENT, emailed_at=timezone.now())
    return True


def _mail_record(notification_id: int, *, status: str, **fields) -> None:
    """Record the outcome of a send, waiting out a database restart (bounded)."""
    deadline = time.monotonic() + MARK_SENT_PATIENCE_SECONDS
    pause = 0.5
    while True:
        try:
            Notification.objects.filter(pk=notification_id, email_status=EmailStatus.SENDING).update(
                email_status=status, **fields
            )
            return
        except (OperationalError, InterfaceError):
            if connection.in_atomic_block or time.monotonic() + pause > deadline:
                logger.error("Could not record mail of notification %s as %s", notification_id, status)
                raise
            logger.warning("Database away recording mail of notification %s; retrying", notification_id)
            connection.close()
            time.sleep(pause)
            pause = min(pause * 2, 5)


def notification_mail_resend(notification: Notification) -> bool:
    """Send an uncertain mail again, under its own Message-ID (the administrator's decision)."""
    return _mail_send(notification.pk, email_status=EmailStatus.UNCERTAIN)


def notifications_mail_pending(*, now: datetime.datetime | None = None) -> int:
    """Send the mails still pending (an SMTP failure, a process killed after the commit)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=settings.REMINDER_GRACE_DAYS + 1)
    pending = Notification.objects.filter(email_status=EmailStatus.PENDING, created_at__gte=since)
    if not connection.features.has_select_for_update_skip_locked:
        # Without row locks (SQLite) leave fresh rows to the process that created them.
        pending = pending.filter(created_at__lte=now - datetime.timedelta(minutes=10))
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    return sum(notification_mail_send(pk) for pk in ids)


def notifications_mail_abandoned(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Settle the mails left "sending" longer than NOTIFICATION_MAIL_STALE_SECONDS.

    Their server may have them. With NOTIFICATION_MAIL_UNCERTAIN="resend" a mail sent once only
    goes once more under the same Message-ID; otherwise (the default, "hold") it is marked
    UNCERTAIN for the administrator, who sends it again from the admin or leaves it.
    """
    now = now or timezone.now()
    stale = Notification.objects.filter(
        email_status=EmailStatus.SENDING,
        email_sending_at__lt=now - datetime.timedelta(seconds=settings.NOTIFICATION_MAIL_STALE_SECONDS),
    )
    counts = Counter(resent=0, uncertain=0)
    resend = settings.NOTIFICATION_MAIL_UNCERTAIN == "resend"
    # A digest's rows went out together under the digest's own Message-ID: never one by one.
    digest_readers = set(NotificationPreference.objects.filter(digest=True).values_list("user_id", flat=True))
    rows = stale.order_by("pk").values_list("pk", "recipient_id", "email_attempts", "email_sending_at")
    for pk, recipient_id, attempts, since in rows:
        if resend and attempts < 2 and recipient_id not in digest_readers:
            counts["resent"] += _mail_send(pk, email_status=EmailStatus.SENDING, email_sending_at=since)
            continue
        held = Notification.objects.filter(
            pk=pk, email_status=EmailStatus.SENDING, email_sending_at=since
        ).update(email_status=EmailStatus.UNCERTAIN)
        if held:
            logger.warning("Mail of notification %s may have been delivered: held as uncertain", pk)
            counts["uncertain"] += 1
    return dict(counts)


# ---------------------------------------------------------------------------------------------
# Reading and preferences
# ---------------------------------------------------------------------------------------------
def notification_mark_read(notification: Notification, *, by) -> bool:
    """Mark one of the user's own notifications read. False if it was already read."""
    if notification.recipient_id != by.pk:
        raise PermissionError("not the recipient")
    updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return bool(updated)


def notifications_mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def preference_for(user) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def preference_update(user, *, digest: bool) -> NotificationPreference:
    preference = preference_for(user)
    if preference.digest != digest:
        preference.digest = digest
        preference.save(update_fields=["digest", "updated_at"])
    return preference


def calendar_token_reset(user) -> str:
    """A new secret for the user's calendar feed; the old feed address stops working."""
    preference = preference_for(user)
    preference.calendar_token = new_calendar_token()
    preference.save(update_fields=["calendar_token", "updated_at"])
    return preference.calendar_token


# ---------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------
def local_today() -> datetime.date:
    """Today in the project's time zone (Asia/Ho_Chi_Minh), whatever zone a request activated."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def reminder_day(now: datetime.datetime | None = None) -> datetime.date:
    """The day whose reminders are due now: today from REMINDER_SCAN_HOUR on, before it yesterday.

    The scan runs every hour; the day's reminders go out at the first run from that hour (07:00
    by default), not at midnight, and a run in the small hours still catches up the day before.
    """
    local = timezone.localtime(now or timezone.now(), timezone.get_default_timezone())
    if local.hour < settings.REMINDER_SCAN_HOUR:
        return local.date() - datetime.timedelta(days=1)
    return local.date()


def reminder_offset_due(due_date: datetime.date, today: datetime.date) -> int | None:
    """The offset whose reminder is due today for this due date, or None.

    A reminder is due on ``due_date - offset``. One missed because no scan ran that day still
    goes out up to REMINDER_GRACE_DAYS later; when several are waiting, only the latest (the
    most urgent) goes out: nobody needs "7 days left" once "1 day left" is true.
    """
    grace = datetime.timedelta(days=settings.REMINDER_GRACE_DAYS)
    waiting = [
        offset
        for offset in set(settings.REMINDER_OFFSETS_DAYS)
        if today - grace <= due_date - datetime.timedelta(days=offset) <= today
    ]
    return min(waiting) if waiting else None


def reminders_scan(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send every reminder due on ``today`` (by default :func:`reminder_day`), exactly once per
    (item, due date, offset, recipient).

    Safe to run any number of times, in parallel too: the reminder log's unique constraint
    decides who sends. Returns counts: deadlines due, reminders sent, already sent, escalations,
    mails retried, and abandoned mails resent or held as uncertain.
    """
    today = today or reminder_day()
    counts = Counter(deadlines=0, sent=0, already_sent=0, escalated=0)
    abandoned = notifications_mail_abandoned()
    counts["mails_resent"], counts["mails_uncertain"] = abandoned["resent"], abandoned["uncertain"]
    counts["mails_retried"] = notifications_mail_pending()
    for provider in providers.registered():
        for deadline in providers.deadlines_of(provider, today):
            offset = reminder_offset_due(deadline.due_date, today)
            if offset is None:
                continue
            counts["deadlines"] += 1
            for user, escalation in _reminder_recipients(deadline, offset):
                if _reminder_send(deadline, offset=offset, user=user, escalation=escalation, today=today):
                    counts["sent"] += 1
                    counts["escalated"] += escalation
                else:
                    counts["already_sent"] += 1
    logger.info("Reminder scan for %s: %s", today, dict(counts))
    return dict(counts)


def _reminder_recipients(deadline: Deadline, offset: int) -> list[tuple]:
    people: dict[int, tuple] = {}
    for user in deadline.recipients:
        people.setdefault(user.pk, (user, False))
    if offset < 0:
        for user in deadline.escalate_to:
            people.setdefault(user.pk, (user, True))
    return [(user, escalation) for user, escalation in people.values() if user.is_active]


def _reminder_send(deadline: Deadline, *, offset: int, user, escalation: bool, today: datetime.date) -> bool:
    """Record the reminder, then notify, in one transaction. False when it was already sent."""
    identity = {"key": deadline.key, "due_date": deadline.due_date, "offset_days": offset, "recipient": user}
    if ReminderLog.objects.filter(**identity).exists():
        return False
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                **identity, kind=deadline.kind, title=deadline.title[:300], escalation=escalation
            )
            with translation.override(settings.LANGUAGE_CODE):
                kind, title, body = _reminder_text(
                    deadline, offset=offset, escalation=escalation, today=today
                )
            created = notify(kind, to=user, title=title, body=body, url=deadline.url, source=deadline.key)
            log.notification = created[0] if created else None
            log.save(update_fields=["notification"])
    except IntegrityError:
        # Another scan (a second beat tick, a retried task, another worker) got there first.
        return False
    return True


def _reminder_text(
    deadline: Deadline, *, offset: int, escalation: bool, today: datetime.date
) -> tuple[str, str, str]:
    due = date_format(deadline.due_date, "d/m/Y")
    days_left = (deadline.due_date - today).days  # a reminder sent late says how many days are really left
    if escalation:
        kind = Kind.ESCALATION
        title = _("Quá hạn: %(title)s (hạn %(due)s)") % {"title": deadline.title, "due": due}
        lead = _(
            "Việc sau đã quá hạn ngày %(due)s mà chưa hoàn thành; đề nghị Thường trực TĐKT theo dõi, đôn đốc."
        )
    elif offset < 0:
        kind = Kind.OVERDUE
        title = _("Quá hạn: %(title)s (hạn %(due)s)") % {"title": deadline.title, "due": due}
        lead = _("Việc sau đã quá hạn ngày %(due)s mà chưa hoàn thành. Đề nghị khẩn trương thực hiện.")
    elif days_left <= 0:
        kind = Kind.REMINDER
        title = _("Nhắc việc: %(title)s (hạn hôm nay, %(due)s)") % {"title": deadline.title, "due": due}
        lead = _("Việc sau đến hạn hôm nay, ngày %(due)s:")
    else:
        kind = Kind.REMINDER
        title = _("Nhắc việc: %(title)s (hạn %(due)s, còn %(days)d ngày)") % {
            "title": deadline.title,
            "due": due,
            "days": days_left,
        }
        lead = _("Việc sau sắp đến hạn ngày %(due)s:")
    lines = [lead % {"due": due}, "", deadline.title]
    if deadline.summary:
        lines.append(str(deadline.summary))
    return kind, title, "\n".join(lines)


def reminder_resend(log: ReminderLog, *, by) -> ReminderResend:
    """The office sends a reminder again by hand; recorded as a resend, the log row is untouched."""
    original = log.notification
    with transaction.atomic():
        if original is not None:
            kind, title, body, url = original.kind, original.title, original.body, original.url
        else:
            kind, title, body, url = Kind.REMINDER, log.title, "", ""
        notifications = notify(
            kind, to=log.recipient, title=title, body=body, url=url, source=f"resend:{log.pk}", by=by
        )
        return ReminderResend.objects.create(
            log=log, by=by, notification=notifications[0] if notifications else None
        )


# ---------------------------------------------------------------------------------------------
# Digest
# ---------------------------------------------------------------------------------------------
def digest_send(*, today: datetime.date | None = None) -> int:
    """One mail per person with notifications waiting for their digest. Returns the mails sent."""
    today = today or local_today()
    user_ids = (
        Notification.objects.filter(email_status=EmailStatus.DIGEST)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    return sum(_digest_send_one(user_id, today) for user_id in list(user_ids))


def _digest_send_one(user_id: int, today: datetime.date) -> int:
    """The digest of one person, in the steps of every mail: the server reached, the waiting rows
    claimed (DIGEST → SENDING, committed), the mail handed over, the rows marked SENT. A mail the
    server refuses puts them back to wait; a process killed during the exchange leaves them
    SENDING, which ``notifications_mail_abandoned`` holds as uncertain, never sends again."""
    user = User.objects.filter(pk=user_id).first()
    waiting = Notification.objects.filter(recipient_id=user_id, email_status=EmailStatus.DIGEST)
    if user is None or not (user.is_active and user.email):
        waiting.update(email_status=EmailStatus.NONE)
        return 0
    mail_connection = get_connection()
    try:
        mail_connection.open()
    except Exception:
        logger.exception("Mail server unreachable for the digest to %s; it waits", user.email)
        return 0
    try:
        with transaction.atomic():
            ids = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk__in=waiting.values("pk"))
                .order_by("created_at", "pk")
                .values_list("pk", flat=True)
            )
            claimed = Notification.objects.filter(pk__in=ids, email_status=EmailStatus.DIGEST).update(
                email_status=EmailStatus.SENDING,
                email_sending_at=timezone.now(),
                email_attempts=F("email_attempts") + 1,
            )
        if not ids or claimed != len(ids):
            return 0
        notifications = list(Notification.objects.filter(pk__in=ids).order_by("created_at", "pk"))
        with translation.override(settings.LANGUAGE_CODE):
            message = _digest_email(user, notifications, today)
        message.connection = mail_connection
        try:
            message.send()
        except MAIL_NOT_DELIVERED:
            logger.exception("Digest mail to %s refused or cut off; it waits", user.email)
            _digest_record(ids, status=EmailStatus.DIGEST)
            return 0
        except Exception:
            logger.exception("Digest mail to %s interrupted: the server may have it", user.email)
            return 0
        _digest_record(ids, status=EmailStatus.SENT, emailed_at=timezone.now())
        return 1
    finally:
        try:
            mail_connection.close()
        except Exception:  # a failed goodbye after the exchange changes nothing
            logger.warning("Closing the mail connection failed", exc_info=True)


def _digest_record(ids: list[int], *, status: str, **fields) -> None:
    for pk in ids:
        _mail_record(pk, status=status, **fields)


def _digest_email(
    user, notifications: Iterable[Notification], today: datetime.date
) -> EmailMultiAlternatives:
    notifications = list(notifications)
    context = {
        "recipient": user,
        "notifications": [{"n": n, "link": absolute_url(n.url)} for n in notifications],
        "today": today,
        "list_link": absolute_url(_list_path()),
        "settings_link": absolute_url(_settings_path()),
    }
    title = _("Tổng hợp thông báo ngày %(day)s (%(count)d)") % {
        "day": date_format(today, "d/m/Y"),
        "count": len(notifications),
    }
    ids = ",".join(str(n.pk) for n in notifications)
    tag = salted_hmac("thiduakt.notifications.digest-id", f"{user.pk}:{today}:{ids}").hexdigest()[:16]
    message = EmailMultiAlternatives(
        subject=_subject(title),
        body=render_to_string("emails/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        # The same digest sent again (a retried run) carries the same Message-ID.
        headers={"Message-ID": f"<digest-{user.pk}-{today:%Y%m%d}.{tag}@{mail_domain()}>"},
    )
    message.attach_alternative(render_to_string("emails/digest.html", context), "text/html")
    return message


def _list_path() -> str:
    return reverse("notifications:list")
