"""Registration moves tell the other side, once per move per person, after the commit."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from campaigns.enums import RegistrationStatus
from campaigns.services import registration_transition
from notifications.models import Notification
from tests.factories import (
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_individual_line,
    make_office_user,
    make_unit_head,
)
from units.refusals import Refused

pytestmark = pytest.mark.django_db

SUBMITTED, RETURNED, ACCEPTED, DRAFT = (
    RegistrationStatus.SUBMITTED,
    RegistrationStatus.RETURNED,
    RegistrationStatus.ACCEPTED,
    RegistrationStatus.DRAFT,
)


@pytest.fixture
def people():
    unit = UnitFactory(name="Bệnh viện Đa khoa Thống Nhất")
    return {
        "unit": unit,
        "head": make_unit_head(unit),
        "office": make_office_user(),
        "office2": make_office_user(),
        "other_head": make_unit_head(UnitFactory(name="Trung tâm Y tế Long Thành")),
    }


@pytest.fixture
def reg(people):
    registration = RegistrationFactory(round=RegistrationRoundFactory(), unit=people["unit"])
    add_individual_line(registration)
    return registration


@pytest.fixture
def move(django_capture_on_commit_callbacks):
    """Make one move as in a request: the mails go out once the transaction has committed."""

    def _move(registration, to, by, reason=""):
        with django_capture_on_commit_callbacks(execute=True):
            return registration_transition(registration, to=to, by=by, reason=reason)

    return _move


def _mails():
    return [(m.to[0], m.subject) for m in mail.outbox]


def test_a_submission_tells_every_office_staff_member_once(people, reg, move):
    move(reg, SUBMITTED, people["head"])

    expected = "[TĐKT] Đơn vị Bệnh viện Đa khoa Thống Nhất đã gửi đăng ký thi đua"
    assert sorted(_mails()) == sorted(
        [(people["office"].email, expected), (people["office2"].email, expected)]
    )
    assert set(Notification.objects.values_list("recipient", "kind")) == {
        (people["office"].pk, "registration_submitted"),
        (people["office2"].pk, "registration_submitted"),
    }
    assert mail.outbox[0].body.count(reg.get_absolute_url()) == 1


def test_a_return_tells_the_units_head_with_the_reason_and_nobody_else(people, reg, move):
    reg.status = SUBMITTED
    reg.save()

    move(reg, RETURNED, people["office"], reason="Thiếu danh sách tập thể khoa, phòng.")

    (message,) = mail.outbox
    assert message.to == [people["head"].email]
    assert message.subject == "[TĐKT] Bản đăng ký thi đua của Bệnh viện Đa khoa Thống Nhất bị trả lại"
    assert "Lý do: Thiếu danh sách tập thể khoa, phòng." in message.body
    assert Notification.objects.get().kind == "registration_returned"


def test_an_acceptance_tells_the_units_head(people, reg, move):
    reg.status = SUBMITTED
    reg.save()

    move(reg, ACCEPTED, people["office"])

    assert _mails() == [
        (
            people["head"].email,
            "[TĐKT] Bản đăng ký thi đua của Bệnh viện Đa khoa Thống Nhất đã được chấp nhận",
        )
    ]


@pytest.mark.parametrize("to", [DRAFT, RETURNED])
def test_reopening_tells_the_units_head_with_the_reason(people, reg, move, to):
    reg.status = ACCEPTED
    reg.save()

    move(reg, to, people["office"], reason="Bổ sung cá nhân mới chuyển đến.")

    (message,) = mail.outbox
    assert message.to == [people["head"].email]
    assert "đã được mở lại để sửa" in message.subject
    assert "Lý do: Bổ sung cá nhân mới chuyển đến." in message.body
    assert Notification.objects.get().kind == "registration_reopened"


def test_the_full_cycle_sends_exactly_one_mail_per_move_per_recipient(people, reg, move):
    head, office, office2 = people["head"], people["office"], people["office2"]

    move(reg, SUBMITTED, head)
    move(reg, RETURNED, office, reason="Sai danh hiệu.")
    move(reg, SUBMITTED, head)
    move(reg, ACCEPTED, office)
    move(reg, DRAFT, office, reason="Mở lại để bổ sung.")

    to_head = [m.subject for m in mail.outbox if m.to == [head.email]]
    to_office2 = [m.subject for m in mail.outbox if m.to == [office2.email]]
    assert len(mail.outbox) == 7
    assert [s.split(" của ")[0] for s in to_head] == ["[TĐKT] Bản đăng ký thi đua"] * 3
    assert ["bị trả lại" in to_head[0], "chấp nhận" in to_head[1], "mở lại" in to_head[2]] == [True] * 3
    assert to_office2 == [
        "[TĐKT] Đơn vị Bệnh viện Đa khoa Thống Nhất đã gửi đăng ký thi đua",
        "[TĐKT] Đơn vị Bệnh viện Đa khoa Thống Nhất đã gửi lại đăng ký thi đua",
    ]
    assert not [m for m in mail.outbox if m.to == [people["other_head"].email]]


def test_the_person_who_moves_is_not_told_about_it(people, reg, move):
    move(reg, SUBMITTED, people["office"])  # the office submits on the unit's behalf

    assert _mails() == [
        (people["office2"].email, "[TĐKT] Đơn vị Bệnh viện Đa khoa Thống Nhất đã gửi đăng ký thi đua")
    ]


def test_a_repeated_move_sends_nothing_more(people, reg, move):
    move(reg, SUBMITTED, people["head"])
    mail.outbox.clear()

    again = move(reg, SUBMITTED, people["head"])

    assert again is False
    assert mail.outbox == []


def test_a_refused_move_sends_nothing(people, reg, move):
    with pytest.raises(Refused):
        move(reg, ACCEPTED, people["head"])

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_move_rolled_back_sends_nothing(people, reg, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        registration_transition(reg, to=SUBMITTED, by=people["head"])
        raise RuntimeError("the request failed after the move")

    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_late_submission_says_so(people, move):
    late = RegistrationFactory(round=RegistrationRoundFactory(past=True), unit=people["unit"])
    add_individual_line(late)

    move(late, SUBMITTED, people["head"])

    assert all("nộp muộn" in m.body for m in mail.outbox) and len(mail.outbox) == 2


def test_an_inactive_head_gets_no_mail(people, reg, move):
    people["head"].is_active = False
    people["head"].save()
    reg.status = SUBMITTED
    reg.save()

    move(reg, ACCEPTED, people["office"])

    assert mail.outbox == []


def test_the_transition_page_sends_the_mail_once_and_a_get_sends_nothing(
    client, people, reg, django_capture_on_commit_callbacks
):
    url = reverse("campaigns:registration-transition", args=[reg.pk])
    client.force_login(people["head"])

    with django_capture_on_commit_callbacks(execute=True):
        get = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"to": SUBMITTED})
        client.post(url, {"to": SUBMITTED})

    reg.refresh_from_db()
    assert get.status_code == 405
    assert reg.status == SUBMITTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["office"].email, people["office2"].email])
