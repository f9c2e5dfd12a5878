"""The council's actions look up who and what a ballot is about within the session: a member of
another session or a nomination on another session's agenda is a 404, and nothing is written."""

import pytest
from django.urls import reverse

from council.models import BallotCast, SignedOpinion
from council.services import session_open_voting
from tests.factories import make_council_member, make_council_session, make_upload, make_verified_nomination

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting():
    nomination = make_verified_nomination()
    ctx = make_council_session(4, absent=1, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    ctx.nomination = nomination
    return ctx


def written_opinion(client, ctx, *, member, nomination):
    client.force_login(ctx.members[-1])  # the secretary
    return client.post(
        reverse("council:written-opinion", args=[ctx.session.pk]),
        {
            "member": member.pk,
            "nomination": nomination.pk,
            "choice": "agree",
            "opinion_file": make_upload("phieu-y-kien.pdf"),
        },
    )


def test_a_written_opinion_for_a_member_of_another_session_is_not_found(client, voting):
    other = make_council_session(3, nominations=[make_verified_nomination()])

    response = written_opinion(client, voting, member=other.members[1], nomination=voting.nomination)

    assert response.status_code == 404
    assert not BallotCast.objects.exists()
    assert not SignedOpinion.objects.exists()


def test_a_written_opinion_for_a_council_member_on_no_session_is_not_found(client, voting):
    response = written_opinion(client, voting, member=make_council_member(), nomination=voting.nomination)

    assert response.status_code == 404
    assert not BallotCast.objects.exists()


def test_a_written_opinion_on_another_sessions_nomination_is_not_found(client, voting):
    elsewhere = make_verified_nomination()
    make_council_session(3, nominations=[elsewhere])

    response = written_opinion(client, voting, member=voting.absent[0], nomination=elsewhere)

    assert response.status_code == 404
    assert not BallotCast.objects.exists()


def test_a_written_opinion_for_an_absent_member_on_the_agenda_is_recorded(client, voting):
    response = written_opinion(client, voting, member=voting.absent[0], nomination=voting.nomination)

    assert response.status_code == 302
    assert BallotCast.objects.get().is_written_opinion


def test_a_vote_on_another_sessions_nomination_is_refused_and_not_counted(client, voting):
    elsewhere = make_verified_nomination()
    other = make_council_session(3, nominations=[elsewhere])
    session_open_voting(other.session, by=other.office)
    client.force_login(voting.present[1])

    response = client.post(
        reverse("council:vote", args=[voting.session.pk]),
        {"nomination": elsewhere.pk, "choice": "agree"},
        follow=True,
    )

    assert "Đề nghị này không có trong chương trình họp" in response.content.decode()
    assert not BallotCast.objects.exists()
