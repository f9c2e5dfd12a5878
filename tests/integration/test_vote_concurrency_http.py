"""The secret ballot over HTTP under real concurrency, on PostgreSQL: twenty council members, each
logged in through the login form with a browser session of their own, vote on a hundred
nominations at once through the voting page (one POST per nomination, as its cards do); five of
them click every button twice at the same moment. Afterwards every member has exactly one
counted ballot per nomination, each nomination has as many choices as casts, and the tallies of
the close add up to twenty with the agreements each member sent."""

import http.cookiejar
import random
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from functools import partial

import pytest
from django.db import connection

from council.models import AgendaItem, AgendaResult, BallotCast
from council.services import session_close, session_open_voting
from tests.concurrency import run_together
from tests.factories import make_council_session, make_verified_nomination, open_tallies

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MEMBERS, NOMINATIONS, DOUBLE_CLICKERS = 20, 100, 5
PASSWORD = "phieu-kin-2026"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Browser:
    """One member's browser: a cookie jar of its own, redirects left to the caller."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(f"{self.base}{path}", data=body, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", "")

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def log_in(self, username: str) -> None:
        status, page = self.request("/accounts/login/")
        assert status == 200
        token = CSRF_INPUT.search(page).group(1)
        status, location = self.request(
            "/accounts/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        )
        assert status == 302, f"{username} could not log in"
        assert any(c.name == "sessionid" for c in self.jar)


def choice_of(member_index: int, nomination_index: int) -> str:
    return "agree" if (member_index + nomination_index) % 3 else "disagree"


@pytest.fixture
def voting():
    nominations = [make_verified_nomination("LDTT", status="verified") for _ in range(NOMINATIONS)]
    ctx = make_council_session(MEMBERS, nominations=nominations)
    for member in ctx.members:
        member.set_password(PASSWORD)
        member.save(update_fields=["password"])
    session_open_voting(ctx.session, by=ctx.office)
    ctx.nominations = nominations
    return ctx


def test_twenty_members_voting_on_a_hundred_nominations_at_once_over_http(voting, live_server):
    assert connection.vendor == "postgresql"
    vote_path = f"/council/{voting.session.pk}/vote/"
    browsers = []
    for member in voting.members:
        browser = Browser(live_server.url)
        browser.log_in(member.username)
        browsers.append(browser)
    answers: list[tuple[int, int, int, str]] = []  # member, nomination, status, location
    failures: list[BaseException] = []
    lock = threading.Lock()

    def post(m: int, n: int, nomination_pk: int) -> None:
        browser = browsers[m]
        status, location = browser.request(
            vote_path,
            {
                "nomination": nomination_pk,
                "choice": choice_of(m, n),
                "confirmed": "1",  # the confirm step's button
                "csrfmiddlewaretoken": browser.csrf(),
            },
        )
        with lock:
            answers.append((m, n, status, location))

    def member_votes(m: int) -> None:
        order = list(enumerate(voting.nominations))
        random.Random(m).shuffle(order)  # noqa: S311 - members vote in different orders
        for n, nomination in order:
            if m < DOUBLE_CLICKERS:  # a double click: the same ballot twice at the same moment
                clicks = run_together([partial(post, m, n, nomination.pk)] * 2, timeout=120)
                with lock:
                    failures.extend(click for click in clicks if click is not None)
            else:
                post(m, n, nomination.pk)

    members = run_together([partial(member_votes, m) for m in range(MEMBERS)], timeout=600)
    failures += [member for member in members if member is not None]

    assert failures == []
    assert len(answers) == MEMBERS * NOMINATIONS + DOUBLE_CLICKERS * NOMINATIONS
    items = {item.nomination_id: item for item in AgendaItem.objects.filter(session=voting.session)}
    # every POST, the refused second click too, ends on the voting page again, at its own card
    card = {
        n: f"{vote_path}#item-{items[nomination.pk].pk}" for n, nomination in enumerate(voting.nominations)
    }
    assert {(status, location == card[n]) for _m, n, status, location in answers} == {(302, True)}
    casts = Counter(
        BallotCast.objects.filter(item__session=voting.session).values_list("member_id", "item_id")
    )
    assert len(casts) == MEMBERS * NOMINATIONS
    assert set(casts.values()) == {1}
    assert set(casts) == {
        (member.pk, items[n.pk].pk) for member in voting.members for n in voting.nominations
    }
    choices = Counter(
        {item_id: agree + disagree for item_id, (agree, disagree) in open_tallies(voting.session).items()}
    )
    casts_per_item = Counter(item_id for _member, item_id in casts)
    assert choices == casts_per_item
    assert set(choices.values()) == {MEMBERS}

    session_close(voting.session, by=voting.office)

    results = {
        r.item.nomination_id: r
        for r in AgendaResult.objects.filter(item__session=voting.session).select_related("item")
    }
    assert len(results) == NOMINATIONS
    for n, nomination in enumerate(voting.nominations):
        result = results[nomination.pk]
        expected_agree = sum(1 for m in range(MEMBERS) if choice_of(m, n) == "agree")
        assert (result.cast, result.agree, result.disagree) == (
            MEMBERS,
            expected_agree,
            MEMBERS - expected_agree,
        )
