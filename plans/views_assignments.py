"""Tasks addressed to a group of units: each unit's share, listed and reported on by the unit.

A plan's task may be addressed to "các đơn vị trực thuộc", "các bệnh viện"...: every unit of the
group holds a ``PlanTaskAssignment`` with its own status. The unit head sees and updates the
shares of their unit; the office sees every share, and the task follows them (done when all are).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from units.listing import ListFilterMixin
from units.refusals import RefusalMixin, Refused
from units.views import PagedListView, ScopedObjectMixin

from . import selectors, services
from .enums import STATUS_BADGES
from .filters import AssignmentFilter
from .forms import AssignmentProgressForm


class AssignmentListView(ListFilterMixin, PagedListView):
    permission_required = "plans.list_plantask"
    template_name = "plans/assignment_list.html"
    context_object_name = "assignments"
    filterset_class = AssignmentFilter

    def get_rows(self):
        return selectors.assignments_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(badges=STATUS_BADGES, **kwargs)


class AssignmentProgressView(ScopedObjectMixin, SingleObjectMixin, RefusalMixin, FormView):
    """A unit head reports the unit's share; another unit's share is not found (404)."""

    permission_required = "plans.progress_plantaskassignment"
    form_class = AssignmentProgressForm
    template_name = "plans/assignment_progress.html"
    context_object_name = "assignment"

    def get_queryset(self):
        return selectors.assignments_visible_to(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assignment": self.get_object()}

    def get_context_data(self, **kwargs):
        self.object = assignment = self.get_object()
        return super().get_context_data(task=assignment.task, badges=STATUS_BADGES, **kwargs)

    def form_valid(self, form):
        try:
            services.task_assignment_progress_update(
                self.get_object(),
                by=self.request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["progress_note"],
            )
        except Refused as exc:
            self.refused(exc)
            return redirect("plans:assignment-list")
        messages.success(self.request, _("Đã cập nhật tiến độ phần việc của đơn vị."))
        return redirect("plans:assignment-list")
