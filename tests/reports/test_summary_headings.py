"""A summary report prints its own header, place, signer and recipients exactly as edited on its
page, in the PDF and the DOCX; a new one prints the agency's header and default signer."""

import pytest
from django.urls import reverse

from reports import services
from reports.models import SummaryReport
from reports.services import NARRATIVE_FIELDS
from tests.factories import AgencyFactory, AgencySignerFactory, make_office_user
from tests.reports.test_plan_documents import assert_in_order, docx_text, pdf_text
from units.models import Agency

pytestmark = pytest.mark.django_db


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


def edit_page_data(client, report: SummaryReport, **changes) -> dict:
    form = client.get(reverse("reports:summary-edit", args=[report.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "agency_signer"}
    return {**data, **changes}


def downloads(client, report) -> list[str]:
    pdf = client.get(reverse("reports:summary-pdf", args=[report.pk]))
    docx = client.get(reverse("reports:summary-docx", args=[report.pk]))
    assert pdf.status_code == 200 and docx.status_code == 200
    return [pdf_text(pdf.content), docx_text(docx.content)]


def test_a_report_with_its_heading_edited_prints_exactly_that(client, agency, office):
    report = services.summary_report_create(year=2026, kind="half_year", by=office)
    data = edit_page_data(
        client,
        report,
        authority_line="UBND TỈNH HÒA BÌNH",
        issuer_line="SỞ Y TẾ HÒA BÌNH",
        place="Hòa Bình",
        signer_prefix="KT.",
        signer_prefix_title="GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC",
        signer_name="Bùi Văn Khánh",
        recipients_text="Ban TĐKT tỉnh Hòa Bình;\nLưu: VT, TCCB.",
    )

    response = client.post(reverse("reports:summary-edit", args=[report.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    report.refresh_from_db()
    assert report.recipients == ["Ban TĐKT tỉnh Hòa Bình;", "Lưu: VT, TCCB."]
    Agency.objects.update(signer_name="Người Khác", place_name="Hà Nam", letterhead="")
    for text in downloads(client, report):
        assert_in_order(text, ["UBND TỈNH HÒA BÌNH", "SỞ Y TẾ HÒA BÌNH", "Hòa Bình, ngày", "BÁO CÁO"])
        assert_in_order(
            text,
            [
                "Nơi nhận:",
                "- Ban TĐKT tỉnh Hòa Bình;",
                "- Lưu: VT, TCCB.",
                "KT. GIÁM ĐỐC",
                "PHÓ GIÁM ĐỐC",
                "Bùi Văn Khánh",
            ],
        )
        assert "Phan Huy Anh Vũ" not in text and "Người Khác" not in text


def test_a_new_report_prints_the_agencys_header_and_default_signer(client, agency, office):
    report = services.summary_report_create(year=2026, kind="year_end", by=office)

    for text in downloads(client, report):
        assert_in_order(
            text,
            [
                "UBND TỈNH ĐỒNG NAI",
                "SỞ Y TẾ",
                "Đồng Nai, ngày",
                "Nơi nhận:",
                "- Ban Thi đua - Khen thưởng tỉnh;",
                "- Lưu: VT, VP.",
                "GIÁM ĐỐC",
                "Phan Huy Anh Vũ",
            ],
        )
        assert "KT." not in text


def test_a_deputy_chosen_on_the_edit_page_signs_the_report(client, agency, office):
    deputy = AgencySignerFactory(position="Phó Giám đốc", full_name="Trần Thị Hạnh")
    report = services.summary_report_create(year=2026, kind="half_year", by=office)
    data = edit_page_data(client, report, agency_signer=str(deputy.pk))

    response = client.post(reverse("reports:summary-edit", args=[report.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    report.refresh_from_db()
    assert (report.signer_prefix, report.signer_prefix_title) == ("KT.", "GIÁM ĐỐC")
    assert (report.signer_position, report.signer_name) == ("PHÓ GIÁM ĐỐC", "Trần Thị Hạnh")
    assert all(getattr(report, name) == "" for name in NARRATIVE_FIELDS)
