"""Choices of the notifications app."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    """Where the e-mail copy of a notification stands. The in-app row exists in every case."""

    NONE = "none", _("không gửi thư")
    PENDING = "pending", _("chờ gửi thư")
    # Handed to the mail server, its answer not yet recorded (committed before the SMTP exchange).
    SENDING = "sending", _("đang gửi thư")
    # Left "sending" by a process that died or lost the database mid-exchange: the server may or
    # may not have the mail. Never sent again under a new Message-ID; shown to the administrator.
    UNCERTAIN = "uncertain", _("chưa rõ đã gửi thư")
    DIGEST = "digest", _("chờ thư tổng hợp")
    SENT = "sent", _("đã gửi thư")


def reminder_offset_label(days: int) -> str:
    """What a reminder's offset (``REMINDER_OFFSETS_DAYS``) is called: "7 ngày trước hạn", "Đúng hạn",
    "1 ngày sau hạn (quá hạn)" — in the reminder log, its filter and its export alike."""
    if days > 0:
        return gettext("%(days)d ngày trước hạn") % {"days": days}
    if days == 0:
        return gettext("Đúng hạn")
    return gettext("%(days)d ngày sau hạn (quá hạn)") % {"days": -days}


class Kind:
    """Notification kinds this app sends itself; other apps pass their own (``plan_issued``...).

    The kind picks the e-mail templates ``templates/emails/<kind>.txt|html`` (``default`` when
    there are none for it).
    """

    REMINDER = "reminder"  # a deadline is near
    OVERDUE = "overdue"  # the day after: to the people responsible
    ESCALATION = "escalation"  # the day after: to the office staff
    DIGEST = "digest"  # the daily summary mail (no in-app row)

    REMINDER_KINDS = (REMINDER, OVERDUE, ESCALATION)
