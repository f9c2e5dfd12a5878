"""Official documents (văn bản hành chính) laid out per Decree 30/2020/NĐ-CP, as HTML, PDF and DOCX.

One plain ``OfficialDocument`` feeds every renderer: ``render_html`` (Django template
``documents/base.html``), ``render_pdf`` (WeasyPrint on that HTML; static files are read from
disk through the staticfiles finders, never over HTTP) and ``reports.docx.render_docx``.

Body blocks are dicts::

    {"kind": "heading", "level": 1, "numbering": "I.", "text": "MỤC ĐÍCH, YÊU CẦU"}
    {"kind": "paragraph", "text": "...", "numbering": ""}          # numbering "1." for numbered items
    {"kind": "bullet", "text": "...", "level": 0}                 # printed "- text" ("+ text" at level 1)
    {"kind": "table", "header": [...], "rows": [[cell, ...], ...]}
    {"kind": "tasks_table", "header": ["Thời gian", "Nội dung công việc"], "rows": [["Tháng 1", [item, ...]]]}
    {"kind": "targets", "header": [...], "rows": [["1", "Chỉ tiêu", "Đơn vị", "12.884", ""], ...]}
    {"kind": "center", "text": "GIÁM ĐỐC SỞ Y TẾ"}                # a bold centred line ("QUYẾT ĐỊNH:")
    {"kind": "basis", "text": "Căn cứ ...;"}                       # a legal basis, in italics
    {"kind": "addressee", "text": "Kính gửi: ..."}                  # upright, not bold, centred

A table cell is a string or a list of strings (printed one per line; the items of a task cell get
a leading "- "). A table block's ``cell_marks`` ([[row, column, start, end, "b" | "i"], ...], row 0
the first row under the header) keeps the bold and italic pieces of a cell, over the cell's text
(a list cell's lines joined by "\n"); ``prepare_body`` gives each cell its lines as pieces
(``piece_rows``). A paragraph numbered "Điều n." prints its number in bold. A key target with
several values prints each value on the row of its own sub-line ("- Tuyến tỉnh"). A table block's
``group_rows`` lists the rows that head a group of the rows under them (the awards of a decision's
list: "I. Danh hiệu “Lao động tiên tiến”"): the row's first cell spans the table, in bold, and
takes no part in the columns' widths.

``appendix`` holds the blocks printed after the signature, from a new page, under
``appendix_title`` (bold, centred) and ``appendix_note`` ("(Kèm theo Quyết định số ...)", in
italics): the list of awardees of a decision. ``countersigner_*`` is a second signature printed
left of the signer's (the secretary of a council's minutes).
"""

from __future__ import annotations

import datetime
import mimetypes
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from units import collector, vn

from . import layout

DOCUMENT_LANGUAGE = "vi"  # official documents are in Vietnamese whatever the screens are in
BASE_URL = "file:///"  # relative and /static/ URLs resolve under it; the fetcher maps them to disk
TEXT_KINDS = ("paragraph", "bullet")
# The stylesheet by its plain name (not the manifest's hashed one): the PDF fetcher finds it with the
# staticfiles finders, and whitenoise serves the plain name too for an HTML preview.
STYLESHEET = "css/document.css"


