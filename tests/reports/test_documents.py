"""Official documents per Decree 30/2020: PDF (WeasyPrint) and DOCX (python-docx), one source."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from plans.importer import parse_plan_docx, parse_plan_text
from reports.documents import OfficialDocument, document_from_parsed, render_html, render_pdf, static_path
from reports.docx import render_docx
from tests.reports.test_plan_documents import docx_text

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"

DIACRITICS = "Chữ hoa Ơ Ư Đ Ă Â Ê Ô, chữ thường ơ ư đ ă â ê ô, dấu ộ ễ ữ ặ ỳ ỹ ẫ ẩ ự."


def _document(**overrides) -> OfficialDocument:
    filler = (
        "Các đơn vị trực thuộc tổ chức quán triệt, triển khai thực hiện kế hoạch đến toàn thể cán bộ, "
        "công chức, viên chức và người lao động; phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến."
    )
    body = [
        {"kind": "heading", "level": 1, "numbering": "I.", "text": "MỤC ĐÍCH, YÊU CẦU"},
        {"kind": "heading", "level": 2, "numbering": "1.", "text": "Mục đích:"},
        {"kind": "bullet", "text": "Động viên phong trào thi đua yêu nước trong toàn ngành."},
        {"kind": "paragraph", "text": DIACRITICS},
        {"kind": "heading", "level": 3, "numbering": "a)", "text": "Đối với tập thể"},
        {
            "kind": "table",
            "header": ["STT", "Nội dung", "Thời hạn"],
            "rows": [
                ["1", "Đăng ký thi đua", "Tháng 3"],
                ["2", ["Sơ kết 6 tháng", "Tổng kết năm"], "Tháng 12"],
            ],
        },
        {
            "kind": "tasks_table",
            "header": ["Thời gian", "Nội dung công việc"],
            "rows": [["Quý I", ["Ký giao ước thi đua.", "Tổ chức Ngày Thầy thuốc Việt Nam."]]],
        },
        {"kind": "heading", "level": 1, "numbering": "II.", "text": "TỔ CHỨC THỰC HIỆN"},
    ]
    body += [{"kind": "paragraph", "numbering": f"{n}.", "text": filler} for n in range(1, 13)]
    body.append({"kind": "paragraph", "text": "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm 2021"})
    values = {
        "authority_line": "UBND tỉnh Đồng Nai",
        "issuer_line": "Sở Y tế",
        "number_text": "Số: 12/KH-SYT",
        "place_date_text": "Đồng Nai, ngày 27 tháng 01 năm 2021",
        "doc_type": "KẾ HOẠCH",
        "title": "Công tác thi đua, khen thưởng\nNgành Y tế tỉnh Đồng Nai năm 2021",
        "legal_bases": [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ Kế hoạch số 701/KH-UBND ngày 20 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh.",
        ],
        "body": body,
        "signer_prefix_line": "KT. GIÁM ĐỐC",
        "signer_position_lines": ["PHÓ GIÁM ĐỐC"],
        "signer_name": "Lê Quang Trung",
        "recipients": ["Ban TĐKT tỉnh;", "Các đơn vị trực thuộc;", "Lưu: VT, VP."],
    }
    values.update(overrides)
    return OfficialDocument(**values)


HEADER_LEFT = ["UBND TỈNH ĐỒNG NAI", "SỞ Y TẾ", "Số: 12/KH-SYT"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Đồng Nai, ngày 27 tháng 01 năm 2021",
]
BODY_IN_ORDER = [
    "KẾ HOẠCH",
    "Công tác thi đua, khen thưởng",
    "Ngành Y tế tỉnh Đồng Nai năm 2021",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Kế hoạch số 701/KH-UBND ngày 20 tháng 01 năm 2021 của Ủy ban nhân dân tỉnh.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích:",
    "- Động viên phong trào thi đua yêu nước trong toàn ngành.",
    DIACRITICS,
    "a) Đối với tập thể",
    "Đăng ký thi đua",
    "Sơ kết 6 tháng",
    "Quý I",
    "- Ký giao ước thi đua.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Trên đây là Kế hoạch công tác thi đua, khen thưởng năm 2021./.",
]
RECIPIENTS_COLUMN = ["Nơi nhận:", "- Ban TĐKT tỉnh;", "- Các đơn vị trực thuộc;", "- Lưu: VT, VP."]
SIGNER_COLUMN = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Quang Trung"]
# A .docx reads row by row: the header's first row (agency | nation), then its second (number | date).
DOCX_IN_ORDER = (
    (HEADER_LEFT[:2] + HEADER_RIGHT[:2] + [HEADER_LEFT[2], HEADER_RIGHT[2]])
    + BODY_IN_ORDER
    + RECIPIENTS_COLUMN
    + SIGNER_COLUMN
)

# Columns of the page in points (A4 = 595 x 842; left margin 30 mm = 85 pt; the header's left
# column is 40 % of the 165 mm text width, the recipients' column 45 %).
HEADER_SPLIT_X = 85 + 187
CLOSING_SPLIT_X = 85 + 210


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _assert_in_order(text: str, pieces: list[str]) -> None:
    flat = _flat(text)
    position = 0
    for piece in pieces:
        found = flat.find(_flat(piece), position)
        assert found >= 0, f"{piece!r} missing after position {position}: …{flat[position : position + 200]}…"
        position = found + len(_flat(piece))


def _pdftotext(pdf: bytes, *, first=None, last=None, box=None, layout=False) -> str:
    """Text of the PDF; box=(x, y, width, height) in points crops each page (one column)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    if box:
        x, y, w, h = box
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    result = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_pdf(_document())


