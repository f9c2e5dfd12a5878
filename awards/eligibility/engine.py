"""The eligibility engine: pure functions over the facts of ``facts.load_facts``.

    check(nomination) -> Verdict
    check_many(nominations) -> {nomination.pk: Verdict}     # constant number of queries

A nomination is judged by the rule set in force on 31 December of its year of achievement,
against its own rule (``AwardRule``): every condition set on the rule must hold, and when the
rule has paths (``AwardRulePath``, "trường hợp") at least one of those that apply to the
nominee must hold. Reasons are Vietnamese sentences that name the missing thing and the year.

Verdicts: ``not_eligible`` when a condition fails; ``flagged`` when nothing fails but something
needs a person (over the quota, no cluster ranking yet, no rule for this award); ``eligible``
otherwise. A failing nomination can still be sent, flagged, by the workflow.
"""

from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from catalog.enums import AchievementKind
from catalog.enums import Subject as AwardSubject
from units import collector

from ..enums import (
    Comparison,
    EligibilityStatus,
    EvaluationLevel,
    InitiativeKindFilter,
    InitiativeScope,
    PathSubject,
    PredecessorYears,
    QuotaScope,
    Rounding,
)
from .facts import PERSON, UNIT, Facts, NominationFact, load_facts, nomination_fact, pick_rule_set

FAIL, FLAG, INFO = "fail", "flag", "info"

# The translations of the reasons' sentences, looked up once per batch: the 30,000 nominations of
# a year on ten provinces ask gettext 270,000 times for a few dozen sentences (2.4 of the 9.5 s
# of CPU of ``bench/eligibility.py`` there went to Django's per-call lookup of the active language).
_batch_translations: ContextVar[dict | None] = ContextVar("eligibility_translations", default=None)


def _(message: str) -> str:
    """``gettext``, remembered for the rest of the batch being judged (one language throughout)."""
    memo = _batch_translations.get()
    if memo is None:
        return gettext(message)
    text = memo.get(message)
    if text is None:
        text = memo[message] = gettext(message)
    return text


@dataclass(frozen=True)
class Reason:
    code: str
    message: str
    severity: str = FAIL

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "severity": self.severity}


@dataclass
class Verdict:
    status: str
    reasons: list[Reason]
    rule_set: object = None
    notes: list[str] = field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]

    @property
    def messages(self) -> list[str]:
        return [r.message for r in self.reasons]

    def reasons_as_json(self) -> list[dict]:
        return [r.as_dict() for r in self.reasons]


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def check(nomination) -> Verdict:
    """Judge one nomination (saved or not)."""
    return _judge_batch([nomination_fact(nomination)])[0]


def check_many(nominations) -> dict[int, Verdict]:
    """Judge a batch of saved nominations with a constant number of queries; keyed by pk."""
    batch = [nomination_fact(n) for n in nominations]
    return {fact.pk: verdict for fact, verdict in zip(batch, _judge_batch(batch), strict=True)}


def _judge_batch(batch: list[NominationFact]) -> list[Verdict]:
    with collector.paused():  # the facts are kept to the end: nothing for the collector to free
        return _judge_all(batch)


def _judge_all(batch: list[NominationFact]) -> list[Verdict]:
    facts = load_facts(batch)
    judged = []
    token = _batch_translations.set({})
    try:
        for fact in batch:
            if fact.person_id and fact.person_unit_id is None:
                fact = replace(fact, person_unit_id=facts.person_units.get(fact.person_id))
            judged.append(judge(fact, facts))
    finally:
        _batch_translations.reset(token)
    return judged


# ---------------------------------------------------------------------------
# Formatting helpers (Vietnamese conventions: "03 năm", "67,5%")
# ---------------------------------------------------------------------------
def two(n: int) -> str:
    return f"{n:02d}"


