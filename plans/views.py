"""Pages of the plans app: thin views over selectors (reads) and services (writes)."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from units.bulk import BulkBarMixin
from units.confirm import ask_first, needs_confirmation
from units.formsets import added_row_data, as_typed
from units.history import history_of
from units.ids import id_or_none
from units.kept import KeptPageMixin
from units.refusals import Conflict, RefusalMixin, Refused
from units.rules import is_office_staff
from units.selectors import units_visible_to
from units.uploads import protected_file_response
from units.views import RulesMixin, ScopedObjectMixin

from . import selectors, services
from .bulk import SUBMISSION_BULK_ACTIONS
from .enums import STATUS_BADGES, PlanStatus, SubmissionStatus
from .filters import PlanFilter, SubmissionRequestFilter, TaskFilter, UnitSubmissionFilter
from .forms import (
    KeyTargetFormSet,
    PlanBlockForm,
    PlanCloneForm,
    PlanForm,
    PlanTaskFormSet,
    SubmissionForwardSendForm,
    SubmissionRequestForm,
    SubmissionUploadForm,
    TaskProgressForm,
)
from .models import Plan, PlanBlock

DRAFT_REQUEST_MESSAGE = gettext_lazy(
    "Kế hoạch của yêu cầu này còn là dự thảo: yêu cầu chưa được gửi tới đơn vị nào (không nhắc hạn, "
    "không hiện trong danh sách của đơn vị). Yêu cầu sẽ được gửi khi kế hoạch được ban hành."
)


def document_links(obj, kind: str) -> list[dict]:
    """PDF/DOCX buttons of a plan or a letter (``kind`` "plan", "letter"), shown only once the
    reports app provides the URLs ("reports:<kind>-pdf", "reports:<kind>-docx")."""
    links = []
    for fmt, label in (("pdf", "PDF"), ("docx", "DOCX")):
        try:
            links.append({"url": reverse(f"reports:{kind}-{fmt}", args=[obj.pk]), "label": label})
        except NoReverseMatch:
            continue
    return links


def _editor_blocks(plan: Plan) -> list[PlanBlock]:
    """The blocks for the editor, with the tasks and targets that table blocks render."""
    plan.task_list = list(plan.tasks.order_by("order", "pk"))
    plan.target_list = list(plan.targets.prefetch_related("values").order_by("order", "pk"))
    return list(plan.blocks.select_related("task").order_by("order", "pk"))


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------
class PlanListView(RulesMixin, FilterView):
    permission_required = "plans.list_plan"
    filterset_class = PlanFilter
    template_name = "plans/plan_list.html"
    context_object_name = "plans"
    paginate_by = settings.PAGINATE_BY

    def get_queryset(self):
        return selectors.plans_for_list(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["badges"] = STATUS_BADGES
        return ctx


class PlanDetailView(ScopedObjectMixin, DetailView):
    permission_required = "plans.view_plan"
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user).select_related("previous_version", "issued_by")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        plan = selectors.plan_for_detail(self.object)
        ctx.update(
            plan=plan,
            badges=STATUS_BADGES,
            document_links=document_links(plan, "plan"),
            history=partial(selectors.plan_history, plan),  # read only where the page shows it
            next_versions=list(plan.next_versions.all()),
        )
        return ctx


class PlanEditorMixin(RefusalMixin):
    """The one-page editor: header form, task and target formsets; blocks are edited beside it."""

    template_name = "plans/plan_form.html"

    def build_forms(self, plan, data=None, files=None):
        return (
            PlanForm(data, files, instance=plan, prefix="plan"),
            PlanTaskFormSet(data, files, instance=plan, prefix="tasks"),
            KeyTargetFormSet(data, files, instance=plan, prefix="targets"),
        )

    def render_editor(self, plan, form, tasks, targets, status=200):
        context = {
            "plan": plan,
            "form": form,
            "task_formset": tasks,
            "target_formset": targets,
            "block_form": PlanBlockForm(plan=plan) if plan.pk else None,
            "blocks": _editor_blocks(plan) if plan.pk else [],
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def save_editor(self, plan):
        added = added_row_data(self.request.POST, ("tasks", "targets"))
        if added is not None:  # "Thêm nhiệm vụ" / "Thêm chỉ tiêu" without JavaScript
            form, tasks, targets = self.build_forms(plan, added, self.request.FILES)
            as_typed(form, tasks, targets)
            return self.render_editor(plan, form, tasks, targets)
        form, tasks, targets = self.build_forms(plan, self.request.POST, self.request.FILES)
        valid = form.is_valid()  # first: the tasks' due dates are checked against the new year
        valid = tasks.is_valid() and valid
        valid = targets.is_valid() and valid
        if not valid:
            messages.error(self.request, _("Chưa lưu được: vui lòng sửa các ô được đánh dấu bên dưới."))
            return self.render_editor(plan, form, tasks, targets)
        try:
            plan = services.plan_save_from_forms(
                form, tasks, targets, by=self.request.user, seen_updated_at=form.seen_version()
            )
        except Conflict as conflict:
            self.refused(conflict, form=form)
            return self.render_editor(plan, form, tasks, targets)
        except Refused as exc:
            self.refused(exc)
            return redirect(plan)
        messages.success(self.request, _("Đã lưu kế hoạch."))
        return redirect("plans:edit", pk=plan.pk)


class PlanCreateView(RulesMixin, PlanEditorMixin, View):
    permission_required = "plans.add_plan"

    def new_plan(self):
        return Plan(year=timezone.localdate().year, **services.plan_defaults())

    def get(self, request):
        plan = self.new_plan()
        return self.render_editor(plan, *self.build_forms(plan))

    def post(self, request):
        return self.save_editor(self.new_plan())


class EditablePlanMixin(ScopedObjectMixin, RefusalMixin):
    """Office only; an issued plan is refused with a message and a redirect, nothing saved."""

    role_permission = "plans.manage_plan"  # another role: 403 before the plan is looked up
    permission_required = "plans.manage_plan"
    model = Plan
    plan_kwarg = "pk"

    def get_plan(self) -> Plan:
        return self.get_object()

    def get_object(self, queryset=None):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.plans_visible_to(self.request.user), pk=self.kwargs[self.plan_kwarg]
            )
        return self._object

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_permission():
            return self.handle_no_permission()
        plan = self.get_plan()
        if not plan.is_editable:
            messages.error(request, services.not_editable_message(plan))
            return redirect(plan)
        return View.dispatch(self, request, *args, **kwargs)


class PlanEditView(EditablePlanMixin, PlanEditorMixin, View):
    def get(self, request, pk):
        plan = self.get_plan()
        return self.render_editor(plan, *self.build_forms(plan))

    def post(self, request, pk):
        return self.save_editor(self.get_plan())


class PlanTransitionView(ScopedObjectMixin, RefusalMixin, View):
    """One view for every move of a plan; a repeat says "already done"."""

    role_permission = "plans.manage_plan"
    permission_required = "plans.manage_plan"
    to: str = ""
    done_message = ""
    again_message = ""

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.plans_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._object

    def post(self, request, pk):
        plan = self.get_object()
        issue_date = None
        if self.to == PlanStatus.ISSUED and request.POST.get("issue_date"):
            try:
                issue_date = parse_date(request.POST["issue_date"])
            except ValueError:
                messages.error(request, _("Ngày ban hành không hợp lệ."))
                return redirect(plan)
        if needs_confirmation(request) and plan.status != self.to:
            return self.ask(request, plan, issue_date)
        try:
            if self.to == PlanStatus.ISSUED:
                changed = services.plan_issue(plan, by=request.user, issue_date=issue_date)
            else:
                changed = services.plan_archive(plan, by=request.user)
        except (Refused, PermissionDenied) as exc:
            self.refused(exc)
            return redirect(plan)
        if changed:
            messages.success(request, self.done_message % {"number": plan.number_label})
        else:
            messages.info(request, self.again_message)
        return redirect(plan)

    def ask(self, request, plan, issue_date):  # pragma: no cover - overridden
        raise NotImplementedError


class PlanIssueView(PlanTransitionView):
    to = PlanStatus.ISSUED
    done_message = _("Đã ban hành kế hoạch, %(number)s.")
    again_message = _("Kế hoạch này đã được ban hành trước đó; không có gì thay đổi.")

    def ask(self, request, plan, issue_date):
        day = issue_date or plan.issue_date or timezone.localdate()
        return ask_first(
            request,
            title=_("Ban hành kế hoạch?"),
            subject=plan.title,
            consequences=[
                _(
                    "Kế hoạch được cấp số tiếp theo của sổ văn bản ký hiệu %(symbol)s năm %(year)s, "
                    "ngày ban hành %(day)s. Số đã cấp không thu hồi được."
                )
                % {"symbol": plan.symbol, "year": day.year, "day": day.strftime("%d/%m/%Y")},
                _("Nội dung kế hoạch không sửa được nữa; muốn thay đổi phải tạo phiên bản mới."),
                _(
                    "Các đơn vị thấy kế hoạch, nhiệm vụ và các yêu cầu gửi báo cáo của kế hoạch; "
                    "việc nhắc hạn bắt đầu."
                ),
            ],
            button=_("Ban hành (cấp số)"),
            cancel_url=plan.get_absolute_url(),
        )


class PlanArchiveView(PlanTransitionView):
    to = PlanStatus.ARCHIVED
    done_message = _("Đã chuyển kế hoạch %(number)s vào lưu trữ.")
    again_message = _("Kế hoạch này đã được lưu trữ trước đó; không có gì thay đổi.")

    def ask(self, request, plan, issue_date):
        return ask_first(
            request,
            title=_("Chuyển kế hoạch vào lưu trữ?"),
            subject=f"{plan.number_label} — {plan.title}",
            consequences=[
                _("Kế hoạch chuyển sang “Đã lưu trữ” và không trở lại “Đã ban hành” được."),
                _("Nhiệm vụ của kế hoạch không còn được theo dõi, nhắc hạn và tính vào số liệu."),
            ],
            button=_("Lưu trữ"),
            cancel_url=plan.get_absolute_url(),
            danger=True,
        )


class PlanCloneView(ScopedObjectMixin, FormView):
    role_permission = "plans.manage_plan"
    permission_required = "plans.clone_plan"
    form_class = PlanCloneForm
    template_name = "plans/plan_clone.html"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.plans_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._object

    def get_initial(self):
        return {"year": self.get_object().year + 1}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_object(), **kwargs)

    def form_valid(self, form):
        new = services.plan_clone(self.get_object(), year=form.cleaned_data["year"], by=self.request.user)
        messages.success(
            self.request, _("Đã tạo dự thảo kế hoạch năm %(year)s từ kế hoạch cũ.") % {"year": new.year}
        )
        return redirect("plans:edit", pk=new.pk)


class PlanNewVersionView(ScopedObjectMixin, RefusalMixin, View):
    role_permission = "plans.manage_plan"
    permission_required = "plans.manage_plan"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.plans_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._object

    def post(self, request, pk):
        plan = self.get_object()
        try:
            new = services.plan_new_version(plan, by=request.user)
        except Refused as exc:
            self.refused(exc)
            return redirect(plan)
        messages.success(
            request,
            _("Đã tạo dự thảo phiên bản mới; bản đang ban hành giữ nguyên cho tới khi ban hành bản mới."),
        )
        return redirect("plans:edit", pk=new.pk)


# ---------------------------------------------------------------------------
# Body blocks (htmx partials, plain forms without JavaScript)
# ---------------------------------------------------------------------------
class BlockMixin(EditablePlanMixin):
    def get_block(self) -> PlanBlock:
        if not hasattr(self, "_block"):
            self._block = get_object_or_404(
                selectors.blocks_visible_to(self.request.user), pk=self.kwargs["block_pk"]
            )
        return self._block

    def get_plan(self):
        if not hasattr(self, "_object"):
            if "block_pk" in self.kwargs:
                self._object = self.get_block().plan
            else:
                self._object = get_object_or_404(
                    selectors.plans_visible_to(self.request.user), pk=self.kwargs["pk"]
                )
        return self._object

    def get_object(self, queryset=None):
        return self.get_plan()

    def blocks_response(self, plan, *, form=None, editing=None, status=200):
        if self.request.htmx:
            context = {
                "plan": plan,
                "blocks": _editor_blocks(plan),
                "block_form": form if form is not None and editing is None else PlanBlockForm(plan=plan),
                "editing": editing,
                "edit_form": form if editing is not None else None,
            }
            return TemplateResponse(self.request, "plans/partials/blocks.html", context, status=status)
        return HttpResponseRedirect(reverse("plans:edit", args=[plan.pk]) + "#blocks")

    def state_refused(self, exc):
        self.refused(exc)
        plan = self.get_plan()
        if self.request.htmx:
            response = TemplateResponse(
                self.request, "plans/partials/blocks.html", {"plan": plan, "blocks": []}
            )
            response["HX-Redirect"] = plan.get_absolute_url()
            return response
        return redirect(plan)


class BlockAddView(BlockMixin, View):
    def post(self, request, pk):
        plan = self.get_plan()
        form = PlanBlockForm(request.POST, plan=plan)
        if not form.is_valid():
            if request.htmx:
                return self.blocks_response(plan, form=form, status=422)
            return TemplateResponse(
                request, "plans/block_form.html", {"plan": plan, "form": form}, status=422
            )
        try:
            services.block_add(plan, by=request.user, **form.service_fields())
        except Refused as exc:
            return self.state_refused(exc)
        return self.blocks_response(plan)


class BlockEditView(BlockMixin, View):
    def get(self, request, block_pk):
        block, plan = self.get_block(), self.get_plan()
        if request.GET.get("cancel"):
            return self.blocks_response(plan)
        form = PlanBlockForm(instance=block, plan=plan)
        if request.htmx:
            return self.blocks_response(plan, form=form, editing=block.pk)
        return TemplateResponse(
            request, "plans/block_form.html", {"plan": plan, "form": form, "plan_block": block}
        )

    def post(self, request, block_pk):
        block, plan = self.get_block(), self.get_plan()
        form = PlanBlockForm(request.POST, instance=block, plan=plan)
        if not form.is_valid():
            if request.htmx:
                return self.blocks_response(plan, form=form, editing=block.pk, status=422)
            return TemplateResponse(
                request,
                "plans/block_form.html",
                {"plan": plan, "form": form, "plan_block": block},
                status=422,
            )
        try:
            # the block as stored: the bound form has already written the input onto ``block``
            stored = selectors.blocks_visible_to(request.user).get(pk=block.pk)
            services.block_update(stored, by=request.user, fields=form.service_fields())
        except Refused as exc:
            return self.state_refused(exc)
        return self.blocks_response(plan)


class BlockMoveView(BlockMixin, View):
    def post(self, request, block_pk):
        direction = "up" if request.POST.get("direction") == "up" else "down"
        try:
            services.block_move(self.get_block(), by=request.user, direction=direction)
        except Refused as exc:
            return self.state_refused(exc)
        return self.blocks_response(self.get_plan())


class BlockDeleteView(BlockMixin, View):
    def post(self, request, block_pk):
        try:
            services.block_delete(self.get_block(), by=request.user)
        except Refused as exc:
            return self.state_refused(exc)
        return self.blocks_response(self.get_plan())


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------
class TaskListView(RulesMixin, KeptPageMixin, FilterView):
    permission_required = "plans.list_plantask"
    filterset_class = TaskFilter
    template_name = "plans/task_list.html"
    context_object_name = "tasks"
    paginate_by = settings.PAGINATE_BY

    def get_queryset(self):
        return selectors.tasks_visible_to(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        user = self.request.user
        kwargs["units"] = units_visible_to(user).filter(active=True)
        kwargs["default_when"] = TaskFilter.WHEN_ATTENTION if is_office_staff(user) else TaskFilter.WHEN_ALL
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(badges=STATUS_BADGES, **kwargs)


class TaskProgressView(ScopedObjectMixin, RefusalMixin, FormView):
    """The lead unit's head (or the office) reports status, note and evidence."""

    permission_required = "plans.progress_plantask"
    form_class = TaskProgressForm
    template_name = "plans/task_progress.html"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.tasks_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "task": self.get_object()}

    def get_context_data(self, **kwargs):
        task = self.get_object()
        history = history_of(task, limit=10)
        return super().get_context_data(task=task, badges=STATUS_BADGES, history=history, **kwargs)

    def form_valid(self, form):
        task = self.get_object()
        try:
            services.task_progress_update(
                task,
                by=self.request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["progress_note"],
                evidence=form.cleaned_data.get("evidence"),
                seen_updated_at=form.seen_version(),
            )
        except Conflict as conflict:
            self.refused(conflict, form=form)
            return self.form_invalid(form)
        except Refused as exc:
            self.refused(exc)
            return redirect("plans:task-list")
        messages.success(self.request, _("Đã cập nhật tiến độ nhiệm vụ."))
        return redirect("plans:task-list")


