"""Campaign documents: the launching plan (seed 002 comes back out whole, in order, with its
diacritics, as PDF and DOCX) and the consolidated registration of a round as a PDF list."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from campaigns.demo import demo_campaigns_load
from campaigns.models import Campaign, CampaignDuty, CampaignItem
from campaigns.selectors import consolidated_lines
from reports.campaign_documents import campaign_document, consolidated_document
from reports.documents import render_pdf
from reports.docx import render_docx
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    PersonFactory,
    RegistrationFactory,
    RegistrationRoundFactory,
    UnitFactory,
    add_collective_line,
    add_individual_line,
    award,
    make_council_member,
    make_plain_user,
    make_unit_head,
)
from tests.reports.test_plan_documents import (
    _norm,
    assert_in_order,
    docx_text,
    downloaded_docx_text,
    pdf_text,
)

pytestmark = pytest.mark.django_db

SEED_002 = next((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("002_*.txt"))
SIGNER = "Võ Thị Ngọc Lắm"
# A4 is 595 pt wide; the closing table's left column (recipients) ends at 85 pt + 45 % of 165 mm.
CLOSING_SPLIT_X = 85 + 210


def _markdown_free(line: str) -> str:
    return re.sub(r"^#+\s*", "", line).replace("**", "").strip()


def seed_002_lines() -> tuple[list[str], list[str]]:
    """Seed 002 from the basis paragraph to the closing paragraph, as printed lines: (before the
    'Thời gian' section, from section IV on). The dates section is written from the campaign's
    dates, not copied from the seed's wording."""
    lines = [_markdown_free(ln) for ln in SEED_002.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Thực hiện Kế hoạch số 216"))
    dates = lines.index("2. Thời gian")
    duties = lines.index("IV. TỔ CHỨC THỰC HIỆN")
    closing = next(i for i, ln in enumerate(lines) if ln.startswith("Trên đây là"))
    return lines[start:dates], lines[duties : closing + 1]


@pytest.fixture
def agency(db):
    """The common agency with the letterhead and the signer these documents print."""
    return AgencyFactory(
        letterhead="UBND TỈNH ĐỒNG NAI\nSỞ Y TẾ", signer_name=SIGNER, signer_position="Phó Giám đốc"
    )


@pytest.fixture
def demo_campaign(agency):
    demo_campaigns_load(year=2026)
    return Campaign.objects.get()


def expected_campaign_text() -> list[str]:
    before_dates, from_duties = seed_002_lines()
    header = [
        "UBND TỈNH ĐỒNG NAI",
        "SỞ Y TẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /KH-SYT",
        "Đồng Nai, ngày tháng 7 năm 2024",
        "KẾ HOẠCH",
        "Phát động phong trào thi đua “Ngành y tế tỉnh Đồng Nai đẩy mạnh phát triển toàn diện, "
        "cất cánh cùng Sân bay Long Thành”",
    ]
    dates = [
        "2. Thời gian",
        "- Thời gian tổ chức phong trào thi đua: từ ngày 01 tháng 7 năm 2024 đến ngày 30 tháng 6 năm 2025.",
        "- Thời gian sơ kết, tổng kết phong trào thi đua: ngày 30 tháng 6 năm 2025.",
    ]
    return header + before_dates + dates + from_duties


RECIPIENTS = ["Nơi nhận:", "- Ban Giám đốc Sở;", "- Các phòng chuyên môn Sở;", "- Các đơn vị trực thuộc;"]
RECIPIENTS += ["- Lưu: VT, VP."]
SIGNATURE = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", SIGNER]


# ---------------------------------------------------------------------------
# Seed 002, the demo campaign, comes back out whole and in order
# ---------------------------------------------------------------------------
def test_the_seed_text_has_every_item_and_every_duty():
    before_dates, from_duties = seed_002_lines()

    labels = [ln.split(" ", 1)[0] for ln in before_dates if re.match(r"^[a-zđ]\) ", ln)]
    duties = [ln for ln in from_duties if re.match(r"^\d\. ", ln)]

    assert labels == ["a)", "b)", "c)", "d)", "đ)"]
    assert duties == [
        "1. Văn phòng Sở Y tế",
        "2. Trung tâm Kiểm soát bệnh tật",
        "3. Các phòng chuyên môn và các cơ quan, đơn vị trực thuộc Sở Y tế",
    ]


def test_the_demo_campaign_pdf_prints_the_seed_in_order(demo_campaign):
    pdf = render_pdf(campaign_document(demo_campaign))

    last = len(PdfReader(io.BytesIO(pdf)).pages)
    assert_in_order(pdf_text(pdf), expected_campaign_text())
    # The closing is a two-column table: read each column of the last page on its own.
    assert_in_order(pdf_text(pdf, first=last, last=last, box=(0, 0, CLOSING_SPLIT_X, 842)), RECIPIENTS)
    assert_in_order(pdf_text(pdf, first=last, last=last, box=(CLOSING_SPLIT_X, 0, 595, 842)), SIGNATURE)


def test_the_demo_campaign_docx_holds_the_same_text_in_the_same_order(demo_campaign):
    data = render_docx(campaign_document(demo_campaign))

    assert_in_order(docx_text(data), expected_campaign_text() + RECIPIENTS + SIGNATURE)


def test_items_a_to_dd_and_the_duties_come_out_once_each_in_order(demo_campaign):
    text = _norm(pdf_text(render_pdf(campaign_document(demo_campaign))))

    labelled = zip(["a)", "b)", "c)", "d)", "đ)"], demo_campaign.items.order_by("order"), strict=True)
    items = [text.index(f"{label} {item.text.splitlines()[0][:40]}") for label, item in labelled]
    numbered = enumerate(demo_campaign.duties.order_by("order"), start=1)
    duties = [text.index(f"{n}. {duty.assignee_label}") for n, duty in numbered]

    assert items == sorted(items) and len(items) == 5
    assert duties == sorted(duties) and len(duties) == 3
    assert items[-1] < duties[0]
    assert text.count("đ) Thi đua thực hiện tốt công tác chuẩn bị tổ chức Đại hội Đảng") == 1


def test_pypdf_reads_the_vietnamese_letters_back_intact(demo_campaign):
    pdf = render_pdf(campaign_document(demo_campaign))

    text = _norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))

    for phrase in [
        "ĐỐI TƯỢNG THI ĐUA",
        "NỘI DUNG VÀ THỜI GIAN THI ĐUA",
        "Trung tâm Kiểm soát bệnh tật",
        "Sân bay Long Thành",
        SIGNER,
    ]:
        assert phrase in text
    assert re.search(r"đ\) Thi đua thực hiện tốt", text)


