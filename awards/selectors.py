"""Reads of the awards app, above all the facts the eligibility engine judges.

``load_facts(nominations)`` fetches, for a whole batch, everything the engine needs in a
constant number of queries (13, whatever the batch size): rule sets with their rules and paths,
the catalog, the unit tree, collective members, evaluations, award records, the standing
nominations of the batch's years, initiatives with their authors, and the claims on them.
Small batches filter by the people and units involved; large ones read the year window whole
(an ``IN`` list of thousands of ids is slower than the rows it saves, and SQLite caps it).
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.enums import RegistrationStatus
from campaigns.models import RegistrationCollectiveLine, RegistrationIndividualLine
from catalog.enums import AchievementKind
from catalog.models import AwardType
from units.models import Person, Unit, UnitName
from units.rules import head_scope_ids, is_office_staff
from units.selectors import (
    lineage_from_links,
    lineage_unit_ids,
    predecessor_links,
    predecessor_pairs,
    unit_heads,
)
from units.vn import nfc

from . import workdays
from .enums import NOMINATION_STANDING, NOMINATION_VERIFIED_OR_LATER, NominationStatus
from .models import (
    AwardRecord,
    AwardRule,
    AwardRulePath,
    DossierFile,
    Evaluation,
    Holiday,
    InitiativeAuthor,
    InitiativeClaim,
    Nomination,
    NominationCall,
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


def rule_set_for_year(year: int) -> RuleSet | None:
    return RuleSet.objects.in_force_on(RuleSet.judging_day(year)).order_by("-effective_from", "-pk").first()


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


@dataclass(frozen=True)
class RecordFact:
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


def _subject_filter(
    qs, person_ids: set[int], unit_ids: set[int], *, person_field="person_id", unit_field=None
):
    """Narrow a query to the people and units involved, unless there are too many of them."""
    if len(person_ids) + len(unit_ids) > ID_FILTER_LIMIT:
        return qs
    from django.db.models import Q

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
    evaluations = _subject_filter(
        Evaluation.objects.filter(year__gte=first_year, year__lte=last_year),
        person_ids,
        unit_ids,
        unit_field="unit_id",
    )
    for person_id, unit_id, year, level in evaluations.values_list("person_id", "unit_id", "year", "level"):
        key = (PERSON, person_id) if person_id else (UNIT, unit_id)
        facts.evaluations[key][year] = level

    # Award records up to the last year (prior awards may lie far back), revoked ones excluded.
    records = _subject_filter(
        AwardRecord.objects.standing().filter(year__lte=last_year), person_ids, unit_ids, unit_field="unit_id"
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
    authorships = _subject_filter(
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
    claims = _subject_filter(
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


# ---------------------------------------------------------------------------
# Nominations as the pages see them (scoped at the query: another unit's id is a 404)
# ---------------------------------------------------------------------------
def nominations_visible_to(user) -> QuerySet[Nomination]:
    """Office staff see every nomination; a unit head those their unit (or a unit below) proposes."""
    qs = Nomination.objects.all()
    if is_office_staff(user):
        return qs
    scope = head_scope_ids(user)
    if not scope:
        return qs.none()
    return qs.filter(proposing_unit_id__in=scope)


def nominations_in_status(user, status: str) -> QuerySet[Nomination]:
    """The user's nominations in one state: approved and awaiting a decision (the office),
    returned for more (a unit); the list's ``?status=`` keeps the same rows."""
    return nominations_visible_to(user).filter(status=status)


def calls_closing(day: datetime.date | None = None) -> QuerySet[NominationCall]:
    """Open calls whose deadline is today or ahead, soonest first."""
    day = day or timezone.localdate()
    return NominationCall.objects.filter(active=True, deadline__gte=day).order_by("deadline", "pk")


def rule_sets_unconfirmed() -> QuerySet[RuleSet]:
    """Rule sets still marked as not checked against the text in force."""
    return RuleSet.objects.filter(confirmed=False)


def holidays_unconfirmed() -> QuerySet[Holiday]:
    """Days off entered before the year's holiday schedule was officially announced."""
    return Holiday.objects.filter(confirmed=False)


# ---------------------------------------------------------------------------
# The staff a user may nominate, and the search that picks one of them
# ---------------------------------------------------------------------------
PERSON_SEARCH_MIN_LENGTH = 2
PERSON_SEARCH_LIMIT = 20
PERSON_SEARCH_MAX_LENGTH = 100

# A plain letter typed stands for every accented form of it ("nguyen" finds "Nguyễn"); a letter
# typed with its accent stands for itself ("Lê" finds "Lê", not "Lệ"); case never matters.
_LETTER_FORMS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "dđ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}
_WORD = re.compile(r"\w+")


