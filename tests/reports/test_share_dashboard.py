"""A task addressed to a group of units counts on the dashboards once per unit's share, under
that unit and with the share's own status; a unit head counts only their unit's share."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.selectors import office_task_summary
from tests.factories import PlanFactory, PlanTaskFactory, UnitFactory, make_group_task, make_unit_head
from tests.reports.test_dashboard_views import cell

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1  # every open share of last year is overdue by now


@pytest.fixture
def world():
    office = UnitFactory(name="Văn phòng Sở", order=1)
    hospitals = [UnitFactory(name=f"Bệnh viện {x}", order=k + 2) for k, x in enumerate("ABC")]
    plan = PlanFactory(year=LAST_YEAR, issued=True)
    task = make_group_task(
        plan,
        units=hospitals,
        statuses=["done", "in_progress", "not_started"],
        lead_unit=office,
        due_date=datetime.date(LAST_YEAR, 5, 31),
    )
    # A task of the office's own, not addressed to a group: counted under the office as before.
    PlanTaskFactory(plan=plan, lead_unit=office, due_date=datetime.date(LAST_YEAR, 2, 28), status="done")
    return {"office": office, "hospitals": hospitals, "task": task}


def test_the_office_dashboard_counts_each_share_under_its_unit_and_an_overdue_share_once_per_unit(
    office_client, world
):
    office, (a, b, c) = world["office"], world["hospitals"]

    response = office_client.get(reverse("reports:dashboard"), {"year": LAST_YEAR})

    html = response.content.decode()
    assert [cell(html, f'data-unit="{a.pk}"', s)[0] for s in ("done", "overdue", "total")] == [1, 0, 1]
    assert [cell(html, f'data-unit="{b.pk}"', s)[0] for s in ("done", "overdue", "total")] == [0, 1, 1]
    assert [cell(html, f'data-unit="{c.pk}"', s)[0] for s in ("done", "overdue", "total")] == [0, 1, 1]
    # The lead unit keeps its own task only, not the group's.
    assert [cell(html, f'data-unit="{office.pk}"', s)[0] for s in ("done", "overdue", "total")] == [1, 0, 1]
    assert cell(html, 'data-quarter="2"', "overdue")[0] == 2
    assert response.context["tasks"]["totals"]["overdue"] == 2
    assert response.context["tasks"]["totals"]["total"] == 4


def test_a_unit_head_counts_their_own_share_and_no_other(client, world):
    a, b, _c = world["hospitals"]

    client.force_login(make_unit_head(b))
    mine = client.get(reverse("reports:unit-dashboard"), {"year": LAST_YEAR}).context["tasks"]["totals"]
    client.force_login(make_unit_head(a))
    done = client.get(reverse("reports:unit-dashboard"), {"year": LAST_YEAR}).context["tasks"]["totals"]

    assert (mine["overdue"], mine["done"], mine["total"]) == (1, 0, 1)
    assert (done["overdue"], done["done"], done["total"]) == (0, 1, 1)


def test_a_share_done_leaves_the_overdue_figures(office_client, world):
    world["task"].assignments.filter(unit=world["hospitals"][1]).update(status="done")

    response = office_client.get(reverse("reports:dashboard"), {"year": LAST_YEAR})

    assert response.context["tasks"]["totals"]["overdue"] == 1
    assert response.context["tasks"]["totals"]["done"] == 3


def test_the_unit_heads_home_panel_shows_their_open_shares(client, world):
    _a, b, _c = world["hospitals"]
    client.force_login(make_unit_head(b))

    html = client.get(reverse("home")).content.decode()

    found = re.search(
        r"Phần việc của đơn vị chưa hoàn thành: <a href=\"([^\"]+)\"><strong>(\d+)</strong>", html
    )
    assert found and found.group(1) == reverse("plans:assignment-list")
    assert int(found.group(2)) == 1


def test_the_offices_home_panel_counts_an_overdue_share_once_per_unit(client, world):
    summary = office_task_summary(today=datetime.date(LAST_YEAR, 6, 15))

    assert summary["overdue"] == 2  # the shares of B and C; A's is done, the office's task is done


def _rows(client, link):
    return list(client.get(link).context["tasks"])


@pytest.mark.parametrize("state", ["done", "overdue", "total"])
def test_each_unit_figure_of_the_office_dashboard_opens_a_task_list_of_as_many_rows(
    office_client, world, state
):
    html = office_client.get(reverse("reports:dashboard"), {"year": LAST_YEAR}).content.decode()

    for unit in [world["office"], *world["hospitals"]]:
        count, link = cell(html, f'data-unit="{unit.pk}"', state)
        if count:
            assert len(_rows(office_client, link)) == count, (unit.name, state)


def test_a_share_in_the_task_list_shows_the_units_status_and_leads_to_the_shares_progress(
    office_client, world
):
    a, b, _c = world["hospitals"]
    html = office_client.get(reverse("reports:dashboard"), {"year": LAST_YEAR}).content.decode()
    _count, link = cell(html, f'data-unit="{a.pk}"', "total")

    (task,) = _rows(office_client, link)
    page = office_client.get(link).content.decode()

    assert task.display_status == "done"  # A's share, while the task itself is still open
    share = world["task"].assignments.get(unit=a)
    assert reverse("plans:assignment-progress", args=[share.pk]) in page
    assert world["task"].assignments.get(unit=b).pk != share.pk
