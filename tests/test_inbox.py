"""The work inbox on the home page: each role's items, their counts and due dates in words, the same
count on the home page, the dashboard and the list the item links to, a unit head's scope, and a
home page whose number of queries does not grow with the rows."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from awards.models import Holiday, RuleSet
from council.services import ballot_cast, session_transition
from notifications.enums import EmailStatus
from notifications.models import Notification
from tests.factories import (
    LetterFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    make_admin,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)
from units.enums import Role
from units.inbox import days_in_words, inbox_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 9)  # a Wednesday
NOON = datetime.datetime(2026, 12, 9, 5, 0, tzinfo=datetime.UTC)  # 12:00 in Hồ Chí Minh City


@pytest.fixture
def on_today():
    with time_machine.travel(NOON, tick=False):
        yield


def items_by_key(user, role):
    return {item.key: item for item in inbox_for(user, role, today=TODAY)}


def home_items(client, user, role):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    section = next(s for s in response.context["sections"] if s["role"] == role)
    return response, {item.key: item for item in section["inbox"]}


def list_count(client, url):
    """How many rows the list page the item links to holds (its paginator's count)."""
    response = client.get(url)
    assert response.status_code == 200
    if "waiting_count" in response.context:
        return response.context["waiting_count"]
    return response.context["paginator"].count


def overdue_report(unit, *, due=datetime.date(2026, 12, 4), plan=None):
    return UnitSubmissionFactory(request=SubmissionRequestFactory(due_date=due, plan=plan), unit=unit)


# ---------------------------------------------------------------------------
# Due dates in words
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "working", "words"),
    [
        (-5, False, "quá hạn 5 ngày"),
        (0, False, "hôm nay"),
        (3, False, "còn 3 ngày"),
        (-2, True, "quá hạn 2 ngày làm việc"),
        (7, True, "còn 7 ngày làm việc"),
    ],
)
def test_a_deadline_is_said_in_words(days, working, words):
    assert days_in_words(days, working=working) == words


# ---------------------------------------------------------------------------
# The office
# ---------------------------------------------------------------------------
def test_the_office_sees_overdue_reports_with_the_date_in_full_and_in_words(client, on_today):
    office = make_office_user()
    overdue_report(UnitFactory())
    overdue_report(UnitFactory(), due=datetime.date(2026, 12, 1))
    overdue_report(UnitFactory(), due=datetime.date(2026, 12, 20))  # not yet due

    response, items = home_items(client, office, Role.OFFICE)

    item = items["submissions_overdue"]
    assert (item.count, item.due, item.due_words) == (2, datetime.date(2026, 12, 1), "quá hạn 8 ngày")
    page = response.content.decode()
    assert "01/12/2026" in page and "quá hạn 8 ngày" in page
    assert list_count(client, item.url) == 2


def test_a_request_on_a_draft_plan_is_nobodys_overdue_item(client, on_today):
    office = make_office_user()
    unit = UnitFactory()
    head = make_unit_head(unit)
    overdue_report(unit, plan=PlanFactory(year=2026))  # the plan is still a draft

    assert "submissions_overdue" not in items_by_key(office, Role.OFFICE)
    assert "submissions_to_send" not in items_by_key(head, Role.UNIT_HEAD)
    client.force_login(office)
    assert list_count(client, reverse("plans:submission-list") + "?status=overdue") == 0


def test_the_office_sees_registrations_to_accept_and_approved_nominations_undecided(client, on_today):
    office = make_office_user()
    RegistrationFactory.create_batch(3, submitted=True)
    RegistrationFactory(accepted=True)
    NominationFactory.create_batch(2, status="approved")
    NominationFactory(status="decided")

    _response, items = home_items(client, office, Role.OFFICE)

    assert items["registrations_to_accept"].count == 3
    assert items["nominations_approved"].count == 2
    assert list_count(client, items["registrations_to_accept"].url) == 3
    assert list_count(client, items["nominations_approved"].url) == 2


def test_nominations_to_verify_show_their_clock_in_working_days(client, on_today):
    office = make_office_user()
    # Friday 4 December: Monday 7, Tuesday 8 and Wednesday 9 have gone by since.
    NominationFactory(submitted=True, verification_due=datetime.date(2026, 12, 4))
    # Monday 14 December: Thursday 10, Friday 11 and Monday 14 are left (the weekend is not).
    NominationFactory(submitted=True, verification_due=datetime.date(2026, 12, 14))

    response, items = home_items(client, office, Role.OFFICE)

    item = items["nominations_to_verify"]
    assert item.count == 2
    assert item.due == datetime.date(2026, 12, 4)
    assert item.due_words == "quá hạn 3 ngày làm việc"
    assert item.note == "1 đề nghị quá thời hạn thẩm định"
    assert "04/12/2026" in response.content.decode()
    assert list_count(client, item.url) == 2


