"""Reads. Every unit-head page takes its queryset from here, so another unit's row is a 404."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import AwardType
from units.enums import ClusterRole
from units.history import HistoryEntry, history_of_rows
from units.models import Cluster, ClusterMembership, Unit
from units.rules import head_scope_ids, is_council_member, is_office_staff, is_unit_head

from .enums import CAMPAIGN_PUBLISHED, OverviewState, RegistrationStatus
from .models import (
    Campaign,
    CriteriaSet,
    Criterion,
    Registration,
    RegistrationCollectiveLine,
    RegistrationIndividualLine,
    RegistrationRound,
    UnitScore,
)


# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------
def campaigns_visible_to(user) -> QuerySet[Campaign]:
    qs = Campaign.objects.select_related("parent", "plan")
    if is_office_staff(user) or is_council_member(user):
        return qs
    if is_unit_head(user):
        return qs.filter(status__in=CAMPAIGN_PUBLISHED)
    return qs.none()


@dataclass
class TimelineEntry:
    date: datetime.date
    label: str
    kind: str
    past: bool


def campaign_timeline(campaign: Campaign, rounds=None) -> list[TimelineEntry]:
    """Start, registration deadlines, review and end of a campaign, in date order."""
    today = timezone.localdate()
    entries = [
        TimelineEntry(
            campaign.start_date, str(_("Bắt đầu phong trào")), "start", campaign.start_date <= today
        )
    ]
    for round_ in rounds if rounds is not None else campaign.rounds.all():
        entries.append(
            TimelineEntry(
                round_.deadline,
                str(_("Hạn đăng ký: %(name)s") % {"name": round_.name}),
                "deadline",
                round_.deadline < today,
            )
        )
    if campaign.review_date:
        entries.append(
            TimelineEntry(
                campaign.review_date, str(_("Sơ kết, tổng kết")), "review", campaign.review_date < today
            )
        )
    if campaign.end_date:
        entries.append(
            TimelineEntry(campaign.end_date, str(_("Kết thúc phong trào")), "end", campaign.end_date < today)
        )
    order = {"start": 0, "deadline": 1, "review": 2, "end": 3}
    return sorted(entries, key=lambda e: (e.date, order[e.kind]))


# ---------------------------------------------------------------------------
# Rounds and registrations
# ---------------------------------------------------------------------------
def rounds_visible_to(user) -> QuerySet[RegistrationRound]:
    qs = RegistrationRound.objects.select_related("campaign")
    if is_office_staff(user) or is_council_member(user):
        return qs
    if is_unit_head(user):
        return qs.exclude(campaign__status="draft")
    return qs.none()


def registrations_visible_to(user) -> QuerySet[Registration]:
    qs = Registration.objects.select_related("round", "unit", "round__campaign")
    if is_office_staff(user) or is_council_member(user):
        return qs
    if is_unit_head(user):
        return qs.filter(unit_id__in=head_scope_ids(user))
    return qs.none()


def registration_of(round_: RegistrationRound, unit: Unit) -> Registration | None:
    """The unit's registration in the round, if it has opened one (the round already fetched
    through ``rounds_visible_to``, the unit the user's own)."""
    return Registration.objects.filter(round=round_, unit=unit).first()


def rounds_for_list(user) -> QuerySet[RegistrationRound]:
    """The rounds list's rows, each with its number of registrations, newest first."""
    return (
        rounds_visible_to(user)
        .annotate(registration_count=Count("registrations", distinct=True))
        .order_by("-year", "-deadline", "-pk")
    )


def registrations_in_status(user, status: str) -> QuerySet[Registration]:
    """The user's registrations in one state: the office's to accept (submitted), a unit's returned
    ones; the inbox counts them with this and links to the list filtered by the same state."""
    return registrations_visible_to(user).filter(status=status)


def registrations_for_list(user, *, status: str = "") -> QuerySet[Registration]:
    """The registration list's rows with their line counts; ``status`` narrows them when it is a
    known state (any other value is ignored, as the page ignores it)."""
    known = status in RegistrationStatus.values
    qs = registrations_in_status(user, status) if known else registrations_visible_to(user)
    return qs.with_line_counts().order_by("-round__year", "round__name", "unit__order", "unit__name")


def registration_lines(registration: Registration):
    """The registration's lines, each with what the page shows, in two queries."""
    individuals = registration.individual_lines.select_related("person", "person__unit", "award_type")
    collectives = registration.collective_lines.select_related("unit", "award_type")
    return list(collectives), list(individuals)


def registration_line_history(registration: Registration, limit: int = 200) -> list[HistoryEntry]:
    """What changed in the lines and who did it, newest first, told in sentences."""
    return history_of_rows(
        RegistrationCollectiveLine.history.filter(registration_id=registration.pk),
        RegistrationIndividualLine.history.filter(registration_id=registration.pk),
        limit=limit,
        row_fields=("unit", "person", "award_type"),
    )


def units_expected_to_register() -> QuerySet[Unit]:
    """Every active top-level unit registers (the department's offices and its public units)."""
    return Unit.objects.active().top_level().order_by("order", "name")


