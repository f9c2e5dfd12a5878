import datetime

import pytest
import time_machine
from django.core import mail

from notifications import services
from notifications.enums import EmailStatus, Kind
from notifications.models import Notification, NotificationPreference, ReminderLog
from tests.factories import UserFactory, make_office_user, make_unit_head

from .conftest import SITE, at_vn

pytestmark = pytest.mark.django_db

D = datetime.date


def _days(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def _sent(since_pk=0):
    return sorted(
        (
            log.sent_at.astimezone(at_vn(D(2022, 1, 1)).tzinfo).date(),
            log.recipient.username,
            log.key,
            log.offset_days,
        )
        for log in ReminderLog.objects.filter(pk__gt=since_pk).select_related("recipient")
    )


# ---------------------------------------------------------------------------------------------
# The whole calendar of the Hà Nam 2022 plan (KH-HĐTĐKT): monthly tasks of the standing office,
# and "units send their own plans before 31/3/2022".
# ---------------------------------------------------------------------------------------------
MONTH_ENDS = [D(2022, m + 1, 1) - datetime.timedelta(days=1) for m in range(1, 12)] + [D(2022, 12, 31)]


@pytest.fixture
def hanam_2022(board):
    office = [make_office_user(username="vanphong1"), make_office_user(username="vanphong2")]
    tchc = make_unit_head(username="tchc")  # Phòng Tổ chức - Hành chính: leads the monthly tasks
    bv1, bv2, ttyt = (make_unit_head(username=name) for name in ("bv1", "bv2", "ttyt"))
    for month, due in enumerate(MONTH_ENDS, start=1):
        done_on = {2: D(2022, 2, 25), 6: None}.get(month, due)  # T2 early, T6 never, others on the day
        board.put(
            f"plans.PlanTask:{month}",
            due,
            title=f"Nhiệm vụ TĐKT tháng {month}/2022",
            recipients=[tchc],
            escalate_to=office,
            done_on=done_on,
        )
    board.put(
        "plans.SubmissionRequest:1",
        D(2022, 3, 31),
        title="Kế hoạch công tác thi đua, khen thưởng năm 2022 của đơn vị",
        recipients={bv1: D(2022, 3, 20), bv2: D(2022, 3, 27), ttyt: None},
        escalate_to=office,
        url="/plans/requests/1/",
    )
    return board


def test_hanam_2022_calendar_sends_exactly_these_reminders_to_these_people_on_these_days(hanam_2022, scan_on):
    for day in _days(D(2022, 1, 1), D(2023, 1, 10)):
        scan_on(day)

    t = "plans.PlanTask:"
    sr = "plans.SubmissionRequest:1"
    expected = sorted(
        [
            (D(2022, 1, 24), "tchc", t + "1", 7),
            (D(2022, 1, 30), "tchc", t + "1", 1),
            (D(2022, 2, 21), "tchc", t + "2", 7),  # done on 25/2: no more
            (D(2022, 3, 24), "tchc", t + "3", 7),
            (D(2022, 3, 30), "tchc", t + "3", 1),
            (D(2022, 3, 24), "bv2", sr, 7),  # bv1 submitted on 20/3, bv2 on 27/3
            (D(2022, 3, 24), "ttyt", sr, 7),
            (D(2022, 3, 30), "ttyt", sr, 1),
            (D(2022, 4, 1), "ttyt", sr, -1),
            (D(2022, 4, 1), "vanphong1", sr, -1),
            (D(2022, 4, 1), "vanphong2", sr, -1),
            (D(2022, 4, 23), "tchc", t + "4", 7),
            (D(2022, 4, 29), "tchc", t + "4", 1),
            (D(2022, 5, 24), "tchc", t + "5", 7),
            (D(2022, 5, 30), "tchc", t + "5", 1),
            (D(2022, 6, 23), "tchc", t + "6", 7),
            (D(2022, 6, 29), "tchc", t + "6", 1),
            (D(2022, 7, 1), "tchc", t + "6", -1),  # never done: overdue, and the office is told
            (D(2022, 7, 1), "vanphong1", t + "6", -1),
            (D(2022, 7, 1), "vanphong2", t + "6", -1),
            (D(2022, 7, 24), "tchc", t + "7", 7),
            (D(2022, 7, 30), "tchc", t + "7", 1),
            (D(2022, 8, 24), "tchc", t + "8", 7),
            (D(2022, 8, 30), "tchc", t + "8", 1),
            (D(2022, 9, 23), "tchc", t + "9", 7),
            (D(2022, 9, 29), "tchc", t + "9", 1),
            (D(2022, 10, 24), "tchc", t + "10", 7),
            (D(2022, 10, 30), "tchc", t + "10", 1),
            (D(2022, 11, 23), "tchc", t + "11", 7),
            (D(2022, 11, 29), "tchc", t + "11", 1),
            (D(2022, 12, 24), "tchc", t + "12", 7),
            (D(2022, 12, 30), "tchc", t + "12", 1),
        ]
    )
    assert _sent() == expected
    assert len(mail.outbox) == 32
    assert sorted(m.to[0].split("@")[0] for m in mail.outbox).count("tchc") == 24
    assert ReminderLog.objects.filter(escalation=True).count() == 4


def test_a_second_scan_the_same_day_sends_nothing(board, scan_on):
    head = make_unit_head()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])
    first = scan_on(D(2022, 3, 24))

    second = scan_on(D(2022, 3, 24), hour=8)

    assert first["sent"] == 1
    assert second["sent"] == 0 and second["already_sent"] == 1
    assert ReminderLog.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_moved_deadline_is_reminded_on_the_new_schedule(board, scan_on):
    head = make_unit_head(username="bvdk")
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])
    scan_on(D(2022, 3, 24))
    board.move("plans.PlanTask:42", D(2022, 4, 10))

    for day in _days(D(2022, 3, 25), D(2022, 4, 20)):
        scan_on(day)

    assert [(day, offset) for day, _user, _key, offset in _sent()] == [
        (D(2022, 3, 24), 7),
        (D(2022, 4, 3), 7),
        (D(2022, 4, 9), 1),
        (D(2022, 4, 11), -1),
    ]
    assert list(ReminderLog.objects.order_by("sent_at").values_list("due_date", flat=True)) == [
        D(2022, 3, 31),
        D(2022, 4, 10),
        D(2022, 4, 10),
        D(2022, 4, 10),
    ]


