"""Every kind of official document measured on its rendered pages against Decree 30/2020/NĐ-CP
(Phụ lục I), as PDF (WeasyPrint) and as DOCX opened by a real word processor (LibreOffice
headless converts it to PDF; the tests that need it are skipped where ``soffice`` is missing,
and ``scripts/sysdeps.sh test`` installs it).

Positions are read with pdfplumber: the words of each page with their fonts, the lines they
make, and the short rules under the issuing body and the subject."""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

import pytest
from django.db import transaction
from docx import Document
from docx.oxml.ns import qn

from reports.council_documents import render_pdf_many
from reports.docx import render_docx_many
from tests.reports.documents_world import NAMES, build_documents
from tests.reports.layout import SOFFICE, docx_to_pdf, measure_pdf

KINDS = [
    "plan_dong_nai",
    "plan_ha_nam",
    "campaign",
    "consolidated",
    "minutes",
    "decision",
    "proposal",
    "disclosure",
    "summary",
]
pytestmark = pytest.mark.django_db  # the test database exists for the module's fixture
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
CONTENT_CENTRE = (30 + (210 - 15)) / 2 * 72 / 25.4  # the text block's centre on an A4 page, in points


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """Each kind built once, rendered to PDF and DOCX, the database rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        docs = build_documents()
        out = {}
        for kind, items in docs.items():
            pdf = render_pdf_many(items)
            out[kind] = SimpleNamespace(
                docs=items, doc=items[0], pdf=pdf, docx=render_docx_many(items), layout=measure_pdf(pdf)
            )
        transaction.set_rollback(True)
    return out


@pytest.fixture(scope="module")
def converted(rendered):
    """Every DOCX converted by one LibreOffice run, measured."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pdfs = docx_to_pdf({kind: item.docx for kind, item in rendered.items()})
    return {kind: measure_pdf(pdf) for kind, pdf in pdfs.items()}


def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _issuer_last_word(doc) -> str:
    return _normal(doc.issuer_line).upper().split()[-1]


def _ratio_under(layout, text: str) -> float:
    line, rule = layout.rule_under(text)
    return rule.width / line.width


def _title_rule(layout, doc):
    """The first rule below the document's type ("KẾ HOẠCH") and the line of text right above it."""
    kind = [line for line in layout.on_page(1) if line.text == doc.doc_type.upper()][0]
    rule = min((r for r in layout.rules if r.page == 1 and r.top > kind.bottom), key=lambda r: r.top)
    return layout.line_above(rule), rule


def _rule_below(layout, line):
    rules = [
        rule
        for rule in layout.rules
        if rule.page == line.page
        and 0 <= rule.top - line.bottom < 14
        and line.x0 - 2 <= rule.centre <= line.x1 + 2
    ]
    assert rules, f"no rule under {line.text!r}"
    return min(rules, key=lambda rule: rule.top)


def _signer_lines(layout, doc):
    """The signer's name, and the last line of the signature title above it."""
    name = [line for line in layout.lines if doc.signer_name in line.text][-1]
    position = doc.signer_position_lines[-1].upper()
    titles = [line for line in layout.lines if line.page <= name.page and line.text.endswith(position)]
    return name, titles[-1]


def _word_after(layout, word):
    same_line = [w for w in layout.words if w.page == word.page and abs(w.top - word.top) < 2]
    return min((w for w in same_line if w.x0 > word.x1), key=lambda w: w.x0)


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_the_rule_under_the_issuing_body_is_a_third_to_a_half_of_its_line(rendered, kind):
    item = rendered[kind]

    ratio = _ratio_under(item.layout, _issuer_last_word(item.doc))

    assert 1 / 3 <= ratio <= 1 / 2, ratio


@pytest.mark.parametrize("kind", KINDS)
def test_the_rule_under_the_subject_is_a_third_to_a_half_of_the_line_above(rendered, kind):
    item = rendered[kind]
    last = [_normal(line) for line in item.doc.title.split("\n") if line.strip()][-1]

    line, rule = _title_rule(item.layout, item.doc)

    assert line.text in last and last.endswith(line.text)  # the subject's last line
    assert 1 / 3 <= rule.width / line.width <= 1 / 2, (line.text, rule.width / line.width)
    assert abs(rule.centre - line.centre) < 2  # centred under its line


@pytest.mark.parametrize("kind", KINDS)
def test_the_issuing_body_breaks_only_between_words(rendered, kind):
    layout = rendered[kind].layout
    _line, rule = layout.rule_under(_issuer_last_word(rendered[kind].doc))
    bold = [
        line
        for line in layout.on_page(1)
        if line.bottom <= rule.top and line.x1 < layout.page_width * 0.5 and line.bold
    ]

    assert bold
    assert " ".join(line.text for line in bold) == _normal(rendered[kind].doc.issuer_line).upper()
    for line in bold[:-1]:
        assert line.text.endswith(("-", ",")), [line.text for line in bold]


