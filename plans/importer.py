"""Read a plan (kế hoạch) from pasted text or a .docx into a ParsedPlan draft.

The text usually comes from a PDF or a web page, so it carries extraction artefacts: lines
hard-wrapped mid-sentence (with blank lines between), HTML fragments (<ul>, <li>, <p>),
markdown marks (#, **), tab-separated tables whose cells are split over several lines, and the
trailer of a digital signature. The pipeline:

1. ``_clean_lines``   text -> lines without the trailer, HTML and markdown marks;
2. ``_scan``          lines -> items: ``_Line`` or ``_Table`` (tab-separated rows);
3. ``_PlanBuilder``   items -> zones (header, type and title, body, recipients and signer),
                      the body's lines joined back into paragraphs, then blocks, tasks,
                      targets and submission requests.

A .docx goes through the same builder: its paragraphs become lines and its tables become
``_Table`` items (layout tables, such as the header or the signature table, are flattened).

Nothing is dropped silently: what cannot be placed lands in ``ParsedPlan.warnings`` (in
Vietnamese, for the user who corrects the draft).
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field

from plans import import_phrases as phrases
from plans.parsed import (
    BlockKind,
    ParsedBlock,
    ParsedPlan,
    ParsedSubmission,
    ParsedTarget,
    ParsedTargetValue,
    ParsedTask,
)
from units import vn


class PlanImportError(ValueError):
    """The text cannot be read as a plan, or as a letter, at all (the message is for the user, in
    Vietnamese). The one error of both importers (``plans.importer``, ``plans.letter_import``)."""


# ---------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------
DOC_TYPES = (
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
    "TỜ TRÌNH",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH",
    "PHƯƠNG ÁN",
    "ĐỀ ÁN",
    "CÔNG VĂN",
    "CHỈ THỊ",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "BIÊN BẢN",
)

_SIGNATURE_STAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$")
_SIGNED_RE = re.compile(r"đã ký lên văn bản", re.IGNORECASE)
_MD_HEADING_RE = re.compile(r"^#{1,6}\s*")
_BOLD_PREFIX_RE = re.compile(r"^\*\*(?P<bold>[^*]+?)\*\*\s*(?P<rest>\S.*)$")
_TAG_RE = re.compile(r"<[^>]{0,300}>")
_LI_RE = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BREAK_TAG_RE = re.compile(r"</?(p|ul|ol|div|br|tr|table|tbody|h[1-6])\b[^>]*/?>", re.IGNORECASE)

_ROMAN_ITEM_RE = re.compile(r"^(?P<num>[IVXL]{1,6})\s*[.)]\s*(?P<text>.*)$")
_ARABIC_ITEM_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s*(?P<text>\S.*)$")
# "3 Xây dựng ..." (the dot forgotten): accepted only when it continues the numbering.
_ARABIC_NODOT_RE = re.compile(r"^(?P<num>\d{1,2})\s+(?P<text>[A-ZĐÀ-ỸÂÊÔƠƯĂ].*)$")
_LETTER_ITEM_RE = re.compile(r"^(?P<num>[a-zđ])\)\s*(?P<text>\S.*)$")
_BULLET_RE = re.compile(r"^(?P<mark>[-+•–—*])\s*(?P<text>\S.*)$")
_ORDINAL_RE = re.compile(r"^Thứ\s+(nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\b", re.IGNORECASE)
_BASIS_RE = re.compile(r"^(Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị)\b")
_CLOSING_PARA_RE = re.compile(r"^Trên đây là\b")
_RECIPIENTS_RE = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_SIGNER_PREFIX_RE = re.compile(r"^(?P<prefix>KT|TM|TL|TUQ|Q)\s*\.\s*(?P<title>\S.*)$")
_SUBJECT_LINE_RE = re.compile(r"^V/v\b", re.IGNORECASE)  # the subject of an official letter
_ADDRESSED_RE = re.compile(r"^Kính gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
# The sections whose numbered items and dashes are tasks when they carry a deadline.
_TASK_SECTION_RE = re.compile(
    r"tổ chức thực hiện|nhiệm vụ|giải pháp|phân công|trách nhiệm|tiến độ|thời gian", re.IGNORECASE
)
_MOTTO_SPLIT_RE = re.compile(
    r"\s(?=(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do)", re.IGNORECASE
)
_RULE_LINE_RE = re.compile(r"^[-_=.\s–—]+$")
_NUMBER_RE = re.compile(r"^Số\s*:?\s*(?P<num>\d*)\s*/\s*(?P<symbol>[^\s,;]+)", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})?",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_PERIOD_RE = re.compile(r"^(?P<kind>Quý|Tháng)\s*(?P<val>\d{1,2}|[IVX]{1,4})\b\s*[:.]?\s*$", re.IGNORECASE)
_PERIOD_LABEL_RE = re.compile(r"^(?P<kind>Quý|Tháng)\s*(?P<val>\d{1,2}|[IVX]{1,4})?\b", re.IGNORECASE)
_IGNORABLE_HEADER_RE = re.compile(
    r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
    r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)$",
    re.IGNORECASE,
)
_DEADLINE_RE = re.compile(
    r"(trước|chậm nhất|hạn chót|không muộn hơn|hạn cuối)\s+(là\s+)?(ngày\s*)?"
    r"(\d{1,2}\s+tháng\s+\d{1,2}(\s+năm\s+\d{4})?|\d{1,2}\s*/\s*\d{1,2}(\s*/\s*\d{4})?)",
    re.IGNORECASE,
)
_SEND_VERB_RE = re.compile(r"\s(gửi|nộp)\b", re.IGNORECASE)
_TERMINAL_RE = re.compile(r"[.:;!?…][\"'”’)\]]*$")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-ỸÂÊÔƠƯĂ“\"])")
# Separates the paragraphs of a .docx table cell (cells of text tables never contain it).
_CELL_PARA = "\u2029"


def _is_upper_text(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
        if ch in "(“\"'":
            continue
        return False
    return False


def _norm_space(text: str) -> str:
    return re.sub(r"[ \t\u00a0\u200b]+", " ", text).strip()


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


# ---------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------
@dataclass
class _Line:
    text: str
    hard: bool = False  # a markdown heading or a split bold prefix: never joined to neighbours
    marks: list[tuple[str, str]] = field(default_factory=list)  # (text, "b"|"i") runs of a .docx


@dataclass
class _Table:
    rows: list[list[str]] = field(default_factory=list)
    # The .docx runs of each cell, row by row: [[[(text, "b"|"i"), ...], ...], ...] (empty for text).
    marks: list[list[list[tuple[str, str]]]] = field(default_factory=list)

    def cell_marks(self, row: int, col: int) -> list[tuple[str, str]]:
        try:
            return self.marks[row][col]
        except IndexError:
            return []


# ---------------------------------------------------------------------------
# Step 1 and 2: text -> items
# ---------------------------------------------------------------------------
def _drop_signature_trailer(lines: list[str]) -> list[str]:
    """Remove '2021-01-27T10:38:22+0700 / Việt Nam / X<mail> đã ký lên văn bản này!'."""
    out: list[str] = []
    skip_until = -1
    for i, line in enumerate(lines):
        if i <= skip_until:
            continue
        core = line.strip()
        if _SIGNATURE_STAMP_RE.match(core):
            # The stamp, the place and the "signed" line come together: drop up to the latter.
            for j in range(i + 1, min(i + 6, len(lines))):
                if _SIGNED_RE.search(lines[j]):
                    skip_until = j
                    break
            continue
        if _SIGNED_RE.search(core):
            continue
        out.append(line)
    return out


def _html_to_lines(text: str) -> list[str]:
    """A line that holds HTML: <li> become '- ' items, block tags line breaks, the rest goes."""
    if "<" not in text or not _TAG_RE.search(text):
        return [html.unescape(text)]
    text = _LI_RE.sub("\n- ", text)
    text = _BREAK_TAG_RE.sub("\n", text)
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text)
    out = []
    for part in text.split("\n"):
        part = part.strip()
        part = re.sub(r"^-\s+-\s+", "- ", part)
        out.append(part)
    return out


def _clean_text_line(text: str) -> list[_Line]:
    """Markdown and HTML off one source line (which may give several lines)."""
    text = _norm_space(text)
    if not text:
        return []
    hard = False
    if text.startswith("#"):
        text = _MD_HEADING_RE.sub("", text)
        hard = True
    lines: list[_Line] = []
    m = _BOLD_PREFIX_RE.match(text)
    if m and _numbering_of(m.group("bold").strip()):
        # "**1. Tập thể:** Các phòng ..." -> a heading and its paragraph.
        lines.append(_Line(_strip_markdown(m.group("bold")), hard=True))
        text = m.group("rest")
        hard = True
    for part in _html_to_lines(text):
        part = _strip_markdown(part)
        if part and re.search(r"[\w]", part):
            lines.append(_Line(part, hard=hard))
    return lines


def _strip_markdown(text: str) -> str:
    text = text.strip()
    if re.match(r"^\*\s+\S", text) and not text.startswith("**"):
        text = "- " + text[1:].strip()  # a markdown bullet
    text = text.replace("*", "")
    text = text.replace("__", "")
    return _norm_space(text)


def _numbering_of(text: str) -> str:
    for rx in (_ROMAN_ITEM_RE, _ARABIC_ITEM_RE, _LETTER_ITEM_RE):
        m = rx.match(text)
        if m and (rx is not _ROMAN_ITEM_RE or vn.from_roman(m.group("num"))):
            return m.group("num")
    return ""


def _split_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip(" \r").split("\t")]


def _is_row_start(line: str) -> bool:
    if "\t" not in line:
        return False
    cells = _split_cells(line)
    return bool(cells[0]) and any(cells[1:])


def _scan(lines: list[str]) -> list[_Line | _Table]:
    """Group tab-separated rows into tables; clean every other line."""
    items: list[_Line | _Table] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if _is_row_start(line):
            table = _Table()
            while i < n:
                line = lines[i]
                if not line.strip():
                    i += 1
                    continue
                if "\t" not in line.strip(" "):
                    break
                cells = _split_cells(line)
                if not cells[0] and table.rows:
                    # A continuation of the previous row's last cell ("\t\t<p>...</p>").
                    extra = " ".join(c for c in cells if c)
                    row = table.rows[-1]
                    last = max((k for k, c in enumerate(row) if c), default=len(row) - 1)
                    row[last] = f"{row[last]} {extra}".strip()
                elif (
                    table.rows
                    and re.fullmatch(r"(Tháng|Quý)", table.rows[-1][0], re.IGNORECASE)
                    and re.fullmatch(r"\d{1,2}|[IVX]{1,4}", cells[0])
                ):
                    # "Tháng\t<first half>" then "7\t<second half>": one row, "Tháng 7".
                    row = table.rows[-1]
                    for k, cell in enumerate(cells):
                        if k < len(row):
                            row[k] = f"{row[k]} {cell}".strip()
                        else:
                            row.append(cell)
                else:
                    table.rows.append(cells)
                i += 1
            # Trailing empty cells ("...\t12.884\t") keep the column count of the header.
            width = max(len(r) for r in table.rows)
            for row in table.rows:
                row.extend([""] * (width - len(row)))
            items.append(table)
            continue
        items.extend(_clean_text_line(line))
        i += 1
    return items


def _text_items(text: str) -> list[_Line | _Table]:
    text = vn.nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = _drop_signature_trailer(text.split("\n"))
    return _scan(lines)


# ---------------------------------------------------------------------------
# Step 3: joining hard-wrapped lines
# ---------------------------------------------------------------------------
def _starts_item(text: str) -> bool:
    if _ROMAN_ITEM_RE.match(text) and vn.from_roman(_ROMAN_ITEM_RE.match(text).group("num")):
        return True
    return bool(
        _ARABIC_ITEM_RE.match(text)
        or _ARABIC_NODOT_RE.match(text)
        or _LETTER_ITEM_RE.match(text)
        or _BULLET_RE.match(text)
        or _ORDINAL_RE.match(text)
        or _BASIS_RE.match(text)
        or _CLOSING_PARA_RE.match(text)
        or _RECIPIENTS_RE.match(text)
        or _PERIOD_RE.match(text)
    )


def _join_lines(lines: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for line in lines:
        if out and _continues(out[-1], line):
            prev = out[-1].text
            if prev.endswith("-") and not prev.endswith(" -") and line.text[:1].isdigit():
                out[-1].text = prev + line.text  # "nhiệm kỳ 2021-" + "2026."
            else:
                out[-1].text = f"{prev} {line.text}"
            out[-1].marks = out[-1].marks + line.marks
            continue
        out.append(_Line(line.text, hard=line.hard, marks=list(line.marks)))
    return out


def _continues(prev: _Line, cur: _Line) -> bool:
    if prev.hard or cur.hard or _starts_item(cur.text):
        return False
    if _starts_lower(cur.text):
        return True
    if _TERMINAL_RE.search(prev.text):
        return False
    # A short numbered line without a full stop is a heading ("1. Văn phòng Sở Y tế"), not a
    # hard-wrapped line (those run to the full width, about 80 characters).
    if len(prev.text) < 60 and (_ARABIC_ITEM_RE.match(prev.text) or _LETTER_ITEM_RE.match(prev.text)):
        return False
    # An upper-case heading goes on only with upper-case text ("II. NỘI DUNG," / "THỜI GIAN").
    return not (_is_upper_text(prev.text) and not _is_upper_text(cur.text))


# ---------------------------------------------------------------------------
# Table cells
# ---------------------------------------------------------------------------
def _cell_text(cell: str) -> str:
    text = _LI_RE.sub(_CELL_PARA + "- ", cell)
    text = _TAG_RE.sub(" ", text)
    text = html.unescape(text).replace("*", "")
    return text


def _cell_plain(cell: str) -> str:
    return _norm_space(_cell_text(cell).replace(_CELL_PARA, " "))


def _cell_items(cell: str) -> list[str]:
    """The '- ' items of a table cell. Extraction glues them on one line: a ' - ' starts an item
    when it follows the end of a sentence or a number and precedes a capital letter
    ("... Bộ Y tế. - Tiếp tục", "... năm 2022 - Tham mưu"), never inside "Văn hóa - Xã hội"."""
    items: list[str] = []
    for part in _cell_text(cell).split(_CELL_PARA):
        part = _norm_space(part)
        if not part:
            continue
        part = re.sub(r"^[-–•+]\s*", "", part)
        start = 0
        pieces = []
        for m in re.finditer(r"\s[-–]\s+", part):
            before = part[m.start() - 1] if m.start() > 0 else ""
            after = part[m.end()] if m.end() < len(part) else ""
            if (before in ".;:!?…”\"')" or before.isdigit()) and after.isupper():
                pieces.append(part[start : m.start()])
                start = m.end()
        pieces.append(part[start:])
        items.extend(p.strip() for p in pieces if p.strip())
    return items


def _period_of(label: str) -> tuple[str, int | None]:
    m = _PERIOD_LABEL_RE.match(_norm_space(label))
    if not m:
        return "", None
    kind = "quarter" if m.group("kind").lower() == "quý" else "month"
    raw = m.group("val")
    if not raw:
        return kind, None
    value = int(raw) if raw.isdigit() else vn.from_roman(raw)
    if (
        value is None
        or (kind == "quarter" and not 1 <= value <= 4)
        or (kind == "month" and not 1 <= value <= 12)
    ):
        return kind, None
    return kind, value


# ---------------------------------------------------------------------------
# Step 3: the builder
# ---------------------------------------------------------------------------
class _PlanBuilder:
    def __init__(self, items: list[_Line | _Table]):
        self.items = items
        self.plan = ParsedPlan()
        self.warn = self.plan.warnings.append
        # numbering state of the body
        self.last_roman = 0
        self.arabic_parent_colon = False  # the last level-2 item ends with ':'
        self.last_arabic = 0
        self.nested_last: int | None = None  # inside "2. ...:" then "1.", "2." again
        self.period: tuple[str, int, int] | None = None  # (kind, value, level of its heading)
        self.month_hint: int | None = None
        # Inside a section of tasks ("Tổ chức thực hiện", "Nhiệm vụ"...): the level of its heading.
        self.task_section: int | None = None
        # The addressee a heading of that section names ("1. Các đơn vị trực thuộc:"), for the
        # items below it: (subject, group, level of the heading).
        self.addressee: tuple[str, str, int] | None = None
        self.marks: list[tuple[str, str]] = []  # the .docx runs of the line being read

    # -- entry point ------------------------------------------------------
    def build(self) -> ParsedPlan:
        if not any(isinstance(it, _Table) or it.text.strip() for it in self.items):
            raise PlanImportError("Không nhận ra cấu trúc kế hoạch: văn bản trống.")
        type_idx = self._find_doc_type()
        subject_idx = self._find_subject_line() if type_idx is None else None
        has_numbering = any(
            isinstance(it, _Line) and (_ROMAN_ITEM_RE.match(it.text) or _ARABIC_ITEM_RE.match(it.text))
            for it in self.items
        )
        if subject_idx is not None:
            return self._build_letter(subject_idx)
        if type_idx is None and not has_numbering:
            raise PlanImportError(
                "Không nhận ra cấu trúc kế hoạch: không thấy tên loại văn bản (KẾ HOẠCH) "
                "và không thấy mục nào được đánh số (I., 1., a))."
            )
        if type_idx is None:
            self.warn("Không thấy dòng tên loại văn bản (KẾ HOẠCH); đã coi văn bản là kế hoạch.")
            header, rest = self._split_header_without_type()
        else:
            header = self.items[:type_idx]
            self.plan.doc_type = self.items[type_idx].text.strip(" .:").upper()
            rest = self.items[type_idx + 1 :]
        self._parse_header(header)
        rest = self._take_title(rest, has_type=type_idx is not None)
        self.plan.kind = phrases.plan_kind_of(self.plan.title)
        body, closing = self._split_closing(rest)
        self._decide_year()
        self._parse_body(body)
        self._parse_closing(closing)
        self._final_checks()
        return self.plan

    # -- official letters (công văn) -----------------------------------------
    def _find_subject_line(self) -> int | None:
        for i, it in enumerate(self.items[:60]):
            if isinstance(it, _Line) and _SUBJECT_LINE_RE.match(it.text):
                return i
        return None

    def _build_letter(self, subject_idx: int) -> ParsedPlan:
        """Số / V/v subject / Kính gửi / body / Nơi nhận and signer: no type line, no title line."""
        plan = self.plan
        plan.doc_type = "CÔNG VĂN"
        subject = [self.items[subject_idx].text]
        end = subject_idx + 1
        while end < len(self.items):
            it = self.items[end]
            if not isinstance(it, _Line) or not (_starts_lower(it.text) or it.text[:1].isdigit()):
                break
            subject.append(it.text)
            end += 1
        plan.title = _norm_space(" ".join(subject))
        plan.kind = phrases.plan_kind_of(plan.title, letter=True)
        rest = self.items[end:]
        # The header runs on to "Kính gửi" (the motto and the date may follow the subject).
        addressed = next(
            (i for i, it in enumerate(rest[:20]) if isinstance(it, _Line) and _ADDRESSED_RE.match(it.text)),
            None,
        )
        if addressed is None:
            addressed = next(
                (i for i, it in enumerate(rest) if not isinstance(it, _Line) or not self._is_header_item(it)),
                len(rest),
            )
            self.warn("Công văn không có dòng «Kính gửi»: cần nhập tay nơi gửi đến.")
        self._parse_header(self.items[:subject_idx] + rest[:addressed])
        rest = self._take_addressees(rest[addressed:])
        self.warn(
            "Văn bản là công văn: các yêu cầu và thời hạn được đọc như nhiệm vụ của một kế hoạch; nơi gửi "
            f"đến («Kính gửi»: {'; '.join(a.rstrip(' ;.') for a in plan.addressees) or 'không có'}) "
            "được ghi lại trong phần ghi chú."
        )
        body, closing = self._split_closing(rest)
        self._decide_year()
        self.task_section = 0  # a letter's numbered items are its requests: all of the body
        self._parse_body(body)
        self._parse_closing(closing)
        self._final_checks()
        return plan

    def _is_header_item(self, it: _Line) -> bool:
        text = it.text
        return bool(
            _NUMBER_RE.match(text) or _PLACE_DATE_RE.match(text) or self._is_header_line(text)
        ) or bool(_RULE_LINE_RE.match(text))

    def _take_addressees(self, rest):
        if not rest or not isinstance(rest[0], _Line):
            return rest
        m = _ADDRESSED_RE.match(rest[0].text)
        if not m:
            return rest
        addressees = self.plan.addressees
        if m.group("rest").strip():
            addressees.append(re.sub(r"^[-–•+]\s*", "", m.group("rest").strip()))
        i = 1
        while i < len(rest) and isinstance(rest[i], _Line):
            text = rest[i].text
            bullet = _BULLET_RE.match(text)
            if bullet:
                addressees.append(bullet.group("text"))
            elif addressees and _starts_lower(text):
                addressees[-1] = f"{addressees[-1]} {text}"
            else:
                break
            i += 1
        if not addressees:
            self.warn("Dòng «Kính gửi» để trống: cần nhập tay nơi gửi đến.")
        return rest[i:]

    # -- zones ------------------------------------------------------------
    def _find_doc_type(self) -> int | None:
        for i, it in enumerate(self.items):
            if isinstance(it, _Line):
                core = it.text.strip(" .:")
                if core.upper() in DOC_TYPES and _is_upper_text(core):
                    return i
            if i > 40:
                break
        return None

    def _split_header_without_type(self):
        for i, it in enumerate(self.items):
            if isinstance(it, _Table):
                return self.items[:i], self.items[i:]
            header_like = (
                _NUMBER_RE.match(it.text) or _PLACE_DATE_RE.match(it.text) or self._is_header_line(it.text)
            )
            if _starts_item(it.text) or not header_like:
                return self.items[:i], self.items[i:]
        return self.items, []

    @staticmethod
    def _is_header_line(text: str) -> bool:
        return bool(_IGNORABLE_HEADER_RE.match(text)) or (_is_upper_text(text) and len(text) < 80)

    def _flatten(self, items) -> list[str]:
        out = []
        for it in items:
            if isinstance(it, _Table):
                for row in it.rows:
                    for cell in row:
                        for part in _cell_text(cell).split(_CELL_PARA):
                            for line in _clean_text_line(part):
                                out.append(line.text)
            else:
                out.append(it.text)
        return out

    def _parse_header(self, header) -> None:
        plan = self.plan
        body_lines: list[str] = []
        lines = []
        for text in self._flatten(header):
            # Two header columns pasted side by side: "SỞ Y TẾ   Độc lập - Tự do - Hạnh phúc".
            lines.extend(part.strip() for part in _MOTTO_SPLIT_RE.split(text) if part and part.strip())
        for text in lines:
            m = _NUMBER_RE.match(text)
            if m and not plan.symbol:
                plan.number = int(m.group("num")) if m.group("num") else None
                plan.symbol = m.group("symbol").strip(" .;,")
                rest = text[m.end() :].strip()
                if rest and _PLACE_DATE_RE.match(rest):
                    self._take_place_date(rest)
                continue
            if _PLACE_DATE_RE.match(text) and not plan.place:
                self._take_place_date(text)
                continue
            if _IGNORABLE_HEADER_RE.match(text) or _RULE_LINE_RE.match(text):
                continue
            if _is_upper_text(text) and len(text) < 80:
                body_lines.append(text)
                continue
            self.warn(f"Dòng ở phần đầu văn bản chưa được xếp vào trường nào (tên cơ quan?): «{text}»")
        plan.authority_line, plan.issuer_line = phrases.issuing_body_of(body_lines)
        if not plan.issuer_line:
            self.warn("Không thấy tên cơ quan ban hành ở phần đầu văn bản: cần nhập tay, không lấy mặc định.")
        if not plan.symbol:
            self.warn("Không thấy số, ký hiệu văn bản (dòng «Số: .../KH-...»): cần nhập tay.")
        if not plan.place:
            self.warn("Không thấy địa danh, ngày tháng ban hành: cần nhập tay.")

    def _take_place_date(self, text: str) -> None:
        m = _PLACE_DATE_RE.match(text)
        plan = self.plan
        plan.place = _norm_space(m.group("place"))
        d, mo, y = m.group("d"), m.group("m"), m.group("y")
        if y:
            plan.year = int(y)
        if mo and not 1 <= int(mo) <= 12:
            self.warn(f"Ngày ban hành không hợp lệ: «{_norm_space(text)}»")
            return
        if mo:
            # Kept even when the day is blank: the draft prints "ngày      tháng 3 năm 2022".
            plan.issue_month = int(mo)
        if d and mo and y:
            try:
                plan.issue_date = datetime.date(int(y), int(mo), int(d))
            except ValueError:
                self.warn(f"Ngày ban hành không hợp lệ: «{text}»")
        elif y:
            self.warn(
                "Ngày ban hành còn để trống (bản dự thảo): "
                f"«{_norm_space(text)}»; ngày sẽ được điền khi ban hành."
            )

    def _take_title(self, rest, *, has_type: bool):
        title_lines: list[str] = []
        i = 0
        while i < len(rest):
            it = rest[i]
            if isinstance(it, _Table):
                break
            text = it.text
            if not title_lines:
                if _starts_item(text) or not has_type:
                    break
                title_lines.append(text)
                i += 1
                continue
            if _starts_item(text) or not (_starts_lower(text) or text[:1].isdigit()):
                break
            title_lines.append(text)
            i += 1
        if title_lines:
            self.plan.title = _norm_space(" ".join(title_lines))
        else:
            self.warn("Không thấy trích yếu (tên kế hoạch) sau tên loại văn bản: cần nhập tay.")
        return rest[i:]

    def _split_closing(self, rest):
        """Body | 'Nơi nhận', recipients and signer (in whichever order the extraction gave)."""
        start = None
        for i, it in enumerate(rest):
            if isinstance(it, _Table):
                if any(_RECIPIENTS_RE.match(_cell_plain(c)) for row in it.rows for c in row):
                    start = i
                    break
                continue
            if _RECIPIENTS_RE.match(it.text) or _SIGNER_PREFIX_RE.match(it.text):
                start = i
                break
        if start is None:
            # No "Nơi nhận" and no prefix: short upper-case lines after the closing mark.
            last_mark = None
            for i, it in enumerate(rest):
                if isinstance(it, _Line) and it.text.rstrip().endswith("./."):
                    last_mark = i
            if last_mark is not None:
                start = last_mark + 1
        if start is None:
            return rest, []
        return rest[:start], rest[start:]

    def _decide_year(self) -> None:
        plan = self.plan
        if plan.year is None:
            years = _YEAR_RE.findall(plan.title)
            if years:
                plan.year = int(years[-1])
        if plan.year is None:
            self.warn("Không xác định được năm của kế hoạch: hạn của các nhiệm vụ để trống.")

    # -- body -------------------------------------------------------------
    def _parse_body(self, body) -> None:
        # Join the hard-wrapped lines of each run between tables.
        joined: list[_Line | _Table] = []
        run: list[_Line] = []
        for it in body:
            if isinstance(it, _Table):
                joined.extend(_join_lines(run))
                run = []
                joined.append(it)
            else:
                run.append(it)
        joined.extend(_join_lines(run))

        in_preamble = True
        for it in joined:
            if isinstance(it, _Table):
                in_preamble = False
                self.marks = []
                self._table(it)
                continue
            text = it.text
            self.marks = it.marks
            if in_preamble:
                if _BASIS_RE.match(text):
                    self._basis(text)
                    continue
                if _starts_item(text) and not _ORDINAL_RE.match(text):
                    in_preamble = False
            self._paragraph(text)

    def _basis(self, text: str) -> None:
        tail = ""
        if text.rstrip().endswith(":"):
            # "Thực hiện Kế hoạch số 216/KH-UBND ... . Sở Y tế phát động ... như sau:"
            parts = _SENTENCE_SPLIT_RE.split(text)
            if len(parts) > 1:
                tail = parts[-1]
                text = " ".join(parts[:-1])
        text = re.sub(r"[.;:,]+$", "", text.rstrip()) + ";"
        self.plan.legal_bases.append(text)
        if tail:
            self._add(ParsedBlock(kind=BlockKind.PARAGRAPH, text=tail))

    def _marks_over(self, text: str) -> list[list]:
        """The .docx runs of the current line that fall inside ``text``, as [start, end, kind]."""
        return _marks_in(text, self.marks)

    def _add(self, block: ParsedBlock) -> None:
        if block.text and self.marks:
            block.marks = self._marks_over(block.text)
        self.plan.blocks.append(block)
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.BULLET, BlockKind.HEADING):
            self._find_submission(block.text)

    def _paragraph(self, text: str) -> None:
        m = _ROMAN_ITEM_RE.match(text)
        if m and vn.from_roman(m.group("num")) and m.group("text"):
            self._roman(m.group("num"), m.group("text"))
            return
        m = _ARABIC_ITEM_RE.match(text)
        if m:
            self._arabic(m.group("num"), m.group("text"), fixed=False)
            return
        m = _ARABIC_NODOT_RE.match(text)
        if m and self._continues_numbering(int(m.group("num"))):
            num = m.group("num")
            self.warn(f"Mục «{num} {m.group('text')[:40]}…» thiếu dấu chấm sau số; đã hiểu là «{num}.».")
            self._arabic(m.group("num"), m.group("text"), fixed=True)
            return
        m = _LETTER_ITEM_RE.match(text)
        if m:
            self._letter(m.group("num"), m.group("text"))
            return
        m = _PERIOD_RE.match(text)
        if m:
            # A bare "Quý I:" line: a heading one level below the current one.
            level = 3 if self.last_arabic else 2
            self._heading_or_numbered(level, "", text)
            self._open_period(text, level)
            return
        m = _BULLET_RE.match(text)
        if m:
            self._bullet(m.group("mark"), m.group("text"))
            return
        if _CLOSING_PARA_RE.match(text):
            self.period = None
        self._add(ParsedBlock(kind=BlockKind.PARAGRAPH, text=text))

    def _continues_numbering(self, n: int) -> bool:
        if self.nested_last is not None:
            return n == self.nested_last + 1
        return n == self.last_arabic + 1

    @staticmethod
    def _is_heading_text(text: str) -> bool:
        if len(text) > 160:
            return False
        if _SENTENCE_SPLIT_RE.search(text.rstrip(" .;")):
            return False
        return text.endswith(":") or not re.search(r"[.;]$", text)

    def _heading_or_numbered(self, level: int, numbering: str, text: str) -> None:
        if self.addressee and level <= self.addressee[2]:
            self.addressee = None
        if self._task_item(text, numbering=numbering, level=level):
            return
        kind = BlockKind.HEADING if self._is_heading_text(text) else BlockKind.PARAGRAPH
        if kind == BlockKind.HEADING:
            self._enter_section(level, text)
        self._add(ParsedBlock(kind=kind, text=text, level=level, numbering=numbering))

    # -- tasks written as numbered paragraphs and dashes ---------------------
    def _enter_section(self, level: int, text: str) -> None:
        """A heading opens or closes a section of tasks, and may name the addressee of its items."""
        if self.task_section is not None and level <= self.task_section:
            self.task_section = None
            self.addressee = None
        if self.task_section is None and _TASK_SECTION_RE.search(text):
            self.task_section = level
            return
        if self.task_section is not None:
            subject, group = phrases.addressee_of(text)
            if subject and len(text.rstrip(" :.")) - len(subject) < 25:
                self.addressee = (subject, group, level)

    def _task_item(self, text: str, *, numbering: str, level: int) -> bool:
        """An item of a task section that carries a deadline or a recurrence is a task (or
        several: "units send before D1; the office reports before D2" gives one per deadline)."""
        if self.task_section is None or self.period is not None:
            return False
        deadlines = phrases.find_deadlines(text, year=self.plan.year)
        if not deadlines:
            return False
        inherited = self.addressee
        for k, (piece, deadline) in enumerate(self._split_levels(text, deadlines)):
            subject, group = phrases.addressee_of(piece)
            if not subject and inherited:
                subject, group = inherited[0], inherited[1]
            task = self._new_task(piece, deadline, subject=subject, group=group)
            self.plan.tasks.append(task)
            block = ParsedBlock(
                kind=BlockKind.TASK,
                numbering=numbering if k == 0 else "",
                level=level,
                task_index=len(self.plan.tasks) - 1,
            )
            if self.marks:
                block.marks = self._marks_over(task.content)
            self.plan.blocks.append(block)
            if group in ("", phrases.GROUP_ALL) and not task.lead_unit_hint:
                # "The units send X before D": also a request to every unit. A report the office
                # itself sends upward, or a group's own work, is a task only.
                self._find_submission(piece)
            if subject:
                inherited = (subject, group, level)
        return True

    @staticmethod
    def _split_levels(text: str, deadlines: list) -> list[tuple[str, object]]:
        """Cut the text after each deadline's clause ("; " or ". ") when another deadline follows."""
        pieces = []
        start = 0
        for current, following in zip(deadlines, deadlines[1:], strict=False):
            between = text[current.end : following.start]
            cut = max(between.rfind("; "), between.rfind(". "))
            if cut < 0:
                continue
            at = current.end + cut + 1
            pieces.append((text[start:at].strip(), current))
            start = at
        last = deadlines[-1] if not pieces else next(d for d in deadlines if d.start >= start)
        pieces.append((text[start:].strip(), last))
        return pieces

    def _new_task(self, content: str, deadline, *, subject: str, group: str, **period) -> ParsedTask:
        task = ParsedTask(content=content, **period)
        if deadline is not None:
            task.deadline_text = deadline.phrase
            task.recurrence = deadline.recurrence
            if deadline.due is not None:
                task.due_date = deadline.due
            elif not deadline.recurrence:
                self.warn(
                    f"Không đọc được hạn «{deadline.phrase}» của nhiệm vụ «{content[:80]}»: cần nhập tay."
                )
        if group:
            task.unit_group = group
        elif subject:
            task.lead_unit_hint = subject
        return task

    def _roman(self, num: str, text: str) -> None:
        value = vn.from_roman(num)
        if self.last_roman and value != self.last_roman + 1:
            self.warn(f"Mục La Mã nhảy từ {vn.to_roman(self.last_roman)} sang {num}: kiểm tra lại bản gốc.")
        self.last_roman = value
        self.last_arabic = 0
        self.arabic_parent_colon = False
        self.nested_last = None
        self.period = None
        self._enter_section(1, text)
        self._add(ParsedBlock(kind=BlockKind.HEADING, text=text, level=1, numbering=f"{num}."))

    def _arabic(self, num: str, text: str, *, fixed: bool) -> None:
        if "." in num:  # "1.2." sub-numbering
            level = 2 + num.count(".")
            self._close_period(level)
            self._heading_or_numbered(level, f"{num}.", text)
            self._maybe_period(text, level)
            return
        n = int(num)
        level = 2
        if self.nested_last is not None:
            if n == self.nested_last + 1:
                level = 3
                self.nested_last = n
            else:
                self.nested_last = None
        if level == 2 and self.arabic_parent_colon and n == 1 and self.last_arabic >= 1:
            # "2. Các cơ quan, đơn vị trực thuộc:" followed by "1. ...", "2. ...": sub-items.
            level = 3
            self.nested_last = 1
        if level == 2:
            if self.last_arabic and n != self.last_arabic + 1 and n != 1:
                self.warn(f"Số thứ tự mục nhảy từ {self.last_arabic}. sang {n}.: kiểm tra lại bản gốc.")
            self.last_arabic = n
            self.arabic_parent_colon = text.rstrip().endswith(":")
        self._close_period(level)
        self._heading_or_numbered(level, f"{num}.", text)
        self._maybe_period(text, level)

    def _letter(self, letter: str, text: str) -> None:
        level = 4 if self.nested_last is not None else 3
        self._close_period(level)
        self._heading_or_numbered(level, f"{letter})", text)
        self._maybe_period(text, level)

    def _close_period(self, level: int) -> None:
        if self.period and level <= self.period[2]:
            self.period = None

    def _maybe_period(self, text: str, level: int) -> None:
        if _PERIOD_RE.match(text):
            self._open_period(text, level)

    def _open_period(self, text: str, level: int) -> None:
        kind, value = _period_of(text)
        if value is None:
            self.warn(f"Không hiểu mốc thời gian «{text}».")
            return
        self.period = (kind, value, level)

    def _due(self, kind: str, value: int | None) -> datetime.date | None:
        year = self.plan.year
        if not year or value is None:
            return None
        if kind == "quarter":
            return vn.quarter_end(year, value)
        if kind == "month":
            return vn.month_end(year, value)
        return None

    def _bullet(self, mark: str, text: str) -> None:
        if self.period and mark in "-–—•*":
            kind, value, _level = self.period
            self.plan.tasks.append(self._period_task(text, kind, value))
            block = ParsedBlock(kind=BlockKind.TASK, numbering="-", task_index=len(self.plan.tasks) - 1)
            if self.marks:
                block.marks = self._marks_over(text)
            self.plan.blocks.append(block)
            self._find_submission(text)
            return
        level = 1 if mark == "+" else 0  # "+" items sit under "-" items
        if self._task_item(text, numbering="-" if mark in "-–—•*" else mark, level=level):
            return
        self._add(ParsedBlock(kind=BlockKind.BULLET, text=text, level=level, numbering=mark))

    def _period_task(self, text: str, kind: str, value: int | None) -> ParsedTask:
        """A task of a quarter or a month; its own deadline ("trước ngày 20/3") is more precise."""
        subject, group = phrases.addressee_of(text)
        deadline = phrases.parse_deadline(text, year=self.plan.year)
        task = self._new_task(
            text,
            deadline,
            subject=subject,
            group=group,
            period_kind=kind if value is not None else "",
            period_value=value,
        )
        if task.due_date is None and not task.recurrence:
            task.due_date = self._due(kind, value)
        return task

    # -- tables -----------------------------------------------------------
    def _table(self, table: _Table) -> None:
        rows = table.rows
        header = [_cell_plain(c) for c in rows[0]]
        if header and "CHỈ TIÊU" in header[0].upper():
            self._targets_table(header, rows[1:])
            return
        if len(rows) >= 2 and self._is_tasks_table(header, rows[1:]):
            self._tasks_table(table, header, rows[1:])
            return
        columns = self._assignment_columns(header)
        if len(rows) >= 2 and columns:
            self._add_table_block(table)
            self._assignment_table(rows[1:], *columns)
            return
        if len(rows) == 1:
            # A lone tab row is layout, not data: keep its cells as paragraphs.
            for col, cell in enumerate(rows[0]):
                text = _cell_plain(cell)
                if text:
                    self.marks = table.cell_marks(0, col)
                    self._paragraph(text)
            self.marks = []
            return
        self._add_table_block(table)

    def _add_table_block(self, table: _Table) -> None:
        """A free table (or one of assignments): its cells as written, with their bold and italic
        pieces as [row, column, start, end, kind] (row 0 the header)."""
        rows = [[_cell_plain(c) for c in row] for row in table.rows]
        marks = [
            [r, c, start, end, kind]
            for r, row in enumerate(rows)
            for c, text in enumerate(row)
            for start, end, kind in _marks_in(text, table.cell_marks(r, c))
        ]
        self.plan.blocks.append(ParsedBlock(kind=BlockKind.TABLE, rows=rows, marks=marks))

    @staticmethod
    def _is_tasks_table(header: list[str], body) -> bool:
        first = header[0].lower() if header else ""
        labelled = sum(1 for row in body if _period_of(_cell_plain(row[0]))[1] is not None)
        return (
            len(header) >= 2
            and (first.startswith("thời gian") or first.startswith("thời điểm") or first in ("tháng", "quý"))
            and labelled >= max(1, len(body) // 2)
        )

    @staticmethod
    def _assignment_columns(header: list[str]) -> tuple[int, int, int | None] | None:
        """(content, time, lead) columns of a table of assignments: "TT | Nội dung công việc |
        Đơn vị chủ trì | Thời gian hoàn thành"; None for any other table."""
        lowered = [h.lower() for h in header]

        def find(*words, exclude=()):
            return next(
                (k for k, h in enumerate(lowered) if k not in exclude and any(w in h for w in words)), None
            )

        content = find("nội dung", "nhiệm vụ", "công việc")
        if content is None or len(header) < 3:
            return None
        time = find("thời gian", "thời hạn", "hoàn thành", "tiến độ", "hạn", exclude=(content,))
        if time is None:
            return None
        lead = find("chủ trì", "thực hiện", "đơn vị", "phụ trách", exclude=(content, time))
        return content, time, lead

    def _assignment_table(self, body, content_col: int, time_col: int, lead_col: int | None) -> None:
        for row in body:
            content = _cell_plain(row[content_col]) if content_col < len(row) else ""
            if not content:
                continue
            when = _cell_plain(row[time_col]) if time_col < len(row) else ""
            deadline = phrases.parse_deadline(when, year=self.plan.year, bare=True)
            if deadline is None:
                deadline = phrases.parse_deadline(content, year=self.plan.year)
            if deadline is None and when:
                self.warn(f"Không hiểu thời hạn «{when}» của nhiệm vụ «{content[:80]}»: cần nhập tay.")
            lead = _cell_plain(row[lead_col]) if lead_col is not None and lead_col < len(row) else ""
            subject, group = (lead, phrases.unit_group_of(lead)) if lead else phrases.addressee_of(content)
            self.plan.tasks.append(self._new_task(content, deadline, subject=subject, group=group))
            self._find_submission(content)

    def _tasks_table(self, table: _Table, header: list[str], body) -> None:
        """Tasks by period; the bold and italic pieces of a task's cell stay on the table's block
        as [task index, start, end, kind] over the task's content."""
        block = ParsedBlock(kind=BlockKind.TASKS_TABLE, rows=[header[:2]])
        self.plan.blocks.append(block)
        for r, row in enumerate(body, start=1):
            runs = [run for c in range(1, len(row)) for run in table.cell_marks(r, c)]
            label = _cell_plain(row[0])
            kind, value = _period_of(label)
            if value is None:
                self.warn(
                    f"Không hiểu mốc thời gian «{label}» trong bảng nhiệm vụ; các việc để không có hạn."
                )
            contents = " ".join(c for c in row[1:] if c)
            items = _cell_items(contents)
            if not items:
                self.warn(f"Dòng «{label}» của bảng nhiệm vụ không có nội dung.")
            for item in items:
                self.plan.tasks.append(self._period_task(item, kind, value))
                index = len(self.plan.tasks) - 1
                block.marks.extend([index, *mark] for mark in _marks_in(item, runs))
                self._find_submission(item)

    def _targets_table(self, header: list[str], body) -> None:
        self.plan.blocks.append(ParsedBlock(kind=BlockKind.TARGETS, rows=[header]))
        for row in body:
            cells = [_cell_plain(c) for c in row] + ["", "", "", ""]
            target = self._target_row(cells[0], cells[1], cells[2], " ".join(c for c in cells[3:] if c))
            if target:
                self.plan.targets.append(target)

    def _target_row(self, indicator: str, unit: str, value: str, note: str) -> ParsedTarget | None:
        indicator = re.sub(r"^\d{1,3}\s*[.)]\s*", "", indicator).strip()
        if not indicator:
            if unit or value:
                self.warn(f"Dòng chỉ tiêu không có tên chỉ tiêu: «{unit} {value}».")
            return None
        values = value.split()
        if not values:
            self.warn(f"Chỉ tiêu «{indicator}» chưa có giá trị kế hoạch.")
            return ParsedTarget(indicator=indicator, unit_of_measure=unit, note=note)
        units = self._units_for(unit, len(values))
        if len(values) == 1:
            return ParsedTarget(
                indicator=indicator,
                unit_of_measure=unit,
                values=[ParsedTargetValue(label="", planned=values[0], unit_of_measure=unit)],
                note=note,
            )
        parts = [p.strip() for p in re.split(r"\s+[-–]\s+", indicator)]
        if len(parts) - 1 == len(values):
            main, labels = parts[0], parts[1:]
        else:
            main, labels = indicator, [""] * len(values)
            self.warn(
                f"Chỉ tiêu «{indicator}» có {len(values)} giá trị nhưng không tách được tên từng giá trị."
            )
        distinct = list(dict.fromkeys(units))
        return ParsedTarget(
            indicator=main,
            unit_of_measure=distinct[0] if len(distinct) == 1 else "; ".join(distinct),
            values=[
                ParsedTargetValue(label=label, planned=v, unit_of_measure=u)
                for label, v, u in zip(labels, values, units, strict=True)
            ],
            note=note,
        )

    @staticmethod
    def _units_for(unit: str, n: int) -> list[str]:
        words = unit.split()
        if n > 1 and words and len(words) % n == 0:
            size = len(words) // n
            groups = [" ".join(words[k * size : (k + 1) * size]) for k in range(n)]
            if len(set(groups)) == 1 or size == 1:
                return groups
        return [unit] * n

    # -- submissions --------------------------------------------------------
    def _find_submission(self, text: str) -> None:
        if not text or not _DEADLINE_RE.search(text):
            return
        for sentence in _SENTENCE_SPLIT_RE.split(text):
            m = _DEADLINE_RE.search(sentence)
            if not m or not re.search(r"\b(gửi|nộp|báo cáo|đăng ký)\b", sentence, re.IGNORECASE):
                continue
            due = vn.parse_vn_date(sentence[m.start() :], default_year=self.plan.year)
            self.plan.submissions.append(
                ParsedSubmission(
                    title=self._submission_title(sentence, m.start()), due_date=due, source_text=sentence
                )
            )
            if due is None:
                self.warn(f"Không đọc được hạn gửi trong câu: «{sentence[:120]}»")

    @staticmethod
    def _submission_title(sentence: str, deadline_at: int) -> str:
        head = re.sub(r"\s*\([^)]*\)", "", sentence[:deadline_at])
        verbs = list(_SEND_VERB_RE.finditer(head))
        verb = verbs[-1] if verbs else None
        subject = head[: verb.start()].strip() if verb else ""
        subject = re.sub(r"^[-–•]\s*", "", subject)
        addressee, _group = phrases.addressee_of(subject)
        if verb and addressee and re.match(r"^(về|đến|tới|lên)\b", head[verb.end() :].strip()):
            # "Các đơn vị xây dựng báo cáo X, gửi về Sở trước ngày": the thing made, then sent.
            made = subject[len(addressee) :].strip(" ,;")
            made = re.sub(r"^(tự\s+)?(xây dựng|lập|hoàn thiện|hoàn thành|chuẩn bị|tổng hợp)\s+", "", made)
            if made:
                subject = made
        if re.match(r"^(Các|Đề nghị|Yêu cầu|Đơn vị)\b", subject) or not subject:
            # "Các đơn vị gửi báo cáo ... về ... trước ngày" -> the thing sent.
            obj = head[verb.end() :] if verb else head
            obj = re.split(r"\s(về|cho|đến|tới|trước|qua)\s", obj.strip(), maxsplit=1)[0]
            subject = obj.strip(" ,;")
        subject = re.sub(r"\bcủa các (cơ quan, )?đơn vị\b", "của đơn vị", subject)
        subject = re.sub(r"\s*\([^)]*\)", "", subject).strip(" ,;")
        if not subject:
            subject = sentence.strip()[:120]
        return subject[:1].upper() + subject[1:]

    # -- closing ------------------------------------------------------------
    def _parse_closing(self, closing) -> None:
        plan = self.plan
        lines = self._flatten(closing)
        signer_lines: list[str] = []
        in_recipients = False
        for text in lines:
            m = _RECIPIENTS_RE.match(text)
            if m:
                in_recipients = True
                rest = m.group("rest").strip()
                if rest and (_SIGNER_PREFIX_RE.match(rest) or _is_upper_text(rest)):
                    signer_lines.append(rest)  # "Nơi nhận:  KT. GIÁM ĐỐC" from a 2-column layout
                elif rest:
                    plan.recipients.append(re.sub(r"^[-–•+]\s*", "", rest))
                continue
            if in_recipients and _BULLET_RE.match(text):
                plan.recipients.append(_BULLET_RE.match(text).group("text"))
                continue
            if in_recipients and plan.recipients and (_starts_lower(text) or text.startswith("(")):
                plan.recipients[-1] = f"{plan.recipients[-1]} {text}"
                continue
            in_recipients = False
            signer_lines.append(text)
        if plan.recipients:
            last = plan.recipients[-1].rstrip(" ;,.")
            plan.recipients[-1] = last + "."
        else:
            self.warn("Không thấy «Nơi nhận»: cần nhập tay danh sách nơi nhận.")
        self._signer(signer_lines)

    def _signer(self, lines: list[str]) -> None:
        plan = self.plan
        positions: list[str] = []
        for text in lines:
            text = text.strip()
            m = _SIGNER_PREFIX_RE.match(text)
            if m and not plan.signer_prefix:
                plan.signer_prefix = f"{m.group('prefix')}."
                plan.signer_prefix_title = m.group("title").strip()
                continue
            if _is_upper_text(text) and len(text) < 80:
                positions.append(text)
                continue
            if self._looks_like_name(text) and not plan.signer_name:
                plan.signer_name = text
                continue
            self.warn(f"Dòng cuối văn bản chưa được xếp vào trường nào: «{text}»")
        plan.signer_position = "\n".join(positions)
        if not plan.signer_name:
            self.warn("Không thấy họ tên người ký: cần nhập tay.")
        if not positions and not plan.signer_prefix:
            self.warn("Không thấy chức vụ người ký: cần nhập tay.")

    @staticmethod
    def _looks_like_name(text: str) -> bool:
        words = text.split()
        return 2 <= len(words) <= 6 and all(w[:1].isupper() and w.isalpha() for w in words)

    def _final_checks(self) -> None:
        plan = self.plan
        if not plan.blocks:
            raise PlanImportError(
                "Không nhận ra cấu trúc kế hoạch: không tìm thấy nội dung nào sau phần tiêu đề."
            )
        found = (
            plan.tasks
            or plan.targets
            or plan.submissions
            or any(b.kind in (BlockKind.HEADING, BlockKind.TABLE) or b.numbering for b in plan.blocks)
        )
        if not found:
            raise PlanImportError(
                "Không nhận ra cấu trúc kế hoạch: đã đọc văn bản nhưng không thấy mục nào được đánh số "
                "(I., 1., a)), nhiệm vụ có thời hạn, bảng chỉ tiêu hay hạn gửi báo cáo. Hãy dán toàn bộ "
                "văn bản, từ tên cơ quan ban hành đến phần nơi nhận và người ký."
            )
        if not plan.legal_bases:
            self.warn("Không thấy căn cứ ban hành («Căn cứ ...», «Thực hiện ...»).")


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def broken_lines(text: str) -> list[tuple[int, list[str]]]:
    """(line number, pieces) of the source lines holding words broken apart by a PDF extraction
    ("các đ ng vị", "Ch  trọng"); the numbers count the lines of the text as pasted, from 1."""
    found = []
    lines = vn.nfc(text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if _SIGNATURE_STAMP_RE.match(line.strip()) or _SIGNED_RE.search(line):
            continue
        line = _TAG_RE.sub(" ", line).replace("*", " ").lstrip("# ")
        pieces = phrases.broken_words(line)
        if pieces:
            found.append((number, pieces))
    return found


def parse_plan_text(text: str) -> ParsedPlan:
    """Read a plan from text (pasted, or extracted from a PDF or a web page)."""
    plan = _PlanBuilder(_text_items(text or "")).build()
    for number, pieces in broken_lines(text):
        plan.broken_lines.append(number)
        shown = ", ".join(f"«{p}»" for p in pieces)
        plan.warnings.append(
            f"Dòng {number}: chữ bị tách rời {shown} (thường do chép từ tệp PDF); hãy sửa lại trong "
            "văn bản trước khi lưu."
        )
    return plan


def _marks_in(text: str, runs: list[tuple[str, str]]) -> list[list]:
    """The runs (text, kind) that fall inside ``text``, as sorted [start, end, kind]."""
    out = []
    for run, kind in runs:
        at = text.find(run) if run else -1
        if at >= 0 and [at, at + len(run), kind] not in out:
            out.append([at, at + len(run), kind])
    return sorted(out)


def _marked_pieces(runs, attr: str) -> list[str]:
    """The texts of the neighbouring ``attr`` (bold, italic) runs, joined."""
    out: list[str] = []
    piece = ""
    for run in runs:
        if getattr(run, attr):
            piece += vn.nfc(run.text)
        elif piece:
            out.append(_norm_space(piece))
            piece = ""
    if piece:
        out.append(_norm_space(piece))
    return [text for text in out if text]


def _run_marks(runs) -> list[tuple[str, str]]:
    """The bold and italic runs of a paragraph that is not set all alike (a paragraph all in bold
    is a heading, all in italics a date line: their look comes from their place, not from a mark).
    Neighbouring runs of the same mark are one piece of text."""
    return _cell_run_marks([runs])


def _cell_run_marks(paragraphs: list[list]) -> list[tuple[str, str]]:
    """The bold and italic pieces of a table cell (its paragraphs' runs). A cell set all alike (a
    header cell all in bold) has none: its look comes from its place; a piece never runs from
    one paragraph into the next."""
    out: list[tuple[str, str]] = []
    runs = [run for paragraph in paragraphs for run in paragraph]
    for kind, attr in (("b", "bold"), ("i", "italic")):
        flags = [bool(getattr(r, attr)) for r in runs]
        if not any(flags) or all(flags):
            continue
        for paragraph in paragraphs:
            out.extend((text, kind) for text in _marked_pieces(paragraph, attr))
    return out


def parse_plan_docx(fileobj) -> ParsedPlan:
    """Read a plan from a .docx (a path or a binary file object)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(fileobj)
    except Exception as exc:  # python-docx raises several kinds for a non-docx upload
        raise PlanImportError(f"Không nhận ra cấu trúc kế hoạch: không đọc được tệp .docx ({exc}).") from exc

    items: list[_Line | _Table] = []
    seen_type = False
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            text = vn.nfc(paragraph.text)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            # A paragraph set all in bold is a heading: never glued to the next one.
            runs = [r for r in paragraph.runs if r.text.strip()]
            bold = bool(runs) and all(r.bold for r in runs)
            marks = _run_marks(runs)
            for k, part in enumerate(text.split("\n")):
                if k == 0 and style.lower().startswith("list bullet") and part.strip():
                    part = "- " + part.strip()
                for line in _clean_text_line(part):
                    line.hard = line.hard or bold
                    line.marks = [(run, kind) for run, kind in marks if run in line.text]
                    items.append(line)
                    if line.text.strip(" .:").upper() in DOC_TYPES and _is_upper_text(line.text):
                        seen_type = True
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = []
            marks = []
            for row in table.rows:
                cells = []
                cell_marks = []
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    paras = [vn.nfc(p.text).replace("\t", " ") for p in cell.paragraphs]
                    cells.append(_CELL_PARA.join(p for p in paras if p.strip()))
                    cell_marks.append(
                        _cell_run_marks([[r for r in p.runs if r.text.strip()] for p in cell.paragraphs])
                    )
                rows.append(cells)
                marks.append(cell_marks)
            if not rows:
                continue
            flat = " ".join(c for row in rows for c in row)
            is_layout = (
                not seen_type
                or bool(re.search(r"Nơi nhận", flat, re.IGNORECASE))
                or any(
                    _SIGNER_PREFIX_RE.match(c.split(_CELL_PARA)[0].strip()) for row in rows for c in row if c
                )
            )
            if is_layout:
                for row in rows:
                    for cell in row:
                        for part in cell.split(_CELL_PARA):
                            items.extend(_clean_text_line(part))
            else:
                width = max(len(r) for r in rows)
                items.append(_Table(rows=[r + [""] * (width - len(r)) for r in rows], marks=marks))
    return _PlanBuilder(items).build()