def test_the_office_sees_documents_drafted_and_sessions_to_open(client, on_today):
    office = make_office_user()
    PlanFactory(year=2026)
    PlanFactory(year=2026, issued=True)
    LetterFactory.create_batch(2)
    make_council_session(
        3,
        office=office,
        starts_at=timezone.make_aware(datetime.datetime(2026, 12, 12, 8, 0)),
    )

    _response, items = home_items(client, office, Role.OFFICE)

    assert items["plans_drafted"].count == 1
    assert items["letters_drafted"].count == 2
    sessions = items["sessions_to_open"]
    assert (sessions.count, sessions.due) == (1, datetime.date(2026, 12, 12))
    assert sessions.due_words == "còn 3 ngày"
    assert "sessions_to_close" not in items
    for key in ("plans_drafted", "letters_drafted", "sessions_to_open"):
        assert list_count(client, items[key].url) == items[key].count


def test_the_office_dashboard_shows_the_home_pages_counts(client, on_today):
    office = make_office_user()
    overdue_report(UnitFactory())
    RegistrationFactory.create_batch(2, submitted=True)
    _response, home = home_items(client, office, Role.OFFICE)

    dashboard = client.get(reverse("reports:dashboard"))

    assert {item.key: item.count for item in dashboard.context["inbox"]} == {
        key: item.count for key, item in home.items()
    }
    assert home["submissions_overdue"].count == 1 and home["registrations_to_accept"].count == 2


# ---------------------------------------------------------------------------
# Unit heads
# ---------------------------------------------------------------------------
def test_a_unit_head_sees_their_units_items_only(client, on_today):
    mine, other = UnitFactory(), UnitFactory()
    head = make_unit_head(mine)
    for unit in (mine, other):
        overdue_report(unit, due=datetime.date(2026, 12, 12))
        RegistrationFactory(unit=unit, returned=True, round=RegistrationRoundFactory(deadline=TODAY))
        NominationFactory(person=PersonFactory(unit=unit), status="returned")
    overdue_report(other, due=datetime.date(2026, 12, 1))

    response, items = home_items(client, head, Role.UNIT_HEAD)

    reports = items["submissions_to_send"]
    assert (reports.count, reports.due, reports.due_words) == (1, datetime.date(2026, 12, 12), "còn 3 ngày")
    returned = items["registrations_returned"]
    assert (returned.count, returned.due_words) == (1, "hôm nay")
    assert items["nominations_returned"].count == 1
    assert "01/12/2026" not in response.content.decode()  # the other unit's deadline
    for key in ("submissions_to_send", "registrations_returned", "nominations_returned"):
        assert list_count(client, items[key].url) == 1
    dashboard = client.get(reverse("reports:unit-dashboard"))
    assert {item.key: item.count for item in dashboard.context["inbox"]} == {
        key: item.count for key, item in items.items()
    }


def test_a_unit_head_sees_a_call_closing_with_their_drafts_of_its_year(client, on_today):
    from awards.models import NominationCall

    unit = UnitFactory()
    head = make_unit_head(unit)
    NominationCall.objects.create(year=2026, deadline=datetime.date(2026, 12, 15))
    NominationCall.objects.create(year=2025, deadline=datetime.date(2026, 11, 30))  # closed already
    NominationFactory(person=PersonFactory(unit=unit), year=2026)
    NominationFactory(person=PersonFactory(unit=UnitFactory()), year=2026)

    _response, items = home_items(client, head, Role.UNIT_HEAD)

    calls = [item for key, item in items.items() if key.startswith("call_")]
    assert [(c.count, c.due, c.due_words) for c in calls] == [(1, datetime.date(2026, 12, 15), "còn 6 ngày")]
    assert list_count(client, calls[0].url) == 1


