"""Read-only admin: plans change through the app's pages (services), the admin only looks and audits."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import KeyTarget, KeyTargetValue, Plan, PlanBlock, PlanTask, SubmissionRequest, UnitSubmission


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and (request.user.is_superuser or request.user.is_office_staff)


class PlanBlockInline(ReadOnlyMixin, admin.TabularInline):
    model = PlanBlock
    fields = ["order", "kind", "level", "numbering", "text", "task"]
    extra = 0


class KeyTargetValueInline(ReadOnlyMixin, admin.TabularInline):
    model = KeyTargetValue
    extra = 0


class UnitSubmissionInline(ReadOnlyMixin, admin.TabularInline):
    model = UnitSubmission
    fields = ["unit", "file", "submitted_at", "submitted_by"]
    readonly_fields = fields
    extra = 0


@admin.register(Plan)
class PlanAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "year", "kind", "status", "issue_date"]
    list_filter = ["year", "kind", "status"]
    search_fields = ["title", "symbol"]
    inlines = [PlanBlockInline]


@admin.register(PlanTask)
class PlanTaskAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "lead_unit", "due_date", "status"]
    list_filter = ["status", "plan__year"]
    search_fields = ["content"]
    list_select_related = ["plan", "lead_unit"]


@admin.register(KeyTarget)
class KeyTargetAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["indicator", "plan", "unit_of_measure"]
    inlines = [KeyTargetValueInline]


@admin.register(SubmissionRequest)
class SubmissionRequestAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["title", "plan", "due_date", "audience"]
    list_filter = ["audience"]
    inlines = [UnitSubmissionInline]


@admin.register(UnitSubmission)
class UnitSubmissionAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["request", "unit", "submitted_at"]
    list_select_related = ["request", "unit"]
