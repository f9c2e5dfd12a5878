"""Two members voting at the same moment, and one member submitting twice at once, on SQLite (which
serialises writers). The same scenarios run on PostgreSQL in tests/integration."""

import pytest
from django.db import OperationalError

from council.enums import Choice
from council.models import BallotCast
from council.services import ALREADY_VOTED, ballot_cast, session_open_voting
from tests.concurrency import run_together
from tests.factories import ballots_counted, make_council_session, make_verified_nomination
from units.refusals import Refused

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def voting():
    nomination = make_verified_nomination()
    ctx = make_council_session(3, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    ctx.nomination = nomination
    return ctx


def vote(ctx, member, choice):
    return lambda: ballot_cast(ctx.session, nomination=ctx.nomination, member=member, choice=choice)


def test_two_members_voting_at_the_same_moment_are_both_counted(voting):
    results = run_together(
        [vote(voting, voting.members[0], Choice.AGREE), vote(voting, voting.members[1], Choice.DISAGREE)]
    )

    retried = [r for r in results if isinstance(r, OperationalError)]  # "database is locked": nothing written
    assert all(isinstance(r, str | OperationalError) for r in results)  # an undo ticket, or "locked"
    assert BallotCast.objects.count() == 2 - len(retried) == ballots_counted()


def test_one_member_submitting_twice_at_once_is_counted_once(voting):
    member = voting.members[1]

    results = run_together([vote(voting, member, Choice.AGREE), vote(voting, member, Choice.DISAGREE)])

    cast = [r for r in results if isinstance(r, str)]  # a cast ballot's undo ticket
    assert len(cast) <= 1
    assert all(
        isinstance(r, str | OperationalError) or (isinstance(r, Refused) and r.code == ALREADY_VOTED)
        for r in results
    )
    assert BallotCast.objects.count() == len(cast) == ballots_counted()
