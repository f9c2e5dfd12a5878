"""The search box, sortable columns and year filter of the clusters, reorganisations, criteria
sets, calls for nominations and disclosure periods: the same as every other list
(``tests/test_list_search.py``)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import NominationCall
from notifications.models import Notification
from notifications.services import notify
from reports.models import SummaryReport
from tests.factories import (
    ClusterFactory,
    CriteriaSetFactory,
    DisclosurePeriodFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskAssignmentFactory,
    PlanTaskFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    UserFactory,
    make_cluster,
    make_office_user,
    make_unit_head,
)
from units.models import Reorganisation

pytestmark = pytest.mark.django_db


@dataclass
class ListPage:
    url: str
    rows: str  # the page's context name of its rows
    make: Callable  # make(text, year, rank): a row searched by ``text``, ``rank``-th under ``sort``
    sort: str  # a sort key
    yearly: bool = True


def _reorganisation(text, year, rank=1):
    return Reorganisation.objects.create(
        kind="rename",
        effective=datetime.date(year, 1, rank),
        decision_number=f"{rank}/QĐ-SYT",
        decision_date=datetime.date(year - 1, 12, rank),
        issuer="Sở Y tế",
        old_name="Trung tâm Y tế huyện",
        new_name=text,
    )


def _call(text, year, rank=1):
    return NominationCall.objects.create(year=year, deadline=datetime.date(year, 10, rank), note=text)


def _disclosure(text, year, rank=1):
    return DisclosurePeriodFactory(
        note=text, year=year, opens=datetime.date(year, 11, rank), closes=datetime.date(year, 11, 20)
    )


def _assignment(text, year, rank=1):
    task = PlanTaskFactory(
        content=text,
        plan=PlanFactory(year=year, issued=True, title="Kế hoạch công tác"),
        lead_unit=UnitFactory(name="Khoa Nội"),
    )
    return PlanTaskAssignmentFactory(task=task, unit=UnitFactory(name="Khoa Ngoại"))


def _summary(text, year, rank=1):
    """A year-end report (one a year: the rank is the year's place after ``year``)."""
    return SummaryReport.objects.create(year=year + rank - 1, kind="year_end", general_situation=text)


LISTS = {
    "clusters": ListPage(
        "units:cluster-list",
        "clusters",
        lambda text, year, rank=1: ClusterFactory(name=text, year=timezone.localdate().year),
        "name",
        yearly=False,
    ),
    "reorganisations": ListPage("units:reorganisation-list", "events", _reorganisation, "effective"),
    "criteria sets": ListPage(
        "campaigns:criteria-list",
        "object_list",
        lambda text, year, rank=1: CriteriaSetFactory(name=text, year=year),
        "name",
    ),
    "calls": ListPage("awards:call-list", "calls", _call, "deadline"),
    "disclosures": ListPage("awards:disclosure-list", "periods", _disclosure, "opens"),
    "verification queue": ListPage(
        "awards:verify-queue",
        "nominations",
        lambda text, year, rank=1: NominationFactory(
            person=PersonFactory(full_name=text, unit=UnitFactory(name="Khoa Nội")),
            year=year,
            status="submitted",
        ),
        "nominee",
    ),
    "report requests": ListPage(
        "plans:submission-list",
        "requests",
        lambda text, year, rank=1: SubmissionRequestFactory(
            title=text, due_date=datetime.date(year, 3, rank)
        ),
        "title",
    ),
    "summary reports": ListPage("reports:summary-list", "reports", _summary, "report"),
    "assignments": ListPage("plans:assignment-list", "assignments", _assignment, "content"),
}


@pytest.fixture
def office(client):
    client.force_login(make_office_user())
    return client


def rows(client, page: ListPage, **params):
    response = client.get(reverse(page.url), params)
    assert response.status_code == 200
    return list(response.context[page.rows])


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("stored", "typed"),
    [("Nguyễn Thị Hằng", "nguyen hang"), ("Bệnh viện Đa khoa", "benh vien"), ("Đường Văn Lộc", "duong")],
)
def test_a_list_finds_a_row_typed_without_accents(office, name, stored, typed):
    page = LISTS[name]
    wanted = page.make(stored, 2025)
    page.make("Trần Văn Bình", 2025, 2)

    found = rows(office, page, q=typed)

    assert found == [wanted]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_shows_its_search_box_labelled(office, name):
    html = office.get(reverse(LISTS[name].url)).content.decode()

    assert 'role="search"' in html
    assert '<label for="id_q" class="form-label">' in html and 'type="search" name="q"' in html


