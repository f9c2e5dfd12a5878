"""The awards' documents: the disclosure notice (Thông báo công khai) as PDF, read back with pypdf."""

import datetime
import io
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from awards.services import disclosure_issue
from reports.awards_documents import disclosure_document
from tests.factories import (
    AgencyFactory,
    DisclosurePeriodFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    award,
    make_office_user,
    make_plain_user,
)
from tests.reports.readback import pdf_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    """The common agency with the full letterhead and the signer these documents print."""
    return AgencyFactory(
        name="Sở Y tế",
        governing_body="UBND tỉnh Đồng Nai",
        place_name="Đồng Nai",
        address="Số 2 Phan Đình Phùng, Biên Hòa",
        email="tdkt@soyte.dongnai.gov.vn",
        signer_name="Phan Huy Anh Vũ",
        signer_position="Giám đốc",
    )


@pytest.fixture
def period(agency):
    hospital = UnitFactory(name="Bệnh viện Đa khoa Đồng Nai")
    listed = [
        NominationFactory(
            award_type=award("CSTDCS"),
            status=status,
            year=2025,
            person=PersonFactory(full_name=name, unit=hospital, position="Điều dưỡng trưởng"),
            achievements="Hoàn thành xuất sắc nhiệm vụ; sáng kiến cải tiến quy trình tiếp đón người bệnh.",
        )
        for name, status in [("Nguyễn Thị Hồng Nhung", "verified"), ("Trần Văn Đức", "approved")]
    ]
    listed.append(
        NominationFactory(
            award_type=award("TTLDTT"),
            status="in_council",
            year=2025,
            person=None,
            unit=UnitFactory(name="Khoa Hồi sức tích cực", parent=hospital),
            proposing_unit=hospital,
        )
    )
    # Not verified yet, or of another year: never printed.
    NominationFactory(status="submitted", year=2025, person=PersonFactory(full_name="Lê Thị Chưa Duyệt"))
    NominationFactory(status="draft", year=2025, person=PersonFactory(full_name="Phạm Văn Đang Soạn"))
    NominationFactory(status="verified", year=2024, person=PersonFactory(full_name="Võ Thị Năm Trước"))
    return DisclosurePeriodFactory(
        year=2025,
        opens=datetime.date(2026, 1, 27),
        closes=datetime.date(2026, 2, 5),
        note="Đề nghị các đơn vị niêm yết thông báo tại trụ sở.",
    )


