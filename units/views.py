"""Pages of the organisation: home, units, clusters and staff.

Access, in this order: anonymous -> login page; a role without access -> 403 (``role_permission``,
checked before any lookup); an object outside the user's scope -> 404 (querysets come from
selectors); no right on that object -> 403 (``permission_required``, checked with rules).
Views never save: services do.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from . import selectors, services
from .concurrency import ConflictAwareSaveMixin
from .enums import FIRST_YEAR, LAST_YEAR, ReorganisationKind
from .filters import ClusterFilter, PersonFilter, ReorganisationFilter, UnitFilter
from .forms import (
    ClusterCopyForm,
    ClusterForm,
    PersonForm,
    ReorganisationForm,
    ReorganisationMainForm,
    UnitForm,
)
from .home import home_sections
from .ids import id_or_none
from .inbox import has_live_items
from .kept import KeptPageMixin
from .listing import ListFilterMixin
from .refusals import RefusalMixin, Refused


# ---------------------------------------------------------------------------
# Mixins
# ---------------------------------------------------------------------------
class RulesMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Login first, then the role permission (no object), then ``permission_required`` (rules)."""

    role_permission: str | None = None

    def has_permission(self):
        if self.role_permission and not self.request.user.has_perm(self.role_permission):
            return False
        return super().has_permission()


class ScopedObjectMixin(RulesMixin):
    """Single-object views: the object is looked up once, in the user's queryset (else 404)."""

    def get_object(self, queryset=None):
        if queryset is not None:
            return super().get_object(queryset)
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object


class SubjectMixin:
    """A page about one person or one unit (``subject_field``), fetched by ``pk`` in the user's
    scope (another unit's is 404); ``subject_of`` is the keyword the selectors take for it."""

    subject_field = ""  # "person" or "unit"

    @cached_property
    def subject(self):
        visible = (
            selectors.persons_visible_to if self.subject_field == "person" else selectors.units_visible_to
        )
        return get_object_or_404(visible(self.request.user), pk=self.kwargs["pk"])

    @property
    def subject_of(self) -> dict:
        return {self.subject_field: self.subject}

    @property
    def subject_name(self) -> str:
        return self.subject.full_name if self.subject_field == "person" else self.subject.name


class HomeView(RulesMixin, KeptPageMixin, TemplateView):
    """One section per role: first the inbox (what waits on the user today, ``units.inbox``), then
    the role's panels (the office's overview, the unit's to-dos, the council's sessions). Kept
    until the data changes (``units.kept``), unless an item is counted with the clock."""

    permission_required = "units.view_home"
    template_name = "core/home.html"

    def kept_key_parts(self):
        return None if has_live_items(self.request.user) else ()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["sections"] = home_sections(self.request)
        return ctx


class StatusBadgesMixin:
    """Gives the template the app's badge of each status (``badges``: status -> CSS class)."""

    badges: dict = {}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "badges": self.badges}


class PagedListView(RulesMixin, ListView):
    """A list behind a permission, PAGINATE_BY rows a page (read per request: settings may change)."""

    def get_paginate_by(self, queryset):
        return settings.PAGINATE_BY


class FilteredListView(PagedListView):
    """A list with a django-filter form and pagination that keeps the filter in the links."""

    filterset_class = None

    def get_base_queryset(self):  # pragma: no cover - every list defines it
        raise NotImplementedError

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=self.get_base_queryset(), request=self.request
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter"] = self.filterset
        ctx["filters_active"] = any(value for key, value in self.request.GET.items() if key != "page")
        return ctx


