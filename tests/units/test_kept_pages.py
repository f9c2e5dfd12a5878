"""The list and form pages are kept until the data changes (units.kept): a page read again with
nothing changed is served from the cache in a few queries and shows the same HTML; a write through
a service or a QuerySet.update() shows on the next request; the key holds the user, the query
string, the language and the day; a POST from a kept page succeeds with the request's own CSRF
token; a page with messages waiting or a form with errors is never kept."""

import datetime
import re
from dataclasses import dataclass

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.services import registration_transition
from council.models import BallotCast
from council.services import session_transition
from council.views import UNDO_COOKIE
from plans.models import PlanTask
from tests.factories import (
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    UnitFactory,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)
from tests.queries import page_queries
from units import generations
from units.models import Agency
from units.services import person_save

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 12, 9, 5, 0, tzinfo=datetime.UTC)  # 12:00 in Hồ Chí Minh City
KEPT_QUERIES = 2  # the session and the user
# The vote page checks its permission on the council session first: the session and the member's
# seat in it, on every request.
KEPT_VOTE_QUERIES = KEPT_QUERIES + 3


@pytest.fixture(autouse=True)
def on_today():
    with time_machine.travel(NOON, tick=False):
        yield


TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"')


def html(response) -> str:
    """The whole page with its CSRF tokens (a new mask on every request) blanked."""
    assert response.status_code == 200
    return TOKENS.sub(r'\1""', response.content.decode())


def queries_of(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx), html(response)


@dataclass
class Page:
    name: str
    url: str
    client: Client
    shows: str  # a text of the page's own rows


def office_client(client):
    client.force_login(make_office_user())
    return client


def build(name, client) -> Page:
    Agency.load()  # created on first use: a write
    if name == "tasks":
        plan = PlanFactory(year=2026, issued=True)
        PlanTaskFactory(plan=plan, content="Tổng kết phong trào thi đua quý I")
        return Page(name, f"{reverse('plans:task-list')}?when=all&year=2026", office_client(client), "quý I")
    if name == "registrations":
        registration = RegistrationFactory(submitted=True, unit=UnitFactory(name="Bệnh viện Phổi"))
        url = reverse("campaigns:consolidated", args=[registration.round.pk])
        return Page(name, url, office_client(client), "Bệnh viện Phổi")
    if name == "nominations":
        NominationFactory(person=PersonFactory(full_name="Trần Thị Hạnh"), submitted=True)
        return Page(name, reverse("awards:nomination-list"), office_client(client), "Trần Thị Hạnh")
    if name == "nomination_form":
        PersonFactory(full_name="Lê Văn Bình")
        url = f"{reverse('awards:nomination-create')}?subject=individual"
        return Page(name, url, office_client(client), "Lập đề nghị")
    if name == "staff":
        PersonFactory(full_name="Phạm Minh Châu")
        return Page(name, reverse("units:person-list"), office_client(client), "Phạm Minh Châu")
    if name == "vote":
        council, _nomination, url = voting_session()
        client.force_login(council.present[0])
        return Page(name, url, client, "Hoàng Văn Đức")
    if name == "dashboard":
        PlanTaskFactory(
            plan=PlanFactory(year=2026, issued=True), lead_unit=UnitFactory(name="Trung tâm Y tế Lục Yên")
        )
        url = f"{reverse('reports:dashboard')}?year=2026"
        return Page(name, url, office_client(client), "Trung tâm Y tế Lục Yên")
    if name == "home":
        RegistrationFactory.create_batch(2, submitted=True)
        return Page(name, reverse("home"), office_client(client), 'data-inbox="registrations_to_accept"')
    raise AssertionError(name)


PAGES = ["tasks", "registrations", "nominations", "nomination_form", "staff", "vote", "dashboard", "home"]


@pytest.mark.parametrize("name", PAGES)
def test_a_page_read_again_unchanged_is_kept_and_shows_the_same_html(client, name):
    page = build(name, client)
    first = html(page.client.get(page.url))

    kept_queries, second = queries_of(page.client, page.url)

    assert second == first
    assert page.shows in second
    assert kept_queries <= (KEPT_VOTE_QUERIES if name == "vote" else KEPT_QUERIES)
    assert page_queries(page.client, page.url) > kept_queries + 3  # computed afresh: the page's own queries