@dataclass
class OfficialDocument:
    authority_line: str = ""  # "UBND TỈNH ĐỒNG NAI" (cơ quan chủ quản)
    issuer_line: str = ""  # "SỞ Y TẾ" (cơ quan ban hành)
    number_text: str = ""  # "Số: 12/KH-SYT" or, for a draft, "Số:      /KH-SYT"
    place_date_text: str = ""  # "Đồng Nai, ngày 27 tháng 01 năm 2021"
    doc_type: str = "KẾ HOẠCH"
    title: str = ""  # trích yếu; may hold several lines ("\n")
    legal_bases: list[str] = field(default_factory=list)
    body: list[dict] = field(default_factory=list)
    signer_prefix_line: str = ""  # "KT. GIÁM ĐỐC", "TM. HỘI ĐỒNG" or ""
    signer_position_lines: list[str] = field(default_factory=list)  # ["PHÓ GIÁM ĐỐC"]
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)  # "Ban TĐKT tỉnh;" ... "Lưu: VT, VP."
    urgency: str = ""  # "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"
    appendix_title: str = ""  # "DANH SÁCH\nCÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"; may hold several lines
    appendix_note: str = ""  # "(Kèm theo Quyết định số 01/QĐ-SYT ngày 15/01/2026 của Giám đốc Sở Y tế)"
    appendix: list[dict] = field(default_factory=list)
    countersigner_title_lines: list[str] = field(default_factory=list)  # ["THƯ KÝ"]
    countersigner_name: str = ""
    issue_date: datetime.date | None = None  # the DOCX's dates; read from place_date_text when None
    subject_line: str = ""  # a công văn's "V/v …", printed under the number (no doc_type then)
    addressees: list[str] = field(default_factory=list)  # "Kính gửi:" one line, or a dashed list


# ---------------------------------------------------------------------------
# The header and signer a document prints
# ---------------------------------------------------------------------------
def document_heading(obj, agency, *, recipients=(), council: bool = False):
    """Where a document's header and signature come from: the object's own
    ``units.models.DocumentHeading`` fields, printed exactly as set; for an object never given any
    (made by code rather than through its form), the agency's defaults with ``recipients``."""
    from units.models import DocumentHeading

    if any(getattr(obj, name) for name in DocumentHeading.HEADING_FIELDS):
        return obj
    values = agency.heading_defaults(council=council)
    values["recipients"] = list(recipients)
    heading = SimpleNamespace(**values)
    heading.signer_prefix_line = (
        f"{heading.signer_prefix} {heading.signer_prefix_title}".strip() if heading.signer_prefix else ""
    )
    heading.signer_position_lines = [ln.strip() for ln in heading.signer_position.splitlines() if ln.strip()]
    heading.recipient_lines = list(heading.recipients)
    return heading


# ---------------------------------------------------------------------------
# Context
# ---------------------------------------------------------------------------
def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in (text or "").split("\n") if ln.strip()]


def marked_pieces(text: str, marks) -> list[dict]:
    """The text cut at its bold and italic marks ([start, end, "b" | "i"], as kept from a .docx):
    [{"text", "bold", "italic"}, ...]; one plain piece when there is no mark."""
    bounds = {0, len(text)}
    for start, end, _kind in marks or []:
        bounds.update(x for x in (start, end) if 0 <= x <= len(text))
    cuts = sorted(bounds)
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start == end:
            continue
        kinds = {kind for s, e, kind in marks or [] if s <= start and end <= e}
        pieces.append({"text": text[start:end], "bold": "b" in kinds, "italic": "i" in kinds})
    return pieces


TABLE_KINDS = ("table", "tasks_table", "targets")


def _trim_line(line: list[dict]) -> list[dict]:
    """A line's pieces without the spaces at either end."""
    while line and not line[0]["text"].lstrip():
        line = line[1:]
    while line and not line[-1]["text"].rstrip():
        line = line[:-1]
    if line:
        line = [{**line[0], "text": line[0]["text"].lstrip()}, *line[1:]]
        line = [*line[:-1], {**line[-1], "text": line[-1]["text"].rstrip()}]
    return line


def cell_pieces(cell, marks=(), *, dash: bool = False) -> list[list[dict]]:
    """A table cell as lines of pieces ({"text", "bold", "italic"}): a string cell a line per
    "\n", a list cell a line per item ("- item" when ``dash``), each stripped, empty ones left
    out; ``marks`` ([start, end, kind]) are over the lines joined by "\n"."""
    if isinstance(cell, list | tuple):
        items = [str(c) for c in cell]
    else:
        items = str(cell if cell is not None else "").split("\n")
    out = []
    at = 0
    for item in items:
        local = [
            [max(start - at, 0), min(end - at, len(item)), kind]
            for start, end, kind in marks
            if start < at + len(item) and end > at
        ]
        at += len(item) + 1
        line = _trim_line(marked_pieces(item, local))
        if line:
            out.append([{"text": "- ", "bold": False, "italic": False}, *line] if dash else line)
    return out


