"""Award history reports: years x award types, and the multi-year view of one person or unit.

``reports:history`` counts the standing award records (revoked ones only on request) in a matrix
of years and award types — for the whole agency, a unit (its collectives and its staff), an award
type or a name — with the rows behind it below and an .xlsx export of the same rows.
``reports:history-person`` and ``reports:history-unit`` lay one subject's years side by side:
evaluation, titles and awards, initiatives — what eligibility reads, as a person reads it.

Scope at the query: office staff see every record; a unit head the records of their units and of
the staff in them; another unit's person or unit is a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
import rules
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from awards.models import AwardRecord, Evaluation, Initiative
from catalog.models import AwardType
from units.choices import NameChoiceFilter
from units.listing import SearchFilter
from units.models import Person, Unit
from units.rules import head_scope_ids, is_office_staff, is_unit_head
from units.selectors import lineage_ids_of, unit_lineage, units_visible_to
from units.views import RulesMixin, SubjectMixin

rules.add_perm("reports.view_history", is_office_staff | is_unit_head)

INDIVIDUAL, COLLECTIVE = "individual", "collective"


# ---------------------------------------------------------------------------
# Reads
# ---------------------------------------------------------------------------
def award_records_visible_to(user) -> QuerySet[AwardRecord]:
    qs = AwardRecord.objects.all()
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if not scope:
        return qs.none()
    # A unit's history is its predecessors' too (mergers, splits): their collective records.
    return qs.filter(Q(unit_id__in=lineage_ids_of(scope)) | Q(person__unit_id__in=scope))


class AwardRecordFilter(django_filters.FilterSet):
    year_from = django_filters.NumberFilter(label=_("Từ năm"), field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(label=_("Đến năm"), field_name="year", lookup_expr="lte")
    year = django_filters.NumberFilter(label=_("Năm thành tích"), field_name="year")
    award_type = NameChoiceFilter(
        label=_("Danh hiệu / hình thức"), queryset=AwardType.objects.all(), empty_label=_("Tất cả")
    )
    unit = NameChoiceFilter(
        label=_("Đơn vị"), queryset=Unit.objects.none(), method="filter_unit", empty_label=_("Tất cả")
    )
    subject = django_filters.ChoiceFilter(
        label=_("Đối tượng"),
        choices=[(INDIVIDUAL, _("Cá nhân")), (COLLECTIVE, _("Tập thể"))],
        method="filter_subject",
        empty_label=_("Tất cả"),
    )
    revoked = django_filters.ChoiceFilter(
        label=_("Khen thưởng đã thu hồi"),
        choices=[("all", _("Tính cả khen thưởng đã thu hồi")), ("only", _("Chỉ khen thưởng đã thu hồi"))],
        method="filter_revoked",
        empty_label=_("Không tính"),
    )
    q = SearchFilter(
        fields=["person__full_name", "unit__name", "recipient_name"], label=_("Tên cá nhân, tập thể")
    )
    person = django_filters.NumberFilter(field_name="person_id", widget=forms.HiddenInput)

    class Meta:
        model = AwardRecord
        fields = ["year_from", "year_to", "year", "award_type", "unit", "subject", "revoked", "q", "person"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        self.filters["unit"].queryset = units_visible_to(user).order_by("order", "name")
        self.filters["award_type"].queryset = AwardType.objects.order_by("order", "name")

    def filter_queryset(self, queryset):
        # Standing records only, unless revoked ones are asked for (the filter below runs then).
        if self.form.cleaned_data.get("revoked") not in ("all", "only"):
            queryset = queryset.filter(revoked=False)
        return super().filter_queryset(queryset)

    def filter_unit(self, queryset, name, value):
        """The unit's and its sub-units' records, with those of their predecessors (a merged or
        split unit's history continues in its successor, under the names then borne)."""
        ids = value.subtree_ids()
        return queryset.filter(Q(unit_id__in=lineage_ids_of(ids)) | Q(person__unit_id__in=ids))

    def filter_subject(self, queryset, name, value):
        return queryset.filter(person__isnull=value == COLLECTIVE)

    def filter_revoked(self, queryset, name, value):
        return queryset.filter(revoked=True) if value == "only" else queryset


def history_filterset(request) -> AwardRecordFilter:
    return AwardRecordFilter(request.GET, queryset=award_records_visible_to(request.user), request=request)


def predecessor_ids(filterset: AwardRecordFilter) -> set[int]:
    """The predecessors of the unit the history is filtered by (their rows are marked as such);
    none when no unit is chosen. Call after the filterset was validated."""
    chosen = filterset.form.cleaned_data.get("unit") if hasattr(filterset.form, "cleaned_data") else None
    if chosen is None:
        return set()
    own = chosen.subtree_ids()
    return lineage_ids_of(own) - own


def records_filtered(request) -> QuerySet[AwardRecord]:
    """The records the history page shows for this request (its export writes the same rows)."""
    filterset = history_filterset(request)
    filterset.is_valid()
    return filterset.qs


@dataclass
class HistoryMatrix:
    years: list[int]
    award_types: list[AwardType]
    rows: list[dict]
    totals: list[int]
    grand_total: int

    @property
    def chart(self) -> dict:
        """Years ascending on the x axis, one series per award type."""
        by_year = {row["year"]: row["cells"] for row in self.rows}
        years = sorted(self.years)
        return {
            "labels": [str(y) for y in years],
            "datasets": [
                {"label": award.short_name or award.name, "data": [by_year[y][i] for y in years]}
                for i, award in enumerate(self.award_types)
            ],
        }


def history_matrix(records: QuerySet[AwardRecord]) -> HistoryMatrix:
    """Counts per (year, award type), in two queries whatever the number of records."""
    counts = defaultdict(int)
    for row in records.order_by().values("year", "award_type_id").annotate(n=Count("pk")):
        counts[(row["year"], row["award_type_id"])] += row["n"]
    award_ids = {award_id for _year, award_id in counts}
    awards = list(AwardType.objects.filter(pk__in=award_ids).order_by("order", "name"))
    years = sorted({year for year, _award in counts}, reverse=True)
    rows, totals = [], [0] * len(awards)
    for year in years:
        cells = [counts.get((year, award.pk), 0) for award in awards]
        for i, n in enumerate(cells):
            totals[i] += n
        items = [{"n": n, "award_type_id": award.pk} for award, n in zip(awards, cells, strict=True)]
        rows.append({"year": year, "cells": cells, "items": items, "total": sum(cells)})
    return HistoryMatrix(years, awards, rows, totals, sum(totals))


@dataclass
class TimelineYear:
    year: int
    evaluation: Evaluation | None = None
    records: list[AwardRecord] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    # A successor unit's years: the predecessors' evaluations of the year, each under its name then.
    predecessor_evaluations: list[Evaluation] = field(default_factory=list)


def subject_timeline(*, person: Person | None = None, unit: Unit | None = None) -> list[TimelineYear]:
    """One line per year, newest first: evaluation, awards (revoked ones marked), initiatives.
    A unit's lines hold its predecessors' evaluations and awards too, each marked as the
    predecessor's (``is_predecessor``) and printed under the name it was issued to.

    Three queries for a person, a few more for a unit (its lineage).
    """
    years: dict[int, TimelineYear] = {}

    def line(year):
        return years.setdefault(year, TimelineYear(year))

    if person is not None:
        evaluations = Evaluation.objects.filter(person=person)
        records = AwardRecord.objects.filter(person=person)
    else:
        ids = {unit.pk} | {entry.unit.pk for entry in unit_lineage(unit)}
        evaluations = Evaluation.objects.filter(unit_id__in=ids)
        records = AwardRecord.objects.filter(unit_id__in=ids)
    for evaluation in evaluations.order_by("pk"):
        evaluation.is_predecessor = unit is not None and evaluation.unit_id != unit.pk
        if evaluation.is_predecessor:
            line(evaluation.year).predecessor_evaluations.append(evaluation)
        else:
            line(evaluation.year).evaluation = evaluation
    for record in records.select_related("award_type").order_by("award_type__order", "pk"):
        record.is_predecessor = unit is not None and record.unit_id != unit.pk
        line(record.year).records.append(record)
    if person is not None:
        for initiative in Initiative.objects.filter(authorships__person=person).order_by("title"):
            line(initiative.year).initiatives.append(initiative)
    return sorted(years.values(), key=lambda item: item.year, reverse=True)


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
class HistoryView(RulesMixin, TemplateView):
    """Years x award types, filtered, with the records behind the figures below."""

    permission_required = "reports.view_history"
    template_name = "reports/history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filterset = history_filterset(self.request)
        filterset.is_valid()
        records = filterset.qs
        matrix = history_matrix(records)
        page = Paginator(
            records.select_related("award_type", "person", "person__unit", "unit", "unit__parent").order_by(
                "-year", "award_type__order", "pk"
            ),
            settings.PAGINATE_BY,
        ).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        base = query.copy()
        for key in ("year", "award_type"):
            base.pop(key, None)
        ctx.update(
            filter=filterset,
            predecessor_ids=predecessor_ids(filterset),
            matrix=matrix,
            page_obj=page,
            records=page.object_list,
            query=query.urlencode(),
            base_query=base.urlencode(),
            filters_active=any(v for k, v in self.request.GET.items() if k != "page"),
            chart_data={"history": matrix.chart},
        )
        return ctx


class SubjectHistoryView(SubjectMixin, RulesMixin, TemplateView):
    """The timeline of one person or one unit."""

    permission_required = "reports.view_history"
    template_name = "reports/history_subject.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        subject = self.subject
        ctx.update(
            subject=subject,
            subject_name=self.subject_name,
            subject_detail=self.subject_detail(),
            is_person=self.subject_field == "person",
            timeline=subject_timeline(**self.subject_of),
            export_query=f"{self.subject_field}={subject.pk}&revoked=all",
        )
        return ctx


class PersonHistoryView(SubjectHistoryView):
    subject_field = "person"

    def subject_detail(self) -> str:
        return " · ".join(filter(None, [self.subject.position, self.subject.unit.name]))


class UnitHistoryView(SubjectHistoryView):
    subject_field = "unit"

    def subject_detail(self) -> str:
        return self.subject.parent.name if self.subject.parent_id else ""
