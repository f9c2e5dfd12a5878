"""The main menu is rendered once per process for each set of permissions: a user's menu follows
their roles on the very next request (its language: tests/test_i18n.py)."""

import pytest
from django.urls import reverse

from tests.factories import make_council_member, make_office_user, make_unit_head

pytestmark = pytest.mark.django_db

ISSUED_REGISTER = reverse("units:issued-register")
DECISIONS = reverse("council:decision-list")


def menu_of(client) -> str:
    html = client.get(reverse("home")).content.decode()
    return html.split('id="mainnav"', 1)[1].split("</div>", 1)[0]


def test_the_office_and_a_unit_head_see_their_own_menus(client):
    client.force_login(make_office_user())
    office_menu = menu_of(client)
    client.force_login(make_unit_head())
    head_menu = menu_of(client)

    assert ISSUED_REGISTER in office_menu and DECISIONS in office_menu
    assert ISSUED_REGISTER not in head_menu and DECISIONS not in head_menu


def test_a_user_given_the_office_role_sees_its_menu_on_the_next_request(client):
    user = make_council_member()
    client.force_login(user)
    before = menu_of(client)

    user.is_office_staff = True
    user.save()
    after = menu_of(client)

    assert ISSUED_REGISTER not in before
    assert ISSUED_REGISTER in after and DECISIONS in after
