"""Fuzzing every form of the URL conf as each role (``tests.security.fuzz``), on SQLite: about
2,000 posts a run, no server error, no write on a refused post. The integration layer runs the
same with 10,000 posts on PostgreSQL (``tests/integration/test_fuzz_forms_postgres.py``)."""

import os

import pytest

from .fuzz import check, fuzz_every_role

pytestmark = pytest.mark.django_db

POSTS = int(os.environ.get("THIDUAKT_FUZZ_POSTS", "2000"))
SECONDS = float(os.environ.get("THIDUAKT_FUZZ_SECONDS", "300"))


def test_hostile_posts_to_every_form_as_each_role_cause_no_server_error_and_no_refused_write(
    world, client, capsys
):
    totals = fuzz_every_role(client, world.users, posts=POSTS, seconds=SECONDS)

    with capsys.disabled():
        print("\n" + totals.line())
    check(totals, least=min(POSTS, 1000) // 2)