# ---------------------------------------------------------------------------
# The document's parts from the campaign's fields
# ---------------------------------------------------------------------------
def test_a_numbered_dated_campaign_prints_its_number_and_its_full_date(db):
    AgencyFactory(signer_name="Lê Quang Trung", signer_position="Giám đốc")
    campaign = CampaignFactory(
        name="Thi đua cải cách hành chính",
        document_number="125/KH-SYT",
        document_date=datetime.date(2024, 7, 5),
        parent_text="",
    )

    doc = campaign_document(campaign)

    assert doc.number_text == "Số: 125/KH-SYT"
    assert doc.place_date_text == "Đồng Nai, ngày 05 tháng 7 năm 2024"
    assert doc.title == "Phát động phong trào thi đua “Thi đua cải cách hành chính”"
    assert (
        doc.body[0]["text"] == "Sở Y tế phát động phong trào thi đua “Thi đua cải cách hành chính” như sau:"
    )
    assert (doc.signer_prefix_line, doc.signer_position_lines, doc.signer_name) == (
        "",
        ["GIÁM ĐỐC"],
        "Lê Quang Trung",
    )


def test_without_document_fields_the_number_and_the_day_are_blank(db):
    AgencyFactory()
    campaign = CampaignFactory(start_date=datetime.date(2026, 2, 1))

    doc = campaign_document(campaign)

    assert re.fullmatch(r"Số: +/KH-SYT", doc.number_text)
    assert re.fullmatch(r"Đồng Nai, ngày +tháng +năm 2026", doc.place_date_text)
    assert (doc.authority_line, doc.issuer_line) == ("UBND TỈNH ĐỒNG NAI", "SỞ Y TẾ")