@pytest.mark.parametrize("name", PAGES)
def test_any_write_shows_on_the_next_request(client, name):
    page = build(name, client)
    client.get(page.url)
    kept_queries, _html = queries_of(page.client, page.url)

    UnitFactory()  # any row of the data

    afresh, _html = queries_of(page.client, page.url)
    assert afresh > kept_queries


def test_a_task_renamed_by_a_bulk_update_shows_on_the_next_request(client):
    page = build("tasks", client)
    assert "quý I" in html(client.get(page.url))

    PlanTask.objects.update(content="Sơ kết sáu tháng đầu năm")  # no signal sent

    shown = html(client.get(page.url))
    assert "Sơ kết sáu tháng đầu năm" in shown
    assert "quý I" not in shown


def test_a_registration_accepted_through_the_service_shows_on_the_next_request(client):
    Agency.load()  # created on first use: a write
    office = make_office_user()
    registration = RegistrationFactory(submitted=True)
    client.force_login(office)
    url = reverse("campaigns:consolidated", args=[registration.round.pk])
    client.get(url)
    kept_queries, before = queries_of(client, url)

    registration_transition(registration, to="accepted", by=office)

    afresh, after = queries_of(client, url)
    assert kept_queries <= KEPT_QUERIES < afresh
    assert after != before


def test_a_person_renamed_through_the_service_shows_on_the_staff_list(client):
    page = build("staff", client)
    client.get(page.url)
    person = PersonFactory._meta.model.objects.get(full_name="Phạm Minh Châu")

    person.full_name = "Phạm Minh Khôi"
    person_save(person)

    shown = html(client.get(page.url))
    assert "Phạm Minh Khôi" in shown
    assert "Phạm Minh Châu" not in shown


@pytest.mark.parametrize(
    ("url_name", "query"),
    [("plans:task-list", "?when=all"), ("awards:nomination-list", ""), ("units:person-list", "")],
)
def test_a_unit_head_never_sees_another_units_kept_page(url_name, query):
    url = reverse(url_name) + query
    first_unit, second_unit = UnitFactory(name="Bệnh viện Sản Nhi"), UnitFactory(name="Bệnh viện Mắt")
    heads = [make_unit_head(first_unit), make_unit_head(second_unit)]
    for unit, name in ((first_unit, "Ngô Thị Lan"), (second_unit, "Đỗ Văn Minh")):
        person = PersonFactory(unit=unit, full_name=name)
        NominationFactory(person=person)
        PlanTaskFactory(
            plan=PlanFactory(year=2026, issued=True), lead_unit=unit, content=f"Nhiệm vụ của {unit.name}"
        )
    pages = []
    for head in heads:
        client = Client()
        client.force_login(head)
        client.get(url)
        pages.append(html(client.get(url)))  # the second: kept

    first, second = pages
    assert ("Ngô Thị Lan" in first) or ("Bệnh viện Sản Nhi" in first)
    assert "Đỗ Văn Minh" not in first and "Nhiệm vụ của Bệnh viện Mắt" not in first
    assert "Ngô Thị Lan" not in second and "Nhiệm vụ của Bệnh viện Sản Nhi" not in second


def test_the_query_string_is_part_of_the_key(client):
    page = build("staff", client)
    PersonFactory(full_name="Vũ Thị Hoa")
    client.get(page.url)
    client.get(page.url)

    searched = html(client.get(f"{page.url}?q=hoa"))

    assert "Vũ Thị Hoa" in searched
    assert "Phạm Minh Châu" not in searched


def test_the_language_is_part_of_the_key(client):
    page = build("tasks", client)
    client.get(page.url)
    vietnamese = html(client.get(page.url))

    client.cookies["django_language"] = "en"
    english = html(client.get(page.url))

    assert '<html lang="vi">' in vietnamese
    assert '<html lang="en">' in english
    assert "<title>Tasks" in english
    assert "<title>Nhiệm vụ" in vietnamese


BEFORE_MIDNIGHT = datetime.datetime(2026, 12, 9, 16, 58, tzinfo=datetime.UTC)  # 23:58 in Hồ Chí Minh City


def test_the_next_day_computes_the_page_afresh(client):
    with time_machine.travel(BEFORE_MIDNIGHT, tick=False):
        page = build("tasks", client)
        client.get(page.url)
        kept_queries, _html = queries_of(client, page.url)

    with time_machine.travel(BEFORE_MIDNIGHT + datetime.timedelta(minutes=4), tick=False):
        next_day, _html = queries_of(client, page.url)
        kept_again, _html = queries_of(client, page.url)

    assert kept_queries == kept_again <= KEPT_QUERIES
    assert next_day > kept_queries + 3


