"""Export of the log of reminders sent."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from notifications.enums import EmailStatus, reminder_offset_label
from notifications.filters import ReminderLogFilter
from notifications.models import ReminderLog
from notifications.selectors import reminder_kinds, reminder_logs
from units.xlsx import DATE, DATETIME, YES_NO, Column

from .base import Exporter, filtered_rows, register, user_name


@register
class ReminderLogExporter(Exporter):
    identifier = "reminders"
    verbose_name = _("Nhắc việc đã gửi")
    permission_required = "notifications.list_reminderlog"

    @cached_property
    def columns(self):
        offsets = ReminderLog.objects.order_by().values_list("offset_days", flat=True).distinct()
        return (
            Column(_("Gửi lúc"), 17, DATETIME, field="sent_at"),
            Column(_("Người nhận"), 28, field="recipient_name"),
            Column(_("Thư điện tử"), 28, field="recipient__email"),
            Column(_("Báo Thường trực"), 10, YES_NO, field="escalation"),
            Column(_("Nội dung"), 50, field="title"),
            Column(_("Loại hạn"), 24, field="kind", labels=reminder_kinds()),
            Column(_("Hạn"), 13, DATE, field="due_date"),
            Column(
                _("Lần nhắc"), 24, field="offset_days", labels={d: reminder_offset_label(d) for d in offsets}
            ),
            Column(_("Thư"), 16, field="notification__email_status", labels=EmailStatus),
        )

    def queryset(self):
        filterset = ReminderLogFilter(self.params or None, queryset=reminder_logs())
        return filtered_rows(filterset).annotate(recipient_name=user_name("recipient"))
