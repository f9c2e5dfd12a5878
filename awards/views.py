"""Pages of the awards app: thin views over selectors (reads) and services (writes).

Every nomination page takes its queryset from ``selectors.nominations_visible_to(user)``, so
another unit's nomination is a 404 whatever the permissions say.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from units.bulk import BulkBarMixin
from units.confirm import ask_first, needs_confirmation
from units.downloads import download_response
from units.kept import KeptPageMixin
from units.listing import ListFilterMixin
from units.refusals import Conflict, RefusalMixin, Refused
from units.rules import is_office_staff
from units.selectors import history_of, unit_lineage
from units.uploads import preview_file_response, protected_file_response
from units.views import PagedListView, RulesMixin, StatusBadgesMixin, SubjectMixin

from . import imports, selectors, services
from .bulk import NOMINATION_BULK_ACTIONS
from .enums import (
    DISCLOSURE_SYMBOL,
    NOMINATION_ACTION_LABELS,
    NOMINATION_MANUAL_MOVES,
    NOMINATION_TRANSITIONS,
    OFFICE,
    REASON_REQUIRED,
    STATUS_BADGES,
    UNIT,
    NominationStatus,
)
from .filters import CallFilter, DisclosureFilter, NominationFilter, VerifyQueueFilter, verify_queue_params
from .forms import (
    COLLECTIVE,
    FIND_PERSON,
    INDIVIDUAL,
    PERSON_QUERY,
    DisclosureCommentForm,
    DisclosureCommentModerationForm,
    DisclosurePeriodForm,
    DossierUploadForm,
    ImportUploadForm,
    NominationCallForm,
    NominationForm,
    RecheckYearForm,
    TransitionForm,
    new_disclosure_period,
    person_label,
)
from .models import DisclosureComment, DisclosurePeriod, DossierFile, Nomination, NominationCall
from .rules import is_proposing_unit_head


class BadgesMixin(StatusBadgesMixin):
    badges = STATUS_BADGES


class NominationObjectMixin:
    """The nomination of the URL, looked up in what the user may see (another unit's: 404)."""

    nomination_kwarg = "pk"

    @cached_property
    def nomination(self) -> Nomination:
        return get_object_or_404(
            selectors.nominations_visible_to(self.request.user).select_related(
                "person", "person__unit", "unit", "award_type", "proposing_unit", "rule_set", "created_by"
            ),
            pk=self.kwargs[self.nomination_kwarg],
        )

    def get_permission_object(self):
        return self.nomination

    # Shown on the nomination's page to a user who may see it but not do this in its present
    # status (``%(status)s``); without it, such a user gets the plain refusal.
    refused_in_status = ""

    def handle_no_permission(self):
        user = self.request.user
        if (
            self.refused_in_status
            and user.is_authenticated
            and user.has_perm("awards.view_nomination", self.nomination)
        ):
            status = self.nomination.get_status_display()
            messages.error(self.request, self.refused_in_status % {"status": status})
            return redirect(self.nomination)
        return super().handle_no_permission()


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------
class NominationBulkBarMixin(BulkBarMixin):
    bulk_url_name = "awards:nomination-bulk"
    bulk_form_id = "bulk-nominations"
    bulk_actions = NOMINATION_BULK_ACTIONS
    bulk_permission = "awards.verify_nomination"


class NominationListView(NominationBulkBarMixin, RulesMixin, BadgesMixin, KeptPageMixin, FilterView):
    permission_required = "awards.list_nomination"
    filterset_class = NominationFilter
    template_name = "awards/nomination_list.html"
    context_object_name = "nominations"
    paginate_by = settings.PAGINATE_BY

    def get_queryset(self):
        return selectors.nominations_for_list(self.request.user).only(*selectors.NOMINATION_ROW_FIELDS)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["recheck_form"] = RecheckYearForm(initial={"year": self.request.GET.get("year") or ""})
        ctx["show_verification_due"] = is_office_staff(self.request.user)
        ctx["calls"] = selectors.call_banners(self.request.user)
        ctx["lapsed_count"] = selectors.lapsed_verdict_count(self.request.user)
        return ctx


class VerifyQueueView(NominationBulkBarMixin, BadgesMixin, ListFilterMixin, PagedListView):
    """The office's "Thẩm định" queue: submitted nominations, oldest first; ``?due=YYYY-MM-DD``
    keeps those due that day (the link of a reminder), ``?overdue=1`` those past their time limit."""

    permission_required = "awards.verify_nomination"
    template_name = "awards/verify_queue.html"
    context_object_name = "nominations"

    @cached_property
    def queue_filters(self) -> dict:
        return verify_queue_params(self.request.GET)

    filterset_class = VerifyQueueFilter

    def get_rows(self):
        return selectors.nominations_to_verify(self.request.user, **self.queue_filters)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            show_verification_due=True,
            due=self.queue_filters["due"],
            overdue_only=self.queue_filters["overdue"],
            overdue_count=selectors.nominations_overdue_for_verification().count(),
            lapsed_only=self.queue_filters["lapsed"],
            lapsed_count=selectors.lapsed_verdict_count(self.request.user, status=NominationStatus.SUBMITTED),
        )
        return ctx