def csrf_token_of(page: str, form_start: str) -> str:
    form = page[page.index(form_start) :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def voting_session(size=3):
    nomination = make_verified_nomination(person=PersonFactory(full_name="Hoàng Văn Đức"))
    council = make_council_session(size, nominations=[nomination])
    session_transition(council.session, to="voting", by=council.office)
    return council, nomination, reverse("council:vote", args=[council.session.pk])


def main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_a_ballot_posted_from_a_kept_vote_page_is_counted():
    council, nomination, url = voting_session()
    member = council.present[0]
    # Two browsers of the same member: each its own CSRF secret.
    browser, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    browser.force_login(member)
    other.force_login(member)
    browser.get(url)
    kept_queries, _html = queries_of(browser, url)
    assert kept_queries <= KEPT_VOTE_QUERIES
    # The second browser is shown the page the first one's request kept.
    with CaptureQueriesContext(connection) as ctx:
        shown = other.get(url).content.decode()
    assert len(ctx) <= KEPT_VOTE_QUERIES

    response = other.post(
        url,
        {
            "csrfmiddlewaretoken": csrf_token_of(shown, 'id="item-'),
            "nomination": nomination.pk,
            "choice": "agree",
            "confirmed": "1",
        },
    )

    assert response.status_code == 302
    assert BallotCast.objects.filter(member=member).count() == 1


def test_the_vote_page_shows_a_cast_ballot_and_never_its_choice():
    council, nomination, url = voting_session()
    pages = []
    for member, choice in zip(council.present[:2], ("agree", "disagree"), strict=True):
        client = Client()
        client.force_login(member)
        client.get(url)
        before = main(html(client.get(url)))
        client.post(url, {"nomination": nomination.pk, "choice": choice, "confirmed": "1"})
        client.cookies.pop(UNDO_COOKIE % council.session.pk, None)  # its time is over
        client.get(url)  # the ballot's message
        client.get(url)
        pages.append(main(html(client.get(url))))  # kept again
        assert pages[-1] != before

    agreed, disagreed = pages
    assert agreed == disagreed


def test_a_page_with_messages_waiting_is_not_kept():
    council, nomination, url = voting_session()
    client = Client()
    client.force_login(council.present[0])
    client.post(url, {"nomination": nomination.pk, "choice": "agree", "confirmed": "1"})
    client.cookies.pop(UNDO_COOKIE % council.session.pk, None)

    with_message = html(client.get(url))
    kept_queries, _html = queries_of(client, url)

    assert 'role="alert"' in with_message
    assert kept_queries > KEPT_VOTE_QUERIES  # the page shown with the message was not kept


def test_a_list_whose_filter_has_errors_is_not_kept(client):
    page = build("nominations", client)
    url = f"{page.url}?unit=999999"
    client.get(url)

    queries, shown = queries_of(client, url)

    assert "invalid-feedback" in shown or "is-invalid" in shown
    assert queries > KEPT_QUERIES + 3


def test_the_generation_is_one_for_the_dashboard_and_the_pages():
    from reports import cache as dashboard_cache

    before = dashboard_cache.tables_key(2026, None)
    generations.renew([generations.DATA])

    assert dashboard_cache.tables_key(2026, None) != before


def test_a_bulk_action_posted_from_a_kept_list_is_asked_for(client):
    office = make_office_user()
    nomination = NominationFactory(person=PersonFactory(full_name="Đinh Thị Mai"), submitted=True)
    Agency.load()
    browser, other = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    browser.force_login(office)
    other.force_login(office)
    url = reverse("awards:nomination-list")
    browser.get(url)
    with CaptureQueriesContext(connection) as ctx:
        shown = other.get(url).content.decode()
    assert len(ctx) <= KEPT_QUERIES

    response = other.post(
        reverse("awards:nomination-bulk"),
        {
            "csrfmiddlewaretoken": csrf_token_of(shown, 'id="bulk-nominations"'),
            "action": "verify",
            "ids": [nomination.pk],
        },
    )

    assert response.status_code == 200
    assert 'name="confirmed" value="1"' in response.content.decode()