def test_items_without_labels_get_the_vietnamese_letters_and_dash_lines_print_as_bullets(db):
    AgencyFactory()
    campaign = CampaignFactory()
    for n, text in enumerate(["Một", "Hai\n- ý phụ của hai", "Ba", "Bốn", "Năm", "Sáu"], start=1):
        CampaignItem.objects.create(campaign=campaign, order=n, text=text)
    CampaignDuty.objects.create(campaign=campaign, order=1, assignee="Văn phòng Sở", text="Theo dõi.")

    body = campaign_document(campaign).body

    numbered = [(b["numbering"], b["text"]) for b in body if b["kind"] == "paragraph" and b.get("numbering")]
    assert [n for n, _t in numbered if n.endswith(")")] == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    assert {"kind": "bullet", "level": 0, "text": "ý phụ của hai"} in body
    assert {"kind": "heading", "level": 2, "numbering": "1.", "text": "Văn phòng Sở"} in body


# ---------------------------------------------------------------------------
# Downloads of the launching plan: guarded as the campaign page is
# ---------------------------------------------------------------------------
def test_office_downloads_the_campaign_pdf_and_docx(client, office, demo_campaign):
    client.force_login(office)

    text = downloaded_docx_text(client, "campaign", demo_campaign.pk)

    assert SIGNER in text


def test_campaign_page_links_the_downloads(client, office, demo_campaign):
    client.force_login(office)

    html = client.get(demo_campaign.get_absolute_url()).content.decode()

    assert reverse("reports:campaign-pdf", args=[demo_campaign.pk]) in html
    assert reverse("reports:campaign-docx", args=[demo_campaign.pk]) in html


def test_unit_head_gets_a_launched_campaign_but_not_a_draft(client, agency):
    draft, launched = CampaignFactory(draft=True), CampaignFactory()
    client.force_login(make_unit_head())

    draft_pdf = client.get(reverse("reports:campaign-pdf", args=[draft.pk]))
    draft_docx = client.get(reverse("reports:campaign-docx", args=[draft.pk]))
    launched_pdf = client.get(reverse("reports:campaign-pdf", args=[launched.pk]))

    assert (draft_pdf.status_code, draft_docx.status_code) == (404, 404)
    assert launched_pdf.status_code == 200


def test_council_member_may_download_and_a_user_without_role_may_not(client, agency):
    campaign = CampaignFactory(draft=True)
    client.force_login(make_council_member(person=PersonFactory()))
    member = client.get(reverse("reports:campaign-pdf", args=[campaign.pk]))
    client.force_login(make_plain_user())
    plain = client.get(reverse("reports:campaign-pdf", args=[campaign.pk]))

    assert member.status_code == 200
    assert plain.status_code == 404