# ---------------------------------------------------------------------------
# Create / edit
# ---------------------------------------------------------------------------
class NominationEditorMixin(RefusalMixin):
    template_name = "awards/nomination_form.html"

    def render_form(self, form, status=200):
        ctx = {
            "form": form,
            "nomination": form.instance if form.instance.pk else None,
            "subject": form.subject,
            "subjects": [(INDIVIDUAL, _("Cá nhân")), (COLLECTIVE, _("Tập thể"))],
        }
        return TemplateResponse(self.request, self.template_name, ctx, status=status)

    def save(self, form):
        if not form.is_valid():
            messages.error(self.request, _("Chưa lưu được: vui lòng sửa các ô được đánh dấu bên dưới."))
            return self.render_form(form)
        try:
            nomination = services.nomination_save(
                form, by=self.request.user, seen_updated_at=form.seen_version()
            )
        except Conflict as conflict:
            self.refused(conflict, form=form)
            return self.render_form(form, status=409)
        except (ValidationError, PermissionDenied) as exc:
            self.refused(exc, form=form)
            return self.render_form(form)
        messages.success(self.request, _("Đã lưu đề nghị khen thưởng."))
        return redirect(nomination)

    def bound_form(self, **kwargs):
        """The posted form; when the "Tìm" button of the person's search box sent it (the page
        without JavaScript), the form as typed with the matches offered in the person's field,
        the only match chosen if nobody was."""
        data = self.request.POST
        if not data.get(FIND_PERSON):
            return NominationForm(data, user=self.request.user, **kwargs), False
        search = selectors.search_nominable_people(self.request.user, data.get(PERSON_QUERY, ""))
        if len(search.people) == 1 and not data.get("person"):
            data = data.copy()
            data["person"] = str(search.people[0].pk)
        form = NominationForm(data, user=self.request.user, person_search=search, **kwargs)
        form.show_as_typed()
        return form, True

    def post_form(self, **kwargs):
        form, searching = self.bound_form(**kwargs)
        return self.render_form(form) if searching else self.save(form)


class NominationCreateView(RulesMixin, NominationEditorMixin, KeptPageMixin, View):
    permission_required = "awards.add_nomination"

    def subject(self):
        value = self.request.GET.get("subject") or self.request.POST.get("subject")
        return COLLECTIVE if value == COLLECTIVE else INDIVIDUAL

    def get(self, request):
        return self.kept_get(
            lambda: self.render_form(NominationForm(user=request.user, subject=self.subject()))
        )

    def post(self, request):
        return self.post_form(subject=self.subject())


class NominationEditView(NominationObjectMixin, RulesMixin, NominationEditorMixin, View):
    permission_required = "awards.change_nomination"
    refused_in_status = gettext_lazy("Đề nghị đang ở trạng thái “%(status)s” nên không sửa được.")

    def get(self, request, pk):
        return self.render_form(NominationForm(instance=self.nomination, user=request.user))

    def post(self, request, pk):
        return self.post_form(instance=self.nomination)


class NominationPersonSearchView(RulesMixin, View):
    """htmx: the staff the user may nominate whose name holds what was typed (at most 20), each
    a button that puts the person into the form's field (``static/js/app.js``)."""

    permission_required = "awards.add_nomination"

    def get(self, request):
        search = selectors.search_nominable_people(request.user, request.GET.get(PERSON_QUERY, ""))
        choices = [(person, person_label(person)) for person in search.people]
        return TemplateResponse(
            request, "awards/includes/person_results.html", {"search": search, "choices": choices}
        )


class NominationInitiativesView(RulesMixin, View):
    """htmx: the form's initiatives field for the person chosen (``?person=``), as the form
    writes it; a person the user may not nominate has none."""

    permission_required = "awards.add_nomination"

    def get(self, request):
        form = NominationForm(user=request.user, initial={"person": request.GET.get("person") or None})
        return TemplateResponse(request, "awards/includes/nomination_initiatives.html", {"form": form})


