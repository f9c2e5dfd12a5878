"""Admin of the council. Secrecy: ``BallotTally`` has no admin page at all, and the cast list
shows who voted on what — never a choice. Sessions show their tallies only after the close (the
results are their own, read-only page)."""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaResult,
    BallotCast,
    BaseSalary,
    CouncilMembership,
    CouncilSession,
    Decision,
    DecisionItem,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = CouncilMembership
    extra = 0
    fields = ["user", "role", "position", "attendance"]
    readonly_fields = fields


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyMixin, ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["title", "starts_at", "place", "status", "minutes_number"]
    list_filter = ["status", "year"]
    search_fields = ["title"]
    inlines = [MembershipInline]


@admin.register(BallotCast)
class BallotCastAdmin(ReadOnlyMixin, ObjectPermissionsModelAdmin):
    """Who has voted — and nothing else."""

    list_display = ["member", "item", "is_written_opinion"]
    list_filter = ["is_written_opinion", "item__session"]
    fields = ["member", "item", "is_written_opinion"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("council.manage_session")

    def has_module_permission(self, request):
        return request.user.has_perm("council.manage_session")


@admin.register(AgendaResult)
class AgendaResultAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Tallies exist only for closed sessions (they are written at the close)."""

    list_display = ["item", "members", "present", "cast", "agree", "disagree", "outcome"]
    list_filter = ["outcome", "item__session"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("council.manage_session")

    def has_module_permission(self, request):
        return request.user.has_perm("council.manage_session")


@admin.register(BaseSalary)
class BaseSalaryAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["effective_from", "amount", "reward_rounding", "source", "confirmed"]


class DecisionItemInline(ReadOnlyMixin, admin.TabularInline):
    model = DecisionItem
    extra = 0
    fields = ["order", "recipient_name", "award_type", "coefficient", "amount", "target_record", "note"]
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(ReadOnlyMixin, ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "date", "title", "signer_name"]
    list_filter = ["kind", "year"]
    search_fields = ["title"]
    inlines = [DecisionItemInline]
