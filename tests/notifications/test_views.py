import datetime
import logging

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from notifications import services
from notifications.models import Notification, NotificationPreference, ReminderLog, ReminderResend
from tests.factories import AgencyFactory, UserFactory, make_office_user, make_unit_head

from .conftest import SITE

pytestmark = pytest.mark.django_db

D = datetime.date


def _notify(user, n=1, **kwargs):
    for i in range(n):
        services.notify(
            "plan_issued",
            to=user,
            title=kwargs.get("title", f"Thông báo {i + 1}"),
            url=kwargs.get("url", "/plans/1/"),
        )


# ---------------------------------------------------------------------------------------------
# The list and the bell
# ---------------------------------------------------------------------------------------------
def test_the_list_shows_only_own_notifications_unread_first(client):
    user, other = UserFactory(), UserFactory()
    _notify(other, title="Của người khác")
    _notify(user, title="Đã đọc")
    Notification.objects.filter(title="Đã đọc").update(read_at="2022-03-01T00:00Z")
    _notify(user, title="Chưa đọc")
    client.force_login(user)

    response = client.get(reverse("notifications:list"))

    titles = [n.title for n in response.context["notifications"]]
    assert titles == ["Chưa đọc", "Đã đọc"]
    assert "Của người khác" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_query_count_does_not_grow_with_the_items(client, django_assert_num_queries, count):
    AgencyFactory()
    user = UserFactory()
    _notify(user, n=count)
    client.force_login(user)

    with django_assert_num_queries(8):
        response = client.get(reverse("notifications:list"))

    assert len(response.context["notifications"]) == count


def test_the_bell_shows_the_unread_count(client):
    user = UserFactory()
    _notify(user, n=2)
    _notify(UserFactory(), n=3)
    client.force_login(user)

    page = client.get(reverse("home")).content.decode()
    partial = client.get(
        reverse("notifications:partial-bell"), headers={"HX-Request": "true"}
    ).content.decode()

    for html in (page, partial):
        assert 'id="notification-bell"' in html
        assert '<span class="badge rounded-pill bg-danger" id="notification-count"' in html
        assert ">2</span>" in html


