"""Working days and the office's time limit for verification (thẩm định): the arithmetic across
weekends and holidays, the due day of a submitted nomination, its overdue flag, the reminders."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from awards import workdays
from awards.models import AwardRule, Holiday, Nomination
from awards.services import nomination_transition, verification_due_refresh
from awards.workdays import WorkCalendar, fixed_days_off
from notifications.models import ReminderLog
from notifications.services import reminders_scan
from tests.factories import add_required_documents, make_admin

D = datetime.date
TET_2025 = [D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31)]


def at(day: datetime.date, hour: int = 10):
    """A moment of a day in Vietnam (UTC+7)."""
    return datetime.datetime(
        day.year, day.month, day.day, hour, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
    )


# ---------------------------------------------------------------------------
# The arithmetic (no database)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2025, 3, 3), 4, D(2025, 3, 7)),  # Monday + 4: Friday of the same week
        (D(2025, 3, 7), 1, D(2025, 3, 10)),  # Friday + 1: the weekend is skipped
        (D(2025, 3, 8), 1, D(2025, 3, 10)),  # sent on a Saturday: Monday is the first day
        (D(2025, 3, 7), 10, D(2025, 3, 21)),  # two whole weeks
        (D(2025, 3, 7), 0, D(2025, 3, 7)),
    ],
)
def test_working_days_skip_the_weekend(start, days, expected):
    assert WorkCalendar().add_working_days(start, days) == expected


def test_the_fixed_holidays_are_skipped_without_data():
    # Tuesday 29/4/2025, then 30/4 (Wed) and 1/5 (Thu) off: Friday 2/5 is the first working day.
    assert WorkCalendar().add_working_days(D(2025, 4, 29), 1) == D(2025, 5, 2)
    assert not WorkCalendar().is_working_day(D(2025, 9, 2))
    assert WorkCalendar().is_working_day(D(2025, 9, 3))


def test_a_fixed_holiday_on_a_weekend_gives_the_next_working_day_off():
    # 30/4/2022 Saturday and 1/5/2022 Sunday: Monday 2/5 and Tuesday 3/5 are off in lieu.
    assert {D(2022, 5, 2), D(2022, 5, 3)} <= fixed_days_off(2022)
    assert WorkCalendar().add_working_days(D(2022, 4, 29), 1) == D(2022, 5, 4)
    # 2/9/2028 is a Saturday: Monday 4/9 is off.
    assert not WorkCalendar().is_working_day(D(2028, 9, 4))


def test_dated_days_off_and_swapped_working_days():
    tet = WorkCalendar(days_off=frozenset(TET_2025))
    # Friday 24/1/2025, then the Tết week off: the 1st working day is Monday 3/2.
    assert tet.add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)
    assert tet.add_working_days(D(2025, 1, 24), 10) == D(2025, 2, 14)
    swapped = WorkCalendar(days_off=frozenset(TET_2025), working_days=frozenset({D(2025, 2, 8)}))
    assert swapped.add_working_days(D(2025, 1, 24), 10) == D(2025, 2, 13)  # Saturday 8/2 is worked


def test_working_days_between_counts_after_the_first_day_up_to_the_last():
    tet = WorkCalendar(days_off=frozenset(TET_2025))

    assert tet.working_days_between(D(2025, 1, 24), D(2025, 2, 14)) == 10
    assert tet.working_days_between(D(2025, 2, 14), D(2025, 1, 24)) == -10
    assert tet.working_days_between(D(2025, 3, 3), D(2025, 3, 3)) == 0


def test_a_negative_number_of_days_is_refused():
    with pytest.raises(ValueError):
        WorkCalendar().add_working_days(D(2025, 3, 3), -1)


# ---------------------------------------------------------------------------
# The holiday table
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_next_years_lunar_holidays_are_seeded_unconfirmed():
    seeded = Holiday.objects.filter(date__year__in=[2026, 2027])

    assert seeded.filter(name__startswith="Tết Nguyên đán").exists()
    assert seeded.filter(name__startswith="Giỗ Tổ Hùng Vương").exists()
    assert not seeded.filter(confirmed=True).exists()


@pytest.mark.django_db
def test_the_database_calendar_reads_the_dated_rows():
    for day in TET_2025:
        Holiday.objects.create(date=day, name="Tết Nguyên đán Ất Tỵ")
    Holiday.objects.create(date=D(2025, 2, 8), name="Làm bù", kind="working")

    assert workdays.add_working_days(D(2025, 1, 24), 10) == D(2025, 2, 13)


# ---------------------------------------------------------------------------
# The due day of a submitted nomination
# ---------------------------------------------------------------------------
@pytest.fixture
def tet_2025(db):
    return [Holiday.objects.create(date=day, name="Tết Nguyên đán Ất Tỵ") for day in TET_2025]


def submit(nomination, by, day):
    add_required_documents(nomination)
    with time_machine.travel(at(day), tick=False):
        nomination_transition(nomination, to="submitted", by=by)
    nomination.refresh_from_db()
    return nomination


@pytest.mark.django_db
def test_submitting_sets_the_due_day_in_working_days_of_the_rule(head, make_nomination, tet_2025):
    nomination = submit(make_nomination(year=2024), head, D(2025, 1, 24))

    rule = AwardRule.objects.get(rule_set=nomination.rule_set, award_type=nomination.award_type)
    assert rule.verification_working_days == 10
    assert nomination.verification_due == D(2025, 2, 14)


@pytest.mark.django_db
def test_the_rule_of_the_year_sets_the_number_of_working_days(head, make_nomination, tet_2025):
    nomination = make_nomination(year=2024)
    AwardRule.objects.filter(award_type=nomination.award_type).update(verification_working_days=5)

    submit(nomination, head, D(2025, 1, 24))

    assert nomination.verification_due == D(2025, 2, 7)


@pytest.mark.django_db
def test_a_holiday_entered_later_moves_the_due_day_of_waiting_nominations(head, make_nomination):
    nomination = submit(make_nomination(year=2024), head, D(2025, 1, 24))
    assert nomination.verification_due == D(2025, 2, 7)  # no Tết rows yet: two plain weeks

    for day in TET_2025:
        Holiday.objects.create(date=day, name="Tết Nguyên đán Ất Tỵ")
    changed = verification_due_refresh()

    nomination.refresh_from_db()
    assert changed == 1 and nomination.verification_due == D(2025, 2, 14)


@pytest.mark.django_db
def test_resubmitting_after_a_return_starts_the_time_again(head, office, make_nomination):
    nomination = submit(make_nomination(year=2024), head, D(2025, 3, 3))
    with time_machine.travel(at(D(2025, 3, 5)), tick=False):
        nomination_transition(nomination, to="returned", by=office, reason="Bổ sung báo cáo thành tích.")
    with time_machine.travel(at(D(2025, 3, 10)), tick=False):
        nomination_transition(nomination, to="submitted", by=head)

    nomination.refresh_from_db()
    assert nomination.verification_due == D(2025, 3, 24)


# ---------------------------------------------------------------------------
# What the office sees
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_office_sees_the_due_day_and_the_overdue_flag(client, head, office, make_nomination, tet_2025):
    late = submit(make_nomination(year=2024), head, D(2025, 1, 24))  # due 14/2
    on_time = submit(make_nomination(year=2024, code="CSTDCS"), head, D(2025, 2, 10))  # due 24/2
    client.force_login(office)

    with time_machine.travel(at(D(2025, 2, 17)), tick=False):
        listing = client.get(reverse("awards:nomination-list")).content.decode()
        detail = client.get(late.get_absolute_url()).content.decode()
        queue = client.get(reverse("awards:verify-queue"), {"overdue": "1"})

    assert "14/02/2025" in listing and "24/02/2025" in listing and listing.count("Quá hạn</span>") == 1
    assert "Hạn thẩm định: 14/02/2025" in detail and "Quá hạn 1 ngày làm việc" in detail
    assert list(queue.context["nominations"]) == [late]
    assert on_time.verification_due == D(2025, 2, 24)

    with time_machine.travel(at(D(2025, 2, 24)), tick=False):
        due_day = client.get(reverse("awards:nomination-list")).content.decode()
    assert due_day.count("Đến hạn hôm nay</span>") == 1  # on_time, on its due day


@pytest.mark.django_db
def test_a_holiday_saved_or_deleted_in_the_admin_moves_the_due_days(client, head, make_nomination):
    nomination = submit(make_nomination(year=2024), head, D(2025, 3, 3))
    assert nomination.verification_due == D(2025, 3, 17)
    client.force_login(make_admin())

    added = client.post(
        reverse("admin:awards_holiday_add"),
        {
            "date": "2025-03-10",
            "name": "Ngày nghỉ bù",
            "kind": "off",
            "source": "Thông báo",
            "confirmed": "on",
        },
    )
    nomination.refresh_from_db()
    moved = nomination.verification_due
    holiday = Holiday.objects.get(date=D(2025, 3, 10))
    listed = client.get(reverse("admin:awards_holiday_changelist")).content.decode()
    client.post(reverse("admin:awards_holiday_delete", args=[holiday.pk]), {"post": "yes"})
    nomination.refresh_from_db()

    assert added.status_code == 302
    assert moved == D(2025, 3, 18)  # one working day more
    assert "Thứ 2" in listed  # 10/3/2025 is a Monday
    assert nomination.verification_due == D(2025, 3, 17)


@pytest.mark.django_db
def test_the_unit_head_does_not_see_the_office_time_limit(client, head, make_nomination):
    nomination = submit(make_nomination(year=2024), head, D(2025, 3, 3))
    client.force_login(head)

    page = client.get(nomination.get_absolute_url()).content.decode()

    assert "Hạn thẩm định" not in page
    assert "Hạn thẩm định" not in client.get(reverse("awards:nomination-list")).content.decode()


@pytest.mark.django_db
def test_the_reminder_link_opens_the_nominations_due_that_day(client, head, office, make_nomination):
    due_first = submit(make_nomination(year=2024), head, D(2025, 3, 3))
    submit(make_nomination(year=2024, code="CSTDCS"), head, D(2025, 3, 4))
    client.force_login(office)

    response = client.get(reverse("awards:verify-queue"), {"due": "2025-03-17"})

    assert list(response.context["nominations"]) == [due_first]


# ---------------------------------------------------------------------------
# Reminders to the office
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_office_is_reminded_before_the_due_day_and_the_day_after(head, office, make_nomination):
    submit(make_nomination(year=2024), head, D(2025, 3, 3))  # due Monday 17/3
    submit(make_nomination(year=2024, code="CSTDCS"), head, D(2025, 3, 3))
    verified = submit(make_nomination(year=2024, code="GK_GD"), head, D(2025, 3, 4))  # due 18/3
    nomination_transition(verified, to="verified", by=office)

    for day in (D(2025, 3, 10), D(2025, 3, 11), D(2025, 3, 16), D(2025, 3, 18), D(2025, 3, 18)):
        reminders_scan(today=day)

    logs = ReminderLog.objects.filter(kind="awards_verification").order_by("offset_days")
    assert list(logs.values_list("recipient_id", "due_date", "offset_days")) == [
        (office.pk, D(2025, 3, 17), -1),
        (office.pk, D(2025, 3, 17), 1),
        (office.pk, D(2025, 3, 17), 7),
    ]
    assert "2 đề nghị chưa thẩm định" in logs.get(offset_days=7).notification.body
    assert not ReminderLog.objects.filter(recipient=head).exists()


@pytest.mark.django_db
def test_verifying_every_nomination_of_a_day_stops_its_reminders(head, office, make_nomination):
    nomination = submit(make_nomination(year=2024), head, D(2025, 3, 3))
    nomination_transition(nomination, to="verified", by=office, reason="Đồng ý đưa ra Hội đồng.")

    reminders_scan(today=D(2025, 3, 10))

    assert not ReminderLog.objects.filter(kind="awards_verification").exists()
    assert Nomination.objects.get(pk=nomination.pk).verification_overdue_on(D(2025, 4, 1)) is False
