"""Issued documents: rendered once at issuance, stored with their hashes, signed when a certificate
is configured, served byte for byte ever after, listed in the register and checked by anyone."""

import datetime
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.models import Nomination
from awards.services import disclosure_issue
from campaigns.enums import CampaignStatus
from campaigns.services import campaign_transition
from council.services import (
    decision_issue,
    decision_revoke,
    proposal_create,
    proposal_mark_sent,
    session_close,
    session_open_voting,
)
from plans import services as plan_services
from reports.services import summary_report_create, summary_report_issue
from tests.certificates import make_pkcs12
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    DisclosurePeriodFactory,
    NominationFactory,
    PersonFactory,
    PlanFactory,
    PlanTaskFactory,
    UnitFactory,
    award,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)
from units.documents import issued_document_for, sha256
from units.enums import IssuedKind
from units.models import IssuedDocument
from units.refusals import Refused
from units.signing import check_pdf_signature

pytestmark = pytest.mark.django_db

SIGNER = {"signer_name": "Lê Quang Trung", "signer_position": "Giám đốc"}
PASSWORD = "thu-nghiem"


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return text.replace("\xa0", " ")  # words of a header are bound by no-break spaces


def stored_bytes(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def certificate(settings, tmp_path):
    """A throw-away CA and the agency's signing certificate, configured for this test."""
    path = make_pkcs12(tmp_path / "ca", password=PASSWORD)
    settings.SIGNING_PKCS12_PATH = str(path)
    settings.SIGNING_PKCS12_PASSWORD = PASSWORD
    return path


@pytest.fixture
def notice():
    """A disclosure period of 2025 with two verified nominees, not issued yet."""
    AgencyFactory()
    unit = UnitFactory(name="Bệnh viện Đa khoa Đồng Nai")
    for name in ("Nguyễn Thị Hồng Nhung", "Trần Văn Đức"):
        NominationFactory(
            award_type=award("CSTDCS"),
            status="verified",
            year=2025,
            person=PersonFactory(full_name=name, unit=unit),
        )
    return DisclosurePeriodFactory(
        year=2025, opens=datetime.date(2026, 1, 27), closes=datetime.date(2026, 2, 5)
    )


def _download(client, name, pk) -> bytes:
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return response.content


# ---------------------------------------------------------------------------
# Storing at issuance, every kind
# ---------------------------------------------------------------------------
def assert_stored(document: IssuedDocument, *, kind: str, docx: bool = True):
    assert document.kind == kind
    pdf = stored_bytes(document.pdf)
    assert pdf.startswith(b"%PDF-") and document.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert document.pdf.name.startswith(f"issued/{document.year}/{kind}/")
    if docx:
        content = stored_bytes(document.docx)
        assert content.startswith(b"PK") and document.docx_sha256 == hashlib.sha256(content).hexdigest()
    assert document.snapshot["document"]["title"]
    assert document.signed is False and document.signature == {}


def test_issuing_a_plan_stores_its_pdf_docx_hashes_and_snapshot():
    AgencyFactory()
    office = make_office_user()
    plan = PlanFactory(year=2026, title="Kế hoạch công tác thi đua, khen thưởng năm 2026")
    PlanTaskFactory(plan=plan, content="Tổ chức hội nghị phát động thi đua")

    plan_services.plan_issue(plan, by=office, issue_date=datetime.date(2026, 2, 3))

    document = issued_document_for(plan, kind=IssuedKind.PLAN)
    assert_stored(document, kind=IssuedKind.PLAN)
    assert document.number_label == f"01/{plan.symbol}" and document.issued_on == datetime.date(2026, 2, 3)
    assert document.subject == plan.title and document.issued_by == office
    assert "Tổ chức hội nghị phát động thi đua" in pdf_text(stored_bytes(document.pdf))


def test_a_new_version_of_an_issued_plan_cites_the_one_it_replaces():
    AgencyFactory()
    office = make_office_user()
    old = PlanFactory(year=2026)
    plan_services.plan_issue(old, by=office, issue_date=datetime.date(2026, 1, 5))
    new = plan_services.plan_new_version(old, by=office)

    plan_services.plan_issue(new, by=office, issue_date=datetime.date(2026, 3, 5))

    assert issued_document_for(new, kind=IssuedKind.PLAN).cites == issued_document_for(
        old, kind=IssuedKind.PLAN
    )


def test_issuing_the_notice_the_decision_and_its_revocation_stores_each_and_the_revocation_cites(notice):
    office = make_office_user()
    disclosure_issue(notice, by=office, day=datetime.date(2026, 1, 28))
    decision = decision_issue(
        [NominationFactory(status="approved", award_type=award("LDTT"))],
        date=datetime.date(2026, 2, 10),
        by=office,
        **SIGNER,
    )
    revocation = decision_revoke(
        [decision.items.get().award_record],
        date=datetime.date(2026, 3, 1),
        reason="Khai man thành tích",
        by=office,
        **SIGNER,
    )

    assert_stored(issued_document_for(notice), kind=IssuedKind.DISCLOSURE)
    granted = issued_document_for(decision)
    assert_stored(granted, kind=IssuedKind.DECISION)
    assert granted.number_label == decision.number_label and "Lê Quang Trung" in granted.signer
    revoking = issued_document_for(revocation)
    assert revoking.cites == granted and revoking.number_label == revocation.number_label


def test_closing_a_session_and_sending_a_proposal_store_the_minutes_and_the_pack():
    AgencyFactory()
    nomination = make_verified_nomination("LDTT")
    ctx = make_council_session(3, nominations=[nomination])
    session_open_voting(ctx.session, by=ctx.office)
    session_close(ctx.session, by=ctx.office)
    pack = proposal_create(
        authority="province_chair",
        year=2025,
        nominations=[NominationFactory(award_type=award("CSTD_TINH"), status="approved")],
        by=ctx.office,
    )
    proposal_mark_sent(pack, sent_on=datetime.date(2026, 1, 20), by=ctx.office)

    assert_stored(issued_document_for(ctx.session), kind=IssuedKind.MINUTES)
    assert_stored(issued_document_for(pack), kind=IssuedKind.PROPOSAL)
    assert issued_document_for(pack).number_label == "01/TTr-SYT"


def test_issuing_a_summary_report_and_launching_a_campaign_store_both():
    AgencyFactory()
    office = make_office_user()
    report = summary_report_create(year=2026, kind="half_year", by=office, today=datetime.date(2026, 6, 20))
    summary_report_issue(report, by=office, issue_date=datetime.date(2026, 6, 25))
    campaign = CampaignFactory(
        draft=True, document_number="125/KH-SYT", document_date=datetime.date(2026, 1, 15)
    )
    campaign_transition(campaign, to=CampaignStatus.LAUNCHED, by=office)

    assert_stored(issued_document_for(report), kind=IssuedKind.SUMMARY)
    launched = issued_document_for(campaign)
    assert_stored(launched, kind=IssuedKind.CAMPAIGN)
    assert launched.number_label == "125/KH-SYT" and launched.issued_on == datetime.date(2026, 1, 15)


def test_an_issued_document_cannot_be_changed_or_deleted(notice):
    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    document = issued_document_for(notice)

    document.subject = "Đã sửa"
    with pytest.raises(Refused):
        document.save()
    with pytest.raises(Refused):
        document.delete()
    with pytest.raises(Refused):
        IssuedDocument.objects.filter(pk=document.pk).delete()
    assert IssuedDocument.objects.get(pk=document.pk).subject != "Đã sửa"


def test_a_new_row_given_an_issued_documents_id_cannot_overwrite_it(notice):
    from django.db import IntegrityError, transaction

    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    document = issued_document_for(notice)
    impostor = IssuedDocument.objects.get(pk=document.pk)
    impostor._state.adding = True
    impostor.subject = "Đã sửa"

    with pytest.raises(IntegrityError), transaction.atomic():
        impostor.save()

    assert IssuedDocument.objects.get(pk=document.pk).subject == document.subject


def test_the_admin_site_only_reads_the_register(admin_client, notice):
    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    document = issued_document_for(notice)
    change = reverse("admin:units_issueddocument_change", args=[document.pk])

    assert admin_client.get(change).status_code == 200
    assert admin_client.post(change, {"subject": "Đã sửa"}).status_code == 403
    assert (
        admin_client.get(reverse("admin:units_issueddocument_delete", args=[document.pk])).status_code == 403
    )
    assert admin_client.get(reverse("admin:units_issueddocument_add")).status_code == 403
    assert IssuedDocument.objects.get(pk=document.pk).subject == document.subject


# ---------------------------------------------------------------------------
# Downloads serve the stored file
# ---------------------------------------------------------------------------
def test_a_notice_issued_then_its_data_changed_downloads_byte_identical(client, notice):
    office = make_office_user()
    client.force_login(office)
    disclosure_issue(notice, by=office, day=datetime.date(2026, 1, 28))
    first = _download(client, "reports:disclosure-pdf", notice.pk)

    rejected = Nomination.objects.get(person__full_name="Trần Văn Đức")
    Nomination.objects.filter(pk=rejected.pk).update(status="rejected")
    person = Nomination.objects.get(person__full_name="Nguyễn Thị Hồng Nhung").person
    person.full_name = "Nguyễn Thị Hồng Nhung Mới"
    person.save()
    from reports.awards_documents import disclosure_document
    from reports.documents import render_pdf

    fresh = " ".join(pdf_text(render_pdf(disclosure_document(notice))).split())
    assert "Trần Văn Đức" not in fresh and "Hồng Nhung Mới" in fresh  # the data did change

    again = _download(client, "reports:disclosure-pdf", notice.pk)
    assert again == first
    assert sha256(again) == issued_document_for(notice).pdf_sha256
    text = " ".join(pdf_text(again).split())
    assert "Trần Văn Đức" in text and "Hồng Nhung Mới" not in text


def test_an_issued_decision_downloads_as_stored_after_the_signer_text_changes(client):
    office = make_office_user()
    client.force_login(office)
    decision = decision_issue(
        [NominationFactory(status="approved", award_type=award("LDTT"))],
        date=datetime.date(2026, 2, 10),
        by=office,
        **SIGNER,
    )
    pdf, docx = (
        _download(client, name, decision.pk) for name in ("reports:decision-pdf", "reports:decision-docx")
    )
    type(decision).objects.filter(pk=decision.pk).update(signer_name="Người Khác")

    assert _download(client, "reports:decision-pdf", decision.pk) == pdf
    assert _download(client, "reports:decision-docx", decision.pk) == docx
    assert sha256(docx) == issued_document_for(decision).docx_sha256


def test_a_draft_is_rendered_on_request(client):
    AgencyFactory()
    office = make_office_user()
    client.force_login(office)
    plan = PlanFactory(year=2026, title="Kế hoạch dự thảo")

    response = client.get(reverse("reports:plan-pdf", args=[plan.pk]))

    assert response.status_code == 200 and "X-Document-SHA256" not in response
    assert IssuedDocument.objects.count() == 0


# ---------------------------------------------------------------------------
# Signing and checking
# ---------------------------------------------------------------------------
def tampered(content: bytes) -> bytes:
    """One byte changed inside the first stream of the signed file, its length unchanged."""
    data = bytearray(content)
    start = data.index(b"stream") + 40
    data[start] ^= 0x01
    return bytes(data)


def test_with_a_certificate_the_issued_pdf_is_signed_and_verifies_and_a_tampered_copy_fails(
    certificate, notice
):
    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    document = issued_document_for(notice)
    pdf = stored_bytes(document.pdf)

    assert document.signed is True and document.signature["fingerprint"]
    reader = PdfReader(io.BytesIO(pdf))
    fields = reader.get_fields() or {}
    assert any(field.get("/FT") == "/Sig" for field in fields.values())
    check = check_pdf_signature(pdf)
    assert check.signed and check.intact and check.by_agency and check.valid
    assert check.signing_time is not None

    broken = check_pdf_signature(tampered(pdf))
    assert broken.signed and not broken.valid and not broken.intact


def test_a_signature_by_another_certificate_is_not_the_agencys(certificate, notice, settings, tmp_path):
    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    pdf = stored_bytes(issued_document_for(notice).pdf)
    settings.SIGNING_PKCS12_PATH = str(make_pkcs12(tmp_path / "other", password=PASSWORD))

    check = check_pdf_signature(pdf)

    assert check.intact and not check.by_agency and not check.valid


def test_without_a_certificate_documents_are_issued_unsigned_and_the_register_says_so(
    client, notice, settings
):
    settings.SIGNING_PKCS12_PATH = ""
    office = make_office_user()
    disclosure_issue(notice, by=office, day=datetime.date(2026, 1, 28))
    client.force_login(office)

    page = client.get(reverse("units:issued-register"), {"year": 2026}).content.decode()

    assert issued_document_for(notice).signed is False
    assert "Chưa ký số" in page and "01/TB-SYT" in page


# ---------------------------------------------------------------------------
# The public check
# ---------------------------------------------------------------------------
def _upload(content: bytes, name="van-ban.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _verify(client, content: bytes, name="van-ban.pdf"):
    return client.post(reverse("verify-document"), {"file": _upload(content, name)})


def test_the_verify_page_answers_for_an_issued_an_unknown_and_a_tampered_pdf(client, certificate, notice):
    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    pdf = stored_bytes(issued_document_for(notice).pdf)

    issued = _verify(client, pdf).content.decode()
    assert 'id="verify-issued"' in issued and "01/TB-SYT" in issued and "28/01/2026" in issued
    assert 'id="verify-signature-valid"' in issued

    from tests.factories import make_pdf_bytes

    unknown = _verify(client, make_pdf_bytes()).content.decode()
    assert "Không phải văn bản do hệ thống ban hành." in unknown and 'id="verify-unsigned"' in unknown

    broken = _verify(client, tampered(pdf)).content.decode()
    assert "Không phải văn bản do hệ thống ban hành." in broken
    assert 'id="verify-signature-invalid"' in broken and "đã bị thay đổi sau khi ký" in broken


def test_the_verify_page_needs_no_login_and_refuses_a_file_that_is_not_a_pdf(client):
    assert client.get(reverse("verify-document")).status_code == 200

    response = _verify(client, b"PK\x03\x04 not a pdf", name="van-ban.pdf")

    assert response.status_code == 200
    assert 'id="verify-result"' not in response.content.decode()
    assert response.context["form"].errors["file"]


# A cross-reference table whose trailer points at an object it does not hold: the reader trips.
BROKEN_PDF = (
    b"%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer << /Size 1 /Root 1 0 R >>\nstartxref\n9\n%%EOF"
)


def test_the_verify_page_answers_a_damaged_pdf_and_stores_nothing(client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")

    response = _verify(client, BROKEN_PDF)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="verify-unknown"' in page and 'id="verify-unsigned"' in page
    assert not IssuedDocument.objects.exists()
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*"))


def test_the_verify_page_refuses_a_pdf_past_the_upload_limit(client, settings):
    from tests.factories import make_pdf_bytes

    content = make_pdf_bytes()
    settings.UPLOAD_MAX_BYTES = len(content) - 1

    response = _verify(client, content)

    assert 'id="verify-result"' not in response.content.decode()
    assert response.context["form"].errors["file"][0].startswith("Tệp quá lớn")


def test_past_the_rate_one_address_is_refused_without_reading_the_file_and_another_still_checks(
    client, settings
):
    from tests.factories import make_pdf_bytes

    settings.VERIFY_RATE = "2/h"
    settings.TRUSTED_PROXY_COUNT = 1
    pdf = make_pdf_bytes()
    here = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(2):
        assert client.post(reverse("verify-document"), {"file": _upload(pdf)}, **here).status_code == 200

    refused = client.post(reverse("verify-document"), {"file": _upload(pdf)}, **here)
    elsewhere = client.post(
        reverse("verify-document"),
        {"file": _upload(pdf)},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )

    assert refused.status_code == 429
    page = refused.content.decode()
    assert 'id="verify-limited"' in page and "thử lại sau ít phút" in page
    assert 'id="verify-result"' not in page
    assert elsewhere.status_code == 200 and 'id="verify-result"' in elsewhere.content.decode()


def test_a_forwarded_entry_that_is_not_an_address_falls_back_to_the_peer(client, settings):
    from tests.factories import make_pdf_bytes

    settings.TRUSTED_PROXY_COUNT = 1

    response = client.post(
        reverse("verify-document"),
        {"file": _upload(make_pdf_bytes())},
        REMOTE_ADDR="",
        HTTP_X_FORWARDED_FOR="not-an-address",
    )

    assert response.status_code == 200


# ---------------------------------------------------------------------------
# The register and its export; who may reach the files
# ---------------------------------------------------------------------------
def test_the_register_lists_the_year_and_exports_it_to_xlsx(client, notice):
    office = make_office_user()
    disclosure_issue(notice, by=office, day=datetime.date(2026, 1, 28))
    document = issued_document_for(notice)
    client.force_login(office)

    page = client.get(reverse("units:issued-register"), {"year": 2026}).content.decode()
    assert document.pdf_sha256 in page and document.subject in page
    assert reverse("units:issued-download", args=[document.pk, "pdf"]) in page
    assert "01/TB-SYT" not in client.get(reverse("units:issued-register"), {"year": 2025}).content.decode()

    download = client.get(reverse("units:issued-download", args=[document.pk, "pdf"]))
    assert download.content == stored_bytes(document.pdf)
    assert download["X-Document-SHA256"] == document.pdf_sha256
    assert "no-store" in download["Cache-Control"] and download["X-Content-Type-Options"] == "nosniff"

    decisions = client.get(reverse("units:issued-register"), {"year": 2026, "kind": IssuedKind.DECISION})
    assert "01/TB-SYT" not in decisions.content.decode() and decisions.context["kind"] == IssuedKind.DECISION
    unknown_kind = client.get(reverse("units:issued-register"), {"year": 2026, "kind": "khac"})
    assert "01/TB-SYT" in unknown_kind.content.decode() and unknown_kind.context["kind"] == ""

    response = client.get(reverse("reports:export", args=["issued-documents"]), {"year": 2026})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Số, ký hiệu", "Loại văn bản", "Ngày ban hành")
    assert rows[1][0] == "01/TB-SYT" and rows[1][1] == "Thông báo công khai"
    assert rows[1][2] == datetime.datetime(2026, 1, 28) and rows[1][6] == document.pdf_sha256
    assert rows[1][8] == "Không"


def test_unit_heads_cannot_reach_the_register_or_another_units_issued_files(client):
    AgencyFactory()
    office = make_office_user()
    unit_a, unit_b = UnitFactory(), UnitFactory()
    decision = decision_issue(
        [NominationFactory(status="approved", award_type=award("LDTT"), person=PersonFactory(unit=unit_a))],
        date=datetime.date(2026, 2, 10),
        by=office,
        **SIGNER,
    )
    document = issued_document_for(decision)
    client.force_login(make_unit_head(unit_b))

    assert client.get(reverse("units:issued-register")).status_code == 403
    assert client.get(reverse("units:issued-download", args=[document.pk, "pdf"])).status_code == 403
    assert client.get(reverse("reports:decision-pdf", args=[decision.pk])).status_code in (403, 404)


def test_documents_issued_before_the_register_are_stored_once_by_the_command(notice):
    from django.core.management import call_command

    office = make_office_user()
    disclosure_issue(notice, by=office, day=datetime.date(2026, 1, 28))
    issued_document_for(notice).pdf.delete(save=False)
    # As before the register existed (the register itself refuses a delete).
    IssuedDocument._base_manager.filter(kind=IssuedKind.DISCLOSURE).delete()
    out = io.StringIO()

    call_command("store_issued_documents", stdout=out)
    call_command("store_issued_documents", stdout=out)

    document = issued_document_for(notice)
    assert document.number_label == "01/TB-SYT" and document.issued_on == datetime.date(2026, 1, 28)
    assert stored_bytes(document.pdf).startswith(b"%PDF-")
    assert out.getvalue().splitlines() == ["stored 1 issued documents", "stored 0 issued documents"]


def test_an_issued_letter_is_stored_and_downloads_as_issued_after_the_agency_changes(client):
    from tests.factories import LetterFactory
    from units.models import Agency

    AgencyFactory(name="Sở Y tế tỉnh Hòa Bình")
    office = make_office_user()
    client.force_login(office)
    letter = LetterFactory(addressees=["Các đơn vị trực thuộc"], signer_name="Bùi Văn Cường")
    plan_services.letter_issue(letter, by=office, issue_date=datetime.date(2026, 3, 5))
    stored = issued_document_for(letter, kind=IssuedKind.LETTER)
    first = _download(client, "reports:letter-pdf", letter.pk)

    Agency.objects.update(name="Sở Y tế tỉnh Phú Thọ", signer_name="Người Khác")
    again = _download(client, "reports:letter-pdf", letter.pk)
    docx = _download(client, "reports:letter-docx", letter.pk)

    assert stored is not None and stored.number == letter.number
    assert again == first
    assert sha256(again) == stored.pdf_sha256 and sha256(docx) == stored.docx_sha256
    assert "Bùi Văn Cường" in " ".join(pdf_text(again).split())