class SavedByServiceMixin(ConflictAwareSaveMixin):
    """Create and update views: a service saves; its ValidationError lands on the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)

    def seen_version(self, form):
        return form.seen_version() if self.object is not None and self.object.pk else None


class DeactivateView(RefusalMixin, ScopedObjectMixin, DetailView):
    """GET asks for confirmation and changes nothing; POST deactivates; a repeat says so."""

    template_name = "units/confirm_deactivate.html"
    question = ""
    done_message = ""
    already_message = ""

    def deactivate(self, obj) -> bool:  # pragma: no cover - every view defines it
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["question"] = self.question % {"object": self.object}
        ctx["cancel_url"] = self.object.get_absolute_url()
        return ctx

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            done = self.deactivate(obj)
        except Refused as exc:
            self.refused(exc)
            return redirect(obj.get_absolute_url())
        if done:
            messages.success(request, self.done_message % {"object": obj})
        else:
            messages.info(request, self.already_message % {"object": obj})
        return redirect(obj.get_absolute_url())


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------
class UnitListView(FilteredListView):
    permission_required = "units.list_unit"
    filterset_class = UnitFilter
    template_name = "units/unit_list.html"
    context_object_name = "units"

    def get_base_queryset(self):
        return selectors.units_for_list(self.request.user)


class UnitScopedMixin(ScopedObjectMixin):
    role_permission = "units.list_unit"

    def get_queryset(self):
        return selectors.units_visible_to(self.request.user)


class UnitDetailView(UnitScopedMixin, DetailView):
    permission_required = "units.view_unit"
    template_name = "units/unit_detail.html"
    context_object_name = "unit"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        unit = self.object
        user = self.request.user
        ctx["children"] = selectors.units_for_list(user).filter(parent=unit)
        ctx["memberships"] = selectors.unit_memberships(unit)
        ctx["staff"] = selectors.unit_staff_counts([unit.pk]).get(unit.pk, {"total": 0, "active": 0})
        ctx["predecessors"] = unit.predecessors.all()
        ctx["successors"] = unit.successors.all()
        ctx["reorganisations"] = selectors.reorganisations_named(selectors.reorganisations_of(unit))
        ctx["former_names"] = unit.former_names.order_by("-valid_to")
        ctx["history"] = selectors.history_of(unit)
        return ctx


class UnitCreateView(SavedByServiceMixin, RulesMixin, CreateView):
    permission_required = "units.add_unit"
    form_class = UnitForm
    template_name = "units/unit_form.html"
    success_message = _("Đã thêm đơn vị %(object)s.")

    def get_initial(self):
        initial = super().get_initial()
        if id_or_none(self.request.GET.get("parent")):
            initial["parent"] = self.request.GET["parent"]
        return initial

    def perform_save(self, form):
        return services.unit_save(
            form.instance, by=self.request.user, predecessors=form.cleaned_data["predecessors"]
        )


class UnitUpdateView(SavedByServiceMixin, UnitScopedMixin, UpdateView):
    permission_required = "units.change_unit"
    form_class = UnitForm
    template_name = "units/unit_form.html"
    context_object_name = "unit"
    success_message = _("Đã lưu thay đổi của đơn vị %(object)s.")

    def perform_save(self, form):
        return services.unit_save(
            form.instance,
            by=self.request.user,
            seen_updated_at=self.seen_version(form),
            predecessors=form.cleaned_data["predecessors"],
        )


class UnitDeactivateView(UnitScopedMixin, DeactivateView):
    permission_required = "units.change_unit"
    question = _("Cho đơn vị %(object)s ngừng hoạt động?")
    done_message = _("Đơn vị %(object)s đã ngừng hoạt động.")
    already_message = _("Đơn vị %(object)s đã ngừng hoạt động từ trước, không có gì thay đổi.")

    def deactivate(self, obj):
        return services.unit_deactivate(obj, by=self.request.user)


# ---------------------------------------------------------------------------
# Clusters
# ---------------------------------------------------------------------------


def year_from(request) -> int:
    """The year a page asks for in ``?year=``: the current year when it is missing, not a whole
    number, or outside FIRST_YEAR–LAST_YEAR. Every page and export with a year reads it here."""
    value = request.GET.get("year", "")
    if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return timezone.localdate().year


class ClusterListView(PagedListView):
    permission_required = "units.view_cluster"
    template_name = "units/cluster_list.html"
    context_object_name = "clusters"

    def get_queryset(self):
        self.year = year_from(self.request)
        rows = selectors.clusters_for_list(self.year)
        self.filterset = ClusterFilter(self.request.GET or None, queryset=rows)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["year"] = self.year
        ctx["years"] = selectors.cluster_years()
        ctx["filter"] = self.filterset
        return ctx


class ClusterScopedMixin(ScopedObjectMixin):
    role_permission = "units.view_cluster"

    def get_queryset(self):
        return selectors.clusters_with_roles()


class ClusterDetailView(ClusterScopedMixin, DetailView):
    permission_required = "units.view_cluster"
    template_name = "units/cluster_detail.html"
    context_object_name = "cluster"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["memberships"] = sorted(
            self.object.memberships.all(), key=lambda m: (m.role != "leader", m.role != "deputy", m.unit.name)
        )
        ctx["history"] = selectors.history_of(self.object)
        ctx["membership_history"] = selectors.cluster_membership_history(self.object)
        return ctx


class ClusterSaveMixin(SavedByServiceMixin):
    form_class = ClusterForm
    template_name = "units/cluster_form.html"

    def perform_save(self, form):
        data = form.cleaned_data
        return services.cluster_save(
            form.instance,
            members=data["members"],
            leader=data.get("leader"),
            deputy=data.get("deputy"),
            by=self.request.user,
            seen_updated_at=self.seen_version(form),
        )


class ClusterCreateView(ClusterSaveMixin, RulesMixin, CreateView):
    permission_required = "units.add_cluster"
    success_message = _("Đã thêm cụm/khối %(object)s.")

    def get_initial(self):
        initial = super().get_initial()
        initial["year"] = year_from(self.request)
        return initial


class ClusterUpdateView(ClusterSaveMixin, ClusterScopedMixin, UpdateView):
    permission_required = "units.change_cluster"
    context_object_name = "cluster"
    success_message = _("Đã lưu thay đổi của cụm/khối %(object)s.")


class ClusterDeactivateView(ClusterScopedMixin, DeactivateView):
    permission_required = "units.change_cluster"
    question = _("Cho cụm/khối %(object)s ngừng hoạt động?")
    done_message = _("Cụm/khối %(object)s đã ngừng hoạt động.")
    already_message = _("Cụm/khối %(object)s đã ngừng hoạt động từ trước, không có gì thay đổi.")

    def deactivate(self, obj):
        return services.cluster_deactivate(obj, by=self.request.user)


class ClusterCopyView(RulesMixin, FormView):
    """Copy a year's clusters and members to another year (leaders and deputies rotate: not copied)."""

    permission_required = "units.add_cluster"
    form_class = ClusterCopyForm
    template_name = "units/cluster_copy.html"

    def get_initial(self):
        year = year_from(self.request)
        return {"from_year": year, "to_year": year + 1}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:  # the year as typed: "abc" or 10^23 lists nothing (the form says why)
            year = int(ctx["form"]["from_year"].value())
        except (TypeError, ValueError):
            year = None
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            year = None
        ctx["sources"] = selectors.clusters_to_copy(year)
        return ctx

    def form_valid(self, form):
        from_year, to_year = form.cleaned_data["from_year"], form.cleaned_data["to_year"]
        created = services.clusters_copy_to_year(from_year, to_year, by=self.request.user)
        skipped = selectors.clusters_to_copy(from_year).count() - len(created)
        messages.success(
            self.request,
            _("Đã sao chép %(created)s cụm/khối sang năm %(year)s; bỏ qua %(skipped)s cụm/khối đã có.")
            % {"created": len(created), "year": to_year, "skipped": skipped},
        )
        return redirect(f"{reverse('units:cluster-list')}?year={to_year}")