def test_the_7_day_reminder_follows_the_date_in_vietnam_not_utc(board, settings):
    settings.REMINDER_SCAN_HOUR = 0  # the day's reminders go out from midnight
    head = make_unit_head()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])

    with time_machine.travel(datetime.datetime(2022, 3, 23, 18, 0, tzinfo=datetime.UTC), tick=False):
        settings.TIME_ZONE = "UTC"
        in_utc = services.reminders_scan()
        settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
        in_vietnam = services.reminders_scan()

    assert in_utc["sent"] == 0  # 23/3 in UTC: 8 days before
    assert in_vietnam["sent"] == 1  # 01:00 on 24/3 in Vietnam: 7 days before
    assert ReminderLog.objects.get().offset_days == 7


def test_a_reminder_missed_by_a_day_without_scan_goes_out_the_next_day(board, scan_on):
    head = make_unit_head()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])
    scan_on(D(2022, 3, 24))

    caught_up = scan_on(D(2022, 3, 31))  # no scan ran on 30/3 (broker down)

    assert caught_up["sent"] == 1
    assert ReminderLog.objects.latest("sent_at").offset_days == 1


def test_a_reminder_missed_longer_than_the_grace_days_is_dropped(board, scan_on):
    head = make_unit_head()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])

    late = scan_on(D(2022, 3, 28))  # the 7-day reminder was due 24/3, four days ago (grace: 3)
    just_in_time = scan_on(D(2022, 3, 27))

    assert late["sent"] == 0
    assert just_in_time["sent"] == 1


def test_only_the_most_urgent_of_several_missed_reminders_goes_out(board, scan_on, settings):
    settings.REMINDER_GRACE_DAYS = 10
    head = make_unit_head()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])

    scan_on(D(2022, 3, 30))

    assert list(ReminderLog.objects.values_list("offset_days", flat=True)) == [1]


def test_the_reminder_mail_is_vietnamese_with_the_absolute_link(board, scan_on):
    head = make_unit_head(username="bvdk", email="bvdk@example.vn")
    board.put(
        "plans.PlanTask:42",
        D(2022, 3, 31),
        title="Gửi kế hoạch TĐKT năm 2022",
        recipients=[head],
        summary="Bệnh viện Đa khoa tỉnh",
    )

    scan_on(D(2022, 3, 24))

    (message,) = mail.outbox
    assert message.to == ["bvdk@example.vn"]
    assert message.subject == "[TĐKT] Nhắc việc: Gửi kế hoạch TĐKT năm 2022 (hạn 31/03/2022, còn 7 ngày)"
    assert f"{SITE}/plans/tasks/42/" in message.body
    assert "sắp đến hạn ngày 31/03/2022" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{SITE}/plans/tasks/42/"' in html
    notification = Notification.objects.get()
    assert (notification.kind, notification.source, notification.email_status) == (
        Kind.REMINDER,
        "plans.PlanTask:42",
        EmailStatus.SENT,
    )


def test_overdue_goes_to_the_responsible_and_escalates_to_the_office(board, scan_on):
    head = make_unit_head(username="bvdk")
    office = make_office_user(username="vanphong")
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head], escalate_to=[office])

    scan_on(D(2022, 4, 1))

    kinds = dict(Notification.objects.values_list("recipient__username", "kind"))
    assert kinds == {"bvdk": Kind.OVERDUE, "vanphong": Kind.ESCALATION}
    assert sorted(m.subject for m in mail.outbox) == [
        "[TĐKT] Quá hạn: Việc plans.PlanTask:42 (hạn 31/03/2022)",
        "[TĐKT] Quá hạn: Việc plans.PlanTask:42 (hạn 31/03/2022)",
    ]
    assert "Thường trực TĐKT theo dõi" in Notification.objects.get(kind=Kind.ESCALATION).body


