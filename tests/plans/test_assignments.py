"""Tasks addressed to a group of units: each unit lists and reports its own share."""

import datetime

import pytest
from django.urls import reverse

from plans import parsed as p
from plans import services
from plans.enums import TaskStatus
from tests.factories import UnitFactory, make_unit_head
from units.refusals import Refused

pytestmark = pytest.mark.django_db


def _group_plan(office, office_unit, *, issue=True):
    parsed = p.ParsedPlan(
        title="Tổng kết công tác thi đua năm 2025",
        year=2025,
        symbol="KH-SYT",
        kind="review",
        blocks=[p.ParsedBlock(kind=p.BlockKind.TASK, numbering="1.", level=2, task_index=0)],
        tasks=[
            p.ParsedTask(
                content="Các bệnh viện gửi báo cáo tổng kết trước ngày 15/11/2025.",
                unit_group="hospitals",
                due_date=datetime.date(2025, 11, 15),
            )
        ],
    )
    plan = services.plan_create_from_parsed(parsed, by=office, lead_unit_default=office_unit)
    if issue:
        services.plan_issue(plan, by=office)
    return plan.tasks.get()


@pytest.fixture
def hospitals(db):
    return UnitFactory(kind="hospital", name="Bệnh viện A"), UnitFactory(kind="hospital", name="Bệnh viện B")


def test_a_unit_head_lists_the_shares_of_their_unit_only(client, office, office_unit, hospitals):
    task = _group_plan(office, office_unit)
    client.force_login(make_unit_head(hospitals[0]))

    response = client.get(reverse("plans:assignment-list"))

    assert [a.unit for a in response.context["assignments"]] == [hospitals[0]]
    assert task.content in response.content.decode()


def test_the_office_lists_every_share(client, office, office_unit, hospitals):
    _group_plan(office, office_unit)
    client.force_login(office)

    response = client.get(reverse("plans:assignment-list"))

    assert {a.unit for a in response.context["assignments"]} == set(hospitals)


def test_a_unit_head_reports_their_share_and_the_task_follows(client, office, office_unit, hospitals):
    task = _group_plan(office, office_unit)
    mine = task.assignments.get(unit=hospitals[0])
    client.force_login(make_unit_head(hospitals[0]))

    response = client.post(
        reverse("plans:assignment-progress", args=[mine.pk]), {"status": "done", "progress_note": "Đã gửi."}
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    task.refresh_from_db()
    assert (mine.status, mine.progress_note) == (TaskStatus.DONE, "Đã gửi.")
    assert task.status == TaskStatus.IN_PROGRESS  # the other hospital has not reported
    assert task.assignments.get(unit=hospitals[1]).status == TaskStatus.NOT_STARTED


def test_another_units_share_is_not_found(client, office, office_unit, hospitals):
    task = _group_plan(office, office_unit)
    theirs = task.assignments.get(unit=hospitals[1])
    client.force_login(make_unit_head(hospitals[0]))

    response = client.post(reverse("plans:assignment-progress", args=[theirs.pk]), {"status": "done"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == TaskStatus.NOT_STARTED


def test_the_shares_of_a_draft_plan_are_not_shown_to_units(client, office, office_unit, hospitals):
    _group_plan(office, office_unit, issue=False)
    client.force_login(make_unit_head(hospitals[0]))

    response = client.get(reverse("plans:assignment-list"))

    assert list(response.context["assignments"]) == []


def test_an_issued_plans_task_cannot_be_readdressed_to_another_group(office, office_unit, hospitals):
    task = _group_plan(office, office_unit)

    with pytest.raises(Refused):
        services.task_assign_group(task, by=office, group="all")

    task.refresh_from_db()
    assert task.unit_group == "hospitals"
    assert task.assignments.count() == 2


def test_the_share_pages_send_a_visitor_to_log_in_and_hide_another_units_share(
    client, office, office_unit, hospitals
):
    task = _group_plan(office, office_unit)
    mine, theirs = task.assignments.get(unit=hospitals[0]), task.assignments.get(unit=hospitals[1])

    anonymous = client.get(reverse("plans:assignment-progress", args=[mine.pk]))
    client.force_login(make_unit_head(hospitals[0]))
    other = client.get(reverse("plans:assignment-progress", args=[theirs.pk]))
    own = client.get(reverse("plans:assignment-progress", args=[mine.pk]))

    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert other.status_code == 404
    assert own.status_code == 200 and own.context["assignment"] == mine
    assert task.content in own.content.decode()


def test_a_done_share_is_listed_with_its_dates_and_the_done_badge(client, office, office_unit, hospitals):
    task = _group_plan(office, office_unit)
    mine = task.assignments.get(unit=hospitals[0])
    head = make_unit_head(hospitals[0])
    services.task_assignment_progress_update(mine, by=head, status=TaskStatus.DONE, note="Đã gửi báo cáo.")
    client.force_login(head)

    page = client.get(reverse("plans:assignment-list")).content.decode()

    row = page.split('id="assignment-list"', 1)[1]
    assert "15/11/2025" in row and "Đã gửi báo cáo." in row
    assert 'class="badge text-bg-success"' in row