class TaskEvidenceDownloadView(ScopedObjectMixin, View):
    """A task's evidence file, for whoever may see the task (office, council, the lead unit, a unit
    with a share of a group task); another unit's task is a 404."""

    permission_required = "plans.view_plantask"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.task_evidence_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._object

    def get(self, request, pk):
        return protected_file_response(self.get_object().evidence)


# ---------------------------------------------------------------------------
# Submission requests
# ---------------------------------------------------------------------------
class SubmissionListView(BulkBarMixin, RulesMixin, TemplateView):
    """Office: every request with its counts; unit head: what their unit has to send."""

    permission_required = "plans.list_submissionrequest"
    template_name = "plans/submission_list.html"
    bulk_url_name = "plans:submission-remind-bulk"
    bulk_form_id = "bulk-submissions"
    bulk_actions = SUBMISSION_BULK_ACTIONS
    bulk_permission = "plans.remind_unitsubmission"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["badges"] = STATUS_BADGES
        ctx["is_office"] = is_office_staff(user)
        waiting = self.request.GET.get("status", "")
        query = self.request.GET or None
        if waiting in selectors.SUBMISSION_WAITING:
            # The inbox's rows: the same selector counts them there and lists them here.
            rows = selectors.submissions_waiting(user, waiting)
            rows = rows.order_by("request__due_date", "unit__name", "pk")
            ctx["filter"] = UnitSubmissionFilter(query, queryset=rows)
            rows = ctx["filter"].qs
            page = Paginator(rows, settings.PAGINATE_BY).get_page(self.request.GET.get("page"))
            ctx.update(waiting=waiting, rows=page.object_list, page_obj=page)
            ctx["waiting_count"] = page.paginator.count
            return ctx
        if ctx["is_office"]:
            ctx["filter"] = SubmissionRequestFilter(
                query, queryset=selectors.submission_requests_visible_to(user)
            )
            ctx["requests"] = list(ctx["filter"].qs[:200])
        else:
            rows = selectors.unit_submissions_visible_to(user).order_by("-request__due_date", "unit__name")
            ctx["filter"] = UnitSubmissionFilter(query, queryset=rows)
            ctx["rows"] = list(ctx["filter"].qs[:200])
        return ctx


