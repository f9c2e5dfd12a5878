from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .enums import EmailStatus
from .models import Notification, NotificationPreference, ReminderLog, ReminderResend


class OfficeReadMixin:
    """Office staff may look; the superuser may also change what is editable."""

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_active and (user.is_superuser or user.is_office_staff)

    def has_module_permission(self, request):
        return self.has_view_permission(request)


@admin.register(Notification)
class NotificationAdmin(OfficeReadMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "email_status"]
    list_filter = ["kind", "email_status", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "source", "recipient__username", "recipient__email"]
    date_hierarchy = "created_at"
    raw_id_fields = ["recipient", "created_by"]
    readonly_fields = ["created_at", "emailed_at", "email_attempts", "email_sending_at"]
    actions = ["resend_uncertain_mail"]

    def has_resend_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    @admin.action(
        permissions=["resend"],
        description=_("Gửi lại thư chưa rõ đã gửi (cùng Message-ID, máy chủ thư loại bản trùng)"),
    )
    def resend_uncertain_mail(self, request, queryset):
        sent = sum(
            services.notification_mail_resend(n) for n in queryset.filter(email_status=EmailStatus.UNCERTAIN)
        )
        self.message_user(
            request,
            ngettext("Đã gửi lại %(count)d thư.", "Đã gửi lại %(count)d thư.", sent) % {"count": sent},
            messages.SUCCESS,
        )


class ReadOnlyAdmin(OfficeReadMixin, admin.ModelAdmin):
    """The log is written by the scan only: nobody adds, changes or deletes rows by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReminderResendInline(admin.TabularInline):
    model = ReminderResend
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "notification"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or request.user.is_office_staff


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "recipient", "kind", "title", "due_date", "offset_days", "escalation"]
    list_filter = ["kind", "offset_days", "escalation"]
    search_fields = ["key", "title", "recipient__username", "recipient__email"]
    date_hierarchy = "sent_at"
    inlines = [ReminderResendInline]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(OfficeReadMixin, admin.ModelAdmin):
    list_display = ["user", "digest", "updated_at"]
    list_filter = ["digest"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["calendar_token", "updated_at"]
