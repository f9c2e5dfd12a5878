"""Reads of the awards app as the pages see them.

The facts the eligibility engine judges are read by ``awards.eligibility.facts``.
"""

import datetime
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
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
from catalog.enums import DocumentKind
from catalog.models import AwardType
from units.models import Person, Unit
from units.rules import head_scope_ids, is_office_staff
from units.selectors import lineage_unit_ids, unit_heads
from units.vn import nfc

from . import workdays
from .enums import (
    NOMINATION_EDITABLE,
    NOMINATION_FINAL,
    NOMINATION_VERIFIED_OR_LATER,
    CommentStatus,
    EligibilityStatus,
    NominationStatus,
)
from .models import (
    AwardRecord,
    AwardRule,
    DisclosureComment,
    DisclosurePeriod,
    DossierFile,
    Evaluation,
    Holiday,
    Nomination,
    NominationCall,
    RuleSet,
)


# ---------------------------------------------------------------------------
# Rule sets
# ---------------------------------------------------------------------------
def rule_set_for_year(year: int) -> RuleSet | None:
    return RuleSet.objects.in_force_on(RuleSet.judging_day(year)).order_by("-effective_from", "-pk").first()


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


def calls_visible_to(user) -> QuerySet[NominationCall]:
    """The calls for nominations as the office's pages list them; the office's alone."""
    qs = NominationCall.objects.order_by("-year", "-deadline", "-pk")
    return qs if is_office_staff(user) else qs.none()


def disclosure_periods_visible_to(user) -> QuerySet[DisclosurePeriod]:
    """The disclosure periods (công khai): every logged-in user reads and comments on them."""
    qs = DisclosurePeriod.objects.order_by("-year", "-opens", "-pk")
    return qs if user.is_authenticated else qs.none()


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


# ---------------------------------------------------------------------------
# Verdicts that became "not eligible" after the nomination was sent
# ---------------------------------------------------------------------------
# The verdicts a nomination may have been sent with for its lapse to count: one sent already
# failing was sent so knowingly, and the office decides on it as before.
LAPSE_FROM = (EligibilityStatus.ELIGIBLE, EligibilityStatus.FLAGGED)


def _may_have_lapsed() -> Q:
    """Sent, still open, and "not eligible" now (the partial index ``awards_nomination_may_lapse``
    holds these rows)."""
    return Q(eligibility=EligibilityStatus.NOT_ELIGIBLE) & ~Q(
        status__in=[*NOMINATION_EDITABLE, *NOMINATION_FINAL]
    )


def _lapsed() -> Q:
    """…and sent "eligible" or "to be reviewed": the verdict of its last SUBMITTED event, as the
    workflow's re-check reads it (``awards.services.nominations_recheck_for_step``), else the one
    before its first change after submission, kept on the nomination
    (``Nomination.eligibility_when_sent``) by the services that write those rows."""
    return _may_have_lapsed() & Q(eligibility_when_sent__in=LAPSE_FROM)


@functools.cache
def _lapsed_at() -> Case:
    """The expression of ``verdict_lapsed_at``, built once per process."""
    return Case(
        When(_lapsed(), then=Coalesce(F("not_eligible_since"), F("eligibility_checked_at"), F("updated_at"))),
        default=Value(None),
        output_field=DateTimeField(),
    )