def tasks_table_marks(rows: list[list], contents: dict, marks) -> list[list]:
    """The cell marks of a tasks table (``reports.documents``: [row, 1, start, end, kind] over its
    content cell) from the marks of its tasks: ``marks`` as [key, start, end, kind] over a task's
    content, ``contents`` the content of each key. A mark that no longer fits its task's text
    (the task was edited since) is left out."""
    by_content: dict[str, list] = {}
    for key, start, end, kind in (m for m in marks or [] if len(m) == 4):
        content = contents.get(key)
        if content is not None and 0 <= start < end <= len(content):
            by_content.setdefault(content, []).append((start, end, kind))
    out = []
    for r, (_label, items) in enumerate(rows):
        at = 0
        for item in items:
            out.extend([r, 1, at + start, at + end, kind] for start, end, kind in by_content.get(item, ()))
            at += len(item) + 1
    return out


def table_marks(marks) -> list[list]:
    """A free table's marks ([row, column, start, end, kind], row 0 its header) as the cell marks
    of its body rows."""
    return [[row - 1, *rest] for row, *rest in (m for m in marks or [] if len(m) == 5) if row >= 1]


def _plain_pieces(rows: list[list[list[str]]]) -> list[list[list[list[dict]]]]:
    return [
        [[[{"text": line, "bold": False, "italic": False}] for line in cell] for cell in row] for row in rows
    ]


def _split_targets(rows: list[list[list[str]]]) -> tuple[list[list[list[str]]], set[int]]:
    """A key target with several values ("n. indicator", "- label a", "- label b" beside "12", "34")
    as one row for the indicator and one per value, so that each value stands beside its own
    sub-line however the indicator wraps. The indexes of the continuing rows come second."""
    out: list[list[list[str]]] = []
    continuing: set[int] = set()
    for row in rows:
        first = row[0] if row else []
        values = row[2] if len(row) > 2 else []
        labels = first[1:]
        if len(row) >= 3 and len(values) > 1 and len(labels) == len(values):
            units = row[1] if len(row[1]) == len(values) else [*row[1], *([""] * len(values))][: len(values)]
            rest = [[] for _ in row[3:]]
            out.append([[first[0]], [], [], *row[3:]])
            for label, unit, value in zip(labels, units, values, strict=True):
                continuing.add(len(out))
                out.append([[label], [unit] if unit else [], [value], *rest])
        else:
            out.append(row)
    return out, continuing


