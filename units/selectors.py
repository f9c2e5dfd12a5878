"""Reads. Every unit-head page takes its queryset from here, so another unit's row is a 404."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .enums import FIRST_YEAR, LAST_YEAR, ClusterRole, IssuedKind, ReorganisationKind
from .history import HistoryEntry, history_of, history_of_rows  # noqa: F401 — read from here
from .models import (
    Cluster,
    ClusterMembership,
    IssuedDocument,
    Person,
    Reorganisation,
    Unit,
    UnitName,
    User,
)
from .rules import head_scope_ids, is_council_member, is_office_staff


def units_visible_to(user) -> QuerySet[Unit]:
    qs = Unit.objects.select_related("parent")
    if is_office_staff(user) or is_council_member(user):
        return qs
    return qs.filter(pk__in=head_scope_ids(user))


def persons_visible_to(user) -> QuerySet[Person]:
    qs = Person.objects.select_related("unit", "unit__parent")
    if is_office_staff(user):
        return qs
    return qs.filter(unit_id__in=head_scope_ids(user))


def clusters_with_roles() -> QuerySet[Cluster]:
    return Cluster.objects.prefetch_related("memberships__unit").annotate(
        member_count=Count("memberships", distinct=True)
    )


def unit_staff_counts(unit_ids) -> dict[int, dict[str, int]]:
    rows = (
        Person.objects.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("pk"), active=Count("pk", filter=Q(active=True)))
    )
    return {row["unit_id"]: row for row in rows}


def units_for_list(user) -> QuerySet[Unit]:
    """The units a user may see, with their parent and active staff count (one query for any page)."""
    # Meta.ordering is dropped from aggregated queries: order explicitly for a stable pagination.
    return (
        units_visible_to(user)
        .annotate(staff_count=Count("staff", filter=Q(staff__active=True)))
        .order_by("order", "name", "pk")
    )


def unit_parents_visible_to(user) -> QuerySet[Unit]:
    """Units that have sub-units, for the "parent" filter."""
    return units_visible_to(user).filter(children__isnull=False).distinct()


def unit_memberships(unit: Unit) -> QuerySet[ClusterMembership]:
    """The clusters a unit belongs to, latest year first."""
    return unit.cluster_memberships.select_related("cluster").order_by("-cluster__year", "cluster__name")


def unit_heads(unit_ids) -> dict[int, list[User]]:
    """The active logins heading each of the given units, in the order they were created (a unit
    may have several heads, or none): {unit id: [users]}, every unit asked for present, with the
    staff record read alongside for the names. One query, however many units."""
    heads: dict[int, list[User]] = {unit_id: [] for unit_id in unit_ids}
    users = (
        User.objects.filter(is_active=True, head_of_unit_id__in=list(heads))
        .select_related("person")
        .order_by("pk")
    )
    for user in users:
        heads[user.head_of_unit_id].append(user)
    return heads


def heads_of_unit(unit_id: int) -> list[User]:
    """One unit's active heads (``unit_heads`` for a single unit)."""
    return unit_heads([unit_id])[unit_id]


def persons_for_list(user) -> QuerySet[Person]:
    """The staff list's rows (its unit and the unit above it joined; not the login, which the list
    does not show: a person page reads it through ``persons_for_list(user).select_related("user")``)."""
    return persons_visible_to(user).order_by("unit__order", "unit__name", "full_name", "pk")


def _member_unit_name(role: str) -> Subquery:
    memberships = ClusterMembership.objects.filter(cluster=OuterRef("pk"), role=role)
    return Subquery(memberships.values("unit__name")[:1])  # one leader, one deputy (a constraint)


def clusters_for_list(year: int) -> QuerySet[Cluster]:
    """A year's clusters for the list and its export: each with its member count and the names of
    its leader and deputy units, in one query."""
    return (
        Cluster.objects.filter(year=year)
        .annotate(
            member_count=Count("memberships", distinct=True),
            leader_name=_member_unit_name(ClusterRole.LEADER),
            deputy_name=_member_unit_name(ClusterRole.DEPUTY),
        )
        .order_by("name", "pk")
    )


