"""Vietnamese text and date helpers for official documents (Decree 30/2020/NĐ-CP, Phụ lục I).

Pure functions, no database: dates in words ("ngày 05 tháng 02 năm 2024"), the place-and-date
line, roman numerals, period labels ("Quý I", "Tháng 3"), the Vietnamese letter order used for
"a)", "b)" ... items, and the reverse: reading such dates back from text.
"""

import calendar
import datetime
import re
import unicodedata

# The blank left for the day or the month of a draft, to be filled in by hand at issuance.
DATE_BLANK = " " * 4  # with the spaces around it: 6 blanks between "ngày" and "tháng"

# Item letters in Vietnamese order ("a)", "b)", ... "đ)" after "d)"; no f, j, w, z).
VN_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def day_text(day: int) -> str:
    """Day of month as printed: a leading 0 below 10 ("05")."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Month as printed: a leading 0 for January and February only ("01", "02", "3" ... "12")."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(d: datetime.date) -> str:
    """'ngày 05 tháng 02 năm 2024'."""
    return f"ngày {day_text(d.day)} tháng {month_text(d.month)} năm {d.year}"


def place_date(
    place: str,
    d: datetime.date | None = None,
    *,
    year: int | None = None,
    month: int | None = None,
    blank_day: bool = False,
) -> str:
    """The place-and-date line: 'Đồng Nai, ngày 27 tháng 01 năm 2021'.

    A draft leaves blanks for what is not known yet: with no date,
    'Đồng Nai, ngày      tháng      năm 2022' (the year, or the month too, kept when given);
    with blank_day=True the day is left blank even though the date is known (the office fills
    it in by hand on the day of issue).
    """
    if d is not None:
        year = d.year
        month = d.month
    day_part = DATE_BLANK if (d is None or blank_day) else day_text(d.day)
    month_part = month_text(month) if month else DATE_BLANK
    year_part = str(year) if year else "20" + " " * 4
    text = f"ngày {day_part} tháng {month_part} năm {year_part}"
    place = (place or "").strip()
    return f"{place}, {text}" if place else text


def to_roman(n: int) -> str:
    """1 -> 'I', 4 -> 'IV', 12 -> 'XII'."""
    if not 0 < n < 4000:
        raise ValueError(f"Không viết được số La Mã cho {n}")
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(text: str) -> int | None:
    """'IV' -> 4; None when the text is not a roman numeral."""
    text = (text or "").strip().upper()
    if not text or not _ROMAN_RE.match(text):
        return None
    total = 0
    i = 0
    for value, letters in _ROMAN:
        while text.startswith(letters, i):
            total += value
            i += len(letters)
    return total


def quarter_label(q: int) -> str:
    """'Quý I' ... 'Quý IV'."""
    if not 1 <= q <= 4:
        raise ValueError(f"Quý không hợp lệ: {q}")
    return f"Quý {to_roman(q)}"


def month_label(m: int) -> str:
    """'Tháng 1' ... 'Tháng 12' (labels in tables are written without the leading zero)."""
    if not 1 <= m <= 12:
        raise ValueError(f"Tháng không hợp lệ: {m}")
    return f"Tháng {m}"


def period_label(kind: str, value: int | None) -> str:
    """Label of a plan period: ('quarter', 2) -> 'Quý II', ('month', 3) -> 'Tháng 3'."""
    if value is None:
        return ""
    if kind == "quarter":
        return quarter_label(value)
    if kind == "month":
        return month_label(value)
    return ""


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> datetime.date:
    return month_end(year, quarter * 3)


def letter_index(letter: str) -> int | None:
    """Position of an item letter in Vietnamese order: 'a' -> 0, 'đ' -> 4, 'e' -> 5."""
    letter = (letter or "").strip().lower()
    try:
        return VN_LETTERS.index(letter)
    except ValueError:
        return None


def vn_letter(index: int) -> str:
    """0 -> 'a', 4 -> 'đ'."""
    return VN_LETTERS[index]


_WORD_DATE_RE = re.compile(
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)
_SLASH_DATE_RE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\b")


def parse_vn_date(text: str, *, default_year: int | None = None) -> datetime.date | None:
    """The first complete date in the text: 'ngày 31 tháng 3 năm 2022' or '31/3/2022' ('31/3'
    takes default_year). None when nothing valid is found."""
    m = _WORD_DATE_RE.search(text or "")
    if m:
        try:
            return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    m = _SLASH_DATE_RE.search(text or "")
    if m:
        year = int(m.group(3)) if m.group(3) else default_year
        if year is None:
            return None
        try:
            return datetime.date(year, int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None


def nfc(text: str) -> str:
    """Unicode NFC: text pasted from Word or PDFs sometimes carries combining diacritics."""
    return unicodedata.normalize("NFC", text or "")


def ensure_final_mark(text: str, mark: str = "./.") -> str:
    """Attach the closing mark './.' to the last sentence unless it is already there."""
    stripped = (text or "").rstrip()
    if stripped.endswith(mark):
        return stripped
    stripped = stripped.rstrip(" .;:,")
    return f"{stripped}{mark}"
