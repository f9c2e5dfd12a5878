"""The facts the eligibility engine judges, read for a whole batch.

``load_facts(nominations)`` fetches, for a whole batch, everything the engine needs in a
constant number of queries (13, whatever the batch size): rule sets with their rules and paths,
the catalog, the unit tree, collective members, evaluations, award records, the standing
nominations of the batch's years, initiatives with their authors, and the claims on them.
Small batches filter by the people and units involved; large ones read the year window whole
(an ``IN`` list of thousands of ids is slower than the rows it saves, and SQLite caps it).
"""

import bisect
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch

from catalog.enums import AchievementKind
from catalog.models import AwardType
from units.models import Person, Unit, UnitName
from units.selectors import lineage_from_links, predecessor_links, predecessor_pairs

from ..enums import NOMINATION_STANDING
from ..models import (
    AwardRecord,
    AwardRule,
    AwardRulePath,
    Evaluation,
    InitiativeAuthor,
    InitiativeClaim,
    Nomination,
    RuleSet,
)

# Above this many ids a query reads the whole year window instead of an IN list.
ID_FILTER_LIMIT = 500

PERSON, UNIT = "person", "unit"


# ---------------------------------------------------------------------------
# Rule sets
# ---------------------------------------------------------------------------
def rule_sets_with_rules() -> list[RuleSet]:
    """Active rule sets, newest first, each with its rules and their paths (4 queries)."""
    paths = AwardRulePath.objects.prefetch_related("prior_award_types").order_by("order", "pk")
    rules = AwardRule.objects.prefetch_related(Prefetch("paths", queryset=paths))
    return list(
        RuleSet.objects.active()
        .prefetch_related(Prefetch("rules", queryset=rules))
        .order_by("-effective_from", "-pk")
    )


def pick_rule_set(rule_sets: Iterable[RuleSet], year: int) -> RuleSet | None:
    """The rule set judging a year of achievement: in force on 31 December of that year.

    When several active sets cover that day (an overlap the admin warns about), the one that
    started latest wins.
    """
    day = RuleSet.judging_day(year)
    covering = [rs for rs in rule_sets if rs.active and rs.covers(day)]
    return max(covering, key=lambda rs: (rs.effective_from, rs.pk), default=None)


# ---------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NominationFact:
    pk: int | None
    year: int
    award_type_id: int
    person_id: int | None
    unit_id: int | None
    proposing_unit_id: int | None
    status: str
    achievement_kind: str
    created_at: datetime.datetime | None
    leads_cluster: bool | None = None
    person_unit_id: int | None = None

    @property
    def subject(self) -> tuple[str, int]:
        return (PERSON, self.person_id) if self.person_id else (UNIT, self.unit_id)

    @property
    def home_unit_id(self) -> int | None:
        """The unit the nominee belongs to: the person's unit, or the collective itself."""
        return self.person_unit_id if self.person_id else self.unit_id

    @property
    def order_key(self):
        """Filing order for quotas: earlier first; a nomination not saved yet comes last."""
        created = self.created_at or datetime.datetime.max.replace(tzinfo=datetime.UTC)
        return (created, self.pk if self.pk is not None else float("inf"))


class RecordFact(NamedTuple):  # a tuple: 1.5 M of them made on ten provinces, 4× faster than a dataclass
    award_type_id: int
    year: int
    achievement_kind: str
    name: str


@dataclass(frozen=True)
class InitiativeFact:
    pk: int
    title: str
    year: int
    scope: str
    kind: str


@dataclass(frozen=True)
class PredecessorFact:
    unit_id: int
    last_year: int | None  # the year the reorganisation took effect (None: not known, any year)
    main: bool


@dataclass(frozen=True)
class ClaimFact:
    nomination_id: int
    award_type_id: int
    year: int


