"""The dashboards' figures against a known fixture year; every expected number is counted by hand
from the rows built here, never by the code under test."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import Criterion, UnitScore
from council.models import AgendaItem, AgendaResult
from reports import stats
from tests.factories import (
    CriteriaSetFactory,
    NominationFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    add_collective_line,
    add_individual_line,
    award,
    make_cluster,
    make_council_session,
    make_verified_nomination,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
TODAY = datetime.date(2026, 2, 15)  # in the first quarter: a task due 31 March is still open


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def tasks(two_hospitals):
    unit_a, unit_b = two_hospitals
    plan = PlanFactory(year=YEAR, issued=True)
    q1_late, q1_end, q2_end = (
        datetime.date(2026, 1, 31),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 6, 30),
    )
    for _ in range(3):
        PlanTaskFactory(plan=plan, lead_unit=unit_a, due_date=q1_end, status="done")
    PlanTaskFactory(plan=plan, lead_unit=unit_a, due_date=q1_late, status="not_started")
    PlanTaskFactory(plan=plan, lead_unit=unit_a, due_date=q1_late, status="in_progress")
    PlanTaskFactory(plan=plan, lead_unit=unit_a, due_date=q1_end, status="not_started")
    PlanTaskFactory(plan=plan, lead_unit=unit_b, due_date=q2_end, status="in_progress", period_value=2)
    PlanTaskFactory(plan=plan, lead_unit=unit_b, due_date=q2_end, status="done", period_value=2)
    PlanTaskFactory(plan=plan, lead_unit=unit_b, due_date=None, status="not_started", period_kind="")
    # Not counted: a draft plan's task, and a task of another year's plan.
    PlanTaskFactory(plan=PlanFactory(year=YEAR), lead_unit=unit_a, due_date=q1_late)
    PlanTaskFactory(plan=PlanFactory(year=YEAR - 1, issued=True), lead_unit=unit_a, due_date=q1_late)
    return two_hospitals


def test_tasks_by_unit_count_done_overdue_and_open_tasks_of_issued_plans_of_the_year(tasks):
    unit_a, unit_b = tasks

    result = stats.task_stats(stats.tasks_of_year(YEAR), today=TODAY)

    by_unit = {row["unit_id"]: row for row in result["by_unit"]}
    assert set(by_unit) == {unit_a.pk, unit_b.pk}
    a = by_unit[unit_a.pk]
    assert (a["done"], a["overdue"], a["in_progress"], a["not_started"], a["open"], a["total"]) == (
        3,
        2,
        0,
        1,
        1,
        6,
    )
    b = by_unit[unit_b.pk]
    assert (b["done"], b["overdue"], b["in_progress"], b["not_started"], b["open"], b["total"]) == (
        1,
        0,
        1,
        1,
        2,
        3,
    )


def test_tasks_by_quarter_of_the_due_date_with_a_line_for_tasks_without_one(tasks):
    result = stats.task_stats(stats.tasks_of_year(YEAR), today=TODAY)

    quarters = {row["quarter"]: row for row in result["by_quarter"]}
    assert [row["quarter"] for row in result["by_quarter"]] == [1, 2, 3, 4, None]
    assert (
        quarters[1]["done"],
        quarters[1]["overdue"],
        quarters[1]["not_started"],
        quarters[1]["total"],
    ) == (3, 2, 1, 6)
    assert (quarters[2]["done"], quarters[2]["in_progress"], quarters[2]["total"]) == (1, 1, 2)
    assert quarters[3]["total"] == quarters[4]["total"] == 0
    assert quarters[None]["not_started"] == 1
    assert result["totals"]["total"] == 9
    assert result["totals"]["overdue"] == 2


def test_submissions_counted_on_time_late_missing_and_pending_per_request_and_unit(two_hospitals):
    unit_a, unit_b = two_hospitals
    unit_c = UnitFactory(name="Bệnh viện C", order=3)
    past = SubmissionRequestFactory(due_date=datetime.date(2026, 1, 20))
    coming = SubmissionRequestFactory(due_date=datetime.date(2026, 3, 10))
    UnitSubmissionFactory(request=past, unit=unit_a, submitted_at=at(datetime.date(2026, 1, 20), 16))
    UnitSubmissionFactory(request=past, unit=unit_b, submitted_at=at(datetime.date(2026, 1, 25)))
    UnitSubmissionFactory(request=past, unit=unit_c)
    UnitSubmissionFactory(request=coming, unit=unit_a)
    UnitSubmissionFactory(request=coming, unit=unit_b, submitted_at=at(datetime.date(2026, 2, 1)))
    UnitSubmissionFactory(request=SubmissionRequestFactory(due_date=datetime.date(2025, 12, 1)), unit=unit_c)

    result = stats.submission_stats(year=YEAR, today=TODAY)

    assert result["totals"] == {"on_time": 2, "late": 1, "missing": 1, "pending": 1, "total": 5}
    rows = {row["request_id"]: row for row in result["by_request"]}
    assert (rows[past.pk]["on_time"], rows[past.pk]["late"], rows[past.pk]["missing"]) == (1, 1, 1)
    assert (rows[coming.pk]["on_time"], rows[coming.pk]["pending"]) == (1, 1)
    by_unit = {row["unit_id"]: row for row in result["by_unit"]}
    assert (by_unit[unit_a.pk]["on_time"], by_unit[unit_a.pk]["pending"]) == (1, 1)
    assert (by_unit[unit_b.pk]["late"], by_unit[unit_b.pk]["on_time"]) == (1, 1)
    assert by_unit[unit_c.pk]["missing"] == 1


def test_registrations_count_collective_and_individual_lines_per_title_and_round(two_hospitals):
    unit_a, unit_b = two_hospitals
    round_ = RegistrationRoundFactory(year=YEAR)
    reg_a = RegistrationFactory(round=round_, unit=unit_a, accepted=True)
    reg_b = RegistrationFactory(round=round_, unit=unit_b, submitted=True)
    add_individual_line(reg_a)
    add_individual_line(reg_a)
    add_collective_line(reg_a)
    add_individual_line(reg_b)
    add_individual_line(reg_b, code="CSTDCS")
    add_individual_line(RegistrationFactory(round=RegistrationRoundFactory(year=YEAR - 1), unit=unit_a))

    result = stats.registration_stats(year=YEAR)

    (entry,) = result["rounds"]
    assert entry["round_id"] == round_.pk
    assert entry["statuses"]["accepted"] == 1 and entry["statuses"]["submitted"] == 1
    titles = {t["award_type_id"]: t for t in entry["titles"]}
    ldtt, cstdcs, ttldtt = award("LDTT"), award("CSTDCS"), award("TTLDTT")
    assert (titles[ldtt.pk]["individual"], titles[ldtt.pk]["collective"], titles[ldtt.pk]["accepted"]) == (
        3,
        0,
        2,
    )
    assert titles[cstdcs.pk]["individual"] == 1
    assert (titles[ttldtt.pk]["collective"], titles[ttldtt.pk]["accepted"]) == (1, 1)
    assert {t["award_type_id"]: t["individual"] for t in result["by_title"]}[ldtt.pk] == 3


def test_nominations_of_the_year_by_award_type_and_status(two_hospitals):
    unit_a, _unit_b = two_hospitals
    for status in ("draft", "draft", "submitted"):
        NominationFactory(year=YEAR, person__unit=unit_a, status=status)
    NominationFactory(year=YEAR, award_type=award("CSTDCS"), person__unit=unit_a, status="verified")
    NominationFactory(year=YEAR - 1, person__unit=unit_a)

    result = stats.nomination_stats(year=YEAR)

    rows = {row["award_type_id"]: row["counts"] for row in result["rows"]}
    assert rows[award("LDTT").pk]["draft"] == 2
    assert rows[award("LDTT").pk]["submitted"] == 1
    assert rows[award("CSTDCS").pk]["verified"] == 1
    assert result["grand_total"] == 4
    assert result["totals"]["draft"] == 2


def test_council_outcomes_are_counted_only_for_closed_sessions_of_the_year():
    approved, rejected = make_verified_nomination(year=YEAR), make_verified_nomination(year=YEAR)
    closed = make_council_session(size=3, year=YEAR, nominations=[approved, rejected]).session
    open_ = make_council_session(size=3, year=YEAR, nominations=[make_verified_nomination(year=YEAR)]).session
    closed.status = "closed"
    closed.save(update_fields=["status"])
    items = AgendaItem.objects.filter(session=closed).order_by("pk")
    for item, outcome, agree in zip(items, ("approved", "rejected"), (3, 1), strict=True):
        AgendaResult.objects.create(
            item=item,
            members=3,
            present=3,
            cast=3,
            agree=agree,
            disagree=3 - agree,
            base=3,
            quorum_met=True,
            threshold_met=agree >= 2,
            outcome=outcome,
        )

    result = stats.council_stats(year=YEAR)

    sessions = {row["session_id"]: row for row in result["sessions"]}
    outcomes = [value for value, _label in result["outcomes"]]
    assert sessions[closed.pk]["agenda_count"] == 2
    assert dict(zip(outcomes, sessions[closed.pk]["outcomes"], strict=True))["approved"] == 1
    assert dict(zip(outcomes, sessions[closed.pk]["outcomes"], strict=True))["rejected"] == 1
    assert sessions[open_.pk]["outcomes"] == [None] * len(outcomes)
    assert dict(zip(outcomes, result["totals"], strict=True)) == {
        **dict.fromkeys(outcomes, 0),
        "approved": 1,
        "rejected": 1,
    }


def test_cluster_rankings_name_the_leader_of_each_cluster(two_hospitals):
    unit_a, unit_b = two_hospitals
    make_cluster(year=YEAR, members=[unit_a, unit_b])
    criteria_set = CriteriaSetFactory(year=YEAR)
    criterion = Criterion.objects.create(
        criteria_set=criteria_set, code="1", title="Tiêu chí 1", max_points=10
    )
    UnitScore.objects.create(criterion=criterion, unit=unit_a, self_score=Decimal(6))
    UnitScore.objects.create(criterion=criterion, unit=unit_b, self_score=Decimal(8))

    result = stats.ranking_stats(year=YEAR)

    assert result["chosen"] == criteria_set
    (cluster,) = result["clusters"]
    assert [row.unit for row in cluster["leaders"]] == [unit_b]
    assert cluster["size"] == 2
