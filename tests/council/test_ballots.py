"""The secret ballot: exactly one counted ballot per member and nomination, or a clear refusal."""

import pytest

from council.enums import Choice, SessionStatus
from council.models import BallotCast
from council.services import ALREADY_VOTED, ballot_cast, session_close, session_open_voting
from tests.factories import (
    ballots_counted,
    make_council_member,
    make_council_session,
    make_office_user,
    make_staff_xlsx,
    make_upload,
    make_verified_nomination,
    open_tallies,
)
from units.refusals import Refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting():
    nominations = [make_verified_nomination(), make_verified_nomination()]
    ctx = make_council_session(9, absent=1, nominations=nominations)
    session_open_voting(ctx.session, by=ctx.office)
    ctx.nominations = nominations
    return ctx


def counts(session):
    return (
        BallotCast.objects.filter(item__session=session).count(),
        ballots_counted(session),
    )


def test_a_member_casts_one_ballot_a_cast_row_without_choice_and_one_more_in_the_sealed_tally(voting):
    member = voting.present[1]

    ballot_cast(voting.session, nomination=voting.nominations[0], member=member, choice=Choice.AGREE)

    cast = BallotCast.objects.get()
    assert cast.member == member and not cast.is_written_opinion
    assert [t for t in open_tallies(voting.session).values() if t != (0, 0)] == [(1, 0)]
    assert counts(voting.session) == (1, 1)


def test_a_second_ballot_of_the_same_member_is_refused_and_nothing_written(voting):
    member = voting.present[1]
    ballot_cast(voting.session, nomination=voting.nominations[0], member=member, choice=Choice.AGREE)

    with pytest.raises(Refused, match="Bạn đã bỏ phiếu cho đề nghị này") as refused:
        ballot_cast(voting.session, nomination=voting.nominations[0], member=member, choice=Choice.DISAGREE)
    assert refused.value.code == ALREADY_VOTED

    assert counts(voting.session) == (1, 1)
    assert [t for t in open_tallies(voting.session).values() if t != (0, 0)] == [(1, 0)]


def test_the_same_member_votes_once_on_each_item(voting):
    member = voting.present[1]

    for nomination in voting.nominations:
        ballot_cast(voting.session, nomination=nomination, member=member, choice=Choice.DISAGREE)

    assert counts(voting.session) == (2, 2)


def test_a_ballot_before_the_vote_opens_is_refused():
    nomination = make_verified_nomination()
    ctx = make_council_session(3, nominations=[nomination])

    with pytest.raises(Refused, match="chưa mở biểu quyết"):
        ballot_cast(ctx.session, nomination=nomination, member=ctx.members[0], choice=Choice.AGREE)

    assert counts(ctx.session) == (0, 0)


def test_a_ballot_after_the_close_is_refused(voting):
    session_close(voting.session, by=voting.office)

    with pytest.raises(Refused, match="đã kết thúc biểu quyết"):
        ballot_cast(
            voting.session, nomination=voting.nominations[0], member=voting.present[1], choice=Choice.AGREE
        )

    assert counts(voting.session) == (0, 0)


@pytest.mark.parametrize(
    "outsider", [make_council_member, make_office_user], ids=["council-member-not-invited", "office-staff"]
)
def test_a_ballot_of_a_non_member_is_refused(voting, outsider):
    with pytest.raises(Refused, match="không phải là thành viên"):
        ballot_cast(voting.session, nomination=voting.nominations[0], member=outsider(), choice=Choice.AGREE)

    assert counts(voting.session) == (0, 0)


def test_a_ballot_on_a_nomination_not_on_the_agenda_is_refused(voting):
    stranger = make_verified_nomination()

    with pytest.raises(Refused, match="không có trong chương trình họp"):
        ballot_cast(voting.session, nomination=stranger, member=voting.present[1], choice=Choice.AGREE)

    assert counts(voting.session) == (0, 0)


def test_an_invalid_choice_is_refused(voting):
    with pytest.raises(Refused, match="Phiếu không hợp lệ"):
        ballot_cast(
            voting.session, nomination=voting.nominations[0], member=voting.present[1], choice="abstain"
        )

    assert counts(voting.session) == (0, 0)


