"""The dashboards' figures: aggregated in the database, in a number of queries that does not grow
with the data (one GROUP BY per figure; no query per unit, task or nomination).

Each function returns plain data (ids, names, counts); the dashboard views add the links to the
lists behind the figures and the chart series.

Definitions, the same as the list pages':
- tasks are those of issued plans of the year (``PlanTask.tracked()``, ``plan.year``); a task is
  *overdue* when not done and past its due date, otherwise *in progress* or *not started* as
  recorded; the quarter is that of the due date (the task list's "Quý (theo hạn)" filter); a task
  addressed to a group of units counts once per unit's share (``plans.selectors.unit_shares``),
  under that unit and with the share's own status, never under its lead unit;
- submissions belong to the year of the request's due date; *on time* / *late* by the date
  received, *missing* when not received and the due date has passed, *pending* otherwise;
- registrations count the lines (collective and individual) of the rounds of the year;
- nominations are counted by year of achievement, status and award type;
- council outcomes are the tallies recorded when a session of the year closed.

The summary reports count a period (1 January to 30 June, or the whole year) with the same
functions and a date range: tasks due in the period (the year-end one adds those without a due
date), requests due in it, rounds of the year closed by its end, nominations filed in it, sessions
held in it, campaigns launched in it (``campaign_stats``) and award decisions signed in it
(``award_stats``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import rules
from django.apps import apps
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractQuarter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import NominationStatus
from awards.models import AwardRecord, Nomination
from campaigns.enums import CAMPAIGN_PUBLISHED, RegistrationStatus
from campaigns.models import (
    Campaign,
    CriteriaSet,
    Registration,
    RegistrationCollectiveLine,
    RegistrationIndividualLine,
)
from campaigns.selectors import cluster_rankings
from plans.enums import PlanStatus, TaskStatus
from plans.models import Plan, PlanTask, UnitSubmission
from plans.selectors import SHARE_DONE, has_shares, submission_requests_with_counts, unit_shares
from units.rules import is_council_member, is_office_staff, is_unit_head
from units.selectors import lineage_ids_of

# ---------------------------------------------------------------------------
# Who may see which figures
# ---------------------------------------------------------------------------
rules.add_perm("reports.view_office_dashboard", is_office_staff)
rules.add_perm("reports.view_unit_dashboard", is_office_staff | is_unit_head)
rules.add_perm("reports.view_council_dashboard", is_office_staff | is_council_member)

TASK_STATES = ("done", "overdue", "in_progress", "not_started")
SUBMISSION_STATES = ("on_time", "late", "missing", "pending")
QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _counted_by_status(qs, *, named: dict[str, str], statuses, into: str) -> dict:
    """One query: ``qs`` grouped by its first ``named`` field, each group {name: the field's value
    for every ``named`` pair, ``into``: {status: count}} with every one of ``statuses`` present."""
    key = next(iter(named.values()))
    groups: dict = {}
    for row in qs.order_by().values(*named.values(), "status").annotate(n=Count("pk")):
        entry = groups.setdefault(
            row[key],
            {**{name: row[field] for name, field in named.items()}, into: dict.fromkeys(statuses, 0)},
        )
        entry[into][row["status"]] += row["n"]
    return groups


def council_installed() -> bool:
    return apps.is_installed("council")


def dashboard_years() -> list[int]:
    """Years that have plans, registration rounds or nominations, and the current year; newest first."""
    this_year = timezone.localdate().year
    years = {this_year}
    years.update(Plan.objects.order_by().values_list("year", flat=True).distinct())
    years.update(Nomination.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


# ---------------------------------------------------------------------------
# Tasks
# ---------------------------------------------------------------------------
def _task_counts(today: datetime.date, *, due: str = "due_date", done: Q | None = None) -> dict:
    """The states of tasks (or of shares: ``due`` "task__due_date", ``done`` ``SHARE_DONE``)."""
    done = Q(status=TaskStatus.DONE) if done is None else done
    not_done = ~done
    past_due = Q(**{f"{due}__lt": today})
    in_time = Q(**{f"{due}__gte": today}) | Q(**{f"{due}__isnull": True})
    return {
        "done": Count("pk", filter=done),
        "overdue": Count("pk", filter=not_done & past_due),
        "in_progress": Count("pk", filter=not_done & Q(status=TaskStatus.IN_PROGRESS) & in_time),
        "not_started": Count("pk", filter=not_done & Q(status=TaskStatus.NOT_STARTED) & in_time),
        "total": Count("pk"),
    }


def _task_row(row: dict) -> dict:
    counts = {key: row[key] for key in (*TASK_STATES, "total")}
    counts["open"] = counts["in_progress"] + counts["not_started"]
    return counts


def tasks_of_year(year: int) -> QuerySet[PlanTask]:
    return PlanTask.objects.tracked().filter(plan__year=year)


def tasks_of_period(year: int, *, start: datetime.date, end: datetime.date) -> QuerySet[PlanTask]:
    """Tasks of the year's issued plans due from ``start`` to ``end``; a period that closes the year
    also takes the tasks without a due date."""
    in_period = Q(due_date__range=(start, end))
    if end == datetime.date(year, 12, 31):
        in_period |= Q(due_date__isnull=True)
    return tasks_of_year(year).filter(in_period)


def _add_counts(into: dict, row: dict) -> None:
    for key in (*TASK_STATES, "total"):
        into[key] = into.get(key, 0) + row[key]


def task_stats(tasks: QuerySet[PlanTask], *, today: datetime.date, unit_ids=None) -> dict:
    """Tasks by unit and by quarter of the due date (four queries): a task under its lead unit,
    and a task addressed to a group of units once per unit's share, under that unit. With
    ``unit_ids``, only the tasks those units lead and their own shares."""
    plain = tasks.exclude(has_shares())
    if unit_ids is not None:
        plain = plain.filter(lead_unit_id__in=unit_ids)
    shares = unit_shares(unit_ids).filter(task__in=tasks.order_by().values("pk"))
    counts = _task_counts(today)
    share_counts = _task_counts(today, due="task__due_date", done=SHARE_DONE)

    units: dict[int, dict] = {}
    for prefix, qs, these in (("lead_unit", plain, counts), ("unit", shares, share_counts)):
        fields = [f"{prefix}_id", f"{prefix}__name", f"{prefix}__short_name", f"{prefix}__order"]
        for row in qs.order_by().values(*fields).annotate(**these):
            unit = units.setdefault(
                row[fields[0]],
                {
                    "unit_id": row[fields[0]],
                    "unit": row[fields[1]],
                    "short": row[fields[2]] or row[fields[1]],
                    "order": row[fields[3]],
                },
            )
            _add_counts(unit, row)
    by_unit = [
        {"unit_id": u["unit_id"], "unit": u["unit"], "short": u["short"], **_task_row(u)}
        for u in sorted(units.values(), key=lambda u: (u["order"], u["unit"], u["unit_id"]))
    ]

    quarters: dict = {}
    for qs, due, these in ((plain, "due_date", counts), (shares, "task__due_date", share_counts)):
        for row in qs.order_by().annotate(quarter=ExtractQuarter(due)).values("quarter").annotate(**these):
            _add_counts(quarters.setdefault(row["quarter"], {}), row)
    quarters = {key: _task_row(row) for key, row in quarters.items()}
    by_quarter = []
    for number, roman in QUARTERS.items():
        row = quarters.get(number) or dict.fromkeys((*TASK_STATES, "total", "open"), 0)
        by_quarter.append({"quarter": number, "label": _("Quý %(q)s") % {"q": roman}, **row})
    if None in quarters:
        by_quarter.append({"quarter": None, "label": _("Không có hạn"), **quarters[None]})
    totals = dict.fromkeys((*TASK_STATES, "total", "open"), 0)
    for row in by_quarter:
        for key in totals:
            totals[key] += row[key]
    return {"by_unit": by_unit, "by_quarter": by_quarter, "totals": totals}


# ---------------------------------------------------------------------------
# Submissions
# ---------------------------------------------------------------------------
def _submission_counts(today: datetime.date) -> dict:
    sent = Q(submitted_at__isnull=False)
    in_time = Q(submitted_at__date__lte=F("request__due_date"))
    return {
        "on_time": Count("pk", filter=sent & in_time),
        "late": Count("pk", filter=sent & ~in_time),
        "missing": Count("pk", filter=~sent & Q(request__due_date__lt=today)),
        "pending": Count("pk", filter=~sent & Q(request__due_date__gte=today)),
        "total": Count("pk"),
    }


def submission_stats(
    *, year: int, today: datetime.date, unit_ids=None, due_between: tuple | None = None
) -> dict:
    """Per request of the year (or due within ``due_between``, a (first, last) pair of dates) and
    per unit: on time, late, missing, pending (two queries)."""
    due = {"due_date__range": due_between} if due_between else {"due_date__year": year}
    # Only requests the units can see: one on a draft plan has not been sent to anyone yet.
    requests = (
        submission_requests_with_counts(today=today).published().filter(**due).order_by("due_date", "pk")
    )
    rows = UnitSubmission.objects.filter(**{f"request__{key}": value for key, value in due.items()}).exclude(
        request__plan__status=PlanStatus.DRAFT
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    by_request = []
    if unit_ids is None:  # a unit's page lists its own rows instead
        by_request = [
            {
                "request_id": req.pk,
                "title": req.title,
                "due_date": req.due_date,
                "on_time": req.on_time_count,
                "late": req.late_count,
                "missing": req.overdue_count,
                "pending": req.pending_count,
                "total": req.unit_count,
            }
            for req in requests
        ]
    by_unit = [
        {
            "unit_id": row["unit_id"],
            "unit": row["unit__name"],
            **{key: row[key] for key in (*SUBMISSION_STATES, "total")},
        }
        for row in rows.order_by()
        .values("unit_id", "unit__name", "unit__order")
        .annotate(**_submission_counts(today))
        .order_by("unit__order", "unit__name", "unit_id")
    ]
    totals = dict.fromkeys((*SUBMISSION_STATES, "total"), 0)
    for row in by_unit:
        for key in totals:
            totals[key] += row[key]
    return {"by_request": by_request, "by_unit": by_unit, "totals": totals}


# ---------------------------------------------------------------------------
# Registrations
# ---------------------------------------------------------------------------
def registration_stats(*, year: int, unit_ids=None, deadline_to: datetime.date | None = None) -> dict:
    """Lines by round and title (collective / individual, and how many accepted), and the
    registrations of each round by status (three queries); with ``deadline_to``, only the rounds
    of the year whose deadline is that day or earlier."""
    rounds_in = {"round__year": year}
    if deadline_to is not None:
        rounds_in["round__deadline__lte"] = deadline_to
    lines = defaultdict(lambda: {"collective": 0, "individual": 0, "accepted": 0})
    meta = {}
    accepted = Q(registration__status=RegistrationStatus.ACCEPTED)
    for kind, model in (
        ("collective", RegistrationCollectiveLine),
        ("individual", RegistrationIndividualLine),
    ):
        qs = model.objects.filter(**{f"registration__{key}": value for key, value in rounds_in.items()})
        if unit_ids is not None:
            qs = qs.filter(registration__unit_id__in=unit_ids)
        for row in (
            qs.order_by()
            .values("registration__round_id", "award_type_id", "award_type__name", "award_type__order")
            .annotate(n=Count("pk"), accepted=Count("pk", filter=accepted))
        ):
            key = (row["registration__round_id"], row["award_type_id"])
            lines[key][kind] += row["n"]
            lines[key]["accepted"] += row["accepted"]
            meta[row["award_type_id"]] = (row["award_type__order"], row["award_type__name"])
    registrations = Registration.objects.filter(**rounds_in)
    if unit_ids is not None:
        registrations = registrations.filter(unit_id__in=unit_ids)
    rounds = _counted_by_status(
        registrations,
        named={"round_id": "round_id", "name": "round__name", "deadline": "round__deadline"},
        statuses=RegistrationStatus.values,
        into="statuses",
    )
    for entry in rounds.values():
        entry["titles"] = []
    for (round_id, award_id), counts in lines.items():
        entry = rounds.get(round_id)
        if entry is None:  # lines always belong to a registration: cannot happen, stay safe
            continue
        order, name = meta[award_id]
        entry["titles"].append({"award_type_id": award_id, "name": name, "order": order, **counts})
    result = sorted(rounds.values(), key=lambda e: (e["deadline"], e["round_id"]))
    for entry in result:
        entry["titles"].sort(key=lambda t: (t["order"], t["name"]))
        entry["total"] = sum(entry["statuses"].values())
    by_title = defaultdict(lambda: {"collective": 0, "individual": 0, "accepted": 0})
    for (_round_id, award_id), counts in lines.items():
        for key, value in counts.items():
            by_title[award_id][key] += value
    titles = sorted(
        ({"award_type_id": a, "name": meta[a][1], "order": meta[a][0], **c} for a, c in by_title.items()),
        key=lambda t: (t["order"], t["name"]),
    )
    return {"rounds": result, "by_title": titles}


# ---------------------------------------------------------------------------
# Nominations
# ---------------------------------------------------------------------------
def nomination_stats(*, year: int | None = None, unit_ids=None, created_between: tuple | None = None) -> dict:
    """Nominations of the year of achievement, or filed within ``created_between`` (a (first,
    last) pair of dates), by award type and status (one query)."""
    if created_between:
        qs = Nomination.objects.filter(created_at__date__range=created_between)
    else:
        qs = Nomination.objects.filter(year=year)
    if unit_ids is not None:
        qs = qs.filter(proposing_unit_id__in=unit_ids)
    statuses = list(NominationStatus)
    rows = _counted_by_status(
        qs,
        named={"award_type_id": "award_type_id", "name": "award_type__name", "order": "award_type__order"},
        statuses=NominationStatus.values,
        into="counts",
    )
    ordered = sorted(rows.values(), key=lambda e: (e["order"], e["name"]))
    totals = dict.fromkeys(NominationStatus.values, 0)
    for entry in ordered:
        entry["cells"] = [entry["counts"][s] for s in NominationStatus.values]
        entry["total"] = sum(entry["cells"])
        for key, value in entry["counts"].items():
            totals[key] += value
    return {
        "statuses": [(s.value, s.label) for s in statuses],
        "rows": ordered,
        "totals": totals,
        "grand_total": sum(totals.values()),
    }


# ---------------------------------------------------------------------------
# Council
# ---------------------------------------------------------------------------
def council_stats(
    *, year: int, sessions: QuerySet | None = None, held_between: tuple | None = None
) -> dict | None:
    """Sessions of the year (or held within ``held_between``, a (first, last) pair of dates) with
    their agenda and outcome counts, and outcomes by award type (two queries); None when the
    council app is not installed."""
    if not council_installed():
        return None
    from council.enums import Outcome, SessionStatus
    from council.models import AgendaResult, CouncilSession

    if sessions is None:
        sessions = CouncilSession.objects.all()
    if held_between:
        sessions = sessions.filter(starts_at__date__range=held_between)
    else:
        sessions = sessions.filter(year=year)
    outcome_counts = {
        f"outcome_{o.value}": Count(
            "agenda__result", filter=Q(agenda__result__outcome=o.value), distinct=True
        )
        for o in Outcome
    }
    session_rows = []
    for s in (
        sessions.order_by()
        .annotate(agenda_count=Count("agenda", distinct=True), **outcome_counts)
        .values("pk", "title", "starts_at", "status", "agenda_count", *outcome_counts)
        .order_by("starts_at", "pk")
    ):
        closed = s["status"] == SessionStatus.CLOSED
        session_rows.append(
            {
                "session_id": s["pk"],
                "title": s["title"],
                "starts_at": s["starts_at"],
                "status": s["status"],
                "status_label": SessionStatus(s["status"]).label,
                "agenda_count": s["agenda_count"],
                "closed": closed,
                # Tallies exist, and are shown, only once the session is closed.
                "outcomes": [s[f"outcome_{o.value}"] if closed else None for o in Outcome],
            }
        )
    by_award: dict[int, dict] = {}
    for row in (
        AgendaResult.objects.filter(
            item__session__in=sessions.values("pk"), item__session__status=SessionStatus.CLOSED
        )
        .order_by()
        .values(
            "item__nomination__award_type_id",
            "item__nomination__award_type__name",
            "item__nomination__award_type__order",
            "outcome",
        )
        .annotate(n=Count("pk"))
    ):
        award_id = row["item__nomination__award_type_id"]
        entry = by_award.setdefault(
            award_id,
            {
                "award_type_id": award_id,
                "name": row["item__nomination__award_type__name"],
                "order": row["item__nomination__award_type__order"],
                "counts": dict.fromkeys(Outcome.values, 0),
            },
        )
        entry["counts"][row["outcome"]] += row["n"]
    award_rows = sorted(by_award.values(), key=lambda e: (e["order"], e["name"]))
    for entry in award_rows:
        entry["cells"] = [entry["counts"][o] for o in Outcome.values]
    totals = [sum(entry["counts"][o] for entry in award_rows) for o in Outcome.values]
    return {
        "outcomes": [(o.value, o.label) for o in Outcome],
        "sessions": session_rows,
        "by_award": award_rows,
        "totals": totals,
    }


def council_results(*, year: int, sessions: QuerySet) -> list:
    """The tallies of every agenda item of the closed sessions of the year (one query)."""
    if not council_installed():
        return []
    from council.enums import SessionStatus
    from council.models import AgendaResult

    return list(
        AgendaResult.objects.filter(
            item__session__in=sessions.filter(year=year, status=SessionStatus.CLOSED).values("pk")
        )
        .select_related(
            "item__session",
            "item__nomination__person",
            "item__nomination__unit",
            "item__nomination__award_type",
        )
        .order_by("item__session__starts_at", "item__session_id", "item__order", "item__pk")
    )


# ---------------------------------------------------------------------------
# Cluster rankings
# ---------------------------------------------------------------------------
def ranking_stats(*, year: int, criteria_set_id: int | None = None) -> dict:
    """The year's criteria sets and the cluster rankings of one of them (the chosen one, else the
    newest): a fixed number of queries, whatever the number of sets, clusters or units."""
    sets = list(CriteriaSet.objects.filter(year=year).select_related("cluster").order_by("-pk"))
    chosen = next((s for s in sets if s.pk == criteria_set_id), sets[0] if sets else None)
    clusters = []
    if chosen is not None:
        for entry in cluster_rankings(chosen):
            rows = entry["rows"]
            clusters.append(
                {
                    "cluster": entry["cluster"],
                    "rows": rows,
                    "leaders": [row for row in rows if row.leader],
                    "size": len(rows),
                }
            )
    return {"criteria_sets": sets, "chosen": chosen, "clusters": clusters}


# ---------------------------------------------------------------------------
# Award history
# ---------------------------------------------------------------------------
def award_records_of_units(unit_ids) -> QuerySet[AwardRecord]:
    """Standing award records of the units and of the staff in them, and the collective records
    of their predecessors (a merged unit's years continue in its successor's figures)."""
    return AwardRecord.objects.standing().filter(
        Q(unit_id__in=lineage_ids_of(unit_ids)) | Q(person__unit_id__in=unit_ids)
    )


# ---------------------------------------------------------------------------
# The dashboards
# ---------------------------------------------------------------------------
def office_dashboard(
    *, year: int, today: datetime.date | None = None, criteria_set_id: int | None = None
) -> dict:
    today = today or timezone.localdate()
    return {
        "year": year,
        "today": today,
        "tasks": task_stats(tasks_of_year(year), today=today),
        "submissions": submission_stats(year=year, today=today),
        "registrations": registration_stats(year=year),
        "nominations": nomination_stats(year=year),
        "council": council_stats(year=year),
        "rankings": ranking_stats(year=year, criteria_set_id=criteria_set_id),
    }


def unit_dashboard(unit, *, year: int, unit_ids, today: datetime.date | None = None) -> dict:
    """The figures of one unit and the units below it (``unit_ids``)."""
    today = today or timezone.localdate()
    submissions = list(
        UnitSubmission.objects.with_display_status(today)
        .published()
        .filter(unit_id__in=unit_ids, request__due_date__year=year)
        .select_related("request", "unit")
        .order_by("request__due_date", "request_id", "unit__order", "unit__name")
    )
    registrations = list(
        Registration.objects.filter(unit_id__in=unit_ids, round__year=year)
        .with_line_counts()
        .select_related("round", "unit")
        .order_by("round__deadline", "round_id", "unit__order", "unit__name")
    )
    return {
        "year": year,
        "today": today,
        "unit": unit,
        "tasks": task_stats(tasks_of_year(year), today=today, unit_ids=unit_ids),
        "submissions": submission_stats(year=year, today=today, unit_ids=unit_ids),
        "submission_rows": submissions,
        "registrations": registration_stats(year=year, unit_ids=unit_ids),
        "registration_rows": registrations,
        "nominations": nomination_stats(year=year, unit_ids=unit_ids),
    }


# ---------------------------------------------------------------------------
# Campaigns launched, awards decided (the summary reports' periods)
# ---------------------------------------------------------------------------
def campaign_stats(*, start: datetime.date, end: datetime.date) -> dict:
    """Campaigns launched from ``start`` to ``end`` — published ones, launched on the date of their
    launching document, else on their first day — and how many of each kind (two queries)."""
    campaigns = (
        Campaign.objects.filter(status__in=CAMPAIGN_PUBLISHED)
        .annotate(launched_on=Coalesce("document_date", "start_date"))
        .filter(launched_on__range=(start, end))
    )
    rows = list(campaigns.order_by("launched_on", "pk").values("pk", "name", "kind", "status", "launched_on"))
    by_kind = dict(campaigns.order_by().values_list("kind").annotate(n=Count("pk")))
    return {"rows": rows, "by_kind": by_kind, "total": sum(by_kind.values())}


def award_stats(*, start: datetime.date, end: datetime.date) -> dict | None:
    """Award decisions signed from ``start`` to ``end``, and their lines by award type: how many
    individuals, how many collectives, and the rewards paid (two queries); None without the
    council app."""
    if not council_installed():
        return None
    from council.enums import DecisionKind
    from council.models import Decision, DecisionItem

    decisions = Decision.objects.filter(kind=DecisionKind.AWARD, date__range=(start, end))
    rows = [
        {
            "award_type_id": row["award_type_id"],
            "name": row["award_type__name"],
            "individual": row["individual"],
            "collective": row["collective"],
            "amount": row["amount"],
        }
        for row in DecisionItem.objects.filter(decision__in=decisions)
        .order_by()
        .values("award_type_id", "award_type__name", "award_type__order")
        .annotate(
            individual=Count("pk", filter=Q(person__isnull=False)),
            collective=Count("pk", filter=Q(person__isnull=True)),
            amount=Coalesce(Sum("amount"), 0),
        )
        .order_by("award_type__order", "award_type__name")
    ]
    totals = {key: sum(row[key] for row in rows) for key in ("individual", "collective", "amount")}
    return {"decisions": decisions.count(), "rows": rows, "totals": totals}