def prepare_body(body: list[dict], *, final_mark: bool = True) -> list[dict]:
    """Blocks ready for the templates: defaults filled, table cells as lists of lines, column
    widths and the font size of each table, and the closing mark './.' attached to the last
    paragraph when it is missing."""
    out = []
    for raw in body:
        block = {
            "kind": raw.get("kind", "paragraph"),
            "level": raw.get("level") or 0,
            "numbering": raw.get("numbering", ""),
            "text": raw.get("text", ""),
            "marks": list(raw.get("marks") or []),
            "header": list(raw.get("header") or []),
            "rows": [],
        }
        block["strong_numbering"] = block["numbering"].startswith("Điều")
        dash = block["kind"] == "tasks_table"
        cell_marks: dict[tuple[int, int], list] = {}
        for row, col, start, end, kind in (m for m in raw.get("cell_marks") or [] if len(m) == 5):
            cell_marks.setdefault((row, col), []).append([start, end, kind])
        block["piece_rows"] = [
            [cell_pieces(cell, cell_marks.get((r, k), ()), dash=dash and k > 0) for k, cell in enumerate(row)]
            for r, row in enumerate(raw.get("rows") or [])
        ]
        block["rows"] = [
            [["".join(piece["text"] for piece in line) for line in cell] for cell in row]
            for row in block["piece_rows"]
        ]
        if block["kind"] in TABLE_KINDS:
            continuing: set[int] = set()
            if block["kind"] == "targets":
                block["source_rows"] = block["rows"]  # one row a target: the DOCX, read back by the importer
                block["rows"], continuing = _split_targets(block["rows"])
                block["piece_rows"] = _plain_pieces(block["rows"])
            groups = set(raw.get("group_rows") or ()) if block["kind"] == "table" else set()
            body_rows = [row for r, row in enumerate(block["rows"]) if r not in groups]
            columns = max([len(block["header"])] + [len(row) for row in body_rows])
            block["continuing"] = continuing
            block["group_rows"] = groups
            block["columns"] = columns
            block["font_size"] = layout.table_font_size(columns)
            block["widths"] = layout.column_widths(block["header"], body_rows, size=block["font_size"])
        out.append(block)
    if final_mark:
        for block in reversed(out):
            if block["kind"] in TEXT_KINDS and block["text"].strip():
                block["text"] = vn.ensure_final_mark(block["text"])
                break
    for block in out:
        block["pieces"] = marked_pieces(block["text"], block["marks"])
    return out


_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def document_date(doc: OfficialDocument) -> datetime.date | None:
    """The day of the document: ``issue_date``, or the one its place-and-date line writes out."""
    if doc.issue_date:
        return doc.issue_date
    found = _DATE_WORDS.search(doc.place_date_text or "")
    if not found:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def header_lines(doc: OfficialDocument) -> OfficialDocument:
    """The document with its letterhead lines kept whole word by word (``layout.keep_words``)."""
    return replace(
        doc,
        authority_line=layout.keep_words(doc.authority_line.upper()),
        issuer_line=layout.keep_words(doc.issuer_line.upper()),
    )


AGENCY_COLUMN_PT = layout.CONTENT_WIDTH_MM * layout.PT_PER_MM * layout.HEADER_AGENCY_SHARE
CONTENT_PT = layout.CONTENT_WIDTH_MM * layout.PT_PER_MM
ISSUER_SIZE, TITLE_SIZE = 13, 14


def rule_classes(doc: OfficialDocument, title_lines: list[str]) -> dict:
    """The width classes (``doc-w-N``: N % of the box) of the rules under the issuing body and
    under the subject: 2/5 of the line of text right above each (within 1/3..1/2)."""
    issuer = layout.rule_percent(doc.issuer_line, width_pt=AGENCY_COLUMN_PT, size=ISSUER_SIZE)
    last_title = title_lines[-1] if title_lines else doc.doc_type
    title = layout.rule_percent(last_title, width_pt=CONTENT_PT, size=TITLE_SIZE)
    note = layout.rule_percent(
        doc.appendix_note or doc.appendix_title, width_pt=CONTENT_PT, size=TITLE_SIZE, bold=False
    )
    return {"issuer": f"doc-w-{issuer}", "title": f"doc-w-{title}", "appendix": f"doc-w-{note}"}


def document_context(doc: OfficialDocument) -> dict:
    doc = header_lines(doc)
    title_lines = _lines(doc.title)
    return {
        "doc": doc,
        "stylesheet_url": settings.STATIC_URL + STYLESHEET,
        "title_lines": title_lines,
        "body": prepare_body(doc.body),
        "legal_bases": [b.strip() for b in doc.legal_bases if b.strip()],
        "recipients": [r.strip() for r in doc.recipients if r.strip()],
        "rules": rule_classes(doc, title_lines),
        "appendix": prepare_body(doc.appendix, final_mark=False),
        "appendix_title_lines": _lines(doc.appendix_title),
        # Empty title lines under the shorter of two signature titles: both names on one line.
        "countersigner_pad": range(max(0, _signer_title_count(doc) - len(doc.countersigner_title_lines))),
        "addressee_lines": addressee_lines(doc.addressees),
    }