def test_an_absent_member_cannot_vote_from_their_page(voting):
    with pytest.raises(Refused, match="vắng mặt"):
        ballot_cast(
            voting.session, nomination=voting.nominations[0], member=voting.absent[0], choice=Choice.AGREE
        )


def test_nobody_votes_for_another_member(voting):
    with pytest.raises(Refused, match="tự bỏ phiếu"):
        ballot_cast(
            voting.session,
            nomination=voting.nominations[0],
            member=voting.present[1],
            choice=Choice.AGREE,
            by=voting.present[2],
        )


def test_the_secretary_enters_the_written_opinion_of_an_absent_member_as_a_counted_ballot(voting):
    secretary = voting.members[-1]

    ballot_cast(
        voting.session,
        nomination=voting.nominations[0],
        member=voting.absent[0],
        choice=Choice.AGREE,
        by=secretary,
        written_opinion=True,
        opinion_file=make_upload("phieu-y-kien.pdf"),
    )

    cast = BallotCast.objects.get()
    assert cast.member == voting.absent[0] and cast.is_written_opinion
    assert counts(voting.session) == (1, 1)
    with pytest.raises(Refused, match="Bạn đã bỏ phiếu"):
        ballot_cast(
            voting.session,
            nomination=voting.nominations[0],
            member=voting.absent[0],
            choice=Choice.DISAGREE,
            by=secretary,
            written_opinion=True,
            opinion_file=make_upload("phieu-y-kien.pdf"),
        )


def test_a_written_opinion_is_only_for_absent_members_and_only_by_the_secretary_or_office(voting):
    with pytest.raises(Refused, match="vắng mặt"):
        ballot_cast(
            voting.session,
            nomination=voting.nominations[0],
            member=voting.present[1],
            choice=Choice.AGREE,
            by=voting.office,
            written_opinion=True,
            opinion_file=make_upload("phieu-y-kien.pdf"),
        )
    with pytest.raises(Refused, match="Thư ký"):
        ballot_cast(
            voting.session,
            nomination=voting.nominations[0],
            member=voting.absent[0],
            choice=Choice.AGREE,
            by=voting.present[1],
            written_opinion=True,
            opinion_file=make_upload("phieu-y-kien.pdf"),
        )
    assert counts(voting.session) == (0, 0)


def test_the_session_status_moves_scheduled_voting_closed(voting):
    assert voting.session.status == SessionStatus.VOTING

    assert session_close(voting.session, by=voting.office) is True
    assert session_close(voting.session, by=voting.office) is False

    voting.session.refresh_from_db()
    assert voting.session.status == SessionStatus.CLOSED
    assert voting.session.minutes_number == 1


def test_a_written_opinion_needs_the_members_signed_opinion_form_as_a_real_file(voting):
    secretary = voting.members[-1]

    def enter(opinion_file):
        ballot_cast(
            voting.session,
            nomination=voting.nominations[0],
            member=voting.absent[0],
            choice=Choice.AGREE,
            by=secretary,
            written_opinion=True,
            opinion_file=opinion_file,
        )

    with pytest.raises(Refused, match="phiếu ý kiến có chữ ký"):
        enter(None)
    with pytest.raises(Refused, match="Nội dung tệp không phải là PDF"):
        enter(make_upload("phieu.pdf", content=b"not a pdf at all"))
    with pytest.raises(Refused, match="PDF hoặc ảnh"):  # a real spreadsheet is no signed form
        enter(make_upload("phieu.xlsx", content=make_staff_xlsx([["x"]], headers=["Ý kiến"])))
    assert counts(voting.session) == (0, 0)

    enter(make_upload("phieu-y-kien.pdf"))

    assert counts(voting.session) == (1, 1)
    assert voting.session.signed_opinions.get().member == voting.absent[0]


def test_a_member_recorded_absent_is_notified():
    from notifications.models import Notification

    ctx = make_council_session(4, absent=1)

    note = Notification.objects.get(recipient=ctx.absent[0])
    assert "ghi nhận vắng mặt" in note.title
    assert not Notification.objects.filter(recipient__in=ctx.present).exists()
