"""A campaign prints in the form it was launched by (plan or công văn) with its own header and
signer; the agency's settings changed afterwards do not change it; the demo of seed 002 prints the
seed's signer."""

import datetime

import pytest
from django.urls import reverse

from campaigns.demo import demo_campaigns_load
from campaigns.enums import LaunchForm
from campaigns.models import Campaign
from plans import services
from reports.campaign_documents import campaign_document
from reports.documents import render_pdf
from tests.factories import AgencyFactory, CampaignFactory, LetterFactory, make_office_user
from tests.headings import heading
from tests.reports.test_plan_documents import assert_in_order, pdf_text
from units.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory(signer_name="Nguyễn Văn Mặc Định", signer_position="Giám đốc")


def test_a_campaign_launched_by_a_letter_prints_the_letter_with_the_letters_signer(agency):
    office = make_office_user()
    letter = LetterFactory(
        authority_line="UBND TỈNH HÒA BÌNH",
        place="Hòa Bình",
        subject="phát động phong trào thi đua “Hòa Bình khỏe”",
        addressees=["Các bệnh viện", "Các trung tâm y tế"],
        signer_name="Bùi Văn Khánh",
    )
    for _ in range(14):
        services.letter_issue(LetterFactory(), by=office, issue_date=datetime.date(2026, 3, 1))
    services.letter_issue(letter, by=office, issue_date=datetime.date(2026, 3, 5))
    campaign = CampaignFactory(launched_by=LaunchForm.LETTER, letter=letter)

    text = pdf_text(render_pdf(campaign_document(campaign)))

    assert_in_order(
        text,
        [
            "UBND TỈNH HÒA BÌNH",
            "Số: 15/SYT-TCCB",
            "V/v phát động phong trào thi đua “Hòa Bình khỏe”",
            "Hòa Bình, ngày 05 tháng 3 năm 2026",
            "Kính gửi:",
            "- Các bệnh viện;",
            "- Các trung tâm y tế.",
            "Nơi nhận:",
            "KT. GIÁM ĐỐC",
            "Bùi Văn Khánh",
        ],
    )
    assert "KẾ HOẠCH" not in text and "Nguyễn Văn Mặc Định" not in text and "Đồng Nai" not in text


def test_a_campaign_launched_by_a_letter_not_written_here_prints_as_a_letter_of_its_own_data(agency):
    campaign = CampaignFactory(
        name="Thi đua chuyển đổi số",
        launched_by=LaunchForm.LETTER,
        document_number="40/SYT-VP",
        document_date=datetime.date(2026, 2, 10),
        **agency.heading_defaults(),
    )

    doc = campaign_document(campaign)

    assert (doc.doc_type, doc.number_text) == ("", "Số: 40/SYT-VP")
    assert doc.subject_line == "V/v phát động phong trào thi đua “Thi đua chuyển đổi số”"
    assert doc.addressees
    assert doc.signer_name == "Nguyễn Văn Mặc Định"


def test_a_campaign_keeps_its_own_signer_place_and_recipients_when_the_agency_changes(agency):
    campaign = CampaignFactory(
        **heading(
            place="Biên Hòa", signer_name="Võ Thị Ngọc Lắm", recipients=["Ban Giám đốc Sở;", "Lưu: VT, VP."]
        ),
        document_date=datetime.date(2024, 7, 1),
    )
    Agency.objects.update(signer_name="Người Mới", place_name="Hà Nam")

    doc = campaign_document(campaign)

    assert doc.place_date_text.startswith("Biên Hòa, ngày")
    assert (doc.signer_prefix_line, doc.signer_position_lines, doc.signer_name) == (
        "KT. GIÁM ĐỐC",
        ["PHÓ GIÁM ĐỐC"],
        "Võ Thị Ngọc Lắm",
    )
    assert doc.recipients == ["Ban Giám đốc Sở;", "Lưu: VT, VP."]


def test_seed_002_demo_prints_the_seeds_deputy_signer_not_the_agency_default(agency):
    demo_campaigns_load(year=2026)
    campaign = Campaign.objects.get()

    doc = campaign_document(campaign)

    assert (doc.signer_prefix_line, doc.signer_name) == ("KT. GIÁM ĐỐC", "Võ Thị Ngọc Lắm")


def test_launch_form_is_chosen_on_the_create_page_and_the_header_starts_from_the_agency(client, agency):
    office = make_office_user()
    client.force_login(office)
    page = client.get(reverse("campaigns:create"))
    form = page.context["form"]
    assert form.initial["signer_name"] == "Nguyễn Văn Mặc Định"
    letter = LetterFactory()

    data = {
        "name": "Thi đua an toàn người bệnh",
        "kind": "thematic",
        "launched_by": "letter",
        "letter": str(letter.pk),
        "start_date": "2026-03-01",
        "authority_line": "UBND TỈNH ĐỒNG NAI",
        "issuer_line": "SỞ Y TẾ",
        "place": "Đồng Nai",
        "signer_position": "GIÁM ĐỐC",
        "signer_name": "",
        "recipients_text": "Lưu: VT, VP.",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "duties-TOTAL_FORMS": "0",
        "duties-INITIAL_FORMS": "0",
    }
    refused = client.post(reverse("campaigns:create"), data)
    assert "họ tên người ký" in " ".join(refused.context["form"].errors["signer_name"])
    assert refused.context["form"]["name"].value() == "Thi đua an toàn người bệnh"

    data["signer_name"] = "Nguyễn Văn Mặc Định"
    client.post(reverse("campaigns:create"), data)

    campaign = Campaign.objects.get()
    assert (campaign.launched_by, campaign.letter) == ("letter", letter)
    assert campaign.recipients == ["Lưu: VT, VP."]