@dataclass
class Facts:
    award_types: dict[int, AwardType]
    rule_sets: list[RuleSet]
    unit_names: dict[int, str]
    unit_children: dict[int, list[int]]
    members: dict[int, list[int]]  # unit id -> active person ids directly in it
    person_units: dict[int, int]
    evaluations: dict[tuple[str, int], dict[int, str]]  # subject -> year -> level
    records: dict[tuple[str, int], list[RecordFact]]
    nominations: list[NominationFact]  # standing nominations of the batch's years
    nominations_by_subject: dict[tuple[str, int], list[NominationFact]]
    nominations_by_award: dict[tuple[int, int], list[NominationFact]]  # (award type, year) -> filed
    base_holders: dict[tuple[int, int], dict[int, int]]  # (award type, year) -> person -> unit
    initiatives: dict[int, list[InitiativeFact]]  # person id -> authored initiatives
    claims: dict[tuple[int, int], ClaimFact]  # (initiative, person) -> the claim
    # collective nominee -> its predecessors, nearest first: (unit id, last year that is theirs, main chain)
    lineage: dict[int, list[PredecessorFact]] = field(default_factory=dict)
    former_names: dict[int, list[tuple[str, datetime.date | None, datetime.date]]] = field(
        default_factory=dict
    )
    unit_ends: dict[int, datetime.date | None] = field(default_factory=dict)
    _subtrees: dict[int, frozenset[int]] = field(default_factory=dict)
    _record_kinds: dict[tuple[str, int], dict[tuple[int, int], frozenset[str]]] = field(default_factory=dict)
    _quota_bases: dict[tuple, int] = field(default_factory=dict)
    _filing_orders: dict[tuple, tuple[list, dict]] = field(default_factory=dict)
    _rules: dict[tuple[int, int], object] = field(default_factory=dict)
    _paths: dict[int, list] = field(default_factory=dict)
    _prior_types: dict[int, list] = field(default_factory=dict)

    # A rule set's rules, a rule's paths and a path's prior awards are prefetched; each ``.all()``
    # still makes a related manager and a queryset (108,000 of them for a year's nominations on ten
    # provinces, a tenth of the batch's CPU): each list is taken once per batch instead.
    def rule_for(self, rule_set, award_type_id: int):
        """The rule set's rule for an award (None: it has none)."""
        key = (rule_set.pk, award_type_id)
        if key not in self._rules:
            rules = (r for r in rule_set.rules.all() if r.award_type_id == award_type_id)
            self._rules[key] = next(rules, None)
        return self._rules[key]

    def paths_of(self, rule) -> list:
        paths = self._paths.get(rule.pk)
        if paths is None:
            paths = self._paths[rule.pk] = list(rule.paths.all())
        return paths

    def prior_types(self, path) -> list:
        prior = self._prior_types.get(path.pk)
        if prior is None:
            prior = self._prior_types[path.pk] = list(path.prior_award_types.all())
        return prior

    def unit_name_in(self, unit_id: int, year: int) -> str:
        """A unit's name in a year (its last day in force that year): a predecessor as it was named."""
        day = datetime.date(year, 12, 31)
        end = self.unit_ends.get(unit_id)
        if end is not None and end < day:
            day = end
        for name, valid_from, valid_to in self.former_names.get(unit_id, ()):
            if (valid_from is None or valid_from <= day) and day <= valid_to:
                return name
        return self.unit_names.get(unit_id, "")

    def subtree(self, unit_id: int | None) -> frozenset[int]:
        """The unit and every unit below it."""
        if unit_id is None:
            return frozenset()
        cached = self._subtrees.get(unit_id)
        if cached is None:
            cached = self._subtrees[unit_id] = subtree_of(self.unit_children, unit_id)
        return cached

    def record_kinds(self, subject: tuple[str, int]) -> dict[tuple[int, int], frozenset[str]]:
        """The subject's records as (award type, year) -> the achievement kinds held: asked for each
        title and year a rule looks back on (163,000 times for the 30,000 nominations of a year on
        ten provinces), a scan of the subject's records each time was a third of the batch."""
        index = self._record_kinds.get(subject)
        if index is None:
            records = self.records.get(subject)
            if not records:
                return {}  # most members of a collective: nothing on record in the batch's years
            kinds = defaultdict(set)
            for record in records:
                kinds[(record.award_type_id, record.year)].add(record.achievement_kind)
            index = self._record_kinds[subject] = {key: frozenset(value) for key, value in kinds.items()}
        return index

    def quota_base(
        self, base_title_id: int, year: int, scope_unit_id: int | None, *, everywhere: bool
    ) -> int:
        """How many hold (or are nominated for) the quota's base title in the year, in the unit's
        subtree (or ``everywhere``); counted once per batch, not once per nomination."""
        key = (base_title_id, year, scope_unit_id, everywhere)
        if key not in self._quota_bases:
            holders = self.base_holders.get((base_title_id, year), {})
            if everywhere:
                self._quota_bases[key] = len(holders)
            else:
                scope = self.subtree(scope_unit_id)
                self._quota_bases[key] = sum(1 for unit_id in holders.values() if unit_id in scope)
        return self._quota_bases[key]

    def filing_position(self, nom: "NominationFact", scope_unit_id: int | None, *, everywhere: bool) -> int:
        """The nomination's place in the filing order (1 = first) among the standing nominations
        for the same title and year in the unit's subtree (or ``everywhere``), itself counted
        once whether it is saved (and standing) or not. The order of each scope is sorted once per
        batch: sorting every nomination's competitors for each nomination grew with the square of
        the nominations (30,000 in a year on ten provinces)."""
        key = (nom.award_type_id, nom.year, scope_unit_id, everywhere)
        if key not in self._filing_orders:
            scope = None if everywhere else self.subtree(scope_unit_id)
            others = [
                other
                for other in self.nominations_by_award.get((nom.award_type_id, nom.year), ())
                if scope is None or other.home_unit_id in scope
            ]
            keys = sorted(other.order_key for other in others)
            by_pk = {other.pk: other.order_key for other in others}
            self._filing_orders[key] = (keys, by_pk)
        keys, by_pk = self._filing_orders[key]
        own = nom.order_key
        ahead = bisect.bisect_right(keys, own)  # the others filed before it (or at the same time)
        if nom.pk is not None and nom.pk in by_pk and by_pk[nom.pk] <= own:
            ahead -= 1  # its own stored row is not a competitor
        return ahead + 1

    def members_of(self, unit_id: int) -> list[int]:
        """Active staff of a collective as of the year: its own staff and its sub-units' staff."""
        return [p for u in sorted(self.subtree(unit_id)) for p in self.members.get(u, ())]


