"""The cached reversers of ``units.fastpaths`` write the addresses ``reverse`` writes."""

import pytest
from django.urls import NoReverseMatch, reverse

from units.fastpaths import pk_url


@pytest.mark.parametrize("pk", [1, 42, 1000, 987654321, 98765432198])
def test_pk_url_writes_what_reverse_writes(pk):
    assert pk_url("campaigns:registration-detail")(pk) == reverse("campaigns:registration-detail", args=[pk])
    assert pk_url("awards:nomination-detail")(pk) == reverse("awards:nomination-detail", args=[pk])


def test_pk_url_refuses_a_pattern_without_a_key():
    with pytest.raises(NoReverseMatch):
        pk_url("home")


def test_pk_address_writes_what_reverse_writes_under_any_script_prefix():
    from django.urls import set_script_prefix

    from units.fastpaths import pk_address

    assert pk_address("awards:nomination-detail", 7) == reverse("awards:nomination-detail", args=[7])
    try:
        set_script_prefix("/thiduakt/")  # served below a path of the department's site
        assert pk_address("awards:nomination-detail", 7) == reverse("awards:nomination-detail", args=[7])
        assert pk_address("awards:nomination-detail", 7).startswith("/thiduakt/awards/")
    finally:
        set_script_prefix("/")
    assert pk_address("awards:nomination-detail", 7) == reverse("awards:nomination-detail", args=[7])


def test_list_address_writes_the_reversed_address_with_its_filters_and_leaves_out_empty_ones():
    from units.fastpaths import list_address

    base = reverse("plans:task-list")

    assert list_address("plans:task-list") == base
    assert list_address("plans:task-list", year=2026, lead_unit=None, when="") == f"{base}?year=2026"
    assert list_address("campaigns:consolidated", 7, status="late") == (
        reverse("campaigns:consolidated", args=[7]) + "?status=late"
    )