class SubmissionDetailView(ScopedObjectMixin, DetailView):
    permission_required = "plans.view_submissionrequest"
    template_name = "plans/submission_detail.html"
    context_object_name = "submission_request"

    def get_queryset(self):
        return selectors.submission_requests_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = selectors.submission_rows_for_request(self.object, self.request.user)
        ctx["badges"] = STATUS_BADGES
        ctx["statuses"] = SubmissionStatus
        ctx["draft_message"] = "" if self.object.is_sent else DRAFT_REQUEST_MESSAGE
        forward = selectors.submission_forward_of(self.object)
        if forward is not None and is_office_staff(self.request.user):
            ctx["forward"] = forward
            ctx["forward_units"] = [row.unit.name for row in forward.submissions.select_related("unit")]
            ctx["forward_form"] = SubmissionForwardSendForm(forward=forward)
        return ctx


class SubmissionForwardSendView(RulesMixin, RefusalMixin, View):
    """The office records the consolidated report sent to the level above."""

    permission_required = "plans.manage_plan"

    def post(self, request, pk):
        forward = get_object_or_404(selectors.submission_forwards_visible_to(request.user), request_id=pk)
        form = SubmissionForwardSendForm(request.POST, request.FILES, forward=forward)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(forward.request)
        try:
            services.submission_forward_send(
                forward,
                by=request.user,
                submissions=form.cleaned_data["submissions"],
                sent_on=form.cleaned_data.get("sent_on"),
                file=form.cleaned_data.get("file"),
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as exc:
            self.refused(exc)
            return redirect(forward.request)
        messages.success(request, _("Đã ghi nhận báo cáo tổng hợp gửi %(to)s.") % {"to": forward.recipient})
        return redirect(forward.request)


class SubmissionCreateView(RulesMixin, FormView):
    permission_required = "plans.add_submissionrequest"
    form_class = SubmissionRequestForm
    template_name = "plans/submission_form.html"

    def get_initial(self):
        initial = super().get_initial()
        for key in ("plan", "task"):
            value = self.request.GET.get(key)
            if id_or_none(value):
                initial[key] = id_or_none(value)
        task_id = initial.get("task")
        if task_id:
            task = selectors.tasks_in_any_plan_visible_to(self.request.user).filter(pk=task_id).first()
            if task is not None:
                initial.setdefault("plan", task.plan_id)
                initial.setdefault("title", task.content[:300])
                initial.setdefault("due_date", task.due_date)
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            request_obj = services.submission_request_create(
                by=self.request.user,
                title=data["title"],
                due_date=data["due_date"],
                plan=data.get("plan"),
                task=data.get("task"),
                units=list(data["units"]) if data["audience"] == "chosen" else None,
                description=data.get("description", ""),
                forward_to=data.get("forward_to", ""),
                forward_due_date=data.get("forward_due_date"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        for warning in form.warnings:
            messages.warning(self.request, warning)
        if request_obj.is_sent:
            messages.success(self.request, _("Đã gửi yêu cầu tới các đơn vị."))
        else:
            messages.warning(self.request, DRAFT_REQUEST_MESSAGE)
        return redirect(request_obj)


class SubmissionUploadView(ScopedObjectMixin, RefusalMixin, FormView):
    """A unit head sends their unit's file; another unit's row is a 404."""

    permission_required = "plans.upload_unitsubmission"
    form_class = SubmissionUploadForm
    template_name = "plans/submission_upload.html"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.unit_submissions_visible_to(self.request.user), pk=self.kwargs["pk"]
            )
        return self._object

    def get_context_data(self, **kwargs):
        return super().get_context_data(submission=self.get_object(), badges=STATUS_BADGES, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "office": is_office_staff(self.request.user)}

    def form_valid(self, form):
        submission = self.get_object()
        try:
            services.submission_upload(
                submission,
                by=self.request.user,
                file=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
                received_on=form.cleaned_data.get("received_on"),
            )
        except Refused as exc:
            self.refused(exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã gửi tệp của %(unit)s.") % {"unit": submission.unit})
        if is_office_staff(self.request.user):
            return redirect(submission.request)
        return redirect("plans:submission-list")


class SubmissionFileDownloadView(ScopedObjectMixin, View):
    """The file a unit sent: the office, or the head of that unit; another unit's row is a 404."""

    permission_required = "plans.view_unitsubmission"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(
                selectors.unit_submissions_visible_to(self.request.user).exclude(file=""),
                pk=self.kwargs["pk"],
            )
        return self._object

    def get(self, request, pk):
        return protected_file_response(self.get_object().file)


class SubmissionMatrixView(RulesMixin, TemplateView):
    """Office at a glance: units down, open requests across, late and overdue first."""

    permission_required = "plans.view_submission_matrix"
    template_name = "plans/submission_matrix.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.submission_matrix(open_only=self.request.GET.get("all") != "1"))
        ctx["badges"] = STATUS_BADGES
        ctx["show_all"] = self.request.GET.get("all") == "1"
        return ctx
