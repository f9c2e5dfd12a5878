"""Home-page panels and inbox items of the council."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.home import register_panel
from units.inbox import earliest_item, register_inbox, url_with
from units.inbox import item as inbox_item

from .enums import SessionStatus
from .models import CouncilSession
from .selectors import ballots_remaining, sessions_in_status, upcoming_sessions_for


@register_panel(Role.COUNCIL, order=20)
def council_member_sessions(user):
    sessions = upcoming_sessions_for(user)
    return {
        "title": _("Phiên họp Hội đồng TĐKT"),
        "template": "council/panels/member_sessions.html",
        "sessions": sessions,
    }


@register_panel(Role.OFFICE, order=40)
def office_sessions(user):
    counts = CouncilSession.objects.aggregate(
        scheduled=Count("pk", filter=Q(status=SessionStatus.SCHEDULED)),
        voting=Count("pk", filter=Q(status=SessionStatus.VOTING)),
    )
    return {
        "title": _("Hội đồng TĐKT"),
        "template": "council/panels/office_sessions.html",
        "counts": counts,
    }


# ---------------------------------------------------------------------------
# The inbox (units.inbox): each count read by the selector the linked page reads
# ---------------------------------------------------------------------------
@register_inbox(Role.OFFICE, order=40)
def office_inbox(user, *, today):
    for status, label, key in (
        (SessionStatus.SCHEDULED, _("Phiên họp Hội đồng chờ mở biểu quyết"), "sessions_to_open"),
        (SessionStatus.VOTING, _("Phiên họp Hội đồng đang biểu quyết, chờ kết thúc"), "sessions_to_close"),
    ):
        yield earliest_item(
            key,
            label,
            sessions_in_status(user, status),
            url_with("council:session-list", status=status),
            due_field="starts_at",
            today=today,
            due_label=_("họp sớm nhất"),
        )


@register_inbox(Role.COUNCIL, order=10)
def member_inbox(user, *, today):
    remaining = ballots_remaining(user)
    if not remaining:
        return
    sessions = CouncilSession.objects.filter(pk__in=remaining).order_by("starts_at", "pk")
    for session in sessions.only("pk", "title"):
        n = remaining[session.pk]
        yield inbox_item(
            f"vote_{session.pk}",
            _("Bỏ phiếu (còn %(n)d): %(session)s") % {"n": n, "session": session.title},
            n,
            reverse("council:vote", args=[session.pk]),
            today=today,
        )
