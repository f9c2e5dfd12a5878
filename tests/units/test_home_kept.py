"""The home page's sections, the bell's count and the agency row are kept in the cache until the
data changes (units.generations): a change through the services, a bulk update that sends no
signal, or a notification read shows on the very next page of every role; a page read twice
with nothing changed is served from the cache; the administrator's locked logins, which end with
the clock, are counted on every request."""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from awards.models import Holiday
from campaigns.services import registration_transition
from council.services import ballot_cast, session_transition
from notifications.enums import EmailStatus
from notifications.models import Notification
from notifications.services import notification_mark_read, notifications_mail_abandoned
from tests.factories import (
    NominationFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
    make_admin,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)
from units import generations
from units.enums import Role
from units.models import Agency, User

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 12, 9, 5, 0, tzinfo=datetime.UTC)  # 12:00 in Hồ Chí Minh City


@pytest.fixture
def on_today():
    with time_machine.travel(NOON, tick=False):
        yield


def home_counts(client, role) -> dict[str, int]:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    section = next(s for s in response.context["sections"] if s["role"] == role)
    return {item.key: item.count for item in section["inbox"]}


def test_the_office_sees_a_registration_accepted_at_once(client, on_today):
    office = make_office_user()
    first, _second = RegistrationFactory.create_batch(2, submitted=True)
    client.force_login(office)
    assert home_counts(client, Role.OFFICE)["registrations_to_accept"] == 2

    registration_transition(first, to="accepted", by=office)

    assert home_counts(client, Role.OFFICE)["registrations_to_accept"] == 1


def test_a_unit_head_sees_a_nomination_returned_at_once(client, on_today):
    from awards.services import nomination_transition

    office = make_office_user()
    unit = UnitFactory()
    head = make_unit_head(unit)
    nomination = NominationFactory(person=PersonFactory(unit=unit), submitted=True)
    client.force_login(head)
    assert "nominations_returned" not in home_counts(client, Role.UNIT_HEAD)

    nomination_transition(nomination, to="returned", by=office, reason="Thiếu bản thành tích.")

    assert home_counts(client, Role.UNIT_HEAD)["nominations_returned"] == 1


def test_a_council_member_sees_their_ballot_counted_at_once(client, on_today):
    office = make_office_user()
    first, second = make_verified_nomination(), make_verified_nomination()
    council = make_council_session(3, office=office, nominations=[first, second])
    session_transition(council.session, to="voting", by=office)
    member = council.present[0]
    client.force_login(member)
    assert home_counts(client, Role.COUNCIL)[f"vote_{council.session.pk}"] == 2

    ballot_cast(council.session, nomination=first, member=member, choice="agree")

    assert home_counts(client, Role.COUNCIL)[f"vote_{council.session.pk}"] == 1


def test_the_administrator_sees_a_bulk_update_at_once(client, on_today):
    admin = make_admin()
    Holiday.objects.create(date=datetime.date(2030, 5, 3), name="Nghỉ bù", confirmed=False)
    Notification.objects.create(
        recipient=admin,
        kind="reminder",
        title="Nhắc hạn",
        email_status=EmailStatus.SENDING,
        email_sending_at=timezone.now() - datetime.timedelta(days=1),
    )
    client.force_login(admin)
    before = home_counts(client, Role.ADMIN)
    assert "mails_uncertain" not in before

    Holiday.objects.filter(confirmed=False).update(confirmed=True)  # no signal sent
    notifications_mail_abandoned()  # the worker's sweep: QuerySet.update() as well

    after = home_counts(client, Role.ADMIN)
    assert "holidays_unconfirmed" not in after
    assert after["mails_uncertain"] == 1


