from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    AwardRecord,
    AwardRule,
    AwardRulePath,
    DisclosurePeriod,
    Evaluation,
    Holiday,
    Initiative,
    InitiativeAuthor,
    InitiativeClaim,
    Nomination,
    NominationCall,
    RuleSet,
)


class RejudgeAdminMixin:
    """Admin pages that change a fact eligibility reads: after the save (the inlines included) or
    the deletion (one row or the changelist's selection), in the same transaction, the open
    nominations that read it are judged again (``services.nominations_rejudge_touched``).
    ``touched(obj)`` says whose facts and from which year."""

    def touched(self, obj) -> dict:  # pragma: no cover - overridden
        raise NotImplementedError

    def rejudge_cause(self, obj, *, deleted: bool) -> str:
        verb = _("Xóa") if deleted else _("Cập nhật")
        return f"{verb} {obj._meta.verbose_name}: {obj}"

    def _before(self, obj) -> dict:
        if obj.pk is None:
            return {}
        old = type(obj)._default_manager.filter(pk=obj.pk).first()
        return self.touched(old) if old is not None else {}

    def save_model(self, request, obj, form, change):
        obj._rejudge_before = self._before(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        services.nominations_rejudge_touched(
            [getattr(obj, "_rejudge_before", {}), self.touched(obj)],
            cause=self.rejudge_cause(obj, deleted=False),
            by=request.user,
        )

    def delete_model(self, request, obj):
        before = self.touched(obj)
        super().delete_model(request, obj)
        services.nominations_rejudge_touched(
            [before], cause=self.rejudge_cause(obj, deleted=True), by=request.user
        )

    def delete_queryset(self, request, queryset):
        rows = list(queryset)
        states = [self.touched(obj) for obj in rows]
        super().delete_queryset(request, queryset)
        cause = "; ".join(str(self.rejudge_cause(obj, deleted=True)) for obj in rows)
        services.nominations_rejudge_touched(states, cause=cause, by=request.user)


def _subject_touched(obj) -> dict:
    return {"person_ids": [obj.person_id], "unit_ids": [obj.unit_id], "year": obj.year}


def _record_touched(obj) -> dict:
    return {**_subject_touched(obj), "award_type_id": obj.award_type_id}


def _rule_set_since(rule_set) -> int | None:
    return rule_set.effective_from.year if rule_set is not None and rule_set.effective_from else None


class AwardRuleInline(admin.TabularInline):
    model = AwardRule
    extra = 0
    fields = [
        "award_type",
        "min_evaluation",
        "requires_same_year_title",
        "quota_base_title",
        "quota_share",
        "vote_method",
        "criteria_confirmed",
        "quota_confirmed",
        "vote_confirmed",
    ]
    show_change_link = True
    autocomplete_fields = ["award_type"]


@admin.register(RuleSet)
class RuleSetAdmin(RejudgeAdminMixin, ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "effective_from", "effective_to", "predecessor_years", "confirmed", "active"]
    list_filter = ["confirmed", "active"]
    search_fields = ["name", "legal_source"]
    inlines = [AwardRuleInline]
    fields = [
        "name",
        "legal_source",
        "effective_from",
        "effective_to",
        "active",
        "confirmed",
        "confirmation_note",
        "predecessor_years",
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # nominations point at the rule set that judged them

    def touched(self, obj) -> dict:
        return {"everyone": True, "year": _rule_set_since(obj)}


class AwardRulePathInline(admin.StackedInline):
    model = AwardRulePath
    extra = 0
    fieldsets = [
        (None, {"fields": ["order", "label", "applies_to", "confirmed", "note"]}),
        (_("Đánh giá, xếp loại"), {"fields": ["evaluation_level", "evaluation_years"]}),
        (_("Danh hiệu liên tục"), {"fields": ["title", "title_count", "title_interval"]}),
        (_("Khen thưởng trước đó"), {"fields": ["prior_award_types", "prior_award_years_before"]}),
        (
            _("Sáng kiến, đề tài"),
            {"fields": ["initiative_scope", "initiative_kind", "initiative_count", "initiative_years"]},
        ),
    ]
    filter_horizontal = ["prior_award_types"]


@admin.register(AwardRule)
class AwardRuleAdmin(RejudgeAdminMixin, ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = [
        "award_type",
        "rule_set",
        "min_evaluation",
        "requires_same_year_title",
        "vote_method",
        "criteria_confirmed",
        "quota_confirmed",
        "vote_confirmed",
    ]
    list_filter = ["rule_set", "vote_method", "criteria_confirmed", "quota_confirmed", "vote_confirmed"]
    search_fields = ["award_type__name", "award_type__code", "rule_set__name"]
    list_select_related = ["award_type", "rule_set", "requires_same_year_title"]
    autocomplete_fields = ["award_type"]
    inlines = [AwardRulePathInline]
    fieldsets = [
        (None, {"fields": ["rule_set", "award_type", "legal_basis", "note"]}),
        (
            _("Đối tượng được đề nghị, trong năm xét"),
            {"fields": ["min_evaluation", "requires_same_year_title", "requires_cluster_ranking"]},
        ),
        (
            _("Tập thể: thành viên"),
            {
                "fields": [
                    "member_min_evaluation",
                    "member_min_evaluation_share",
                    "share_title",
                    "share_title_min",
                    "share_title_comparison",
                    "member_required_title",
                    "member_required_count",
                ]
            },
        ),
        (_("Căn cứ được tính"), {"fields": ["excludes_thematic", "excludes_ad_hoc"]}),
        (
            _("Tỷ lệ, số lượng"),
            {
                "fields": [
                    "quota_base_title",
                    "quota_share",
                    "quota_scope",
                    "quota_rounding",
                    "quota_minimum",
                    "quota_legal_basis",
                ]
            },
        ),
        (
            _("Hội đồng biểu quyết"),
            {
                "fields": [
                    "vote_method",
                    ("quorum_numerator", "quorum_denominator"),
                    ("threshold_numerator", "threshold_denominator"),
                    "threshold_comparison",
                    "threshold_base",
                    "tie_rule",
                    "vote_legal_basis",
                ]
            },
        ),
        (_("Thẩm định"), {"fields": ["verification_working_days"]}),
        (_("Mức độ xác nhận"), {"fields": ["criteria_confirmed", "quota_confirmed", "vote_confirmed"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "verification_working_days" in form.changed_data:
            services.verification_due_refresh()

    def touched(self, obj) -> dict:
        return {"everyone": True, "year": _rule_set_since(obj.rule_set)}

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Evaluation)
class EvaluationAdmin(RejudgeAdminMixin, ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "year", "level", "points", "source", "decided_by"]
    list_filter = ["year", "level", "source"]
    search_fields = ["person__full_name", "person__staff_code", "unit__name", "unit__code"]
    list_select_related = ["person", "unit"]
    autocomplete_fields = ["person", "unit"]

    def touched(self, obj) -> dict:
        return _subject_touched(obj)


class InitiativeAuthorInline(admin.TabularInline):
    model = InitiativeAuthor
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Initiative)
class InitiativeAdmin(RejudgeAdminMixin, ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "year", "scope", "decision_number", "recognised_by"]
    list_filter = ["kind", "scope", "year"]
    search_fields = ["title", "decision_number", "authorships__person__full_name"]
    inlines = [InitiativeAuthorInline]

    def touched(self, obj) -> dict:
        authors = list(obj.authorships.values_list("person_id", flat=True)) if obj.pk else []
        return {"person_ids": authors, "year": obj.year}


@admin.register(AwardRecord)
class AwardRecordAdmin(RejudgeAdminMixin, ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = [
        "recipient",
        "award_type",
        "name_as_issued",
        "year",
        "achievement_kind",
        "decision_number",
        "decision_date",
        "source",
        "revoked",
    ]
    list_filter = ["year", "award_type", "achievement_kind", "source", "revoked"]
    search_fields = [
        "person__full_name",
        "unit__name",
        "recipient_name",
        "name_as_issued",
        "decision_number",
    ]
    list_select_related = ["person", "unit", "award_type"]
    autocomplete_fields = ["person", "unit", "award_type"]
    raw_id_fields = ["nomination"]

    @admin.display(description=_("người / tập thể nhận"))
    def recipient(self, obj):
        return obj.recipient_name or obj.subject

    def touched(self, obj) -> dict:
        return _record_touched(obj)


class InitiativeClaimInline(admin.TabularInline):
    model = InitiativeClaim
    extra = 0
    fields = ["initiative", "created_at"]
    readonly_fields = ["initiative", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # claims go through services.initiative_claim, which enforces one use


@admin.register(DisclosurePeriod)
class DisclosurePeriodAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "year", "opens", "closes"]
    list_filter = ["year"]
    fields = ["year", "opens", "closes", "note"]

    def save_model(self, request, obj, form, change):
        services.disclosure_period_save(form, by=request.user)


@admin.register(Nomination)
class NominationAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "year", "award_type", "proposing_unit", "status", "eligibility", "rule_set"]
    list_filter = ["year", "status", "eligibility", "award_type"]
    search_fields = ["person__full_name", "unit__name", "proposing_unit__name"]
    list_select_related = ["person", "unit", "award_type", "proposing_unit", "rule_set"]
    autocomplete_fields = ["person", "unit", "proposing_unit", "award_type"]
    readonly_fields = [
        "status",
        "eligibility",
        "eligibility_reasons_text",
        "eligibility_checked_at",
        "rule_set",
        "verification_due",
        "created_by",
        "created_at",
        "updated_at",
        "dossier_files_text",
        "events_text",
    ]
    exclude = ["eligibility_reasons", "proposed_initiatives"]
    inlines = [InitiativeClaimInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        services.nomination_check_eligibility(obj)

    # Files come in through the nomination page (content check, checksum); moves go through
    # services.nomination_transition. Both are read-only here.
    @admin.display(description=_("tệp hồ sơ"))
    def dossier_files_text(self, obj):
        files = obj.files.all() if obj.pk else []
        return (
            "\n".join(f"{f.get_kind_display()}: {f.original_name} ({f.checksum[:12]}…)" for f in files) or "—"
        )

    @admin.display(description=_("nhật ký xử lý"))
    def events_text(self, obj):
        events = obj.events.select_related("by") if obj.pk else []
        return (
            "\n".join(
                f"{e.at:%d/%m/%Y %H:%M} {e.by or '—'}: "
                f"{e.get_from_status_display()} → {e.get_to_status_display()}"
                + (f" ({e.reason})" if e.reason else "")
                for e in events
            )
            or "—"
        )

    @admin.display(description=_("lý do"))
    def eligibility_reasons_text(self, obj):
        return "\n".join(obj.reasons_text) or "—"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    """Dated days off (Tết, Giỗ Tổ Hùng Vương, the day next to 2/9, days in lieu) and swapped
    working days. Saving or deleting one counts the verification time limits again."""

    list_display = ["date", "weekday", "name", "kind", "confirmed", "source"]
    list_filter = ["kind", "confirmed"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"
    fields = ["date", "name", "kind", "source", "confirmed"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj):
        return date_format(obj.date, "l") if obj.date else ""  # "Thứ 2" … "Chủ nhật"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.verification_due_refresh()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.verification_due_refresh()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.verification_due_refresh()


@admin.register(NominationCall)
class NominationCallAdmin(ObjectPermissionsModelAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "year", "deadline", "remind_units_without_nominations", "active"]
    list_filter = ["year", "active"]
    fields = ["year", "deadline", "note", "remind_units_without_nominations", "active"]

    def save_model(self, request, obj, form, change):
        services.nomination_call_save(form, by=request.user)
