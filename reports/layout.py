"""Measurements shared by the PDF and the DOCX of an official document (Decree 30/2020/NĐ-CP,
Phụ lục I): text widths in the document's font, the length of the short rules, header lines
that break only between words, and table column widths.

- The rule under the issuing body and under the subject (trích yếu) is "a solid line 1/3 to 1/2
  as long as the line of text" above it (Phụ lục I, Mục II, khoản 3 and 5): ``rule_length``
  takes 2/5 of the measured width of that line.
- A Vietnamese word is often several syllables written apart ("khen thưởng", "thi đua", "Y tế"):
  a header line must not break between them. ``keep_words`` binds a header's syllables with
  no-break spaces and leaves a break only after a dash or a comma ("HỘI ĐỒNG THI ĐUA -" /
  "KHEN THƯỞNG"), or before a place name in a long line.
- Tables get column widths from their content (``column_widths``): a column of short entries
  (numbers, names, units of measure) is given the width of its longest entry when the page
  allows, so that a name never wraps a syllable a line; long texts share the rest.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess  # nosec B404  # fc-match only, with fixed arguments
from functools import cache, lru_cache

PT_PER_MM = 72 / 25.4
CONTENT_WIDTH_MM = 210 - 30 - 15  # A4 less the left (30 mm) and right (15 mm) margins
HEADER_AGENCY_SHARE = 0.40  # the issuing body's column of the letterhead; the motto has the rest
RULE_SHARE = 0.4  # between 1/3 and 1/2
NBSP = "\u00a0"

FONT_FILES = {False: "Times New Roman", True: "Times New Roman:bold"}


@cache
def _font_path(bold: bool) -> str | None:
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    found = subprocess.run(  # noqa: S603  # nosec B603  # fixed arguments, no shell, no user input
        [fc_match, "-f", "%{file}", FONT_FILES[bold]],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return found or None


@cache
def _font(bold: bool, size_tenths: int):
    path = _font_path(bold)
    if not path:
        return None
    from PIL import ImageFont

    return ImageFont.truetype(path, size_tenths * 10)  # 100 units a point: precise widths


def text_width_pt(text: str, *, size: float, bold: bool = False) -> float:
    """The printed width of ``text`` in points, in Times New Roman (Tinos) at ``size`` points."""
    if _font(bold, round(size * 10)) is None:  # no font here: Times averages about half an em a character
        return len(text) * size * (0.55 if bold else 0.5)
    return _measured_width_pt(text, round(size * 10), bold)


@lru_cache(maxsize=16384)
def _measured_width_pt(text: str, size_tenths: int, bold: bool) -> float:
    """A text's width at a size, kept: the words of a table's column (positions, units, the
    syllables of names, award titles) recur from row to row and from document to document, and
    measuring one takes as long as shaping it."""
    return _font(bold, size_tenths).getlength(text.replace(NBSP, " ")) / 100


def wrap(text: str, *, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """The lines ``text`` breaks into in a box ``width_pt`` wide (greedy, at ordinary spaces)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and text_width_pt(candidate, size=size, bold=bold) > width_pt:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
    return lines


def rule_length_pt(text: str, *, width_pt: float, size: float, bold: bool = True) -> float:
    """The length of the rule under ``text`` printed in a box ``width_pt`` wide: 2/5 of its last line."""
    lines = wrap(text, width_pt=width_pt, size=size, bold=bold)
    if not lines:
        return 0.0
    return RULE_SHARE * text_width_pt(lines[-1], size=size, bold=bold)


def rule_percent(text: str, *, width_pt: float, size: float, bold: bool = True) -> int:
    """The same length as a whole percentage of the box, kept within 1/3..1/2 of the line."""
    lines = wrap(text, width_pt=width_pt, size=size, bold=bold)
    if not lines or width_pt <= 0:
        return 0
    line = text_width_pt(lines[-1], size=size, bold=bold)
    percent = round(100 * RULE_SHARE * line / width_pt)
    low, high = 100 * line / 3 / width_pt, 100 * line / 2 / width_pt
    while percent < low and percent < 100:
        percent += 1
    while percent > high and percent > 1:
        percent -= 1
    return max(1, percent)


# ---------------------------------------------------------------------------
# Header lines
# ---------------------------------------------------------------------------
_SEPARATOR = re.compile(r"(\s+[-–]\s+|,\s+)")
_PLACE = re.compile(r"\s(?=(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|tỉnh|thành phố|huyện|quận|thị xã)\s)")
LONG_SEGMENT = 28  # characters: a longer segment without a dash or comma may break before a place name


