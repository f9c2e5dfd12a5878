import datetime

import pytest
from django.urls import reverse

from notifications import services
from notifications.calendar import fold
from tests.factories import make_office_user, make_unit_head

from .conftest import SITE

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def feed(board, client):
    head = make_unit_head(username="bvdk")
    other = make_unit_head(username="ttyt")
    board.put(
        "plans.PlanTask:42",
        D(2030, 3, 31),
        recipients=[head],
        title="Gửi báo cáo sơ kết 6 tháng đầu năm; tổng hợp, đánh giá kết quả phong trào thi đua của đơn vị",
        summary="Bệnh viện Đa khoa tỉnh, khoa Nội",
    )
    board.put("plans.PlanTask:43", D(2030, 4, 15), recipients=[other], title="Việc của đơn vị khác")
    token = services.preference_for(head).calendar_token
    return client.get(reverse("notifications:calendar-feed", args=[token]))


def test_the_feed_is_icalendar_text_with_crlf_lines(feed):
    raw = feed.content.decode("utf-8")

    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert raw.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert raw.endswith("END:VCALENDAR\r\n")
    assert "\n" not in raw.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in raw.split("\r\n"))


def test_the_feed_lists_only_the_users_deadlines_as_all_day_events(feed):
    unfolded = feed.content.decode("utf-8").replace("\r\n ", "")
    lines = unfolded.split("\r\n")

    assert lines.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20300331" in lines
    assert "DTEND;VALUE=DATE:20300401" in lines
    assert any(line.startswith("UID:plans.PlanTask-42@") for line in lines)
    summary = "SUMMARY:Gửi báo cáo sơ kết 6 tháng đầu năm\\; tổng hợp\\, "
    assert summary + "đánh giá kết quả phong trào thi đua của đơn vị" in lines
    assert "DESCRIPTION:Bệnh viện Đa khoa tỉnh\\, khoa Nội" in lines
    assert f"URL:{SITE}/plans/tasks/42/" in lines
    assert "Việc của đơn vị khác" not in unfolded


def test_the_office_feed_holds_what_escalates_to_the_office(board, client):
    office = make_office_user()
    board.put("plans.PlanTask:42", D(2030, 3, 31), recipients=[make_unit_head()], escalate_to=[office])

    response = client.get(
        reverse("notifications:calendar-feed", args=[services.preference_for(office).calendar_token])
    )

    assert response.content.decode().count("BEGIN:VEVENT") == 1


def test_an_unknown_token_is_refused(client):
    response = client.get(reverse("notifications:calendar-feed", args=["khong-dung"]))

    assert response.status_code == 403


def test_folding_never_splits_a_vietnamese_letter():
    line = "SUMMARY:" + "Thi đua yêu nước " * 10

    folded = fold(line)

    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode("utf-8")) <= 75 - (i > 0) for i, p in enumerate(parts))
