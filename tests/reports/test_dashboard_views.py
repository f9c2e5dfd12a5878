"""Dashboard pages: the numbers in their tables, the links behind them, who may open which, and a
query count that does not grow with the data."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.services import task_progress_update
from tests.factories import (
    AwardRecordFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    add_individual_line,
    make_council_session,
    make_group_task,
    make_office_user,
    make_unit_head,
)
from units.models import Agency

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1  # every open task of last year is overdue by now


def cell(html, row_attr, state):
    """The number in a table cell: the row marked ``row_attr`` (e.g. 'data-unit="3"'), the column
    marked ``data-state``."""
    row = re.search(rf"<tr {re.escape(row_attr)}>(.*?)</tr>", html, re.S)
    assert row, f"no row {row_attr}"
    match = re.search(rf'data-state="{state}">(?:<a href="([^"]*)"[^>]*>)?(\d+)', row.group(1))
    assert match, f"no cell {state} in row {row_attr}"
    return int(match.group(2)), (match.group(1) or "").replace("&amp;", "&")


def build_year(units, *, scale=1):
    """Tasks, submissions, registrations, nominations and awards of last year, ``scale`` times over."""
    plan = PlanFactory(year=LAST_YEAR, issued=True)
    request = SubmissionRequestFactory(due_date=datetime.date(LAST_YEAR, 6, 30))
    round_ = RegistrationRoundFactory(year=LAST_YEAR)
    for unit in units:
        for _ in range(scale):
            PlanTaskFactory(
                plan=plan, lead_unit=unit, due_date=datetime.date(LAST_YEAR, 3, 31), status="done"
            )
            PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(LAST_YEAR, 9, 30))
            person = PersonFactory(unit=unit)
            NominationFactory(year=LAST_YEAR, person=person)
            AwardRecordFactory(person=person, year=LAST_YEAR)
        UnitSubmissionFactory(request=request, unit=unit)
        registration = RegistrationFactory(round=round_, unit=unit)
        for _ in range(scale):
            add_individual_line(registration)


def test_office_dashboard_shows_the_years_task_figures_with_links_to_the_filtered_list(office_client):
    unit_a, unit_b = UnitFactory(name="Bệnh viện A"), UnitFactory(name="Bệnh viện B")
    plan = PlanFactory(year=LAST_YEAR, issued=True)
    for _ in range(3):
        PlanTaskFactory(plan=plan, lead_unit=unit_a, due_date=datetime.date(LAST_YEAR, 3, 31), status="done")
    for _ in range(2):
        PlanTaskFactory(plan=plan, lead_unit=unit_a, due_date=datetime.date(LAST_YEAR, 2, 28))
    PlanTaskFactory(plan=plan, lead_unit=unit_b, due_date=datetime.date(LAST_YEAR, 5, 31), status="done")

    response = office_client.get(reverse("reports:dashboard"), {"year": LAST_YEAR})

    html = response.content.decode()
    assert response.status_code == 200
    assert cell(html, f'data-unit="{unit_a.pk}"', "done")[0] == 3
    overdue, link = cell(html, f'data-unit="{unit_a.pk}"', "overdue")
    assert overdue == 2
    assert cell(html, f'data-unit="{unit_a.pk}"', "total")[0] == 5
    assert cell(html, f'data-unit="{unit_b.pk}"', "done")[0] == 1
    assert cell(html, 'data-quarter="1"', "done")[0] == 3
    assert cell(html, 'data-quarter="1"', "overdue")[0] == 2
    assert cell(html, 'data-quarter="2"', "done")[0] == 1
    assert f"unit={unit_a.pk}" in link and "display_status=overdue" in link and f"year={LAST_YEAR}" in link

    listed = office_client.get(link)

    assert listed.status_code == 200
    assert len(listed.context["tasks"]) == 2
    assert {task.lead_unit_id for task in listed.context["tasks"]} == {unit_a.pk}


def test_office_dashboard_carries_the_chart_data_and_the_chart_library_from_static(office_client):
    build_year([UnitFactory()])

    response = office_client.get(reverse("reports:dashboard"), {"year": LAST_YEAR})

    html = response.content.decode()
    assert '<script id="dashboard-data" type="application/json">' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "cdn" not in html.lower()
    assert 'data-chart="tasksByQuarter"' in html
    data = json.loads(
        re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html).group(1)
    )
    assert sum(sum(d["data"]) for d in data["tasksByQuarter"]["datasets"]) == 2


def test_office_dashboard_query_count_does_not_grow_with_the_data(office_client):
    build_year([UnitFactory() for _ in range(2)])
    url = reverse("reports:dashboard")
    office_client.get(url, {"year": LAST_YEAR})
    cache.clear()  # both measured requests compute the tables
    with CaptureQueriesContext(connection) as small:
        office_client.get(url, {"year": LAST_YEAR})

    units = [UnitFactory() for _ in range(6)]
    build_year(units, scale=3)
    plan = PlanFactory(year=LAST_YEAR, issued=True)
    for due in (datetime.date(LAST_YEAR, 4, 30), datetime.date(LAST_YEAR, 10, 31)):
        statuses = ["done", "in_progress"] * 3
        make_group_task(plan, units=units, statuses=statuses, due_date=due, lead_unit=units[0])
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = office_client.get(url, {"year": LAST_YEAR})

    assert response.status_code == 200
    by_unit = re.search(r'id="tasks-by-unit">(.*?)</table>', response.content.decode(), re.S).group(1)
    assert by_unit.count("<tr data-unit=") == 8
    assert len(large) == len(small)


def test_the_office_dashboard_is_computed_once_and_again_as_soon_as_a_record_changes(office_client, office):
    Agency.load()  # the page's letterhead record, created on first use: a change of its own
    unit = UnitFactory()
    plan = PlanFactory(year=LAST_YEAR, issued=True)
    task = PlanTaskFactory(plan=plan, lead_unit=unit, due_date=datetime.date(LAST_YEAR, 3, 31))
    url = reverse("reports:dashboard")
    with CaptureQueriesContext(connection) as first:
        before = office_client.get(url, {"year": LAST_YEAR}).content.decode()
    computed = len(first)  # read now: the next request empties the query log
    with CaptureQueriesContext(connection) as second:
        again = office_client.get(url, {"year": LAST_YEAR}).content.decode()
    served = len(second)

    task_progress_update(task, by=office, status="done", note="Đã xong")
    after = office_client.get(url, {"year": LAST_YEAR}).content.decode()

    assert cell(before, f'data-unit="{unit.pk}"', "overdue")[0] == 1
    assert cell(again, f'data-unit="{unit.pk}"', "overdue")[0] == 1
    assert served < computed - 10  # the tables' queries are not run again
    assert cell(after, f'data-unit="{unit.pk}"', "done")[0] == 1
    assert cell(after, f'data-unit="{unit.pk}"', "overdue")[0] == 0


def test_the_cached_dashboard_is_kept_per_year_and_language(office_client):
    unit = UnitFactory()
    PlanTaskFactory(plan=PlanFactory(year=LAST_YEAR, issued=True), lead_unit=unit)
    url = reverse("reports:dashboard")
    office_client.get(url, {"year": LAST_YEAR})

    other_year = office_client.get(url, {"year": LAST_YEAR - 1}).content.decode()
    office_client.cookies["django_language"] = "en"
    english = office_client.get(url, {"year": LAST_YEAR}).content.decode()

    assert f'data-unit="{unit.pk}"' not in other_year
    assert f"Bảng số liệu năm {LAST_YEAR - 1}" in other_year
    assert f'data-unit="{unit.pk}"' in english
    assert "Nhiệm vụ theo đơn vị chủ trì" not in english


def test_a_changed_user_renews_the_generation_the_dashboard_is_kept_under(client):
    from units import generations

    user = make_office_user()
    before = generations.generation()
    user.first_name = "Lan"
    user.save()

    assert generations.generation() != before


def test_a_change_made_inside_a_transaction_renews_the_dashboard_when_it_commits(
    django_capture_on_commit_callbacks,
):
    from units import generations

    first = generations.generation()
    # pytest-django runs the test in a transaction that never commits: the fixture runs the hooks
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            UnitFactory()
            inside = generations.generation()
            generations.renew([generations.DATA])  # a render racing the commit stored under this one
            raced = generations.generation()
        assert inside != first

    assert generations.generation() != raced


def dashboard_cache_clear():
    from django.core.cache import cache

    cache.clear()


def test_unit_dashboard_query_count_does_not_grow_with_the_data(client):
    unit = UnitFactory()
    head = make_unit_head(unit)
    client.force_login(head)
    build_year([unit])
    url = reverse("reports:unit-dashboard")
    client.get(url, {"year": LAST_YEAR})
    dashboard_cache_clear()  # computed afresh each time, as after a change
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"year": LAST_YEAR})

    build_year([unit], scale=3)
    plan = PlanFactory(year=LAST_YEAR, issued=True)
    for _ in range(3):  # three tasks addressed to a group: the unit's three shares count
        make_group_task(plan, units=[unit, UnitFactory()], due_date=datetime.date(LAST_YEAR, 4, 30))
    dashboard_cache_clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, {"year": LAST_YEAR})

    assert response.status_code == 200
    assert response.context["tasks"]["totals"]["total"] == 8 + 3
    assert len(large) == len(small)


def test_a_unit_head_cannot_open_the_office_dashboard(client):
    client.force_login(make_unit_head())

    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_a_unit_head_sees_their_units_figures_only_and_another_unit_is_a_404(client):
    other = UnitFactory(name="Đơn vị khác")
    build_year([other])
    mine = UnitFactory(name="Đơn vị của tôi")
    plan = PlanFactory(year=LAST_YEAR, issued=True)
    PlanTaskFactory(plan=plan, lead_unit=mine, due_date=datetime.date(LAST_YEAR, 3, 31), status="done")
    NominationFactory(year=LAST_YEAR, person=PersonFactory(unit=mine), status="submitted")
    client.force_login(make_unit_head(mine))
    url = reverse("reports:unit-dashboard")

    response = client.get(url, {"year": LAST_YEAR})
    refused = client.get(url, {"year": LAST_YEAR, "unit": other.pk})

    assert response.status_code == 200
    assert response.context["unit"] == mine
    assert response.context["tasks"]["totals"]["done"] == 1
    assert response.context["tasks"]["totals"]["total"] == 1
    assert response.context["nominations"]["grand_total"] == 1
    assert response.context["nominations"]["totals"]["submitted"] == 1
    assert response.context["submissions"]["totals"]["total"] == 0
    assert refused.status_code == 404


def test_the_office_picks_a_unit_on_the_unit_dashboard(office_client):
    unit = UnitFactory(name="Trung tâm Y tế huyện")
    build_year([unit])

    empty = office_client.get(reverse("reports:unit-dashboard"))
    response = office_client.get(reverse("reports:unit-dashboard"), {"unit": unit.pk, "year": LAST_YEAR})

    assert empty.status_code == 200 and empty.context["unit"] is None
    assert response.context["unit"] == unit
    assert response.context["tasks"]["totals"]["overdue"] == 1
    assert response.context["history"].grand_total == 1
    assert response.context["submissions"]["totals"]["missing"] == 1


def test_council_dashboard_is_for_council_members_and_the_office(client):
    setup = make_council_session(size=3, year=LAST_YEAR)
    member = setup.members[1]

    client.force_login(member)
    response = client.get(reverse("reports:council-dashboard"), {"year": LAST_YEAR})
    client.force_login(make_unit_head())
    refused = client.get(reverse("reports:council-dashboard"))

    assert response.status_code == 200
    assert [row["session_id"] for row in response.context["council"]["sessions"]] == [setup.session.pk]
    assert refused.status_code == 403


def test_home_page_links_the_office_and_unit_heads_to_their_figures(client):
    client.force_login(make_office_user())
    office_home = client.get(reverse("home")).content.decode()
    client.force_login(make_unit_head())
    head_home = client.get(reverse("home")).content.decode()

    assert "Bảng số liệu" in office_home and reverse("reports:dashboard") in office_home
    assert "Bảng số liệu" in head_home and reverse("reports:unit-dashboard") in head_home
