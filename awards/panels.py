"""Home-page panels of the awards app."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.home import register_panel

from .enums import CommentStatus, NominationStatus
from .models import DisclosurePeriod, Nomination
from .selectors import (
    VERIFY_ORDER,
    current_calls,
    lapsed_verdict_count,
    nominations_overdue_for_verification,
    nominations_visible_to,
    with_verdict_lapse,
)

PANEL_ROWS = 5


@register_panel(Role.OFFICE, order=40)
def office_nominations(user):
    queue = Nomination.objects.filter(status=NominationStatus.SUBMITTED)
    rows = list(
        with_verdict_lapse(queue.select_related("person", "unit", "award_type", "proposing_unit")).order_by(
            *VERIFY_ORDER
        )[:PANEL_ROWS]
    )
    return {
        "title": _("Đề nghị khen thưởng chờ thẩm định"),
        "template": "awards/panels/office_nominations.html",
        "count": queue.count(),
        "overdue": nominations_overdue_for_verification().count(),
        # Sent nominations, waiting or further on, whose verdict became "not eligible" since.
        "lapsed": lapsed_verdict_count(user),
        "rows": rows,
        "open_periods": list(
            DisclosurePeriod.objects.open_on(timezone.localdate())
            .annotate(pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)))
            .order_by("closes")
        ),
    }


@register_panel(Role.UNIT_HEAD, order=40)
def unit_head_nominations(user):
    mine = nominations_visible_to(user).filter(status__in=[NominationStatus.DRAFT, NominationStatus.RETURNED])
    rows = list(
        mine.select_related("person", "unit", "award_type").order_by("-status", "-updated_at", "pk")[
            :PANEL_ROWS
        ]
    )
    calls = list(current_calls())
    if not rows and not calls:
        return None
    today = timezone.localdate()
    return {
        "calls": [{"call": call, "days_left": call.days_left(today)} for call in calls],
        "title": _("Đề nghị khen thưởng của đơn vị"),
        "template": "awards/panels/unit_head_nominations.html",
        "drafts": mine.filter(status=NominationStatus.DRAFT).count(),
        "returned": mine.filter(status=NominationStatus.RETURNED).count(),
        "rows": rows,
    }