def percent(value: Decimal) -> str:
    """A share as printed: Decimal('0.675') -> '67,5%'; Decimal('0.7') -> '70%'."""
    pct = (Decimal(value) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{pct:f}".replace(".", ",") + "%"


def ratio_percent(part: int, whole: int) -> str:
    return percent(Decimal(part) / Decimal(whole)) if whole else "0%"


def year_span(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"


def years_text(years) -> str:
    return ", ".join(str(y) for y in sorted(years))


def choice_label(choices, value) -> str:
    """The label of a choice, translated (remembered for the rest of the batch, as ``_``)."""
    memo = _batch_translations.get()
    if memo is None:
        return str(choices(value).label)
    key = (choices, value)
    text = memo.get(key)
    if text is None:
        text = memo[key] = str(choices(value).label)
    return text


def level_label(level) -> str:
    return choice_label(EvaluationLevel, level) if level else ""


def _initiative_noun(kind_filter: str) -> str:
    return {
        InitiativeKindFilter.ANY: _("sáng kiến/đề tài"),
        InitiativeKindFilter.INITIATIVE: _("sáng kiến"),
        InitiativeKindFilter.RESEARCH: _("đề tài, đề án khoa học"),
    }[kind_filter]


def _scope_phrase(scope: str) -> str:
    return {
        InitiativeScope.BASE: _("phạm vi cấp cơ sở trở lên"),
        InitiativeScope.PROVINCE: _("phạm vi cấp tỉnh, Bộ trở lên"),
        InitiativeScope.NATIONAL: _("phạm vi toàn quốc"),
    }[scope]


ROUNDING_MODES = {Rounding.FLOOR: ROUND_FLOOR, Rounding.CEIL: ROUND_CEILING, Rounding.HALF_UP: ROUND_HALF_UP}


def quota_allowance(base: int, share: Decimal, *, rounding: str = Rounding.FLOOR, minimum: int = 1) -> int:
    """How many nominations a quota allows: share × base, rounded as stated, at least ``minimum``
    when the base is not empty; 0 when it is (15% of 40 = 6; of 3 = 1; of 0 = 0)."""
    if base <= 0:
        return 0
    allowed = int((Decimal(share) * base).to_integral_value(rounding=ROUNDING_MODES[rounding]))
    return max(allowed, minimum)


# ---------------------------------------------------------------------------
# The judge
# ---------------------------------------------------------------------------
class _Context:
    """One nomination against its rule, with the facts: the questions the rule asks."""

    def __init__(self, nom: NominationFact, facts: Facts, rule, predecessor_years=PredecessorYears.NONE):
        self.nom = nom
        self.facts = facts
        self.rule = rule
        self.year = nom.year
        self.subject = nom.subject
        self.notes: list[str] = []
        self.predecessor_years = predecessor_years
        self.used_predecessors: dict[int, set[int]] = {}  # year -> predecessor units whose facts were read
        excluded = set()
        if rule is not None and rule.excludes_thematic:
            excluded.add(AchievementKind.THEMATIC)
        if rule is not None and rule.excludes_ad_hoc:
            excluded.add(AchievementKind.AD_HOC)
        self.excluded_kinds = frozenset(excluded)

    def award_name(self, award_type_id) -> str:
        award = self.facts.award_types.get(award_type_id)
        return award.name if award else "?"

    def predecessors_for(self, subject, year) -> list[int]:
        """The predecessor units whose year may stand in for the nominated collective's own (the
        rule set's setting): the main chain's, or any predecessor's, that still ran in that year."""
        if subject != self.subject or subject[0] != UNIT or self.predecessor_years == PredecessorYears.NONE:
            return []
        return [
            p.unit_id
            for p in self.facts.lineage.get(subject[1], ())
            if (p.last_year is None or year <= p.last_year)
            and (p.main or self.predecessor_years == PredecessorYears.ANY)
        ]

    def _used(self, year, unit_id) -> None:
        self.used_predecessors.setdefault(year, set()).add(unit_id)

    def evaluation(self, subject, year):
        """The subject's level in a year; for a successor collective without its own, the best
        level of the predecessors the rule set lets count (and which one is remembered)."""
        own = self.facts.evaluations.get(subject, {}).get(year)
        if own is not None:
            return own
        best = None
        for unit_id in self.predecessors_for(subject, year):
            level = self.facts.evaluations.get((UNIT, unit_id), {}).get(year)
            if level is not None and (best is None or EvaluationLevel.at_least(level, best[1])):
                best = (unit_id, level)
        if best is None:
            return None
        self._used(year, best[0])
        return best[1]

    def _has_record(self, subject, award_type_id, year) -> bool:
        kinds = self.facts.record_kinds(subject).get((award_type_id, year))
        return bool(kinds) and not kinds <= self.excluded_kinds

    def holds(self, subject, award_type_id, year, *, same_round: bool, note: bool = False) -> bool:
        """The subject holds the title for the year: a record, or (for the year being judged)
        a standing nomination of the same round. Excluded kinds (thematic, ad hoc) never count.
        A successor collective also holds what a predecessor the rule set counts held."""
        if self._has_record(subject, award_type_id, year):
            return True
        for unit_id in self.predecessors_for(subject, year):
            if self._has_record((UNIT, unit_id), award_type_id, year):
                self._used(year, unit_id)
                return True
        if same_round and year == self.year:
            for other in self.facts.nominations_by_subject.get(subject, ()):
                if (
                    other.award_type_id == award_type_id
                    and other.year == year
                    and other.pk != self.nom.pk
                    and other.achievement_kind not in self.excluded_kinds
                ):
                    if note:
                        self.notes.append(
                            _("Dựa trên đề nghị %(award)s năm %(year)s trong cùng đợt.")
                            % {"award": self.award_name(award_type_id), "year": year}
                        )
                    return True
        return False


def judge(nom: NominationFact, facts: Facts) -> Verdict:
    rule_set = pick_rule_set(facts.rule_sets, nom.year)
    if rule_set is None:
        return _verdict(
            [
                Reason(
                    "no_rule_set",
                    _("Chưa có bộ quy tắc nào có hiệu lực cho năm %(year)s.") % {"year": nom.year},
                    FLAG,
                )
            ],
            None,
        )
    award = facts.award_types.get(nom.award_type_id)
    mismatch = _subject_mismatch(nom, award)
    if mismatch:
        return _verdict([mismatch], rule_set)

    rule = facts.rule_for(rule_set, nom.award_type_id)
    if rule is None:
        reason = Reason(
            "no_rule",
            _("Bộ quy tắc “%(rule_set)s” chưa có tiêu chuẩn cho %(award)s; Thường trực xem xét trực tiếp.")
            % {"rule_set": rule_set.name, "award": award.name},
            FLAG,
        )
        return _verdict([reason], rule_set)

    ctx = _Context(nom, facts, rule, rule_set.predecessor_years)
    reasons: list[Reason] = []
    reasons += _check_own_evaluation(ctx)
    reasons += _check_same_year_title(ctx)
    reasons += _check_cluster_ranking(ctx)
    if nom.unit_id:
        reasons += _check_members(ctx)
    reasons += _check_paths(ctx)
    if any(r.severity == FAIL for r in reasons):
        reasons += _explain_excluded(ctx)
    reasons += _check_quota(ctx, failed=any(r.severity == FAIL for r in reasons))

    reasons += _predecessor_years_used(ctx, confirmed=rule_set.confirmed)
    notes = list(dict.fromkeys(ctx.notes))
    if not rule_set.confirmed or not rule.criteria_confirmed:
        notes.append(
            _("Tiêu chuẩn của %(award)s trong bộ quy tắc này chưa được xác nhận với văn bản chính thức.")
            % {"award": award.name}
        )
    return _verdict(reasons, rule_set, notes)


def _predecessor_years_used(ctx: _Context, *, confirmed: bool) -> list[Reason]:
    """Say whose years were read for a successor collective: "năm 2023, 2024: Trung tâm Y tế
    huyện X (đơn vị tiền thân)" — information, never a failure."""
    if not ctx.used_predecessors:
        return []
    by_unit: dict[int, list[int]] = {}
    for year, unit_ids in ctx.used_predecessors.items():
        for unit_id in unit_ids:
            by_unit.setdefault(unit_id, []).append(year)
    parts = [
        _("năm %(years)s: %(unit)s (đơn vị tiền thân)")
        % {
            "years": ", ".join(str(y) for y in sorted(years)),
            "unit": ctx.facts.unit_name_in(unit_id, max(years)),
        }
        for unit_id, years in sorted(by_unit.items(), key=lambda item: min(item[1]))
    ]
    rule = {
        PredecessorYears.MAIN: _("tính chuỗi năm của đơn vị tiền thân chính"),
        PredecessorYears.ANY: _("tính năm của bất kỳ đơn vị tiền thân nào"),
    }.get(ctx.predecessor_years, "")
    # The law is silent on mergers: the rule is the rule set's, and says so until the office confirms it.
    text = (
        _("Căn cứ năm của đơn vị tiền thân (bộ quy tắc %(rule)s): %(parts)s.")
        if confirmed
        else _("Căn cứ năm của đơn vị tiền thân (bộ quy tắc %(rule)s, chưa xác nhận với văn bản): %(parts)s.")
    )
    return [Reason("predecessor_years", text % {"rule": rule, "parts": "; ".join(parts)}, INFO)]


def _verdict(reasons, rule_set, notes=None) -> Verdict:
    if any(r.severity == FAIL for r in reasons):
        status = EligibilityStatus.NOT_ELIGIBLE
    elif any(r.severity == FLAG for r in reasons):
        status = EligibilityStatus.FLAGGED
    else:
        status = EligibilityStatus.ELIGIBLE
    return Verdict(status=str(status), reasons=reasons, rule_set=rule_set, notes=notes or [])


def _subject_mismatch(nom: NominationFact, award) -> Reason | None:
    if award is None:
        return Reason("unknown_award", _("Danh hiệu/hình thức khen thưởng không có trong danh mục."))
    if nom.person_id and award.subject == AwardSubject.COLLECTIVE:
        return Reason(
            "subject_mismatch",
            _("%(award)s chỉ xét tặng cho tập thể, không xét cho cá nhân.") % {"award": award.name},
        )
    if nom.unit_id and award.subject == AwardSubject.INDIVIDUAL:
        return Reason(
            "subject_mismatch",
            _("%(award)s chỉ xét tặng cho cá nhân, không xét cho tập thể.") % {"award": award.name},
        )
    return None


# --- the nominee in the year ---------------------------------------------------------------
def _evaluation_reason(ctx: _Context, subject, year, minimum, *, code="evaluation_below") -> Reason | None:
    level = ctx.evaluation(subject, year)
    whose = _("của tập thể ") if subject[0] == UNIT else ""
    if level is None:
        return Reason(
            "evaluation_missing",
            _("Chưa có kết quả đánh giá, xếp loại %(whose)snăm %(year)s (cần từ %(minimum)s trở lên).")
            % {"whose": whose, "year": year, "minimum": level_label(minimum)},
        )
    if not EvaluationLevel.at_least(level, minimum):
        return Reason(
            code,
            _("Đánh giá %(whose)snăm %(year)s là %(level)s, dưới mức %(minimum)s")
            % {"whose": whose, "year": year, "level": level_label(level), "minimum": level_label(minimum)},
        )
    return None


def _check_own_evaluation(ctx: _Context) -> list[Reason]:
    if not ctx.rule.min_evaluation:
        return []
    reason = _evaluation_reason(ctx, ctx.subject, ctx.year, ctx.rule.min_evaluation)
    return [reason] if reason else []


def _check_same_year_title(ctx: _Context) -> list[Reason]:
    title_id = ctx.rule.requires_same_year_title_id
    if not title_id or ctx.holds(ctx.subject, title_id, ctx.year, same_round=True, note=True):
        return []
    return [
        Reason(
            "same_year_title_missing",
            _("Thiếu danh hiệu %(title)s năm %(year)s")
            % {"title": ctx.award_name(title_id), "year": ctx.year},
        )
    ]


def _check_cluster_ranking(ctx: _Context) -> list[Reason]:
    if not ctx.rule.requires_cluster_ranking:
        return []
    if ctx.nom.leads_cluster is None:
        return [
            Reason(
                "cluster_ranking_needed",
                _(
                    "Cần kết quả xếp hạng cụm/khối thi đua năm %(year)s (biên bản họp cụm/khối): "
                    "tập thể phải dẫn đầu cụm/khối hoặc phong trào thi đua theo chuyên đề."
                )
                % {"year": ctx.year},
                FLAG,
            )
        ]
    if ctx.nom.leads_cluster is False:
        return [
            Reason(
                "cluster_not_leading",
                _("Tập thể không dẫn đầu cụm/khối thi đua năm %(year)s.") % {"year": ctx.year},
            )
        ]
    return []


# --- collectives -----------------------------------------------------------------------------
def _check_members(ctx: _Context) -> list[Reason]:
    rule, year = ctx.rule, ctx.year
    wants = rule.member_min_evaluation or rule.share_title_id or rule.member_required_title_id
    if not wants:
        return []
    members = ctx.facts.members_of(ctx.nom.unit_id)
    total = len(members)
    if total == 0:
        return [
            Reason(
                "no_members",
                _("Tập thể chưa có danh sách thành viên đang công tác để tính tỷ lệ năm %(year)s.")
                % {"year": year},
            )
        ]
    reasons = []
    if rule.member_min_evaluation:
        levels = [ctx.evaluation((PERSON, p), year) for p in members]
        reached = sum(
            1 for level in levels if level and EvaluationLevel.at_least(level, rule.member_min_evaluation)
        )
        missing = sum(1 for level in levels if level is None)
        need = (
            rule.member_min_evaluation_share if rule.member_min_evaluation_share is not None else Decimal(1)
        )
        if Decimal(reached) < need * total:
            message = _(
                "Cần %(need)s thành viên đạt từ %(level)s trở lên năm %(year)s; "
                "đạt %(reached)s/%(total)s (%(pct)s)"
            ) % {
                "need": percent(need),
                "level": level_label(rule.member_min_evaluation),
                "year": year,
                "reached": reached,
                "total": total,
                "pct": ratio_percent(reached, total),
            }
            if missing:
                message += _("; %(n)s người chưa có kết quả đánh giá") % {"n": missing}
            reasons.append(Reason("member_evaluation_share", message))
    if rule.share_title_id:
        holders = sum(
            1 for p in members if ctx.holds((PERSON, p), rule.share_title_id, year, same_round=True)
        )
        need = rule.share_title_min
        strict = rule.share_title_comparison == Comparison.GT
        ok = Decimal(holders) > need * total if strict else Decimal(holders) >= need * total
        if not ok:
            values = {
                "title": ctx.award_name(rule.share_title_id),
                "pct": ratio_percent(holders, total),
                "holders": holders,
                "total": total,
                "need": percent(need),
            }
            if strict:
                message = _("Tỷ lệ %(title)s %(pct)s (%(holders)s/%(total)s), cần trên %(need)s") % values
            else:
                message = _("Tỷ lệ %(title)s %(pct)s (%(holders)s/%(total)s) dưới mức %(need)s") % values
            reasons.append(Reason("member_title_share", message))
    if rule.member_required_title_id:
        holders = sum(
            1 for p in members if ctx.holds((PERSON, p), rule.member_required_title_id, year, same_round=True)
        )
        if holders < rule.member_required_count:
            title = ctx.award_name(rule.member_required_title_id)
            if holders == 0:
                message = _("Không có thành viên đạt %(title)s năm %(year)s") % {"title": title, "year": year}
            else:
                message = _(
                    "Cần ít nhất %(need)s thành viên đạt %(title)s năm %(year)s; hiện có %(have)s"
                ) % {
                    "need": two(rule.member_required_count),
                    "title": title,
                    "year": year,
                    "have": holders,
                }
            reasons.append(Reason("member_title_missing", message))
    return reasons


# --- alternative paths -------------------------------------------------------------------------
def _path_applies(path, nom: NominationFact) -> bool:
    if path.applies_to == PathSubject.INDIVIDUAL:
        return bool(nom.person_id)
    if path.applies_to == PathSubject.COLLECTIVE:
        return bool(nom.unit_id)
    return True


def describe_path(path, year: int, award_name, prior=None) -> str:
    """What a path asks for, in words: '02 năm liên tục đạt Chiến sĩ thi đua cơ sở và ...'."""
    parts = []
    if path.evaluation_level:
        if path.evaluation_years == 1:
            parts.append(
                _("%(level)s năm %(year)s") % {"level": level_label(path.evaluation_level), "year": year}
            )
        else:
            parts.append(
                _("%(n)s năm liên tục %(level)s")
                % {"n": two(path.evaluation_years), "level": level_label(path.evaluation_level)}
            )
    if path.title_id:
        if path.title_count == 1:
            parts.append(_("đạt %(title)s năm %(year)s") % {"title": award_name(path.title_id), "year": year})
        elif path.title_interval == 1:
            parts.append(
                _("%(n)s năm liên tục đạt %(title)s")
                % {"n": two(path.title_count), "title": award_name(path.title_id)}
            )
        else:
            parts.append(
                _("%(n)s lần liên tục đạt %(title)s")
                % {"n": two(path.title_count), "title": award_name(path.title_id)}
            )
    if prior is None:
        prior = list(path.prior_award_types.all())
    if prior:
        parts.append(_("đã có %(awards)s") % {"awards": _(" hoặc ").join(a.name for a in prior)})
    if path.initiative_count:
        parts.append(
            _("%(n)s %(noun)s %(scope)s")
            % {
                "n": two(path.initiative_count),
                "noun": _initiative_noun(path.initiative_kind),
                "scope": _scope_phrase(path.initiative_scope),
            }
        )
    return _(" và ").join(parts) or path.label or "—"


def _describe(ctx: _Context, path) -> str:
    return describe_path(path, ctx.year, ctx.award_name, ctx.facts.prior_types(path))


def _check_path(ctx: _Context, path) -> list[Reason]:
    """The reasons a path fails (empty: it holds)."""
    year, reasons = ctx.year, []

    if path.evaluation_level:
        first = year - path.evaluation_years + 1
        if path.evaluation_years == 1:
            reason = _evaluation_reason(ctx, ctx.subject, year, path.evaluation_level)
            if reason:
                reasons.append(reason)
        else:
            gaps = []
            for y in range(first, year + 1):
                level = ctx.evaluation(ctx.subject, y)
                if level is None:
                    gaps.append(_("năm %(year)s chưa có kết quả đánh giá") % {"year": y})
                elif not EvaluationLevel.at_least(level, path.evaluation_level):
                    gaps.append(_("năm %(year)s là %(level)s") % {"year": y, "level": level_label(level)})
            if gaps:
                reasons.append(
                    Reason(
                        "consecutive_evaluation_broken",
                        _("Cần %(n)s năm liên tục %(level)s (%(span)s); %(gaps)s")
                        % {
                            "n": two(path.evaluation_years),
                            "level": level_label(path.evaluation_level),
                            "span": year_span(first, year),
                            "gaps": "; ".join(gaps),
                        },
                    )
                )

    if path.title_id:
        years = [year - k * path.title_interval for k in range(path.title_count)]
        missing = [
            y for y in years if not ctx.holds(ctx.subject, path.title_id, y, same_round=True, note=True)
        ]
        if missing:
            title = ctx.award_name(path.title_id)
            if path.title_count == 1:
                message = _("Thiếu danh hiệu %(title)s năm %(year)s") % {"title": title, "year": year}
            else:
                if path.title_interval == 1:
                    head = _("Cần %(n)s năm liên tục đạt %(title)s (%(span)s)") % {
                        "n": two(path.title_count),
                        "title": title,
                        "span": year_span(min(years), year),
                    }
                else:
                    head = _("Cần %(n)s lần liên tục đạt %(title)s (các năm %(years)s)") % {
                        "n": two(path.title_count),
                        "title": title,
                        "years": years_text(years),
                    }
                if len(missing) == len(years):
                    tail = _("chưa đạt năm nào")
                else:
                    tail = _("chuỗi bị gián đoạn năm %(years)s") % {"years": years_text(missing)}
                message = f"{head}; {tail}"
            reasons.append(Reason("consecutive_title_broken", message))

    prior = ctx.facts.prior_types(path)
    if prior:
        latest = year - path.prior_award_years_before
        prior_ids = {a.pk for a in prior}
        held = any(
            r.award_type_id in prior_ids and r.year <= latest and r.achievement_kind not in ctx.excluded_kinds
            for r in ctx.facts.records.get(ctx.subject, ())
        )
        if not held:
            reasons.append(
                Reason(
                    "prior_award_missing",
                    _("Cần đã có %(awards)s từ năm %(latest)s trở về trước")
                    % {"awards": _(" hoặc ").join(a.name for a in prior), "latest": latest},
                )
            )

    if path.initiative_count:
        reasons += _check_initiatives(ctx, path)
    return reasons


def _check_initiatives(ctx: _Context, path) -> list[Reason]:
    year = ctx.year
    first = year - path.initiative_years + 1
    usable, taken = [], []
    if ctx.nom.person_id:
        for item in ctx.facts.initiatives.get(ctx.nom.person_id, ()):
            if not (
                first <= item.year <= year and InitiativeScope.at_least(item.scope, path.initiative_scope)
            ):
                continue
            if path.initiative_kind != InitiativeKindFilter.ANY and item.kind != path.initiative_kind:
                continue
            claim = ctx.facts.claims.get((item.pk, ctx.nom.person_id))
            if claim is not None and claim.nomination_id != ctx.nom.pk:
                taken.append((item, claim))
            else:
                usable.append(item)
    if len(usable) >= path.initiative_count:
        ctx.notes.append(
            _("Căn cứ %(noun)s: %(titles)s.")
            % {
                "noun": _initiative_noun(path.initiative_kind),
                "titles": "; ".join(f"“{i.title}”" for i in usable),
            }
        )
        return []
    span = year_span(first, year)
    message = _("Cần %(n)s %(noun)s %(scope)s trong năm %(span)s; hiện có %(have)s") % {
        "n": two(path.initiative_count),
        "noun": _initiative_noun(path.initiative_kind),
        "scope": _scope_phrase(path.initiative_scope),
        "span": span,
        "have": len(usable),
    }
    for item, claim in taken:
        message += _(" (không tính “%(title)s”: đã dùng làm căn cứ cho đề nghị %(award)s năm %(year)s)") % {
            "title": item.title,
            "award": ctx.award_name(claim.award_type_id),
            "year": claim.year,
        }
    return [Reason("initiative_missing", message)]


def _check_paths(ctx: _Context) -> list[Reason]:
    all_paths = ctx.facts.paths_of(ctx.rule)
    paths = [p for p in all_paths if _path_applies(p, ctx.nom)]
    if not paths:
        if not all_paths:
            return []
        whom = _("tập thể") if ctx.nom.unit_id else _("cá nhân")
        return [
            Reason(
                "no_path_for_subject",
                _("Chưa có tiêu chuẩn kiểm tra tự động cho %(whom)s đối với %(award)s; Thường trực xem xét.")
                % {"whom": whom, "award": ctx.award_name(ctx.nom.award_type_id)},
                FLAG,
            )
        ]
    failures = []
    for path in paths:
        reasons = _check_path(ctx, path)
        if not reasons:
            if not path.confirmed:
                ctx.notes.append(
                    _("Trường hợp “%(path)s” chưa được xác nhận với văn bản chính thức.")
                    % {"path": path.label or _describe(ctx, path)}
                )
            return []
        failures.append((path, reasons))
    if len(failures) == 1:
        return failures[0][1]
    parts = [
        f"({i}) {_describe(ctx, path)} — " + "; ".join(r.message for r in reasons)
        for i, (path, reasons) in enumerate(failures, start=1)
    ]
    return [Reason("no_path_met", _("Chưa đáp ứng trường hợp nào: %(parts)s") % {"parts": "; ".join(parts)})]


def _explain_excluded(ctx: _Context) -> list[Reason]:
    """Name the thematic / ad-hoc awards that were left out of the count (NĐ 152/2025)."""
    if not ctx.excluded_kinds:
        return []
    spans = [p.lookback_years for p in ctx.facts.paths_of(ctx.rule)] or [0]
    first = ctx.year - max(spans)
    left_out = [
        r
        for r in ctx.facts.records.get(ctx.subject, ())
        if r.achievement_kind in ctx.excluded_kinds and first <= r.year <= ctx.year
    ]
    if not left_out:
        return []
    items = ", ".join(
        f"{r.name or ctx.award_name(r.award_type_id)} năm {r.year} "
        f"({choice_label(AchievementKind, r.achievement_kind).lower()})"
        for r in sorted(left_out, key=lambda r: r.year)
    )
    return [
        Reason(
            "excluded_achievement",
            _(
                "Khen thưởng theo chuyên đề/đột xuất không được tính làm căn cứ đề nghị khen thưởng cao hơn: "
                "%(items)s"
            )
            % {"items": items},
        )
    ]


# --- quota -----------------------------------------------------------------------------------
def _check_quota(ctx: _Context, *, failed: bool = False) -> list[Reason]:
    """Over the quota → flagged. The filing order decides who is over: the first ``allowed``
    standing nominations in the scope are within it. An empty base is only worth saying when
    nothing else already fails (the nominee then lacks the base title itself)."""
    rule, nom, facts = ctx.rule, ctx.nom, ctx.facts
    if not rule.has_quota:
        return []
    if rule.quota_scope == QuotaScope.UNIT:
        scope_unit_id, everywhere = nom.proposing_unit_id, False
        where = _("của %(unit)s") % {"unit": facts.unit_names.get(nom.proposing_unit_id, "")}
    else:
        scope_unit_id, everywhere = None, True
        where = _("toàn Sở")

    base = facts.quota_base(rule.quota_base_title_id, nom.year, scope_unit_id, everywhere=everywhere)
    allowed = quota_allowance(
        base, rule.quota_share, rounding=rule.quota_rounding, minimum=rule.quota_minimum
    )
    base_title = ctx.award_name(rule.quota_base_title_id)
    share = percent(rule.quota_share)
    if base == 0:
        if failed:
            return []
        return [
            Reason(
                "quota_no_base",
                _(
                    "Không tính được tỷ lệ %(share)s: %(where)s chưa có %(title)s năm %(year)s "
                    "(đã tặng hoặc đang đề nghị)"
                )
                % {"share": share, "where": where, "title": base_title, "year": nom.year},
                FLAG,
            )
        ]
    position = facts.filing_position(nom, scope_unit_id, everywhere=everywhere)
    if position <= allowed:
        return []
    rounding = choice_label(Rounding, rule.quota_rounding)
    if rule.quota_minimum:
        rounding += _(", tối thiểu %(n)s") % {"n": rule.quota_minimum}
    return [
        Reason(
            "quota_exceeded",
            _(
                "Vượt tỷ lệ %(share)s: %(share)s của %(base)s %(title)s là %(allowed)s (%(rounding)s); "
                "đây là đề nghị thứ %(position)s"
            )
            % {
                "share": share,
                "base": base,
                "title": base_title,
                "allowed": allowed,
                "rounding": rounding,
                "position": position,
            },
            FLAG,
        )
    ]