@pytest.mark.parametrize("kind", KINDS)
def test_the_signers_name_is_on_the_page_of_the_signature_title(rendered, kind):
    item = rendered[kind]
    layout, doc = item.layout, item.doc
    if not doc.signer_name:
        pytest.skip("no signer named yet")

    name, title = _signer_lines(layout, doc)

    assert name.page == title.page
    assert name.top > title.top


def test_a_decision_has_its_authority_and_quyet_dinh_centred_and_bold_bases_in_italics(rendered):
    layout = rendered["decision"].layout

    authority = layout.exact("GIÁM ĐỐC SỞ Y TẾ")[0]
    decides = layout.exact("QUYẾT ĐỊNH:")[0]
    bases = [line for line in layout.lines if line.text.startswith(("Căn cứ", "Theo đề nghị"))]

    for line in (authority, decides):
        assert line.bold and abs(line.centre - CONTENT_CENTRE) < 3, (line.text, line.centre)
    assert len(bases) >= 3 and all(line.italic for line in bases)
    starts = {
        (line.page, round(line.top), round(line.x0))
        for line in layout.lines
        if re.match(r"Điều \d+\. ", line.text)
    }
    articles = [w for w in layout.words if w.text == "Điều" and (w.page, round(w.top), round(w.x0)) in starts]
    assert len(articles) == 3
    for word in articles:
        after = _word_after(layout, word)
        assert word.bold and after.bold  # "Điều 1." in bold
    first_text = [w for w in layout.words if w.text == "Tặng"][0]
    assert not first_text.bold


def test_a_decision_lists_its_awardees_in_an_appendix_on_a_page_of_its_own(rendered):
    item = rendered["decision"]
    layout, doc = item.layout, item.doc

    signer = [line for line in layout.lines if doc.signer_name in line.text][-1]
    heading = layout.exact("DANH SÁCH")[0]
    note = layout.find("(Kèm theo Quyết định số 01/QĐ-SYT")
    page_lines = [line for line in layout.on_page(heading.page) if not line.text.isdigit()]

    assert heading.page == signer.page + 1
    assert page_lines[0] is heading and heading.bold
    assert note.italic and note.page == heading.page
    line, rule = layout.rule_under("của Giám đốc")
    assert 1 / 3 <= rule.width / line.width <= 1 / 2
    names = [w for w in layout.words if w.text in {name.split()[-1] for name in NAMES}]
    assert len(names) == len(NAMES) and all(word.page == heading.page for word in names)


def test_the_minutes_carry_start_and_end_the_rule_applied_and_both_signatures(rendered):
    item = rendered["minutes"]
    layout, doc = item.layout, item.doc
    text = _normal(layout.text())

    assert "bắt đầu lúc" in text and "kết thúc lúc" in text
    applied = text.split("Nguyên tắc biểu quyết đã áp dụng:")[1]
    assert applied.strip().startswith("- ") and "có mặt ≥" in applied.split("./.")[0]  # the results' own rule
    secretary, chair = layout.exact("THƯ KÝ")[0], layout.find("CHỦ TỊCH")
    secretary_name = [line for line in layout.lines if doc.countersigner_name in line.text][-1]
    chair_name = [line for line in layout.lines if doc.signer_name in line.text][-1]
    assert secretary.page == chair.page == secretary_name.page == chair_name.page
    assert secretary.centre < chair.centre  # the secretary left, the chair right
    assert abs(secretary_name.top - chair_name.top) < 2


def test_kinh_gui_is_upright_and_not_bold(rendered):
    layout = rendered["proposal"].layout

    line = layout.find("Kính gửi:")

    assert not any("bold" in font.lower() or "italic" in font.lower() for font in line.fonts)
    assert abs(line.centre - CONTENT_CENTRE) < 3


def test_each_value_of_a_two_valued_key_target_stands_on_its_own_sub_line(rendered):
    layout = rendered["plan_ha_nam"].layout

    for label, value in (
        ("- Tuyến tỉnh", "398.868"),
        ("- Tuyến huyện", "312.000"),
        ("- Biện pháp tránh thai lâm sàng", "18.656"),
        ("- Biện pháp tránh thai phi lâm sàng", "27.406"),
    ):
        sub_line = layout.find(label)
        figure = [w for w in layout.words if w.text == value][0]
        assert figure.page == sub_line.page and abs(figure.top - sub_line.top) < 2, (label, value)