@pytest.mark.parametrize("name", LISTS)
def test_a_sortable_column_orders_the_list_both_ways_and_says_so(office, name):
    page = LISTS[name]
    middle = page.make("Đặng Minh", 2025, 2)
    last = page.make("Vũ Thị Mai", 2025, 3)
    first = page.make("Ánh Dương", 2025, 1)

    ascending = rows(office, page, sort=page.sort)
    descending = rows(office, page, sort=f"-{page.sort}")
    html = office.get(reverse(page.url), {"sort": page.sort, "q": "m"}).content.decode()

    assert [r.pk for r in ascending] == [first.pk, middle.pk, last.pk]
    assert [r.pk for r in descending] == [last.pk, middle.pk, first.pk]
    assert 'aria-sort="ascending"' in html
    assert f"sort=-{page.sort}" in html and "q=m" in html  # the next click reverses, the search stays


@pytest.mark.parametrize("name", LISTS)
def test_a_sort_key_outside_the_whitelist_leaves_the_list_as_it_was(office, name):
    page = LISTS[name]
    shown = page.make("Nguyễn Văn An", 2025)

    assert [r.pk for r in rows(office, page, sort="password")] == [shown.pk]


@pytest.mark.parametrize("name", [n for n, page in LISTS.items() if page.yearly])
def test_a_list_that_spans_years_keeps_the_rows_of_the_year_chosen(office, name):
    page = LISTS[name]
    old = page.make("Năm cũ", 2024)
    new = page.make("Năm mới", 2025)

    every_year = rows(office, page)
    of_2024 = rows(office, page, year=2024)
    html = office.get(reverse(page.url)).content.decode()

    assert {r.pk for r in every_year} == {old.pk, new.pk}  # no year chosen: every year
    assert [r.pk for r in of_2024] == [old.pk]
    assert 'name="year"' in html


def test_the_cluster_search_stays_in_the_year_shown_and_sorts_by_member_count(office):
    this_year = timezone.localdate().year
    ClusterFactory(name="Cụm Bệnh viện", year=this_year - 1)
    small = make_cluster(year=this_year, name="Cụm Bệnh viện tuyến tỉnh", members=[])
    large = make_cluster(year=this_year, name="Cụm Bệnh viện tuyến huyện", members=[UnitFactory()])

    found = rows(office, LISTS["clusters"], q="benh vien", sort="-members")
    html = office.get(reverse("units:cluster-list"), {"year": this_year - 1}).content.decode()

    assert [c.pk for c in found] == [large.pk, small.pk]
    assert f'<input type="hidden" name="year" value="{this_year - 1}">' in html  # a search keeps the year


def _notification(user, title, minutes_ago=0):
    (notification,) = notify("plan_issued", to=user, title=title, body="Kế hoạch thi đua", url="/plans/1/")
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    return notification


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("Nguyễn Thị Hằng", "nguyen hang"), ("Bệnh viện Đa khoa", "benh vien"), ("Đường Văn Lộc", "duong")],
)
def test_the_notifications_find_one_typed_without_accents(client, stored, typed):
    user = UserFactory()
    wanted = _notification(user, stored)
    _notification(user, "Trần Văn Bình")
    _notification(UserFactory(), stored)  # another's: never shown
    client.force_login(user)

    response = client.get(reverse("notifications:list"), {"q": typed})
    html = response.content.decode()

    assert [n.pk for n in response.context["notifications"]] == [wanted.pk]
    assert '<label for="id_q" class="form-label">' in html and 'type="search" name="q"' in html


