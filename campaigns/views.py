"""Pages of campaigns, registration rounds, registrations and scoring.

Every unit-head page takes its queryset from a selector, so another unit's id is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from catalog.enums import AwardKind
from catalog.models import AwardType
from units.bulk import BulkBarMixin
from units.concurrency import seen_version, version_token
from units.downloads import download_response
from units.formsets import added_row_data, as_typed
from units.kept import KeptPageMixin
from units.listing import ListFilterMixin
from units.refusals import Conflict, RefusalMixin, Refused
from units.rules import is_office_staff, is_unit_head
from units.selectors import units_visible_to
from units.uploads import protected_file_response
from units.views import PagedListView, RulesMixin, StatusBadgesMixin
from units.xlsx import XLSX_CONTENT_TYPE

from . import selectors
from .bulk import REGISTRATION_BULK_ACTIONS
from .enums import (
    CAMPAIGN_ACTION_LABELS,
    CAMPAIGN_TRANSITIONS,
    REASON_REQUIRED,
    REGISTRATION_ACTION_LABELS,
    REGISTRATION_TRANSITIONS,
    STATUS_BADGES,
    CampaignStatus,
    OverviewState,
    RegistrationStatus,
)
from .exports import ConsolidatedRegistrationExporter, RankingExporter
from .filters import (
    CampaignFilter,
    CriteriaSetFilter,
    RegistrationFilter,
    RegistrationListFilter,
    RoundFilter,
)
from .forms import (
    AddAllStaffForm,
    CampaignDutyFormSet,
    CampaignForm,
    CampaignItemFormSet,
    CollectiveLines,
    CriteriaSetForm,
    CriterionRows,
    IndividualLines,
    RegistrationForm,
    RoundForm,
    ScoreForm,
    TransitionForm,
)
from .models import Campaign, RegistrationRound
from .services import (
    CollectiveLine,
    CriterionRow,
    IndividualLine,
    campaign_defaults,
    campaign_save,
    campaign_transition,
    criteria_set_save,
    registration_add_all_staff,
    registration_open,
    registration_save,
    registration_transition,
    unit_scores_assess,
    unit_scores_self_save,
)


class BadgesMixin(StatusBadgesMixin):
    badges = STATUS_BADGES


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return download_response(content, filename=filename, content_type=XLSX_CONTENT_TYPE)


# ---------------------------------------------------------------------------
# Catalog (read-only page; editing is in the admin)
# ---------------------------------------------------------------------------
class CatalogView(RulesMixin, TemplateView):
    permission_required = "campaigns.view_catalog"
    template_name = "campaigns/catalog.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        awards = list(AwardType.objects.active().prefetch_related("aliases"))
        ctx["titles"] = [a for a in awards if a.kind == AwardKind.TITLE]
        ctx["forms"] = [a for a in awards if a.kind == AwardKind.FORM]
        return ctx


# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------
class CampaignListView(RulesMixin, BadgesMixin, ListView):
    permission_required = "campaigns.list_campaign"
    template_name = "campaigns/campaign_list.html"
    paginate_by = settings.PAGINATE_BY

    def get_queryset(self):
        self.filterset = CampaignFilter(
            self.request.GET or None,
            queryset=selectors.campaigns_visible_to(self.request.user).order_by("-start_date", "-pk"),
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter"] = self.filterset
        return ctx


class CampaignDetailView(RulesMixin, BadgesMixin, DetailView):
    permission_required = "campaigns.view_campaign"
    template_name = "campaigns/campaign_detail.html"
    context_object_name = "campaign"

    def get_queryset(self):
        return selectors.campaigns_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        campaign = self.object
        rounds = list(campaign.rounds.all())
        ctx["items"] = campaign.items.all()
        ctx["duties"] = campaign.duties.select_related("unit")
        ctx["rounds"] = rounds
        ctx["timeline"] = selectors.campaign_timeline(campaign, rounds)
        ctx["actions"] = [
            {"to": to, "label": CAMPAIGN_ACTION_LABELS[to]}
            for (src, to) in CAMPAIGN_TRANSITIONS
            if src == campaign.status
        ]
        return ctx


class CampaignEditMixin:
    template_name = "campaigns/campaign_form.html"

    def get_object(self):
        return None

    @cached_property
    def object(self):
        return self.get_object()

    def get_permission_object(self):
        return self.object

    def get(self, request, *args, **kwargs):
        form = CampaignForm(instance=self.object or Campaign(**campaign_defaults()))
        return self.render(form, *self.formsets())

    def formsets(self, data=None):
        instance = self.object or Campaign()
        return (
            CampaignItemFormSet(data, instance=instance, prefix="items"),
            CampaignDutyFormSet(data, instance=instance, prefix="duties"),
        )

    def post(self, request, *args, **kwargs):
        added = added_row_data(request.POST, ("items", "duties"))
        if added is not None:  # "Thêm dòng" without JavaScript
            form = CampaignForm(added, instance=self.object)
            items, duties = self.formsets(added)
            as_typed(form, items, duties)
            return self.render(form, items, duties)
        form = CampaignForm(request.POST, instance=self.object)
        items, duties = self.formsets(request.POST)
        if form.is_valid() and items.is_valid() and duties.is_valid():
            campaign = campaign_save(form, items, duties, by=request.user)
            messages.success(request, _("Đã lưu phong trào thi đua."))
            return redirect(campaign)
        messages.error(request, _("Chưa lưu được: vui lòng sửa các ô được đánh dấu."))
        return self.render(form, items, duties)

    def render(self, form, items, duties):
        return render(
            self.request,
            self.template_name,
            {"form": form, "items": items, "duties": duties, "campaign": self.object},
        )


class CampaignCreateView(CampaignEditMixin, RulesMixin, View):
    permission_required = "campaigns.add_campaign"


class CampaignUpdateView(CampaignEditMixin, RulesMixin, View):
    permission_required = "campaigns.change_campaign"

    def get_object(self):
        return get_object_or_404(selectors.campaigns_visible_to(self.request.user), pk=self.kwargs["pk"])


class CampaignTransitionView(RefusalMixin, RulesMixin, View):
    permission_required = "campaigns.transition_campaign"
    http_method_names = ["post"]

    @cached_property
    def campaign(self):
        return get_object_or_404(selectors.campaigns_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.campaign

    def post(self, request, *args, **kwargs):
        to = request.POST.get("to", "")
        if to not in CampaignStatus.values:
            messages.error(request, _("Trạng thái không hợp lệ."))
            return redirect(self.campaign)
        try:
            changed = campaign_transition(self.campaign, to=to, by=request.user)
        except Refused as exc:
            self.refused(exc)
        else:
            if changed:
                messages.success(
                    request, _("Phong trào đã chuyển sang “%(s)s”.") % {"s": CampaignStatus(to).label}
                )
            else:
                messages.info(request, _("Phong trào đã ở trạng thái này từ trước."))
        return redirect(self.campaign)


# ---------------------------------------------------------------------------
# Registration rounds
# ---------------------------------------------------------------------------
class RoundListView(ListFilterMixin, PagedListView):
    permission_required = "campaigns.list_campaign"
    template_name = "campaigns/round_list.html"
    filterset_class = RoundFilter

    def get_rows(self):
        return selectors.rounds_for_list(self.request.user)


class RoundFormMixin:
    model = RegistrationRound
    form_class = RoundForm
    template_name = "campaigns/round_form.html"

    def form_valid(self, form):
        round_ = form.save()
        messages.success(self.request, _("Đã lưu đợt đăng ký."))
        return redirect(round_)


class RoundCreateView(RulesMixin, RoundFormMixin, FormView):
    permission_required = "campaigns.add_registrationround"

    def get_initial(self):
        campaign = self.request.GET.get("campaign")
        return {"campaign": campaign} if campaign else {}


class RoundUpdateView(RulesMixin, RoundFormMixin, FormView):
    role_permission = "campaigns.add_registrationround"  # another role: 403 before the lookup
    permission_required = "campaigns.change_registrationround"

    @cached_property
    def object(self):
        return get_object_or_404(selectors.rounds_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}


class RoundDetailView(RulesMixin, BadgesMixin, DetailView):
    """The office overview of a round; for a unit head, their own registration in it."""

    permission_required = "campaigns.view_registrationround"
    template_name = "campaigns/round_detail.html"
    context_object_name = "round"

    def get_queryset(self):
        return selectors.rounds_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        if is_office_staff(user) or user.has_perm("campaigns.view_consolidated"):
            ctx["overview"] = overview = selectors.round_overview(self.object)
            ctx["states"] = OverviewState
            if overview["overdue"]:  # past the deadline: every unit that has not sent is late
                unsent = {OverviewState.MISSING, OverviewState.DRAFT, OverviewState.RETURNED}
                ctx["overdue_unsent"] = [row for row in overview["rows"] if row.state in unsent]
        if is_unit_head(user):
            ctx["own"] = selectors.registration_of(self.object, user.head_of_unit)
        return ctx


class RegistrationStartView(RefusalMixin, RulesMixin, View):
    """A unit head opens (or creates) their unit's registration in a round."""

    permission_required = "campaigns.add_registration"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        round_ = get_object_or_404(selectors.rounds_visible_to(request.user), pk=kwargs["pk"])
        unit = request.user.head_of_unit
        if is_office_staff(request.user) and request.POST.get("unit"):
            unit = get_object_or_404(units_visible_to(request.user), pk=request.POST["unit"])
        if unit is None:
            raise Http404
        try:
            registration, _created = registration_open(round_, unit, by=request.user)
        except Refused as exc:
            self.refused(exc)
            return redirect(round_)
        return redirect("campaigns:registration-edit", pk=registration.pk)


