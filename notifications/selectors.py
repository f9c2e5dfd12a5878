"""Reads of the notifications app."""

from __future__ import annotations

import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When

from units import generations

from . import providers
from .enums import EmailStatus
from .models import Notification, NotificationPreference, ReminderLog
from .providers import Deadline

_unread = generations.Kept(size=4096)


def notifications_of(user) -> QuerySet[Notification]:
    """The user's own notifications, unread first, newest first."""
    return (
        Notification.objects.filter(recipient=user)
        .annotate(
            unread_first=Case(
                When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("unread_first", "-created_at", "-pk")
    )


def notifications_unread_count(user) -> int:
    """The bell's count, read on every page: kept in memory per user until a notification is
    written (``units.generations``: any insert, update or delete of the table renews it)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return _unread.get(
        (user.pk, generations.generation(generations.NOTIFICATIONS)),
        lambda: Notification.objects.unread().filter(recipient=user).count(),
    )


def reminder_logs() -> QuerySet[ReminderLog]:
    """Every reminder sent, for the office's page, with what the page shows loaded at once."""
    return ReminderLog.objects.select_related("recipient__person", "notification").prefetch_related(
        "resends__by"
    )


def reminder_kinds() -> list[tuple[str, str]]:
    """(kind, label) of the registered providers plus the kinds already in the log."""
    kinds = {p.kind: str(getattr(p, "label", p.kind)) for p in providers.registered()}
    for kind in ReminderLog.objects.order_by().values_list("kind", flat=True).distinct():
        kinds.setdefault(kind, kind)
    return sorted(kinds.items(), key=lambda item: item[1])


def user_by_calendar_token(token: str):
    preference = (
        NotificationPreference.objects.select_related("user")
        .filter(calendar_token=token, user__is_active=True)
        .first()
    )
    return preference.user if preference else None


def deadlines_for(user, *, today: datetime.date) -> list[Deadline]:
    """Open deadlines that concern the user (responsible, or the office they escalate to)."""
    found = []
    for provider in providers.registered():
        for deadline in providers.deadlines_of(provider, today):
            people = {u.pk for u in deadline.recipients} | {u.pk for u in deadline.escalate_to}
            if user.pk in people:
                found.append(deadline)
    return sorted(found, key=lambda d: (d.due_date, d.title))


def mails_uncertain() -> QuerySet[Notification]:
    """Mails whose sending was cut off mid-exchange: the server may or may not have them; the
    administrator resends them (Thông báo → admin) or lets them be."""
    return Notification.objects.filter(email_status=EmailStatus.UNCERTAIN)


def mails_refused() -> QuerySet[Notification]:
    """Mails the server refused or could not take, left pending for the next scan."""
    return Notification.objects.filter(email_status=EmailStatus.PENDING, email_attempts__gte=1)