def _signer_title_count(doc: OfficialDocument) -> int:
    return len([line for line in [doc.signer_prefix_line, *doc.signer_position_lines] if line])


def addressee_lines(addressees: list[str]) -> list[str]:
    """The "Kính gửi:" lines of a công văn (Decree 30/2020/NĐ-CP, Appendix I, part II): one
    addressee is written on the line itself and ends with a full stop; several are a list, each
    "- name;" and the last "- name."."""
    names = [a.strip().lstrip("-–•").strip().rstrip(";.,") for a in addressees if a.strip()]
    names = [name for name in names if name]
    if len(names) <= 1:
        return [f"{names[0]}." for name in names[:1]]
    return [f"- {name}{'.' if k == len(names) - 1 else ';'}" for k, name in enumerate(names)]


# ---------------------------------------------------------------------------
# HTML and PDF
# ---------------------------------------------------------------------------
def render_html(doc: OfficialDocument, *, template: str = "documents/base.html") -> str:
    return render_to_string(template, document_context(doc))


def static_path(url: str) -> Path | None:
    """The file on disk for a /static/ URL (or a file:// URL under it), via the staticfiles finders."""
    parsed = urlparse(url)
    path = unquote(parsed.path)
    static_url = urlparse(settings.STATIC_URL).path or "/static/"
    if not path.startswith(static_url):
        return None
    relative = path[len(static_url) :]
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    return Path(found) if found else None


def _static_fetcher():
    """WeasyPrint's fetcher: static files from disk, data: URLs inline, nothing from the network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = static_path(url)
            if found is None:
                raise ValueError(f"Tài nguyên không được phép khi in văn bản (chỉ đọc tệp tĩnh): {url}")
            mime_type, _encoding = mimetypes.guess_type(str(found))
            return URLFetcherResponse(
                url, found.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
            )

    return StaticFilesFetcher(allowed_protocols={"data", "file"})


_weasyprint = threading.local()


def pdf_resources() -> SimpleNamespace:
    """WeasyPrint's font configuration and the documents' stylesheet, made once per process (and
    thread) instead of at every render: left to itself WeasyPrint loads fontconfig's font list into
    a new Pango font map (losing its caches of fonts found and text shaped) and parses the
    stylesheet again for each document. The stylesheet is parsed again when its file changes."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    path = static_path(settings.STATIC_URL + STYLESHEET)
    stamp = (str(path), path.stat().st_mtime_ns) if path else None
    cached = getattr(_weasyprint, "resources", None)
    if cached is None or cached.stamp != stamp:
        font_config = cached.font_config if cached is not None else FontConfiguration()
        fetcher = _static_fetcher()
        stylesheets = [CSS(filename=str(path), url_fetcher=fetcher, font_config=font_config)] if path else []
        cached = _weasyprint.resources = SimpleNamespace(
            stamp=stamp, font_config=font_config, stylesheets=stylesheets
        )
    return cached


def render_document(doc: OfficialDocument, *, template: str = "documents/base.html"):
    """The document laid out in pages (a ``weasyprint.Document``), with the resources above: the
    HTML links no stylesheet, the parsed one is given instead."""
    from weasyprint import HTML

    resources = pdf_resources()
    html = render_to_string(template, {**document_context(doc), "stylesheet_url": ""})
    with collector.paused():  # the layout's boxes: collections would walk the whole process (units.collector)
        return HTML(string=html, base_url=BASE_URL, url_fetcher=_static_fetcher()).render(
            stylesheets=resources.stylesheets, font_config=resources.font_config
        )


def render_pdf(doc: OfficialDocument, *, template: str = "documents/base.html") -> bytes:
    document = render_document(doc, template=template)
    with collector.paused():
        return document.write_pdf()