def clusters_to_copy(year: int | None) -> QuerySet[Cluster]:
    """The active clusters of ``year`` that ``services.clusters_copy_to_year`` copies (every
    cluster is the same for all who may copy them); none without a year."""
    qs = Cluster.objects.filter(active=True)
    return qs.none() if year is None else qs.filter(year=year)


def cluster_years() -> list[int]:
    """Years that have clusters, plus the current and the next year, newest first."""
    this_year = timezone.localdate().year
    years = set(Cluster.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years | {this_year, this_year + 1}, reverse=True)


# ---------------------------------------------------------------------------
# Change history (django-simple-history), as the detail pages show it: ``units.history``
# ---------------------------------------------------------------------------
def cluster_membership_history(cluster: Cluster, *, limit: int = 50) -> list[HistoryEntry]:
    """Units added to or removed from a cluster and role changes, newest first."""
    return history_of_rows(
        ClusterMembership.history.filter(cluster_id=cluster.pk), limit=limit, row_fields=("unit", "role")
    )


# ---------------------------------------------------------------------------
# Reorganisations: the tree on a day, names on a day, lineage
# ---------------------------------------------------------------------------
def reorganisations_for_list() -> QuerySet[Reorganisation]:
    return (
        Reorganisation.objects.select_related("main_predecessor", "department", "created_by")
        .prefetch_related("before", "after")
        .order_by("-effective", "-pk")
    )


def reorganisations_of(unit: Unit) -> list[Reorganisation]:
    """The events that touched a unit (before, after or as the department moved), latest first."""
    return list(
        reorganisations_for_list().filter(Q(before=unit) | Q(after=unit) | Q(department=unit)).distinct()
    )


def _in_force(valid_from, valid_to, day: datetime.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


@dataclass(frozen=True)
class NamedUnit:
    """A unit under the name it bore on a given day (prints as that name)."""

    unit: Unit
    name: str

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.unit.get_absolute_url()


def reorganisations_named(events) -> list[Reorganisation]:
    """The events, each with its units under the names they bore then: ``units_before`` (on the
    day before it took effect), ``units_after`` and ``department_named`` (on the day it did), and
    ``main_named``. A unit renamed later still reads as the event named it. One query for every
    event's former names (the units come prefetched by ``reorganisations_for_list``)."""
    events = list(events)
    unit_ids = set()
    for event in events:
        unit_ids.update(unit.pk for unit in event.before.all())
        unit_ids.update(unit.pk for unit in event.after.all())
        unit_ids.update(pk for pk in (event.department_id, event.main_predecessor_id) if pk)
    former = defaultdict(list)
    for unit_id, name, valid_from, valid_to in UnitName.objects.filter(unit_id__in=unit_ids).values_list(
        "unit_id", "name", "valid_from", "valid_to"
    ):
        former[unit_id].append((name, valid_from, valid_to))

    def named(unit: Unit | None, day: datetime.date) -> NamedUnit | None:
        if unit is None:
            return None
        name = next((n for n, start, end in former[unit.pk] if _in_force(start, end, day)), unit.name)
        return NamedUnit(unit=unit, name=name)

    for event in events:
        eve = event.effective - datetime.timedelta(days=1)
        event.units_before = [named(unit, eve) for unit in event.before.all()]
        event.units_after = [named(unit, event.effective) for unit in event.after.all()]
        event.department_named = named(event.department, event.effective)
        event.main_named = named(event.main_predecessor, eve)
    return events


def unit_names_on(unit_ids, day: datetime.date) -> dict[int, str]:
    """The name each unit bore on ``day`` (its current name unless a rename came after): two queries."""
    unit_ids = list(unit_ids)
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    for unit_id, name, valid_from, valid_to in UnitName.objects.filter(
        unit_id__in=unit_ids, valid_to__gte=day
    ).values_list("unit_id", "name", "valid_from", "valid_to"):
        if _in_force(valid_from, valid_to, day):
            names[unit_id] = name
    return names


def unit_name_on(unit: Unit, day: datetime.date) -> str:
    """A unit's name as it was on ``day``: to print "as it was named then"."""
    return unit_names_on([unit.pk], day).get(unit.pk, unit.name)


@dataclass
class TreeNode:
    unit: Unit
    name: str
    parent_id: int | None
    children: list = field(default_factory=list)


def units_tree_on(day: datetime.date) -> list[TreeNode]:
    """The units in force on ``day`` as a tree (roots first, in order), each with the name and the
    parent it had then: later transfers of a department are undone, later renames read back."""
    units = [
        u for u in Unit.objects.order_by("order", "name", "pk") if _in_force(u.valid_from, u.valid_to, day)
    ]
    parents = {u.pk: u.parent_id for u in units}
    # A transfer that took effect after the day: the department was still under the unit before it.
    later = (
        Reorganisation.objects.filter(kind=ReorganisationKind.TRANSFER, effective__gt=day)
        .order_by("effective", "pk")
        .prefetch_related("before")
    )
    undone = set()
    for event in later:
        if event.department_id in parents and event.department_id not in undone:
            old = next(iter(event.before.all()), None)
            parents[event.department_id] = old.pk if old is not None else None
            undone.add(event.department_id)
    names = unit_names_on(parents, day)
    nodes = {u.pk: TreeNode(unit=u, name=names.get(u.pk, u.name), parent_id=parents[u.pk]) for u in units}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id)
        (parent.children if parent is not None else roots).append(node)
    return roots


