"""The council's decisions and tờ trình print their own header, place, signer and recipients
exactly as set in their forms, in the PDF and the DOCX; left as the form offers them, they print
the agency's header and default signer; a signer chosen from the agency's signers fills the signer."""

import datetime

import pytest
from django.urls import reverse

from council.models import Decision, ProposalPack
from council.services import decision_revoke
from tests.factories import AgencyFactory, AgencySignerFactory, NominationFactory, award, make_office_user
from tests.headings import heading, heading_form
from tests.reports.test_plan_documents import assert_in_order, docx_text, pdf_text
from units.models import Agency

pytestmark = pytest.mark.django_db

HOA_BINH = {
    "authority_line": "UBND TỈNH HÒA BÌNH",
    "issuer_line": "SỞ Y TẾ HÒA BÌNH",
    "place": "Hòa Bình",
    "signer_name": "Bùi Văn Khánh",
}
EDITED = heading_form(**HOA_BINH, recipients=["Như Điều 3;", "Ban TĐKT tỉnh Hòa Bình;", "Lưu: VT, TCCB."])
EDITED_IN_ORDER = [
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Ban TĐKT tỉnh Hòa Bình;",
    "- Lưu: VT, TCCB.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Bùi Văn Khánh",
]


@pytest.fixture
def agency():
    return AgencyFactory(
        letterhead="UBND TỈNH ĐỒNG NAI\nSỞ Y TẾ", signer_name="Phan Huy Anh Vũ", signer_position="Giám đốc"
    )


@pytest.fixture
def office(client):
    user = make_office_user()
    client.force_login(user)
    return user


def approved(code, name="Nguyễn Văn An"):
    from tests.factories import PersonFactory

    return NominationFactory(
        award_type=award(code), status="approved", year=2025, person=PersonFactory(full_name=name)
    )


def offered(client, url) -> dict:
    """What the form offers, as it would be sent back unchanged."""
    form = client.get(url).context["form"]
    return {name: form.initial.get(name, "") for name in form.fields if name in form.initial}


def created(client, document: str, **changes):
    """The decision or tờ trình the office creates from what its form offers, with ``changes``."""
    url = reverse(f"council:{document}-create")
    response = client.post(url, {**offered(client, url), **changes})
    assert response.status_code == 302, response.context["form"].errors
    return {"decision": Decision, "proposal": ProposalPack}[document].objects.get()


def downloads(client, document: str, obj) -> tuple[str, str]:
    """The text of the object's PDF and DOCX (``reports:<document>-pdf`` and ``-docx``)."""
    pdf = client.get(reverse(f"reports:{document}-pdf", args=[obj.pk]))
    docx = client.get(reverse(f"reports:{document}-docx", args=[obj.pk]))
    assert pdf.status_code == 200 and docx.status_code == 200
    return pdf_text(pdf.content), docx_text(docx.content)


def test_a_decision_with_its_heading_edited_prints_exactly_that(client, agency, office):
    nomination = approved("LDTT")

    decision = created(client, "decision", **EDITED, nominations=[nomination.pk], date="2026-01-15")
    Agency.objects.update(signer_name="Người Khác", place_name="Hà Nam", letterhead="")
    texts = downloads(client, "decision", decision)
    for text in texts:
        assert_in_order(
            text, ["UBND TỈNH HÒA BÌNH", "SỞ Y TẾ HÒA BÌNH", "Hòa Bình, ngày 15 tháng 01 năm 2026"]
        )
        assert_in_order(text, EDITED_IN_ORDER)
        assert "Phan Huy Anh Vũ" not in text and "Người Khác" not in text and "Đồng Nai" not in text


def test_a_decision_left_as_offered_prints_the_agencys_header_and_default_signer(client, agency, office):
    nomination = approved("LDTT")

    decision = created(client, "decision", nominations=[nomination.pk], date="2026-01-15")

    for text in downloads(client, "decision", decision):
        assert_in_order(
            text,
            [
                "UBND TỈNH ĐỒNG NAI",
                "SỞ Y TẾ",
                "Đồng Nai, ngày 15 tháng 01 năm 2026",
                "Nơi nhận:",
                "- Như Điều 3;",
                "- Lưu: VT, VP.",
                "GIÁM ĐỐC",
                "Phan Huy Anh Vũ",
            ],
        )
        assert "KT." not in text