@dataclass
class OverviewRow:
    unit: Unit
    registration: Registration | None
    state: str

    @property
    def state_label(self):
        return OverviewState(self.state).label


def round_overview(round_: RegistrationRound) -> dict:
    """Who has not registered, who was returned, who is late — in two queries."""
    registrations = {
        reg.unit_id: reg
        for reg in Registration.objects.filter(round=round_).with_line_counts().select_related("unit")
    }
    rows = []
    seen = set()
    for unit in units_expected_to_register():
        reg = registrations.get(unit.pk)
        rows.append(OverviewRow(unit, reg, reg.status if reg else OverviewState.MISSING))
        seen.add(unit.pk)
    for unit_id, reg in registrations.items():  # e.g. a unit that has since become inactive
        if unit_id not in seen:
            rows.append(OverviewRow(reg.unit, reg, reg.status))
    counts = defaultdict(int)
    for row in rows:
        counts[row.state] += 1
    late = [row for row in rows if row.registration and row.registration.is_late]
    overdue = round_.is_past_deadline()
    return {
        "rows": rows,
        "counts": {state: counts.get(state, 0) for state in OverviewState.values},
        "missing": [row for row in rows if row.state == OverviewState.MISSING],
        "returned": [row for row in rows if row.state == OverviewState.RETURNED],
        "late": late,
        "overdue": overdue,
        "total": len(rows),
    }


def clusters_for_round(round_: RegistrationRound) -> QuerySet[Cluster]:
    """Clusters of the round's year, or of the latest year before it when that year has none yet."""
    year = (
        Cluster.objects.filter(year__lte=round_.year).order_by("-year").values_list("year", flat=True).first()
        or round_.year
    )
    return Cluster.objects.filter(year=year).order_by("name")


