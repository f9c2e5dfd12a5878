"""The DOCX twin of documents/base.html: an OfficialDocument laid out per Decree 30/2020/NĐ-CP.

A4, margins 20/20/30/15 mm, Times New Roman 14; the header and the recipients/signer block are
borderless 2-column tables; page numbers centred in the header from page 2 on (a different,
empty first-page header). The office edits this file in Word or LibreOffice before issuing, so
everything is plain paragraphs with direct formatting, no custom styles.

What keeps the layout in every word processor, not only in Word:

- each table carries its width, a fixed layout, and the same column widths twice: in its grid
  (``w:tblGrid/w:gridCol``) and on every cell (``w:tcW``) — LibreOffice follows the grid, Word
  the cells; when they disagree the national motto wraps and every column comes out equal;
- body tables take the column widths of the PDF (``reports.layout.column_widths``), their header
  row repeats on each page (``w:tblHeader``) and no row splits across pages (``w:cantSplit``);
- the signature block is one unsplittable row whose paragraphs keep with the next, so the
  signer's name never stands alone on a page;
- the language is Vietnamese (vi-VN) in the default style, the Normal style and every run;
- the core properties are the document's own: its title, the agency as author, its date as
  created and modified (python-docx's template says "python-docx", 2013).
"""

from __future__ import annotations

import datetime
import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from reports import layout
from reports.documents import OfficialDocument, document_context, document_date

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
CONTENT_WIDTH_MM = layout.CONTENT_WIDTH_MM
FIRST_LINE_INDENT = Cm(1.27)
HEADER_WIDTHS_MM = (
    CONTENT_WIDTH_MM * layout.HEADER_AGENCY_SHARE,
    CONTENT_WIDTH_MM * (1 - layout.HEADER_AGENCY_SHARE),
)
CELL_MARGIN_MM = 1.9  # Word's default left and right cell margins (0.19 cm)
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The children of w:pPr that come after w:pBdr (ECMA-376, CT_PPrBase), in order.
PPR_AFTER_BORDER = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


# ---------------------------------------------------------------------------
# Low-level helpers
# ---------------------------------------------------------------------------
# The characters XML 1.0 cannot hold (the C0 controls but tab, line feed and carriage return): a
# pasted or mistyped one would stop python-docx; it is dropped from what the DOCX writes.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text) -> str:
    return NOT_XML.sub("", str(text))


def _lang_element():
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    return lang


