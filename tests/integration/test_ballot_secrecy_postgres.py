"""Ballot secrecy against a database reader, on PostgreSQL: twenty members vote, and in the middle
of the vote a reader takes everything PostgreSQL shows — every table's rows with their ``xmin``
(the transaction that wrote them) and ``ctid`` (their physical place), and a ``pg_dump`` — and
tries to pair each member with a choice.

There is nothing per ballot to pair with: a ballot's transaction writes its cast row (who voted)
and rewrites its item's one sealed tally row, nothing else in any table. The tally row's ``xmin``
names the last voter, and its content is a fixed-length ciphertext under a key that is not in the
database; even with the key it holds only the running totals.
"""

import glob
import random
import subprocess

import pytest
from cryptography.exceptions import InvalidTag
from django.db import connection
from django.test import override_settings

from council.enums import Choice
from council.models import BallotCast, BallotTally
from council.sealing import unseal
from council.services import ballot_cast, session_open_voting
from tests.factories import make_council_session, make_verified_nomination

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MEMBERS = 20


def _tables():
    with connection.cursor() as cursor:
        return [t for t in connection.introspection.table_names(cursor) if not t.startswith("pg_")]


def _rows_by_xmin(tables):
    """{xmin: [(table, ctid, row), ...]} over every table of the database."""
    found = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT xmin::text, ctid::text, t.* FROM "{table}" t')  # noqa: S608 - our table names
            for xmin, ctid, *row in cursor.fetchall():
                found.setdefault(xmin, []).append((table, ctid, row))
    return found


def _pg_dump() -> str:
    db = connection.settings_dict
    binary = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))[-1]
    command = [binary, "--data-only", "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"], db["NAME"]]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout  # noqa: S603


def _copy_block(dump: str, table: str) -> list[str]:
    lines = dump.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"COPY public.{table} "))
    end = lines.index("\\.", start)
    return lines[start + 1 : end]


def test_a_reader_mid_vote_finds_nothing_per_ballot_to_link_a_member_to_a_choice():
    nominations = [make_verified_nomination("CSTD_TINH", status="in_council") for _ in range(2)]
    ctx = make_council_session(MEMBERS, nominations=nominations)
    session_open_voting(ctx.session, by=ctx.office)
    chooser = random.Random(19)  # noqa: S311 - a test's fixed draw
    truth = {}
    for member in ctx.members:
        for nomination in nominations:
            choice = chooser.choice([Choice.AGREE, Choice.DISAGREE])
            truth[(member.pk, nomination.pk)] = choice
            ballot_cast(ctx.session, nomination=nomination, member=member, choice=choice)

    # --- the reader, mid-vote (the session is still open) -------------------------------------
    tables = _tables()
    by_xmin = _rows_by_xmin(tables)
    dump = _pg_dump()
    casts = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text, ctid::text, member_id, item_id FROM council_ballotcast")
        for xmin, ctid, member_id, item_id in cursor.fetchall():
            casts[xmin] = (ctid, member_id, item_id)
    assert len(casts) == MEMBERS * len(nominations)  # one transaction per ballot

    # xmin: what else did each ballot's transaction write, in any table of the database? (the
    # cast row is written in a savepoint, whose own transaction id follows its parent's: take
    # every row whose xmin is next to a cast's)
    near = {str(int(x) + d) for x in casts for d in (-1, 0, 1)}
    written_with_casts = [
        (table, row)
        for xmin in near
        for table, _ctid, row in by_xmin.get(xmin, [])
        if table != "council_ballotcast"
    ]
    assert {table for table, _row in written_with_casts} == {"council_ballottally"}
    # only the last ballot of each item still shows there (the earlier versions are gone), and
    # all it shows is a 32-byte ciphertext: no per-ballot row, no choice
    assert len(written_with_casts) == len(nominations)
    assert {len(bytes(row[1])) for _table, row in written_with_casts} == {32}

    # ctid / dump order: the tables with a row per ballot are the cast table only
    per_ballot = {
        table
        for table in tables
        if sum(len([r for r in by_xmin.get(x, []) if r[0] == table]) for x in near) >= MEMBERS
    }
    assert per_ballot == {"council_ballotcast"}
    assert len(_copy_block(dump, "council_ballottally")) == len(nominations)
    assert len(_copy_block(dump, "council_ballotcast")) == MEMBERS * len(nominations)
    # no choice written in clear anywhere in the dump's council tables
    council_rows = [
        line
        for table in tables
        if table.startswith("council_") and f"COPY public.{table} " in dump
        for line in _copy_block(dump, table)
    ]
    assert not any("agree" in line or "Đồng ý" in line for line in council_rows)
    # timestamps: no council table written by a ballot has a time column
    with connection.cursor() as cursor:
        for table in ("council_ballotcast", "council_ballottally"):
            cursor.execute(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = %s "
                "AND (data_type LIKE 'timestamp%%' OR data_type LIKE 'time %%' OR data_type = 'date')",
                [table],
            )
            assert cursor.fetchone()[0] == 0

    # the tally does not open without the key (a copy of the database is not enough)
    tally = BallotTally.objects.filter(item__session=ctx.session).first()
    with override_settings(SECRET_KEY="a-copy-only", BALLOT_SECRET=""), pytest.raises(InvalidTag):
        unseal(ctx.session.pk, tally.item_id, tally.sealed)

    # with the key, the reader's best pairing of the last voter is no better than the totals
    for item_id, (agree, disagree) in (
        (t.item_id, unseal(ctx.session.pk, t.item_id, t.sealed)) for t in BallotTally.objects.all()
    ):
        nomination_id = next(n.pk for n in nominations if n.agenda_items.filter(pk=item_id).exists())
        expected = [truth[(m.pk, nomination_id)] for m in ctx.members]
        assert (agree, disagree) == (expected.count(Choice.AGREE), expected.count(Choice.DISAGREE))
    assert BallotCast.objects.count() == MEMBERS * len(nominations)