def test_the_notice_pdf_lists_the_verified_nominees_of_the_year_by_award(client, period):
    client.force_login(make_plain_user())

    response = client.get(reverse("reports:disclosure-pdf", args=[period.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_words(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND TỈNH ĐỒNG NAI" in text and "SỞ Y TẾ" in text
    assert "THÔNG BÁO" in text and "được đề nghị khen thưởng năm 2025" in text
    assert "Số: /TB-SYT" in text  # a draft: the number is left blank
    assert "Đồng Nai, ngày 27 tháng 01 năm 2026" in text
    for name in ("Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Khoa Hồi sức tích cực"):
        assert name in text
    for name in ("Lê Thị Chưa Duyệt", "Phạm Văn Đang Soạn", "Võ Thị Năm Trước"):
        assert name not in text
    assert text.index("1. Chiến sĩ thi đua cơ sở (02 cá nhân)") < text.index("Nguyễn Thị Hồng Nhung")
    assert text.index("Tập thể lao động tiên tiến (01 tập thể)") < text.index("Khoa Hồi sức tích cực")
    assert "sáng kiến cải tiến quy trình tiếp đón người bệnh" in text
    assert "từ ngày 27 tháng 01 năm 2026 đến hết ngày 05 tháng 02 năm 2026" in text
    assert "tdkt@soyte.dongnai.gov.vn" in text and "Số 2 Phan Đình Phùng, Biên Hòa" in text
    assert "Đề nghị các đơn vị niêm yết thông báo tại trụ sở." in text
    assert "GIÁM ĐỐC" in text and "Phan Huy Anh Vũ" in text


def test_an_issued_notice_prints_its_number_and_day_of_issue(client, period):
    office = make_office_user()

    assert disclosure_issue(period, by=office, day=datetime.date(2026, 1, 28)) is True
    assert disclosure_issue(period, by=office) is False  # once

    doc = disclosure_document(period)
    assert doc.number_text == "Số: 01/TB-SYT"
    assert doc.place_date_text == "Đồng Nai, ngày 28 tháng 01 năm 2026"
    client.force_login(office)
    response = client.get(reverse("reports:disclosure-pdf", args=[period.pk]))
    assert "Số: 01/TB-SYT" in pdf_words(response.content)
    assert unquote(response["Content-Disposition"]).endswith("Thông báo công khai 01-TB-SYT năm 2025.pdf")


def test_only_the_office_issues_the_notice(client, period):
    client.force_login(make_plain_user())

    response = client.post(reverse("awards:disclosure-issue", args=[period.pk]))

    assert response.status_code == 403
    period.refresh_from_db()
    assert period.number is None


def test_the_disclosure_page_offers_the_pdf_and_the_office_issues_from_it(client, period):
    office = make_office_user()
    client.force_login(office)

    page = client.get(period.get_absolute_url()).content.decode()
    assert reverse("reports:disclosure-pdf", args=[period.pk]) in page
    assert reverse("awards:disclosure-issue", args=[period.pk]) in page

    issue = reverse("awards:disclosure-issue", args=[period.pk])
    response = client.post(issue, {"confirmed": "1"}, follow=True)
    assert "01/TB-SYT" in response.content.decode()


def test_the_notice_pdf_is_behind_the_login(client, period):
    response = client.get(reverse("reports:disclosure-pdf", args=[period.pk]))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_missing_period_is_a_404(client, agency):
    client.force_login(make_plain_user())

    assert client.get(reverse("reports:disclosure-pdf", args=[999])).status_code == 404


# ---------------------------------------------------------------------------
# The proposal pack: tờ trình, minutes with the tallies, each nominee's achievement report
# ---------------------------------------------------------------------------
def report_file(nomination, name, content):
    """A report (báo cáo thành tích) in the nomination's dossier, stored as the upload service does."""
    import hashlib

    from awards.models import DossierFile

    item = DossierFile(
        nomination=nomination,
        kind="BAOCAO",
        original_name=name,
        checksum=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    item.file.save(name, ContentFile(content), save=False)
    item.save()
    return item


def real_pdf(text: str) -> bytes:
    """A real PDF with Vietnamese text, as a unit would scan or print its report."""
    from weasyprint import HTML

    return HTML(string=f'<html lang="vi"><body><p>{text}</p></body></html>').write_pdf()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes(text: str) -> bytes:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def pack(agency):
    from council.enums import Choice
    from council.services import ballot_cast, proposal_create, session_close, session_open_voting
    from tests.factories import make_council_session, make_verified_nomination

    hospital = UnitFactory(name="Bệnh viện Đa khoa Đồng Nai")
    people = {
        name: PersonFactory(full_name=name, unit=hospital, position="Bác sĩ")
        for name in ("Nguyễn Văn Hùng", "Lê Thị Ánh Tuyết", "Phạm Quốc Việt", "Đặng Thu Hằng")
    }
    nominations = {
        name: make_verified_nomination(
            "BK_UBND",
            person=person,
            achievements=f"Thành tích của {name}: chủ trì kỹ thuật can thiệp mạch vành cấp cứu.",
        )
        for name, person in people.items()
    }
    ctx = make_council_session(3, nominations=list(nominations.values()))
    session_open_voting(ctx.session, by=ctx.office)
    for nomination in nominations.values():
        for member in ctx.members:
            ballot_cast(ctx.session, nomination=nomination, member=member, choice=Choice.AGREE)
    session_close(ctx.session, by=ctx.office)
    report_file(
        nominations["Nguyễn Văn Hùng"],
        "bao-cao-hung.pdf",
        real_pdf("BÁO CÁO THÀNH TÍCH của bác sĩ Nguyễn Văn Hùng, đơn vị đính kèm bản ký."),
    )
    report_file(nominations["Lê Thị Ánh Tuyết"], "bao-cao-tuyet.png", png_bytes())
    report_file(
        nominations["Phạm Quốc Việt"], "bao-cao-viet.docx", docx_bytes("Báo cáo thành tích Phạm Quốc Việt")
    )
    proposal = proposal_create(
        authority="province_chair",
        year=2025,
        nominations=list(nominations.values()),
        session=ctx.session,
        by=ctx.office,
    )
    proposal.office = ctx.office
    return proposal


def test_the_pack_holds_the_proposal_the_minutes_and_every_nominees_report(client, pack):
    client.force_login(pack.office)

    response = client.get(reverse("reports:proposal-pdf", args=[pack.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_words(response.content)
    proposal, minutes = text.index("TỜ TRÌNH"), text.index("BIÊN BẢN")
    assert proposal < minutes
    assert "KẾT QUẢ BIỂU QUYẾT" in text and "3 3 0 100,00% Thông qua" in text
    # A PDF report is appended as it is, after the minutes.
    assert text.index("BÁO CÁO THÀNH TÍCH của bác sĩ Nguyễn Văn Hùng") > minutes
    # An image report becomes a page, captioned with its nominee.
    assert "Báo cáo thành tích — Lê Thị Ánh Tuyết" in text
    # A DOCX report cannot be printed: a page is made from the summary and names the file.
    assert "Thành tích của Phạm Quốc Việt: chủ trì kỹ thuật can thiệp mạch vành cấp cứu." in text
    assert "gửi kèm tệp riêng: bao-cao-viet.docx" in text
    # No report at all: the page is made from the achievements summary.
    assert "Thành tích của Đặng Thu Hằng: chủ trì kỹ thuật can thiệp mạch vành cấp cứu." in text
    assert "Thành tích của Nguyễn Văn Hùng" not in text  # its own report is printed instead
    pages = len(PdfReader(io.BytesIO(response.content)).pages)
    assert pages >= 2 + 4


def test_the_separate_files_are_the_docx_reports(pack):
    from reports.awards_documents import achievement_reports, proposal_separate_files

    reports = {str(r.nomination.subject): r for r in achievement_reports(pack)}

    assert [f.original_name for f in proposal_separate_files(pack)] == ["bao-cao-viet.docx"]
    assert not reports["Nguyễn Văn Hùng"].generated and not reports["Lê Thị Ánh Tuyết"].generated
    assert reports["Phạm Quốc Việt"].generated and reports["Đặng Thu Hằng"].generated


def test_the_proposal_page_lists_each_report_and_what_goes_separately(client, pack):
    client.force_login(pack.office)

    page = client.get(reverse("council:proposal-detail", args=[pack.pk])).content.decode()

    assert "bao-cao-hung.pdf" in page and "bao-cao-viet.docx" in page
    assert page.count("gửi kèm tệp riêng</span>") == 1
    assert "bộ hồ sơ in báo cáo lập từ tóm tắt thành tích" in page


def test_a_broken_pdf_report_is_sent_separately_and_a_page_is_made(pack):
    from awards.models import DossierFile
    from reports.awards_documents import proposal_pack_pdf

    item = DossierFile.objects.get(original_name="bao-cao-hung.pdf")
    item.file.save("bao-cao-hung.pdf", ContentFile(b"%PDF-1.4 not really"), save=True)

    text = pdf_words(proposal_pack_pdf(pack))

    assert "Thành tích của Nguyễn Văn Hùng: chủ trì kỹ thuật" in text
    assert "gửi kèm tệp riêng: bao-cao-hung.pdf" in text
