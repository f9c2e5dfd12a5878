"""Read an official letter (công văn) from pasted text or a .docx.

The parts looked for are those of Decree 30/2020/NĐ-CP's model of a công văn (Appendix I, part II):

- the issuing body: the upper-case lines before the number ("UBND TỈNH HÒA BÌNH", "SỞ Y TẾ"; an
  issuer written over two lines is joined), the national motto skipped;
- "Số: 15/SYT-TCCB": the number (blank or dotted in a draft), the issuer's code and the drafting
  office's;
- the place and date "Hòa Bình, ngày 05 tháng 3 năm 2024";
- "V/v …", possibly over two or three lines (a line that goes on in lower case continues it);
- "Kính gửi: X." on one line, or "Kính gửi:" followed by a list (dashed, or aligned under the
  first addressee with each item ending in ";");
- the body, up to the signature block;
- the signer: an authority prefix (KT., TM., TL., TUQ., Q.) with the title after it, the position
  lines in upper case, the full name; "(Đã ký)" and signature stamps are skipped;
- "Nơi nhận:" and its lines, before or after the signer or alternating with its lines (a .docx
  lays them side by side);

Nothing is filled from the agency's settings: what the text does not hold is left empty and
named in ``warnings``, so that a letter of another province prints as it was written. A text in
which none of the number, the subject, the addressees and a body is found is refused with
``PlanImportError`` (the one error of the plans' importers).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from units import vn

from .importer import PlanImportError


@dataclass
class ParsedLetter:
    number: int | None = None
    issuer_code: str = ""
    office_code: str = ""
    place: str = ""
    issue_date: datetime.date | None = None
    authority_line: str = ""
    issuer_line: str = ""
    subject: str = ""
    addressees: list[str] = field(default_factory=list)
    body: str = ""
    signer_prefix: str = ""
    signer_prefix_title: str = ""
    signer_position: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def model_values(self) -> dict:
        """The fields of ``plans.models.Letter`` this reading fills (issue date kept for a draft)."""
        return {
            "issuer_code": self.issuer_code,
            "office_code": self.office_code,
            "place": self.place,
            "issue_date": self.issue_date,
            "authority_line": self.authority_line,
            "issuer_line": self.issuer_line,
            "subject": self.subject,
            "addressees": list(self.addressees),
            "body": self.body,
            "signer_prefix": self.signer_prefix,
            "signer_prefix_title": self.signer_prefix_title,
            "signer_position": self.signer_position,
            "signer_name": self.signer_name,
            "recipients": list(self.recipients),
        }


_MOTTO_RE = re.compile(
    r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
    r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)\.?$",
    re.IGNORECASE,
)
_RULE_RE = re.compile(r"^[-_=–—.*\s]{3,}$")
_NUMBER_RE = re.compile(
    r"^Số\s*:?[\s.…_]*(?P<num>\d*)[\s.…_]*/\s*(?P<issuer>[^\s/,;-]+)\s*-\s*(?P<office>[^\s,;]+)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_PLACE_DATE_RE = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngày[\s.…_]*(?P<d>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<m>\d{1,2})?"
    r"[\s.…_]*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_SUBJECT_RE = re.compile(r"^(V/v|V\.v\.?|Về việc)\s*:?\s*(?P<text>.*)$", re.IGNORECASE)
_ADDRESSEE_RE = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_RECIPIENTS_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_PREFIX_RE = re.compile(r"^(?P<prefix>KT|TM|TL|TUQ|Q)\s*\.\s*(?P<title>\S.*)$")
_DASH_RE = re.compile(r"^[-–•+*]\s*")
_SIGNED_RE = re.compile(r"^\(?\s*(đã ký|đã ký và đóng dấu|ký tên,? đóng dấu)\s*\)?\.?$", re.IGNORECASE)
_STAMP_RE = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|đã ký lên văn bản)", re.IGNORECASE)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_name(text: str) -> bool:
    """'Nguyễn Văn Hùng', 'BS.CKII Trần Thị Mai': two to six capitalised words, no digits."""
    words = text.split()
    while len(words) > 2 and "." in words[0]:  # an academic or professional title before the name
        words = words[1:]
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    return all(w[0].isupper() and w[0].isalpha() and (len(w) == 1 or w[1:].islower()) for w in words)


def _clean(line: str) -> str:
    line = vn.nfc(line).replace("\u00a0", " ")
    line = re.sub(r"\*\*|__", "", line)  # bold marks of a text pasted from markdown
    return " ".join(line.split())


def _lines_of(text: str) -> list[str]:
    """Lines of the text; a line holding two columns (tabs or long runs of spaces) is split."""
    out = []
    for raw in (text or "").splitlines():
        # The blanks a draft leaves for the number and the day are not column gaps.
        raw = re.sub(r"(Số\s*:)\s+(?=/)", r"\1 ", raw, flags=re.IGNORECASE)
        raw = re.sub(r"\b(ngày|tháng)\s+(?=(tháng|năm)\b)", r"\1 ", raw, flags=re.IGNORECASE)
        for part in re.split(r"\t+| {4,}", raw):
            part = _clean(part)
            if part and not _RULE_RE.match(part) and not _STAMP_RE.search(part):
                out.append(part)
    return out


def _strip_end(text: str) -> str:
    return text.strip().rstrip(";,.").strip()


class _Reader:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.letter = ParsedLetter()
        self.used: set[int] = set()

    # -- header ---------------------------------------------------------------------------
    def header(self) -> int:
        """Read the header items wherever they stand before "Kính gửi"; return where it is."""
        letter = self.letter
        addressee_at = next((i for i, ln in enumerate(self.lines) if _ADDRESSEE_RE.match(ln)), None)
        limit = addressee_at if addressee_at is not None else min(len(self.lines), 14)
        body_lines: list[str] = []
        number_at = None
        i = 0
        while i < limit:
            line = self.lines[i]
            if _MOTTO_RE.match(line):
                i += 1
                continue
            m = _NUMBER_RE.match(line)
            if m and number_at is None:
                number_at = i
                letter.number = int(m.group("num")) if m.group("num") else None
                letter.issuer_code = m.group("issuer").upper()
                letter.office_code = m.group("office").rstrip(".")
                rest = m.group("rest").strip()
                if rest and _SUBJECT_RE.match(rest):
                    i = self._subject(i, limit, first=rest, bounded=addressee_at is not None)
                    continue
                i += 1
                continue
            m = _PLACE_DATE_RE.match(line)
            if m and letter.issue_date is None and not letter.place:
                letter.place = m.group("place").strip()
                day, month, year = m.group("d"), m.group("m"), m.group("y")
                if day and month and year:
                    try:
                        letter.issue_date = datetime.date(int(year), int(month), int(day))
                    except ValueError:
                        letter.warnings.append(
                            _("Ngày tháng “%(line)s” không hợp lệ; vui lòng nhập lại.") % {"line": line}
                        )
                i += 1
                continue
            if _SUBJECT_RE.match(line) and not letter.subject:
                i = self._subject(i, limit, bounded=addressee_at is not None)
                continue
            if number_at is None and _is_upper(line):
                body_lines.append(line)
            i += 1
        if body_lines:
            letter.authority_line = body_lines[0] if len(body_lines) > 1 else ""
            letter.issuer_line = " ".join(body_lines[1:]) if len(body_lines) > 1 else body_lines[0]
        return addressee_at if addressee_at is not None else limit

    def _subject(self, i: int, limit: int, *, first: str | None = None, bounded: bool) -> int:
        """The subject and the lines that go on with it. Before a "Kính gửi" (``bounded``) every
        line that is none of the other header items goes on with it, whatever letter it starts
        with ("danh hiệu / Chiến sĩ thi đua cơ sở"); without one, only a line that reads as a
        continuation (lower case, a quotation, a figure) does, so that the body stays out."""
        m = _SUBJECT_RE.match(first if first is not None else self.lines[i])
        parts = [m.group("text").strip()]
        i += 1
        while i < limit:
            nxt = self.lines[i]
            if _PLACE_DATE_RE.match(nxt) or _NUMBER_RE.match(nxt) or _MOTTO_RE.match(nxt) or _is_upper(nxt):
                break
            if not bounded and not (nxt[:1].islower() or nxt[:1] in '“"(' or nxt[:1].isdigit()):
                break
            parts.append(nxt)
            i += 1
        self.letter.subject = " ".join(p for p in parts if p).strip()
        return i

    # -- addressees -----------------------------------------------------------------------
    def addressees(self, at: int) -> int:
        if at >= len(self.lines) or not _ADDRESSEE_RE.match(self.lines[at]):
            return at
        """The addressees after "Kính gửi": one on its line or a list under it. The list goes on
        with each dashed line, and with an undashed one while the previous ends with ";" or ","
        (a list aligned under the first addressee); it ends at an item closed by ".", or at a
        line that neither a dash nor a separator carries on."""
        rest = _ADDRESSEE_RE.match(self.lines[at]).group("rest").strip()
        names = []
        i = at + 1
        last = ""
        if rest:
            names.append(_strip_end(_DASH_RE.sub("", rest)))
            last = rest
        while i < len(self.lines) and not last.endswith("."):
            line = self.lines[i]
            if not (_DASH_RE.match(line) or last.endswith((";", ","))) or _RECIPIENTS_RE.match(line):
                break
            names.append(_strip_end(_DASH_RE.sub("", line)))
            last = line.rstrip()
            i += 1
        if not names and i < len(self.lines):
            names.append(_strip_end(self.lines[i]))
            i += 1
        self.letter.addressees = [n for n in names if n]
        return i

    # -- signature and recipients ---------------------------------------------------------
    def _signer_like(self, line: str) -> bool:
        return bool(
            _PREFIX_RE.match(line)
            or _SIGNED_RE.match(line)
            or (_is_upper(line) and len(line) <= 60)
            or _is_name(line)
        )

    def closing(self, start: int) -> int:
        """Find the signature block and Nơi nhận after ``start``; return where the body ends."""
        lines = self.lines
        recipients_at = None
        for i in range(len(lines) - 1, start - 1, -1):
            if _RECIPIENTS_RE.match(lines[i]):
                recipients_at = i
                break
        signer: list[str] = []
        end = len(lines)
        if recipients_at is not None:
            # The signer may stand just before "Nơi nhận" (a .docx row read left to right the
            # other way) or after its list.
            j = recipients_at
            while (
                j - 1 >= start
                and self._signer_like(lines[j - 1])
                and not lines[j - 1].endswith((".", ":", ";"))
            ):
                j -= 1
            signer += lines[j:recipients_at]
            end = j
            rest = _RECIPIENTS_RE.match(lines[recipients_at]).group("rest").strip()
            recipients = [rest] if rest else []
            # After "Nơi nhận" a dashed line is a recipient, and so is a line closed by ";", ","
            # or "." (an item of the list, even in capitals: no line of a signature block ends so);
            # another line of the signature block is the signer's, any other line a recipient
            # written without its dash. The list and the signer may follow one another or, pasted
            # from a two-column table, alternate.
            for line in lines[recipients_at + 1 :]:
                closed = line.endswith((";", ",")) or (line.endswith(".") and not _SIGNED_RE.match(line))
                if not _DASH_RE.match(line) and not closed and self._signer_like(line):
                    signer.append(line)
                else:
                    recipients.append(line)
            self.letter.recipients = [
                _DASH_RE.sub("", r).strip() for r in recipients if _DASH_RE.sub("", r).strip()
            ]
        else:
            j = len(lines)
            while j - 1 >= start and self._signer_like(lines[j - 1]):
                j -= 1
            signer = lines[j:]
            end = j
        self._signer(signer)
        return end

    def _signer(self, lines: list[str]) -> None:
        letter = self.letter
        positions = []
        for line in lines:
            if _SIGNED_RE.match(line):
                continue
            m = _PREFIX_RE.match(line)
            if m and not letter.signer_prefix:
                letter.signer_prefix = f"{m.group('prefix')}."
                letter.signer_prefix_title = m.group("title").strip()
            elif _is_upper(line):
                positions.append(line)
            elif _is_name(line):
                letter.signer_name = line.strip()
        letter.signer_position = "\n".join(positions)

    # -- everything -----------------------------------------------------------------------
    def read(self) -> ParsedLetter:
        letter = self.letter
        at = self.header()
        body_start = self.addressees(at)
        if not letter.addressees:
            body_start = at
        body_end = self.closing(body_start)
        body = self.lines[body_start:body_end]
        letter.body = "\n".join(body)
        self._warn()
        return letter

    def _warn(self) -> None:
        letter = self.letter
        found = [letter.subject, letter.addressees, letter.body.strip(), letter.issuer_code]
        if not any(found):
            raise PlanImportError(
                _(
                    "Không nhận ra công văn trong nội dung này: không thấy số, ký hiệu (“Số: …/SYT-…”), "
                    "trích yếu “V/v …”, “Kính gửi:” hay nội dung. Hãy dán toàn bộ công văn, từ tên cơ quan "
                    "đến hết phần nơi nhận."
                )
            )
        missing = [
            (letter.issuer_code, _("số, ký hiệu (Số: …/SYT-…)")),
            (letter.issuer_line, _("tên cơ quan ban hành")),
            (letter.place, _("địa danh")),
            (letter.issue_date, _("ngày ban hành")),
            (letter.subject, _("trích yếu “V/v …”")),
            (letter.addressees, _("nơi “Kính gửi”")),
            (letter.signer_name, _("họ tên người ký")),
            (letter.recipients, _("nơi nhận")),
        ]
        for value, label in missing:
            if not value:
                letter.warnings.append(
                    _("Không tìm thấy %(what)s trong văn bản: để trống, vui lòng nhập.") % {"what": label}
                )


def parse_letter_text(text: str) -> ParsedLetter:
    """Read a công văn from text (pasted from Word, a PDF or a web page)."""
    lines = _lines_of(text)
    if not lines:
        raise PlanImportError(_("Vui lòng dán nội dung công văn hoặc chọn tệp .docx."))
    return _Reader(lines).read()


def docx_lines(fileobj) -> list[str]:
    """The text of a .docx in reading order: paragraphs, and each table cell by cell (the header
    and the closing of an official document are borderless tables)."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(fileobj)
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise PlanImportError(_("Không đọc được tệp .docx: hãy mở tệp bằng Word và lưu lại.")) from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.extend(Paragraph(child, document).text.split("\n"))
        elif child.tag == qn("w:tbl"):
            for row in Table(child, document).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        lines.extend(paragraph.text.split("\n"))
    return lines


def parse_letter_docx(fileobj) -> ParsedLetter:
    """Read a công văn from a .docx (a path or a binary file object)."""
    return parse_letter_text("\n".join(docx_lines(fileobj)))