@dataclass(frozen=True)
class LineageEntry:
    """A predecessor of a unit: the unit, its successor in the chain, the day the event took
    effect (the predecessor's years are those before it), how many steps back, whether it lies
    on the main chain, and the event."""

    unit: Unit
    successor_id: int
    effective: datetime.date | None
    depth: int
    main: bool
    event: Reorganisation | None
    name: str = ""  # the name it bore on its last day (before the event)

    @property
    def last_year(self) -> int | None:
        """The last year of achievement that is the predecessor's: the year the event took effect
        (a unit merged on 1 July was evaluated for the half year it ran; the successor's own
        record of that year, when there is one, comes first)."""
        return self.effective.year if self.effective else None


def predecessor_pairs() -> list[tuple[int, int]]:
    """Every (successor id, predecessor id) link of Unit.predecessors: one query."""
    return list(Unit.predecessors.through.objects.values_list("from_unit_id", "to_unit_id"))


def predecessor_links(pairs=None) -> dict[int, list[tuple[int, datetime.date | None, bool, int | None]]]:
    """{successor id: [(predecessor id, effective, main, event id)]} from Unit.predecessors and the
    events behind them: three queries (two when ``pairs`` are given), for every unit."""
    links = defaultdict(list)
    pairs = predecessor_pairs() if pairs is None else pairs
    if not pairs:
        return {}
    events = {}
    for event_id, kind, effective, main_id, unit_id in Reorganisation.objects.filter(
        kind__in=[ReorganisationKind.MERGER, ReorganisationKind.ABSORPTION, ReorganisationKind.SPLIT]
    ).values_list("pk", "kind", "effective", "main_predecessor_id", "after__pk"):
        events.setdefault(unit_id, []).append((event_id, kind, effective, main_id))
    befores = defaultdict(set)
    for event_id, unit_id in Reorganisation.before.through.objects.values_list(
        "reorganisation_id", "unit_id"
    ):
        befores[event_id].add(unit_id)
    for successor_id, predecessor_id in pairs:
        found = None
        for event_id, _kind, effective, main_id in events.get(successor_id, ()):
            if predecessor_id in befores[event_id]:
                found = (event_id, effective, main_id)
                break
        if found is None:
            links[successor_id].append((predecessor_id, None, False, None))
        else:
            event_id, effective, main_id = found
            links[successor_id].append((predecessor_id, effective, main_id == predecessor_id, event_id))
    return dict(links)