# ---------------------------------------------------------------------------
# Detail
# ---------------------------------------------------------------------------
def available_actions(nomination: Nomination, user) -> list[dict]:
    """The moves this user can make from the page: the unit's for its head, the office's for it."""
    actions = []
    for (src, to), role in NOMINATION_TRANSITIONS.items():
        if src != nomination.status or (src, to) not in NOMINATION_MANUAL_MOVES:
            continue
        if role == UNIT and not is_proposing_unit_head(user, nomination):
            continue
        if role == OFFICE and not is_office_staff(user):
            continue
        actions.append(
            {
                "to": to,
                "label": NOMINATION_ACTION_LABELS[(src, to)],
                "reason": services.transition_needs_reason(src, to, nomination.eligibility),
                "override": (src, to) not in REASON_REQUIRED
                and services.transition_needs_reason(src, to, nomination.eligibility),
                "danger": to in (NominationStatus.RETURNED, NominationStatus.DRAFT),
            }
        )
    return actions


class NominationDetailView(NominationObjectMixin, RulesMixin, BadgesMixin, TemplateView):
    permission_required = "awards.view_nomination"
    template_name = "awards/nomination_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        nomination = self.nomination
        user = self.request.user
        details = selectors.nomination_for_detail(nomination, user=user)
        labels = dict(DossierFile._meta.get_field("kind").choices)
        checklist = selectors.dossier_checklist(nomination)
        missing = [line.code for line in checklist if not line.present]
        days_left = selectors.working_days_left(nomination) if is_office_staff(user) else None
        ctx.update(
            nomination=nomination,
            show_verification_due=is_office_staff(user),
            verification_days_left=days_left,
            verification_days_over=-days_left if days_left is not None and days_left < 0 else 0,
            actions=available_actions(nomination, user),
            can_edit=user.has_perm("awards.change_nomination", nomination),
            can_upload=user.has_perm("awards.upload_dossier", nomination),
            can_recheck=user.has_perm("awards.recheck_nomination", nomination),
            can_read_comments=user.has_perm("awards.read_disclosure_comments"),
            missing_documents=[labels.get(code, code) for code in missing],
            required_documents=nomination.award_type.required_document_labels(),
            checklist=checklist,
            registered=selectors.nomination_registered(nomination),
            history=history_of(nomination),
            **details,
        )
        return ctx


