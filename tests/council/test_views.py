"""Pages of the council: the member's voting page, the office's session page and actions."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationStatus
from council.enums import SessionStatus
from council.models import AgendaItem, BallotCast, CouncilSession
from council.providers import CouncilSessionDeadlines
from council.services import session_close, session_open_voting
from notifications.models import Notification
from tests.factories import (
    NominationFactory,
    award,
    ballots_counted,
    make_council_member,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_upload,
    make_verified_nomination,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting():
    nomination = make_verified_nomination()
    ctx = make_council_session(4, absent=1, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    ctx.nomination = nomination
    return ctx


def vote_url(ctx):
    return reverse("council:vote", args=[ctx.session.pk])


def test_a_member_votes_from_the_voting_page_and_then_sees_only_that_they_voted(client, voting):
    member = voting.present[1]
    client.force_login(member)

    response = client.post(
        vote_url(voting),
        {"nomination": voting.nomination.pk, "choice": "agree", "confirmed": "1"},
        follow=True,
    )

    content = response.content.decode()
    assert "Đã ghi nhận phiếu của bạn" in content
    assert "Đã bỏ phiếu" in content
    assert 'value="agree"' not in content  # no buttons left for that item
    assert BallotCast.objects.filter(member=member).count() == 1 == ballots_counted()


def test_the_voting_page_writes_ids_and_years_whole_whatever_the_thousand_separator(client):
    """Ids past 999 and the year are written as digits only: with the dot as the thousand
    separator, ``1.234`` in the form would vote on nothing and ``2.025`` is not a year."""
    nomination = make_verified_nomination(id=12345)
    ctx = make_council_session(3, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    member = ctx.present[1]
    client.force_login(member)

    content = client.get(reverse("council:vote", args=[ctx.session.pk])).content.decode()
    response = client.post(
        reverse("council:vote", args=[ctx.session.pk]),
        {"nomination": 12345, "choice": "agree", "confirmed": "1"},
        follow=True,
    )

    assert 'name="nomination" value="12345"' in content
    assert "12.345" not in content
    assert "Lao động tiên tiến 2025" in content and "2.025" not in content
    assert "Đã ghi nhận phiếu của bạn" in response.content.decode()


def test_submitting_twice_counts_once(client, voting):
    member = voting.present[1]
    client.force_login(member)
    client.post(vote_url(voting), {"nomination": voting.nomination.pk, "choice": "agree", "confirmed": "1"})

    response = client.post(
        vote_url(voting),
        {"nomination": voting.nomination.pk, "choice": "disagree", "confirmed": "1"},
        follow=True,
    )

    assert "Bạn đã bỏ phiếu cho đề nghị này" in response.content.decode()
    assert BallotCast.objects.count() == 1 == ballots_counted()


def test_a_vote_on_a_nomination_not_on_the_agenda_is_refused_with_a_message(client, voting):
    client.force_login(voting.present[1])
    stranger = make_verified_nomination()

    response = client.post(
        vote_url(voting), {"nomination": stranger.pk, "choice": "agree", "confirmed": "1"}, follow=True
    )

    assert "Đề nghị này không có trong chương trình họp" in response.content.decode()
    assert not BallotCast.objects.exists()


@pytest.mark.parametrize("outsider", ["other_member", "unit_head"])
def test_outsiders_cannot_see_the_session(client, voting, outsider):
    user = {"other_member": make_council_member, "unit_head": make_unit_head}[outsider]()
    client.force_login(user)

    response = client.post(
        vote_url(voting), {"nomination": voting.nomination.pk, "choice": "agree", "confirmed": "1"}
    )

    assert response.status_code == 404
    assert not BallotCast.objects.exists()


def test_office_staff_see_the_session_but_their_ballot_is_refused(client, voting):
    client.force_login(make_office_user())

    response = client.post(
        vote_url(voting), {"nomination": voting.nomination.pk, "choice": "agree", "confirmed": "1"}
    )

    assert (response.status_code, response["Location"]) == (302, vote_url(voting))
    assert not BallotCast.objects.exists()
    assert ballots_counted() == 0


def test_a_vote_after_the_close_is_refused(client, voting):
    session_close(voting.session, by=voting.office)
    client.force_login(voting.present[1])

    response = client.post(
        vote_url(voting),
        {"nomination": voting.nomination.pk, "choice": "agree", "confirmed": "1"},
        follow=True,
    )

    assert "không ở giai đoạn biểu quyết" in response.content.decode()
    assert not BallotCast.objects.exists()


def test_the_voting_page_works_for_a_member_before_the_vote_opens(client):
    ctx = make_council_session(3, nominations=[make_verified_nomination()])
    client.force_login(ctx.members[1])

    response = client.get(reverse("council:vote", args=[ctx.session.pk]))

    assert response.status_code == 200
    assert "Hội đồng chưa mở biểu quyết" in response.content.decode()


def test_get_on_a_transition_changes_nothing(client, voting):
    client.force_login(voting.office)

    response = client.get(reverse("council:session-transition", args=[voting.session.pk]))

    assert response.status_code == 405
    voting.session.refresh_from_db()
    assert voting.session.status == SessionStatus.VOTING


def test_the_office_opens_the_vote_and_each_member_is_notified_once(client):
    nomination = make_verified_nomination()
    ctx = make_council_session(3, nominations=[nomination])
    client.force_login(ctx.office)
    url = reverse("council:session-transition", args=[ctx.session.pk])

    client.post(url, {"to": "voting", "confirmed": "1"})
    response = client.post(url, {"to": "voting", "confirmed": "1"}, follow=True)

    ctx.session.refresh_from_db()
    assert ctx.session.status == SessionStatus.VOTING
    assert "đã được thực hiện trước đó" in response.content.decode()
    notes = Notification.objects.filter(kind="council_voting_open")
    assert sorted(n.recipient_id for n in notes) == sorted(m.pk for m in ctx.members)
    assert notes.first().url == reverse("council:vote", args=[ctx.session.pk])


def test_a_member_cannot_open_or_close_the_vote(client):
    ctx = make_council_session(3, nominations=[make_verified_nomination()])
    client.force_login(ctx.members[0])

    response = client.post(reverse("council:session-transition", args=[ctx.session.pk]), {"to": "voting"})

    assert response.status_code == 403
    ctx.session.refresh_from_db()
    assert ctx.session.status == SessionStatus.SCHEDULED


def test_the_office_creates_a_session_and_puts_verified_nominations_on_its_agenda(client):
    office = make_office_user()
    members = [make_council_member() for _ in range(3)]
    nomination = make_verified_nomination()
    client.force_login(office)

    response = client.post(
        reverse("council:session-create"),
        {
            "title": "Phiên họp xét khen thưởng năm 2025",
            "year": 2025,
            "starts_at": (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Phòng họp số 1",
            "chair": members[0].pk,
            "secretary": members[2].pk,
            "members": [members[1].pk],
        },
    )
    session = CouncilSession.objects.get()
    assert response.status_code == 302 and response.url == session.get_absolute_url()
    assert session.memberships.count() == 3

    client.post(reverse("council:agenda-add", args=[session.pk]), {"nomination": [nomination.pk]})

    nomination.refresh_from_db()
    assert AgendaItem.objects.get().nomination == nomination
    assert nomination.status == NominationStatus.IN_COUNCIL


def test_the_secretary_records_attendance_and_written_opinions(client):
    nomination = make_verified_nomination()
    ctx = make_council_session(4, nominations=[nomination])
    secretary, absentee = ctx.members[-1], ctx.members[1]
    client.force_login(secretary)

    client.post(
        reverse("council:attendance", args=[ctx.session.pk]),
        {f"attendance-{m.pk}": ("absent" if m == absentee else "present") for m in ctx.members},
    )
    session_open_voting(ctx.session, by=ctx.office)
    response = client.post(
        reverse("council:written-opinion", args=[ctx.session.pk]),
        {
            "member": absentee.pk,
            "nomination": nomination.pk,
            "choice": "agree",
            "opinion_file": make_upload("phieu-y-kien.pdf"),
        },
        follow=True,
    )

    assert ctx.session.memberships.get(user=absentee).attendance == "absent"
    assert "Đã ghi nhận ý kiến bằng văn bản" in response.content.decode()
    assert BallotCast.objects.get().is_written_opinion


def test_a_written_opinion_without_a_real_signed_form_is_refused_on_the_page_and_not_counted(client):
    nomination = make_verified_nomination()
    ctx = make_council_session(4, absent=1, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    client.force_login(ctx.members[-1])  # the secretary
    url = reverse("council:written-opinion", args=[ctx.session.pk])
    data = {"member": ctx.absent[0].pk, "nomination": nomination.pk, "choice": "agree"}

    without = client.post(url, data, follow=True).content.decode()
    fake = client.post(
        url, {**data, "opinion_file": make_upload("phieu.pdf", content=b"not a pdf at all")}, follow=True
    ).content.decode()

    assert "Tải lên phiếu ý kiến có chữ ký" in without
    assert "Nội dung tệp không phải là PDF" in fake
    assert not BallotCast.objects.exists()
    assert not ctx.session.signed_opinions.exists()


def test_the_office_issues_a_decision_from_its_page(client):
    office = make_office_user()
    nomination = NominationFactory(award_type=award("LDTT"), status="approved")
    client.force_login(office)

    response = client.post(
        reverse("council:decision-create"),
        {
            "nominations": [nomination.pk],
            "date": "2026-01-10",
            "signer_position": "Giám đốc",
            "signer_name": "Lê Quang Trung",
        },
    )

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert nomination.status == NominationStatus.DECIDED
    page = client.get(response.url).content.decode()
    assert "01/QĐ-SYT" in page and "710.000" in page.replace(",", ".")


@pytest.mark.parametrize("count", [1, 3])
def test_the_session_list_runs_the_same_queries_for_one_and_three(client, django_assert_num_queries, count):
    office = make_office_user()
    for _ in range(count):
        make_council_session(2, office=office)
    client.force_login(office)
    client.get(reverse("council:session-list"))

    cache.clear()  # the page computed afresh, as after a write (units.generations)
    with django_assert_num_queries(6):
        client.get(reverse("council:session-list"))


def test_a_scheduled_session_reminds_its_members_before_its_date():
    day = timezone.localdate() + datetime.timedelta(days=7)
    ctx = make_council_session(
        3, starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))
    )

    deadlines = list(CouncilSessionDeadlines().deadlines(timezone.localdate()))

    assert [d.key for d in deadlines] == [f"council.CouncilSession:{ctx.session.pk}"]
    assert deadlines[0].due_date == day
    assert {u.pk for u in deadlines[0].recipients} == {m.pk for m in ctx.members}


def test_a_session_whose_vote_has_opened_reminds_nobody():
    ctx = make_council_session(3, nominations=[make_verified_nomination()])
    session_open_voting(ctx.session, by=ctx.office)

    assert list(CouncilSessionDeadlines().deadlines(timezone.localdate())) == []


def test_home_shows_the_member_their_sessions(client):
    ctx = make_council_session(3)
    client.force_login(ctx.members[1])

    response = client.get(reverse("home"))

    assert ctx.session.title in response.content.decode()


def test_every_council_page_renders_for_the_office(client):
    from council.services import decision_issue, decision_revoke, proposal_create

    nomination = make_verified_nomination()
    ctx = make_council_session(3, nominations=[nomination])
    office = ctx.office
    decision = decision_issue(
        [NominationFactory(award_type=award("LDTT"), status="approved")],
        date=datetime.date(2026, 1, 10),
        signer_name="Lê Quang Trung",
        signer_position="Giám đốc",
        by=office,
    )
    revocation = decision_revoke(
        [decision.items.get().award_record],
        date=datetime.date(2026, 2, 1),
        reason="Sai đối tượng",
        signer_name="Lê Quang Trung",
        signer_position="Giám đốc",
        by=office,
    )
    pack = proposal_create(
        authority="province_chair",
        year=2025,
        nominations=[NominationFactory(award_type=award("BK_UBND"), status="approved")],
        by=office,
    )
    client.force_login(office)
    urls = [
        reverse("council:session-list"),
        reverse("council:session-create"),
        ctx.session.get_absolute_url(),
        reverse("council:decision-list"),
        reverse("council:decision-create"),
        reverse("council:decision-revoke"),
        reverse("council:decision-correct") + f"?record={decision.items.get().award_record_id}",
        decision.get_absolute_url(),
        revocation.get_absolute_url(),
        reverse("reports:decision-pdf", args=[revocation.pk]),
        reverse("council:proposal-list"),
        reverse("council:proposal-create"),
        pack.get_absolute_url(),
    ]

    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_voting_cards_say_voted_no_quorum_or_offer_the_buttons_with_the_summary_escaped(client):
    """The cards are written by a tag (``units.fastpaths.ballot_card``): one per state."""
    voted, short, open_ = (make_verified_nomination() for _ in range(3))
    short.achievements = "Dòng một\n<script>alert(1)</script>"
    short.save(update_fields=["achievements"])
    ctx = make_council_session(4, nominations=[voted, short, open_])
    session_open_voting(ctx.session, by=ctx.office)
    AgendaItem.objects.filter(session=ctx.session, nomination=short).update(quorum_met=False)
    member = ctx.present[1]
    client.force_login(member)
    client.post(
        reverse("council:vote", args=[ctx.session.pk]),
        {"nomination": voted.pk, "choice": "agree", "confirmed": "1"},
    )

    content = client.get(reverse("council:vote", args=[ctx.session.pk])).content.decode()
    cards = {
        item.nomination_id: content.split(f'id="item-{item.pk}"')[1].split("</article>")[0]
        for item in AgendaItem.objects.filter(session=ctx.session)
    }

    assert "Đã bỏ phiếu" in cards[voted.pk] and 'name="choice"' not in cards[voted.pk]
    assert (
        "Hoàn tác phiếu" in cards[voted.pk]
    )  # for its first seconds only (tests/council/test_ballot_undo.py)
    assert "Không đủ số thành viên" in cards[short.pk] and "<form" not in cards[short.pk]
    assert "<p>Dòng một<br>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in cards[short.pk]
    assert f'name="nomination" value="{open_.pk}"' in cards[open_.pk]
    assert 'name="csrfmiddlewaretoken" value="' in cards[open_.pk]
    assert 'value="agree"' in cards[open_.pk] and 'value="disagree"' in cards[open_.pk]
    assert cards[open_.pk].count("<h2") == 1 and str(open_.person.full_name) in cards[open_.pk]
    assert 'id="remaining">Còn 1 đề nghị chưa bỏ phiếu.' in content