def lineage_from_links(
    unit_id: int, links: dict
) -> list[tuple[int, int, datetime.date | None, int, bool, int | None]]:
    """Every predecessor of a unit, transitively, breadth first: (predecessor, successor, effective,
    depth, on the main chain, event). A predecessor is on the main chain when every link from the
    unit back to it is a main link."""
    out, seen = [], {unit_id}
    frontier = [(unit_id, True, 0)]
    while frontier:
        following = []
        for successor, on_main, depth in frontier:
            for predecessor, effective, main, event_id in sorted(
                links.get(successor, ()), key=lambda x: (not x[2], x[0])
            ):
                if predecessor in seen:
                    continue
                seen.add(predecessor)
                chain = on_main and main
                out.append((predecessor, successor, effective, depth + 1, chain, event_id))
                following.append((predecessor, chain, depth + 1))
        frontier = following
    return out


def unit_lineage(unit: Unit) -> list[LineageEntry]:
    """All predecessors of a unit, transitively, with the day each handed over and whether it is on
    the main chain (the chain the unit's continuity of years follows)."""
    rows = lineage_from_links(unit.pk, predecessor_links())
    if not rows:
        return []
    units = Unit.objects.in_bulk([row[0] for row in rows])
    events = Reorganisation.objects.in_bulk([row[5] for row in rows if row[5]])
    former = defaultdict(list)
    for unit_id, name, valid_from, valid_to in UnitName.objects.filter(unit_id__in=units).values_list(
        "unit_id", "name", "valid_from", "valid_to"
    ):
        former[unit_id].append((name, valid_from, valid_to))

    def name_before(unit, effective):
        if effective is None:
            return unit.name
        day = effective - datetime.timedelta(days=1)
        return next((n for n, start, end in former[unit.pk] if _in_force(start, end, day)), unit.name)

    return [
        LineageEntry(
            unit=units[predecessor],
            successor_id=successor,
            effective=effective,
            depth=depth,
            main=main,
            event=events.get(event_id),
            name=name_before(units[predecessor], effective),
        )
        for predecessor, successor, effective, depth, main, event_id in rows
    ]


def main_chain(unit: Unit) -> list[LineageEntry]:
    """The predecessors on the main chain, nearest first."""
    return [entry for entry in unit_lineage(unit) if entry.main]


def lineage_unit_ids(unit: Unit | int) -> set[int]:
    """The unit and every predecessor of it, transitively."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    return {unit_id} | {row[0] for row in lineage_from_links(unit_id, predecessor_links())}


def lineage_ids_of(unit_ids) -> set[int]:
    """The given units and every predecessor of any of them (at most three queries)."""
    ids = set(unit_ids)
    pairs = predecessor_pairs()
    if not pairs:
        return ids
    links = predecessor_links(pairs)
    for unit_id in list(ids):
        ids.update(row[0] for row in lineage_from_links(unit_id, links))
    return ids


# ---------------------------------------------------------------------------
# The register of issued documents (office and administrators only)
# ---------------------------------------------------------------------------
def issued_documents_visible_to(user) -> QuerySet[IssuedDocument]:
    """The register's rows the user may read and download: all of them for the office, none else."""
    if not is_office_staff(user):
        return IssuedDocument.objects.none()
    return IssuedDocument.objects.all()


def issued_register(user, *, year: int, kind: str = "") -> QuerySet[IssuedDocument]:
    """The register of a year (of one kind when ``kind`` is one), newest first, without snapshots."""
    documents = issued_documents_visible_to(user).filter(year=year).select_related("cites")
    if kind in IssuedKind.values:
        documents = documents.filter(kind=kind)
    return documents.order_by("-issued_on", "-pk").defer("snapshot")


def issued_years(*, including: int | None = None) -> list[int]:
    """The years the register holds documents of (and ``including``), newest first."""
    years = set(IssuedDocument.objects.order_by().values_list("year", flat=True).distinct())
    if including is not None:
        years.add(including)
    return sorted((y for y in years if FIRST_YEAR <= y <= LAST_YEAR), reverse=True)


# ---------------------------------------------------------------------------
# Logins refused for too many wrong passwords (django-axes)
# ---------------------------------------------------------------------------
def locked_logins(now: datetime.datetime | None = None):
    """The (user name, address) pairs refused right now: AXES_FAILURE_LIMIT failures or more, the
    last within AXES_COOLOFF_TIME. The administrator's inbox counts them; the admin's list of
    access attempts filtered by the same two conditions shows them."""
    now = now or timezone.now()
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
    )