def _set_language(r_pr) -> None:
    for old in r_pr.findall(qn("w:lang")):
        r_pr.remove(old)
    r_pr.insert_element_before(_lang_element(), "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_run_font(run, *, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)
    _set_language(r_pr)


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
    keep_with_next: bool = False,
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
    if keep_with_next:
        fmt.keep_with_next = True
        fmt.keep_together = True
    if first_line_indent is not None:
        fmt.first_line_indent = first_line_indent
    if text:
        _set_run_font(paragraph.add_run(xml_text(text)), size=size, bold=bold, italic=italic)
    return paragraph


def _rule(
    container, *, width_mm: float, column_mm: float, space_after: float = 0, reuse_first=False, in_cell=False
):
    """A short solid rule, centred: an empty 1 pt paragraph with a top border and side indents
    (in a table cell, within the cell's margins)."""
    paragraph = _paragraph(
        container, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=space_after, reuse_first=reuse_first
    )
    usable = column_mm - (2 * CELL_MARGIN_MM if in_cell else 0)
    side = max(0.0, (usable - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.line_spacing = Pt(2)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.insert_element_before(borders, *PPR_AFTER_BORDER)
    return paragraph


def _rule_mm(text: str, *, column_mm: float, size: float, bold: bool = True) -> float:
    """2/5 of the last line ``text`` makes in a column ``column_mm`` wide (``reports.layout``)."""
    usable = (column_mm - 2 * CELL_MARGIN_MM) * layout.PT_PER_MM
    return layout.rule_length_pt(text, width_pt=usable, size=size, bold=bold) / layout.PT_PER_MM


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _table_width(table, total_mm: float) -> None:
    """The table's own width and a fixed layout: the columns are what the grid says."""
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(round(Mm(total_mm).twips)))
    width.set(qn("w:type"), "dxa")
    table.autofit = False  # w:tblLayout w:type="fixed"


def _set_widths(table, widths_mm: list[float]) -> None:
    """The same widths in the grid (``w:gridCol``) and on every cell (``w:tcW``)."""
    _table_width(table, sum(widths_mm))
    grid = table._tbl.tblGrid
    for col, width in zip(grid.gridCol_lst, widths_mm, strict=True):
        col.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _cell_margins(table, points: float) -> None:
    """The left and right margins of the table's cells (``w:tblCellMar``): the PDF's padding,
    so that a column holds in Word and LibreOffice what it holds in the PDF (Word's default,
    0.19 cm a side, broke a narrow column's "STT" in two)."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(points * 20)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    look = tbl_pr.find(qn("w:tblLook"))  # CT_TblPr: tblCellMar comes after tblLayout, before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _row_properties(row, *, header: bool = False) -> None:
    """A row never splits across pages; a header row repeats on each page."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell_edge(cell, edge: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), "nil")
    borders.append(element)


def _layout_table(document, rows: int, widths_mm: list[float]):
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _set_widths(table, widths_mm)
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


def _page_break(document) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


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
    r_pr = normal.element.get_or_add_rPr()
    r_fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        r_fonts.set(qn(attr), FONT)
    _set_language(r_pr)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        default_r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if default_r_pr is not None:
            _set_language(default_r_pr)
    settings = document.settings.element
    for old in settings.findall(qn("w:themeFontLang")):
        old.set(qn("w:val"), LANGUAGE)


def _agency_name(doc: OfficialDocument) -> str:
    from units.models import Agency

    try:
        name = Agency.load().name
    except Exception:  # no agency row (a bare database): the document's own issuing body
        name = ""
    return name or " ".join(doc.issuer_line.split())


def _properties(document, doc: OfficialDocument, title_lines: list[str]) -> None:
    """The document's own title, author and dates instead of python-docx's template values."""
    day = document_date(doc) or datetime.date.today()
    moment = datetime.datetime(day.year, day.month, day.day, 8, 0, tzinfo=datetime.UTC)
    author = _agency_name(doc)
    props = document.core_properties
    props.title = xml_text(" ".join([doc.doc_type.capitalize(), *title_lines]).strip())
    props.subject = xml_text(" ".join(title_lines))
    props.author = xml_text(author)
    props.last_modified_by = xml_text(author)
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.language = LANGUAGE
    props.comments = ""
    props.keywords = ""
    props.category = doc.doc_type.capitalize()


def _header(document, doc: OfficialDocument) -> None:
    left_mm, right_mm = HEADER_WIDTHS_MM
    table = _layout_table(document, 2, [left_mm, right_mm])
    for row in table.rows:
        _row_properties(row)
    agency, nation = table.rows[0].cells
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = True
    if doc.authority_line:
        _paragraph(agency, doc.authority_line.upper(), size=13, align=center, reuse_first=True)
        first = False
    if doc.issuer_line:
        _paragraph(agency, doc.issuer_line.upper(), size=13, bold=True, align=center, reuse_first=first)
        rule_mm = _rule_mm(doc.issuer_line.upper(), column_mm=left_mm, size=13)
        _rule(agency, width_mm=rule_mm, column_mm=left_mm, in_cell=True)
    _paragraph(
        nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True, align=center, reuse_first=True
    )
    _paragraph(nation, MOTTO, size=13.5, bold=True, align=center)
    motto_mm = layout.text_width_pt(MOTTO, size=13.5, bold=True) / layout.PT_PER_MM
    _rule(nation, width_mm=motto_mm, column_mm=right_mm, in_cell=True)

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
    _paragraph(
        document, doc.doc_type.upper(), size=14, bold=True, align=center, space_before=18, keep_with_next=True
    )
    for line in title_lines:
        _paragraph(document, line, size=14, bold=True, align=center, keep_with_next=True)
    if title_lines:
        width = _rule_mm(title_lines[-1], column_mm=CONTENT_WIDTH_MM + 2 * CELL_MARGIN_MM, size=14)  # no cell
        _rule(document, width_mm=width, column_mm=CONTENT_WIDTH_MM, space_after=12)


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
    # A key target stays one row (its sub-lines, units and values one per line), as the plan
    # importer reads a DOCX back; the PDF prints a row per sub-line.
    rows = block.get("source_rows") or block["rows"]
    continuing = set() if block.get("source_rows") else (block.get("continuing") or set())
    width = max([len(header)] + [len(r) for r in rows]) if (header or rows) else 0
    if not width:
        return
    size = block.get("font_size") or 13
    percents = block.get("widths") or [100 / width] * width
    widths_mm = [CONTENT_WIDTH_MM * p / 100 for p in percents]
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    if header:
        row = table.add_row()
        _row_properties(row, header=True)
        for cell, text in zip(row.cells, header + [""] * (width - len(header)), strict=True):
            _paragraph(cell, text, size=size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, reuse_first=True)
    # The bold and italic pieces of each line (reports.documents.cell_pieces); a key target's
    # source rows have none.
    piece_rows = [] if block.get("source_rows") else (block.get("piece_rows") or [])
    groups = set() if block.get("source_rows") else (block.get("group_rows") or set())
    group_rows = []
    previous = None
    for index, cells_lines in enumerate(rows):
        row = table.add_row()
        _row_properties(row)
        if index in groups:  # a group's head: bold, one cell across (merged below), kept with the next row
            for k, line in enumerate(cells_lines[0] if cells_lines else [""]):
                _paragraph(
                    row.cells[0],
                    line,
                    size=size,
                    bold=True,
                    align=WD_ALIGN_PARAGRAPH.LEFT,
                    reuse_first=k == 0,
                    keep_with_next=True,
                )
            group_rows.append(row)
            previous = row
            continue
        row_pieces = piece_rows[index] if index < len(piece_rows) else []
        for c, (cell, lines) in enumerate(
            zip(row.cells, cells_lines + [[]] * (width - len(cells_lines)), strict=True)
        ):
            cell_pieces = row_pieces[c] if c < len(row_pieces) else []
            for k, line in enumerate(lines or [""]):
                pieces = cell_pieces[k] if k < len(cell_pieces) else []
                if not any(piece["bold"] or piece["italic"] for piece in pieces):
                    _paragraph(cell, line, size=size, align=WD_ALIGN_PARAGRAPH.LEFT, reuse_first=k == 0)
                    continue
                paragraph = _paragraph(cell, size=size, align=WD_ALIGN_PARAGRAPH.LEFT, reuse_first=k == 0)
                for piece in pieces:
                    _set_run_font(
                        paragraph.add_run(xml_text(piece["text"])),
                        size=size,
                        bold=piece["bold"],
                        italic=piece["italic"],
                    )
        if index in continuing and previous is not None:
            for above, below in zip(previous.cells, row.cells, strict=True):
                _cell_edge(above, "bottom")
                _cell_edge(below, "top")
        previous = row
    _set_widths(table, widths_mm)
    _cell_margins(table, layout.CELL_PADDING_PT)
    across = sum(col.w for col in table._tbl.tblGrid.gridCol_lst)  # the grid's own (rounded) widths
    for row in group_rows:
        row.cells[0].merge(row.cells[-1]).width = across
    _paragraph(document, space_after=0)


def _body(document, blocks: list[dict]) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
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
                keep_with_next=True,
            )
        elif kind == "center":
            _paragraph(
                document, text, bold=True, align=center, space_before=6, space_after=6, keep_with_next=True
            )
        elif kind == "addressee":
            _paragraph(document, text, align=center, space_before=6, space_after=6)
        elif kind == "basis":
            _paragraph(document, text, italic=True, first_line_indent=FIRST_LINE_INDENT, space_after=6)
        elif kind == "bullet":
            mark = "+" if block["level"] else "-"
            _marked_paragraph(document, f"{mark} ", block)
        elif block.get("strong_numbering"):
            paragraph = _paragraph(document, first_line_indent=FIRST_LINE_INDENT, space_after=6)
            _set_run_font(paragraph.add_run(xml_text(block["numbering"])), size=14, bold=True)
            _set_run_font(paragraph.add_run(xml_text(f" {text}")), size=14)
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
        _set_run_font(
            paragraph.add_run(xml_text(piece["text"])), size=14, bold=piece["bold"], italic=piece["italic"]
        )


def _signature(cell, *, title_lines: list[str], name: str, reuse_first: bool = True) -> None:
    """Title lines, room for the signature and seal, the name: every paragraph keeps with the next."""
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = reuse_first
    for line in title_lines:
        _paragraph(cell, line.upper(), bold=True, align=center, reuse_first=first, keep_with_next=True)
        first = False
    for _ in range(4):  # room for the signature and the seal
        _paragraph(cell, align=center, reuse_first=first, keep_with_next=True)
        first = False
    _paragraph(cell, name, bold=True, align=center, reuse_first=first)


def _recipients(container, recipients: list[str], *, reuse_first: bool) -> None:
    left = WD_ALIGN_PARAGRAPH.LEFT
    _paragraph(container, "Nơi nhận:", size=12, bold=True, italic=True, align=left, reuse_first=reuse_first)
    for recipient in recipients:
        _paragraph(container, f"- {recipient}", size=11, align=left)


def _closing(document, doc: OfficialDocument, recipients: list[str]) -> None:
    signer_lines = [line for line in [doc.signer_prefix_line, *doc.signer_position_lines] if line]
    if doc.countersigner_name:
        half = CONTENT_WIDTH_MM / 2
        table = _layout_table(document, 1, [half, half])
        _row_properties(table.rows[0])
        left, right = table.rows[0].cells
        pad = [""] * max(0, len(signer_lines) - len(doc.countersigner_title_lines))  # names on one line
        _signature(left, title_lines=[*doc.countersigner_title_lines, *pad], name=doc.countersigner_name)
        _signature(right, title_lines=signer_lines, name=doc.signer_name)
        if recipients:
            _paragraph(document, space_after=6)
            _recipients(document, recipients, reuse_first=False)
        return
    table = _layout_table(document, 1, [CONTENT_WIDTH_MM * 0.45, CONTENT_WIDTH_MM * 0.55])
    _row_properties(table.rows[0])
    left, right = table.rows[0].cells
    if recipients:
        _recipients(left, recipients, reuse_first=True)
    _signature(right, title_lines=signer_lines, name=doc.signer_name)


def _appendix(document, context: dict) -> None:
    """The appendix from a new page: its heading, the "(Kèm theo ...)" line, a rule, its blocks."""
    doc = context["doc"]
    if not context["appendix"]:
        return
    center = WD_ALIGN_PARAGRAPH.CENTER
    _page_break(document)
    for line in context["appendix_title_lines"]:
        _paragraph(document, line, bold=True, align=center, keep_with_next=True)
    if doc.appendix_note:
        _paragraph(document, doc.appendix_note, italic=True, align=center, keep_with_next=True)
    above = doc.appendix_note or (context["appendix_title_lines"] or [""])[-1]
    column_mm = CONTENT_WIDTH_MM + 2 * CELL_MARGIN_MM
    width = _rule_mm(above, column_mm=column_mm, size=14, bold=not doc.appendix_note)
    _rule(document, width_mm=width, column_mm=CONTENT_WIDTH_MM, space_after=12)
    _body(document, context["appendix"])


def _write(document, doc: OfficialDocument) -> None:
    context = document_context(doc)
    doc = context["doc"]  # the letterhead's lines kept whole word by word
    _header(document, doc)
    _heading(document, doc, context["title_lines"])
    for basis in context["legal_bases"]:
        _paragraph(document, basis, italic=True, first_line_indent=FIRST_LINE_INDENT, space_after=6)
    _addressees(document, context["addressee_lines"])
    _body(document, context["body"])
    _closing(document, doc, context["recipients"])
    _appendix(document, context)


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------
def render_docx_many(docs: list[OfficialDocument]) -> bytes:
    """Several official documents in one DOCX, each from a new page (the first one's properties)."""
    document = Document()
    _setup(document)
    first = docs[0]
    _properties(document, first, document_context(first)["title_lines"])
    for index, doc in enumerate(docs):
        if index:
            _page_break(document)
        _write(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(doc: OfficialDocument) -> bytes:
    return render_docx_many([doc])
