"""List filters (django-filter)."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.choices import NameChoiceFilter, one_list_of_choices
from units.listing import SearchFilter, SortFilter, YearFilter, folded
from units.models import Unit

from .enums import PlanKind, PlanStatus, TaskDisplayStatus
from .models import Letter, Plan, PlanTask, PlanTaskAssignment, SubmissionRequest, UnitSubmission
from .selectors import DUE_SOON_DAYS, tasks_done_by


def _year_choices():
    this_year = timezone.localdate().year
    years = set(Plan.objects.order_by().values_list("year", flat=True).distinct())
    years.update({this_year, this_year + 1})
    return [(y, str(y)) for y in sorted(years, reverse=True)]


class PlanFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("Năm"), choices=_year_choices)
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=PlanKind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=PlanStatus.choices)
    q = SearchFilter(
        fields=["title", "symbol"], label=_("Tìm trong trích yếu"), placeholder=_("Trích yếu hoặc ký hiệu")
    )
    sort = SortFilter(
        keys={
            "number": (_("Số, ký hiệu"), ("number", "symbol")),
            "title": (_("Trích yếu"), folded("title")),
            "year": (_("Năm"), "year"),
            "kind": (_("Loại"), "kind"),
            "issued": (_("Ngày ban hành"), "issue_date"),
            "status": (_("Trạng thái"), "status"),
        }
    )

    class Meta:
        model = Plan
        fields = ["year", "kind", "status", "q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices()  # one query, not one per use


class TaskFilter(django_filters.FilterSet):
    WHEN_ATTENTION = "attention"
    WHEN_OVERDUE = "overdue"
    WHEN_SOON = "soon"
    WHEN_ALL = "all"

    when = django_filters.ChoiceFilter(
        label=_("Thời hạn"),
        method="filter_when",
        empty_label=None,
        choices=[
            (WHEN_ATTENTION, _("Quá hạn hoặc sắp đến hạn (%(days)s ngày)") % {"days": DUE_SOON_DAYS}),
            (WHEN_OVERDUE, _("Quá hạn")),
            (WHEN_SOON, _("Sắp đến hạn (%(days)s ngày)") % {"days": DUE_SOON_DAYS}),
            (WHEN_ALL, _("Tất cả")),
        ],
    )
    year = django_filters.ChoiceFilter(label=_("Năm"), field_name="plan__year", choices=_year_choices)
    quarter = django_filters.ChoiceFilter(
        label=_("Quý (theo hạn)"),
        field_name="due_date",
        lookup_expr="quarter",
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    month = django_filters.ChoiceFilter(
        label=_("Tháng (theo hạn)"),
        field_name="due_date",
        lookup_expr="month",
        choices=[(m, str(m)) for m in range(1, 13)],
    )
    lead_unit = NameChoiceFilter(label=_("Đơn vị chủ trì"), queryset=Unit.objects.none())
    unit = NameChoiceFilter(label=_("Đơn vị thực hiện"), queryset=Unit.objects.none(), method="filter_unit")
    below = django_filters.BooleanFilter(
        label=_("Gồm đơn vị trực thuộc"), method="filter_below", widget=forms.CheckboxInput
    )
    display_status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=TaskDisplayStatus.choices)
    q = SearchFilter(
        fields=["content", "plan__title", "lead_unit__name", "lead_unit_text"],
        placeholder=_("Nội dung, kế hoạch hoặc đơn vị chủ trì"),
    )
    sort = SortFilter(
        keys={
            "due": (_("Hạn"), "due_date"),
            "content": (_("Nhiệm vụ"), folded("content")),
            "plan": (_("Kế hoạch"), ("plan__year", folded("plan__title"))),
            "unit": (_("Chủ trì"), folded("lead_unit__name")),
        }
    )

    class Meta:
        model = PlanTask
        fields = ["when", "year", "quarter", "month", "lead_unit", "unit", "below", "display_status", "q"]

    def __init__(self, data=None, *args, units=None, default_when=WHEN_ATTENTION, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("when"):
            data["when"] = default_when
        super().__init__(data, *args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices()  # one query, not one per use
        self.filters["lead_unit"].queryset = units if units is not None else Unit.objects.active()
        self.filters["unit"].queryset = self.filters["lead_unit"].queryset

    @property
    def form(self):
        if not hasattr(self, "_form"):
            one_list_of_choices(super().form, "lead_unit", "unit")  # the same units: read once
        return self._form

    def filter_unit(self, queryset, name, value):
        """The unit's tasks as the dashboards count them (a task addressed to a group, by the
        unit's own share and its status); with "below", those of the units under it too."""
        unit_ids = value.subtree_ids() if self.form.cleaned_data.get("below") else {value.pk}
        return tasks_done_by(queryset, unit_ids)

    def filter_below(self, queryset, name, value):
        return queryset  # read by ``filter_unit``

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        if value == self.WHEN_OVERDUE:
            return queryset.open().filter(due_date__lt=today)
        if value == self.WHEN_SOON:
            return queryset.open().filter(due_date__gte=today, due_date__lte=soon)
        if value == self.WHEN_ATTENTION:
            return queryset.open().filter(Q(due_date__lte=soon))
        return queryset


