"""Every download of an issued document serves the file stored at issuance, byte for byte, as PDF
and as DOCX, for every kind; the agency's details changing afterwards changes nothing. The HTML
preview of an issued summary report shows the stored PDF, not today's data."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from awards.services import disclosure_issue
from campaigns.enums import CampaignStatus
from campaigns.services import campaign_transition
from council.services import (
    decision_issue,
    proposal_create,
    proposal_mark_sent,
    session_close,
    session_open_voting,
)
from plans import services as plan_services
from reports import services as report_services
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    DisclosurePeriodFactory,
    LetterFactory,
    NominationFactory,
    PlanFactory,
    PlanTaskFactory,
    award,
    make_council_session,
    make_office_user,
    make_verified_nomination,
)
from units.documents import issued_document_for, sha256
from units.enums import IssuedKind
from units.models import Agency

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 2, 3)


def issue_plan(office):
    plan = PlanFactory(year=2026, title="Kế hoạch công tác thi đua, khen thưởng năm 2026")
    PlanTaskFactory(plan=plan, content="Tổ chức hội nghị phát động thi đua")
    plan_services.plan_issue(plan, by=office, issue_date=DAY)
    return plan


def issue_letter(office):
    letter = LetterFactory(addressees=["Các đơn vị trực thuộc"], signer_name="Bùi Văn Cường")
    plan_services.letter_issue(letter, by=office, issue_date=DAY)
    return letter


def launch_campaign(office):
    campaign = CampaignFactory(draft=True, document_number="125/KH-SYT", document_date=DAY)
    campaign_transition(campaign, to=CampaignStatus.LAUNCHED, by=office)
    return campaign


def issue_decision(office):
    return decision_issue(
        [NominationFactory(status="approved", award_type=award("LDTT"))],
        date=DAY,
        signer_name="Lê Quang Trung",
        signer_position="Giám đốc",
        by=office,
    )


def issue_notice(office):
    NominationFactory(award_type=award("CSTDCS"), status="verified", year=2025)
    period = DisclosurePeriodFactory(
        year=2025, opens=datetime.date(2026, 1, 27), closes=datetime.date(2026, 2, 5)
    )
    disclosure_issue(period, by=office, day=datetime.date(2026, 1, 28))
    return period


def close_session(office):
    ctx = make_council_session(3, office=office, nominations=[make_verified_nomination("LDTT")])
    session_open_voting(ctx.session, by=office)
    session_close(ctx.session, by=office)
    return ctx.session


def send_proposal(office):
    pack = proposal_create(
        authority="province_chair",
        year=2025,
        nominations=[NominationFactory(award_type=award("CSTD_TINH"), status="approved")],
        by=office,
    )
    proposal_mark_sent(pack, sent_on=DAY, by=office)
    return pack


def issue_summary(office):
    report = report_services.summary_report_create(
        year=2026, kind="half_year", by=office, today=datetime.date(2026, 6, 20)
    )
    report_services.summary_report_issue(report, by=office, issue_date=datetime.date(2026, 6, 25))
    return report


KINDS = {
    IssuedKind.PLAN: (issue_plan, "reports:plan-pdf", "reports:plan-docx"),
    IssuedKind.LETTER: (issue_letter, "reports:letter-pdf", "reports:letter-docx"),
    IssuedKind.CAMPAIGN: (launch_campaign, "reports:campaign-pdf", "reports:campaign-docx"),
    IssuedKind.DECISION: (issue_decision, "reports:decision-pdf", "reports:decision-docx"),
    IssuedKind.DISCLOSURE: (issue_notice, "reports:disclosure-pdf", "reports:disclosure-docx"),
    IssuedKind.MINUTES: (close_session, "reports:council-minutes-pdf", "reports:council-minutes-docx"),
    IssuedKind.PROPOSAL: (send_proposal, "reports:proposal-pdf", "reports:proposal-docx"),
    IssuedKind.SUMMARY: (issue_summary, "reports:summary-pdf", "reports:summary-docx"),
}


@pytest.fixture
def office(client):
    AgencyFactory(name="Sở Y tế tỉnh Đồng Nai", signer_name="Lê Quang Trung")
    user = make_office_user()
    client.force_login(user)
    return user


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_issued_document_downloads_as_stored_after_the_agency_changes(client, office, kind):
    issue, pdf_url, docx_url = KINDS[kind]
    obj = issue(office)
    stored = issued_document_for(obj, kind=kind)
    assert stored is not None, f"issuing stored no {kind} document"

    Agency.objects.update(name="Sở Y tế tỉnh Phú Thọ", signer_name="Người Khác", place_name="Phú Thọ")
    pdf = client.get(reverse(pdf_url, args=[obj.pk]))
    docx = client.get(reverse(docx_url, args=[obj.pk]))

    assert pdf.status_code == 200 and docx.status_code == 200
    assert sha256(pdf.content) == stored.pdf_sha256 == pdf["X-Document-SHA256"]
    assert sha256(docx.content) == stored.docx_sha256 == docx["X-Document-SHA256"]
    assert pdf["Content-Disposition"].startswith("inline")
    assert docx["Content-Disposition"].startswith("attachment")


def test_the_preview_of_an_issued_summary_report_shows_the_stored_pdf_not_todays_data(client, office):
    report = report_services.summary_report_create(
        year=2026, kind="half_year", by=office, today=datetime.date(2026, 6, 20)
    )
    report_services.summary_report_update(
        report, by=office, fields={"shortcomings": "Một số đơn vị gửi báo cáo chậm."}
    )
    draft = client.get(reverse("reports:summary-preview", args=[report.pk]))
    report_services.summary_report_issue(report, by=office, issue_date=datetime.date(2026, 6, 25))
    stored = issued_document_for(report, kind=IssuedKind.SUMMARY)
    type(report).objects.filter(pk=report.pk).update(shortcomings="Nội dung sửa sau khi ban hành.")

    issued = client.get(reverse("reports:summary-preview", args=[report.pk]))

    assert draft["Content-Type"].startswith("text/html")
    assert "Một số đơn vị gửi báo cáo chậm." in draft.content.decode()
    assert issued.status_code == 200 and issued["Content-Type"] == "application/pdf"
    assert sha256(issued.content) == stored.pdf_sha256
    text = " ".join(
        " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(issued.content)).pages).split()
    )
    assert "Một số đơn vị gửi báo cáo chậm." in text and "sửa sau khi ban hành" not in text


def test_the_page_of_an_issued_summary_report_names_its_preview_the_issued_document(client, office):
    report = issue_summary(office)

    page = client.get(report.get_absolute_url()).content.decode()

    assert "Xem văn bản đã ban hành" in page and "Xem trước" not in page


def test_the_command_stores_every_kind_issued_before_the_register_under_its_number(office):
    from django.core.management import call_command

    from units.models import IssuedDocument

    # Letters came with the register: none was issued before it.
    kinds = [kind for kind in KINDS if kind != IssuedKind.LETTER]
    objects = {kind: KINDS[kind][0](office) for kind in kinds}
    expected = {}
    for kind, obj in objects.items():
        document = issued_document_for(obj, kind=kind)
        expected[kind] = (document.number_label, document.issued_on, document.subject)
    IssuedDocument._base_manager.all().delete()  # as before the register existed, past its guard
    out = io.StringIO()

    call_command("store_issued_documents", stdout=out)

    stored = {kind: issued_document_for(obj, kind=kind) for kind, obj in objects.items()}
    assert {kind: (doc.number_label, doc.issued_on, doc.subject) for kind, doc in stored.items()} == expected
    assert out.getvalue().strip() == f"stored {len(expected)} issued documents"