# ---------------------------------------------------------------------------
# From an imported plan
# ---------------------------------------------------------------------------
BULLET_MARKS = ("", "-", "+", "•")


def written_block(block) -> dict:
    """A table, heading or paragraph printed as the document wrote it (a saved block or a parsed one)."""
    from plans.parsed import BlockKind

    if block.kind == BlockKind.TABLE:
        return {
            "kind": "table",
            "header": block.rows[0] if block.rows else [],
            "rows": block.rows[1:],
            "cell_marks": table_marks(block.marks),
        }
    return {
        "kind": block.kind,
        "level": block.level,
        "numbering": block.numbering,
        "text": block.text,
        "marks": block.marks,
    }


def task_block(block, text: str) -> dict:
    """A task printed where its plan wrote it: a bullet under a dash (or no numbering), else a
    paragraph with the plan's own numbering and level."""
    if block.numbering in BULLET_MARKS:
        return {"kind": "bullet", "text": text, "marks": block.marks}
    return {
        "kind": "paragraph",
        "level": block.level,
        "numbering": block.numbering,
        "text": text,
        "marks": block.marks,
    }


def document_from_parsed(
    parsed,
    *,
    authority_line: str = "",
    issuer_line: str = "",
) -> OfficialDocument:
    """An OfficialDocument for a ParsedPlan (preview of an import, before any row is saved)."""
    from plans.parsed import BlockKind
    from units.numbering import format_number

    body: list[dict] = []
    for block in parsed.blocks:
        if block.kind == BlockKind.TASK:
            body.append(task_block(block, parsed.tasks[block.task_index].content))
        elif block.kind == BlockKind.TASKS_TABLE:
            header = block.rows[0] if block.rows else ["Thời gian", "Nội dung công việc"]
            rows: list[list] = []
            for task in parsed.tasks:
                if task.period_kind not in ("month", "quarter"):
                    continue
                label = vn.period_label(task.period_kind, task.period_value)
                if rows and rows[-1][0] == label:
                    rows[-1][1].append(task.content)
                else:
                    rows.append([label, [task.content]])
            contents = dict(enumerate(task.content for task in parsed.tasks))
            marks = tasks_table_marks(rows, contents, block.marks)
            body.append({"kind": "tasks_table", "header": header, "rows": rows, "cell_marks": marks})
        elif block.kind == BlockKind.TARGETS:
            header = block.rows[0] if block.rows else ["CHỈ TIÊU", "ĐƠN VỊ TÍNH", "KẾ HOẠCH", "GHI CHÚ"]
            rows = []
            for n, target in enumerate(parsed.targets, start=1):
                labels = [f"- {v.label}" for v in target.values if v.label]
                rows.append(
                    [
                        [f"{n}. {target.indicator}", *labels],
                        [v.unit_of_measure or target.unit_of_measure for v in target.values]
                        or [target.unit_of_measure],
                        [v.planned for v in target.values],
                        target.note,
                    ]
                )
            body.append({"kind": "targets", "header": header, "rows": rows})
        else:
            body.append(written_block(block))
    prefix_line = (
        f"{parsed.signer_prefix} {parsed.signer_prefix_title}".strip() if parsed.signer_prefix else ""
    )
    if parsed.issue_date:
        place_date = vn.place_date(parsed.place, parsed.issue_date)
    else:
        place_date = vn.place_date(parsed.place, None, year=parsed.year, month=parsed.issue_month)
    return OfficialDocument(
        authority_line=authority_line,
        issuer_line=issuer_line,
        number_text=format_number(parsed.number, parsed.symbol or "KH"),
        place_date_text=place_date,
        doc_type=parsed.doc_type,
        title=parsed.title,
        legal_bases=list(parsed.legal_bases),
        body=body,
        signer_prefix_line=prefix_line,
        signer_position_lines=_lines(parsed.signer_position),
        signer_name=parsed.signer_name,
        recipients=list(parsed.recipients),
    )