def test_an_office_user_responsible_and_escalated_is_told_once(board, scan_on):
    office = make_office_user()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[office], escalate_to=[office])

    scan_on(D(2022, 4, 1))

    assert ReminderLog.objects.get().escalation is False
    assert len(mail.outbox) == 1


def test_inactive_recipients_get_nothing(board, scan_on):
    gone = make_unit_head(is_active=False)
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[gone])

    counts = scan_on(D(2022, 3, 24))

    assert counts["sent"] == 0
    assert not Notification.objects.exists()


def test_digest_users_get_one_mail_with_the_days_notifications(board, scan_on, committed):
    head = make_unit_head(username="bvdk")
    NotificationPreference.objects.create(user=head, digest=True)
    board.put("plans.PlanTask:1", D(2022, 3, 31), title="Việc thứ nhất", recipients=[head])
    board.put("plans.PlanTask:2", D(2022, 3, 25), title="Việc thứ hai", recipients=[head])
    scan_on(D(2022, 3, 24))
    assert mail.outbox == []

    sent = services.digest_send(today=D(2022, 3, 24))
    again = services.digest_send(today=D(2022, 3, 24))

    assert (sent, again) == (1, 0)
    (message,) = mail.outbox
    assert message.subject == "[TĐKT] Tổng hợp thông báo ngày 24/03/2022 (2)"
    assert "Việc thứ nhất" in message.body and "Việc thứ hai" in message.body
    assert f"{SITE}/plans/tasks/2/" in message.body
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}


def test_notify_records_the_row_and_mails_after_the_commit(committed):
    user = UserFactory(email="an@example.vn")
    sender = make_office_user()

    with committed():
        (notification,) = services.notify(
            "plan_issued",
            to=user,
            title="Kế hoạch 12/KH-SYT đã ban hành",
            body="Mời xem kế hoạch.",
            url="/plans/12/",
            source="plans.Plan:12",
            by=sender,
        )
        assert mail.outbox == []  # nothing before the commit

    assert notification.created_by == sender
    (message,) = mail.outbox
    assert message.subject == "[TĐKT] Kế hoạch 12/KH-SYT đã ban hành"
    assert f"{SITE}/plans/12/" in message.body
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT and notification.emailed_at is not None


def test_notify_without_an_address_keeps_the_in_app_row_only(committed):
    user = UserFactory(email="")

    with committed():
        services.notify("plan_issued", to=[user], title="Tiêu đề")

    assert Notification.objects.get().email_status == EmailStatus.NONE
    assert mail.outbox == []


def test_a_mail_left_pending_by_a_killed_process_goes_out_with_the_next_scan(scan_on):
    user = UserFactory()
    with time_machine.travel(at_vn(D(2022, 3, 24), 6), tick=False):
        services.notify("plan_issued", to=user, title="Bị dừng giữa chừng")  # on_commit never ran

    counts = scan_on(D(2022, 3, 24))

    assert counts["mails_retried"] == 1
    assert len(mail.outbox) == 1
    assert Notification.objects.get().email_status == EmailStatus.SENT


def test_a_failing_mail_server_leaves_the_mail_pending_and_the_rows_in_place(board, scan_on, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    head = make_unit_head()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])

    counts = scan_on(D(2022, 3, 24))

    assert counts["sent"] == 1
    assert Notification.objects.get().email_status == EmailStatus.PENDING


def test_a_resend_is_recorded_and_leaves_the_log_row_unique(board, scan_on, committed):
    head = make_unit_head()
    office = make_office_user()
    board.put("plans.PlanTask:42", D(2022, 3, 31), recipients=[head])
    scan_on(D(2022, 3, 24))
    log = ReminderLog.objects.get()

    with committed():
        resend = services.reminder_resend(log, by=office)

    assert ReminderLog.objects.count() == 1
    assert resend.by == office and resend.notification.source == f"resend:{log.pk}"
    assert resend.notification.title == log.notification.title
    assert len(mail.outbox) == 2


def test_mark_read_only_touches_own_notifications():
    owner, other = UserFactory(), UserFactory()
    (notification,) = services.notify("x", to=owner, title="t")

    with pytest.raises(PermissionError):
        services.notification_mark_read(notification, by=other)
    first = services.notification_mark_read(notification, by=owner)
    again = services.notification_mark_read(notification, by=owner)

    assert (first, again) == (True, False)


def test_reset_calendar_token_changes_it():
    user = UserFactory()
    old = services.preference_for(user).calendar_token

    new = services.calendar_token_reset(user)

    assert new != old and len(new) >= 32
