"""Posting randomised and hostile values to every form of the site, as each role.

For a role the crawl walks the URL conf (every route without a parameter) and the links of the
pages it opens (routes with an id, reached as the role would reach them), GETs each page and
reads its POST forms: the action, the fields, the options of each select. Hypothesis then draws
a form and a value for each of its fields — an offered option, the value the page held, or a
hostile one (an id of 10^23, a negative or non-numeric number, an impossible date, markup, SQL,
a NUL byte, 10,000 characters, a formset's TOTAL_FORMS of 2,000) — and posts it.

Every post must answer without a server error, and a post that is refused (a 4xx, or the form
shown again with its errors) must write nothing: no INSERT, UPDATE or DELETE besides the login
session (``helpers.writes``).
"""

from __future__ import annotations

import re
import time
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.signals import got_request_exception
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .helpers import writes
from .world import ADMIN, COUNCIL, HEAD, OFFICE, OTHER_HEAD, PLAIN

# Every role that logs in; the anonymous visitor reaches no form.
FORM_ROLES = (OFFICE, HEAD, COUNCIL, ADMIN, PLAIN, OTHER_HEAD)

SKIP_PATHS = ("/admin/", "/static/", "/media/", "/accounts/logout", "/i18n/", "/healthz", "/__")
SKIP_SUFFIXES = (".pdf", ".xlsx", ".docx", ".ics", ".csv", ".zip")
MAX_PAGES = 150

HOSTILE = [
    "",
    "0",
    "-1",
    str(10**23),
    "-" + str(10**23),
    "9" * 40,
    "1e309",
    "NaN",
    "abc",
    "١٢٣",
    "1.5",
    "1,5",
    "2026-02-30",
    "30/02/2026",
    "31/12/9999",
    "00/00/0000",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "{{ 7*7 }}{% debug %}",
    "%s%s%s%n",
    '=HYPERLINK("http://x")',
    "../../etc/passwd",
    "\x00",
    "a\x00b",
    "\ud7ff\ufffd",
    "x" * 10_000,
    "true",
    "on",
    " ",
]
COUNTS = ["0", "1", "3", "2000", "-1", "abc", str(10**23), ""]


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    page: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def signature(self) -> tuple:
        path = re.sub(r"/\d+/", "/<id>/", urlsplit(self.action).path)
        return path, tuple(sorted(re.sub(r"-\d+-", "-n-", name) for name in self.fields))


class FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._select is not None:
            value = a.get("value") or ""
            self._select.options.append(value)
            if "selected" in a:
                self._select.value = value
            return
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = Form(action=urljoin(self.page, a.get("action") or self.page), page=self.page)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                existing = self._form.fields.get(a["name"])
                if existing is None:
                    existing = self._form.fields[a["name"]] = Field(
                        a["name"], kind, multiple=kind == "checkbox"
                    )
                existing.options.append(a.get("value", "on"))
                if "checked" in a:
                    existing.value = a.get("value", "on")
                return
            self._form.fields[a["name"]] = Field(a["name"], kind, a.get("value") or "")
        elif tag == "select":
            self._select = self._form.fields[a["name"]] = Field(a["name"], "select", multiple="multiple" in a)
        elif tag == "textarea":
            self._textarea = self._form.fields[a["name"]] = Field(a["name"], "textarea")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def routes(patterns=None, prefix=""):
    """Every route of the URL conf that takes no parameter."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if "<" not in route and "^" not in route and "(" not in route:
                yield "/" + route


def crawl(client) -> tuple[list[Form], int]:
    """The distinct POST forms the client's user reaches, and the number of pages opened."""
    queue = [path for path in routes() if not path.startswith(SKIP_PATHS)]
    seen, forms, opened = set(queue), {}, 0
    while queue and opened < MAX_PAGES:
        path = queue.pop(0)
        response = client.get(path)
        opened += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = FormParser(path)
        parser.feed(response.content.decode(errors="replace"))
        for form in parser.forms:
            if form.fields and not urlsplit(form.action).path.startswith(SKIP_PATHS):
                forms.setdefault(form.signature, form)
        for href in parser.links:
            target = urlsplit(urljoin(path, href))
            if target.netloc or not target.path.startswith("/"):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if link in seen or target.path.startswith(SKIP_PATHS) or target.path.endswith(SKIP_SUFFIXES):
                continue
            seen.add(link)
            queue.append(link)
    return list(forms.values()), opened