def with_verdict_lapse(queryset: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """Annotate each nomination with ``verdict_lapsed_at``: when its verdict became "not
    eligible" after it was sent "eligible" or "to be reviewed" (the last recorded change to "not
    eligible", ``Nomination.not_eligible_since``, else the time of the verdict), for a nomination
    still open; None for the others.

    Columns of the row, no subquery: compiling the three subqueries this read before cost the
    nomination list about 3.5 ms of CPU per request."""
    if "verdict_lapsed_at" in queryset.query.annotations:
        return queryset
    return queryset.annotate(verdict_lapsed_at=_lapsed_at())


def verdict_lapsed(queryset: QuerySet[Nomination], lapsed: bool = True) -> QuerySet[Nomination]:
    """The nominations of ``queryset`` whose verdict lapsed since they were sent (or, with
    ``lapsed=False``, the others)."""
    return queryset.filter(_lapsed()) if lapsed else queryset.exclude(_lapsed())


def lapsed_verdict_count(user, *, status: str | None = None) -> int:
    """How many of the nominations ``user`` sees (of ``status``) have a verdict that lapsed since
    they were sent. One query."""
    nominations = nominations_visible_to(user)
    if status:
        nominations = nominations.filter(status=status)
    return verdict_lapsed(nominations).order_by().count()


# The columns a row of the nomination list shows (``awards/includes/nomination_rows.html``):
# ``.only()`` of them reads a fifth of the five joined tables' columns.
NOMINATION_ROW_FIELDS = (
    "year",
    "status",
    "eligibility",
    "verification_due",
    "person__full_name",
    "person__position",
    "person__unit__name",
    "unit__name",
    "award_type__name",
    "proposing_unit__name",
)


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
    return with_verdict_lapse(
        nominations_visible_to(user)
        .select_related("person", "person__unit", "unit", "award_type", "proposing_unit")
        .annotate(file_count=Coalesce(Subquery(files, output_field=IntegerField()), 0))
        .order_by("-year", "proposing_unit__order", "proposing_unit__name", "award_type__order", "pk")
    )


# Oldest submission first; a nomination without a submission time (older data) last. PostgreSQL's
# own order for ascending values, so the partial index "awards_nomination_to_verify" serves it.
VERIFY_ORDER = (F("submitted_at").asc(nulls_last=True), "pk")


def nominations_to_verify(
    user, *, due: datetime.date | None = None, overdue: bool = False, lapsed: bool = False
) -> QuerySet[Nomination]:
    """The office's queue: submitted nominations, oldest submission first; with ``due``, those
    whose verification is due that day; with ``overdue``, those past it; with ``lapsed``, those
    whose verdict became "not eligible" since they were sent."""
    queue = nominations_for_list(user).filter(status=NominationStatus.SUBMITTED).order_by(*VERIFY_ORDER)
    if due:
        queue = queue.filter(verification_due=due)
    if overdue:
        queue = queue.filter(pk__in=nominations_overdue_for_verification().values("pk"))
    if lapsed:
        queue = verdict_lapsed(queue)
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


def nomination_for_detail(nomination: Nomination, *, user=None) -> dict:
    """What the detail page shows beside the nomination itself; the disclosure comments are those
    ``user`` may read (``disclosure_comments_readable_by``)."""
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
            disclosure_comments_readable_by(
                user,
                nomination.disclosure_comments.select_related(
                    "author", "author__person", "period", "moderated_by", "moderated_by__person"
                ).order_by("created_at", "pk"),
            )
        ),
    }


def missing_documents(nomination: Nomination) -> list[str]:
    """Codes of the documents the award type requires that the dossier does not hold yet."""
    present = set(nomination.files.values_list("kind", flat=True))
    return [code for code in nomination.award_type.required_documents or [] if code not in present]


@dataclass(frozen=True)
class ChecklistLine:
    """One document an award requires, and how many files of that kind the dossier holds."""

    code: str
    label: str
    count: int

    @property
    def present(self) -> bool:
        return self.count > 0


def dossier_checklist(nomination: Nomination) -> list[ChecklistLine]:
    """The documents the award type requires (the catalog's ``required_documents``, in its order),
    each ticked when the dossier holds a file of that kind: one query."""
    counts = dict(nomination.files.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    labels = dict(DocumentKind.choices)
    return [
        ChecklistLine(code, labels.get(code, code), counts.get(code, 0))
        for code in nomination.award_type.required_documents or []
    ]


def next_missing_document(checklist: list[ChecklistLine]) -> str | None:
    """The first required document the dossier does not hold yet: the kind an upload starts on."""
    return next((line.code for line in checklist if not line.present), None)


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


def disclosure_comments_readable_by(user, comments: QuerySet) -> QuerySet:
    """Of ``comments``, those ``user`` reads as a reader: every one, whatever its state, for the
    office (which moderates them); the accepted ones for any other reader of
    ``awards.read_disclosure_comments`` (a council member), and for no user at all (a document
    made for the council); none for anyone else (an author sees their own through
    ``disclosure_comments_of_author``)."""
    if user is not None and is_office_staff(user):
        return comments
    if user is None or user.has_perm("awards.read_disclosure_comments"):
        return comments.filter(status=CommentStatus.ACCEPTED)
    return comments.none()


def _comments_for_display(comments: QuerySet) -> QuerySet:
    return comments.select_related(
        "author",
        "author__person",
        "nomination",
        "nomination__person",
        "nomination__unit",
        "moderated_by",
        "moderated_by__person",
    ).order_by("created_at", "pk")


def disclosure_comments(period, *, user=None) -> QuerySet:
    """The comments on a period that ``user`` may read (``disclosure_comments_readable_by``)."""
    return disclosure_comments_readable_by(user, _comments_for_display(period.comments.all()))


def disclosure_comments_pending(period) -> QuerySet:
    """The office's moderation queue of a period: the comments nobody has accepted or rejected yet,
    oldest first."""
    return _comments_for_display(period.comments.filter(status=CommentStatus.PENDING))


def disclosure_comments_of_author(period, user) -> QuerySet:
    """What ``user`` sent on a period, each with its state (pending, accepted, or rejected and why)."""
    if not getattr(user, "pk", None):
        return DisclosureComment.objects.none()
    return _comments_for_display(period.comments.filter(author=user))


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
