"""In-app notifications, the reminder log (exactly once per item, offset and recipient), preferences."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import EmailStatus


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one person: a row in their list, and (unless they prefer a digest) a mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=50)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    source = models.CharField(
        _("nguồn"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Đối tượng phát sinh thông báo, ví dụ plans.PlanTask:42."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    email_status = models.CharField(
        _("thư điện tử"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("số lần gửi thư"), default=0)
    email_sending_at = models.DateTimeField(_("bắt đầu gửi thư lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
            models.Index(fields=["email_status", "created_at"], name="notification_email_status"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderLog(models.Model):
    """A reminder sent: one row per (item, due date, offset, recipient), enforced by the database.

    The row is written before the notification, in the same transaction; a second scan, a
    retried task or another worker fails on the constraint and sends nothing. The due date is
    part of the key: when a deadline moves, the reminders of the new date go out again.
    """

    key = models.CharField(_("mã đối tượng"), max_length=200)
    kind = models.CharField(_("loại hạn"), max_length=50)
    title = models.CharField(_("nội dung"), max_length=300)
    due_date = models.DateField(_("hạn"))
    offset_days = models.SmallIntegerField(
        _("nhắc trước (ngày)"), help_text=_("7: bảy ngày trước hạn; 1: một ngày trước; -1: ngày sau hạn.")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="reminders_received",
    )
    escalation = models.BooleanField(_("báo Thường trực"), default=False)
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)
    notification = models.OneToOneField(
        Notification,
        verbose_name=_("thông báo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminder_log",
    )

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "due_date", "offset_days", "recipient"],
                name="reminder_once_per_offset_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.key} {self.due_date} ({self.offset_days:+d}) → {self.recipient}"

    @property
    def is_overdue(self) -> bool:
        return self.offset_days < 0


class ReminderResend(models.Model):
    """A reminder sent again by hand from the office's log; the log row itself stays unique."""

    log = models.ForeignKey(
        ReminderLog, verbose_name=_("nhắc việc"), on_delete=models.CASCADE, related_name="resends"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi lại"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("gửi lại lúc"), default=timezone.now)
    notification = models.OneToOneField(
        Notification, verbose_name=_("thông báo"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lần gửi lại")
        verbose_name_plural = _("lần gửi lại")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.log} ({self.at:%d/%m/%Y %H:%M})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class NotificationPreference(models.Model):
    """How a person wants to be told: single mails or one digest a day; their calendar feed token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    digest = models.BooleanField(
        _("nhận thư tổng hợp hằng ngày"),
        default=False,
        help_text=_("Gộp các thông báo trong ngày vào một thư thay vì gửi từng thư."),
    )
    calendar_token = models.CharField(
        _("mã lịch cá nhân"), max_length=64, unique=True, default=new_calendar_token
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self):
        return str(self.user)