def test_anonymous_download_goes_to_the_login_page(client, agency):
    campaign = CampaignFactory()

    response = client.get(reverse("reports:campaign-docx", args=[campaign.pk]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# ---------------------------------------------------------------------------
# The consolidated registration as a PDF list
# ---------------------------------------------------------------------------
@pytest.fixture
def consolidated(agency):
    round_ = RegistrationRoundFactory(name="Đăng ký thi đua năm 2026", year=2026)
    a = RegistrationFactory(
        round=round_, accepted=True, unit=UnitFactory(name="Bệnh viện Đa khoa Thống Nhất")
    )
    b = RegistrationFactory(
        round=round_, submitted=True, is_late=True, unit=UnitFactory(name="Trung tâm Kiểm soát bệnh tật")
    )
    khoa = UnitFactory(name="Khoa Hồi sức tích cực", parent=a.unit, department=True)
    add_collective_line(a, code="TTLDXS")
    add_collective_line(a, unit=khoa, code="TTLDTT")
    add_individual_line(a, PersonFactory(unit=a.unit, full_name="Nguyễn Thị Ánh", position="Bác sĩ"))
    add_individual_line(a, PersonFactory(unit=khoa, full_name="Trần Văn Đức", position="Điều dưỡng"),
                        code="CSTDCS")  # fmt: skip
    add_individual_line(b, PersonFactory(unit=b.unit, full_name="Lê Thị Ngọc Hà", position="Kỹ thuật viên"))
    return round_


def test_consolidated_pdf_lists_collectives_individuals_by_unit_and_counts_per_title(consolidated):
    registrations = consolidated.registrations.all()
    collectives, individuals = consolidated_lines(registrations)

    pdf = render_pdf(consolidated_document(consolidated, collectives, individuals))

    assert_in_order(
        pdf_text(pdf),
        [
            "UBND TỈNH ĐỒNG NAI", "SỞ Y TẾ", "DANH SÁCH",
            "Tổng hợp đăng ký thi đua toàn ngành năm 2026",
            "I. TẬP THỂ",
            "Bệnh viện Đa khoa Thống Nhất", "Tập thể lao động xuất sắc",
            "Khoa Hồi sức tích cực", "Tập thể lao động tiên tiến",
            "II. CÁ NHÂN",
            "1. Bệnh viện Đa khoa Thống Nhất (2 cá nhân; đã chấp nhận)",
            "Nguyễn Thị Ánh", "Bác sĩ", "Lao động tiên tiến",
            "Trần Văn Đức", "Điều dưỡng", "Khoa Hồi sức tích cực", "Chiến sĩ thi đua cơ sở",
            "2. Trung tâm Kiểm soát bệnh tật (1 cá nhân; đã gửi, chờ duyệt, nộp muộn)",
            "Lê Thị Ngọc Hà", "Kỹ thuật viên", "Lao động tiên tiến",
            "III. SỐ LƯỢNG ĐĂNG KÝ THEO DANH HIỆU",
            "1 Lao động tiên tiến 2 2",
            "2 Chiến sĩ thi đua cơ sở 1 1",
            "3 Tập thể lao động tiên tiến 1 1",
            "4 Tập thể lao động xuất sắc 1 1",
            "Tổng cộng 2 3 5",
            "Danh sách gồm 2 tập thể và 3 cá nhân của 2 đơn vị./.",
        ],
    )  # fmt: skip


def test_office_prints_the_consolidated_pdf_with_the_screens_filters(client, office, consolidated):
    client.force_login(office)
    url = reverse("reports:consolidated-pdf", args=[consolidated.pk])

    everything = client.get(url)
    accepted = client.get(url, {"status": "accepted"})
    by_title = client.get(url, {"award_type": award("CSTDCS").pk})

    assert everything.status_code == 200 and everything["Content-Type"] == "application/pdf"
    assert "Lê Thị Ngọc Hà" in _norm(pdf_text(everything.content))
    accepted_text = _norm(pdf_text(accepted.content))
    assert "Nguyễn Thị Ánh" in accepted_text and "Lê Thị Ngọc Hà" not in accepted_text
    assert "Phạm vi tổng hợp: Trạng thái: Đã chấp nhận." in accepted_text
    title_text = _norm(pdf_text(by_title.content))
    assert "Trần Văn Đức" in title_text and "Nguyễn Thị Ánh" not in title_text


def test_consolidated_pdf_is_for_the_office_only(client, consolidated):
    url = reverse("reports:consolidated-pdf", args=[consolidated.pk])
    client.force_login(make_council_member(person=PersonFactory()))
    member = client.get(url)
    client.force_login(make_unit_head(consolidated.registrations.first().unit))
    head = client.get(url)
    client.logout()
    anonymous = client.get(url)

    assert member.status_code == 403
    assert head.status_code == 403
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]


def test_consolidated_page_links_the_pdf_with_its_filters_for_the_office_only(client, office, consolidated):
    page = reverse("campaigns:consolidated", args=[consolidated.pk])
    pdf_url = reverse("reports:consolidated-pdf", args=[consolidated.pk])
    client.force_login(office)
    office_html = client.get(page, {"status": "accepted"}).content.decode()
    client.force_login(make_council_member(person=PersonFactory()))
    member_html = client.get(page).content.decode()

    assert f"{pdf_url}?status=accepted" in office_html
    assert pdf_url not in member_html
