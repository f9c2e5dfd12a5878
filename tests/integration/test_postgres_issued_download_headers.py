"""An issued document's download on a real PostgreSQL: the stored PDF and DOCX with the SHA-256
of each in ``X-Document-SHA256``, the stored document read with its source object in one query
(its fields come back as a JSON object, whose keys PostgreSQL orders its own way)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.services import disclosure_issue
from tests.factories import AgencyFactory, DisclosurePeriodFactory, NominationFactory, award, make_office_user
from units.documents import issued_document_for, sha256

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_an_issued_notice_downloads_with_the_hash_of_each_file_and_one_query_for_it(client):
    AgencyFactory()
    NominationFactory(award_type=award("CSTDCS"), status="verified", year=2025)
    notice = DisclosurePeriodFactory(
        year=2025, opens=datetime.date(2026, 1, 27), closes=datetime.date(2026, 2, 5)
    )
    office = make_office_user()
    disclosure_issue(notice, by=office, day=datetime.date(2026, 1, 28))
    stored = issued_document_for(notice)
    client.force_login(office)

    with CaptureQueriesContext(connection) as queries:
        pdf = client.get(reverse("reports:disclosure-pdf", args=[notice.pk]))
    docx = client.get(reverse("reports:disclosure-docx", args=[notice.pk]))

    assert sha256(pdf.content) == stored.pdf_sha256 == pdf["X-Document-SHA256"]
    assert sha256(docx.content) == stored.docx_sha256 == docx["X-Document-SHA256"]
    own = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "units_issueddocument"')]
    assert own == []
