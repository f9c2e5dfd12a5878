"""Calls for nominations (đợt đề nghị khen thưởng): the office opens one with a deadline; unit
heads whose units lag are reminded before and after it, and the office hears of them once."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from awards.models import NominationCall
from awards.selectors import call_unit_status
from notifications.models import ReminderLog
from notifications.services import reminders_scan
from tests.factories import (
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_required_documents,
    award,
    make_unit_head,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 1, 15)
VN = datetime.timezone(datetime.timedelta(hours=7))


def on(day: datetime.date):
    """Travel to 08:00 of a day in Vietnam (the scan's "today" follows)."""
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 8, tzinfo=VN), tick=False)


def nominate(unit, status, code="LDTT", *, complete=True):
    nomination = NominationFactory(
        award_type=award(code), status=status, year=2025, person=PersonFactory(unit=unit)
    )
    if complete:
        add_required_documents(nomination)
    return nomination


@pytest.fixture
def units():
    """Five units with a head each: one with a draft, one with a returned nomination, one with a
    sent nomination missing a document, one done, one with nothing at all."""
    names = ["drafting", "returned", "incomplete", "done", "silent"]
    heads = {name: make_unit_head(UnitFactory(name=f"Đơn vị {name}"), username=name) for name in names}
    nominate(heads["drafting"].head_of_unit, "draft")
    nominate(heads["drafting"].head_of_unit, "submitted", "CSTDCS")
    nominate(heads["returned"].head_of_unit, "returned")
    nominate(heads["incomplete"].head_of_unit, "submitted", complete=False)
    nominate(heads["done"].head_of_unit, "submitted")
    nominate(heads["done"].head_of_unit, "verified", "CSTDCS")
    return heads


def call(**kwargs):
    return NominationCall.objects.create(year=2025, deadline=DEADLINE, **kwargs)


def sent(day):
    """Who got which reminder of the calls on a day: {(username, offset, escalation)}."""
    return set(
        ReminderLog.objects.filter(kind="awards_nomination_call", sent_at__date=day).values_list(
            "recipient__username", "offset_days", "escalation"
        )
    )


def scan_on(day):
    with on(day):
        reminders_scan()
    return sent(day)


def test_the_heads_of_lagging_units_are_reminded_a_week_and_a_day_before(units, office):
    call()

    week = scan_on(DEADLINE - datetime.timedelta(days=7))
    day = scan_on(DEADLINE - datetime.timedelta(days=1))

    assert week == {("drafting", 7, False), ("returned", 7, False), ("incomplete", 7, False)}
    assert day == {("drafting", 1, False), ("returned", 1, False), ("incomplete", 1, False)}


def test_the_day_after_the_heads_are_told_and_the_office_hears_once(units, office):
    call()

    after = scan_on(DEADLINE + datetime.timedelta(days=1))
    again = scan_on(DEADLINE + datetime.timedelta(days=1))

    assert after == {
        ("drafting", -1, False),
        ("returned", -1, False),
        ("incomplete", -1, False),
        ("vanphong", -1, True),
    }
    assert again == after  # nothing sent twice
    escalation = ReminderLog.objects.get(recipient=office, kind="awards_nomination_call")
    body = escalation.notification.body
    assert "Đơn vị drafting (1 đề nghị đang soạn)" in body and "Đơn vị incomplete" in body
    assert "Đơn vị done" not in body and "Đơn vị silent" not in body


def test_a_call_that_asks_every_unit_reminds_those_without_nominations_too(units, office):
    call(remind_units_without_nominations=True)

    week = scan_on(DEADLINE - datetime.timedelta(days=7))

    assert ("silent", 7, False) in week and ("done", 7, False) not in week
    assert len(week) == 4


def test_a_unit_that_sends_everything_drops_out_of_the_next_reminders(units, office):
    call()
    scan_on(DEADLINE - datetime.timedelta(days=7))
    unit = units["drafting"].head_of_unit
    unit.proposed_nominations.filter(status="draft").update(status="submitted")

    day = scan_on(DEADLINE - datetime.timedelta(days=1))

    assert {username for username, _offset, _esc in day} == {"returned", "incomplete"}


def test_a_closed_call_and_a_call_of_another_year_remind_nobody(units, office):
    call(active=False)
    NominationCall.objects.create(year=2024, deadline=DEADLINE)

    assert scan_on(DEADLINE - datetime.timedelta(days=7)) == set()


def test_a_sub_units_nomination_counts_for_the_head_above_it(office):
    hospital = UnitFactory(name="Bệnh viện tỉnh")
    ward = UnitFactory(name="Khoa Nội", parent=hospital)
    head = make_unit_head(hospital, username="giamdoc")
    ward_head = make_unit_head(ward, username="truongkhoa")
    nominate(ward, "draft")
    new_call = call(remind_units_without_nominations=True)

    statuses = {item.unit_name: item for item in call_unit_status(new_call)}

    assert statuses["Bệnh viện tỉnh"].drafts == 1 and statuses["Khoa Nội"].drafts == 1
    assert statuses["Khoa Nội"].nested and not statuses["Bệnh viện tỉnh"].nested
    week = scan_on(DEADLINE - datetime.timedelta(days=7))
    assert {username for username, _o, _e in week} == {head.username, ward_head.username}


