"""Proposals upward: a Tờ trình per higher authority, tracked as sent, its reply landing in history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards.enums import NominationStatus, RecordSource
from awards.models import AwardRecord
from council.enums import ProposalStatus
from council.services import proposal_create, proposal_mark_sent, proposal_record_decision
from tests.factories import NominationFactory, award, make_office_user

pytestmark = pytest.mark.django_db


def approved(code):
    return NominationFactory(award_type=award(code), status="approved")


def test_a_proposal_is_numbered_when_sent_and_the_reply_lands_in_the_award_history():
    office = make_office_user()
    first, second = approved("CSTD_TINH"), approved("CSTD_TINH")
    pack = proposal_create(authority="province_chair", year=2025, nominations=[first, second], by=office)

    assert proposal_mark_sent(pack, sent_on=datetime.date(2026, 1, 20), by=office) is True
    assert proposal_mark_sent(pack, sent_on=datetime.date(2026, 1, 21), by=office) is False
    assert pack.number_text == "Số: 01/TTr-SYT"
    records = proposal_record_decision(
        pack,
        number="123/QĐ-UBND",
        date=datetime.date(2026, 3, 1),
        authority_name="Chủ tịch UBND tỉnh Đồng Nai",
        granted=[first],
        by=office,
    )

    pack.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert pack.status == ProposalStatus.DECIDED and pack.reply_number == "123/QĐ-UBND"
    assert [r.nomination for r in records] == [first]
    record = AwardRecord.objects.get()
    assert (record.decision_number, record.authority, record.source) == (
        "123/QĐ-UBND",
        "Chủ tịch UBND tỉnh Đồng Nai",
        RecordSource.ENTERED,
    )
    assert first.status == NominationStatus.DECIDED and second.status == NominationStatus.APPROVED


def test_a_proposal_takes_only_approved_nominations_of_its_authority():
    office = make_office_user()

    with pytest.raises(ValidationError) as refused:
        proposal_create(
            authority="province_chair",
            year=2025,
            nominations=[approved("LDTT"), approved("BK_BYT")],
            by=office,
        )
    assert "không thuộc thẩm quyền" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError, match="Giám đốc Sở"):
        proposal_create(authority="director", year=2025, nominations=[approved("LDTT")], by=office)


def test_the_proposal_pack_is_one_pdf(client):
    office = make_office_user()
    nomination = approved("BK_UBND")
    pack = proposal_create(authority="province_chair", year=2025, nominations=[nomination], by=office)
    client.force_login(office)

    response = client.get(reverse("reports:proposal-pdf", args=[pack.pk]))

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(reverse("council:proposal-detail", args=[pack.pk])).status_code == 200