def name_pattern(word: str) -> str:
    """A regular expression, read alike by PostgreSQL and by Python (SQLite), that finds ``word``
    in a name whatever the accents and the case: one bracket of letters per letter typed.

    Names are stored in NFC (the staff import and forms normalise them), one code point a letter.
    """
    parts = []
    for char in word.lower():
        forms = _LETTER_FORMS.get(char, char)
        letters = "".join(dict.fromkeys(forms + forms.upper()))
        parts.append(f"[{letters}]" if len(letters) > 1 else letters)
    return "".join(parts)


def nominable_people(user) -> QuerySet[Person]:
    """The active staff a user may nominate: the office every unit's, a unit head their unit's
    and its sub-units' (nobody for anyone else)."""
    people = Person.objects.active().select_related("unit")
    if is_office_staff(user):
        return people
    return people.filter(unit_id__in=head_scope_ids(user))


@dataclass
class PersonSearch:
    query: str
    people: list = field(default_factory=list)
    more: bool = False  # more people match than are shown

    @property
    def too_short(self) -> bool:
        return len(self.query) < PERSON_SEARCH_MIN_LENGTH or not _WORD.search(self.query)


def search_nominable_people(user, text: str) -> PersonSearch:
    """At most ``PERSON_SEARCH_LIMIT`` of the staff ``user`` may nominate whose name holds every word typed
    (part of a word is enough, accents and case aside), those whose words begin with the words
    typed first, then by name. One query, whatever the number of staff."""
    query = " ".join(nfc(text).split())[:PERSON_SEARCH_MAX_LENGTH]
    search = PersonSearch(query=query)
    if search.too_short:
        return search
    words = [name_pattern(w) for w in _WORD.findall(query)]
    people = nominable_people(user)
    word_starts = Q()
    for pattern in words:
        people = people.filter(full_name__regex=pattern)
        word_starts &= Q(full_name__regex=f"(^| ){pattern}")
    rows = list(
        people.alias(word_start=Case(When(word_starts, then=Value(0)), default=Value(1)))
        .order_by("word_start", "full_name", "pk")
        .only("full_name", "position", "unit__name")[: PERSON_SEARCH_LIMIT + 1]
    )
    search.people, search.more = rows[:PERSON_SEARCH_LIMIT], len(rows) > PERSON_SEARCH_LIMIT
    return search


def nominations_for_list(user) -> QuerySet[Nomination]:
    """The list's rows with everything a row shows, in a fixed number of queries.

    The file count is a subquery, not a join with GROUP BY: PostgreSQL then counts the files of
    the page's rows only, after sorting and cutting the page, instead of grouping every matching
    nomination joined with its files.
    """
    files = (
        DossierFile.objects.filter(nomination=OuterRef("pk"))
        .order_by()
        .values("nomination")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        nominations_visible_to(user)
        .select_related("person", "person__unit", "unit", "award_type", "proposing_unit")
        .annotate(file_count=Coalesce(Subquery(files, output_field=IntegerField()), 0))
        .order_by("-year", "proposing_unit__order", "proposing_unit__name", "award_type__order", "pk")
    )


# Oldest submission first; a nomination without a submission time (older data) last. PostgreSQL's
# own order for ascending values, so the partial index "awards_nomination_to_verify" serves it.
VERIFY_ORDER = (F("submitted_at").asc(nulls_last=True), "pk")


def nominations_to_verify(
    user, *, due: datetime.date | None = None, overdue: bool = False
) -> QuerySet[Nomination]:
    """The office's queue: submitted nominations, oldest submission first; with ``due``, those
    whose verification is due that day; with ``overdue``, those past it."""
    queue = nominations_for_list(user).filter(status=NominationStatus.SUBMITTED).order_by(*VERIFY_ORDER)
    if due:
        queue = queue.filter(verification_due=due)
    if overdue:
        queue = queue.filter(pk__in=nominations_overdue_for_verification().values("pk"))
    return queue


def nominations_overdue_for_verification(day: datetime.date | None = None) -> QuerySet[Nomination]:
    """Submitted nominations whose verification time limit ended before ``day`` (today)."""
    day = day or timezone.localdate()
    return Nomination.objects.filter(status=NominationStatus.SUBMITTED, verification_due__lt=day)


def working_days_left(nomination: Nomination, day: datetime.date | None = None) -> int | None:
    """Working days from ``day`` (today) to the verification due day: 0 on the day itself,
    negative once overdue; None when the nomination does not wait for verification."""
    if not nomination.awaits_verification:
        return None
    day = day or timezone.localdate()
    due = nomination.verification_due
    low, high = min(day, due), max(day, due)
    return workdays.calendar_from_db(low, high).working_days_between(day, due)