def test_pdf_text_has_every_piece_in_order_with_diacritics(pdf):
    last = _pages(pdf)

    assert pdf.startswith(b"%PDF")
    _assert_in_order(_pdftotext(pdf, first=1, last=1, box=(0, 0, HEADER_SPLIT_X, 140)), HEADER_LEFT)
    _assert_in_order(_pdftotext(pdf, first=1, last=1, box=(HEADER_SPLIT_X, 0, 595, 140)), HEADER_RIGHT)
    _assert_in_order(_pdftotext(pdf), BODY_IN_ORDER)
    _assert_in_order(
        _pdftotext(pdf, first=last, last=last, box=(0, 0, CLOSING_SPLIT_X, 842)), RECIPIENTS_COLUMN
    )
    _assert_in_order(
        _pdftotext(pdf, first=last, last=last, box=(CLOSING_SPLIT_X, 0, 595, 842)), SIGNER_COLUMN
    )


def test_pdf_text_through_pypdf_keeps_vietnamese_letters(pdf):
    text = _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))

    for word in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Ơ Ư", "ơ ư", "ộ ễ", "Lê Quang Trung"]:
        assert word in text


def test_pdf_embeds_a_times_new_roman_face(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))

    assert names
    assert all(re.search(r"Tinos|TimesNewRoman|Times-?New-?Roman", name) for name in names), names
    assert any("Bold" in name for name in names)
    assert any("Italic" in name for name in names)


def test_pdf_is_a4_with_page_numbers_from_page_two(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)

    assert len(reader.pages) >= 2
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    first_line_page1 = _pdftotext(pdf, first=1, last=1).strip().splitlines()[0].strip()
    first_line_page2 = _pdftotext(pdf, first=2, last=2).strip().splitlines()[0].strip()
    assert first_line_page2 == "2"
    assert not first_line_page1.isdigit()


def test_draft_prints_a_blank_number_and_blank_day():
    draft = _document(
        number_text="Số:      /KH-SYT", place_date_text="Đồng Nai, ngày      tháng      năm 2022"
    )

    pdf = render_pdf(draft)
    left = _pdftotext(pdf, first=1, last=1, box=(0, 0, HEADER_SPLIT_X, 140), layout=True)
    right = _pdftotext(pdf, first=1, last=1, box=(HEADER_SPLIT_X, 0, 595, 140), layout=True)

    assert re.search(r"Số: +/KH-SYT", left)  # on one line, the number left blank
    assert not re.search(r"Số:\s*\d", left)
    assert re.search(r"Đồng Nai, ngày +tháng +năm 2022", right)