# ---------------------------------------------------------------------------
# The office's pages
# ---------------------------------------------------------------------------
def test_the_office_opens_a_call_and_the_history_keeps_it(client, office):
    client.force_login(office)

    response = client.post(
        reverse("awards:call-create"),
        {"year": 2025, "deadline": "2026-01-15", "note": "Gửi kèm biên bản họp xét.", "active": "on"},
    )

    created = NominationCall.objects.get()
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.created_by == office and created.history.get().history_user == office
    page = client.get(created.get_absolute_url()).content.decode()
    assert "15/01/2026" in page and "Gửi kèm biên bản họp xét." in page


def test_a_bad_deadline_is_told_at_the_field_with_the_input_kept(client, office):
    client.force_login(office)

    response = client.post(
        reverse("awards:call-create"), {"year": 2025, "deadline": "2024-12-31", "note": "Giữ nguyên"}
    )

    assert response.status_code == 200 and not NominationCall.objects.exists()
    form = response.context["form"]
    assert "Hạn gửi đề nghị phải sau khi năm thành tích 2025 đã bắt đầu." in form.errors["deadline"]
    assert "Giữ nguyên" in response.content.decode()


def test_the_office_edits_a_call(client, office):
    existing = call()
    client.force_login(office)

    client.post(
        reverse("awards:call-edit", args=[existing.pk]),
        {"year": 2025, "deadline": "2026-01-20", "note": ""},
    )

    existing.refresh_from_db()
    assert existing.deadline == datetime.date(2026, 1, 20) and existing.active is False
    assert existing.history.count() == 2


def test_the_call_page_shows_where_each_unit_stands(client, units, office):
    existing = call()
    client.force_login(office)

    response = client.get(existing.get_absolute_url())

    lagging = {item.unit_name for item in response.context["lagging"]}
    assert lagging == {"Đơn vị drafting", "Đơn vị returned", "Đơn vị incomplete"}


def test_unit_heads_cannot_open_the_call_pages(client, units):
    existing = call()
    client.force_login(units["drafting"])

    for url in (
        reverse("awards:call-list"),
        reverse("awards:call-create"),
        existing.get_absolute_url(),
        reverse("awards:call-edit", args=[existing.pk]),
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(reverse("awards:call-create"), {"year": 2025, "deadline": "2026-01-15"}).status_code
        == 403
    )
    assert NominationCall.objects.count() == 1


# ---------------------------------------------------------------------------
# What the unit head sees
# ---------------------------------------------------------------------------
def test_the_unit_head_sees_the_call_on_the_list_and_the_home_panel(client, units):
    call(note="Hồ sơ bản giấy gửi về Văn phòng Sở.")
    client.force_login(units["drafting"])

    with on(DEADLINE - datetime.timedelta(days=3)):
        listing = client.get(reverse("awards:nomination-list")).content.decode()
        home = client.get(reverse("home")).content.decode()

    assert "Đợt đề nghị khen thưởng năm 2025" in listing and "15/01/2026" in listing
    assert "còn 3 ngày" in listing and "1 đề nghị đang soạn" in listing
    assert "Hồ sơ bản giấy gửi về Văn phòng Sở." in listing
    assert "Đợt đề nghị khen thưởng năm 2025" in home and "15/01/2026" in home


def test_the_call_shows_as_overdue_after_its_deadline(client, units):
    call()
    client.force_login(units["returned"])

    with on(DEADLINE + datetime.timedelta(days=2)):
        listing = client.get(reverse("awards:nomination-list")).content.decode()

    assert "đã quá hạn 2 ngày" in listing and "1 đề nghị bị trả lại" in listing


def test_a_call_opened_in_the_admin_keeps_who_opened_it(client):
    from tests.factories import make_admin

    admin_user = make_admin()
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:awards_nominationcall_add"),
        {
            "year": 2025,
            "deadline": "2026-01-15",
            "note": "",
            "remind_units_without_nominations": "on",
            "active": "on",
        },
    )

    opened = NominationCall.objects.get(year=2025)
    assert response.status_code == 302
    assert opened.created_by == admin_user
    assert opened.history.first().history_user == admin_user


def test_a_disclosure_period_opened_in_the_admin_goes_through_its_own_service(client):
    from awards.models import DisclosurePeriod
    from tests.factories import make_admin

    admin_user = make_admin()
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:awards_disclosureperiod_add"),
        {"year": 2025, "opens": "2026-01-05", "closes": "2026-01-20", "note": ""},
    )

    period = DisclosurePeriod.objects.get(year=2025)
    assert response.status_code == 302
    assert NominationCall.objects.count() == 0
    assert period.created_by == admin_user
    assert period.history.first().history_user == admin_user


@pytest.mark.parametrize("remind_empty", [True, False])
def test_a_unit_with_nothing_filed_is_told_so_only_when_the_call_asks_every_unit(client, units, remind_empty):
    call(remind_units_without_nominations=remind_empty)
    client.force_login(units["silent"])

    with on(DEADLINE - datetime.timedelta(days=3)):
        listing = client.get(reverse("awards:nomination-list")).content.decode()

    assert "còn 3 ngày" in listing  # the banner of the call is there either way
    assert ("chưa có đề nghị nào" in listing) is remind_empty