class ConsolidatedMixin:
    permission_required = "campaigns.view_consolidated"

    @cached_property
    def round(self):
        return get_object_or_404(selectors.rounds_visible_to(self.request.user), pk=self.kwargs["pk"])

    def filtered(self):
        base = selectors.registrations_visible_to(self.request.user).filter(round=self.round)
        self.filterset = RegistrationFilter(
            self.request.GET or None, queryset=base, clusters=selectors.clusters_for_round(self.round)
        )
        qs = self.filterset.qs
        award = self.filterset.form.cleaned_data.get("award_type") if self.filterset.is_bound else None
        return qs, award


class ConsolidatedView(ConsolidatedMixin, RulesMixin, BadgesMixin, KeptPageMixin, TemplateView):
    template_name = "campaigns/consolidated.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        registrations, award = self.filtered()
        page = Paginator(selectors.consolidated_registrations(registrations), settings.PAGINATE_BY).get_page(
            self.request.GET.get("page")
        )
        ctx["round"] = self.round
        ctx["filter"] = self.filterset
        ctx["table"] = selectors.consolidated_table(
            registrations, page.object_list, award_type=award, first=page.start_index()
        )
        ctx["page_obj"] = page
        ctx["query"] = self.request.GET.urlencode()
        return ctx


class ConsolidatedExportView(ConsolidatedMixin, RulesMixin, View):
    def get(self, request, *args, **kwargs):
        registrations, award = self.filtered()
        collectives, individuals = selectors.consolidated_lines(registrations, award_type=award)
        content = ConsolidatedRegistrationExporter(self.round, collectives, individuals).content()
        return _xlsx(content, f"tong-hop-dang-ky-{self.round.year}-{self.round.pk}.xlsx")


