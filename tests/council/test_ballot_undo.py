"""Casting a ballot: choose, confirm (the choice stated in words), then a few seconds to take it
back before it is final; counted exactly once whatever the member does, and secret throughout."""

import datetime
import re

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from council.enums import Choice
from council.models import AgendaResult, BallotCast
from council.services import ballot_cast, ballot_undo, session_close, session_open_voting
from tests.factories import ballots_counted, make_council_session, make_verified_nomination, open_tallies
from units.refusals import Refused

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|data-undo-until=")[^"]+')


@pytest.fixture
def voting():
    nomination = make_verified_nomination()
    ctx = make_council_session(4, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    ctx.nomination = nomination
    ctx.member = ctx.present[1]
    return ctx


def cast(ctx, member=None, choice=Choice.AGREE):
    return ballot_cast(ctx.session, nomination=ctx.nomination, member=member or ctx.member, choice=choice)


def tally(ctx):
    return [t for t in open_tallies(ctx.session).values() if t != (0, 0)]


# --- the service -------------------------------------------------------------------------------
def test_a_confirmed_ballot_is_counted_once_and_gives_an_undo_ticket_that_says_nothing(voting):
    token = cast(voting, choice=Choice.DISAGREE)
    other = cast(voting, member=voting.present[2], choice=Choice.AGREE)

    assert BallotCast.objects.count() == 2 == ballots_counted()
    assert tally(voting) == [(1, 1)]
    assert token and len(token) == len(other)  # the same shape whichever way


def test_undo_within_the_seconds_removes_the_ballot_and_the_member_may_vote_again(voting):
    token = cast(voting, choice=Choice.AGREE)

    item = ballot_undo(voting.session, member=voting.member, token=token)

    assert item.nomination_id == voting.nomination.pk
    assert BallotCast.objects.count() == 0 == ballots_counted()
    assert tally(voting) == []
    cast(voting, choice=Choice.DISAGREE)
    assert BallotCast.objects.count() == 1 and tally(voting) == [(0, 1)]


def test_the_same_ticket_undoes_once_and_never_the_ballot_cast_after_it(voting):
    first = cast(voting, choice=Choice.AGREE)
    ballot_undo(voting.session, member=voting.member, token=first)
    cast(voting, choice=Choice.AGREE)

    with pytest.raises(Refused, match="đã được hoàn tác"):
        ballot_undo(voting.session, member=voting.member, token=first)

    assert BallotCast.objects.count() == 1 and tally(voting) == [(1, 0)]


def test_undo_after_the_seconds_is_refused_and_the_ballot_stays_counted(voting):
    token = cast(voting)

    later = timezone.now() + datetime.timedelta(seconds=11)
    with time_machine.travel(later), pytest.raises(Refused, match="Đã hết thời gian hoàn tác"):
        ballot_undo(voting.session, member=voting.member, token=token)

    assert BallotCast.objects.count() == 1 and tally(voting) == [(1, 0)]


@override_settings(BALLOT_UNDO_SECONDS=30)
def test_the_seconds_are_a_setting(voting):
    token = cast(voting)

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=25)):
        ballot_undo(voting.session, member=voting.member, token=token)

    assert BallotCast.objects.count() == 0


@override_settings(BALLOT_UNDO_SECONDS=0)
def test_with_no_seconds_a_ballot_is_final_at_once(voting):
    assert cast(voting) == ""


def test_another_members_ticket_or_a_forged_one_undoes_nothing(voting):
    token = cast(voting)
    other = voting.present[2]

    for who, ticket in [(other, token), (voting.member, token[:-4] + "AAAA"), (voting.member, "x")]:
        with pytest.raises(Refused, match="Không hoàn tác được"):
            ballot_undo(voting.session, member=who, token=ticket)

    assert BallotCast.objects.count() == 1 and tally(voting) == [(1, 0)]


