"""The council's documents: minutes with tallies, decisions with awardees and amounts (PDF, DOCX),
the proposal pack — and who may download them."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from council.enums import Choice
from council.services import ballot_cast, decision_issue, session_close, session_open_voting
from reports.council_documents import decision_document, minutes_document, money
from tests.factories import (
    NominationFactory,
    PersonFactory,
    award,
    make_council_member,
    make_council_session,
    make_office_user,
    make_unit_head,
    make_verified_nomination,
)
from tests.reports.readback import pdf_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed():
    nominations = [make_verified_nomination("LDTT"), make_verified_nomination("CSTDCS")]
    ctx = make_council_session(3, nominations=nominations)
    session_open_voting(ctx.session, by=ctx.office)
    for member in ctx.members:
        ballot_cast(ctx.session, nomination=nominations[0], member=member, choice=Choice.AGREE)
    for member, choice in zip(ctx.members, [Choice.AGREE, Choice.DISAGREE, Choice.DISAGREE], strict=True):
        ballot_cast(ctx.session, nomination=nominations[1], member=member, choice=choice)
    session_close(ctx.session, by=ctx.office)
    ctx.nominations = nominations
    return ctx


def test_the_minutes_print_attendance_agenda_and_tallies(closed):
    doc = minutes_document(closed.session)

    assert doc.doc_type == "BIÊN BẢN" and doc.number_text == "Số: 01/BB-HĐTĐKT"
    assert doc.issuer_line == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    tables = [block for block in doc.body if block["kind"] == "table"]
    assert [row[1] for row in tables[0]["rows"]] == [m.get_full_name() for m in closed.members]
    assert [row[4:] for row in tables[1]["rows"]] == [
        ["3", "3", "0", "100,00%", "Thông qua"],
        ["3", "1", "2", "33,33%", "Không thông qua"],
    ]


def test_the_minutes_pdf_is_for_office_staff_and_the_sessions_members(client, closed):
    url = reverse("reports:council-minutes-pdf", args=[closed.session.pk])

    for user in (closed.office, closed.members[1]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = pdf_words(response.content)
        assert "BIÊN BẢN" in text and "01/BB-HĐTĐKT" in text and "3 1 2 33,33% Không thông qua" in text
    for outsider, status in ((make_council_member(), 404), (make_unit_head(), 404)):
        client.force_login(outsider)
        assert client.get(url).status_code == status


def test_no_minutes_before_the_close(client):
    ctx = make_council_session(3, nominations=[make_verified_nomination()])
    client.force_login(ctx.office)

    assert client.get(reverse("reports:council-minutes-pdf", args=[ctx.session.pk])).status_code == 403


@pytest.fixture
def decision():
    office = make_office_user()
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
    nominations = [
        NominationFactory(
            award_type=award(code), status="approved", person=PersonFactory(full_name=name), year=2025
        )
        for code, name in zip(["CSTDCS", "LDTT", "LDTT"], names, strict=True)
    ]
    issued = decision_issue(
        nominations,
        date=datetime.date(2026, 1, 15),
        signer_prefix="KT. GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC",
        signer_name="Lê Quang Trung",
        by=office,
    )
    issued.office = office
    return issued


def test_the_decision_pdf_lists_the_awardees_in_order_with_their_amounts(client, decision):
    client.force_login(decision.office)

    response = client.get(reverse("reports:decision-pdf", args=[decision.pk]))

    text = pdf_words(response.content)
    assert "QUYẾT ĐỊNH" in text and "Số: 01/QĐ-SYT" in text and "Đồng Nai, ngày 15 tháng 01 năm 2026" in text
    lttt = award("LDTT").order < award("CSTDCS").order
    expected = (
        ["Trần Thị Bình", "Lê Văn Cường", "Nguyễn Văn An"]
        if lttt
        else ["Nguyễn Văn An", "Lê Văn Cường", "Trần Thị Bình"]
    )
    positions = [text.index(name) for name in expected]
    assert positions == sorted(positions)
    assert "710.000" in text and "2.340.000" in text  # 0,3 × 2.340.000 rounded up to 10.000 đồng
    assert f"Tổng cộng {money(710_000 * 2 + 2_340_000)}" in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" in text and "Lê Quang Trung" in text


def test_the_decision_lists_its_awardees_award_by_award(client, decision):
    client.force_login(decision.office)

    text = pdf_words(client.get(reverse("reports:decision-pdf", args=[decision.pk])).content)

    groups = sorted([award("CSTDCS"), award("LDTT")], key=lambda a: a.order)
    counts = {"CSTDCS": "1 cá nhân", "LDTT": "2 cá nhân"}
    heads = [
        f"{roman}. Danh hiệu “{a.name}” ({counts[a.code]})"
        for roman, a in zip(("I", "II"), groups, strict=True)
    ]
    assert all(head in text for head in heads), text
    under = {"CSTDCS": ["Nguyễn Văn An"], "LDTT": ["Trần Thị Bình", "Lê Văn Cường"]}
    first, second = (text.index(head) for head in heads)
    assert all(first < text.index(name) < second for name in under[groups[0].code])
    assert all(second < text.index(name) for name in under[groups[1].code])
    assert "Danh hiệu / hình thức" not in text  # the award heads its group, not a column of every row


def test_the_list_names_each_award_as_the_decision_issued_it(decision):
    from catalog.models import AwardType

    AwardType.objects.filter(code="LDTT").update(name="Lao động tiên tiến (tên mới)")

    table = next(block for block in decision_document(decision).appendix if block["kind"] == "table")

    heads = [table["rows"][k][0] for k in table["group_rows"]]
    assert any("“Lao động tiên tiến” (2 cá nhân)" in head for head in heads), heads
    assert not any("tên mới" in head for head in heads)


def test_the_decision_docx_carries_the_same_list(client, decision):
    client.force_login(decision.office)

    response = client.get(reverse("reports:decision-docx", args=[decision.pk]))

    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Nguyễn Văn An" in cells and "2.340.000" in cells
    heads = [row for table in document.tables for row in table.rows if len(row._tr.tc_lst) == 1]
    assert [row.cells[0].text[:3] for row in heads] == ["I. ", "II."]  # one cell across the table
    assert all(run.bold for row in heads for run in row.cells[0].paragraphs[0].runs)
    assert response["Content-Disposition"].startswith("attachment")


def test_decision_documents_are_for_office_staff_only(client, decision):
    client.force_login(make_council_member())

    assert client.get(reverse("reports:decision-pdf", args=[decision.pk])).status_code == 403
    assert client.get(reverse("reports:decision-docx", args=[decision.pk])).status_code == 403


def test_the_decision_document_names_the_director_and_the_fund(decision):
    doc = decision_document(decision)

    texts = [block.get("text", "") for block in doc.body]
    assert doc.doc_type == "QUYẾT ĐỊNH" and doc.number_text == "Số: 01/QĐ-SYT"
    assert texts[0].startswith("GIÁM ĐỐC")
    assert any("Quỹ thi đua, khen thưởng" in t and "2.340.000 đồng" in t for t in texts)