def unit_children() -> dict[int, list[int]]:
    """Every unit's direct sub-units, in one query."""
    children = defaultdict(list)
    for pk, parent in Unit.objects.values_list("pk", "parent_id"):
        if parent:
            children[parent].append(pk)
    return dict(children)


def subtree_of(children: dict[int, list[int]], unit_id: int) -> frozenset[int]:
    """The unit and every unit below it, from ``unit_children()``."""
    ids, frontier = {unit_id}, [unit_id]
    while frontier:
        frontier = [c for u in frontier for c in children.get(u, ()) if c not in ids]
        ids.update(frontier)
    return frozenset(ids)


def nomination_fact(nomination) -> NominationFact:
    """The engine's view of a nomination (saved or not, or any object with the same fields)."""
    person_unit_id = getattr(nomination, "person_unit_id", None)
    if (
        person_unit_id is None
        and isinstance(nomination, Nomination)
        and Nomination.person.is_cached(nomination)
    ):
        person_unit_id = getattr(nomination.person, "unit_id", None)
    return NominationFact(
        pk=getattr(nomination, "pk", None),
        year=nomination.year,
        award_type_id=nomination.award_type_id,
        person_id=getattr(nomination, "person_id", None),
        unit_id=getattr(nomination, "unit_id", None),
        proposing_unit_id=getattr(nomination, "proposing_unit_id", None),
        status=getattr(nomination, "status", "draft"),
        achievement_kind=getattr(nomination, "achievement_kind", AchievementKind.ANNUAL),
        created_at=getattr(nomination, "created_at", None),
        leads_cluster=getattr(nomination, "leads_cluster", None),
        person_unit_id=person_unit_id,
    )


def _max_lookback(rule_sets: list[RuleSet]) -> int:
    spans = [0]
    for rs in rule_sets:
        for rule in rs.rules.all():
            spans.extend(path.lookback_years for path in rule.paths.all())
    return max(spans)


