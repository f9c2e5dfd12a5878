"""Each document prints its own header, place, signer and recipients, exactly as set, whatever the
agency's settings become; a new one starts from the agency's settings."""

import pytest
from django.urls import reverse

from awards.models import DisclosurePeriod
from reports.awards_documents import disclosure_document
from reports.documents import render_pdf
from tests.factories import AgencyFactory, DisclosurePeriodFactory, make_office_user
from tests.headings import heading_form
from tests.reports.test_plan_documents import assert_in_order, pdf_text
from units.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory(
        letterhead="UBND TỈNH ĐỒNG NAI\nSỞ Y TẾ", signer_name="Phan Huy Anh Vũ", signer_position="Giám đốc"
    )


def test_a_notice_prints_its_own_signer_place_and_recipients_after_the_agency_changes(agency):
    period = DisclosurePeriodFactory(
        authority_line="SỞ Y TẾ ĐỒNG NAI",
        issuer_line="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        place="Biên Hòa",
        signer_prefix="TM.",
        signer_prefix_title="HỘI ĐỒNG",
        signer_position="CHỦ TỊCH",
        signer_name="Võ Thị Ngọc Lắm",
        recipients=["Các đơn vị trực thuộc;", "Lưu: VT, HĐTĐKT."],
    )
    Agency.objects.update(signer_name="Người Khác", place_name="Hà Nam", letterhead="")

    text = pdf_text(render_pdf(disclosure_document(period)))

    assert_in_order(
        text,
        [
            "SỞ Y TẾ ĐỒNG NAI",
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
            "Biên Hòa, ngày",
            "Nơi nhận:",
            "- Các đơn vị trực thuộc;",
            "- Lưu: VT, HĐTĐKT.",
            "TM. HỘI ĐỒNG",
            "CHỦ TỊCH",
            "Võ Thị Ngọc Lắm",
        ],
    )
    assert "Người Khác" not in text and "Hà Nam" not in text


def test_a_new_notice_starts_from_the_agency_and_saves_what_the_office_typed(client, agency):
    client.force_login(make_office_user())

    form = client.get(reverse("awards:disclosure-create")).context["form"]
    response = client.post(
        reverse("awards:disclosure-create"),
        {
            "year": "2025",
            "opens": "2026-01-05",
            "closes": "2026-01-15",
            "note": "",
            **heading_form(recipients=["Các đơn vị trực thuộc;", "Lưu: VT, VP."]),
        },
    )

    assert form.initial["signer_name"] == "Phan Huy Anh Vũ"
    assert "Lưu: VT, VP." in form.initial["recipients_text"]
    assert response.status_code == 302
    period = DisclosurePeriod.objects.get()
    assert (period.signer_prefix, period.signer_name) == ("KT.", "Lê Quang Trung")
    assert period.recipients == ["Các đơn vị trực thuộc;", "Lưu: VT, VP."]


def test_a_notice_signer_without_a_name_is_refused_at_the_name(client, agency):
    client.force_login(make_office_user())

    response = client.post(
        reverse("awards:disclosure-create"),
        {"year": "2025", "opens": "2026-01-05", "closes": "2026-01-15", "signer_position": "GIÁM ĐỐC"},
    )

    form = response.context["form"]
    assert "họ tên người ký" in " ".join(form.errors["signer_name"])
    assert form["signer_position"].value() == "GIÁM ĐỐC"
    assert not DisclosurePeriod.objects.exists()
