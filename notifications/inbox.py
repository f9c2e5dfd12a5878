"""The administrator's inbox item of the notifications app (registered in units.inbox)."""

from django.utils.translation import gettext_lazy as _

from units.enums import Role
from units.inbox import item as inbox_item
from units.inbox import register_inbox, url_with

from .enums import EmailStatus
from .selectors import mails_refused, mails_uncertain


@register_inbox(Role.ADMIN, order=50)
def admin_inbox(user, *, today):
    yield inbox_item(
        "mails_uncertain",
        _("Thư thông báo gửi lỗi, chưa rõ đã đến người nhận"),
        mails_uncertain().count(),
        url_with("admin:notifications_notification_changelist", email_status__exact=EmailStatus.UNCERTAIN),
        today=today,
    )
    yield inbox_item(
        "mails_refused",
        _("Thư thông báo bị máy chủ thư từ chối hoặc không gửi được, chờ gửi lại"),
        mails_refused().count(),
        url_with(
            "admin:notifications_notification_changelist",
            email_status__exact=EmailStatus.PENDING,
            email_attempts__gte=1,
        ),
        today=today,
    )
