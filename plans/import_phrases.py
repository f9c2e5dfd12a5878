"""The phrases a plan is written with, read one at a time (pure functions, no database).

The importer (``plans.importer``) finds the structure of a plan; this module reads the phrases
inside it, the way the health departments' offices write them:

- deadlines: "trước ngày 15/4/2024", "chậm nhất ngày 20 tháng 6 năm 2025", "hoàn thành trong
  tháng 5/2024", "trong quý III", and the recurrences "hằng quý", "hằng tháng", "định kỳ 6
  tháng"; a table cell may also hold a bare "Tháng 02/2025", "Quý II" or "Hằng quý";
- the plan's kind from its title: a review (sơ kết, tổng kết, "10 năm thực hiện Chỉ thị ..."),
  a campaign ("Phát động phong trào thi đua ..."), the annual plan ("Công tác thi đua, khen
  thưởng năm 2025"), or another thematic plan;
- who a task is addressed to: the subject that opens it ("Phòng Tổ chức cán bộ tổng hợp ...",
  "CDC tỉnh phối hợp ...") and whether it names a group of units ("các đơn vị trực thuộc",
  "các bệnh viện", "các TTYT");
- the issuing body of the header ("UBND TỈNH HÀ NAM" / "SỞ Y TẾ");
- words broken by a PDF extraction ("đ ng", "Ch  trọng", "tr ớc"): pieces that cannot be a
  Vietnamese syllable.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

from units import vn

# ---------------------------------------------------------------------------
# Deadlines and recurrences
# ---------------------------------------------------------------------------
MONTHLY, QUARTERLY, HALF_YEARLY = "monthly", "quarterly", "half_yearly"

_DATE = (
    r"(?P<d>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:/|-|\.|\s+năm\s+)\s*(?P<y>\d{4}))?"
)
_BEFORE_RE = re.compile(
    r"(?P<kw>trước|chậm nhất(?:\s+là)?|muộn nhất|hạn chót|hạn cuối|không muộn hơn|không quá|hạn)"
    r"\s+(?:là\s+)?(?:(?:vào\s+)?ngày\s*)?" + _DATE,
    re.IGNORECASE,
)
_MONTH_VAL = r"(?P<m>\d{1,2})(?:\s*(?:/|-|\s+năm\s+)\s*(?P<y>\d{4}))?"
_QUARTER_VAL = r"(?P<q>[1-4]|IV|I{1,3})\b(?:\s*(?:/|-|\s+năm\s+)\s*(?P<y>\d{4}))?"
_IN_MONTH_RE = re.compile(r"(?:hoàn thành\s+)?trong\s+tháng\s+" + _MONTH_VAL + r"\b", re.IGNORECASE)
_IN_QUARTER_RE = re.compile(r"(?:hoàn thành\s+)?trong\s+quý\s+" + _QUARTER_VAL, re.IGNORECASE)
_BARE_MONTH_RE = re.compile(r"^\s*tháng\s+" + _MONTH_VAL + r"\s*$", re.IGNORECASE)
_BARE_QUARTER_RE = re.compile(r"^\s*quý\s+" + _QUARTER_VAL + r"\s*$", re.IGNORECASE)
_RECURRENCE_RES = (
    (HALF_YEARLY, re.compile(r"định kỳ\s+0?6\s+tháng|0?6\s+tháng\s+(?:một|1)\s+lần|hằng\s+6\s+tháng", re.I)),
    (QUARTERLY, re.compile(r"\b(?:hằng|hàng)\s+quý\b|định kỳ\s+(?:hằng\s+|hàng\s+)?quý|theo\s+quý\b", re.I)),
    (MONTHLY, re.compile(r"\b(?:hằng|hàng)\s+tháng\b|định kỳ\s+(?:hằng\s+|hàng\s+)?tháng\b", re.I)),
)


@dataclass(frozen=True)
class Deadline:
    """One deadline phrase: a date, or a recurrence (then ``due`` is None)."""

    phrase: str
    start: int
    end: int
    due: datetime.date | None = None
    recurrence: str = ""


def _year_of(raw: str | None, year: int | None) -> int | None:
    return int(raw) if raw else year


def _quarter_number(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else vn.from_roman(raw.upper())


def _month_end(year: int | None, month: int) -> datetime.date | None:
    if year is None or not 1 <= month <= 12:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(year: int | None, quarter: int | None) -> datetime.date | None:
    if year is None or not quarter or not 1 <= quarter <= 4:
        return None
    return _month_end(year, quarter * 3)


def find_deadlines(text: str, *, year: int | None) -> list[Deadline]:
    """Every deadline and recurrence phrase of the text, in order; a date without its year takes
    ``year`` (the plan's). A phrase whose date is impossible ("trước ngày 31/02") is kept with
    ``due`` None, so that the caller can say so."""
    found: list[Deadline] = []
    for m in _BEFORE_RE.finditer(text):
        y = _year_of(m.group("y"), year)
        try:
            due = datetime.date(y, int(m.group("m")), int(m.group("d"))) if y else None
        except ValueError:
            due = None
        found.append(Deadline(m.group(0), m.start(), m.end(), due=due))
    for m in _IN_MONTH_RE.finditer(text):
        due = _month_end(_year_of(m.group("y"), year), int(m.group("m")))
        found.append(Deadline(m.group(0), m.start(), m.end(), due=due))
    for m in _IN_QUARTER_RE.finditer(text):
        due = _quarter_end(_year_of(m.group("y"), year), _quarter_number(m.group("q")))
        found.append(Deadline(m.group(0), m.start(), m.end(), due=due))
    for recurrence, rx in _RECURRENCE_RES:
        for m in rx.finditer(text):
            if not any(d.start <= m.start() < d.end for d in found):
                found.append(Deadline(m.group(0), m.start(), m.end(), recurrence=recurrence))
    found.sort(key=lambda d: d.start)
    # Overlaps (a recurrence inside a longer phrase): the first one wins.
    out: list[Deadline] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def parse_deadline(text: str, *, year: int | None, bare: bool = False) -> Deadline | None:
    """The first deadline phrase of ``text``. With ``bare`` (a table's time cell) a lone
    "Tháng 02/2025" or "Quý II" is read as the end of that month or quarter."""
    if bare:
        text = text.strip()
        m = _BARE_MONTH_RE.match(text)
        if m:
            return Deadline(
                text, 0, len(text), due=_month_end(_year_of(m.group("y"), year), int(m.group("m")))
            )
        m = _BARE_QUARTER_RE.match(text)
        if m:
            due = _quarter_end(_year_of(m.group("y"), year), _quarter_number(m.group("q")))
            return Deadline(text, 0, len(text), due=due)
    found = find_deadlines(text, year=year)
    return found[0] if found else None


# ---------------------------------------------------------------------------
# The kind of plan
# ---------------------------------------------------------------------------
ANNUAL, REVIEW, CAMPAIGN, THEMATIC, OTHER = "annual", "review", "campaign", "thematic", "other"

_REVIEW_RE = re.compile(
    r"\b(sơ kết|tổng kết|\d+\s+năm\s+thực hiện|nhìn lại|đánh giá\s+\d+\s+năm)\b", re.IGNORECASE
)
_CAMPAIGN_RE = re.compile(r"\bphát động\b", re.IGNORECASE)
_ANNUAL_RE = re.compile(
    r"^(kế hoạch\s+)?(về\s+)?công tác thi đua,?\s*khen thưởng\b.{0,60}\bnăm\s+\d{4}\.?$", re.IGNORECASE
)


def plan_kind_of(title: str, *, letter: bool = False) -> str:
    """annual | review | campaign | thematic (other: a letter that neither launches nor reviews).

    A review is named by what it reviews ("Sơ kết ...", "Tổng kết 10 năm thực hiện Chỉ thị ...")
    and wins over a campaign it also launches ("Tổng kết năm 2024 và phát động năm 2025")."""
    subject = re.sub(r"^V/v\s*", "", title.strip(), flags=re.IGNORECASE)
    if _REVIEW_RE.search(subject):
        return REVIEW
    if _CAMPAIGN_RE.search(subject):
        return CAMPAIGN
    if letter:
        return OTHER
    if _ANNUAL_RE.match(subject):
        return ANNUAL
    return THEMATIC


# ---------------------------------------------------------------------------
# Who a task is addressed to
# ---------------------------------------------------------------------------
GROUP_ALL, GROUP_HOSPITALS, GROUP_HEALTH_CENTRES, GROUP_OFFICES = (
    "all",
    "hospitals",
    "health_centres",
    "offices",
)

_SUBJECT_START_RE = re.compile(
    r"^(?:(?:đề nghị|yêu cầu|giao(?:\s+cho)?)\s+)?"
    r"(?P<subject>(?:thủ trưởng\s+)?(?:các\s+)?"
    r"(?:đơn vị|cơ quan|phòng|văn phòng|thanh tra|chi cục|bệnh viện|BV\w*|TTYT|trung tâm|CDC|TTKSBT|"
    r"hội đồng|thường trực|công đoàn|đoàn thanh niên|ban (?:giám đốc|thi đua|chỉ đạo|tổ chức)|cụm|khối|"
    r"thành viên|trạm y tế)\b.*)$",
    re.IGNORECASE,
)
_VERBS = (
    "tự",
    "tổ chức",
    "xây dựng",
    "gửi",
    "nộp",
    "báo cáo",
    "tổng hợp",
    "tham mưu",
    "chuẩn bị",
    "phối hợp",
    "chủ trì",
    "đẩy mạnh",
    "lựa chọn",
    "đăng ký",
    "thực hiện",
    "triển khai",
    "hướng dẫn",
    "theo dõi",
    "rà soát",
    "kiểm tra",
    "tuyên truyền",
    "phát động",
    "hoàn thành",
    "ban hành",
    "lập",
    "đề xuất",
    "cử",
    "giúp",
    "khảo sát",
    "thành lập",
    "chịu trách nhiệm",
    "có trách nhiệm",
    "căn cứ",
    "bình xét",
    "xét",
    "họp",
    "tiếp nhận",
    "thẩm định",
    "trình",
    "đôn đốc",
    "quán triệt",
    "tập trung",
    "chỉ đạo",
    "là",
    "thống kê",
    "cập nhật",
    "duy trì",
    "nâng cao",
    "tăng cường",
    "công khai",
    "phổ biến",
    "tiếp tục",
    "hưởng ứng",
    "ký",
    "đánh giá",
    "cung cấp",
    "bố trí",
    "giám sát",
    "ứng dụng",
    "sơ kết",
    "tổng kết",
    "chủ động",
    "nghiêm túc",
    "khẩn trương",
    "thường xuyên",
    "tích cực",
)
# Case-sensitive: a verb in the sentence is in lower case, the words of a unit's name are
# capitalised ("Phòng Tổ chức cán bộ tổ chức ...").
_VERB_RE = re.compile(r"\s(?:" + "|".join(re.escape(v) for v in _VERBS) + r")\b")
_GROUP_RES = (
    (GROUP_ALL, re.compile(r"\bđơn vị\b", re.IGNORECASE)),
    (GROUP_HOSPITALS, re.compile(r"^(thủ trưởng\s+)?các\s+(bệnh viện|BV\w*)\b", re.IGNORECASE)),
    (GROUP_HEALTH_CENTRES, re.compile(r"^(thủ trưởng\s+)?các\s+(TTYT|trung tâm y tế)\b", re.IGNORECASE)),
    (GROUP_OFFICES, re.compile(r"^các\s+phòng\b", re.IGNORECASE)),
)


def unit_group_of(subject: str) -> str:
    """The group a subject names ("các đơn vị trực thuộc" -> all), or "" for one unit."""
    subject = subject.strip()
    if not re.match(r"^(thủ trưởng\s+)?các\b", subject, re.IGNORECASE):
        return ""
    for group, rx in _GROUP_RES:
        if rx.search(subject):
            return group
    return ""


def addressee_of(text: str) -> tuple[str, str]:
    """(subject, group) of a task that opens with whom it is addressed to:
    "Các bệnh viện gửi báo cáo ..." -> ("Các bệnh viện", "hospitals"), "Phòng Tổ chức cán bộ
    tổng hợp ..." -> ("Phòng Tổ chức cán bộ", ""). ("", "") when it opens with the work itself."""
    text = re.sub(r"^[-–•+]\s*", "", text.strip())
    m = _SUBJECT_START_RE.match(text)
    if not m:
        return "", ""
    subject = m.group("subject")
    verb = _VERB_RE.search(subject)
    heading = subject.rstrip().endswith(":")
    if verb:
        subject = subject[: verb.start()]
    elif not heading and len(subject) > 90:
        return "", ""
    subject = re.sub(r"\s*\([^)]*\)?\s*$", "", subject).strip(" ,;:.-")
    if not subject or len(subject) > 90:
        return "", ""
    return subject, unit_group_of(subject)


# Abbreviations the offices use for units, spelt out (to match unit names in the database).
ABBREVIATIONS = (
    (r"\bBVĐKKV\b", "Bệnh viện Đa khoa khu vực"),
    (r"\bBVĐK\b", "Bệnh viện Đa khoa"),
    (r"\bBVYHCT\b", "Bệnh viện Y học cổ truyền"),
    (r"\bBV\b", "Bệnh viện"),
    (r"\bTTYT\b", "Trung tâm Y tế"),
    (r"\b(CDC|TTKSBT)\b", "Trung tâm Kiểm soát bệnh tật"),
    (r"\bTCCB\b", "Tổ chức cán bộ"),
    (r"\bKHTC\b", "Kế hoạch - Tài chính"),
    (r"\bNVY\b", "Nghiệp vụ Y"),
    (r"\bNVD\b", "Nghiệp vụ Dược"),
    (r"\bVP\b", "Văn phòng"),
    (r"\bP\.\s*", "Phòng "),
    (r"\bHĐTĐKT\b", "Hội đồng Thi đua - Khen thưởng"),
)


def unit_name_key(name: str) -> str:
    """A name reduced for matching: abbreviations spelt out, lower case, without "Sở Y tế",
    "tỉnh"/"thành phố" tails and punctuation ("Văn phòng Sở Y tế" ~ "Văn phòng Sở", "Phòng TCCB"
    ~ "Phòng Tổ chức cán bộ", "CDC tỉnh" ~ "Trung tâm Kiểm soát bệnh tật")."""
    text = vn.nfc(name or "")
    for pattern, full in ABBREVIATIONS:
        text = re.sub(pattern, full, text)
    text = text.lower()
    text = re.sub(r"\b(sở y tế|y tế tỉnh)\b", "sở", text)
    text = re.sub(r"\b(thuộc sở|trực thuộc|tuyến tỉnh)\b", " ", text)
    text = re.sub(r"\s(tỉnh|thành phố)$", " ", text.strip())
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# The issuing body of the header
# ---------------------------------------------------------------------------
_AUTHORITY_RE = re.compile(r"^(UBND|ỦY BAN|UỶ BAN|BỘ|TỈNH ỦY|TỈNH UỶ|SỞ Y TẾ\s+\S)", re.IGNORECASE)


def issuing_body_of(lines: list[str]) -> tuple[str, str]:
    """(authority_line, issuer_line) from the upper-case header lines, in order: the governing
    body first when there are two ("UBND TỈNH HÀ NAM" / "SỞ Y TẾ"; "SỞ Y TẾ QUẢNG NINH" /
    "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"), the issuer alone otherwise."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return "", ""
    if len(lines) >= 2 and _AUTHORITY_RE.match(lines[0]):
        return lines[0], " ".join(lines[1:])
    if len(lines) == 1 and re.match(r"^(UBND|ỦY BAN|UỶ BAN)", lines[0], re.IGNORECASE):
        return lines[0], ""
    return "", " ".join(lines)


# ---------------------------------------------------------------------------
# Words broken by a PDF extraction
# ---------------------------------------------------------------------------
_SYLLABLE_RE = re.compile(
    r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
    r"([aăâeêioôơuưy]{1,3})"
    r"(ch|ng|nh|[cmnpt])?$"
)
# Short words that are not syllables but are written as such (units, loans, letters of a list).
_NOT_BROKEN = frozenset(
    {
        "km",
        "kg",
        "cm",
        "mm",
        "ml",
        "mg",
        "g",
        "m",
        "h",
        "kcal",
        "covid",
        "online",
        "internet",
        "website",
        "email",
        "video",
        "zalo",
        "file",
        "vaccine",
        "facebook",
        "x",
        "v",
        "s",
        "vs",
        "tp",
        "tx",
        "tt",
        "st",
    }
)


def _base_letters(word: str) -> str:
    """The word in lower case without its tone marks (the vowel shapes ă â ê ô ơ ư đ kept)."""
    out = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if unicodedata.category(ch) != "Mn" or ch in ("\u0306", "\u0302", "\u031b"):
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def is_syllable(word: str) -> bool:
    return bool(_SYLLABLE_RE.match(_base_letters(word)))


def broken_words(line: str) -> list[str]:
    """The pieces of ``line`` that cannot be a Vietnamese syllable, each with its neighbour
    ("các đ ng vị" -> ["đ ng"], "Ch  trọng" -> ["Ch  trọng"]); an abbreviation in capitals
    (TTYT, BVĐK, XV), a numbering letter ("đ)"), a unit of measure and a word with digits are
    not broken."""
    found: list[str] = []
    covered = 0  # the end of the last piece reported: a piece's neighbour is not reported again
    for m in re.finditer(r"[^\W\d_]+", line):
        if m.start() < covered:
            continue
        word = m.group(0)
        if word.isupper() and len(word) > 1 or word.lower() in _NOT_BROKEN:
            continue
        after = line[m.end() : m.end() + 1]
        before = line[m.start() - 1 : m.start()] if m.start() else ""
        if after in (")", ".") and len(word) == 1 or before.isdigit() or after.isdigit():
            continue
        if before in ("/", "-", "@", ".") or after in ("/", "@"):
            continue  # "V/v", "b/c", "KHHGD-", e-mail addresses
        token = re.search(r"\S*$", line[: m.start()]).group(0) + re.match(r"\S*", line[m.start() :]).group(0)
        if "@" in token or "://" in token:
            continue
        previous = re.search(r"(\S+)\s+$", line[: m.start()])
        if previous and re.fullmatch(r"[\d.,]+", previous.group(1)):
            continue  # "1.000 đ", "35 km"
        if len(word) > 7 or is_syllable(word):
            continue
        if word[:1].isupper() and not word[1:].islower() and len(word) > 1:
            continue  # "McDonald", mixed-case names
        left = re.search(r"\S+\s*$", line[: m.start()])
        right = re.match(r"\s*\S+", line[m.end() :])
        piece = (left.group(0) if left and not right else "") + word + (right.group(0) if right else "")
        covered = m.end() + (right.end() if right else 0)
        piece = piece.strip(' ,;:.!?()“”"')
        found.append(" ".join(piece.split()) if "  " not in piece else piece)
    return found
