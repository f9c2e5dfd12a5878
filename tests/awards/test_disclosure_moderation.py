"""The office moderates disclosure comments before anyone else reads them: a new comment waits,
an accepted one reaches the council (told once a day), a rejected one keeps its reason for its
author and tells nobody."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from awards.enums import CommentStatus
from awards.models import DisclosureComment
from awards.reminders import DisclosureDeadlines
from awards.selectors import disclosure_comments, nomination_for_detail
from awards.services import disclosure_comment_add, disclosure_comment_moderate
from notifications.models import Notification
from tests.factories import (
    DisclosureCommentFactory,
    DisclosurePeriodFactory,
    make_council_member,
    make_office_user,
    make_plain_user,
    make_unit_head,
)
from units.refusals import Refused

pytestmark = pytest.mark.django_db

ACCEPTED_KIND = "disclosure_comment_accepted"


@pytest.fixture
def period():
    return DisclosurePeriodFactory()


@pytest.fixture
def listed(make_nomination):
    return make_nomination(status="verified")


def moderate_url(comment):
    return reverse("awards:disclosure-comment-moderate", args=[comment.period_id, comment.pk])


def page_of(client, user, url):
    client.force_login(user)
    return client.get(url).content.decode()


# --- a new comment waits ------------------------------------------------------------------------
def test_a_new_comment_is_pending_and_the_council_does_not_see_it(client, period, council_member):
    comment = disclosure_comment_add(period, by=make_plain_user(), text="Cá nhân này từng bị kỷ luật.")

    page = page_of(client, council_member, period.get_absolute_url())

    assert comment.status == CommentStatus.PENDING
    assert "Cá nhân này từng bị kỷ luật." not in page
    assert list(disclosure_comments(period, user=council_member)) == []


def test_a_council_member_sees_the_accepted_comments_only(client, period, council_member, office):
    accepted = DisclosureCommentFactory(period=period, text="Ý kiến đã tiếp nhận.")
    DisclosureCommentFactory(period=period, text="Ý kiến còn chờ duyệt.")
    rejected = DisclosureCommentFactory(period=period, text="Ý kiến không tiếp nhận.")
    disclosure_comment_moderate(accepted, by=office, accept=True)
    disclosure_comment_moderate(rejected, by=office, accept=False, reason="Trùng lặp.")

    page = page_of(client, council_member, period.get_absolute_url())

    assert "Ý kiến đã tiếp nhận." in page
    assert "Ý kiến còn chờ duyệt." not in page
    assert "Ý kiến không tiếp nhận." not in page


def test_a_document_made_without_a_reader_lists_the_accepted_comments_only(period, office):
    accepted, _pending = DisclosureCommentFactory.create_batch(2, period=period)
    disclosure_comment_moderate(accepted, by=office, accept=True)

    assert list(disclosure_comments(period)) == [accepted]


def test_the_office_sees_the_queue_first_with_the_number_waiting(client, period, office):
    older = DisclosureCommentFactory(period=period, text="Ý kiến gửi trước.")
    DisclosureCommentFactory(period=period, text="Ý kiến gửi sau.")
    done = DisclosureCommentFactory(period=period, text="Ý kiến đã duyệt rồi.")
    disclosure_comment_moderate(done, by=office, accept=False, reason="Không liên quan danh sách.")

    page = page_of(client, office, period.get_absolute_url())

    queue = page[page.index('id="moderation-queue"') : page.index('id="comments-heading"')]
    assert 'id="pending-count">2<' in page
    assert queue.index("Ý kiến gửi trước.") < queue.index("Ý kiến gửi sau.")
    assert f'action="{moderate_url(older)}"' in queue
    assert 'name="decision" value="accept"' in queue and 'name="decision" value="reject"' in queue
    assert "Ý kiến đã duyệt rồi." not in queue
    assert "Không liên quan danh sách." in page  # the moderated ones below, with their reason


def test_the_offices_daily_message_says_comments_wait_and_links_to_the_queue(
    period, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_comment_add(period, by=make_plain_user(), text="Ý kiến.")

    note = Notification.objects.get(recipient=office)
    assert "chờ duyệt" in note.title
    assert note.url == f"{period.get_absolute_url()}#moderation"


# --- accepting ----------------------------------------------------------------------------------
def test_accepting_through_the_page_shows_the_comment_to_the_council(client, period, office, council_member):
    comment = DisclosureCommentFactory(period=period, text="Đề nghị Hội đồng xem xét thêm.")
    client.force_login(office)

    response = client.post(moderate_url(comment), {"decision": "accept"})

    comment.refresh_from_db()
    assert response.status_code == 302
    assert (comment.status, comment.moderated_by, comment.moderation_reason) == (
        CommentStatus.ACCEPTED,
        office,
        "",
    )
    assert comment.moderated_at is not None
    assert "Đề nghị Hội đồng xem xét thêm." in page_of(client, council_member, period.get_absolute_url())


def test_the_council_is_told_once_a_day_however_many_comments_are_accepted(
    period, office, django_capture_on_commit_callbacks
):
    members = [make_council_member(), make_council_member()]
    first, second = DisclosureCommentFactory.create_batch(2, period=period)

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_comment_moderate(first, by=office, accept=True)
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_comment_moderate(second, by=office, accept=True)

    notes = Notification.objects.filter(kind=ACCEPTED_KIND)
    assert sorted(notes.values_list("recipient_id", flat=True)) == [m.pk for m in members]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members)
    assert all(n.url == f"{period.get_absolute_url()}#comments" for n in notes)
    assert not Notification.objects.filter(kind=ACCEPTED_KIND, recipient=office).exists()


def test_the_next_days_accepted_comments_tell_the_council_again(
    period, office, council_member, django_capture_on_commit_callbacks
):
    first, second = DisclosureCommentFactory.create_batch(2, period=period)
    today = timezone.localtime()

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_comment_moderate(first, by=office, accept=True)
    with (
        time_machine.travel(today + datetime.timedelta(days=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        disclosure_comment_moderate(second, by=office, accept=True)

    assert Notification.objects.filter(kind=ACCEPTED_KIND, recipient=council_member).count() == 2
    assert [m.to for m in mail.outbox] == [[council_member.email], [council_member.email]]


# --- rejecting ----------------------------------------------------------------------------------
def test_rejecting_needs_a_reason(period, office):
    comment = DisclosureCommentFactory(period=period)

    with pytest.raises(Refused) as exc:
        disclosure_comment_moderate(comment, by=office, accept=False, reason="   ")

    assert "lý do" in exc.value.message_dict["reason"][0]
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (CommentStatus.PENDING, None)


def test_rejecting_without_a_reason_on_the_page_shows_the_error_at_the_comment(client, period, office):
    comment = DisclosureCommentFactory(period=period, text="Ý kiến cần xem.")
    client.force_login(office)

    response = client.post(moderate_url(comment), {"decision": "reject", "reason": ""})

    page = response.content.decode()
    item = page[page.index(f'id="comment-{comment.pk}"') :]
    assert response.status_code == 200
    assert "Nêu lý do không tiếp nhận ý kiến." in item[: item.index("</form>")]
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_a_refused_moderation_keeps_the_reason_that_was_typed(client, period, office):
    comment = DisclosureCommentFactory(period=period)
    typed = "Lý do rất dài " * 100  # over the 1,000 characters a reason may hold
    client.force_login(office)

    response = client.post(moderate_url(comment), {"decision": "reject", "reason": typed})

    assert response.status_code == 200
    assert typed.strip() in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_a_rejected_comment_tells_nobody_and_stays_from_the_council(
    client, period, office, council_member, django_capture_on_commit_callbacks
):
    comment = DisclosureCommentFactory(period=period, text="Quảng cáo bán hàng.")

    with django_capture_on_commit_callbacks(execute=True):
        disclosure_comment_moderate(comment, by=office, accept=False, reason="Không liên quan danh sách.")

    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == (
        CommentStatus.REJECTED,
        "Không liên quan danh sách.",
    )
    assert not Notification.objects.exists()
    assert mail.outbox == []
    assert "Quảng cáo bán hàng." not in page_of(client, council_member, period.get_absolute_url())


# --- who may moderate ---------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["unit head", "council member", "author"])
def test_only_the_office_moderates(client, period, role):
    comment = DisclosureCommentFactory(period=period)
    user = {
        "unit head": make_unit_head,
        "council member": make_council_member,
        "author": lambda: comment.author,
    }[role]()
    client.force_login(user)

    response = client.post(moderate_url(comment), {"decision": "accept"})
    with pytest.raises(PermissionDenied):
        disclosure_comment_moderate(comment, by=user, accept=True)

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_the_moderation_address_takes_only_a_comment_of_its_period(client, office):
    comment = DisclosureCommentFactory()
    other_period = DisclosurePeriodFactory()
    client.force_login(office)

    response = client.post(
        reverse("awards:disclosure-comment-moderate", args=[other_period.pk, comment.pk]),
        {"decision": "accept"},
    )

    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


# --- once -------------------------------------------------------------------------------------
def test_a_comment_is_moderated_once(period, office):
    comment = DisclosureCommentFactory(period=period)
    disclosure_comment_moderate(comment, by=office, accept=True)

    with pytest.raises(Refused, match="không duyệt lại"):
        disclosure_comment_moderate(comment, by=make_office_user(), accept=False, reason="Đổi ý.")

    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.moderation_reason) == (
        CommentStatus.ACCEPTED,
        office,
        "",
    )
    assert [h.history_type for h in comment.history.order_by("history_id")] == ["+", "~"]


def test_a_second_moderation_on_the_page_is_refused_with_a_message(client, period, office):
    comment = DisclosureCommentFactory(period=period)
    client.force_login(office)
    client.post(moderate_url(comment), {"decision": "reject", "reason": "Trùng ý kiến trước."})

    response = client.post(moderate_url(comment), {"decision": "accept"}, follow=True)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert "không duyệt lại" in response.content.decode()


def test_the_history_names_who_moderated(period, office):
    comment = DisclosureCommentFactory(period=period)

    disclosure_comment_moderate(comment, by=office, accept=False, reason="Nội dung không phù hợp.")

    last = comment.history.latest()
    assert (last.history_user, last.status, last.moderation_reason) == (
        office,
        CommentStatus.REJECTED,
        "Nội dung không phù hợp.",
    )


# --- the author ---------------------------------------------------------------------------------
def test_the_author_sees_the_state_of_their_own_comments(client, period, office):
    author = make_plain_user()
    waiting, accepted, rejected = (
        DisclosureCommentFactory(period=period, author=author, text=text)
        for text in ("Ý kiến thứ nhất.", "Ý kiến thứ hai.", "Ý kiến thứ ba.")
    )
    DisclosureCommentFactory(period=period, text="Ý kiến của người khác.")
    disclosure_comment_moderate(accepted, by=office, accept=True)
    disclosure_comment_moderate(rejected, by=office, accept=False, reason="Trùng với ý kiến đã gửi.")

    page = page_of(client, author, period.get_absolute_url())

    mine = page[page.index('id="my-comments"') :]
    mine = mine[: mine.index("</ul>")]
    assert [mine.count(f'data-status="{s}"') for s in ("pending", "accepted", "rejected")] == [1, 1, 1]
    assert "Chờ duyệt" in mine and "Đã tiếp nhận" in mine and "Không tiếp nhận" in mine
    assert "Trùng với ý kiến đã gửi." in mine
    assert "Ý kiến của người khác." not in page
    assert waiting.status == CommentStatus.PENDING


def test_sending_a_comment_says_the_office_reads_it_first(client, period, listed):
    client.force_login(make_plain_user())

    response = client.post(period.get_absolute_url(), {"text": "Ý kiến góp ý."}, follow=True)

    assert "Thường trực TĐKT sẽ xem xét" in response.content.decode()
    assert DisclosureComment.objects.get().status == CommentStatus.PENDING


# --- the nomination page and the reminder -------------------------------------------------------
def test_the_nomination_page_shows_a_council_member_the_accepted_comments_only(
    client, period, listed, office
):
    reader = make_unit_head(listed.proposing_unit, is_council_member=True)
    accepted = DisclosureCommentFactory(period=period, nomination=listed, text="Ý kiến được tiếp nhận.")
    DisclosureCommentFactory(period=period, nomination=listed, text="Ý kiến đang chờ.")
    disclosure_comment_moderate(accepted, by=office, accept=True)

    page = page_of(client, reader, listed.get_absolute_url())

    assert "Ý kiến được tiếp nhận." in page
    assert "Ý kiến đang chờ." not in page
    assert [c.pk for c in nomination_for_detail(listed, user=reader)["comments"]] == [accepted.pk]


def test_the_nomination_page_shows_the_office_every_comment_with_its_state(client, period, listed, office):
    DisclosureCommentFactory(period=period, nomination=listed, text="Ý kiến đang chờ.")

    page = page_of(client, office, listed.get_absolute_url())

    assert "Ý kiến đang chờ." in page
    assert 'data-status="pending"' in page


def test_a_unit_head_reads_no_comment_on_their_nomination(period, listed, office, head):
    accepted = DisclosureCommentFactory(period=period, nomination=listed)
    disclosure_comment_moderate(accepted, by=office, accept=True)

    assert nomination_for_detail(listed, user=head)["comments"] == []


def test_the_closing_reminder_tells_the_office_how_many_comments_wait(period, office):
    DisclosureCommentFactory.create_batch(2, period=period)
    disclosure_comment_moderate(DisclosureCommentFactory(period=period), by=office, accept=True)

    [deadline] = DisclosureDeadlines().deadlines(timezone.localdate())

    assert deadline.summary == "3 ý kiến đã nhận, 2 ý kiến chờ duyệt"


def test_the_offices_home_panel_counts_the_comments_waiting(client, period, office):
    DisclosureCommentFactory.create_batch(2, period=period)

    page = page_of(client, office, reverse("home"))

    assert f'href="{period.get_absolute_url()}#moderation">2 ý kiến chờ duyệt<' in page


def test_a_stale_form_on_a_comment_decided_meanwhile_says_it_was_decided(client, period, office):
    comment = DisclosureCommentFactory(period=period)
    disclosure_comment_moderate(comment, by=make_office_user(), accept=True)
    client.force_login(office)

    response = client.post(moderate_url(comment), {"reason": "x" * 1001}, follow=True)

    assert "không duyệt lại" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_reason) == (CommentStatus.ACCEPTED, "")


def test_a_reason_longer_than_the_limit_is_refused_at_the_reason(period, office):
    comment = DisclosureCommentFactory(period=period)

    with pytest.raises(Refused) as exc:
        disclosure_comment_moderate(comment, by=office, accept=False, reason="x" * 1001)

    assert "tối đa 1.000 ký tự" in exc.value.message_dict["reason"][0]
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