def nomination_for_detail(nomination: Nomination) -> dict:
    """What the detail page shows beside the nomination itself."""
    rule = None
    if nomination.rule_set_id:
        rule = (
            AwardRule.objects.filter(
                rule_set_id=nomination.rule_set_id, award_type_id=nomination.award_type_id
            )
            .prefetch_related("paths")
            .first()
        )
    return {
        "files": list(nomination.files.select_related("uploaded_by", "uploaded_by__person")),
        "events": list(nomination.events.select_related("by", "by__person")),
        "verdict_changes": list(nomination.verdict_changes.select_related("by", "by__person")),
        "rule": rule,
        "claims": list(nomination.claims.select_related("initiative")),
        "proposed_initiatives": list(nomination.proposed_initiatives.all()),
        "comments": list(
            nomination.disclosure_comments.select_related("author", "author__person", "period").order_by(
                "created_at"
            )
        ),
    }


def missing_documents(nomination: Nomination) -> list[str]:
    """Codes of the documents the award type requires that the dossier does not hold yet."""
    present = set(nomination.files.values_list("kind", flat=True))
    return [code for code in nomination.award_type.required_documents or [] if code not in present]


def nomination_registered(nomination: Nomination) -> bool:
    """The nominee was registered for this award in a registration round of the year (sent or
    accepted). Not a condition of the law; many provinces expect it, so the page says so."""
    if nomination.person_id:
        lines = RegistrationIndividualLine.objects.filter(person_id=nomination.person_id)
    else:
        lines = RegistrationCollectiveLine.objects.filter(unit_id=nomination.unit_id)
    return lines.filter(
        award_type_id=nomination.award_type_id,
        registration__round__year=nomination.year,
        registration__status__in=[RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED],
    ).exists()


# ---------------------------------------------------------------------------
# Public disclosure
# ---------------------------------------------------------------------------
def disclosed_nominations(period) -> QuerySet[Nomination]:
    """The nominees published by a disclosure period: those of its year that passed verification."""
    return (
        Nomination.objects.filter(year=period.year, status__in=NOMINATION_VERIFIED_OR_LATER)
        .select_related("person", "person__unit", "unit", "award_type", "proposing_unit")
        .order_by(
            "award_type__order", "award_type__name", "proposing_unit__order", "proposing_unit__name", "pk"
        )
    )


def disclosure_comments(period) -> QuerySet:
    return period.comments.select_related(
        "author", "author__person", "nomination", "nomination__person", "nomination__unit"
    ).order_by("created_at", "pk")


# ---------------------------------------------------------------------------
# Award history pages
# ---------------------------------------------------------------------------
def award_records_of(*, person=None, unit=None, with_predecessors: bool = True) -> QuerySet[AwardRecord]:
    """A person's records wherever they worked, or a unit's — with its predecessors' (mergers,
    splits), each printed under the name it was issued to (``recipient_name``)."""
    qs = AwardRecord.objects.select_related("award_type", "unit")
    if person is not None:
        qs = qs.filter(person=person)
    elif with_predecessors:
        qs = qs.filter(unit_id__in=lineage_unit_ids(unit))
    else:
        qs = qs.filter(unit=unit)
    return qs.order_by("-year", "award_type__order", "pk")


def evaluations_of(*, person=None, unit=None, with_predecessors: bool = True) -> QuerySet[Evaluation]:
    """A person's yearly evaluations, or a unit's with its predecessors', newest first."""
    if person is not None:
        return Evaluation.objects.filter(person=person).order_by("-year", "pk")
    ids = lineage_unit_ids(unit) if with_predecessors else {unit.pk}
    return Evaluation.objects.filter(unit_id__in=ids).select_related("unit").order_by("-year", "pk")


# ---------------------------------------------------------------------------
# Calls for nominations (đợt đề nghị khen thưởng)
# ---------------------------------------------------------------------------
# How long after its deadline a call still shows on the unit heads' pages.
CALL_SHOWN_AFTER_DAYS = 30


def current_calls(day: datetime.date | None = None) -> QuerySet[NominationCall]:
    """Open calls whose deadline is ahead, or passed less than a month ago; soonest first."""
    day = day or timezone.localdate()
    return NominationCall.objects.filter(
        active=True, deadline__gte=day - datetime.timedelta(days=CALL_SHOWN_AFTER_DAYS)
    ).order_by("deadline", "pk")


