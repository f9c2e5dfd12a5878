"""Public disclosure (công khai): the verified nominees of a year, comments while open."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.models import DisclosureComment, DisclosurePeriod
from awards.reminders import DisclosureDeadlines
from awards.services import COMMENT_MAX_CHARS, COMMENTS_PER_HOUR, disclosure_comment_add
from tests.factories import DisclosurePeriodFactory, PersonFactory, make_plain_user
from units.refusals import Refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(make_nomination):
    verified = make_nomination(status="verified")
    make_nomination(status="submitted", code="CSTDCS", person=PersonFactory(full_name="Đỗ Văn Chưa Duyệt"))
    return verified


def test_every_logged_in_user_sees_the_verified_nominees_only(client, listed):
    period = DisclosurePeriodFactory()
    client.force_login(make_plain_user())

    page = client.get(period.get_absolute_url()).content.decode()

    assert listed.person.full_name in page
    assert "Đỗ Văn Chưa Duyệt" not in page


def test_a_comment_is_recorded_while_open_and_the_office_is_told(
    client, listed, office, django_capture_on_commit_callbacks
):
    period = DisclosurePeriodFactory()
    citizen = make_plain_user()
    client.force_login(citizen)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            period.get_absolute_url(),
            {"nomination": listed.pk, "text": "Đề nghị xem lại thành tích năm 2025."},
        )

    assert response.status_code == 302
    comment = DisclosureComment.objects.get()
    assert (comment.author, comment.nomination, comment.period) == (citizen, listed, period)
    assert [m.to for m in mail.outbox] == [[office.email]]


def test_no_comment_after_the_period_closes(listed):
    period = DisclosurePeriodFactory(closed=True)

    with pytest.raises(ValidationError) as exc:
        disclosure_comment_add(period, by=make_plain_user(), text="Muộn.")

    assert "không nhận thêm ý kiến" in exc.value.messages[0]
    assert not DisclosureComment.objects.exists()


def test_no_comment_before_the_period_opens(listed):
    today = timezone.localdate()
    period = DisclosurePeriodFactory(
        opens=today + datetime.timedelta(days=2), closes=today + datetime.timedelta(days=9)
    )

    with pytest.raises(ValidationError):
        disclosure_comment_add(period, by=make_plain_user(), text="Sớm.")


def test_a_comment_on_a_nomination_not_listed_is_refused(make_nomination):
    period = DisclosurePeriodFactory()
    draft = make_nomination(status="draft")

    with pytest.raises(ValidationError):
        disclosure_comment_add(period, by=make_plain_user(), text="Ý kiến.", nomination=draft)


def test_a_comment_longer_than_the_limit_is_refused_at_the_text(listed):
    period = DisclosurePeriodFactory()

    with pytest.raises(Refused) as exc:
        disclosure_comment_add(period, by=make_plain_user(), text="x" * (COMMENT_MAX_CHARS + 1))

    assert "tối đa 2.000 ký tự" in exc.value.message_dict["text"][0]
    assert not DisclosureComment.objects.exists()


def test_one_person_sending_too_many_comments_within_the_hour_is_refused(listed):
    period = DisclosurePeriodFactory()
    citizen = make_plain_user()
    for number in range(COMMENTS_PER_HOUR):
        disclosure_comment_add(period, by=citizen, text=f"Ý kiến số {number + 1}.")

    with pytest.raises(Refused, match="Vui lòng gửi lại sau"):
        disclosure_comment_add(period, by=citizen, text="Một ý kiến nữa.")

    disclosure_comment_add(period, by=make_plain_user(), text="Ý kiến của người khác.")
    assert DisclosureComment.objects.count() == COMMENTS_PER_HOUR + 1


def test_the_office_hears_of_the_days_comments_once(listed, office, django_capture_on_commit_callbacks):
    period = DisclosurePeriodFactory()

    with django_capture_on_commit_callbacks(execute=True):
        for text in ("Ý kiến thứ nhất.", "Ý kiến thứ hai.", "Ý kiến thứ ba."):
            disclosure_comment_add(period, by=make_plain_user(), text=text)

    assert DisclosureComment.objects.count() == 3
    assert [m.to for m in mail.outbox] == [[office.email]]


def test_the_office_sees_the_comments_on_the_nomination_page(client, listed, office):
    period = DisclosurePeriodFactory()
    disclosure_comment_add(period, by=make_plain_user(), text="Cá nhân này đã bị kỷ luật.", nomination=listed)
    client.force_login(office)

    page = client.get(listed.get_absolute_url()).content.decode()

    assert "Cá nhân này đã bị kỷ luật." in page


def test_a_plain_user_does_not_see_others_comments(client, listed):
    period = DisclosurePeriodFactory()
    disclosure_comment_add(period, by=make_plain_user(), text="Ý kiến của người khác.")
    client.force_login(make_plain_user())

    page = client.get(period.get_absolute_url()).content.decode()

    assert "Ý kiến của người khác." not in page


def test_the_office_opens_a_period(client, office):
    client.force_login(office)
    today = timezone.localdate()

    response = client.post(
        reverse("awards:disclosure-create"),
        {
            "year": 2025,
            "opens": today.isoformat(),
            "closes": (today + datetime.timedelta(days=10)).isoformat(),
        },
    )

    period = DisclosurePeriod.objects.get()
    assert response.status_code == 302
    assert period.created_by == office


def test_a_period_that_closes_before_it_opens_is_refused(client, office):
    client.force_login(office)

    response = client.post(
        reverse("awards:disclosure-create"), {"year": 2025, "opens": "2026-01-10", "closes": "2026-01-01"}
    )

    assert response.status_code == 200
    assert not DisclosurePeriod.objects.exists()


def test_a_unit_head_cannot_open_a_period(client, head):
    client.force_login(head)

    assert client.get(reverse("awards:disclosure-create")).status_code == 403


def test_the_closing_day_is_a_deadline_for_the_office(office):
    period = DisclosurePeriodFactory()

    deadlines = list(DisclosureDeadlines().deadlines(timezone.localdate()))

    assert [d.key for d in deadlines] == [f"awards.DisclosurePeriod:{period.pk}"]
    assert deadlines[0].due_date == period.closes
    assert list(deadlines[0].recipients) == [office]


def test_comments_are_limited_in_length_and_in_number_per_person(office):
    period = DisclosurePeriodFactory()
    author = make_plain_user()

    with pytest.raises(ValidationError, match="tối đa 2.000 ký tự"):
        disclosure_comment_add(period, by=author, text="x" * 2001)
    for n in range(5):
        disclosure_comment_add(period, by=author, text=f"Ý kiến {n}.")
    with pytest.raises(ValidationError, match="nhiều ý kiến trong thời gian ngắn"):
        disclosure_comment_add(period, by=author, text="Ý kiến thứ sáu.")

    assert period.comments.count() == 5
    disclosure_comment_add(period, by=make_plain_user(), text="Người khác vẫn góp ý được.")


def test_the_office_gets_one_message_a_day_however_many_comments_come_in(
    office, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    period = DisclosurePeriodFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            disclosure_comment_add(period, by=make_plain_user(), text=f"Ý kiến số {n} <b>quảng cáo</b>.")

    notes = Notification.objects.filter(recipient=office)
    assert notes.count() == 1
    assert "Ý kiến số" not in notes.get().body
    assert len([m for m in mail.outbox if office.email in m.to]) <= 1