def test_the_administrator_sees_a_lockout_begin_and_end_with_the_clock(client, on_today):
    admin = make_admin()
    client.force_login(admin)
    assert "locked_logins" not in home_counts(client, Role.ADMIN)
    AccessAttempt.objects.create(
        username="bvdk",
        ip_address="203.0.113.7",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )

    assert home_counts(client, Role.ADMIN)["locked_logins"] == 1
    with time_machine.travel(NOON + settings.AXES_COOLOFF_TIME * 2, tick=False):
        assert "locked_logins" not in home_counts(client, Role.ADMIN)


def main(response) -> str:
    """The page's own part (the layout around it carries a CSRF token that changes every time)."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_a_home_page_read_twice_unchanged_is_served_from_the_cache(
    client, on_today, django_assert_num_queries
):
    office = make_office_user()
    RegistrationFactory.create_batch(2, submitted=True)
    Agency.load()  # created on first use: a write
    client.force_login(office)
    first = main(client.get(reverse("home")))

    with django_assert_num_queries(2):  # the session and the user
        second = main(client.get(reverse("home")))

    assert second == first
    assert 'data-inbox="registrations_to_accept"' in second


def bell(client) -> str:
    found = re.search(r'id="notification-count"[^>]*>(\d+)<', client.get(reverse("home")).content.decode())
    return found.group(1) if found else ""


def test_the_bell_counts_a_notification_read_at_once(client):
    office = make_office_user()
    first, _second = (
        Notification.objects.create(recipient=office, kind="reminder", title=f"Nhắc hạn {n}") for n in (1, 2)
    )
    client.force_login(office)
    assert bell(client) == "2"

    notification_mark_read(first, by=office)  # QuerySet.update()

    assert bell(client) == "1"


def test_the_agency_renamed_shows_on_the_next_page(client):
    office = make_office_user()
    client.force_login(office)
    agency = Agency.load()
    assert agency.short_name in client.get(reverse("home")).content.decode()

    agency.short_name = "SYT Tây Nguyên"
    agency.save()

    assert "SYT Tây Nguyên" in client.get(reverse("home")).content.decode()


def test_a_write_renews_the_generation_at_once_and_again_at_the_commit(django_capture_on_commit_callbacks):
    start = generations.generation()
    with django_capture_on_commit_callbacks(execute=True) as hooks, transaction.atomic():
        Holiday.objects.create(date=datetime.date(2030, 5, 3), name="Nghỉ bù")
        during = generations.generation()
        Holiday.objects.update(name="Nghỉ bù Tết")  # the same transaction: no second hook
    assert start != during != generations.generation()
    assert len([hook for hook in hooks if isinstance(hook, generations._Renewal)]) == 1


def test_a_rolled_back_savepoint_leaves_the_next_write_renewing_at_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as hooks, transaction.atomic():
        try:
            with transaction.atomic():
                Holiday.objects.create(date=datetime.date(2030, 5, 3), name="Nghỉ bù")
                raise RuntimeError
        except RuntimeError:
            pass
        Holiday.objects.create(date=datetime.date(2030, 5, 4), name="Nghỉ bù")
    assert len([hook for hook in hooks if isinstance(hook, generations._Renewal)]) == 1


def test_sessions_and_login_throttling_renew_nothing():
    start = generations.generation()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_session WHERE expire_date < %s", [timezone.now()])
    AccessAttempt.objects.all().delete()
    assert generations.generation() == start
    with connection.cursor() as cursor:
        cursor.execute("UPDATE awards_holiday SET name = name")  # raw SQL to a table of the data
    assert generations.generation() != start


def test_a_login_stamps_its_time_but_renews_nothing_and_adds_no_history_row(client):
    user = make_office_user()
    user.refresh_from_db()
    versions = user.history.count()
    start = generations.generation()

    client.force_login(user)

    user.refresh_from_db()
    assert user.last_login is not None
    assert generations.generation() == start
    assert user.history.count() == versions
    User.objects.filter(pk=user.pk).update(last_login=timezone.now(), first_name="Lan")  # more than the time
    assert generations.generation() != start