def test_a_deputy_chosen_from_the_agencys_signers_signs_the_decision(client, agency, office):
    AgencySignerFactory(position="Phó Giám đốc", full_name="Lê Quang Trung")
    deputy = AgencySignerFactory(position="Phó Giám đốc", full_name="Trần Thị Hạnh")
    nomination = approved("LDTT")

    decision = created(
        client, "decision", agency_signer=str(deputy.pk), nominations=[nomination.pk], date="2026-01-15"
    )

    assert (decision.signer_prefix, decision.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert (decision.signer_position, decision.signer_name) == ("PHÓ GIÁM ĐỐC", "Trần Thị Hạnh")
    assert_in_order(
        pdf_text(client.get(reverse("reports:decision-pdf", args=[decision.pk])).content),
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Hạnh"],
    )


def test_a_decision_signer_without_a_name_is_refused_at_the_name_with_the_text_kept(client, agency, office):
    nomination = approved("LDTT")
    url = reverse("council:decision-create")
    data = {**offered(client, url), **EDITED, "signer_name": "", "nominations": [nomination.pk]}
    data["date"] = "2026-01-15"

    response = client.post(url, data)

    form = response.context["form"]
    assert form.errors["signer_name"]
    assert form["place"].value() == "Hòa Bình"
    assert not Decision.objects.exists()


def test_a_revocation_prints_the_heading_it_was_given(client, agency, office):
    from tests.factories import AwardRecordFactory

    record = AwardRecordFactory()
    revoked = heading(**HOA_BINH, recipients=["Như Điều 2;", "Lưu: VT, TCCB."])

    decision = decision_revoke(
        [record], date=datetime.date(2026, 3, 2), reason="Hồ sơ không đúng", heading=revoked, by=office
    )

    for text in downloads(client, "decision", decision):
        assert_in_order(
            text, ["SỞ Y TẾ HÒA BÌNH", "Hòa Bình, ngày 02 tháng 3 năm 2026", "GIÁM ĐỐC SỞ Y TẾ HÒA BÌNH"]
        )
        assert_in_order(text, ["- Như Điều 2;", "- Lưu: VT, TCCB.", "KT. GIÁM ĐỐC", "Bùi Văn Khánh"])


def test_a_revocation_form_starts_from_the_agency_with_its_own_recipients(client, agency, office):
    form = client.get(reverse("council:decision-revoke")).context["form"]

    assert form.initial["issuer_line"] == "SỞ Y TẾ"
    assert form.initial["signer_name"] == "Phan Huy Anh Vũ"
    assert form.initial["recipients_text"] == "Như Điều 2;\nLưu: VT, VP."


def test_a_proposal_with_its_heading_edited_prints_exactly_that(client, agency, office):
    nomination = approved("BK_UBND")

    pack = created(
        client,
        "proposal",
        **heading_form(**HOA_BINH, recipients=["Như trên;", "Ban TĐKT tỉnh Hòa Bình;", "Lưu: VT, TCCB."]),
        authority="province_chair",
        year="2025",
        nominations=[nomination.pk],
    )

    for text in downloads(client, "proposal", pack):
        assert_in_order(text, ["UBND TỈNH HÒA BÌNH", "SỞ Y TẾ HÒA BÌNH", "Hòa Bình, ngày", "TỜ TRÌNH"])
        assert_in_order(
            text,
            ["- Như trên;", "- Ban TĐKT tỉnh Hòa Bình;", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Bùi Văn Khánh"],
        )
        assert "Phan Huy Anh Vũ" not in text


def test_a_proposal_left_as_offered_prints_the_agencys_header_and_default_signer(client, agency, office):
    nomination = approved("BK_UBND")

    pack = created(client, "proposal", authority="province_chair", year="2025", nominations=[nomination.pk])

    for text in downloads(client, "proposal", pack):
        assert_in_order(
            text,
            [
                "UBND TỈNH ĐỒNG NAI",
                "SỞ Y TẾ",
                "Đồng Nai, ngày",
                "- Như trên;",
                "- Lưu: VT, VP.",
                "Phan Huy Anh Vũ",
            ],
        )
