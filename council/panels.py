"""Home-page panels of the council."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.home import register_panel

from .enums import SessionStatus
from .models import CouncilSession
from .selectors import upcoming_sessions_for


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
