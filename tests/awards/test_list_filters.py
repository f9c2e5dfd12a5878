"""The nomination list for the office: every filter narrows it as its label says, and the page
runs the same number of queries for 2 and for 20 nominations, rows whose verdict lapsed since
they were sent included."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Nomination, NominationCall, NominationEvent, VerdictChange
from tests.factories import (
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_dossier_file,
    award,
    make_office_user,
    make_unit_head,
)

pytestmark = pytest.mark.django_db


def listed(client, **params):
    cache.clear()  # the list computed afresh, its rows in the context (a page kept shows only HTML)
    response = client.get(reverse("awards:nomination-list"), params)
    assert response.status_code == 200
    return {n.pk for n in response.context["nominations"]}


@pytest.fixture
def spread():
    """Nominations that differ in exactly one respect each from the first."""
    hospital = UnitFactory(name="Bệnh viện Đa khoa tỉnh")
    ward = UnitFactory(name="Khoa Ngoại", parent=hospital)
    centre = UnitFactory(name="Trung tâm Y tế huyện")

    def make(unit=hospital, **kwargs):
        kwargs.setdefault("award_type", award("LDTT"))
        kwargs.setdefault("year", 2025)
        kwargs.setdefault("status", "submitted")
        kwargs.setdefault("eligibility", "eligible")
        return NominationFactory(person=PersonFactory(unit=unit), proposing_unit=unit, **kwargs)

    return {
        "base": make(),
        "year": make(year=2024),
        "status": make(status="draft"),
        "award": make(award_type=award("CSTDCS")),
        "centre": make(unit=centre),
        "ward": make(unit=ward),
        "flagged": make(eligibility="flagged"),
        "failing": make(eligibility="not_eligible"),
        "units": (hospital, ward, centre),
    }


def test_the_year_filter(office_client, spread):
    assert listed(office_client, year=2024) == {spread["year"].pk}


def test_the_status_filter(office_client, spread):
    assert listed(office_client, status="draft") == {spread["status"].pk}


def test_the_award_type_filter(office_client, spread):
    assert listed(office_client, award_type=award("CSTDCS").pk) == {spread["award"].pk}


def test_the_unit_filter_takes_the_units_below_it_too(office_client, spread):
    hospital, ward, centre = spread["units"]

    assert listed(office_client, unit=centre.pk) == {spread["centre"].pk}
    assert listed(office_client, unit=ward.pk) == {spread["ward"].pk}
    assert spread["ward"].pk in listed(office_client, unit=hospital.pk)
    assert spread["centre"].pk not in listed(office_client, unit=hospital.pk)


def test_the_eligibility_filter(office_client, spread):
    assert listed(office_client, eligibility="flagged") == {spread["flagged"].pk}
    assert listed(office_client, eligibility="not_eligible") == {spread["failing"].pk}


def test_the_filters_combine(office_client, spread):
    hospital, _ward, _centre = spread["units"]

    found = listed(
        office_client,
        year=2025,
        status="submitted",
        award_type=award("LDTT").pk,
        unit=hospital.pk,
        eligibility="eligible",
    )

    assert found == {spread["base"].pk, spread["ward"].pk}


def test_a_bad_filter_value_is_told_and_nothing_is_hidden_silently(office_client, spread):
    response = office_client.get(reverse("awards:nomination-list"), {"status": "khong-co"})

    assert response.status_code == 200
    assert "status" in response.context["filter"].form.errors


def _queries(client, params):
    client.get(reverse("awards:nomination-list"), params)  # warm the session and caches
    cache.clear()  # the page computed afresh, as after a write (units.generations)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("awards:nomination-list"), params)
    assert response.status_code == 200
    rows = response.context["nominations"]
    assert response.content.decode().count("Kết luận đã đổi: không đủ điều kiện") == sum(
        1 for n in rows if n.verdict_lapsed_at
    )
    return len(ctx.captured_queries), len(rows)


def _lapse(nomination):
    """Sent "eligible", "not eligible" since: the rows the workflow writes (a SUBMITTED event
    with the verdict sent, a recorded change after submission, both kept on the nomination)."""
    NominationEvent.objects.create(
        nomination=nomination, from_status="draft", to_status="submitted", eligibility="eligible"
    )
    change = VerdictChange.objects.create(
        nomination=nomination,
        old_eligibility="eligible",
        new_eligibility="not_eligible",
        status="submitted",
        after_submission=True,
    )
    Nomination.objects.filter(pk=nomination.pk).update(
        eligibility="not_eligible", eligibility_when_sent="eligible", not_eligible_since=change.at
    )


def _fill(unit, count):
    """Half individuals, half collectives (sub-units), each sent with a dossier file; every
    other one's verdict lapsed since it was sent."""
    for index in range(count):
        shared = {"status": "submitted", "eligibility": "eligible", "year": 2025}
        if index % 2:
            nomination = NominationFactory(
                person=None,
                unit=UnitFactory(parent=unit),
                proposing_unit=unit,
                award_type=award("TTLDTT"),
                **shared,
            )
        else:
            nomination = NominationFactory(person=PersonFactory(unit=unit), **shared)
        add_dossier_file(nomination)
        if index % 4 < 2:
            _lapse(nomination)


@pytest.mark.parametrize("filtered", [False, True], ids=["unfiltered", "filtered"])
def test_the_office_list_runs_the_same_queries_for_2_and_20_nominations(client, filtered):
    unit = UnitFactory()
    client.force_login(make_office_user())
    NominationCall.objects.create(year=2025, deadline="2026-01-15")
    params = (
        {
            "year": 2025,
            "status": "submitted",
            "eligibility": "not_eligible",
            "verdict_lapsed": "true",
            "unit": unit.pk,
        }
        if filtered
        else {}
    )

    _fill(unit, 2)
    two, shown_two = _queries(client, params)
    Nomination.objects.all().delete()
    _fill(unit, 20)
    twenty, shown_twenty = _queries(client, params)

    # Both of the 2 lapsed, half of the 20: the filtered list shows those only.
    assert (shown_two, shown_twenty) == ((2, 10) if filtered else (2, 20))
    assert two == twenty


def test_the_unit_heads_list_runs_the_same_queries_for_2_and_20_nominations(client):
    unit = UnitFactory()
    client.force_login(make_unit_head(unit))
    NominationCall.objects.create(year=2025, deadline="2026-01-15")

    _fill(unit, 2)
    two, _shown = _queries(client, {})
    Nomination.objects.all().delete()
    _fill(unit, 20)
    twenty, shown = _queries(client, {})

    assert two == twenty and shown == 20


def test_each_row_counts_its_own_dossier_files(office_client, spread):
    add_dossier_file(spread["base"], "TOTRINH")
    add_dossier_file(spread["base"], "BAOCAO")
    add_dossier_file(spread["year"], "TOTRINH")

    response = office_client.get(reverse("awards:nomination-list"))

    counts = {n.pk: n.file_count for n in response.context["nominations"]}
    assert counts[spread["base"].pk] == 2
    assert counts[spread["year"].pk] == 1
    assert counts[spread["status"].pk] == 0  # no file: 0, not blank