def subject_filter(
    qs,
    person_ids: set[int],
    unit_ids: set[int],
    *,
    person_field="person_id",
    unit_field=None,
    years_only=None,
):
    """Narrow a query to the people and units involved, unless there are too many of them.

    ``years_only`` = (years, nominees): when there are too many, the people who are not nominees
    (members of the collectives nominated: on ten provinces, every staff member) are read only for
    the batch's years, the only ones the engine asks about them (``_check_members``); the
    nominees and every unit are read whole. Reading the 10 years of the 150,000 staff into Python
    was 3 M rows for the 30,000 nominations of a year (half the batch's time), 0.45 M now."""
    from django.db.models import Q

    if len(person_ids) + len(unit_ids) > ID_FILTER_LIMIT:
        if years_only is None:
            return qs
        years, nominees = years_only
        limit = connection.features.max_query_params
        if limit is not None and len(nominees) + len(years) >= limit:
            return qs  # SQLite: too many for one statement; read everyone's window
        return qs.filter(
            Q(**{f"{person_field}__isnull": True})
            | Q(year__in=sorted(years))
            | Q(**{f"{person_field}__in": sorted(nominees)})
        )

    cond = Q(**{f"{person_field}__in": person_ids})
    if unit_field:
        cond |= Q(**{f"{unit_field}__in": unit_ids})
    return qs.filter(cond)


