"""Verdicts as they are stored: the engine's verdict, each reason with its legal basis, and the
facts it was judged from.

    judge(nominations) -> [Judged]          # constant number of queries, whatever the count

The engine (``awards.eligibility.engine``) decides; this module wraps it, never changes its reasoning:

- every reason names its legal basis from the rule set's data: the rule's ``quota_legal_basis``
  for the quota (tỷ lệ), the rule's ``legal_basis`` for its criteria, the rule set's documents
  when no rule applies;
- the verdict records the facts it read: the ids of the award records, evaluations and
  initiatives of the nominee (and, for a collective, of its members) in the years the rule looks
  back over, and the version of the rule (a digest of its values and paths), with a SHA-256
  fingerprint of the whole. Two verdicts with the same fingerprint were judged from the same facts.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

from django.forms.models import model_to_dict

from ..models import AwardRecord, Evaluation, InitiativeAuthor, Nomination
from . import engine
from . import facts as reads
from .facts import NominationFact, nomination_fact

QUOTA_CODES = frozenset({"quota_exceeded", "quota_no_base"})
NO_RULE_CODES = frozenset({"no_rule_set", "no_rule", "unknown_award"})


@dataclass
class Judged:
    verdict: engine.Verdict
    reasons: list[dict]  # the engine's reasons, each with "basis"
    facts: dict  # records, evaluations, initiatives (ids), rule_set, rule (version), fingerprint

    @property
    def status(self) -> str:
        return self.verdict.status


# ---------------------------------------------------------------------------
# Legal basis of each reason
# ---------------------------------------------------------------------------
def rule_of(verdict: engine.Verdict, award_type_id: int):
    """The rule of the award in the verdict's rule set (prefetched: no query)."""
    if verdict.rule_set is None:
        return None
    return next((r for r in verdict.rule_set.rules.all() if r.award_type_id == award_type_id), None)


def basis_of(code: str, rule, rule_set) -> str:
    """The legal basis a reason cites: the quota's for the quota, the rule's for its criteria."""
    if rule is not None and code in QUOTA_CODES:
        return rule.quota_legal_basis or rule.legal_basis
    if rule is not None and code not in NO_RULE_CODES:
        return rule.legal_basis
    return rule_set.legal_source if rule_set is not None and code != "no_rule_set" else ""


def cited_reasons(verdict: engine.Verdict, award_type_id: int) -> list[dict]:
    rule = rule_of(verdict, award_type_id)
    reasons = []
    for reason in verdict.reasons:
        item = reason.as_dict()
        item["basis"] = basis_of(reason.code, rule, verdict.rule_set)
        reasons.append(item)
    return reasons


def reason_line(item: dict) -> str:
    """'<message> (căn cứ: <basis>)': a stored reason as one sentence."""
    from django.utils.translation import gettext as _

    message = item.get("message", "")
    if item.get("basis"):
        message = message.rstrip(". ")
        return _("%(message)s (căn cứ: %(basis)s)") % {"message": message, "basis": item["basis"]}
    return message


# ---------------------------------------------------------------------------
# The facts a verdict was judged from
# ---------------------------------------------------------------------------
def rule_version(rule) -> str:
    """A short digest of a rule's values and paths: changes whenever the rule is edited."""
    if rule is None:
        return ""
    values = model_to_dict(rule, exclude=["id", "note"])
    values["paths"] = [
        {
            **model_to_dict(path, exclude=["id", "rule", "prior_award_types", "note"]),
            "prior": sorted(a.pk for a in path.prior_award_types.all()),
        }
        for path in rule.paths.all()
    ]
    raw = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def _window(rule) -> int:
    spans = [0]
    if rule is not None:
        spans.extend(path.lookback_years for path in rule.paths.all())
    return max(spans)


