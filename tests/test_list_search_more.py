"""What single lists add to the search, sort and year filter every list shares
(``tests/test_list_search.py``): the clusters keep the year shown, the notifications are each
user's own, and the queues keep their tick boxes and their inbox filters under a search."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notify
from tests.factories import (
    ClusterFactory,
    NominationFactory,
    PersonFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    UserFactory,
    make_cluster,
    make_unit_head,
)

pytestmark = pytest.mark.django_db


def test_the_cluster_search_stays_in_the_year_shown_and_sorts_by_member_count(office_client):
    this_year = timezone.localdate().year
    ClusterFactory(name="Cụm Bệnh viện", year=this_year - 1)
    small = make_cluster(year=this_year, name="Cụm Bệnh viện tuyến tỉnh", members=[])
    large = make_cluster(year=this_year, name="Cụm Bệnh viện tuyến huyện", members=[UnitFactory()])

    found = office_client.get(reverse("units:cluster-list"), {"q": "benh vien", "sort": "-members"})
    html = office_client.get(reverse("units:cluster-list"), {"year": this_year - 1}).content.decode()

    assert [c.pk for c in found.context["clusters"]] == [large.pk, small.pk]
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


def test_the_verification_queue_keeps_its_tick_boxes_and_its_reminder_link_under_a_search(office_client):
    wanted = NominationFactory(
        person=PersonFactory(full_name="Nguyễn Thị Hằng", unit=UnitFactory(name="Khoa Nội")),
        year=2025,
        status="submitted",
    )

    searched = office_client.get(reverse("awards:verify-queue"), {"q": "nguyen", "sort": "nominee"})
    overdue = office_client.get(reverse("awards:verify-queue"), {"q": "nguyen", "overdue": "1"})
    header = searched.content.decode().split(
        '<table class="table table-hover align-middle" id="nominations">'
    )[1]

    assert list(searched.context["nominations"]) == [wanted]
    assert header.index("data-select-all") < header.index("sort-link")  # the tick-all cell comes first
    assert f'value="{wanted.pk}"' in header  # the row's tick box
    assert '<input type="hidden" name="overdue" value="1">' in overdue.content.decode()  # kept by a search
    assert list(overdue.context["nominations"]) == []  # not overdue: the reminder's filter still holds


def test_the_reports_overdue_of_the_inbox_link_are_searched_and_sorted_with_their_tick_boxes(office_client):
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

    every = office_client.get(url, {"status": "overdue"})
    searched = office_client.get(url, {"status": "overdue", "q": "benh vien"})
    by_unit = office_client.get(url, {"status": "overdue", "sort": "-unit"})
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
