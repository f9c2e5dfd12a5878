"""Verification, the council's agenda and the decision judge the nomination again first and refuse,
naming the reason and its legal basis, one whose verdict became "not eligible" since it was sent."""

import datetime

import pytest

from awards.enums import EligibilityStatus, NominationStatus
from awards.models import AwardRecord, Nomination
from awards.services import nomination_transition
from council.models import AgendaItem, Decision
from council.services import agenda_add, decision_issue
from tests.factories import (
    PersonFactory,
)
from units.refusals import Refused

from .builders import SIGNER, evaluate, give, give_years, revoke, send

pytestmark = pytest.mark.django_db

BASIS = "Luật Thi đua, khen thưởng số 06/2022/QH15"


def bk_ubnd_nominee(head):
    person = PersonFactory(unit=head.head_of_unit, full_name="Đỗ Minh Khoa")
    records = [give(person, "CSTDCS", 2024), give(person, "CSTDCS", 2025)]
    return person, records


def test_verification_is_refused_with_the_reason_once_the_award_relied_on_is_revoked(office, head):
    person, (cstdcs_2024, _) = bk_ubnd_nominee(head)
    nomination = send(person, "BK_UBND", by=head)
    assert nomination.eligibility == EligibilityStatus.ELIGIBLE
    revoke(cstdcs_2024, by=office)

    with pytest.raises(Refused) as refused:
        nomination_transition(nomination, to=NominationStatus.VERIFIED, by=office)

    text = " ".join(refused.value.messages)
    assert text.startswith("Không thể thẩm định đề nghị Đỗ Minh Khoa — Bằng khen")
    assert "đã chuyển từ “Đủ điều kiện” sang “Không đủ điều kiện” sau khi gửi" in text
    assert "2024" in text and f"căn cứ: {BASIS}, Điều 74 khoản 1 điểm d" in text
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED


def test_the_verify_page_shows_the_refusal(client, office, head):
    person, (cstdcs_2024, _) = bk_ubnd_nominee(head)
    nomination = send(person, "BK_UBND", by=head)
    revoke(cstdcs_2024, by=office)
    client.force_login(office)

    response = client.post(
        f"/awards/nominations/{nomination.pk}/transition/verified/",
        {"seen_status": "submitted", "reason": "Đơn vị đã giải trình."},
        follow=True,
    )

    page = response.content.decode()
    assert "Không thể thẩm định đề nghị Đỗ Minh Khoa" in page
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.SUBMITTED


def test_a_nomination_sent_already_failing_can_still_be_verified(office, head):
    person = PersonFactory(unit=head.head_of_unit)
    evaluate(person, 2025, "HTNV")
    nomination = send(person, "LDTT", by=head)
    assert nomination.eligibility == EligibilityStatus.NOT_ELIGIBLE

    with pytest.raises(Refused) as refused:  # going against the verdict is written down first
        nomination_transition(nomination, to=NominationStatus.VERIFIED, by=office)
    assert "ghi lý do vẫn thẩm định đạt" in " ".join(refused.value.messages)
    reason = "Hội đồng sáng kiến xác nhận bổ sung, chờ quyết định công nhận."
    assert nomination_transition(nomination, to=NominationStatus.VERIFIED, by=office, reason=reason)
    assert nomination.events.order_by("-pk").first().reason == reason


def test_a_nomination_still_eligible_is_verified(office, head):
    person, _records = bk_ubnd_nominee(head)
    nomination = send(person, "BK_UBND", by=head)

    assert nomination_transition(nomination, to=NominationStatus.VERIFIED, by=office)


def test_the_council_agenda_refuses_a_nomination_no_longer_eligible(office, head):
    from tests.factories import make_council_session

    person, (cstdcs_2024, _) = bk_ubnd_nominee(head)
    nomination = send(person, "BK_UBND", by=head)
    nomination_transition(nomination, to=NominationStatus.VERIFIED, by=office)
    meeting = make_council_session(size=3, office=office)
    revoke(cstdcs_2024, by=office)

    with pytest.raises(Refused) as refused:
        agenda_add(meeting.session, Nomination.objects.get(pk=nomination.pk), by=office)

    assert "Không thể đưa vào chương trình họp Hội đồng đề nghị Đỗ Minh Khoa" in " ".join(
        refused.value.messages
    )
    assert not AgendaItem.objects.filter(nomination=nomination).exists()
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.VERIFIED


def test_the_decision_refuses_a_nomination_no_longer_eligible(office, head):
    person = PersonFactory(unit=head.head_of_unit, full_name="Vũ Thị Mai")
    evaluate(person, 2025, "HTXSNV")
    ldtt = give(person, "LDTT", 2025)
    nomination = send(person, "CSTDCS", by=head)
    assert nomination.eligibility == EligibilityStatus.ELIGIBLE
    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.APPROVED)
    revoke(ldtt, by=office)

    with pytest.raises(Refused) as refused:
        decision_issue(
            [Nomination.objects.get(pk=nomination.pk)], date=datetime.date(2026, 3, 10), by=office, **SIGNER
        )

    text = " ".join(refused.value.messages)
    assert "Không thể ban hành quyết định khen thưởng đề nghị Vũ Thị Mai" in text
    assert "Thiếu danh hiệu Lao động tiên tiến năm 2025" in text and f"{BASIS}, Điều 23" in text
    assert not Decision.objects.filter(kind="award").exists()
    assert not AwardRecord.objects.filter(nomination=nomination).exists()


def test_a_decision_for_nominations_still_eligible_is_issued(office, head):
    person = PersonFactory(unit=head.head_of_unit)
    give_years(person, "CSTDCS", [2024])
    evaluate(person, 2025, "HTTNV")
    nomination = send(person, "LDTT", by=head)
    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.APPROVED)

    decision = decision_issue(
        [Nomination.objects.get(pk=nomination.pk)], date=datetime.date(2026, 3, 10), by=office, **SIGNER
    )

    assert decision.items.count() == 1
