"""The layout's fixed parts rendered once per process (``{% once %}``, units.fastpaths): each
language gets its own, the page's own variables stay per request, and the layout reads the same
as the template without the fast path."""

import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.factories import make_office_user, make_unit_head

pytestmark = pytest.mark.django_db


def test_a_once_block_is_rendered_in_each_language():
    template = engines["django"].from_string(
        "{% load i18n once %}{% once %}{% get_current_language as code %}{{ code }}{% endonce %}"
    )

    with translation.override("vi"):
        vietnamese = template.render({})
    with translation.override("en"):
        english = template.render({})
    with translation.override("vi"):
        again = template.render({})

    assert (vietnamese, english, again) == ("vi", "en", "vi")


def test_the_layout_reads_as_its_template_without_the_fast_path():
    source = engines["django"].engine.get_template("base.html").source
    plain = re.sub(r"\{% (end)?once %\}", "", source).replace(
        "{% load static i18n once %}", "{% load static i18n %}"
    )
    assert plain != source
    request = RequestFactory().get("/")
    request.user = make_office_user()
    request.session = {}

    fast = engines["django"].from_string(source).render({}, request)
    slow = engines["django"].from_string(plain).render({}, request)

    token = re.compile(r'(value="|"X-CSRFToken": ")[A-Za-z0-9]{64}')
    assert token.sub(r"\1-", fast) == token.sub(r"\1-", slow)


def test_each_user_sees_their_own_name_and_roles_in_the_layout(client):
    office = make_office_user(first_name="Lan", last_name="Nguyễn Thị")
    head = make_unit_head()
    client.force_login(office)
    first = client.get(reverse("home")).content.decode()
    client.force_login(head)
    second = client.get(reverse("home")).content.decode()

    assert "Thường trực" in first or office.role_labels[0] in first
    assert head.get_full_name() in second and office.get_full_name() not in second
    assert str(head.role_labels[0]) in second
