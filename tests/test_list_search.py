"""Every list people work through: its search box finds a row typed without accents ("nguyen"
finds "Nguyễn", "benh vien" finds "Bệnh viện", "duong" finds "Đường"), its sortable columns
order the rows both ways, and its year filter keeps the rows of one year."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from council.models import Decision, ProposalPack
from tests.factories import (
    CampaignFactory,
    LetterFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    make_council_session,
    make_office_user,
)

pytestmark = pytest.mark.django_db


def _decision(text, year):
    number = Decision.objects.filter(year=year).count() + 1
    return Decision.objects.create(
        kind="award", year=year, number=number, date=datetime.date(year, 5, 1), title=text
    )


def _ward():
    """A unit whose name no search of these tests finds (the factory's is "Bệnh viện …")."""
    return UnitFactory(name="Khoa Nội")


@dataclass
class ListPage:
    url: str
    rows: str  # the page's context name of its rows
    make: Callable  # make(text, year): a row whose searched text is ``text``
    sort: str  # the sort key of that text
    yearly: bool = True
    params: dict | None = None


LISTS = {
    "units": ListPage("units:list", "units", lambda text, year: UnitFactory(name=text), "name", yearly=False),
    "staff": ListPage(
        "units:person-list", "persons", lambda text, year: PersonFactory(full_name=text), "name", yearly=False
    ),
    "plans": ListPage("plans:list", "plans", lambda text, year: PlanFactory(title=text, year=year), "title"),
    "tasks": ListPage(
        "plans:task-list",
        "tasks",
        lambda text, year: PlanTaskFactory(
            content=text, plan=PlanFactory(year=year, issued=True), lead_unit=_ward()
        ),
        "content",
        params={"when": "all"},
    ),
    "nominations": ListPage(
        "awards:nomination-list",
        "nominations",
        lambda text, year: NominationFactory(
            person=PersonFactory(full_name=text, unit=_ward()), year=year, status="submitted"
        ),
        "nominee",
    ),
    "registrations": ListPage(
        "campaigns:registration-list",
        "object_list",
        lambda text, year: RegistrationFactory(
            unit=UnitFactory(name=text), round=RegistrationRoundFactory(year=year), status="submitted"
        ),
        "unit",
    ),
    "campaigns": ListPage(
        "campaigns:list",
        "object_list",
        lambda text, year: CampaignFactory(
            name=text, start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31)
        ),
        "name",
    ),
    "rounds": ListPage(
        "campaigns:round-list",
        "object_list",
        lambda text, year: RegistrationRoundFactory(name=text, year=year),
        "name",
    ),
    "letters": ListPage(
        "plans:letter-list",
        "letters",
        lambda text, year: LetterFactory(subject=text, issue_date=datetime.date(year, 3, 2)),
        "subject",
    ),
    "decisions": ListPage("council:decision-list", "decisions", _decision, "title"),
    "sessions": ListPage(
        "council:session-list",
        "sessions",
        lambda text, year: make_council_session(size=3, title=text, year=year).session,
        "title",
    ),
    "proposals": ListPage(
        "council:proposal-list",
        "proposals",
        lambda text, year: ProposalPack.objects.create(authority="province_chair", year=year, title=text),
        "title",
    ),
}


@pytest.fixture
def office(client):
    client.force_login(make_office_user())
    return client


def rows(client, page: ListPage, **params):
    response = client.get(reverse(page.url), {**(page.params or {}), **params})
    assert response.status_code == 200
    return list(response.context[page.rows])


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("stored", "typed"),
    [("Nguyễn Thị Hằng", "nguyen hang"), ("Bệnh viện Đa khoa", "benh vien"), ("Đường Văn Lộc", "duong")],
)
def test_a_list_finds_a_row_typed_without_accents(office, name, stored, typed):
    page = LISTS[name]
    wanted = page.make(stored, 2025)
    page.make("Trần Văn Bình", 2025)

    found = rows(office, page, q=typed)

    assert found == [wanted]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_shows_its_search_box_labelled_outside_any_folded_panel(office, name):
    page = LISTS[name]

    html = office.get(reverse(page.url), page.params or {}).content.decode()

    assert 'role="search"' in html
    assert '<label for="id_q" class="form-label">' in html and 'type="search" name="q"' in html
    form = html[html.index('role="search"') :]
    assert "collapse" not in form[: form.index('name="q"')]


@pytest.mark.parametrize("name", LISTS)
def test_a_sortable_column_orders_the_list_both_ways_and_says_so(office, name):
    page = LISTS[name]
    middle = page.make("Đặng Minh", 2025)
    last = page.make("Vũ Thị Mai", 2025)
    first = page.make("Ánh Dương", 2025)

    ascending = rows(office, page, sort=page.sort)
    descending = rows(office, page, sort=f"-{page.sort}")
    html = office.get(
        reverse(page.url), {**(page.params or {}), "sort": page.sort, "q": "m"}
    ).content.decode()

    assert [r.pk for r in ascending] == [first.pk, middle.pk, last.pk]
    assert [r.pk for r in descending] == [last.pk, middle.pk, first.pk]
    assert 'aria-sort="ascending"' in html
    assert f"sort=-{page.sort}" in html and "q=m" in html  # the next click reverses, the search stays


@pytest.mark.parametrize("name", LISTS)
def test_a_sort_key_outside_the_whitelist_leaves_the_list_as_it_was(office, name):
    page = LISTS[name]
    shown = page.make("Nguyễn Văn An", 2025)

    assert [r.pk for r in rows(office, page, sort="password")] == [shown.pk]


@pytest.mark.parametrize("name", [n for n, page in LISTS.items() if page.yearly])
def test_a_list_that_spans_years_keeps_the_rows_of_the_year_chosen(office, name):
    page = LISTS[name]
    old = page.make("Kế hoạch năm cũ", 2024)
    new = page.make("Kế hoạch năm mới", 2025)

    every_year = rows(office, page)
    of_2024 = rows(office, page, year=2024)
    html = office.get(reverse(page.url), page.params or {}).content.decode()

    assert {r.pk for r in every_year} == {old.pk, new.pk}  # no year chosen: every year
    assert [r.pk for r in of_2024] == [old.pk]
    assert 'name="year"' in html


def test_the_pages_of_a_sorted_search_keep_the_search_and_the_order(office, settings):
    settings.PAGINATE_BY = 2
    for n in range(5):
        PersonFactory(full_name=f"Nguyễn Văn {chr(ord('A') + n)}")

    html = office.get(reverse("units:person-list"), {"q": "nguyen", "sort": "-name"}).content.decode()

    assert "?q=nguyen&amp;sort=-name&amp;page=2" in html


@pytest.mark.parametrize(
    ("name", "export", "column"),
    [
        ("letters", "letters", "Trích yếu"),
        ("decisions", "decisions", "Trích yếu"),
        ("registrations", "registration-list", "Đơn vị"),
    ],
)
def test_the_export_of_a_searched_list_writes_the_rows_the_search_found(office, name, export, column):
    page = LISTS[name]
    page.make("Nguyễn Thị Hằng", 2025)
    page.make("Trần Văn Bình", 2025)

    response = office.get(reverse("reports:export", args=[export]), {"q": "nguyen", "year": 2025})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, *lines = sheet.iter_rows(values_only=True)
    written = {line[header.index(column)] for line in lines}

    assert len(rows(office, page, q="nguyen", year=2025)) == 1
    assert {str(text).removeprefix("V/v ") for text in written} == {"Nguyễn Thị Hằng"}