# ---------------------------------------------------------------------------
# Transitions: one view for every move
# ---------------------------------------------------------------------------
class NominationTransitionView(RefusalMixin, NominationObjectMixin, RulesMixin, BadgesMixin, TemplateView):
    """GET shows what will happen (and asks for a reason where needed); POST does it.

    The service checks the table and who may move; a repeat says "already done".
    """

    permission_required = "awards.view_nomination"
    template_name = "awards/nomination_transition.html"

    @cached_property
    def to(self) -> str:
        to = self.kwargs["to"]
        if to not in NominationStatus.values or not any(dst == to for _src, dst in NOMINATION_MANUAL_MOVES):
            raise Http404
        return to

    def move(self):
        return (self.nomination.status, self.to)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        move = self.move()
        ctx.update(
            nomination=self.nomination,
            to=self.to,
            to_label=NominationStatus(self.to).label,
            label=NOMINATION_ACTION_LABELS.get(move, NominationStatus(self.to).label),
            allowed=move in NOMINATION_TRANSITIONS,
            already=self.nomination.status == self.to,
            missing_documents=selectors.missing_documents(self.nomination)
            if self.to == NominationStatus.SUBMITTED
            else [],
            overrides_verdict=self.overrides_verdict(),
            form=kwargs.get("form")
            or TransitionForm(
                initial={"seen_status": self.nomination.status},
                reason_required=self.reason_required(),
                override=self.overrides_verdict(),
            ),
        )
        return ctx

    def reason_required(self) -> bool:
        return services.transition_needs_reason(self.nomination.status, self.to, self.nomination.eligibility)

    def overrides_verdict(self) -> bool:
        return self.reason_required() and self.move() not in REASON_REQUIRED

    def post(self, request, *args, **kwargs):
        nomination = self.nomination
        form = TransitionForm(
            request.POST, reason_required=self.reason_required(), override=self.overrides_verdict()
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        seen = form.cleaned_data["seen_status"]
        if seen in NominationStatus.values:
            nomination.status = seen  # what the user saw: the service compares it with the row
        try:
            changed = services.nomination_transition(
                nomination, to=self.to, by=request.user, reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as exc:
            self.refused(exc)
            return redirect(nomination)
        if changed:
            messages.success(
                request, _("Đề nghị đã chuyển sang “%(s)s”.") % {"s": NominationStatus(self.to).label}
            )
        else:
            messages.info(request, _("Thao tác này đã được thực hiện trước đó; không có gì thay đổi."))
        return redirect(nomination)


# ---------------------------------------------------------------------------
# Eligibility on demand
# ---------------------------------------------------------------------------
class NominationRecheckView(NominationObjectMixin, RulesMixin, View):
    permission_required = "awards.recheck_nomination"
    http_method_names = ["post"]

    def post(self, request, pk):
        verdict = services.nomination_recheck(self.nomination, by=request.user)
        messages.success(
            request,
            _("Đã kiểm tra lại điều kiện: %(status)s.")
            % {"status": self.nomination.get_eligibility_display() or verdict.status},
        )
        return redirect(self.nomination)


class RecheckYearView(RulesMixin, View):
    permission_required = "awards.recheck_year"
    http_method_names = ["post"]

    def post(self, request):
        form = RecheckYearForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Năm không hợp lệ."))
            return redirect("awards:nomination-list")
        year = form.cleaned_data["year"]
        count = services.nominations_recheck_year(year, by=request.user)
        messages.success(
            request, _("Đã kiểm tra lại %(n)s đề nghị năm %(year)s.") % {"n": count, "year": year}
        )
        return redirect(f"{reverse('awards:nomination-list')}?{urlencode({'year': year})}")


# ---------------------------------------------------------------------------
# Dossier files
# ---------------------------------------------------------------------------
class DossierUploadView(RefusalMixin, NominationObjectMixin, RulesMixin, TemplateView):
    """One or more files at once (``<input multiple>``, or dropped on the page's zone and sent one
    by one by ``static/js/dossier.js`` with a progress bar). Each file is checked on its own: a
    refused one is listed with its message, the others are stored. The form starts on the next
    document the award requires that the dossier lacks, beside the checklist of all of them."""

    permission_required = "awards.upload_dossier"
    template_name = "awards/dossier_upload.html"
    refused_in_status = gettext_lazy(
        "Chỉ thay đổi hồ sơ khi đề nghị đang soạn hoặc bị trả lại (hiện: %(status)s)."
    )

    @property
    def sent_by_script(self) -> bool:
        return self.request.headers.get("X-Requested-With") == "XMLHttpRequest"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        checklist = selectors.dossier_checklist(self.nomination)
        next_kind = selectors.next_missing_document(checklist)
        ctx.setdefault("form", DossierUploadForm(nomination=self.nomination, next_kind=next_kind))
        ctx.update(
            nomination=self.nomination,
            checklist=checklist,
            missing_kinds=[line.code for line in checklist if not line.present],
        )
        return ctx

    def post(self, request, pk):
        form = DossierUploadForm(request.POST, request.FILES, nomination=self.nomination)
        if not form.is_valid():
            if self.sent_by_script:
                refusal = [str(message) for errors in form.errors.values() for message in errors]
                return JsonResponse({"refused": refusal}, status=400)
            return self.render_to_response(self.get_context_data(form=form))
        try:
            results = services.dossier_files_add(self.nomination, uploads=form.uploads(), by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            if self.sent_by_script:
                refusal = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
                return JsonResponse({"refused": refusal}, status=400)
            self.refused(exc, form=form)
            return self.render_to_response(self.get_context_data(form=form))
        for result in results:
            if result.stored:
                messages.success(
                    request,
                    _("Đã thêm tệp “%(name)s” (%(kind)s) vào hồ sơ.")
                    % {"name": result.item.original_name, "kind": result.kind_label},
                )
        if self.sent_by_script:
            checklist = selectors.dossier_checklist(self.nomination)
            return JsonResponse(
                {
                    "files": [
                        {"name": r.name, "kind": r.kind, "kind_label": r.kind_label, "stored": r.stored,
                         "errors": [str(m) for m in r.errors]}
                        for r in results
                    ],
                    "checklist_html": render_to_string(
                        "awards/includes/dossier_checklist.html",
                        {"nomination": self.nomination, "checklist": checklist},
                        request=request,
                    ),
                    "missing": [line.code for line in checklist if not line.present],
                    "next": self.nomination.get_absolute_url(),
                }
            )  # fmt: skip
        if all(result.stored for result in results):
            return redirect(self.nomination)
        return self.render_to_response(self.get_context_data(results=results))


class DossierFileMixin(NominationObjectMixin):
    @cached_property
    def dossier_file(self) -> DossierFile:
        return get_object_or_404(self.nomination.files.all(), pk=self.kwargs["file_pk"])


class DossierDeleteView(RefusalMixin, DossierFileMixin, RulesMixin, View):
    permission_required = "awards.upload_dossier"
    http_method_names = ["post"]

    def post(self, request, pk, file_pk):
        item = self.dossier_file
        if needs_confirmation(request):
            return ask_first(
                request,
                title=_("Bỏ tệp khỏi hồ sơ?"),
                subject=item.original_name,
                consequences=[
                    _("Tệp “%(name)s” (%(kind)s) không còn trong hồ sơ đề nghị của %(nominee)s.")
                    % {
                        "name": item.original_name,
                        "kind": item.get_kind_display(),
                        "nominee": self.nomination.nominee_name,
                    },
                    _("Muốn dùng lại phải tải tệp lên lần nữa; lịch sử hồ sơ vẫn ghi ai đã bỏ tệp, lúc nào."),
                ],
                button=_("Bỏ tệp"),
                cancel_url=self.nomination.get_absolute_url(),
                danger=True,
            )
        try:
            services.dossier_file_delete(item, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            self.refused(exc)
        else:
            messages.success(request, _("Đã bỏ tệp “%(name)s” khỏi hồ sơ.") % {"name": item.original_name})
        return redirect(self.nomination)


class DossierDownloadView(DossierFileMixin, RulesMixin, View):
    """Files leave only through here, after the nomination itself was found for this user."""

    permission_required = "awards.view_nomination"

    def get(self, request, pk, file_pk):
        return protected_file_response(self.dossier_file.file, filename=self.dossier_file.original_name)


class DossierPreviewView(DossierFileMixin, RulesMixin, TemplateView):
    """A page showing one PDF or image of the dossier in the browser (through
    ``dossier-inline``), with its download; other files are offered for download only."""

    permission_required = "awards.view_nomination"
    template_name = "awards/dossier_preview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.dossier_file
        ctx.update(
            nomination=self.nomination,
            item=item,
            inline_url=reverse("awards:dossier-inline", args=[self.nomination.pk, item.pk]),
            download_url=item.get_download_url(),
        )
        return ctx


class DossierInlineView(DossierFileMixin, RulesMixin, View):
    """The bytes of a PDF or an image to show inline (``units.uploads.preview_file_response``: its
    own restrictive policy, framed by this site only); any other file downloads."""

    permission_required = "awards.view_nomination"

    def get(self, request, pk, file_pk):
        return preview_file_response(self.dossier_file.file, filename=self.dossier_file.original_name)


# ---------------------------------------------------------------------------
# Public disclosure (công khai)
# ---------------------------------------------------------------------------
class DisclosureListView(ListFilterMixin, PagedListView):
    permission_required = "awards.view_disclosure"
    template_name = "awards/disclosure_list.html"
    context_object_name = "periods"
    filterset_class = DisclosureFilter

    def get_rows(self):
        return selectors.disclosure_periods_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class DisclosureObjectMixin:
    @cached_property
    def period(self) -> DisclosurePeriod:
        return get_object_or_404(
            selectors.disclosure_periods_visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_permission_object(self):
        return self.period


class DisclosureDetailView(RefusalMixin, DisclosureObjectMixin, RulesMixin, TemplateView):
    """The published list of a year, open to every logged-in user, with the comment form.

    The office also finds here its moderation queue (pending comments first, each with Accept and
    Reject) and every comment with its state; a council member reads the accepted comments only;
    an author sees what became of their own."""

    permission_required = "awards.view_disclosure"
    template_name = "awards/disclosure_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        period = self.period
        nominations = selectors.disclosed_nominations(period)
        user = self.request.user
        can_read = user.has_perm("awards.read_disclosure_comments")
        can_moderate = user.has_perm("awards.moderate_disclosure_comment")
        # A moderation the office sent back with an error: (comment id, its bound form).
        refused_pk, refused_form = kwargs.get("moderation") or (None, None)
        queue = []
        if can_moderate:
            queue = [
                (c, refused_form if c.pk == refused_pk else DisclosureCommentModerationForm(comment_pk=c.pk))
                for c in selectors.disclosure_comments_pending(period)
            ]
        comments = list(selectors.disclosure_comments(period, user=user)) if can_read else []
        if can_moderate:
            comments = [c for c in comments if not c.is_pending]  # those are in the queue above
        ctx.update(
            period=period,
            nominations=list(nominations),
            is_open=period.is_open(),
            form=kwargs.get("form") or DisclosureCommentForm(nominations=nominations),
            can_manage=user.has_perm("awards.manage_disclosure"),
            can_read_comments=can_read,
            can_moderate=can_moderate,
            moderation_queue=queue,
            pending_count=len(queue),
            comments=comments,
            my_comments=[] if can_moderate else list(selectors.disclosure_comments_of_author(period, user)),
        )
        return ctx

    def post(self, request, pk):
        nominations = selectors.disclosed_nominations(self.period)
        form = DisclosureCommentForm(request.POST, nominations=nominations)
        if form.is_valid():
            try:
                services.disclosure_comment_add(
                    self.period,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    nomination=form.cleaned_data["nomination"],
                )
            except (ValidationError, PermissionDenied) as exc:
                self.refused(exc, form=form)
            else:
                messages.success(
                    request,
                    _(
                        "Đã ghi nhận ý kiến của bạn. Cảm ơn bạn đã góp ý. Thường trực TĐKT sẽ xem xét "
                        "trước khi chuyển Hội đồng."
                    ),
                )
                return redirect(self.period)
        return self.render_to_response(self.get_context_data(form=form))


class DisclosureCommentModerateView(DisclosureDetailView):
    """POST: the office accepts a pending comment or rejects it with a reason. A refusal about what
    was typed (no reason) shows the period's page again with the form as it was sent; a comment
    someone else has moderated meanwhile is said in the messages."""

    permission_required = "awards.moderate_disclosure_comment"
    http_method_names = ["post"]

    def get_permission_object(self):
        return None  # the office's right, whatever the comment

    @cached_property
    def comment(self) -> DisclosureComment:
        return get_object_or_404(self.period.comments.all(), pk=self.kwargs["comment_pk"])

    def post(self, request, pk, comment_pk):
        comment = self.comment
        form = DisclosureCommentModerationForm(request.POST, comment_pk=comment.pk)
        # A comment decided meanwhile is no longer in the queue: the service says so, whatever was sent.
        if form.is_valid() or not comment.is_pending:
            try:
                services.disclosure_comment_moderate(
                    comment, by=request.user, accept=form.accepts, reason=form.cleaned_data.get("reason", "")
                )
            except Refused as exc:
                comment.refresh_from_db(fields=["status"])
                if not comment.is_pending:
                    self.refused(exc)
                    return redirect(f"{self.period.get_absolute_url()}#moderation")
                self.refused(exc, form=form)
            else:
                if form.accepts:
                    messages.success(request, _("Đã tiếp nhận ý kiến; Hội đồng sẽ đọc được ý kiến này."))
                else:
                    messages.success(request, _("Đã ghi nhận không tiếp nhận ý kiến."))
                return redirect(f"{self.period.get_absolute_url()}#moderation")
        return self.render_to_response(self.get_context_data(moderation=(comment.pk, form)))


class DisclosureIssueView(DisclosureObjectMixin, RulesMixin, View):
    """POST: number the disclosure notice from the register (once)."""

    permission_required = "awards.manage_disclosure"
    http_method_names = ["post"]

    def post(self, request, pk):
        period = self.period
        if needs_confirmation(request) and not period.number:
            return ask_first(
                request,
                title=_("Ban hành thông báo công khai?"),
                subject=str(period),
                consequences=[
                    _(
                        "Thông báo được cấp số tiếp theo của sổ văn bản ký hiệu %(symbol)s năm %(year)s, "
                        "ngày ban hành hôm nay. Số đã cấp không thu hồi được."
                    )
                    % {"symbol": DISCLOSURE_SYMBOL, "year": timezone.localdate().year},
                    _("Thông báo mang số này trên bản in và được ghi vào sổ văn bản đã ban hành."),
                ],
                button=_("Cấp số, ban hành thông báo"),
                cancel_url=period.get_absolute_url(),
            )
        if services.disclosure_issue(period, by=request.user):
            messages.success(
                request,
                _("Đã ban hành thông báo công khai, %(number)s.") % {"number": self.period.number_text},
            )
        else:
            messages.info(request, _("Thông báo này đã có số; không có gì thay đổi."))
        return redirect(self.period)


class RecordFormMixin:
    """The create and edit pages of a record a service saves: GET shows the form (empty, or the
    record's), POST saves it through ``save(form)`` and goes to the record, or shows the form again
    with what was entered and each error at its field."""

    template_name: str
    form_class: type
    record_name: str  # what the template calls the record being edited
    success_message: str

    def get_instance(self):
        return None  # a new record

    def save(self, form):  # pragma: no cover - every page defines it
        raise NotImplementedError

    def render_form(self, form):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, self.record_name: form.instance if form.instance.pk else None},
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form_class(instance=self.get_instance()))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, instance=self.get_instance())
        if not form.is_valid():
            messages.error(request, _("Chưa lưu được: vui lòng sửa các ô được đánh dấu bên dưới."))
            return self.render_form(form)
        record = self.save(form)
        messages.success(request, self.success_message)
        return redirect(record)


class DisclosureFormMixin(RecordFormMixin):
    template_name = "awards/disclosure_form.html"
    form_class = DisclosurePeriodForm
    record_name = "period"
    success_message = gettext_lazy("Đã lưu đợt công khai.")

    def save(self, form):
        return services.disclosure_period_save(form, by=self.request.user)


class DisclosureCreateView(RulesMixin, DisclosureFormMixin, View):
    permission_required = "awards.add_disclosureperiod"

    def get_instance(self):
        return new_disclosure_period()


class DisclosureEditView(DisclosureObjectMixin, RulesMixin, DisclosureFormMixin, View):
    permission_required = "awards.change_disclosureperiod"

    def get_instance(self):
        return self.period


# ---------------------------------------------------------------------------
# Calls for nominations (đợt đề nghị khen thưởng), the office's pages
# ---------------------------------------------------------------------------
class CallListView(ListFilterMixin, PagedListView):
    permission_required = "awards.manage_nomination_calls"
    template_name = "awards/call_list.html"
    context_object_name = "calls"
    filterset_class = CallFilter

    def get_rows(self):
        return selectors.calls_visible_to(self.request.user)


class CallObjectMixin:
    role_permission = "awards.manage_nomination_calls"  # another role: 403 before the call is looked up

    @cached_property
    def call(self) -> NominationCall:
        return get_object_or_404(selectors.calls_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.call


class CallDetailView(CallObjectMixin, RulesMixin, TemplateView):
    """The call with where each unit stands: what is still in draft, returned or incomplete."""

    permission_required = "awards.manage_nomination_calls"
    template_name = "awards/call_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        call = self.call
        statuses = selectors.call_unit_status(call)
        ctx.update(
            call=call,
            statuses=statuses,
            lagging=selectors.call_lagging_units(call, statuses),
            count_empty=call.remind_units_without_nominations,
            history=history_of(call),
        )
        return ctx


class CallFormMixin(RecordFormMixin):
    template_name = "awards/call_form.html"
    form_class = NominationCallForm
    record_name = "call"
    success_message = gettext_lazy("Đã lưu đợt đề nghị khen thưởng.")

    def save(self, form):
        return services.nomination_call_save(form, by=self.request.user)


class CallCreateView(RulesMixin, CallFormMixin, View):
    permission_required = "awards.manage_nomination_calls"


class CallEditView(CallObjectMixin, RulesMixin, CallFormMixin, View):
    permission_required = "awards.manage_nomination_calls"

    def get_instance(self):
        return self.call


# ---------------------------------------------------------------------------
# Award history of a person or a unit
# ---------------------------------------------------------------------------
class AwardHistoryView(SubjectMixin, RulesMixin, TemplateView):
    """The awards, evaluations and nominations of one person or one unit."""

    template_name = "awards/award_history.html"

    def get_permission_object(self):
        return self.subject

    def subject_context(self) -> dict:  # pragma: no cover - each subject defines it
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            subject=self.subject,
            subject_name=self.subject_name,
            back_url=self.subject.get_absolute_url(),
            records=selectors.award_records_of(**self.subject_of),
            evaluations=selectors.evaluations_of(**self.subject_of),
            nominations=selectors.nominations_visible_to(self.request.user)
            .filter(**self.subject_of)
            .select_related("award_type")
            .order_by("-year", "pk"),
            **self.subject_context(),
        )
        return ctx


class PersonHistoryView(AwardHistoryView):
    permission_required = "units.view_person"
    subject_field = "person"

    def subject_context(self) -> dict:
        return {"subject_detail": self.subject.unit.name}


class UnitHistoryView(AwardHistoryView):
    permission_required = "units.view_unit"
    subject_field = "unit"

    def subject_context(self) -> dict:
        unit = self.subject
        return {
            "subject_detail": unit.parent.name if unit.parent_id else "",
            "is_unit": True,
            "lineage": unit_lineage(unit),
        }


# ---------------------------------------------------------------------------
# Imports of evaluations and award history (.xlsx)
# ---------------------------------------------------------------------------
class ImportMixin(RulesMixin):
    permission_required = "awards.import_history"

    @cached_property
    def kind(self) -> str:
        kind = self.kwargs["kind"]
        if kind not in imports.KINDS:
            raise Http404
        return kind

    @property
    def spec(self) -> "imports.ImportSpec":
        return imports.KINDS[self.kind]

    def session_key(self) -> str:
        return f"awards_import_{self.kind}"

    def session_token(self) -> str:
        return self.request.session.get(self.session_key(), "")

    def forget_upload(self) -> None:
        token = self.request.session.pop(self.session_key(), "")
        if token:
            imports.discard(token)

    def page_url(self) -> str:
        return reverse("awards:import", args=[self.kind])


class ImportTemplateView(ImportMixin, View):
    def get(self, request, kind):
        return download_response(
            imports.template(self.kind), filename=self.spec.filename, content_type=imports.XLSX_CONTENT_TYPE
        )


class ImportView(ImportMixin, TemplateView):
    """GET: the upload form, or the row-by-row report of the upload named by ``?t=``. POST: upload."""

    template_name = "awards/import.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(kind=self.kind, spec=self.spec, kinds=imports.KINDS)
        return ctx

    def get(self, request, kind):
        token = request.GET.get("t", "")
        if not token:
            return self.render_to_response(self.get_context_data(form=ImportUploadForm()))
        content = imports.open_upload(token) if token == self.session_token() else None
        if content is None:
            messages.warning(
                request, _("Tệp đã tải lên không còn hoặc đã hết hạn. Vui lòng tải tệp lên lại.")
            )
            return redirect(self.page_url())
        try:
            report = imports.parse(self.kind, content)
        except ValidationError as exc:
            form = ImportUploadForm()
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form))
        return self.render_to_response(self.get_context_data(report=report, token=token))

    def post(self, request, kind):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            form.add_error(
                "file", _("Chỉ nhận tệp Excel .xlsx. Vui lòng dùng tệp mẫu và lưu dưới dạng .xlsx.")
            )
            return self.render_to_response(self.get_context_data(form=form))
        content = upload.read()
        try:
            imports.parse(self.kind, content)
        except ValidationError as exc:
            form.add_error("file", exc)
            return self.render_to_response(self.get_context_data(form=form))
        self.forget_upload()
        token = imports.store(content)
        request.session[self.session_key()] = token
        return redirect(f"{self.page_url()}?{urlencode({'t': token})}")


