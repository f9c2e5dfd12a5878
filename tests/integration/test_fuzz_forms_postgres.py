"""The form fuzzing of ``tests.security.fuzz`` on PostgreSQL, at the size CI runs: 10,000 posts
to every form of the URL conf as each role (bounded in time), no server error — an id of 10^23 in
a form or a filter overflows PostgreSQL's integer columns, not SQLite's — and no write on a
refused post."""

import os

import pytest

from tests.security.fuzz import check, fuzz_every_role
from tests.security.world import build_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POSTS = int(os.environ.get("THIDUAKT_FUZZ_POSTS", "10000"))
SECONDS = float(os.environ.get("THIDUAKT_FUZZ_SECONDS", "900"))


def test_ten_thousand_hostile_posts_on_postgresql_cause_no_server_error_and_no_refused_write(client, capsys):
    world = build_world()

    totals = fuzz_every_role(client, world.users, posts=POSTS, seconds=SECONDS)

    with capsys.disabled():
        print("\n" + totals.line())
    check(totals, least=min(POSTS, 2000) // 2)
