"""Every named URL of the project, opened by every role, against the matrix of ``matrix.py``.

A URL name the matrix does not list fails ``test_every_url_name_is_in_the_matrix``: a new page
must say who may open it. For each role, one test opens every URL of the matrix with GET, and
with POST too (an empty form, CSRF checks off as in the default test client, so that the
permission is what answers). Each request runs inside a savepoint that is rolled back, with the
client's cookies put back, so that one request's effects never reach the next; a refused request
must not write anything (every INSERT, UPDATE and DELETE it sends is caught, the session table
aside).
"""

from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.exporters.base import registry

from .helpers import writes
from .matrix import (
    EXPORT_LIST_PAGES,
    FORBIDDEN,
    FUNCTION_VIEW_METHODS,
    HIDDEN,
    LOGIN,
    MATRIX,
    NOT_ALLOWED,
    OK,
    REDIRECTED,
    accepted_methods,
    named_patterns,
)
from .world import ANONYMOUS, ROLE_LABELS, ROLES, build_world

pytestmark = pytest.mark.django_db

POST_OK = {200, 302, 303, 409, 422}  # done, or the form answered with its errors


def test_every_url_name_is_in_the_matrix():
    names = {name for name, _pattern in named_patterns()}

    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)

    assert not missing, "add these URL names to the matrix in tests/security/matrix.py: " + ", ".join(missing)
    assert not stale, "these URL names are gone; remove them from tests/security/matrix.py: " + ", ".join(
        stale
    )


def test_every_view_that_takes_no_method_we_know_is_declared():
    """A function view has no class to ask which methods it takes: the matrix module says it."""
    undeclared = [
        name
        for name, pattern in named_patterns()
        if accepted_methods(pattern) is None and name not in FUNCTION_VIEW_METHODS
    ]

    assert undeclared == []


def _login_path():
    return resolve_url(settings.LOGIN_URL)


def _outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303):
        location = response.get("Location", "")
        return LOGIN if location.split("?")[0].endswith(_login_path()) else "redirect"
    return {403: FORBIDDEN, 404: HIDDEN, 405: NOT_ALLOWED}.get(code, str(code))


def _request(client, method, url, data=None):
    """One request whose effects are rolled back; returns (response or exception, writes)."""
    cookies = SimpleCookie(client.cookies.output(header="", sep="\n"))
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            try:
                response = client.post(url, data or {}) if method == "post" else client.get(url)
            except Exception as exc:  # noqa: BLE001 - a crash is reported as a finding
                response = exc
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response, writes(queries.captured_queries)


def _check(access, role, method, accepted, response) -> str | None:
    """What is wrong with this answer, or None."""
    if isinstance(response, Exception):
        return f"raised {type(response).__name__}: {response}"
    want = access.expected(role)
    got = _outcome(response)
    code = response.status_code
    if method not in accepted:
        if want == LOGIN:
            return None if got == LOGIN else f"expected the login page, got {code}"
        allowed = {NOT_ALLOWED} if want == OK else {NOT_ALLOWED, want if want != REDIRECTED else "redirect"}
        return None if got in allowed else f"expected 405 (method not taken) or {want}, got {code}"
    if want == LOGIN:
        return None if got == LOGIN else f"expected the login page, got {code}"
    if want == OK:
        if got == LOGIN:
            return "sent to the login page although let in"
        if method == "get":
            return None if code in access.get_ok else f"expected {access.get_ok}, got {code}"
        return None if code in POST_OK else f"expected the action or its form, got {code}"
    if want == REDIRECTED:
        return None if got == "redirect" else f"expected a redirect with a message, got {code}"
    return None if got == want else f"expected {want}, got {code}"


def _matrix_requests(world):
    patterns = dict(named_patterns())
    for name, cases in MATRIX.items():
        pattern = patterns[name]
        accepted = accepted_methods(pattern)
        if accepted is None:
            accepted = FUNCTION_VIEW_METHODS[name]
        for item in cases:
            url = reverse(name, kwargs=item.kwargs(world))
            if item.query:
                url += "?" + item.query(world)
            label = f"{name}" + (f" [{item.label}]" if item.label else "")
            for method in ("get", "post"):
                data = item.data(world) if method == "post" else None
                yield label, url, method, accepted, item.access_for(method), data


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says_on_every_url(role, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    world = build_world()
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    problems, checked = [], 0

    for label, url, method, accepted, access, data in _matrix_requests(world):
        response, writes = _request(client, method, url, data)

        checked += 1
        problem = _check(access, role, method, accepted, response)
        refused = access.expected(role) in (FORBIDDEN, HIDDEN, REDIRECTED) or role == ANONYMOUS
        if problem is None and refused and writes:
            problem = f"refused, yet wrote: {writes[:3]}"
        if problem:
            problems.append(f"{method.upper():4} {label} {url}: {problem}")

    assert checked >= 2 * len(MATRIX)
    assert not problems, f"{ROLE_LABELS[role]} ({role}):\n" + "\n".join(problems)


def test_every_export_names_the_list_page_behind_it():
    missing = sorted(set(registry) - set(EXPORT_LIST_PAGES))
    stale = sorted(set(EXPORT_LIST_PAGES) - set(registry))

    assert not missing, "add these exports to EXPORT_LIST_PAGES in tests/security/matrix.py: " + ", ".join(
        missing
    )
    assert not stale, "these exports are gone; remove them from EXPORT_LIST_PAGES: " + ", ".join(stale)


@pytest.mark.parametrize("role", ROLES)
def test_each_export_lets_in_whom_its_list_page_lets_in(client, role):
    world = build_world()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    problems = []

    for identifier, page in sorted(EXPORT_LIST_PAGES.items()):
        [list_case] = MATRIX[page]
        want = list_case.access.expected(role)
        response = client.get(reverse("reports:export", args=[identifier]))
        got = _outcome(response)
        if (want, got) != (OK, str(200)) and want != got:
            problems.append(f"{identifier} (as {page}): expected {want}, got {response.status_code}")

    assert not problems, f"{ROLE_LABELS[role]}:\n" + "\n".join(problems)