# ---------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------
class PersonListView(KeptPageMixin, FilteredListView):
    permission_required = "units.list_person"
    filterset_class = PersonFilter
    template_name = "units/person_list.html"
    context_object_name = "persons"

    def get_base_queryset(self):
        return selectors.persons_for_list(self.request.user)


class PersonScopedMixin(ScopedObjectMixin):
    role_permission = "units.list_person"

    def get_queryset(self):
        return selectors.persons_for_list(self.request.user).select_related("user")


class PersonDetailView(PersonScopedMixin, DetailView):
    permission_required = "units.view_person"
    template_name = "units/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["history"] = selectors.history_of(self.object)
        return ctx


class PersonFormMixin(SavedByServiceMixin):
    form_class = PersonForm
    template_name = "units/person_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def perform_save(self, form):
        return services.person_save(
            form.instance, by=self.request.user, seen_updated_at=self.seen_version(form)
        )


class PersonCreateView(PersonFormMixin, RulesMixin, CreateView):
    permission_required = "units.add_person"
    success_message = _("Đã thêm cán bộ %(object)s.")

    def get_initial(self):
        initial = super().get_initial()
        unit = self.request.GET.get("unit", "")
        if id_or_none(unit):
            initial["unit"] = unit
        elif self.request.user.head_of_unit_id:
            initial["unit"] = self.request.user.head_of_unit_id
        return initial


