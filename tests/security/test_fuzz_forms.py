"""Fuzzing every form of the URL conf as each role (``tests.security.fuzz``), on SQLite: about
2,000 posts a run, no server error, no write on a refused post. The integration layer runs the
same with 10,000 posts on PostgreSQL (``tests/integration/test_fuzz_forms_postgres.py``)."""

import os

import pytest

from .fuzz import Totals, fuzz_role
from .world import ADMIN, COUNCIL, HEAD, OFFICE, OTHER_HEAD, PLAIN

pytestmark = pytest.mark.django_db

ROLES = (OFFICE, HEAD, COUNCIL, ADMIN, PLAIN, OTHER_HEAD)
POSTS = int(os.environ.get("THIDUAKT_FUZZ_POSTS", "2000"))
SECONDS = float(os.environ.get("THIDUAKT_FUZZ_SECONDS", "300"))


def test_hostile_posts_to_every_form_as_each_role_cause_no_server_error_and_no_refused_write(
    world, client, capsys
):
    totals = Totals()
    for role in ROLES:
        client.force_login(world.users[role])
        fuzz_role(client, role, posts=POSTS // len(ROLES), totals=totals, seconds=SECONDS / len(ROLES))
        client.logout()

    with capsys.disabled():
        print("\n" + totals.line())
    assert totals.posts >= min(POSTS, 1000) * 0.5
    assert totals.server_errors == [], "\n".join(map(repr, totals.server_errors))
    assert totals.writes_on_refusal == []
