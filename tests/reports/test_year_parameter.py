"""``?year=`` is read by one function (``units.views.year_from``) on every page and export that
takes a year: a year in range is kept, anything else — missing, not a whole number, before 2000 or
after 2100 — falls back to the current year, the same way on the cluster list, the cluster export
and the three dashboards."""

import io

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import ClusterFactory, make_council_member, make_office_user, make_unit_head
from units.enums import FIRST_YEAR, LAST_YEAR
from units.views import year_from

pytestmark = pytest.mark.django_db

KEPT = [str(FIRST_YEAR), "2025", str(LAST_YEAR)]
FALLS_BACK = ["", "abc", "20x5", "-2025", "2025.0", " 2025", str(FIRST_YEAR - 1), str(LAST_YEAR + 1), "99999"]


def this_year():
    return timezone.localdate().year


@pytest.mark.parametrize("value", KEPT)
def test_a_year_in_range_is_kept(value):
    request = RequestFactory().get("/", {"year": value})

    assert year_from(request) == int(value)


@pytest.mark.parametrize("value", FALLS_BACK)
def test_a_missing_invalid_or_out_of_range_year_falls_back_to_the_current_year(value):
    request = RequestFactory().get("/", {"year": value})

    assert year_from(request) == this_year()


def test_no_year_at_all_is_the_current_year():
    assert year_from(RequestFactory().get("/")) == this_year()


PAGES = [
    ("units:cluster-list", make_office_user),
    ("reports:dashboard", make_office_user),
    ("reports:unit-dashboard", make_unit_head),
    ("reports:council-dashboard", make_council_member),
]


@pytest.mark.parametrize(("name", "make_user"), PAGES, ids=[name for name, _m in PAGES])
@pytest.mark.parametrize("value", ["2025", "abc", str(LAST_YEAR + 1)])
def test_every_page_with_a_year_reads_it_the_same_way(client, name, make_user, value):
    client.force_login(make_user())
    expected = year_from(RequestFactory().get("/", {"year": value}))

    response = client.get(reverse(name), {"year": value})

    assert response.status_code == 200
    assert response.context["year"] == expected


@pytest.mark.parametrize("value", ["2025", *FALLS_BACK])
def test_the_cluster_export_takes_the_year_the_cluster_list_shows(client, value):
    for year in (FIRST_YEAR - 1, 2025, this_year(), LAST_YEAR + 1):
        ClusterFactory(year=year, name=f"Cụm năm {year}")
    client.force_login(make_office_user())
    shown = client.get(reverse("units:cluster-list"), {"year": value}).context["year"]

    response = client.get(reverse("reports:export", args=["clusters"]), {"year": value})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    years = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert years == [shown]