def test_the_notifications_sort_both_ways_by_title_and_by_time(client):
    user = UserFactory()
    middle = _notification(user, "Đặng Minh", minutes_ago=20)
    last = _notification(user, "Vũ Thị Mai", minutes_ago=10)
    first = _notification(user, "Ánh Dương", minutes_ago=30)
    client.force_login(user)

    def shown(sort):
        response = client.get(reverse("notifications:list"), {"sort": sort})
        return [n.pk for n in response.context["notifications"]]

    assert shown("title") == [first.pk, middle.pk, last.pk]
    assert shown("-title") == [last.pk, middle.pk, first.pk]
    assert shown("created") == [first.pk, middle.pk, last.pk]
    assert shown("-created") == [last.pk, middle.pk, first.pk]
    assert shown("password") == [last.pk, middle.pk, first.pk]  # unread first, newest first


def test_the_verification_queue_keeps_its_tick_boxes_and_its_reminder_link_under_a_search(office):
    wanted = LISTS["verification queue"].make("Nguyễn Thị Hằng", 2025)

    searched = office.get(reverse("awards:verify-queue"), {"q": "nguyen", "sort": "nominee"})
    overdue = office.get(reverse("awards:verify-queue"), {"q": "nguyen", "overdue": "1"})
    header = searched.content.decode().split(
        '<table class="table table-hover align-middle" id="nominations">'
    )[1]

    assert list(searched.context["nominations"]) == [wanted]
    assert header.index("data-select-all") < header.index("sort-link")  # the tick-all cell comes first
    assert f'value="{wanted.pk}"' in header  # the row's tick box
    assert '<input type="hidden" name="overdue" value="1">' in overdue.content.decode()  # kept by a search
    assert list(overdue.context["nominations"]) == []  # not overdue: the reminder's filter still holds


def test_the_reports_overdue_of_the_inbox_link_are_searched_and_sorted_with_their_tick_boxes(office):
    past = timezone.localdate() - datetime.timedelta(days=3)
    hospital = UnitSubmissionFactory(
        request=SubmissionRequestFactory(title="Báo cáo quý", due_date=past),
        unit=UnitFactory(name="Bệnh viện Đa khoa"),
    )
    ward = UnitSubmissionFactory(
        request=SubmissionRequestFactory(title="Báo cáo quý", due_date=past),
        unit=UnitFactory(name="Ánh Dương"),
    )
    url = reverse("plans:submission-list")

    every = office.get(url, {"status": "overdue"})
    searched = office.get(url, {"status": "overdue", "q": "benh vien"})
    by_unit = office.get(url, {"status": "overdue", "sort": "-unit"})
    header = by_unit.content.decode().split("<thead>")[1]

    assert every.context["waiting_count"] == 2  # the inbox's count: every year
    assert [r.pk for r in searched.context["rows"]] == [hospital.pk]
    assert '<input type="hidden" name="status" value="overdue">' in searched.content.decode()
    assert [r.pk for r in by_unit.context["rows"]] == [hospital.pk, ward.pk]
    assert header.index("data-select-all") < header.index("sort-link")  # the tick-all cell comes first


def test_a_unit_head_searches_and_sorts_the_reports_their_unit_sends(client):
    unit = UnitFactory(name="Khoa Nội")
    client.force_login(make_unit_head(unit))
    wanted = UnitSubmissionFactory(
        request=SubmissionRequestFactory(title="Báo cáo Đường dây nóng"), unit=unit
    )
    other = UnitSubmissionFactory(request=SubmissionRequestFactory(title="Báo cáo quý"), unit=unit)
    UnitSubmissionFactory(request=SubmissionRequestFactory(title="Báo cáo Đường dây nóng"))  # another unit's

    found = client.get(reverse("plans:submission-list"), {"q": "duong"}).context["rows"]
    by_title = client.get(reverse("plans:submission-list"), {"sort": "-title"}).context["rows"]

    assert [r.pk for r in found] == [wanted.pk]
    assert [r.pk for r in by_title] == [other.pk, wanted.pk]
