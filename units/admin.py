"""Admin site for the organisation's catalogue data.

Permissions come from the rules predicates (ObjectPermissionsModelAdminMixin): office staff manage
units, clusters and staff; administrators manage logins. Nothing here is ever deleted (the rules
say so): units, clusters and staff are deactivated through the services, which also do every save.
"""

import rules
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    Agency,
    AgencySigner,
    Cluster,
    ClusterMembership,
    IssuedDocument,
    Person,
    Reorganisation,
    Unit,
    User,
)


class RulesAdminMixin(ObjectPermissionsModelAdminMixin):
    """The admin site is for office staff and administrators; within it, the model's rules decide."""

    def has_module_permission(self, request):
        return request.user.has_perm("units.access_admin_site")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return self.has_module_permission(request) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        # Ask the rules themselves: Django's "a superuser may do anything" must not win here.
        perm = f"{self.opts.app_label}.{get_permission_codename('delete', self.opts)}"
        return rules.has_perm(perm, request.user, obj)


def _deactivate_action(service, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        done = sum(1 for obj in queryset if service(obj, by=request.user))
        modeladmin.message_user(
            request,
            ngettext("Đã cho %(count)d mục ngừng hoạt động.", "Đã cho %(count)d mục ngừng hoạt động.", done)
            % {"count": done},
            messages.SUCCESS,
        )

    action.__name__ = f"deactivate_{service.__name__}"
    return action


class AgencySignerInline(admin.TabularInline):
    """The agency's signers (director, deputies) offered by every document's heading form."""

    model = AgencySigner
    extra = 1
    fields = ["order", "signer_prefix", "signer_prefix_title", "position", "full_name", "active"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("units.access_admin_site")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("units.access_admin_site")

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("units.access_admin_site")

    def has_delete_permission(self, request, obj=None):
        return False  # a signer who no longer signs is made inactive; the documents keep the name


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    """The single agency row: office staff keep its letterhead, default signer and signers up to date."""

    list_display = ["name", "short_name", "governing_body", "place_name", "signer_name"]
    inlines = [AgencySignerInline]

    def has_module_permission(self, request):
        return request.user.has_perm("units.access_admin_site")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("units.access_admin_site")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("units.access_admin_site")

    def has_add_permission(self, request):
        return request.user.has_perm("units.access_admin_site") and not Agency.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(RulesAdminMixin, SimpleHistoryAdmin):
    list_display = ["code", "name", "short_name", "kind", "parent", "active", "valid_to", "order"]
    list_display_links = ["code", "name"]
    list_filter = ["active", "kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]
    filter_horizontal = ["predecessors"]
    readonly_fields = ["updated_at"]
    actions = [_deactivate_action(services.unit_deactivate, _("Cho các đơn vị đã chọn ngừng hoạt động"))]

    def save_model(self, request, obj, form, change):
        services.unit_save(obj, by=request.user)


class ClusterMembershipInline(admin.TabularInline):
    """Members of a cluster; editable by whoever may change the cluster."""

    model = ClusterMembership
    extra = 0
    autocomplete_fields = ["unit"]

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("units.view_cluster", obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("units.change_cluster", obj)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("units.change_cluster", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("units.change_cluster", obj)


@admin.register(Cluster)
class ClusterAdmin(RulesAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "year", "active", "updated_at"]
    list_filter = ["year", "active"]
    search_fields = ["name"]
    readonly_fields = ["updated_at"]
    inlines = [ClusterMembershipInline]
    actions = [_deactivate_action(services.cluster_deactivate, _("Cho các cụm/khối đã chọn ngừng hoạt động"))]

    def save_model(self, request, obj, form, change):
        # Memberships are the inline's business (saved after this, with their own history).
        services.cluster_save(obj, by=request.user)


@admin.register(Person)
class PersonAdmin(RulesAdminMixin, SimpleHistoryAdmin):
    list_display = ["staff_code", "full_name", "gender", "birth_date", "unit", "position", "active"]
    list_display_links = ["staff_code", "full_name"]
    list_filter = ["active", "gender", "unit__kind"]
    list_select_related = ["unit"]
    search_fields = ["staff_code", "full_name", "email"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["updated_at"]
    actions = [
        _deactivate_action(services.person_deactivate, _("Ghi nhận các cán bộ đã chọn ngừng công tác"))
    ]

    def save_model(self, request, obj, form, change):
        services.person_save(obj, by=request.user)


@admin.register(User)
class UserAdmin(RulesAdminMixin, SimpleHistoryAdmin, BaseUserAdmin):
    """Django's user admin with the roles of thiduakt."""

    role_fieldset = (
        _("Vai trò trong thi đua, khen thưởng"),
        {
            "fields": ["person", "is_office_staff", "head_of_unit", "is_council_member"],
        },
    )
    fieldsets = [*BaseUserAdmin.fieldsets, role_fieldset]
    add_fieldsets = [*BaseUserAdmin.add_fieldsets, role_fieldset]
    list_display = [
        "username",
        "full_name",
        "email",
        "is_office_staff",
        "head_of_unit",
        "is_council_member",
        "is_staff",
        "is_superuser",
        "is_active",
    ]
    list_filter = [
        "is_active",
        "is_office_staff",
        "is_council_member",
        ("head_of_unit", admin.RelatedOnlyFieldListFilter),
        "is_staff",
        "is_superuser",
    ]
    list_select_related = ["person", "head_of_unit"]
    search_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "person__full_name",
        "person__staff_code",
    ]
    autocomplete_fields = ["person", "head_of_unit"]

    @admin.display(description=_("họ và tên"), ordering="person__full_name")
    def full_name(self, obj):
        return obj.get_full_name()


@admin.register(Reorganisation)
class ReorganisationAdmin(RulesAdminMixin, SimpleHistoryAdmin):
    """Reorganisations are recorded on the office's page (Tổ chức → Sắp xếp, tổ chức lại đơn vị),
    whose services end and create the units; here they are listed and read, with their history."""

    list_display = ["effective", "kind", "decision_number", "decision_date", "issuer", "main_predecessor"]
    list_filter = ["kind"]
    search_fields = ["decision_number", "issuer", "old_name", "new_name", "before__name", "after__name"]
    date_hierarchy = "effective"
    readonly_fields = [
        "kind",
        "effective",
        "decision_number",
        "decision_date",
        "issuer",
        "before",
        "after",
        "main_predecessor",
        "department",
        "old_name",
        "new_name",
        "note",
        "created_by",
        "created_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """The register of issued documents, read only: an issued document is never changed or
    deleted (a change is a new document citing it). Office staff and administrators read it."""

    list_display = ("number_label", "kind", "issued_on", "subject", "signer", "signed", "pdf_sha256")
    list_filter = ("year", "kind", "signed")
    search_fields = ("number_label", "subject", "pdf_sha256", "docx_sha256")
    date_hierarchy = "issued_on"
    exclude = ("pdf", "docx")  # the files leave through the register's permission-checked downloads

    def has_module_permission(self, request):
        return request.user.has_perm("units.view_issued_register")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