class PersonUpdateView(PersonFormMixin, PersonScopedMixin, UpdateView):
    permission_required = "units.change_person"
    context_object_name = "person"
    success_message = _("Đã lưu thay đổi của cán bộ %(object)s.")


class PersonDeactivateView(PersonScopedMixin, DeactivateView):
    permission_required = "units.change_person"
    question = _(
        "Ghi nhận cán bộ %(object)s đã nghỉ hoặc chuyển công tác? Tài khoản đăng nhập (nếu có) sẽ bị khóa."
    )
    done_message = _("Đã ghi nhận cán bộ %(object)s ngừng công tác.")
    already_message = _("Cán bộ %(object)s đã ngừng công tác từ trước, không có gì thay đổi.")

    def deactivate(self, obj):
        return services.person_deactivate(obj, by=self.request.user)


# ---------------------------------------------------------------------------
# Reorganisations (office and administrator)
# ---------------------------------------------------------------------------
class ReorganisationListView(ListFilterMixin, PagedListView):
    permission_required = "units.list_reorganisation"
    template_name = "units/reorganisation_list.html"
    context_object_name = "events"
    filterset_class = ReorganisationFilter

    def get_rows(self):
        return selectors.reorganisations_for_list()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["events"] = ctx["object_list"] = selectors.reorganisations_named(ctx["events"])
        return ctx


class ReorganisationCreateView(RefusalMixin, RulesMixin, FormView):
    """Record a reorganisation: a refusal lands at its field, the input kept."""

    permission_required = "units.add_reorganisation"
    form_class = ReorganisationForm
    template_name = "units/reorganisation_form.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            event = services.reorganisation_record(
                kind=data["kind"],
                effective=data["effective"],
                basis=services.LegalBasis(
                    number=data["decision_number"], date=data["decision_date"], issuer=data["issuer"]
                ),
                units_before=data["units_before"],
                units_after=data["units_after"],
                department=data["department"],
                new_name=data["new_name"],
                new_short_name=data["new_short_name"] or None,
                new_units=data["new_units"],
                main=data["main_predecessor"],
                note=data["note"],
                by=self.request.user,
            )
        except Refused as exc:
            return self.form_invalid(self.refused(exc, form=form))
        messages.success(self.request, _("Đã ghi nhận %(event)s.") % {"event": event})
        return redirect(event.get_absolute_url())


class ReorganisationDetailView(RulesMixin, DetailView):
    permission_required = "units.list_reorganisation"
    template_name = "units/reorganisation_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return selectors.reorganisations_for_list()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        event = self.object
        selectors.reorganisations_named([event])
        ctx["history"] = selectors.history_of(event)
        ctx["can_choose_main"] = event.kind in (ReorganisationKind.MERGER, ReorganisationKind.ABSORPTION)
        ctx["main_form"] = kwargs.get("main_form") or ReorganisationMainForm(event=event)
        return ctx


class ReorganisationMainView(RefusalMixin, ReorganisationDetailView):
    """The office names which predecessor's chain the successor continues."""

    permission_required = "units.add_reorganisation"

    def get(self, request, *args, **kwargs):
        return redirect(self.get_object().get_absolute_url())

    def post(self, request, *args, **kwargs):
        self.object = event = self.get_object()
        form = ReorganisationMainForm(request.POST, event=event)
        if form.is_valid():
            try:
                services.reorganisation_choose_main(
                    event, main=form.cleaned_data["main_predecessor"], by=request.user
                )
            except Refused as exc:
                self.refused(exc, form=form)
            else:
                messages.success(request, _("Đã lưu đơn vị tiền thân chính."))
                return redirect(event.get_absolute_url())
        return self.render_to_response(self.get_context_data(main_form=form), status=422)