def _provenance(batch: list[NominationFact], judged: list[engine.Verdict]) -> list[dict]:
    """The ids of the facts of each nomination, read in at most five queries for the whole batch
    (like ``facts.load_facts``, a large batch reads the years whole rather than by ids)."""
    rules = [rule_of(v, n.award_type_id) for n, v in zip(batch, judged, strict=True)]
    firsts = [n.year - _window(rule) for n, rule in zip(batch, rules, strict=True)]
    person_ids = {n.person_id for n in batch if n.person_id}
    unit_ids = {n.unit_id for n in batch if n.unit_id}
    members: dict[int, set[int]] = defaultdict(set)
    if unit_ids:
        from units.models import Person

        children = reads.unit_children()
        subtree = {unit_id: reads.subtree_of(children, unit_id) for unit_id in unit_ids}
        all_units = set().union(*subtree.values())
        staff = defaultdict(set)
        for pk, unit_id in Person.objects.filter(active=True, unit_id__in=all_units).values_list(
            "pk", "unit_id"
        ):
            staff[unit_id].add(pk)
        for unit_id, ids in subtree.items():
            members[unit_id] = set().union(*(staff[u] for u in ids)) if ids else set()
    everyone = person_ids.union(*members.values()) if members else set(person_ids)
    last = max((n.year for n in batch), default=0)
    first = min(firsts, default=0)
    # A collective's members are asked about in the year judged only (below): past the id filter's
    # limit they are read for the batch's years, the nominees whole (``facts.subject_filter``).
    years_only = ({n.year for n in batch}, person_ids)

    records = defaultdict(list)
    standing = AwardRecord.objects.standing().filter(year__lte=last)
    for pk, person_id, unit_id, year in reads.subject_filter(
        standing, everyone, unit_ids, unit_field="unit_id", years_only=years_only
    ).values_list("pk", "person_id", "unit_id", "year"):
        records[("p", person_id) if person_id else ("u", unit_id)].append((year, pk))
    evaluations = defaultdict(list)
    window = Evaluation.objects.filter(year__gte=first, year__lte=last)
    for pk, person_id, unit_id, year in reads.subject_filter(
        window, everyone, unit_ids, unit_field="unit_id", years_only=years_only
    ).values_list("pk", "person_id", "unit_id", "year"):
        evaluations[("p", person_id) if person_id else ("u", unit_id)].append((year, pk))
    initiatives = defaultdict(list)
    if person_ids:
        authors = InitiativeAuthor.objects.filter(initiative__year__gte=first, initiative__year__lte=last)
        if len(person_ids) <= reads.ID_FILTER_LIMIT:
            authors = authors.filter(person_id__in=person_ids)
        for person_id, pk, year in authors.values_list("person_id", "initiative_id", "initiative__year"):
            initiatives[person_id].append((year, pk))

    out = []
    for fact, verdict, rule, start in zip(batch, judged, rules, firsts, strict=True):
        if fact.person_id:
            subjects = [("p", fact.person_id)]
        else:
            subjects = [("u", fact.unit_id)] + [("p", p) for p in sorted(members.get(fact.unit_id, ()))]
        record_ids, evaluation_ids = set(), set()
        for index, subject in enumerate(subjects):
            low = start if index == 0 else fact.year  # the nominee: its window; members: the year
            record_ids.update(
                pk
                for year, pk in records.get(subject, ())
                if (index == 0 and year <= fact.year) or year == low
            )
            evaluation_ids.update(pk for year, pk in evaluations.get(subject, ()) if low <= year <= fact.year)
        initiative_ids = {
            pk for year, pk in initiatives.get(fact.person_id, ()) if start <= year <= fact.year
        }
        facts = {
            "records": sorted(record_ids),
            "evaluations": sorted(evaluation_ids),
            "initiatives": sorted(initiative_ids),
            "rule_set": verdict.rule_set.pk if verdict.rule_set is not None else None,
            "rule": rule_version(rule),
        }
        raw = json.dumps(facts, sort_keys=True).encode()
        facts["fingerprint"] = hashlib.sha256(raw).hexdigest()
        out.append(facts)
    return out


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def judge(nominations) -> list[Judged]:
    """Judge nominations (saved or not) in a constant number of queries, in their order."""
    nominations = list(nominations)
    if not nominations:
        return []
    batch = [nomination_fact(n) for n in nominations]
    if all(fact.pk is not None for fact in batch):
        by_pk = engine.check_many(nominations)
        judged = [by_pk[fact.pk] for fact in batch]
    else:
        judged = [engine.check(n) for n in nominations]
    facts = _provenance(batch, judged)
    return [
        Judged(verdict=verdict, reasons=cited_reasons(verdict, fact.award_type_id), facts=provenance)
        for fact, verdict, provenance in zip(batch, judged, facts, strict=True)
    ]


def judge_one(nomination: Nomination) -> Judged:
    return judge([nomination])[0]