def load_facts(nominations: list[NominationFact]) -> Facts:
    """Everything the engine needs for a batch, in a constant number of queries."""
    award_types = AwardType.objects.in_bulk()
    rule_sets = rule_sets_with_rules()
    years = {n.year for n in nominations}
    if not years:
        years = {datetime.date.today().year}
    first_year = min(years) - _max_lookback(rule_sets)
    last_year = max(years)

    successors = Unit.predecessors.through.objects.filter(from_unit_id=OuterRef("pk"))
    unit_rows = list(
        Unit.objects.annotate(succeeds=Exists(successors)).values_list("pk", "parent_id", "name", "succeeds")
    )
    unit_names = {pk: name for pk, _parent, name, _succeeds in unit_rows}
    succeeding = {pk for pk, _parent, _name, succeeds in unit_rows if succeeds}
    unit_children = defaultdict(list)
    for pk, parent, _name, _succeeds in unit_rows:
        if parent:
            unit_children[parent].append(pk)

    facts = Facts(
        award_types=award_types,
        rule_sets=rule_sets,
        unit_names=unit_names,
        unit_children=dict(unit_children),
        members={},
        person_units={},
        evaluations=defaultdict(dict),
        records=defaultdict(list),
        nominations=[],
        nominations_by_subject=defaultdict(list),
        nominations_by_award=defaultdict(list),
        base_holders=defaultdict(dict),
        initiatives=defaultdict(list),
        claims={},
    )

    # Members of the collectives nominated: active staff of the unit and of its sub-units.
    collective_units = {n.unit_id for n in nominations if n.unit_id}
    member_units = set().union(*(facts.subtree(u) for u in collective_units)) if collective_units else set()
    members = defaultdict(list)
    for pk, unit_id in (
        Person.objects.filter(active=True, unit_id__in=member_units)
        .order_by("pk")
        .values_list("pk", "unit_id")
    ):
        members[unit_id].append(pk)
        facts.person_units[pk] = unit_id
    facts.members = dict(members)

    # The nominees' own units (quota scopes).
    nominee_persons = {n.person_id for n in nominations if n.person_id}
    people = Person.objects.all()
    if len(nominee_persons) <= ID_FILTER_LIMIT:
        people = people.filter(pk__in=nominee_persons)
    facts.person_units.update(people.values_list("pk", "unit_id"))

    person_ids = nominee_persons | set(facts.person_units)
    unit_ids = set(collective_units)

    # Predecessors of the collectives nominated (mergers, splits): no query when none has any.
    pairs = predecessor_pairs() if collective_units & succeeding else []
    if pairs:
        links = predecessor_links(pairs)
        for unit_id in collective_units:
            facts.lineage[unit_id] = [
                PredecessorFact(pred, effective.year if effective else None, main)
                for pred, _successor, effective, _depth, main, _event in lineage_from_links(unit_id, links)
            ]
        predecessors = {p.unit_id for items in facts.lineage.values() for p in items}
        unit_ids |= predecessors
        for unit_id, name, valid_from, valid_to in UnitName.objects.filter(
            unit_id__in=predecessors
        ).values_list("unit_id", "name", "valid_from", "valid_to"):
            facts.former_names.setdefault(unit_id, []).append((name, valid_from, valid_to))
        facts.unit_ends = dict(Unit.objects.filter(pk__in=predecessors).values_list("pk", "valid_to"))

    # Evaluations in the window.
    evaluations = subject_filter(
        Evaluation.objects.filter(year__gte=first_year, year__lte=last_year),
        person_ids,
        unit_ids,
        unit_field="unit_id",
        years_only=(years, nominee_persons),
    )
    for person_id, unit_id, year, level in evaluations.values_list("person_id", "unit_id", "year", "level"):
        key = (PERSON, person_id) if person_id else (UNIT, unit_id)
        facts.evaluations[key][year] = level

    # Award records up to the last year (prior awards may lie far back), revoked ones excluded.
    records = subject_filter(
        AwardRecord.objects.standing().filter(year__lte=last_year),
        person_ids,
        unit_ids,
        unit_field="unit_id",
        years_only=(years, nominee_persons),
    )
    for person_id, unit_id, type_id, year, kind, name in records.values_list(
        "person_id", "unit_id", "award_type_id", "year", "achievement_kind", "name_as_issued"
    ):
        key = (PERSON, person_id) if person_id else (UNIT, unit_id)
        facts.records[key].append(RecordFact(type_id, year, kind, name))

    # Holders of quota base titles (e.g. every LĐTT of the year, with their unit), for quotas.
    base_titles = {
        rule.quota_base_title_id for rs in rule_sets for rule in rs.rules.all() if rule.quota_base_title_id
    }
    if base_titles:
        for person_id, unit_id, type_id, year in (
            AwardRecord.objects.standing()
            .filter(year__in=years, award_type_id__in=base_titles, person__isnull=False)
            .values_list("person_id", "person__unit_id", "award_type_id", "year")
        ):
            facts.base_holders[(type_id, year)][person_id] = unit_id

    # Standing nominations of the batch's years: "proposed in the same round", quotas, members.
    for row in (
        Nomination.objects.filter(year__in=years, status__in=NOMINATION_STANDING)
        .order_by("created_at", "pk")
        .values(
            "pk",
            "year",
            "award_type_id",
            "person_id",
            "unit_id",
            "proposing_unit_id",
            "status",
            "achievement_kind",
            "created_at",
            "leads_cluster",
            "person__unit_id",
        )
    ):
        fact = NominationFact(
            pk=row["pk"],
            year=row["year"],
            award_type_id=row["award_type_id"],
            person_id=row["person_id"],
            unit_id=row["unit_id"],
            proposing_unit_id=row["proposing_unit_id"],
            status=row["status"],
            achievement_kind=row["achievement_kind"],
            created_at=row["created_at"],
            leads_cluster=row["leads_cluster"],
            person_unit_id=row["person__unit_id"],
        )
        facts.nominations.append(fact)
        facts.nominations_by_subject[fact.subject].append(fact)
        facts.nominations_by_award[(fact.award_type_id, fact.year)].append(fact)
        if fact.person_id and fact.award_type_id in base_titles:
            facts.base_holders[(fact.award_type_id, fact.year)].setdefault(
                fact.person_id, fact.person_unit_id
            )

    # Initiatives the people involved authored in the window, and the claims on them.
    authorships = subject_filter(
        InitiativeAuthor.objects.filter(initiative__year__gte=first_year, initiative__year__lte=last_year),
        nominee_persons,
        set(),
    )
    for person_id, pk, title, year, scope, kind in authorships.values_list(
        "person_id",
        "initiative_id",
        "initiative__title",
        "initiative__year",
        "initiative__scope",
        "initiative__kind",
    ):
        facts.initiatives[person_id].append(InitiativeFact(pk, title, year, scope, kind))
    claims = subject_filter(
        InitiativeClaim.objects.filter(
            initiative__year__gte=first_year,
            initiative__year__lte=last_year,
            nomination__status__in=NOMINATION_STANDING,
        ),
        nominee_persons,
        set(),
    )
    for initiative_id, person_id, nomination_id, type_id, year in claims.values_list(
        "initiative_id", "person_id", "nomination_id", "nomination__award_type_id", "nomination__year"
    ):
        facts.claims[(initiative_id, person_id)] = ClaimFact(nomination_id, type_id, year)

    return facts
