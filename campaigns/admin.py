"""Admin: reference data only. Registrations and scores change through the pages (and services)."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Campaign,
    CampaignDuty,
    CampaignItem,
    CriteriaSet,
    Criterion,
    Registration,
    RegistrationEvent,
    RegistrationRound,
)


class CampaignItemInline(admin.TabularInline):
    model = CampaignItem
    extra = 0
    fields = ["order", "label", "text"]


class CampaignDutyInline(admin.TabularInline):
    model = CampaignDuty
    extra = 0
    fields = ["order", "unit", "assignee", "text"]


@admin.register(Campaign)
class CampaignAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "status", "start_date", "end_date"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "document_number"]
    readonly_fields = ["status"]  # moves through campaign_transition only
    inlines = [CampaignItemInline, CampaignDutyInline]


@admin.register(RegistrationRound)
class RegistrationRoundAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "year", "campaign", "deadline", "late_policy"]
    list_filter = ["year", "late_policy"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    fk_name = "criteria_set"
    extra = 0
    fields = ["order", "code", "parent", "title", "max_points", "guidance"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "year", "cluster", "leaders_per_cluster"]
    list_filter = ["year"]
    inlines = [CriterionInline]


class RegistrationEventInline(admin.TabularInline):
    model = RegistrationEvent
    extra = 0
    can_delete = False
    fields = ["at", "by", "from_status", "to_status", "reason", "late"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    """Read-only: the workflow and its log belong to registration_transition."""

    list_display = ["unit", "round", "status", "is_late", "submitted_at"]
    list_filter = ["status", "is_late", "round"]
    search_fields = ["unit__name"]
    inlines = [RegistrationEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Every unit's registrations: the office's (a unit head sees their own in the application).
        return request.user.has_perm("units.access_office")