def value_for(data, spec: Field):
    name = spec.name
    if name == "csrfmiddlewaretoken":
        return None
    if name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")):
        return data.draw(st.sampled_from([spec.value, *COUNTS]))
    choices = [st.sampled_from(HOSTILE), st.text(max_size=200), st.integers(-(2**70), 2**70).map(str)]
    if spec.options:
        choices = [st.sampled_from(spec.options)] * 3 + choices
    if spec.value:
        choices = [st.just(spec.value)] * 2 + choices
    strategy = st.one_of(choices)
    if spec.multiple:
        return data.draw(st.lists(strategy, max_size=4))
    return data.draw(strategy)


def refused(response) -> bool:
    if 400 <= response.status_code < 500:
        return True
    if response.status_code != 200:
        return False
    body = response.content
    return b"errorlist" in body or b"invalid-feedback" in body or b"is-invalid" in body


@dataclass
class Totals:
    asked: int = 0
    posts: int = 0
    refused: int = 0
    server_errors: list = field(default_factory=list)
    writes_on_refusal: list = field(default_factory=list)
    forms: set = field(default_factory=set)
    roles: set = field(default_factory=set)
    pages: int = 0

    def line(self) -> str:
        return (
            f"fuzz: {self.posts} posts of {self.asked} asked ({self.refused} refused) "
            f"to {len(self.forms)} forms as {len(self.roles)} roles over {self.pages} pages; "
            f"{len(self.server_errors)} server errors, {len(self.writes_on_refusal)} writes on a refused post"
        )


def fuzz_every_role(client, users: dict, *, posts: int, seconds: float) -> Totals:
    """Fuzz the forms of each role of ``FORM_ROLES`` in turn, ``posts`` in all.

    Each role gets an equal share of the posts and of the time still left, crawls included, so
    what a role leaves (posts its share of time did not reach, time it did not need) goes to the
    roles after it. A run the bound cuts short says so in ``Totals.line()`` (fewer posts than asked)."""
    totals = Totals(asked=posts)
    end = time.monotonic() + seconds
    for index, role in enumerate(FORM_ROLES):
        client.force_login(users[role])
        fuzz_role(
            client,
            role,
            posts=max(0, posts - totals.posts) // (len(FORM_ROLES) - index),
            totals=totals,
            end=end,
            roles_left=len(FORM_ROLES) - index,
        )
        client.logout()
    return totals


def check(totals: Totals, *, least: int) -> None:
    """No server error, no write on a refused post, and at least ``least`` posts made."""
    assert totals.server_errors == [], "\n".join(map(repr, totals.server_errors))
    assert totals.writes_on_refusal == [], "\n".join(map(repr, totals.writes_on_refusal))
    assert totals.posts >= least, totals.line()


def fuzz_role(client, role: str, *, posts: int, totals: Totals, end: float, roles_left: int = 1) -> None:
    """Post ``posts`` generated submissions to the forms the client's user reaches, stopping at
    its share of the time left before ``end`` (a ``time.monotonic()`` value)."""
    forms, pages = crawl(client)
    totals.pages += pages
    totals.roles.add(role)
    if not forms:
        return
    client.raise_request_exception = False
    raised = []

    def keep_traceback(sender, request=None, **kwargs):
        raised.append(traceback.format_exc(limit=-6))

    got_request_exception.connect(keep_traceback, weak=False)
    try:
        _post_generated(
            client, role, forms, posts=posts, totals=totals, end=end, roles_left=roles_left, raised=raised
        )
    finally:
        got_request_exception.disconnect(keep_traceback)


def _post_generated(client, role, forms, *, posts, totals, end, roles_left, raised) -> None:
    now = time.monotonic()
    deadline = now + max(0.0, end - now) / roles_left

    @settings(
        max_examples=posts,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def post_one(data):
        form = data.draw(st.sampled_from(forms))
        payload = {}
        for spec in form.fields.values():
            value = value_for(data, spec)
            if value is not None and value != []:
                payload[spec.name] = value
        if time.monotonic() > deadline:  # drawn as always (Hypothesis checks that), not posted
            return
        raised.clear()
        with CaptureQueriesContext(connection) as queries:
            try:
                response = client.post(form.action, payload)
            except Exception as exc:  # noqa: BLE001 - a raised exception is a server error
                totals.server_errors.append((role, form.action, repr(exc)[:300]))
                return
        totals.posts += 1
        if response.status_code >= 500:
            totals.server_errors.append(
                (role, form.action, response.status_code, dict(list(payload.items())[:8]), *raised[-1:])
            )
            return
        totals.forms.add((role, *form.signature))
        if refused(response):
            totals.refused += 1
            written = writes(queries.captured_queries)
            if written:
                totals.writes_on_refusal.append((role, form.action, written[:3]))

    post_one()
