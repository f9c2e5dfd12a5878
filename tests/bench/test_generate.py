"""The benchmark data generator at a tiny scale, so that ``make bench`` does not rot: it builds
a province of every kind of row the bench reads, and every page the bench measures opens on it
for the role that opens it."""

import pytest

from awards.models import AwardRecord, Evaluation, Nomination
from bench.generate import TINY, generate, login_names
from bench.pages import pages
from campaigns.models import RegistrationCollectiveLine, RegistrationIndividualLine
from council.models import CouncilSession
from plans.models import PlanTask, UnitSubmission
from units.models import Person, Unit, User

YEAR = 2026


@pytest.fixture
def printed(db):
    lines = []
    generate(TINY, year=YEAR, out=lines.append)
    return lines


def test_the_generator_builds_the_scale_it_is_given_and_prints_its_figures(printed):
    figures = dict(line.rsplit(" ", 2)[:2] for line in printed)

    assert Unit.objects.count() == TINY.top_units + TINY.sub_units
    assert Person.objects.count() == TINY.staff
    assert Evaluation.objects.filter(person__isnull=False).count() == TINY.staff * TINY.years
    assert set(AwardRecord.objects.values_list("year", flat=True)) == set(range(YEAR - TINY.years, YEAR))
    assert (
        Nomination.objects.filter(year=YEAR).count()
        == TINY.individual_nominations + TINY.collective_nominations
    )
    assert RegistrationIndividualLine.objects.exists() and RegistrationCollectiveLine.objects.exists()
    assert PlanTask.objects.count() == TINY.tasks
    assert UnitSubmission.objects.count() == 4 * TINY.top_units
    session = CouncilSession.objects.get()
    assert (session.status, session.agenda.count(), session.memberships.count()) == (
        "voting",
        TINY.agenda,
        TINY.logins,
    )
    assert set(session.agenda.values_list("nomination__status", flat=True)) == {"in_council"}
    assert figures["generate.rows.nomination"] == str(Nomination.objects.count())


@pytest.mark.urls("bench.urls")
def test_every_page_the_bench_measures_opens_for_its_role(printed, client):
    for page in pages(YEAR):
        client.force_login(User.objects.get(username=login_names(page.role, 1)[0]))

        response = client.get(page.path)

        assert response.status_code == 200, page
    client.logout()
    assert client.get(pages(YEAR)[0].path).status_code == 302  # the minimal page is behind the login too


def test_ten_provinces_are_ten_times_a_province_but_the_logins_and_the_council():
    from dataclasses import fields

    from bench.generate import PROVINCE, TEN

    same = {"years", "individual_lines_per_unit", "logins", "agenda"}
    for item in fields(TEN):
        ten, one = getattr(TEN, item.name), getattr(PROVINCE, item.name)
        assert ten == (one if item.name in same else 10 * one), item.name


def test_the_tasks_of_several_provinces_are_shared_among_their_plans(db):
    from dataclasses import replace

    from plans.models import Plan

    generate(replace(TINY, plans=2), year=YEAR, out=lambda line: None)

    per_plan = {
        plan.number: list(plan.tasks.order_by("order").values_list("order", flat=True))
        for plan in Plan.objects.all()
    }
    assert per_plan == {1: [1, 2, 3, 4], 2: [1, 2, 3, 4]}