# ---------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------
class RegistrationListView(BulkBarMixin, RulesMixin, BadgesMixin, ListView):
    bulk_url_name = "campaigns:registration-bulk"
    bulk_form_id = "bulk-registrations"
    bulk_actions = REGISTRATION_BULK_ACTIONS
    bulk_permission = "campaigns.decide_registrations"

    permission_required = "campaigns.list_registration"
    template_name = "campaigns/registration_list.html"
    paginate_by = settings.PAGINATE_BY

    def get_queryset(self):
        rows = selectors.registrations_for_list(self.request.user, status=self.request.GET.get("status", ""))
        self.filterset = RegistrationListFilter(self.request.GET or None, queryset=rows)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter"] = self.filterset
        ctx["statuses"] = RegistrationStatus.choices
        ctx["current_status"] = self.request.GET.get("status", "")
        return ctx


class RegistrationObjectMixin:
    @cached_property
    def registration(self):
        return get_object_or_404(selectors.registrations_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.registration


class RegistrationDetailView(RegistrationObjectMixin, RulesMixin, BadgesMixin, TemplateView):
    permission_required = "campaigns.view_registration"
    template_name = "campaigns/registration_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        reg = self.registration
        user = self.request.user
        collectives, individuals = selectors.registration_lines(reg)
        actions = []
        for (src, to), _role in REGISTRATION_TRANSITIONS.items():
            if src != reg.status:
                continue
            perm = {
                RegistrationStatus.SUBMITTED: "campaigns.submit_registration",
                RegistrationStatus.ACCEPTED: "campaigns.decide_registration",
            }.get(to)
            if to in (RegistrationStatus.RETURNED, RegistrationStatus.DRAFT):
                perm = (
                    "campaigns.reopen_registration"
                    if src == RegistrationStatus.ACCEPTED
                    else "campaigns.decide_registration"
                )
            if user.has_perm(perm, reg):
                actions.append(
                    {
                        "to": to,
                        "label": REGISTRATION_ACTION_LABELS[(src, to)],
                        "reason": (src, to) in REASON_REQUIRED,
                    }
                )
        ctx.update(
            registration=reg,
            collectives=collectives,
            individuals=individuals,
            events=reg.events.select_related("by", "by__person"),
            history=selectors.registration_line_history(reg),
            actions=actions,
            can_edit=user.has_perm("campaigns.change_registration", reg),
            past_deadline=reg.round.is_past_deadline(),
        )
        return ctx


class RegistrationEditView(RefusalMixin, RegistrationObjectMixin, RulesMixin, View):
    permission_required = "campaigns.change_registration"
    template_name = "campaigns/registration_form.html"

    def handle_no_permission(self):
        reg = self.registration if self.request.user.is_authenticated else None
        if reg is not None and self.request.user.has_perm("campaigns.view_registration", reg):
            messages.error(
                self.request,
                _(
                    "Bản đăng ký đang ở trạng thái “%(s)s” nên không sửa được. "
                    "Đề nghị Thường trực TĐKT mở lại."
                )
                % {"s": reg.get_status_display()},
            )
            return redirect(reg)
        return super().handle_no_permission()

    def initial_lines(self):
        reg = self.registration
        collectives, individuals = selectors.registration_lines(reg)
        return (
            [{"unit": line.unit, "award_type": line.award_type, "note": line.note} for line in collectives],
            [
                {"person": line.person, "award_type": line.award_type, "note": line.note}
                for line in individuals
            ],
        )

    def build(self, data=None):
        reg = self.registration
        col_initial, ind_initial = self.initial_lines()
        form = RegistrationForm(
            data, initial={"commitments": reg.commitments, "seen_updated_at": version_token(reg.updated_at)}
        )
        collectives = CollectiveLines(data, initial=col_initial, prefix="col", registration=reg)
        individuals = IndividualLines(data, initial=ind_initial, prefix="ind", registration=reg)
        return form, collectives, individuals

    def render(self, form, collectives, individuals, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "registration": self.registration,
                "form": form,
                "collectives": collectives,
                "individuals": individuals,
                "add_all_form": AddAllStaffForm(),
                "badges": STATUS_BADGES,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render(*self.build())

    def post(self, request, *args, **kwargs):
        added = added_row_data(request.POST, ("col", "ind"))
        if added is not None:  # "Thêm dòng" without JavaScript
            form, collectives, individuals = self.build(added)
            as_typed(form, collectives, individuals)
            return self.render(form, collectives, individuals)
        form, collectives, individuals = self.build(request.POST)
        if not (form.is_valid() and collectives.is_valid() and individuals.is_valid()):
            messages.error(request, _("Chưa lưu được: vui lòng sửa các dòng được đánh dấu."))
            return self.render(form, collectives, individuals)
        try:
            registration_save(
                self.registration,
                commitments=form.cleaned_data["commitments"],
                individual_lines=[
                    IndividualLine(
                        f.cleaned_data["person"], f.cleaned_data["award_type"], f.cleaned_data["note"]
                    )
                    for f in individuals.live_forms()
                ],
                collective_lines=[
                    CollectiveLine(
                        f.cleaned_data["unit"], f.cleaned_data["award_type"], f.cleaned_data["note"]
                    )
                    for f in collectives.live_forms()
                ],
                by=request.user,
                seen_updated_at=seen_version(form.cleaned_data["seen_updated_at"]),
            )
        except Conflict as exc:
            self.refused(exc, form=form)
            return self.render(form, collectives, individuals, status=409)
        except Refused as exc:
            self.refused(exc, form=form)
            return self.render(form, collectives, individuals)
        messages.success(request, _("Đã lưu bản đăng ký."))
        if "save_submit" in request.POST:
            return self.submit()
        if "save_more" in request.POST:
            return redirect("campaigns:registration-edit", pk=self.registration.pk)
        return redirect(self.registration)

    def submit(self):
        try:
            registration_transition(self.registration, to=RegistrationStatus.SUBMITTED, by=self.request.user)
        except Refused as exc:
            self.refused(exc)
        else:
            messages.success(self.request, _("Đã gửi bản đăng ký đến Thường trực TĐKT."))
        return redirect(self.registration)


class RegistrationAddAllStaffView(RefusalMixin, RegistrationObjectMixin, RulesMixin, View):
    permission_required = "campaigns.change_registration"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = AddAllStaffForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vui lòng chọn danh hiệu."))
        else:
            try:
                added = registration_add_all_staff(
                    self.registration, award_type=form.cleaned_data["award_type"], by=request.user
                )
            except Refused as exc:
                self.refused(exc)
            else:
                messages.success(request, _("Đã thêm %(n)d cán bộ.") % {"n": added})
        return redirect("campaigns:registration-edit", pk=self.registration.pk)


class RegistrationTransitionView(RefusalMixin, RegistrationObjectMixin, RulesMixin, View):
    """One view for every move of the workflow; the service checks the table and the rules."""

    permission_required = "campaigns.view_registration"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        reg = self.registration
        to = request.POST.get("to", "")
        form = TransitionForm(request.POST)
        if to not in RegistrationStatus.values or not form.is_valid():
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect(reg)
        try:
            changed = registration_transition(reg, to=to, by=request.user, reason=form.cleaned_data["reason"])
        except Refused as exc:
            self.refused(exc)
        else:
            if changed:
                messages.success(
                    request, _("Bản đăng ký đã chuyển sang “%(s)s”.") % {"s": RegistrationStatus(to).label}
                )
            else:
                messages.info(request, _("Thao tác này đã được thực hiện trước đó."))
        return redirect(reg)


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------
class CriteriaSetListView(ListFilterMixin, PagedListView):
    permission_required = "campaigns.list_criteriaset"
    template_name = "campaigns/criteria_list.html"
    filterset_class = CriteriaSetFilter

    def get_rows(self):
        return selectors.criteria_sets_for_list(self.request.user)


class CriteriaSetEditView(RefusalMixin, RulesMixin, View):
    template_name = "campaigns/criteria_form.html"

    @cached_property
    def object(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(selectors.criteria_sets_visible_to(self.request.user), pk=pk) if pk else None

    @property
    def permission_required(self):
        return "campaigns.change_criteriaset" if self.kwargs.get("pk") else "campaigns.add_criteriaset"

    def get_permission_object(self):
        return self.object

    def render(self, form, rows):
        return render(self.request, self.template_name, {"form": form, "rows": rows, "object": self.object})

    def get(self, request, *args, **kwargs):
        initial = []
        if self.object:
            initial = [
                {"code": c.code, "title": c.title, "max_points": c.max_points, "guidance": c.guidance}
                for c in self.object.criteria.all()
            ]
        return self.render(CriteriaSetForm(instance=self.object), CriterionRows(initial=initial, prefix="c"))

    def post(self, request, *args, **kwargs):
        added = added_row_data(request.POST, ("c",))
        if added is not None:  # "Thêm tiêu chí" without JavaScript
            form, rows = CriteriaSetForm(added, instance=self.object), CriterionRows(added, prefix="c")
            as_typed(form, rows)
            return self.render(form, rows)
        form = CriteriaSetForm(request.POST, instance=self.object)
        rows = CriterionRows(request.POST, prefix="c")
        if form.is_valid() and rows.is_valid():
            data = [
                CriterionRow(f.cleaned_data["code"], f.cleaned_data["title"], f.cleaned_data["max_points"],
                             f.cleaned_data.get("guidance", ""))
                for f in rows.forms
                if f.has_changed() and not f.cleaned_data.get("DELETE")
            ]  # fmt: skip
            try:
                criteria_set = criteria_set_save(form.save(commit=False), data, by=request.user)
            except Refused as exc:
                self.refused(exc, form=form)
            else:
                messages.success(request, _("Đã lưu bảng tiêu chí."))
                return redirect(criteria_set)
        return self.render(form, rows)


class CriteriaSetDetailView(RulesMixin, DetailView):
    permission_required = "campaigns.view_criteriaset"
    template_name = "campaigns/criteria_detail.html"
    context_object_name = "criteria_set"

    def get_queryset(self):
        return selectors.criteria_sets_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["criteria"] = selectors.criteria_tree(self.object)
        ctx["can_self_score"] = self.request.user.has_perm("campaigns.self_score", self.object)
        if is_office_staff(self.request.user):
            scored = units_visible_to(self.request.user).filter(pk__in=self.object.scored_unit_ids())
            ctx["units"] = scored.order_by("order", "name")
        return ctx


class ScoreEditBase(RefusalMixin, RulesMixin, View):
    template_name = "campaigns/score_form.html"
    mode = "self"

    @cached_property
    def criteria_set(self):
        return get_object_or_404(selectors.criteria_sets_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.criteria_set

    def build(self, data=None, files=None):
        criteria = selectors.criteria_tree(self.criteria_set)
        scores = selectors.scores_for_unit(self.criteria_set, self.unit)
        return ScoreForm(data, files, criteria=criteria, scores=scores, mode=self.mode)

    def render(self, form):
        return render(
            self.request,
            self.template_name,
            {"form": form, "criteria_set": self.criteria_set, "unit": self.unit, "mode": self.mode},
        )

    def get(self, request, *args, **kwargs):
        return self.render(self.build())

    def post(self, request, *args, **kwargs):
        form = self.build(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, _("Chưa lưu được: vui lòng sửa các ô được đánh dấu."))
            return self.render(form)
        try:
            self.save(form.entries())
        except Refused as exc:
            self.refused(exc, form=form)
            return self.render(form)
        messages.success(request, _("Đã lưu điểm."))
        return redirect(self.request.path)


class SelfScoreView(ScoreEditBase):
    permission_required = "campaigns.self_score"
    mode = "self"

    def has_permission(self):
        # A superuser passes every rule, but only a unit head has a unit to score.
        return is_unit_head(self.request.user) and super().has_permission()

    @property
    def unit(self):
        return self.request.user.head_of_unit

    def save(self, entries):
        unit_scores_self_save(self.criteria_set, self.unit, entries, by=self.request.user)


class AssessScoreView(ScoreEditBase):
    permission_required = "campaigns.assess_score"
    mode = "assess"

    @cached_property
    def unit(self):
        unit = get_object_or_404(units_visible_to(self.request.user), pk=self.kwargs["unit_pk"])
        if unit.pk not in self.criteria_set.scored_unit_ids():
            raise Http404
        return unit

    def build(self, data=None, files=None):
        form = super().build(data, files)
        form.self_scores = selectors.scores_for_unit(self.criteria_set, self.unit)
        return form

    def save(self, entries):
        unit_scores_assess(self.criteria_set, self.unit, entries, by=self.request.user)


class ScoreEvidenceDownloadView(RulesMixin, View):
    """A score's evidence file, for the office or the head of the unit scored; another unit's
    score is a 404."""

    permission_required = "campaigns.view_score_evidence"

    @cached_property
    def score(self):
        scores = selectors.unit_scores_visible_to(self.request.user).exclude(evidence_file="")
        return get_object_or_404(scores, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.score

    def get(self, request, pk):
        return protected_file_response(self.score.evidence_file)


class RankingView(RulesMixin, TemplateView):
    permission_required = "campaigns.view_ranking"
    template_name = "campaigns/ranking.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        criteria_set = get_object_or_404(
            selectors.criteria_sets_visible_to(self.request.user), pk=self.kwargs["pk"]
        )
        ctx["criteria_set"] = criteria_set
        ctx["rankings"] = selectors.cluster_rankings(criteria_set)
        ctx["top_level"] = [c for c in selectors.criteria_tree(criteria_set) if c.parent_id is None]
        ctx["tie_rule"] = selectors.TIE_RULE
        return ctx


class RankingExportView(RulesMixin, View):
    permission_required = "campaigns.view_ranking"

    def get(self, request, *args, **kwargs):
        criteria_set = get_object_or_404(selectors.criteria_sets_visible_to(request.user), pk=kwargs["pk"])
        content = RankingExporter(criteria_set, selectors.cluster_rankings(criteria_set)).content()
        return _xlsx(content, f"xep-hang-cum-khoi-{criteria_set.year}-{criteria_set.pk}.xlsx")