def keep_words(text: str) -> str:
    """``text`` with no-break spaces between the syllables of its words; a line may still break
    after " - " or ", ", and before a place name ("TỈNH ...") in a long segment."""
    if not text:
        return text
    out = []
    for index, part in enumerate(_SEPARATOR.split(text)):
        if index % 2:  # a separator: the dash stays at the end of its line
            out.append(re.sub(r"^\s+(?=[-–])", NBSP, part))
            continue
        if len(part) > LONG_SEGMENT:
            pieces = _PLACE.split(part)
            out.append(" ".join(piece.replace(" ", NBSP) for piece in pieces))
        else:
            out.append(part.replace(" ", NBSP))
    return "".join(out)


# ---------------------------------------------------------------------------
# Table columns
# ---------------------------------------------------------------------------
NARROW_HEADERS = ("stt", "tt", "số tt")
CELL_PADDING_PT = 4  # a table cell's left and right padding, in the PDF (document.css) and the DOCX
PADDING_PT = 2 * CELL_PADDING_PT + 2  # and its borders
LONGEST = 0.45  # of the table's width: a longer text wraps anyway, and asks for no more room
READABLE = 0.22  # of the table's width: the narrowest a column of long text is made when the page allows
SHORT_ENTRY = 0.30  # of the table's width: a column whose lines are all narrower is kept unwrapped if it can


def table_font_size(columns: int) -> float:
    """Body tables print at 13 pt; a table of many columns at 12 or 11 pt."""
    if columns >= 7:
        return 11
    if columns >= 5:
        return 12
    return 13


def column_widths(header: list[str], rows: list[list[list[str]]], *, size: float = 13) -> list[int]:
    """Whole percentages of the table's width, one per column, summing to 100.

    Measured in the document's font: each column needs at least its longest word (a word never
    breaks) and would like its longest line. Columns of short entries (STT, names, units,
    figures, results) get their longest line first, as far as the page allows; the columns of
    long text keep a readable measure and share what is left."""
    columns = max([len(header)] + [len(row) for row in rows])
    if columns == 0:
        return []
    total = CONTENT_WIDTH_MM * PT_PER_MM

    def widest(texts, *, bold=False, words=False) -> float:
        # each distinct piece once: a column repeats its entries and words from row to row
        pieces = dict.fromkeys(p for text in texts for p in (str(text).split() if words else [str(text)]))
        return max((text_width_pt(piece, size=size, bold=bold) for piece in pieces), default=0.0)

    minimum, wanted = [], []
    for k in range(columns):
        head = str(header[k]) if k < len(header) else ""
        cells = [line for row in rows if k < len(row) for line in row[k]]
        least = max(widest(cells, words=True), widest([head], bold=True, words=True)) + PADDING_PT
        if head.strip().lower() in NARROW_HEADERS:
            least = max(least, widest([head], bold=True) + PADDING_PT)
        minimum.append(least)
        wanted.append(max(least, min(widest(cells) + PADDING_PT, LONGEST * total)))
    short = [k for k in range(columns) if wanted[k] <= SHORT_ENTRY * total]
    for k in range(columns):
        if k not in short:  # a long text keeps a readable measure before short entries are served
            minimum[k] = max(minimum[k], min(wanted[k], READABLE * total))
    widths = list(minimum)
    spare = total - sum(minimum)
    narrow = {k for k, head in enumerate(header) if str(head).strip().lower() in NARROW_HEADERS}
    if sum(wanted) <= total:  # room for every line: the rest goes to all but the STT column
        growing = sum(w for k, w in enumerate(wanted) if k not in narrow) or 1
        widths = [w if k in narrow else w + (total - sum(wanted)) * w / growing for k, w in enumerate(wanted)]
    elif spare > 0:
        short_need = sum(wanted[k] - minimum[k] for k in short)
        if short_need <= spare:
            for k in short:
                widths[k] = wanted[k]
            spare -= short_need
            long_need = sum(wanted[k] - minimum[k] for k in range(columns) if k not in short)
            for k in range(columns):
                if k not in short and long_need:
                    widths[k] = minimum[k] + spare * (wanted[k] - minimum[k]) / long_need
        elif short_need:  # short entries first, each as far as the space goes
            for k in short:
                widths[k] = minimum[k] + spare * (wanted[k] - minimum[k]) / short_need
    scale = sum(widths)
    percents = [max(3, round(100 * width / scale)) for width in widths]
    for k in narrow:  # rounded down, the column would break its heading ("ST" over "T")
        percents[k] = max(percents[k], math.ceil(100 * minimum[k] / total))
    percents[percents.index(max(percents))] += 100 - sum(percents)
    return percents
