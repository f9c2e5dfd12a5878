"""Verdicts that follow the facts, on a real PostgreSQL: an award revoked after a nomination was
sent re-judges it in the revoking transaction, tells the office and the unit head after the
commit, and the office's verification is then refused with the reason and its legal basis."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from awards.enums import EligibilityStatus, NominationStatus
from awards.models import Nomination, VerdictChange
from awards.services import nomination_transition
from council.services import decision_revoke
from notifications.models import Notification
from tests.factories import (
    AwardRecordFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_required_documents,
    award,
    make_office_user,
    make_unit_head,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_award_revoked_after_submission_makes_verification_refused_with_the_reason(client):
    office = make_office_user(username="vanphong-pg", email="vanphong@example.vn")
    centre = UnitFactory(name="Trung tâm Y tế khu vực Long Khánh")
    head = make_unit_head(centre, username="thutruong-pg", email="thutruong@example.vn")
    person = PersonFactory(unit=centre, full_name="Hoàng Văn Sơn")
    cstdcs_2024 = AwardRecordFactory(person=person, award_type=award("CSTDCS"), year=2024)
    AwardRecordFactory(person=person, award_type=award("CSTDCS"), year=2025)
    nomination = NominationFactory(
        person=person, award_type=award("BK_UBND"), year=2025, proposing_unit=centre
    )
    add_required_documents(nomination)
    nomination_transition(nomination, to=NominationStatus.SUBMITTED, by=head)
    nomination.refresh_from_db()
    assert nomination.eligibility == EligibilityStatus.ELIGIBLE
    mail.outbox.clear()

    decision_revoke(
        [cstdcs_2024],
        date=datetime.date(2026, 3, 1),
        reason="Kê khai thành tích không đúng",
        signer_name="Lê Quang Trung",
        signer_position="Giám đốc",
        by=office,
    )

    nomination.refresh_from_db()
    assert nomination.eligibility == EligibilityStatus.NOT_ELIGIBLE
    change = VerdictChange.objects.get(nomination=nomination)
    assert (change.old_eligibility, change.new_eligibility, change.after_submission) == (
        EligibilityStatus.ELIGIBLE,
        EligibilityStatus.NOT_ELIGIBLE,
        True,
    )
    told = Notification.objects.filter(kind="verdict_changed", source=f"awards.VerdictChange:{change.pk}")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["thutruong-pg", "vanphong-pg"]
    assert sorted(a for m in mail.outbox for a in m.to) == ["thutruong@example.vn", "vanphong@example.vn"]

    client.force_login(office)
    response = client.post(
        reverse("awards:nomination-transition", args=[nomination.pk, "verified"]),
        {"seen_status": "submitted", "reason": "Đơn vị đã giải trình."},
        follow=True,
    )

    page = response.content.decode()
    assert "Không thể thẩm định đề nghị Hoàng Văn Sơn" in page
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 74 khoản 1 điểm d" in page
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.SUBMITTED
