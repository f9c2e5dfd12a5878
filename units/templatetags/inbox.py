"""{% load inbox %}: a deadline in words next to its date, never by colour alone.

{{ d|due_words }}        -> "quá hạn 5 ngày", "hôm nay", "còn 3 ngày" (counted from today)
"""

import datetime

from django import template
from django.utils import timezone

from units.inbox import due_in_words

register = template.Library()


@register.filter
def due_words(d):
    if isinstance(d, datetime.datetime):
        d = timezone.localtime(d).date()
    if not isinstance(d, datetime.date):
        return ""
    return due_in_words(d, timezone.localdate())
