"""Issued documents on a real PostgreSQL: a notice issued, its data changed afterwards, the download
the same bytes; a signed PDF verified and a tampered copy refused by the public check."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from awards.models import Nomination
from awards.services import disclosure_issue
from tests.certificates import make_pkcs12
from tests.factories import (
    AgencyFactory,
    DisclosurePeriodFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    award,
    make_office_user,
)
from units.documents import issued_document_for, sha256
from units.models import IssuedDocument

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PASSWORD = "thu-nghiem"


def _text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages).split())


@pytest.fixture
def notice():
    AgencyFactory()
    unit = UnitFactory(name="Trung tâm Y tế thành phố Biên Hòa")
    for name in ("Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Minh Tâm"):
        NominationFactory(
            award_type=award("CSTDCS"),
            status="verified",
            year=2025,
            person=PersonFactory(full_name=name, unit=unit),
        )
    return DisclosurePeriodFactory(
        year=2025, opens=datetime.date(2026, 1, 27), closes=datetime.date(2026, 2, 5)
    )


def test_a_notice_downloads_byte_identical_after_a_nominee_is_rejected_and_a_person_renamed(client, notice):
    office = make_office_user()
    client.force_login(office)
    disclosure_issue(notice, by=office, day=datetime.date(2026, 1, 28))
    url = reverse("reports:disclosure-pdf", args=[notice.pk])
    first = client.get(url).content

    Nomination.objects.filter(person__full_name="Trần Văn Đức").update(status="rejected")
    person = Nomination.objects.get(person__full_name="Lê Minh Tâm").person
    person.full_name = "Lê Minh Tâm Đổi Tên"
    person.save()
    again = client.get(url).content

    assert again == first and sha256(again) == issued_document_for(notice).pdf_sha256
    assert "Trần Văn Đức" in _text(again) and "Đổi Tên" not in _text(again)


def test_one_stored_document_per_source_and_kind(notice):
    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    stored = issued_document_for(notice)

    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedDocument.objects.create(
            kind=stored.kind,
            year=stored.year,
            issued_on=stored.issued_on,
            subject="Bản thứ hai",
            pdf_sha256="0" * 64,
            content_type=stored.content_type,
            object_id=stored.object_id,
        )


def test_a_signed_notice_verifies_and_a_tampered_copy_is_refused(client, notice, settings, tmp_path):
    settings.SIGNING_PKCS12_PATH = str(make_pkcs12(tmp_path / "ca", password=PASSWORD))
    settings.SIGNING_PKCS12_PASSWORD = PASSWORD
    disclosure_issue(notice, by=make_office_user(), day=datetime.date(2026, 1, 28))
    document = issued_document_for(notice)
    with document.pdf.open("rb") as handle:
        pdf = handle.read()
    broken = bytearray(pdf)
    broken[broken.index(b"stream") + 40] ^= 0x01

    def check(content):
        upload = SimpleUploadedFile("van-ban.pdf", bytes(content), content_type="application/pdf")
        return client.post(reverse("verify-document"), {"file": upload}).content.decode()

    good, bad = check(pdf), check(broken)

    assert document.signed
    assert 'id="verify-issued"' in good and 'id="verify-signature-valid"' in good
    assert document.number_label in good
    assert "Không phải văn bản do hệ thống ban hành." in bad and 'id="verify-signature-invalid"' in bad
