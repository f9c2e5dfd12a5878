"""Permission predicates of the notifications app (vocabulary as in units/rules.py)."""

import rules

from units.rules import is_authenticated, is_office_staff


@rules.predicate
def is_recipient(user, notification):
    return notification is not None and is_authenticated(user) and notification.recipient_id == user.pk


rules.add_perm("notifications.list_notification", is_authenticated)
rules.add_perm("notifications.read_notification", is_recipient)
rules.add_perm("notifications.change_preference", is_authenticated)  # one's own settings
rules.add_perm("notifications.list_reminderlog", is_office_staff)
rules.add_perm("notifications.resend_reminder", is_office_staff)
rules.add_perm("notifications.run_reminder_scan", is_office_staff)