# ---------------------------------------------------------------------------
# Council members
# ---------------------------------------------------------------------------
def test_a_council_member_sees_the_ballots_left_to_cast(client, on_today):
    office = make_office_user()
    first, second = make_verified_nomination(), make_verified_nomination()
    council = make_council_session(3, office=office, nominations=[first, second])
    session_transition(council.session, to="voting", by=office)
    member = council.present[0]
    ballot_cast(council.session, nomination=first, member=member, choice="agree")

    response, items = home_items(client, member, Role.COUNCIL)

    item = items[f"vote_{council.session.pk}"]
    assert item.count == 1
    assert str(item.label).startswith("Bỏ phiếu (còn 1)")
    assert "Bỏ phiếu (còn 1)" in response.content.decode()
    assert client.get(item.url).context["remaining"] == 1
    office_items = items_by_key(office, Role.OFFICE)
    assert office_items["sessions_to_close"].count == 1


def test_a_council_member_who_has_voted_on_everything_has_nothing_waiting(on_today):
    office = make_office_user()
    nomination = make_verified_nomination()
    council = make_council_session(3, office=office, nominations=[nomination])
    session_transition(council.session, to="voting", by=office)
    member = council.present[0]
    ballot_cast(council.session, nomination=nomination, member=member, choice="disagree")

    assert items_by_key(member, Role.COUNCIL) == {}


# ---------------------------------------------------------------------------
# Administrators
# ---------------------------------------------------------------------------
def test_the_administrator_sees_unconfirmed_rules_failed_mails_and_locked_logins(client, on_today):
    admin = make_admin()
    Holiday.objects.create(date=datetime.date(2030, 5, 3), name="Nghỉ bù", confirmed=False)
    Notification.objects.create(
        recipient=admin, kind="reminder", title="Nhắc hạn", email_status=EmailStatus.UNCERTAIN
    )
    Notification.objects.create(
        recipient=admin, kind="reminder", title="Nhắc hạn", email_status=EmailStatus.PENDING, email_attempts=2
    )
    Notification.objects.create(
        recipient=admin, kind="reminder", title="Đã gửi", email_status=EmailStatus.SENT
    )
    AccessAttempt.objects.create(
        username="bvdk",
        ip_address="203.0.113.7",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    old = AccessAttempt.objects.create(
        username="ttytbh",
        ip_address="203.0.113.8",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    expired = timezone.now() - settings.AXES_COOLOFF_TIME * 2
    AccessAttempt.objects.filter(pk=old.pk).update(attempt_time=expired)

    _response, items = home_items(client, admin, Role.ADMIN)

    assert items["rule_sets_unconfirmed"].count == RuleSet.objects.filter(confirmed=False).count()
    assert items["holidays_unconfirmed"].count == Holiday.objects.filter(confirmed=False).count()
    assert items["mails_uncertain"].count == 1
    assert items["mails_refused"].count == 1
    assert items["locked_logins"].count == 1
    for key in ("holidays_unconfirmed", "mails_uncertain", "mails_refused", "locked_logins"):
        response = client.get(items[key].url)
        assert response.status_code == 200
        assert response.context["cl"].result_count == items[key].count, key


# ---------------------------------------------------------------------------
# Past years, and a page that does not grow with the rows
# ---------------------------------------------------------------------------
def test_a_task_of_a_past_year_shows_its_year_on_the_home_page(client, on_today):
    from tests.factories import PlanTaskFactory

    office = make_office_user()
    PlanTaskFactory(plan=PlanFactory(year=2021, issued=True), due_date=datetime.date(2021, 12, 31))
    client.force_login(office)

    page = client.get(reverse("home")).content.decode()

    assert "31/12/2021" in page


def populate(size: int, office):
    """``size`` rows of every kind the office's inbox counts."""
    for _ in range(size):
        overdue_report(UnitFactory())
        RegistrationFactory(submitted=True)
        NominationFactory(submitted=True, verification_due=datetime.date(2026, 12, 4))
        NominationFactory(status="approved")
        PlanFactory(year=2026)
        LetterFactory()
        make_council_session(2, office=office)


@pytest.mark.parametrize("size", [1, 4])
def test_the_office_home_page_queries_do_not_grow_with_the_rows(client, django_assert_num_queries, size):
    with time_machine.travel(NOON, tick=False):
        office = make_office_user()
        populate(size, office)
        client.force_login(office)
        client.get(reverse("home"))
        cache.clear()  # everything computed, as after a change (units.home keeps it until then)

        with django_assert_num_queries(OFFICE_HOME_QUERIES):
            response = client.get(reverse("home"))

    section = response.context["sections"][0]
    assert {item.key: item.count for item in section["inbox"]}["letters_drafted"] == size


OFFICE_HOME_QUERIES = 29  # the session, the user, the panels and one or two per inbox item
