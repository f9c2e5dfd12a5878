"""An official letter (công văn) as an OfficialDocument, behind its PDF and its DOCX.

Decree 30/2020/NĐ-CP, Appendix I (model of a công văn): no type name; "Số: 15/SYT-TCCB" and the
"V/v …" subject under it in the left column; "Kính gửi:" before the body (one addressee on the
line, several as a dashed list); the body; Nơi nhận and the signer. Every header and signature
value is the letter's own (``units.models.DocumentHeading``), printed exactly as set.
"""

from __future__ import annotations

import re

from plans.enums import LetterStatus
from plans.models import Letter
from units.numbering import file_number

from .documents import OfficialDocument

_BULLET_RE = re.compile(r"^[-–•+]\s*")


def letter_body(text: str) -> list[dict]:
    """Lines of the letter's text: '- x' (or '+ x') lines as bullets, the others as paragraphs."""
    blocks = []
    for line in (ln.strip() for ln in (text or "").splitlines()):
        if not line:
            continue
        if _BULLET_RE.match(line) and len(line) > 2:
            level = 1 if line.startswith("+") else 0
            blocks.append({"kind": "bullet", "level": level, "text": _BULLET_RE.sub("", line, count=1)})
        else:
            blocks.append({"kind": "paragraph", "text": line})
    return blocks


def letter_document(letter: Letter, *, extra_body: list[dict] | None = None) -> OfficialDocument:
    """The letter as printed. ``extra_body`` is appended to its text (a campaign launched by a
    letter whose text is the campaign's own)."""
    return OfficialDocument(
        authority_line=letter.authority_line,
        issuer_line=letter.issuer_line,
        number_text=letter.number_label,
        place_date_text=letter.place_date_line,
        doc_type="",
        subject_line=f"V/v {letter.subject.strip()}",
        addressees=letter.addressee_lines,
        body=letter_body(letter.body) + list(extra_body or []),
        signer_prefix_line=letter.signer_prefix_line,
        signer_position_lines=letter.signer_position_lines,
        signer_name=letter.signer_name,
        recipients=letter.recipient_lines,
    )


def letter_file_stem(letter: Letter) -> str:
    """'Công văn 15-SYT-TCCB' or, for a draft, 'Dự thảo công văn SYT-TCCB (12)'."""
    if letter.status != LetterStatus.DRAFT and letter.number:
        return f"Công văn {file_number(letter.number, letter.symbol)}"
    return f"Dự thảo công văn {letter.symbol} ({letter.pk})"
