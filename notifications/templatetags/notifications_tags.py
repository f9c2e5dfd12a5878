from django import template

from ..enums import reminder_offset_label
from ..selectors import notifications_unread_count

register = template.Library()


@register.filter
def offset_label(days: int) -> str:
    """A reminder's offset as the log, its filter and its export call it."""
    return reminder_offset_label(days)


@register.simple_tag(takes_context=True)
def unread_notifications_count(context) -> int:
    """The signed-in user's unread notifications (one query; cached for the rest of the request)."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if request is not None:
        cached = getattr(request, "_unread_notifications_count", None)
        if cached is None:
            cached = notifications_unread_count(user)
            request._unread_notifications_count = cached
        return cached
    return notifications_unread_count(user)
