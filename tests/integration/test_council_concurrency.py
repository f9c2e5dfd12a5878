"""The secret ballot under real concurrency, on PostgreSQL: nine members voting at the same moment,
one member submitting twice at once, a vote racing the close. Exactly one counted ballot per member
and nomination, or a clear refusal; the number of choices always equals the number of casts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from council.enums import Choice, Outcome
from council.models import AgendaResult, BallotCast
from council.services import ALREADY_VOTED, ballot_cast, ballot_undo, session_close, session_open_voting
from tests.concurrency import run_together
from tests.factories import (
    ballots_counted,
    make_council_member,
    make_council_session,
    make_verified_nomination,
    open_tallies,
)
from units.refusals import Refused

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def voting():
    nomination = make_verified_nomination("CSTD_TINH", status="in_council")
    ctx = make_council_session(9, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    ctx.nomination = nomination
    return ctx


def cast(ctx, member, choice=Choice.AGREE, nomination=None):
    return lambda: ballot_cast(
        ctx.session, nomination=nomination or ctx.nomination, member=member, choice=choice
    )


def test_nine_members_voting_at_once_give_nine_casts_and_nine_choices(voting):
    assert connection.vendor == "postgresql"

    results = run_together(
        [cast(voting, m, Choice.AGREE if i % 3 else Choice.DISAGREE) for i, m in enumerate(voting.members)]
    )

    assert all(isinstance(r, str) for r in results)  # each a cast ballot's undo ticket
    assert BallotCast.objects.count() == 9 == ballots_counted()
    assert sorted(BallotCast.objects.values_list("member_id", flat=True)) == sorted(
        m.pk for m in voting.members
    )
    assert sum(agree for agree, _no in open_tallies().values()) == 6


def test_one_member_submitting_twice_at_once_is_counted_once(voting):
    member = voting.members[3]

    results = run_together([cast(voting, member, Choice.AGREE), cast(voting, member, Choice.DISAGREE)] * 2)

    assert sum(isinstance(r, str) for r in results) == 1
    assert all(isinstance(r, Refused) and r.code == ALREADY_VOTED for r in results if not isinstance(r, str))
    assert BallotCast.objects.count() == 1 == ballots_counted()


def test_votes_racing_the_close_are_either_counted_or_refused(voting):
    calls = [cast(voting, m) for m in voting.members[:6]] + [
        lambda: session_close(voting.session, by=voting.office)
    ]

    results = run_together(calls)

    refused = [r for r in results[:6] if isinstance(r, ValidationError)]
    counted = [r for r in results[:6] if isinstance(r, str)]
    assert len(refused) + len(counted) == 6
    assert all("đã kết thúc biểu quyết" in " ".join(r.messages) for r in refused)
    result = AgendaResult.objects.get()
    assert result.cast == len(counted) == BallotCast.objects.count()
    if result.quorum_met:
        assert result.agree + result.disagree == result.cast
    else:  # the close won before the quorum voted: no tally is kept (a ballot would show through)
        assert (result.agree, result.disagree, result.outcome) == (0, 0, Outcome.NO_QUORUM)


def test_after_the_close_a_non_member_and_a_stranger_nomination_are_refused(voting):
    outsider = make_council_member()
    stranger = make_verified_nomination(status="in_council")

    results = run_together(
        [
            cast(voting, outsider),
            cast(voting, voting.members[0], nomination=stranger),
            cast(voting, voting.members[1]),
        ]
    )
    session_close(voting.session, by=voting.office)
    late = run_together([cast(voting, voting.members[2])])

    assert "không phải là thành viên" in " ".join(results[0].messages)
    assert "không có trong chương trình họp" in " ".join(results[1].messages)
    assert isinstance(results[2], str)
    assert "đã kết thúc biểu quyết" in " ".join(late[0].messages)
    assert BallotCast.objects.count() == 1 == AgendaResult.objects.get().cast


def test_undos_racing_the_close_are_counted_once_or_not_at_all(voting):
    tickets = [
        ballot_cast(voting.session, nomination=voting.nomination, member=m, choice=Choice.AGREE)
        for m in voting.members
    ]
    undoers = voting.members[:3]
    calls = [
        (lambda m=m, t=t: ballot_undo(voting.session, member=m, token=t))
        for m, t in zip(undoers, tickets, strict=False)
    ] + [lambda: session_close(voting.session, by=voting.office)]

    results = run_together(calls)

    undone = [r for r in results[:3] if not isinstance(r, ValidationError)]
    refused = [r for r in results[:3] if isinstance(r, ValidationError)]
    assert all("đã kết thúc biểu quyết" in " ".join(r.messages) for r in refused)
    result = AgendaResult.objects.get()
    assert result.cast == 9 - len(undone) == BallotCast.objects.count()
    assert result.agree == result.cast and result.disagree == 0
