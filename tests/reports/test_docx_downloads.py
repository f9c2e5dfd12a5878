"""Every kind of official document has its DOCX beside its PDF, behind the same permission, named
in Vietnamese: the minutes, the proposal pack (tờ trình and minutes), the disclosure notice and
the consolidated registration."""

import io

import pytest
from django.urls import reverse
from docx import Document

from tests.factories import (
    PersonFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    add_individual_line,
    make_council_member,
    make_office_user,
)
from tests.reports.test_awards_documents import agency, pack, period  # noqa: F401 (fixtures)
from tests.reports.test_council_documents import closed  # noqa: F401 (fixture)
from tests.reports.test_spreadsheet_layout import browser_filename

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).replace("\u00a0", " ").split())


def _download(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment;")
    assert browser_filename(response["Content-Disposition"]).endswith(".docx")
    return response


def test_the_minutes_download_as_docx_with_both_signatures(client, closed):  # noqa: F811
    client.force_login(closed.office)

    response = _download(client, reverse("reports:council-minutes-docx", args=[closed.session.pk]))

    text = _text(response.content)
    assert "BIÊN BẢN" in text and "01/BB-HĐTĐKT" in text and "THƯ KÝ" in text
    assert closed.members[0].get_full_name() in text and closed.members[-1].get_full_name() in text
    assert browser_filename(response["Content-Disposition"]).startswith("Biên bản")


def test_the_minutes_docx_is_guarded_as_the_pdf(client, closed):  # noqa: F811
    client.force_login(make_council_member())

    assert client.get(reverse("reports:council-minutes-docx", args=[closed.session.pk])).status_code == 404


def test_the_proposal_pack_downloads_as_one_docx_with_the_to_trinh_and_the_minutes(client, pack):  # noqa: F811
    client.force_login(pack.office)

    response = _download(client, reverse("reports:proposal-docx", args=[pack.pk]))

    text = _text(response.content)
    assert text.index("TỜ TRÌNH") < text.index("BIÊN BẢN")
    assert "Kính gửi:" in text and "Nguyễn Văn Hùng" in text


def test_the_disclosure_notice_downloads_as_docx(client, period):  # noqa: F811
    client.force_login(make_office_user())

    response = _download(client, reverse("reports:disclosure-docx", args=[period.pk]))

    text = _text(response.content)
    assert "THÔNG BÁO" in text and "Nguyễn Thị Hồng Nhung" in text


def test_the_consolidated_registration_downloads_as_docx(client):
    round_ = RegistrationRoundFactory()
    registration = RegistrationFactory(round=round_, submitted=True)
    add_individual_line(registration, PersonFactory(full_name="Đặng Thu Hằng"))
    client.force_login(make_office_user())

    response = _download(client, reverse("reports:consolidated-docx", args=[round_.pk]))

    assert "DANH SÁCH" in _text(response.content) and "Đặng Thu Hằng" in _text(response.content)
