"""Every list people work through: its search box finds a row typed without accents ("nguyen"
finds "Nguyễn", "benh vien" finds "Bệnh viện", "duong" finds "Đường"), its sortable columns
order the rows both ways, and its year filter keeps the rows of one year. What a single list adds
to that (a cluster's year, the notifications, the tick boxes of a queue) is in
``tests/test_list_search_more.py``."""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from awards.models import NominationCall
from council.models import Decision, ProposalPack
from reports.models import SummaryReport
from tests.factories import (
    CampaignFactory,
    ClusterFactory,
    CriteriaSetFactory,
    DisclosurePeriodFactory,
    LetterFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskAssignmentFactory,
    PlanTaskFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    SubmissionRequestFactory,
    UnitFactory,
    make_council_session,
)
from units.models import Reorganisation

pytestmark = pytest.mark.django_db


def _decision(text, year, rank=1):
    number = Decision.objects.filter(year=year).count() + 1
    return Decision.objects.create(
        kind="award", year=year, number=number, date=datetime.date(year, 5, 1), title=text
    )


def _ward():
    """A unit whose name no search of these tests finds (the factory's is "Bệnh viện …")."""
    return UnitFactory(name="Khoa Nội")


def _nomination(text, year, rank=1):
    """A submitted nomination, in the office's list and in its verification queue."""
    person = PersonFactory(full_name=text, unit=_ward())
    return NominationFactory(person=person, year=year, status="submitted")


def _session(text, year, rank=1):
    return make_council_session(size=3, title=text, year=year).session


def _proposal(text, year, rank=1):
    return ProposalPack.objects.create(authority="province_chair", year=year, title=text)


def _reorganisation(text, year, rank=1):
    return Reorganisation.objects.create(
        kind="rename",
        effective=datetime.date(year, 1, rank),
        decision_number=f"{rank}/QĐ-SYT",
        decision_date=datetime.date(year - 1, 12, rank),
        issuer="Sở Y tế",
        old_name="Trung tâm Y tế huyện",
        new_name=text,
    )


def _call(text, year, rank=1):
    return NominationCall.objects.create(year=year, deadline=datetime.date(year, 10, rank), note=text)


def _disclosure(text, year, rank=1):
    return DisclosurePeriodFactory(
        note=text, year=year, opens=datetime.date(year, 11, rank), closes=datetime.date(year, 11, 20)
    )


def _assignment(text, year, rank=1):
    task = PlanTaskFactory(
        content=text,
        plan=PlanFactory(year=year, issued=True, title="Kế hoạch công tác"),
        lead_unit=_ward(),
    )
    return PlanTaskAssignmentFactory(task=task, unit=UnitFactory(name="Khoa Ngoại"))


def _summary(text, year, rank=1):
    """A year-end report (one a year: the rank is the year's place after ``year``)."""
    return SummaryReport.objects.create(year=year + rank - 1, kind="year_end", general_situation=text)


@dataclass
class ListPage:
    url: str
    rows: str  # the page's context name of its rows
    make: Callable  # make(text, year, rank): a row searched by ``text``, ``rank``-th under ``sort``
    sort: str  # a sort key
    yearly: bool = True
    params: dict | None = None


LISTS = {
    "units": ListPage(
        "units:list", "units", lambda text, year, rank=1: UnitFactory(name=text), "name", yearly=False
    ),
    "staff": ListPage(
        "units:person-list",
        "persons",
        lambda text, year, rank=1: PersonFactory(full_name=text),
        "name",
        yearly=False,
    ),
    "plans": ListPage(
        "plans:list", "plans", lambda text, year, rank=1: PlanFactory(title=text, year=year), "title"
    ),
    "tasks": ListPage(
        "plans:task-list",
        "tasks",
        lambda text, year, rank=1: PlanTaskFactory(
            content=text, plan=PlanFactory(year=year, issued=True), lead_unit=_ward()
        ),
        "content",
        params={"when": "all"},
    ),
    "nominations": ListPage("awards:nomination-list", "nominations", _nomination, "nominee"),
    "registrations": ListPage(
        "campaigns:registration-list",
        "object_list",
        lambda text, year, rank=1: RegistrationFactory(
            unit=UnitFactory(name=text), round=RegistrationRoundFactory(year=year), status="submitted"
        ),
        "unit",
    ),
    "campaigns": ListPage(
        "campaigns:list",
        "object_list",
        lambda text, year, rank=1: CampaignFactory(
            name=text, start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31)
        ),
        "name",
    ),
    "rounds": ListPage(
        "campaigns:round-list",
        "object_list",
        lambda text, year, rank=1: RegistrationRoundFactory(name=text, year=year),
        "name",
    ),
    "letters": ListPage(
        "plans:letter-list",
        "letters",
        lambda text, year, rank=1: LetterFactory(subject=text, issue_date=datetime.date(year, 3, 2)),
        "subject",
    ),
    "decisions": ListPage("council:decision-list", "decisions", _decision, "title"),
    "sessions": ListPage(
        "council:session-list",
        "sessions",
        _session,
        "title",
    ),
    "proposals": ListPage(
        "council:proposal-list",
        "proposals",
        _proposal,
        "title",
    ),
    "clusters": ListPage(
        "units:cluster-list",
        "clusters",
        lambda text, year, rank=1: ClusterFactory(name=text, year=timezone.localdate().year),
        "name",
        yearly=False,
    ),
    "reorganisations": ListPage("units:reorganisation-list", "events", _reorganisation, "effective"),
    "criteria sets": ListPage(
        "campaigns:criteria-list",
        "object_list",
        lambda text, year, rank=1: CriteriaSetFactory(name=text, year=year),
        "name",
    ),
    "calls": ListPage("awards:call-list", "calls", _call, "deadline"),
    "disclosures": ListPage("awards:disclosure-list", "periods", _disclosure, "opens"),
    "verification queue": ListPage("awards:verify-queue", "nominations", _nomination, "nominee"),
    "report requests": ListPage(
        "plans:submission-list",
        "requests",
        lambda text, year, rank=1: SubmissionRequestFactory(
            title=text, due_date=datetime.date(year, 3, rank)
        ),
        "title",
    ),
    "summary reports": ListPage("reports:summary-list", "reports", _summary, "report"),
    "assignments": ListPage("plans:assignment-list", "assignments", _assignment, "content"),
}


