"""Home-page panels and inbox items of the awards app."""

import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from units.enums import Role
from units.home import register_panel
from units.inbox import days_in_words, register_inbox, url_with
from units.inbox import item as inbox_item

from . import workdays
from .enums import CommentStatus, NominationStatus
from .models import DisclosurePeriod, Nomination
from .selectors import (
    VERIFY_ORDER,
    calls_closing,
    current_calls,
    holidays_unconfirmed,
    lapsed_verdict_count,
    nominations_in_status,
    nominations_overdue_for_verification,
    nominations_to_verify,
    nominations_visible_to,
    rule_sets_unconfirmed,
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


# ---------------------------------------------------------------------------
# The inbox (units.inbox): each count read by the selector the linked list reads
# ---------------------------------------------------------------------------
def working_days_words(due: datetime.date | None, today: datetime.date) -> str:
    """The verification clock, counted in working days as the procedure's time limit is (Nghị định
    152/2025/NĐ-CP and the province's rule of the year)."""
    if due is None:
        return ""
    low, high = min(today, due), max(today, due)
    return days_in_words(workdays.calendar_from_db(low, high).working_days_between(today, due), working=True)


def late_note(n: int) -> str:
    if not n:
        return ""
    text = ngettext("%(n)d đề nghị quá thời hạn thẩm định", "%(n)d đề nghị quá thời hạn thẩm định", n)
    return text % {"n": n}


@register_inbox(Role.OFFICE, order=30)
def office_inbox(user, *, today):
    queue = (
        nominations_to_verify(user)
        .order_by()
        .aggregate(
            n=Count("pk"),
            late=Count("pk", filter=Q(verification_due__lt=today)),
            due=Min("verification_due"),
        )
    )
    yield inbox_item(
        "nominations_to_verify",
        _("Đề nghị khen thưởng chờ thẩm định"),
        queue["n"],
        url_with("awards:verify-queue"),
        today=today,
        due=queue["due"],
        due_words=working_days_words(queue["due"], today),
        due_label=_("hạn thẩm định sớm nhất"),
        note=late_note(queue["late"]),
    )
    yield inbox_item(
        "nominations_approved",
        _("Đề nghị Hội đồng đã thông qua, chưa có quyết định"),
        nominations_in_status(user, NominationStatus.APPROVED).count(),
        url_with("awards:nomination-list", status=NominationStatus.APPROVED),
        today=today,
    )


@register_inbox(Role.UNIT_HEAD, order=30)
def unit_head_inbox(user, *, today):
    yield inbox_item(
        "nominations_returned",
        _("Đề nghị khen thưởng bị trả lại, cần bổ sung"),
        nominations_in_status(user, NominationStatus.RETURNED).count(),
        url_with("awards:nomination-list", status=NominationStatus.RETURNED),
        today=today,
    )
    calls = list(calls_closing(today))
    drafts = (
        dict(
            nominations_in_status(user, NominationStatus.DRAFT)
            .filter(year__in={call.year for call in calls})
            .order_by()
            .values_list("year")
            .annotate(n=Count("pk"))
        )
        if calls
        else {}
    )
    for call in calls:
        yield inbox_item(
            f"call_{call.pk}",
            _("Đợt đề nghị khen thưởng năm %(year)s: đề nghị đang soạn, chưa gửi") % {"year": call.year},
            drafts.get(call.year, 0),
            url_with("awards:nomination-list", year=call.year, status=NominationStatus.DRAFT),
            today=today,
            due=call.deadline,
            due_label=_("đợt đóng"),
            keep_empty=True,
        )


@register_inbox(Role.ADMIN, order=30)
def admin_inbox(user, *, today):
    yield inbox_item(
        "rule_sets_unconfirmed",
        _("Bộ quy tắc xét khen thưởng chưa xác nhận"),
        rule_sets_unconfirmed().count(),
        url_with("admin:awards_ruleset_changelist", confirmed__exact=0),
        today=today,
    )
    yield inbox_item(
        "holidays_unconfirmed",
        _("Ngày nghỉ lễ, Tết chưa xác nhận"),
        holidays_unconfirmed().count(),
        url_with("admin:awards_holiday_changelist", confirmed__exact=0),
        today=today,
    )
