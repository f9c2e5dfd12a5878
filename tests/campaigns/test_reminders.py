"""Registration rounds reach the reminder scan: who gets what on which day."""

import datetime

import pytest
from django.core import mail

from campaigns.enums import RegistrationStatus
from notifications.models import Notification, ReminderLog
from notifications.services import reminders_scan
from tests.factories import (
    CampaignFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 3, 31)
WEEK_BEFORE = datetime.date(2026, 3, 24)
DAY_BEFORE = datetime.date(2026, 3, 30)
DAY_AFTER = datetime.date(2026, 4, 1)


@pytest.fixture(autouse=True)
def _offsets(settings):
    settings.REMINDER_OFFSETS_DAYS = [7, 1, -1]
    settings.REMINDER_GRACE_DAYS = 3


@pytest.fixture
def scan(django_capture_on_commit_callbacks):
    def _scan(day):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_scan(today=day)

    return _scan


@pytest.fixture
def world():
    """One unit in every state of a round due on 31/3, and people who must never be reminded."""
    round_ = RegistrationRoundFactory(name="Đăng ký thi đua năm 2026", deadline=DEADLINE)
    heads = {}
    for state in ("none", "draft", "returned", "submitted", "accepted"):
        unit = UnitFactory(name=f"Đơn vị {state}")
        heads[state] = make_unit_head(unit)
        if state != "none":
            RegistrationFactory(round=round_, unit=unit, status=state)
    inactive_unit = UnitFactory(name="Đơn vị đã sáp nhập", inactive=True)
    heads["inactive_unit"] = make_unit_head(inactive_unit)
    sub_unit = UnitFactory(name="Khoa Nội", parent=heads["none"].head_of_unit, department=True)
    heads["sub_unit"] = make_unit_head(sub_unit)
    return {"round": round_, "heads": heads, "office": make_office_user()}


def _sent():
    """(recipient, offset, escalation) of every registration-round reminder logged so far."""
    logs = ReminderLog.objects.filter(key__startswith="campaigns.RegistrationRound:")
    return sorted(logs.values_list("recipient_id", "offset_days", "escalation"))


def _pending_heads(world):
    return [world["heads"][state] for state in ("none", "draft", "returned")]


def test_a_week_before_the_heads_of_units_that_have_not_sent_are_reminded(world, scan):
    scan(WEEK_BEFORE)

    pending = _pending_heads(world)
    assert _sent() == sorted((h.pk, 7, False) for h in pending)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(h.email for h in pending)
    assert all("Đăng ký thi đua: Đăng ký thi đua năm 2026" in m.subject for m in mail.outbox)
    assert all("còn 7 ngày" in m.subject for m in mail.outbox)
    assert set(Notification.objects.values_list("kind", flat=True)) == {"reminder"}


def test_each_head_is_reminded_of_their_own_unit_only(world, scan):
    scan(WEEK_BEFORE)

    states = ("none", "draft", "returned")
    bodies = {m.to[0]: m.body for m in mail.outbox}
    for state in states:
        body = bodies[world["heads"][state].email]
        assert f"Đơn vị {state} chưa gửi đăng ký." in body
        assert not [other for other in states if other != state and f"Đơn vị {other}" in body]


def test_the_day_before_they_are_reminded_again(world, scan):
    scan(WEEK_BEFORE)

    scan(DAY_BEFORE)

    pending = _pending_heads(world)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(h.email for h in pending)
    assert all("còn 1 ngày" in m.subject for m in mail.outbox)
    assert ReminderLog.objects.filter(offset_days=1).count() == 3


def test_the_day_after_they_are_told_it_is_overdue_and_the_office_gets_the_escalation(world, scan):
    scan(DAY_AFTER)

    pending = _pending_heads(world)
    office = world["office"]
    assert _sent() == sorted([(h.pk, -1, False) for h in pending] + [(office.pk, -1, True)])
    kinds = dict(Notification.objects.values_list("recipient_id", "kind"))
    assert {kinds[h.pk] for h in pending} == {"overdue"}
    assert kinds[office.pk] == "escalation"
    (to_office,) = [m for m in mail.outbox if m.to == [office.email]]
    assert "3 đơn vị chưa gửi đăng ký: Đơn vị draft, Đơn vị none, Đơn vị returned" in to_office.body


def test_no_reminder_on_the_other_days(world, scan):
    for day in (datetime.date(2026, 3, 20), datetime.date(2026, 3, 28), datetime.date(2026, 4, 10)):
        scan(day)

    assert ReminderLog.objects.count() == 0
    assert mail.outbox == []


def test_submitted_accepted_inactive_and_sub_unit_heads_are_never_reminded(world, scan):
    for day in (WEEK_BEFORE, DAY_BEFORE, DAY_AFTER):
        scan(day)

    never = [world["heads"][k] for k in ("submitted", "accepted", "inactive_unit", "sub_unit")]
    assert not ReminderLog.objects.filter(recipient__in=never).exists()
    assert not Notification.objects.filter(recipient__in=never).exists()


def test_a_unit_that_submits_drops_out_of_the_next_reminders(world, scan):
    scan(WEEK_BEFORE)
    draft = world["round"].registrations.get(unit=world["heads"]["draft"].head_of_unit)
    draft.status = RegistrationStatus.SUBMITTED
    draft.save()

    scan(DAY_BEFORE)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world["heads"]["none"].email, world["heads"]["returned"].email]
    )


def test_running_the_scan_twice_sends_each_reminder_once(world, scan):
    scan(WEEK_BEFORE)

    counts = scan(WEEK_BEFORE)

    assert counts["sent"] == 0 and counts["already_sent"] == 3
    assert mail.outbox == []
    assert ReminderLog.objects.count() == 3


def test_a_round_with_every_unit_sent_reminds_nobody(world, scan):
    world["round"].registrations.update(status=RegistrationStatus.SUBMITTED)
    RegistrationFactory(round=world["round"], unit=world["heads"]["none"].head_of_unit, submitted=True)

    scan(DAY_AFTER)

    assert ReminderLog.objects.count() == 0


def test_a_round_refusing_late_submissions_only_escalates_once_over(world, scan):
    world["round"].late_policy = "refuse"
    world["round"].save()

    scan(DAY_AFTER)

    assert _sent() == [(world["office"].pk, -1, True)]


@pytest.mark.parametrize("status", ["draft", "reviewing", "closed"])
def test_a_round_of_a_campaign_not_open_reminds_nobody(world, scan, status):
    world["round"].campaign = CampaignFactory(status=status)
    world["round"].save()

    scan(WEEK_BEFORE)

    assert ReminderLog.objects.count() == 0


def test_a_round_of_a_launched_campaign_reminds(world, scan):
    world["round"].campaign = CampaignFactory(status="under_way")
    world["round"].save()

    scan(WEEK_BEFORE)

    assert ReminderLog.objects.count() == 3


def test_a_round_not_yet_open_reminds_nobody(world, scan):
    world["round"].opens_on = datetime.date(2026, 3, 25)
    world["round"].save()

    scan(WEEK_BEFORE)

    assert ReminderLog.objects.count() == 0
