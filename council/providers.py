"""Deadlines of the council for the reminder scan: each scheduled session reminds its members
before its date (offsets from settings.REMINDER_OFFSETS_DAYS; a session is no longer open once
voting has started, so nothing is sent after it)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.providers import Deadline, earliest_due, register

from .enums import SessionStatus
from .models import CouncilSession


@register
class CouncilSessionDeadlines:
    kind = "council_session"
    label = _("Phiên họp Hội đồng TĐKT")

    def deadlines(self, today):
        sessions = (
            CouncilSession.objects.filter(status=SessionStatus.SCHEDULED)
            .prefetch_related("memberships__user")
            .order_by("starts_at")
        )
        floor = earliest_due(today)
        for session in sessions:
            day = timezone.localtime(session.starts_at).date()
            if day < floor:
                continue
            yield Deadline(
                key=f"council.CouncilSession:{session.pk}",
                due_date=day,
                title=str(session.title),
                url=reverse("council:session-detail", args=[session.pk]),
                recipients=[m.user for m in session.memberships.all() if m.user.is_active],
                summary=session.place,
            )
