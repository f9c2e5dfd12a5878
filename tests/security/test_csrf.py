"""A form posted without its CSRF token is refused (403, a Vietnamese page) and changes nothing;
the same post with the token that the page gave goes through.

The client here checks CSRF as a browser session would (``enforce_csrf_checks``);
the rest of the test suite posts without it so that the permission is what answers there.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import Nomination
from council.models import BallotCast, Decision
from tests.factories import PASSWORD, NominationFactory, PersonFactory, add_required_documents

from .helpers import page_values, writes

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Post:
    user: Callable  # who posts (None: the anonymous visitor)
    page: Callable  # the page that shows the form (and gives the token)
    url: Callable  # where the form posts
    data: Callable
    done: Callable  # true once the post went through


def _approved(w):
    w.approved = NominationFactory(person=PersonFactory(unit=w.unit_a), status="approved")
    return w.approved


POSTS = {
    "login": Post(
        user=lambda w: None,
        page=lambda w: reverse("login"),
        url=lambda w: reverse("login"),
        data=lambda w: {"username": w.head.username, "password": PASSWORD},
        done=lambda w, client: "_auth_user_id" in client.session,
    ),
    "secret ballot": Post(
        user=lambda w: w.council,
        page=lambda w: reverse("council:vote", args=[w.session_voting.pk]),
        url=lambda w: reverse("council:vote", args=[w.session_voting.pk]),
        data=lambda w: {
            "nomination": w.session_voting.agenda.get().nomination_id,
            "choice": "agree",
            "confirmed": "1",
        },
        done=lambda w, client: BallotCast.objects.filter(member=w.council).exists(),
    ),
    "nomination submitted": Post(
        user=lambda w: w.head,
        page=lambda w: (
            add_required_documents(w.nomination_a)
            and reverse("awards:nomination-transition", args=[w.nomination_a.pk, "submitted"])
        ),
        url=lambda w: reverse("awards:nomination-transition", args=[w.nomination_a.pk, "submitted"]),
        data=lambda w: {"seen_status": "draft"},
        done=lambda w, client: Nomination.objects.get(pk=w.nomination_a.pk).status == "submitted",
    ),
    "decision issued": Post(
        user=lambda w: w.office,
        page=lambda w: _approved(w) and reverse("council:decision-create"),
        url=lambda w: reverse("council:decision-create"),
        data=lambda w: {
            "nominations": [w.approved.pk],
            "date": datetime.date(2026, 1, 20).isoformat(),
            "signer_position": "Giám đốc",
            "signer_name": "Lê Quang Trung",
        },
        done=lambda w, client: Decision.objects.count() == 2,
    ),
    "staff member renamed": Post(
        user=lambda w: w.head,
        page=lambda w: reverse("units:person-edit", args=[w.person_a.pk]),
        url=lambda w: reverse("units:person-edit", args=[w.person_a.pk]),
        data=lambda w: None,  # the form as the page gave it, with a new name
        done=lambda w, client: type(w.person_a).objects.get(pk=w.person_a.pk).full_name == "Tên Mới",
    ),
}


def _token(response) -> str:
    match = TOKEN.search(response.content.decode())
    assert match, "the page has no CSRF token in its form"
    return match.group(1)


def _data(post, world, page):
    data = post.data(world)
    if data is None:
        data = {**page_values(page, "form"), "full_name": "Tên Mới"}
    return data


@pytest.fixture
def csrf_client(world):
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("post", POSTS.values(), ids=POSTS.keys())
def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(csrf_client, world, post):
    if (user := post.user(world)) is not None:
        csrf_client.force_login(user)
    page = csrf_client.get(post.page(world))
    assert page.status_code == 200
    data = _data(post, world, page)

    with CaptureQueriesContext(connection) as queries:
        refused = csrf_client.post(post.url(world), data)

    assert refused.status_code == 403
    assert "Không gửi được biểu mẫu" in refused.content.decode()
    assert writes(queries.captured_queries) == []
    assert not post.done(world, csrf_client)


@pytest.mark.parametrize("post", POSTS.values(), ids=POSTS.keys())
def test_the_same_post_with_the_token_of_its_page_goes_through(csrf_client, world, post):
    if (user := post.user(world)) is not None:
        csrf_client.force_login(user)
    page = csrf_client.get(post.page(world))
    data = {**_data(post, world, page), "csrfmiddlewaretoken": _token(page)}

    response = csrf_client.post(post.url(world), data)

    assert response.status_code in (200, 302)
    assert post.done(world, csrf_client)


def test_a_token_from_another_session_is_refused(world):
    other, csrf_client = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    stolen = _token(other.get(reverse("login")))
    csrf_client.get(reverse("login"))

    response = csrf_client.post(
        reverse("login"),
        {"username": world.head.username, "password": PASSWORD, "csrfmiddlewaretoken": stolen},
    )

    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


def test_the_login_gives_a_new_csrf_token(world):
    """A token seen before the login (on a shared computer, say) is worth nothing after it."""
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get(reverse("login"))
    before = csrf_client.cookies["csrftoken"].value

    csrf_client.post(
        reverse("login"),
        {"username": world.head.username, "password": PASSWORD, "csrfmiddlewaretoken": _token(page)},
    )

    assert "_auth_user_id" in csrf_client.session
    assert csrf_client.cookies["csrftoken"].value != before