@pytest.mark.parametrize("kind", ["consolidated", "minutes", "decision", "disclosure", "proposal"])
def test_names_in_tables_take_at_most_two_lines(rendered, kind):
    layout = rendered[kind].layout
    shown = [name for name in NAMES if layout.lines_of(name) is not None]

    assert shown
    for name in shown:
        assert layout.lines_of(name) <= 2, name


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_docx_tables_have_grid_and_cells_alike_header_rows_repeating_and_rows_unsplit(rendered, kind):
    document = Document(io.BytesIO(rendered[kind].docx))

    for table in document.tables:
        grid = [col.w for col in table._tbl.tblGrid.gridCol_lst]
        for row in table.rows:
            spans = [tc.grid_span for tc in row._tr.tc_lst]  # a group's head spans the table
            starts = [sum(spans[:k]) for k in range(len(spans))]
            assert [tc.width for tc in row._tr.tc_lst] == [
                sum(grid[start : start + span]) for start, span in zip(starts, spans, strict=True)
            ]
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    header, nation = document.tables[0].rows[0].cells
    assert header.width < nation.width  # two columns, not equal ones: the motto needs its width
    body_tables = [t for t in document.tables[1:] if t.style is not None and t.style.name == "Table Grid"]
    for table in body_tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        grid = [col.w for col in table._tbl.tblGrid.gridCol_lst]
        if table.rows[0].cells[0].text.strip() == "STT":
            assert grid[0] <= 0.1 * sum(grid)  # STT narrow


@pytest.mark.parametrize("kind", KINDS)
def test_docx_is_vietnamese_with_the_documents_own_properties(rendered, kind):
    item = rendered[kind]
    document = Document(io.BytesIO(item.docx))
    props = document.core_properties

    normal_lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal_lang.get(qn("w:val")) == "vi-VN"
    langs = {r.get(qn("w:val")) for r in document.element.body.iter(qn("w:lang"))}
    assert langs == {"vi-VN"}
    assert props.author and props.author != "python-docx"
    assert props.title.startswith(item.doc.doc_type.capitalize())
    assert props.created.year >= 2021 and props.created == props.modified
    assert props.comments == "" and props.language == "vi-VN"


def test_the_decision_docx_keeps_the_signature_together_and_the_appendix_after_it(rendered):
    document = Document(io.BytesIO(rendered["decision"].docx))

    closing = [t for t in document.tables if "Lê Quang Trung" in t._tbl.xml][0]
    signer = closing.rows[0].cells[-1]
    keeps = [p.paragraph_format.keep_with_next for p in signer.paragraphs]
    assert keeps[:-1] == [True] * (len(keeps) - 1)
    body = document.element.body
    xml = body.xml
    assert xml.index("Lê Quang Trung") < xml.index('w:type="page"') < xml.index("DANH SÁCH")
    assert document.core_properties.created.date().isoformat() == "2026-01-15"


# ---------------------------------------------------------------------------
# The DOCX in LibreOffice
# ---------------------------------------------------------------------------
@needs_soffice
@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_prints_the_docx_on_as_many_pages_as_the_pdf(rendered, converted, kind):
    assert abs(converted[kind].pages - rendered[kind].layout.pages) <= 1, (
        converted[kind].pages,
        rendered[kind].layout.pages,
    )


@needs_soffice
@pytest.mark.parametrize("kind", KINDS)
def test_libreoffice_keeps_the_motto_on_one_line_and_the_signer_with_the_title(rendered, converted, kind):
    layout, doc = converted[kind], rendered[kind].doc

    assert layout.find("Độc lập - Tự do - Hạnh phúc")
    assert layout.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert 1 / 3 <= _ratio_under(layout, _issuer_last_word(doc)) <= 1 / 2
    if doc.signer_name:
        name, title = _signer_lines(layout, doc)
        assert name.page == title.page


@needs_soffice
def test_libreoffice_prints_the_decisions_appendix_on_its_own_page(rendered, converted):
    layout, doc = converted["decision"], rendered["decision"].doc

    signer = [line for line in layout.lines if doc.signer_name in line.text][-1]
    heading = layout.exact("DANH SÁCH")[0]

    assert heading.page == signer.page + 1
    assert all(layout.lines_of(name) <= 2 for name in NAMES if layout.lines_of(name) is not None)


def _stt_whole(layout) -> bool:
    """Every "STT" heading printed as one word: none broken into "ST" over "T"."""
    return any(w.text == "STT" for w in layout.words) and not any(w.text == "ST" for w in layout.words)


@pytest.mark.parametrize("kind", ["decision", "minutes", "consolidated", "disclosure"])
def test_the_stt_heading_of_a_table_is_never_broken(rendered, kind):
    assert _stt_whole(rendered[kind].layout)


@needs_soffice
@pytest.mark.parametrize("kind", ["decision", "minutes", "consolidated", "disclosure"])
def test_libreoffice_keeps_the_stt_heading_whole_in_word_s_cell_margins(converted, kind):
    assert _stt_whole(converted[kind])