def rows(client, page: ListPage, **params):
    response = client.get(reverse(page.url), {**(page.params or {}), **params})
    assert response.status_code == 200
    return list(response.context[page.rows])


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    ("stored", "typed"),
    [("Nguyễn Thị Hằng", "nguyen hang"), ("Bệnh viện Đa khoa", "benh vien"), ("Đường Văn Lộc", "duong")],
)
def test_a_list_finds_a_row_typed_without_accents(office_client, name, stored, typed):
    page = LISTS[name]
    wanted = page.make(stored, 2025)
    page.make("Trần Văn Bình", 2025, 2)

    found = rows(office_client, page, q=typed)

    assert found == [wanted]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_shows_its_search_box_labelled_outside_any_folded_panel(office_client, name):
    page = LISTS[name]

    html = office_client.get(reverse(page.url), page.params or {}).content.decode()

    assert 'role="search"' in html
    assert '<label for="id_q" class="form-label">' in html and 'type="search" name="q"' in html
    form = html[html.index('role="search"') :]
    assert "collapse" not in form[: form.index('name="q"')]


@pytest.mark.parametrize("name", LISTS)
def test_a_sortable_column_orders_the_list_both_ways_and_says_so(office_client, name):
    page = LISTS[name]
    middle = page.make("Đặng Minh", 2025, 2)
    last = page.make("Vũ Thị Mai", 2025, 3)
    first = page.make("Ánh Dương", 2025, 1)

    ascending = rows(office_client, page, sort=page.sort)
    descending = rows(office_client, page, sort=f"-{page.sort}")
    html = office_client.get(
        reverse(page.url), {**(page.params or {}), "sort": page.sort, "q": "m"}
    ).content.decode()

    assert [r.pk for r in ascending] == [first.pk, middle.pk, last.pk]
    assert [r.pk for r in descending] == [last.pk, middle.pk, first.pk]
    assert 'aria-sort="ascending"' in html
    assert f"sort=-{page.sort}" in html and "q=m" in html  # the next click reverses, the search stays


@pytest.mark.parametrize("name", LISTS)
def test_a_sort_key_outside_the_whitelist_leaves_the_list_as_it_was(office_client, name):
    page = LISTS[name]
    shown = page.make("Nguyễn Văn An", 2025)

    assert [r.pk for r in rows(office_client, page, sort="password")] == [shown.pk]


@pytest.mark.parametrize("name", [n for n, page in LISTS.items() if page.yearly])
def test_a_list_that_spans_years_keeps_the_rows_of_the_year_chosen(office_client, name):
    page = LISTS[name]
    old = page.make("Kế hoạch năm cũ", 2024)
    new = page.make("Kế hoạch năm mới", 2025)

    every_year = rows(office_client, page)
    of_2024 = rows(office_client, page, year=2024)
    html = office_client.get(reverse(page.url), page.params or {}).content.decode()

    assert {r.pk for r in every_year} == {old.pk, new.pk}  # no year chosen: every year
    assert [r.pk for r in of_2024] == [old.pk]
    assert 'name="year"' in html


def test_the_pages_of_a_sorted_search_keep_the_search_and_the_order(office_client, settings):
    settings.PAGINATE_BY = 2
    for n in range(5):
        PersonFactory(full_name=f"Nguyễn Văn {chr(ord('A') + n)}")

    html = office_client.get(reverse("units:person-list"), {"q": "nguyen", "sort": "-name"}).content.decode()

    assert "?q=nguyen&amp;sort=-name&amp;page=2" in html


@pytest.mark.parametrize(
    ("name", "export", "column"),
    [
        ("letters", "letters", "Trích yếu"),
        ("decisions", "decisions", "Trích yếu"),
        ("registrations", "registration-list", "Đơn vị"),
    ],
)
def test_the_export_of_a_searched_list_writes_the_rows_the_search_found(office_client, name, export, column):
    page = LISTS[name]
    page.make("Nguyễn Thị Hằng", 2025)
    page.make("Trần Văn Bình", 2025)

    response = office_client.get(reverse("reports:export", args=[export]), {"q": "nguyen", "year": 2025})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    header, *lines = sheet.iter_rows(values_only=True)
    written = {line[header.index(column)] for line in lines}

    assert len(rows(office_client, page, q="nguyen", year=2025)) == 1
    assert {str(text).removeprefix("V/v ") for text in written} == {"Nguyễn Thị Hằng"}