def test_mark_all_read_empties_the_bell(client):
    user = UserFactory()
    _notify(user, n=2)
    client.force_login(user)

    response = client.post(reverse("notifications:read-all"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("notifications:list")
    assert 'id="notification-count"' not in response.content.decode()
    assert Notification.objects.unread().count() == 0


def test_mark_all_read_does_not_touch_other_users(client):
    user, other = UserFactory(), UserFactory()
    _notify(other)
    client.force_login(user)

    client.post(reverse("notifications:read-all"))

    assert Notification.objects.get(recipient=other).read_at is None


def test_reading_another_users_notification_is_a_404(client):
    owner, intruder = UserFactory(), UserFactory()
    _notify(owner)
    notification = Notification.objects.get()
    client.force_login(intruder)

    response = client.post(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_get_on_mark_read_changes_nothing(client):
    user = UserFactory()
    _notify(user)
    notification = Notification.objects.get()
    client.force_login(user)

    response = client.get(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client):
    user = UserFactory()
    _notify(user, url="/plans/tasks/42/")
    notification = Notification.objects.get()
    client.force_login(user)

    response = client.post(reverse("notifications:read", args=[notification.pk]), {"open": "1"})

    assert response.status_code == 302 and response.url == "/plans/tasks/42/"
    notification.refresh_from_db()
    assert notification.read_at is not None


# ---------------------------------------------------------------------------------------------
# Preferences and the calendar feed
# ---------------------------------------------------------------------------------------------
def test_the_settings_page_saves_the_digest_choice_and_shows_the_feed_url(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("notifications:settings"), {"digest": "on"})
    response = client.get(reverse("notifications:settings"))

    token = NotificationPreference.objects.get(user=user).calendar_token
    assert NotificationPreference.objects.get(user=user).digest is True
    assert f"{SITE}/notifications/calendar/{token}.ics" in response.content.decode()


def test_resetting_the_calendar_token_retires_the_old_address(client, board):
    user = make_unit_head()
    board.put("plans.PlanTask:42", D(2030, 3, 31), recipients=[user])
    old = services.preference_for(user).calendar_token
    old_url = reverse("notifications:calendar-feed", args=[old])
    assert client.get(old_url).status_code == 200
    client.force_login(user)

    client.post(reverse("notifications:calendar-reset"))
    client.logout()

    new = NotificationPreference.objects.get(user=user).calendar_token
    assert client.get(old_url).status_code == 403
    assert client.get(reverse("notifications:calendar-feed", args=[new])).status_code == 200


# ---------------------------------------------------------------------------------------------
# The office's page of reminders sent
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def sent_reminders(board, scan_on):
    heads = [make_unit_head(username=f"head{i}") for i in range(3)]
    for i, head in enumerate(heads):
        board.put(f"plans.PlanTask:{i}", D(2022, 3, 31), title=f"Nhiệm vụ số {i}", recipients=[head])
    scan_on(D(2022, 3, 24))
    mail.outbox.clear()
    return heads


def test_the_office_sees_what_was_sent_to_whom_and_when(client, sent_reminders):
    client.force_login(make_office_user())

    response = client.get(reverse("notifications:sent"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nhắc việc đã gửi" in body
    for i in range(3):
        assert f"Nhiệm vụ số {i}" in body
    assert "24/03/2022 07:00" in body
    assert "7 ngày trước hạn" in body


def test_the_log_filters_by_recipient(client, sent_reminders):
    client.force_login(make_office_user())

    response = client.get(reverse("notifications:sent"), {"q": "head1"})

    assert [log.recipient.username for log in response.context["logs"]] == ["head1"]


@pytest.mark.parametrize("count", [1, 3])
def test_the_log_query_count_does_not_grow_with_the_rows(
    client, board, scan_on, django_assert_num_queries, count
):
    AgencyFactory()
    for i in range(count):
        board.put(f"plans.PlanTask:{i}", D(2022, 3, 31), recipients=[make_unit_head()])
    scan_on(D(2022, 3, 24))
    client.force_login(make_office_user())

    with django_assert_num_queries(8):
        response = client.get(reverse("notifications:sent"))

    assert len(response.context["logs"]) == count


def test_a_unit_head_may_not_see_the_log(client, sent_reminders):
    client.force_login(sent_reminders[0])

    assert client.get(reverse("notifications:sent")).status_code == 403


def test_the_office_resends_one_reminder_by_hand(client, sent_reminders):
    office = make_office_user()
    log = ReminderLog.objects.get(recipient=sent_reminders[1])
    client.force_login(office)

    response = client.post(reverse("notifications:resend", args=[log.pk]))

    assert response.status_code == 302
    resend = ReminderResend.objects.get()
    assert (resend.log, resend.by) == (log, office)
    assert ReminderLog.objects.count() == 3
    assert Notification.objects.filter(recipient=sent_reminders[1]).count() == 2


@pytest.mark.parametrize("nxt", ["-1", "home", "x" * 300])
def test_a_resend_with_a_next_that_is_not_an_address_redirects_without_a_server_error(
    client, sent_reminders, nxt
):
    log = ReminderLog.objects.get(recipient=sent_reminders[1])
    client.force_login(make_office_user())

    response = client.post(reverse("notifications:resend", args=[log.pk]), {"next": nxt})

    assert response.status_code == 302


def test_a_unit_head_cannot_resend(client, sent_reminders):
    log = ReminderLog.objects.get(recipient=sent_reminders[1])
    client.force_login(sent_reminders[0])

    response = client.post(reverse("notifications:resend", args=[log.pk]))

    assert response.status_code == 403
    assert not ReminderResend.objects.exists()


def test_the_scan_button_keeps_working_with_the_broker_down(client, broker_down, caplog):
    client.force_login(make_office_user())

    with caplog.at_level(logging.WARNING, logger="notifications.tasks"):
        response = client.post(reverse("notifications:scan"))

    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["info"]
    assert "broker unavailable" in caplog.text


def test_the_log_filters_by_overdue(client, board, scan_on):
    head, office = make_unit_head(username="bvdk"), make_office_user(username="vanphong")
    board.put("plans.PlanTask:1", D(2022, 3, 31), recipients=[head], escalate_to=[office])
    for day in (D(2022, 3, 24), D(2022, 3, 30), D(2022, 4, 1)):
        scan_on(day)
    client.force_login(office)

    overdue = client.get(reverse("notifications:sent"), {"offset_days": "-1"}).context["logs"]
    escalated = client.get(reverse("notifications:sent"), {"escalation": "true"}).context["logs"]

    assert sorted(log.recipient.username for log in overdue) == ["bvdk", "vanphong"]
    assert [log.recipient.username for log in escalated] == ["vanphong"]


@pytest.mark.parametrize("model", ["notification", "reminderlog", "notificationpreference"])
def test_the_admin_lists_open_for_the_office(client, sent_reminders, model):
    client.force_login(make_office_user())

    response = client.get(reverse(f"admin:notifications_{model}_changelist"))

    assert response.status_code == 200


def test_the_reminder_log_is_read_only_in_the_admin(client, sent_reminders):
    client.force_login(make_office_user(is_superuser=True))
    log = ReminderLog.objects.first()

    add = client.get(reverse("admin:notifications_reminderlog_add"))
    delete = client.post(reverse("admin:notifications_reminderlog_delete", args=[log.pk]), {"post": "yes"})

    assert add.status_code == 403
    assert delete.status_code == 403
    assert ReminderLog.objects.filter(pk=log.pk).exists()