def test_closing_mark_is_not_doubled():
    doc = _document(body=[{"kind": "paragraph", "text": "Trên đây là Kế hoạch./."}])

    html = render_html(doc)

    assert "Trên đây là Kế hoạch./." in html
    assert "./../." not in html


def test_static_files_are_read_from_disk_never_from_the_network():
    assert static_path("file:///static/css/document.css").name == "document.css"
    assert static_path("https://example.com/static/css/document.css").is_file()  # only the path counts
    assert static_path("file:///etc/passwd") is None
    assert static_path("https://example.com/evil.css") is None


def test_html_links_the_document_stylesheet_by_plain_name():
    html = render_html(_document())

    assert '<link rel="stylesheet" href="/static/css/document.css">' in html


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------
def test_docx_has_every_piece_in_order():
    data = render_docx(_document())

    _assert_in_order(docx_text(data), DOCX_IN_ORDER)


def test_docx_page_setup_font_and_page_numbers():
    document = Document(io.BytesIO(render_docx(_document())))
    section = document.sections[0]

    def mm(length):
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_formats_the_header_and_signature_per_decree():
    document = Document(io.BytesIO(render_docx(_document())))
    header, closing = document.tables[0], document.tables[-1]

    def run_of(cell, text):  # the letterhead's words are bound by no-break spaces
        return next(r for p in cell.paragraphs for r in p.runs if r.text.replace("\u00a0", " ") == text)

    assert run_of(header.cell(0, 0), "SỞ Y TẾ").bold is True
    assert not run_of(header.cell(0, 0), "UBND TỈNH ĐỒNG NAI").bold
    assert run_of(header.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold is True
    assert run_of(header.cell(1, 1), "Đồng Nai, ngày 27 tháng 01 năm 2021").italic is True
    label = run_of(closing.cell(0, 0), "Nơi nhận:")
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))
    assert run_of(closing.cell(0, 0), "- Ban TĐKT tỉnh;").font.size == Pt(11)
    assert run_of(closing.cell(0, 1), "KT. GIÁM ĐỐC").bold is True
    assert run_of(closing.cell(0, 1), "Lê Quang Trung").bold is True
    legal = next(p for p in document.paragraphs if p.text.startswith("Căn cứ Luật"))
    assert legal.runs[0].italic is True


def test_draft_docx_prints_a_blank_number():
    data = render_docx(_document(number_text="Số:      /KH-SYT"))

    assert re.search(r"Số:\s+/KH-SYT", docx_text(data))


# ---------------------------------------------------------------------------
# From an imported plan: the seed prints back, and its DOCX reads back the same
# ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed003():
    (path,) = SEEDS.glob("003_*.txt")
    return parse_plan_text(path.read_text(encoding="utf-8"))


def test_imported_plan_prints_targets_and_month_table(seed003):
    doc = document_from_parsed(seed003, authority_line="UBND TỈNH HÀ NAM", issuer_line="SỞ Y TẾ")

    text = _pdftotext(render_pdf(doc))

    _assert_in_order(
        text,
        [
            "Số: /KH-HĐTĐKT",
            "Hà Nam, ngày",
            "năm 2022",
            "Công tác thi đua, khen thưởng năm 2022",
            "CHỈ TIÊU",
            "Số người dùng các biện pháp tránh thai",
            "Tuyến tỉnh",
            "Tháng 1",
            "Tháng 12",
            "CHỦ TỊCH HỘI ĐỒNG",
            "Nguyễn Trọng Khải",
        ],
    )


def test_imported_plan_docx_reads_back_to_the_same_plan(seed003):
    doc = document_from_parsed(seed003, authority_line="UBND TỈNH HÀ NAM", issuer_line="SỞ Y TẾ")

    again = parse_plan_docx(io.BytesIO(render_docx(doc)))

    assert again.tasks == seed003.tasks
    assert again.targets == seed003.targets
    assert again.submissions == seed003.submissions
    assert again.legal_bases == seed003.legal_bases
    assert again.recipients == seed003.recipients
    assert (again.signer_position, again.signer_name) == (seed003.signer_position, seed003.signer_name)
    assert [(b.kind, b.numbering) for b in again.blocks] == [(b.kind, b.numbering) for b in seed003.blocks]