@dataclass
class UnitCallStatus:
    """Where one unit (with a head) stands in a call: its nominations of the year by state."""

    unit_id: int
    unit_name: str
    heads: list = field(default_factory=list)
    drafts: int = 0
    returned: int = 0
    incomplete: int = 0  # sent, but a document the award requires is missing
    sent: int = 0
    total: int = 0
    nested: bool = False  # a unit above it has a head too, who files for it

    def lagging(self, *, count_empty: bool) -> bool:
        empty = count_empty and not self.total and not self.nested
        return bool(self.drafts or self.returned or self.incomplete or empty)

    def summary(self) -> str:
        parts = []
        if self.drafts:
            parts.append(_("%(n)d đề nghị đang soạn") % {"n": self.drafts})
        if self.returned:
            parts.append(_("%(n)d đề nghị bị trả lại") % {"n": self.returned})
        if self.incomplete:
            parts.append(_("%(n)d đề nghị đã gửi còn thiếu hồ sơ") % {"n": self.incomplete})
        if not self.total:
            parts.append(_("chưa có đề nghị nào"))
        return "; ".join(parts)


def call_unit_status(call: NominationCall, *, within: set[int] | None = None) -> list[UnitCallStatus]:
    """Every active unit that has an active head, with the state of the nominations of the
    call's year that it (or a unit below it) proposes. Seven queries, whatever the numbers.
    ``within`` (unit ids, a head's scope) reads only the nominations those units propose."""
    units = list(Unit.objects.values_list("pk", "parent_id", "name", "order", "active"))
    names = {pk: name for pk, _parent, name, _order, _active in units}
    parents = {pk: parent for pk, parent, _name, _order, _active in units}
    active_ids = [pk for pk, _parent, _name, _order, active in units if active]
    heads = {unit_id: people for unit_id, people in unit_heads(active_ids).items() if people}

    nominations = Nomination.objects.filter(year=call.year).exclude(status=NominationStatus.REJECTED)
    if within is not None:
        nominations = nominations.filter(proposing_unit_id__in=within)
    nominations = list(nominations.values_list("pk", "proposing_unit_id", "status", "award_type_id"))
    sent_ids = [pk for pk, _unit, status, _award in nominations if status == NominationStatus.SUBMITTED]
    kinds = defaultdict(set)
    for nomination_id, kind in DossierFile.objects.filter(nomination_id__in=sent_ids).values_list(
        "nomination_id", "kind"
    ):
        kinds[nomination_id].add(kind)
    required = dict(AwardType.objects.values_list("pk", "required_documents"))

    statuses = {
        unit_id: UnitCallStatus(unit_id=unit_id, unit_name=names.get(unit_id, ""), heads=people)
        for unit_id, people in heads.items()
    }
    for item in statuses.values():
        above, seen = parents.get(item.unit_id), {item.unit_id}
        while above is not None and above not in seen:
            if above in statuses:
                item.nested = True
                break
            seen.add(above)
            above = parents.get(above)
    for pk, proposing_unit_id, status, award_type_id in nominations:
        unit_id, seen = proposing_unit_id, set()
        while unit_id is not None and unit_id not in seen:  # the unit and every unit above it
            seen.add(unit_id)
            item = statuses.get(unit_id)
            if item is not None:
                item.total += 1
                if status == NominationStatus.DRAFT:
                    item.drafts += 1
                elif status == NominationStatus.RETURNED:
                    item.returned += 1
                elif status == NominationStatus.SUBMITTED:
                    item.sent += 1
                    if set(required.get(award_type_id) or []) - kinds[pk]:
                        item.incomplete += 1
            unit_id = parents.get(unit_id)
    order = {pk: (unit_order, name) for pk, _parent, name, unit_order, _active in units}
    return sorted(statuses.values(), key=lambda item: order.get(item.unit_id, (0, "")))


def call_status_for_head(call: NominationCall, user) -> UnitCallStatus | None:
    """The status of the unit the user heads, in a call (None for anyone else)."""
    if not getattr(user, "head_of_unit_id", None):
        return None
    statuses = call_unit_status(call, within=head_scope_ids(user))
    return next((item for item in statuses if item.unit_id == user.head_of_unit_id), None)


def call_lagging_units(call: NominationCall, statuses: list | None = None) -> list[UnitCallStatus]:
    """The units still behind in a call: drafts, returned or incomplete dossiers, and no
    nomination at all when the call asks every unit to file (``remind_units_without_nominations``)."""
    statuses = call_unit_status(call) if statuses is None else statuses
    return [item for item in statuses if item.lagging(count_empty=call.remind_units_without_nominations)]


def call_banners(user) -> list[dict]:
    """The open calls for nominations, each with its days left (``days_over`` once past) and, for
    a unit head whose unit is behind, what the unit still has to do (the call's own rule)."""
    banners = []
    for call in current_calls():
        days_left = call.days_left()
        status = call_status_for_head(call, user)
        lagging = status is not None and status.lagging(count_empty=call.remind_units_without_nominations)
        banners.append(
            {
                "call": call,
                "days_left": days_left,
                "days_over": -days_left,
                "todo": status.summary() if lagging else "",
            }
        )
    return banners
