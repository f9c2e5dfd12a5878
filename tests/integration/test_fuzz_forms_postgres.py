"""The form fuzzing of ``tests.security.fuzz`` on PostgreSQL, at the size CI runs: 10,000 posts
to every form of the URL conf as each role (bounded in time), no server error — an id of 10^23 in
a form or a filter overflows PostgreSQL's integer columns, not SQLite's — and no write on a
refused post."""

import os

import pytest

from tests.security.fuzz import Totals, fuzz_role
from tests.security.world import ADMIN, COUNCIL, HEAD, OFFICE, OTHER_HEAD, PLAIN, build_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROLES = (OFFICE, HEAD, COUNCIL, ADMIN, PLAIN, OTHER_HEAD)
POSTS = int(os.environ.get("THIDUAKT_FUZZ_POSTS", "10000"))
SECONDS = float(os.environ.get("THIDUAKT_FUZZ_SECONDS", "1500"))


def test_ten_thousand_hostile_posts_on_postgresql_cause_no_server_error_and_no_refused_write(client, capsys):
    world = build_world()
    totals = Totals()
    for role in ROLES:
        client.force_login(world.users[role])
        fuzz_role(client, role, posts=POSTS // len(ROLES), totals=totals, seconds=SECONDS / len(ROLES))
        client.logout()

    with capsys.disabled():
        print("\n" + totals.line())
    assert totals.server_errors == [], "\n".join(map(repr, totals.server_errors))
    assert totals.writes_on_refusal == []
    assert totals.posts >= min(POSTS, 2000) * 0.5