class LetterFilter(django_filters.FilterSet):
    """The letters' search (subject, codes), year (of issue; a draft's of its writing) and order."""

    q = SearchFilter(
        fields=["subject", "issuer_code", "office_code"], placeholder=_("Trích yếu hoặc ký hiệu")
    )
    year = YearFilter(method="filter_year")
    sort = SortFilter(
        keys={
            "number": (_("Số, ký hiệu"), ("number", "office_code")),
            "subject": (_("Trích yếu"), folded("subject")),
            "issued": (_("Ngày ban hành"), "issue_date"),
            "status": (_("Trạng thái"), "status"),
        }
    )

    class Meta:
        model = Letter
        fields = ["q", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(issue_date__year=value) | Q(issue_date__isnull=True, created_at__year=value))


class AssignmentFilter(django_filters.FilterSet):
    """Each unit's share of the tasks addressed to a group: search by the task, its plan or the
    unit; the plan's year; order."""

    q = SearchFilter(
        fields=["task__content", "task__plan__title", "unit__name"],
        placeholder=_("Nhiệm vụ, kế hoạch hoặc đơn vị"),
    )
    year = YearFilter(field_name="task__plan__year")
    sort = SortFilter(
        keys={
            "due": (_("Hạn"), "task__due_date"),
            "content": (_("Nhiệm vụ"), folded("task__content")),
            "plan": (_("Kế hoạch"), ("task__plan__year", folded("task__plan__title"))),
            "unit": (_("Đơn vị"), folded("unit__name")),
            "status": (_("Tình trạng"), "status"),
        }
    )

    class Meta:
        model = PlanTaskAssignment
        fields = ["q", "year"]


class SubmissionRequestFilter(django_filters.FilterSet):
    """The office's report requests: search by the request or its plan, the year due, order."""

    q = SearchFilter(
        fields=["title", "description", "plan__title"], placeholder=_("Nội dung yêu cầu hoặc kế hoạch")
    )
    year = YearFilter(field_name="due_date__year")
    sort = SortFilter(
        keys={
            "title": (_("Nội dung yêu cầu"), folded("title")),
            "due": (_("Hạn gửi"), "due_date"),
            "units": (_("Đơn vị"), "unit_count"),
            "overdue": (_("Quá hạn, chưa nộp"), "overdue_count"),
        }
    )

    class Meta:
        model = SubmissionRequest
        fields = ["q", "year"]


class UnitSubmissionFilter(django_filters.FilterSet):
    """The units' reports to send (a unit head's, or the inbox's ``?status=``): search by the
    request or the unit, the year due, order."""

    q = SearchFilter(fields=["request__title", "unit__name"], placeholder=_("Nội dung yêu cầu hoặc đơn vị"))
    year = YearFilter(field_name="request__due_date__year")
    sort = SortFilter(
        keys={
            "title": (_("Nội dung yêu cầu"), folded("request__title")),
            "unit": (_("Đơn vị"), folded("unit__name")),
            "due": (_("Hạn gửi"), "request__due_date"),
            "status": (_("Tình trạng"), "display_status"),
        }
    )

    class Meta:
        model = UnitSubmission
        fields = ["q", "year"]
