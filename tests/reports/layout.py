"""Measuring a rendered document: the words of each PDF page with their font and position
(pdfplumber), grouped into the lines a reader sees, the short horizontal rules of the letterhead
and the subject, and the DOCX converted to PDF by LibreOffice headless (a real word processor)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
COLUMN_GAP = 18  # points: words further apart on one baseline belong to different columns


class _Span:
    """Something printed between two x positions: its width and its centre."""

    x0: float
    x1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line(_Span):
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    fonts: set

    @property
    def bold(self) -> bool:
        return all("bold" in font.lower() for font in self.fonts)

    @property
    def italic(self) -> bool:
        return all("italic" in font.lower() or "oblique" in font.lower() for font in self.fonts)


@dataclass
class Rule(_Span):
    page: int
    x0: float
    x1: float
    top: float


@dataclass
class Word:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    font: str

    @property
    def bold(self) -> bool:
        return "bold" in self.font.lower()


@dataclass
class Layout:
    pages: int
    page_width: float
    lines: list[Line]
    rules: list[Rule]
    words: list[Word]

    def exact(self, text: str) -> list[Line]:
        return [line for line in self.lines if line.text == text]

    def lines_of(self, text: str) -> int | None:
        """How many lines ``text`` (a name in a table cell) is printed on: its words followed on
        the same line or, left-aligned under the first, on the next lines; None when absent."""
        syllables = text.split()
        best = None
        for start in (w for w in self.words if w.text == syllables[0]):
            current, tops = start, {round(start.top)}
            for syllable in syllables[1:]:
                same = [
                    w
                    for w in self.words
                    if w.page == current.page
                    and w.text == syllable
                    and abs(w.top - current.top) < 2
                    and 0 <= w.x0 - current.x1 < 8
                ]
                below = [
                    w
                    for w in self.words
                    if w.page == current.page
                    and w.text == syllable
                    and 0 < w.top - current.top < 20
                    and abs(w.x0 - start.x0) < 4
                ]
                found = (same or below or [None])[0]
                if found is None:
                    break
                current = found
                tops.add(round(found.top))
            else:
                best = len(tops) if best is None else min(best, len(tops))
        return best

    def find(self, text: str) -> Line:
        for line in self.lines:
            if text in line.text:
                return line
        raise AssertionError(f"no line holds {text!r}: {[line.text for line in self.lines][:80]}")

    def find_all(self, text: str) -> list[Line]:
        return [line for line in self.lines if text in line.text]

    def on_page(self, page: int) -> list[Line]:
        return [line for line in self.lines if line.page == page]

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def line_above(self, rule: Rule) -> Line | None:
        """The line of text right above a rule, in the rule's column."""
        candidates = [
            line
            for line in self.lines
            if line.page == rule.page
            and line.bottom <= rule.top + 2
            and rule.top - line.bottom < 14
            and line.x0 - 2 <= rule.centre <= line.x1 + 2
        ]
        return max(candidates, key=lambda line: line.bottom, default=None)

    def rule_under(self, text: str) -> tuple[Line, Rule]:
        line = self.find(text)
        rules = [
            rule
            for rule in self.rules
            if rule.page == line.page
            and 0 <= rule.top - line.bottom < 14
            and line.x0 - 2 <= rule.centre <= line.x1 + 2
        ]
        if not rules:
            raise AssertionError(f"no rule under {text!r}")
        rule = min(rules, key=lambda rule: rule.top)
        return self.line_above(rule) or line, rule


def _lines_of(page_number: int, words: list[dict]) -> list[Line]:
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) < 2.5:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        group = [row[0]]
        for word in row[1:]:
            if word["x0"] - group[-1]["x1"] > COLUMN_GAP:
                lines.append(_line(page_number, group))
                group = [word]
            else:
                group.append(word)
        lines.append(_line(page_number, group))
    return lines


def _line(page_number: int, words: list[dict]) -> Line:
    return Line(
        page=page_number,
        text=" ".join(w["text"] for w in words),
        x0=min(w["x0"] for w in words),
        x1=max(w["x1"] for w in words),
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        fonts={w["fontname"] for w in words},
    )


def measure_pdf(content: bytes) -> Layout:
    lines: list[Line] = []
    rules: list[Rule] = []
    all_words: list[Word] = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        width = float(pdf.pages[0].width) if pdf.pages else 0.0
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(extra_attrs=["fontname", "size"])
            lines += _lines_of(number, words)
            all_words += [
                Word(number, w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), w["fontname"])
                for w in words
            ]
            for edge in page.lines + page.rects:
                height = abs(float(edge["bottom"]) - float(edge["top"]))
                span = float(edge["x1"]) - float(edge["x0"])
                if height < 2.5 and 8 < span < width * 0.5:
                    rules.append(Rule(number, float(edge["x0"]), float(edge["x1"]), float(edge["top"])))
        pages = len(pdf.pages)
    lines.sort(key=lambda line: (line.page, round(line.top), line.x0))
    return Layout(pages=pages, page_width=width, lines=lines, rules=rules, words=all_words)


def docx_to_pdf(files: dict[str, bytes]) -> dict[str, bytes]:
    """Every DOCX converted to PDF by one LibreOffice headless run (a private profile)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for name, content in files.items():
            path = root / f"{name}.docx"
            path.write_bytes(content)
            paths.append(str(path))
        subprocess.run(  # noqa: S603 (the test's own files)
            [
                SOFFICE,
                f"-env:UserInstallation=file://{root}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(root / "out"),
                *paths,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return {name: (root / "out" / f"{name}.pdf").read_bytes() for name in files}
