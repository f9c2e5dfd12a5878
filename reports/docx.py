"""The DOCX twin of documents/base.html: an OfficialDocument laid out per Decree 30/2020/NĐ-CP.

A4, margins 20/20/30/15 mm, Times New Roman 14; the header and the recipients/signer block are
borderless 2-column tables; page numbers centred in the header from page 2 on (a different,
empty first-page header). The office edits this file in Word before issuing, so everything is
plain paragraphs with direct formatting, no custom styles.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from reports.documents import OfficialDocument, document_context

FONT = "Times New Roman"
CONTENT_WIDTH_MM = 210 - 30 - 15
FIRST_LINE_INDENT = Cm(1.27)


# ---------------------------------------------------------------------------
# Low-level helpers
# ---------------------------------------------------------------------------
def _set_run_font(run, *, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)


def _paragraph(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line_indent=None,
    space_before: float = 0,
    space_after: float = 0,
    reuse_first: bool = False,
):
    if reuse_first and container.paragraphs and not container.paragraphs[0].text:
        paragraph = container.paragraphs[0]
    else:
        paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing = 1.1
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if text:
        _set_run_font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _rule(container, *, width_mm: float, column_mm: float, space_after: float = 0, reuse_first=False):
    """A short solid rule, centred: an empty 1 pt paragraph with a top border and side indents."""
    paragraph = _paragraph(
        container, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=space_after, reuse_first=reuse_first
    )
    side = max(0.0, (column_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.line_spacing = Pt(2)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.append(borders)
    return paragraph


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _layout_table(document, rows: int, widths_mm: list[float]):
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def _page_number_field(paragraph) -> None:
    run = paragraph.add_run()
    _set_run_font(run, size=13)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = "PAGE"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)


# ---------------------------------------------------------------------------
# Parts of the document
# ---------------------------------------------------------------------------
def _setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # page 1 shows no number
    header_paragraph = section.header.paragraphs[0]
    header_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(header_paragraph)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    r_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)


def _header(document, doc: OfficialDocument) -> None:
    left_mm, right_mm = CONTENT_WIDTH_MM * 0.4, CONTENT_WIDTH_MM * 0.6
    table = _layout_table(document, 2, [left_mm, right_mm])
    agency, nation = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = True
    if doc.authority_line:
        _paragraph(agency, doc.authority_line.upper(), size=13, align=center, reuse_first=True)
        first = False
    if doc.issuer_line:
        _paragraph(agency, doc.issuer_line.upper(), size=13, bold=True, align=center, reuse_first=first)
        _rule(agency, width_mm=left_mm * 0.38, column_mm=left_mm)
    _paragraph(
        nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True, align=center, reuse_first=True
    )
    _paragraph(nation, "Độc lập - Tự do - Hạnh phúc", size=13.5, bold=True, align=center)
    _rule(nation, width_mm=62, column_mm=right_mm)

    number, place_date = table.rows[1].cells
    _paragraph(number, doc.number_text, size=13, align=center, space_before=6, reuse_first=True)
    if doc.subject_line:
        _paragraph(number, doc.subject_line, size=12, align=center, space_before=2)
    if doc.urgency:
        _paragraph(number, doc.urgency.upper(), size=13, bold=True, align=center, space_before=6)
    _paragraph(
        place_date, doc.place_date_text, size=14, italic=True, align=center, space_before=6, reuse_first=True
    )


def _heading(document, doc: OfficialDocument, title_lines: list[str]) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    if not doc.doc_type:  # a công văn has no type name; its subject is under the number
        return
    _paragraph(document, doc.doc_type.upper(), size=14, bold=True, align=center, space_before=18)
    for line in title_lines:
        _paragraph(document, line, size=14, bold=True, align=center)
    if title_lines:
        _rule(document, width_mm=CONTENT_WIDTH_MM * 0.3, column_mm=CONTENT_WIDTH_MM, space_after=12)


def _addressees(document, lines: list[str]) -> None:
    """ "Kính gửi:" upright, not bold: one addressee on its line, several as an indented list."""
    if not lines:
        return
    if len(lines) == 1:
        _paragraph(
            document, f"Kính gửi: {lines[0]}", align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12, space_after=6
        )
        return
    _paragraph(
        document, "Kính gửi:", align=WD_ALIGN_PARAGRAPH.LEFT, space_before=12
    ).paragraph_format.left_indent = Mm(CONTENT_WIDTH_MM * 0.25)
    for line in lines:
        _paragraph(document, line, align=WD_ALIGN_PARAGRAPH.LEFT).paragraph_format.left_indent = Mm(
            CONTENT_WIDTH_MM * 0.35
        )
    _paragraph(document, space_after=6)


def _table(document, block: dict) -> None:
    header = block["header"]
    rows = block["rows"]
    width = max([len(header)] + [len(r) for r in rows]) if (header or rows) else 0
    if not width:
        return
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header + [""] * (width - len(header)), strict=True):
            _paragraph(cell, text, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, reuse_first=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, lines in zip(cells, row + [[]] * (width - len(row)), strict=True):
            for k, line in enumerate(lines or [""]):
                _paragraph(cell, line, size=13, align=WD_ALIGN_PARAGRAPH.LEFT, reuse_first=k == 0)
    _paragraph(document, space_after=0)


def _body(document, blocks: list[dict]) -> None:
    for block in blocks:
        kind = block["kind"]
        if kind in ("table", "tasks_table", "targets"):
            _table(document, block)
            continue
        text = block["text"]
        prefix = f"{block['numbering']} " if block["numbering"] else ""
        if kind == "heading":
            level = block["level"] or 1
            _paragraph(
                document,
                prefix + (text.upper() if level == 1 else text),
                bold=level <= 2,
                italic=level >= 3,
                align=WD_ALIGN_PARAGRAPH.LEFT,
                first_line_indent=FIRST_LINE_INDENT,
                space_after=6,
            ).paragraph_format.keep_with_next = True
        elif kind == "bullet":
            mark = "+" if block["level"] else "-"
            _marked_paragraph(document, f"{mark} ", block)
        else:
            _marked_paragraph(document, prefix, block)


def _marked_paragraph(document, prefix: str, block: dict) -> None:
    """A body paragraph; the bold and italic pieces kept from an imported .docx as runs."""
    pieces = block.get("pieces") or []
    if not any(piece["bold"] or piece["italic"] for piece in pieces):
        _paragraph(document, prefix + block["text"], first_line_indent=FIRST_LINE_INDENT, space_after=6)
        return
    paragraph = _paragraph(document, prefix, first_line_indent=FIRST_LINE_INDENT, space_after=6)
    for piece in pieces:
        _set_run_font(paragraph.add_run(piece["text"]), size=14, bold=piece["bold"], italic=piece["italic"])


def _closing(document, doc: OfficialDocument, recipients: list[str]) -> None:
    table = _layout_table(document, 1, [CONTENT_WIDTH_MM * 0.45, CONTENT_WIDTH_MM * 0.55])
    left, right = table.rows[0].cells
    left_align = WD_ALIGN_PARAGRAPH.LEFT
    if recipients:
        _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=left_align, reuse_first=True)
        for recipient in recipients:
            _paragraph(left, f"- {recipient}", size=11, align=left_align)
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = True
    if doc.signer_prefix_line:
        _paragraph(right, doc.signer_prefix_line.upper(), bold=True, align=center, reuse_first=True)
        first = False
    for line in doc.signer_position_lines:
        _paragraph(right, line.upper(), bold=True, align=center, reuse_first=first)
        first = False
    for _ in range(4):  # room for the signature and the seal
        _paragraph(right, align=center, reuse_first=first)
        first = False
    _paragraph(right, doc.signer_name, bold=True, align=center, reuse_first=first)


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------
def render_docx(doc: OfficialDocument) -> bytes:
    context = document_context(doc)
    document = Document()
    _setup(document)
    _header(document, doc)
    _heading(document, doc, context["title_lines"])
    for basis in context["legal_bases"]:
        _paragraph(document, basis, italic=True, first_line_indent=FIRST_LINE_INDENT, space_after=6)
    _addressees(document, context["addressee_lines"])
    _body(document, context["body"])
    _closing(document, doc, context["recipients"])
    # python-docx starts the body with an empty paragraph only when asked to; none to remove here.
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