def test_a_ballot_within_its_seconds_at_the_close_is_counted_and_final(voting):
    for member in voting.present[:3]:
        cast(voting, member=member, choice=Choice.AGREE)
    token = cast(voting, member=voting.present[3], choice=Choice.DISAGREE)  # its seconds still run

    session_close(voting.session, by=voting.office)

    result = AgendaResult.objects.get()
    assert (result.cast, result.agree, result.disagree) == (4, 3, 1)
    with pytest.raises(Refused, match="đã kết thúc biểu quyết"):
        ballot_undo(voting.session, member=voting.present[3], token=token)
    assert AgendaResult.objects.get().cast == 4 and BallotCast.objects.count() == 4


def test_a_ballot_taken_back_before_the_close_is_not_counted(voting):
    for member in voting.present[:3]:
        cast(voting, member=member, choice=Choice.AGREE)
    token = cast(voting, member=voting.present[3], choice=Choice.DISAGREE)
    ballot_undo(voting.session, member=voting.present[3], token=token)

    session_close(voting.session, by=voting.office)

    result = AgendaResult.objects.get()
    assert (result.cast, result.agree, result.disagree) == (3, 3, 0)


# --- the pages ---------------------------------------------------------------------------------
def vote_url(ctx):
    return reverse("council:vote", args=[ctx.session.pk])


def test_a_choice_asks_first_stating_it_in_words_and_writes_nothing(client, voting):
    client.force_login(voting.member)

    response = client.post(vote_url(voting), {"nomination": voting.nomination.pk, "choice": "disagree"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Xác nhận phiếu của bạn" in content
    assert "KHÔNG ĐỒNG Ý tặng “Lao động tiên tiến” năm 2025 cho" in content
    assert "10 giây" in content
    assert 'name="confirmed" value="1"' in content and 'name="choice" value="disagree"' in content
    assert "no-store" in response["Cache-Control"]
    assert not BallotCast.objects.exists()


def test_confirming_casts_the_ballot_and_the_card_offers_undo_then_undo_takes_it_back(client, voting):
    client.force_login(voting.member)
    data = {"nomination": voting.nomination.pk, "choice": "agree", "confirmed": "1"}

    page = client.post(vote_url(voting), data, follow=True).content.decode()

    assert "Đã ghi nhận phiếu của bạn" in page and "Hoàn tác phiếu" in page
    assert BallotCast.objects.count() == 1 == ballots_counted()
    item = voting.session.agenda.get()
    undone = client.post(
        reverse("council:vote-undo", args=[voting.session.pk]), {"item": item.pk}, follow=True
    )
    content = undone.content.decode()
    assert "Đã hoàn tác phiếu của bạn" in content
    assert 'value="agree"' in content  # the buttons again
    assert BallotCast.objects.count() == 0 == ballots_counted()


def test_the_undo_button_leaves_the_card_once_the_seconds_run_out_and_undo_is_refused(client, voting):
    client.force_login(voting.member)
    client.post(vote_url(voting), {"nomination": voting.nomination.pk, "choice": "agree", "confirmed": "1"})
    item = voting.session.agenda.get()

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=11)):
        page = client.get(vote_url(voting)).content.decode()
        refused = client.post(
            reverse("council:vote-undo", args=[voting.session.pk]), {"item": item.pk}, follow=True
        )

    assert "Đã bỏ phiếu" in page and "Hoàn tác phiếu" not in page
    assert "Đã hết thời gian hoàn tác" in refused.content.decode()
    assert BallotCast.objects.count() == 1 == ballots_counted()


def test_the_card_within_the_seconds_is_the_same_whichever_way_the_member_voted(client, voting):
    """No receipt: A's page after "Đồng ý" and B's after "Không đồng ý" differ only by who they are."""
    pages = []
    with time_machine.travel(timezone.now(), tick=False):
        for member, choice in [(voting.present[1], "agree"), (voting.present[2], "disagree")]:
            client.force_login(member)
            client.post(
                vote_url(voting), {"nomination": voting.nomination.pk, "choice": choice, "confirmed": "1"}
            )
            page = client.get(vote_url(voting)).content.decode()
            for name in {member.get_full_name(), member.username, str(member)} - {""}:
                page = page.replace(name, "<member>")
            assert "Hoàn tác phiếu" in page
            pages.append(TOKEN.sub(r"\1<token>", page))

    assert pages[0] == pages[1]
