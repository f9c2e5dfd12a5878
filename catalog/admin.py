from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import AwardType, AwardTypeAlias


class AwardTypeAliasInline(admin.TabularInline):
    model = AwardTypeAlias
    extra = 1
    fields = ["name", "note"]


@admin.register(AwardType)
class AwardTypeAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = [
        "order",
        "code",
        "name",
        "kind",
        "subject",
        "authority",
        "reward_coefficient",
        "registrable",
        "confirmed",
        "active",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["kind", "subject", "authority", "achievement_kind", "registrable", "confirmed", "active"]
    search_fields = ["code", "name", "short_name", "aliases__name"]
    ordering = ["order", "name"]
    inlines = [AwardTypeAliasInline]
    fieldsets = [
        (
            None,
            {"fields": ["code", "name", "short_name", "kind", "subject", "order", "active", "registrable"]},
        ),
        (
            _("Thẩm quyền và hồ sơ"),
            {
                "fields": [
                    "authority",
                    "route",
                    "achievement_kind",
                    "required_documents",
                    "reward_coefficient",
                    "collective_reward_coefficient",
                ]
            },
        ),
        (_("Nguồn"), {"fields": ["legal_basis", "source_note", "confirmed"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # an award type in use is deactivated, never deleted