def consolidated_registrations(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """The consolidated table's registrations in the table's order, with what a row shows (not
    the round and its campaign that ``registrations_visible_to`` joins, the same for every row)."""
    return (
        registrations.select_related(None)
        .select_related("unit")
        .only("round_id", "unit_id", "status", "is_late", "unit__name")
        .order_by("unit__order", "unit__name", "pk")
    )


def consolidated_table(registrations: QuerySet[Registration], shown, *, award_type=None, first=1) -> dict:
    """Counts per title per unit, aggregated in the database (a constant number of queries): a
    column for each title any of ``registrations`` proposes and the totals over all of them; a
    row for each of ``shown`` (a page of ``consolidated_registrations``), numbered from ``first``."""
    reg_ids = registrations.values("pk")
    ind = RegistrationIndividualLine.objects.filter(registration_id__in=reg_ids)
    col = RegistrationCollectiveLine.objects.filter(registration_id__in=reg_ids)
    if award_type is not None:
        ind = ind.filter(award_type=award_type)
        col = col.filter(award_type=award_type)
    counts = defaultdict(int)
    totals = defaultdict(int)
    for qs in (ind, col):
        for row in qs.order_by().values("registration_id", "award_type_id").annotate(n=Count("pk")):
            counts[(row["registration_id"], row["award_type_id"])] += row["n"]
            totals[row["award_type_id"]] += row["n"]
    awards = list(AwardType.objects.filter(pk__in=totals).order_by("order", "name"))
    rows = []
    for number, reg in enumerate(shown, start=first):
        cells = [counts.get((reg.pk, a.pk), 0) for a in awards]
        rows.append(
            {"number": number, "registration": reg, "unit": reg.unit, "cells": cells, "total": sum(cells)}
        )
    return {
        "awards": awards,
        "rows": rows,
        "totals": [totals[a.pk] for a in awards],
        "grand_total": sum(totals.values()),
    }


def consolidated_lines(registrations: QuerySet[Registration], *, award_type=None):
    """The lines behind the consolidated table, for the Excel export."""
    reg_ids = registrations.values("pk")
    collectives = (
        RegistrationCollectiveLine.objects.filter(registration_id__in=reg_ids)
        .select_related("registration", "registration__unit", "unit", "award_type")
        .order_by("registration__unit__order", "registration__unit__name", "unit__order", "unit__name",
                  "award_type__order")
    )  # fmt: skip
    individuals = (
        RegistrationIndividualLine.objects.filter(registration_id__in=reg_ids)
        .select_related("registration", "registration__unit", "person", "person__unit", "award_type")
        .order_by("registration__unit__order", "registration__unit__name", "award_type__order",
                  "person__full_name")
    )  # fmt: skip
    if award_type is not None:
        collectives = collectives.filter(award_type=award_type)
        individuals = individuals.filter(award_type=award_type)
    return collectives, individuals


def open_rounds_for_unit(unit: Unit) -> list[dict]:
    """Rounds a unit head should act on, with the unit's registration if any (home panel)."""
    today = timezone.localdate()
    rounds = (
        RegistrationRound.objects.exclude(campaign__status="draft")
        .filter(deadline__gte=today - datetime.timedelta(days=60))
        .select_related("campaign")
        .order_by("deadline")
    )
    regs = {r.round_id: r for r in Registration.objects.filter(unit=unit, round__in=rounds)}
    return [{"round": rnd, "registration": regs.get(rnd.pk)} for rnd in rounds]


def registrations_awaiting_decision() -> QuerySet[Registration]:
    return Registration.objects.filter(status=RegistrationStatus.SUBMITTED).select_related("unit", "round")


# ---------------------------------------------------------------------------
# Scoring and rankings
# ---------------------------------------------------------------------------
def criteria_tree(criteria_set: CriteriaSet) -> list[Criterion]:
    """Criteria in display order with ``is_leaf`` set (one query)."""
    criteria = list(criteria_set.criteria.annotate(n_children=Count("children")).order_by("order", "pk"))
    for c in criteria:
        c.is_leaf = c.n_children == 0
    return criteria


@dataclass
class RankRow:
    unit: Unit
    self_total: Decimal = Decimal(0)
    assessed_total: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    assessed_count: int = 0
    subtotals: list[Decimal] = field(default_factory=list)
    rank: int = 0
    leader: bool = False
    cluster_role: str = ""
    tied: bool = False


TIE_RULE = _(
    "Xếp theo tổng điểm (điểm thẩm định; tiêu chí chưa thẩm định lấy điểm tự chấm). Bằng điểm thì đơn vị "
    "có điểm cao hơn ở tiêu chí lớn thứ nhất xếp trên, rồi đến tiêu chí lớn thứ hai, …; vẫn bằng nhau "
    "thì xếp theo tên đơn vị theo thứ tự chữ cái."
)


def cluster_rankings(criteria_set: CriteriaSet) -> list[dict]:
    """Each cluster's ranking for the set; the top ``leaders_per_cluster`` units are its leaders.

    Tie rule (TIE_RULE): total (assessed, falling back to self per criterion) descending; then the
    subtotals of the top-level criteria in their order, each descending; then the unit's name.
    """
    criteria = criteria_tree(criteria_set)
    by_id = {c.pk: c for c in criteria}
    top_level = [c for c in criteria if c.parent_id is None]

    def top_of(criterion):
        while criterion.parent_id is not None:
            criterion = by_id[criterion.parent_id]
        return criterion

    top_index = {c.pk: top_level.index(top_of(c)) for c in criteria}
    scores = UnitScore.objects.filter(
        criterion__criteria_set=criteria_set, criterion__children__isnull=True
    ).values("unit_id", "criterion_id", "self_score", "assessed_score")
    per_unit = defaultdict(list)
    for s in scores:
        per_unit[s["unit_id"]].append(s)

    memberships = (
        ClusterMembership.objects.filter(cluster__in=criteria_set.clusters())
        .select_related("unit", "cluster")
        .order_by("cluster__name", "unit__name")
    )
    clusters = {}
    for m in memberships:
        row = RankRow(
            unit=m.unit,
            subtotals=[Decimal(0)] * len(top_level),
            cluster_role=m.get_role_display() if m.role != ClusterRole.MEMBER else "",
        )
        for s in per_unit.get(m.unit_id, []):
            value = s["assessed_score"] if s["assessed_score"] is not None else s["self_score"]
            if s["self_score"] is not None:
                row.self_total += s["self_score"]
            if s["assessed_score"] is not None:
                row.assessed_total += s["assessed_score"]
                row.assessed_count += 1
            if value is not None:
                row.total += value
                row.subtotals[top_index[s["criterion_id"]]] += value
        clusters.setdefault(m.cluster_id, {"cluster": m.cluster, "rows": []})["rows"].append(row)

    result = []
    for entry in clusters.values():
        rows = entry["rows"]
        rows.sort(key=lambda r: (-r.total, *[-v for v in r.subtotals], r.unit.name.casefold(), r.unit.pk))
        for index, row in enumerate(rows, start=1):
            row.rank = index
            row.leader = index <= criteria_set.leaders_per_cluster and row.total > 0
        for a, b in zip(rows, rows[1:], strict=False):
            if a.total == b.total:
                a.tied = b.tied = True
        result.append(entry)
    result.sort(key=lambda e: e["cluster"].name)
    return result


def scores_for_unit(criteria_set: CriteriaSet, unit: Unit) -> dict[int, UnitScore]:
    return {
        s.criterion_id: s for s in UnitScore.objects.filter(criterion__criteria_set=criteria_set, unit=unit)
    }


def unit_scores_visible_to(user) -> QuerySet[UnitScore]:
    """The office: every unit's scores; a unit head: those of their unit (or a unit below)."""
    qs = UnitScore.objects.select_related("unit")
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if scope:
        return qs.filter(unit_id__in=scope)
    return qs.none()


def criteria_sets_visible_to(user) -> QuerySet[CriteriaSet]:
    """Every criteria set: a set is the same for all the units it scores (the list's permission
    says who may see them)."""
    return CriteriaSet.objects.select_related("cluster")


def criteria_sets_for_list(user) -> QuerySet[CriteriaSet]:
    """The criteria set list's rows with their number of criteria, newest year first."""
    return criteria_sets_visible_to(user).annotate(criteria_count=Count("criteria")).order_by("-year", "name")