class ImportConfirmView(RefusalMixin, ImportMixin, View):
    """POST only: check the stored upload again and import it if nothing changed since the report."""

    http_method_names = ["post"]

    def post(self, request, kind):
        token = self.session_token()
        if not token or request.POST.get("token") != token:
            messages.warning(request, _("Phiên nhập đã hết hạn. Vui lòng tải tệp lên lại."))
            return redirect(self.page_url())
        preview = f"{self.page_url()}?{urlencode({'t': token})}"
        content = imports.open_upload(token)
        if content is None:
            messages.warning(
                request, _("Tệp đã tải lên không còn hoặc đã hết hạn. Vui lòng tải tệp lên lại.")
            )
            return redirect(self.page_url())
        try:
            report = imports.parse(self.kind, content)
        except ValidationError as exc:
            self.refused(exc)
            return redirect(self.page_url())
        if report.fingerprint() != request.POST.get("fingerprint"):
            messages.warning(
                request,
                _(
                    "Dữ liệu đã thay đổi kể từ lúc kiểm tra; chưa có dòng nào được nhập. "
                    "Vui lòng xem lại kết quả kiểm tra mới rồi xác nhận lại."
                ),
            )
            return redirect(preview)
        try:
            created = imports.apply(
                self.kind, report, by=request.user, valid_only=bool(request.POST.get("valid_only"))
            )
        except (ValidationError, PermissionDenied) as exc:
            self.refused(exc)
            return redirect(preview)
        self.forget_upload()
        text = _("Đã nhập %(n)s dòng.") % {"n": created}
        if report.error_count:
            text += " " + _("Bỏ qua %(n)s dòng lỗi.") % {"n": report.error_count}
        messages.success(request, text)
        return redirect(self.page_url())
