"""Campaign documents as OfficialDocuments: the launching plan of a campaign and the consolidated
registration of a round. One context builder each, behind the PDF (and, for the campaign, the DOCX).

``campaign_document(campaign)`` lays the campaign's own data out as the launching plan (Kế hoạch
phát động phong trào thi đua), in the order of seed 002:

- header lines from ``units.Agency`` (its letterhead, else governing body and name), the number
  from the campaign's document fields ("125/KH-SYT"; a blank number when there is none, and then
  the day of the place-date line is left blank too, as for a draft printed for signature);
- "KẾ HOẠCH" / "Phát động phong trào thi đua “<theme>”";
- the basis paragraph ("Thực hiện <the higher-level campaign>. Sở Y tế phát động ... như sau:");
- I. purpose; II. subjects (1. Tập thể, 2. Cá nhân); III. 1. content items a) … đ) in order,
  2. dates; IV. duties per unit, in order; the closing paragraph; recipients; the agency's
  default signer ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" when a deputy signs).

A line of an item or a duty that starts with "- " prints as a bullet; other lines as paragraphs.

``consolidated_document(round_, collectives, individuals)`` is the "DANH SÁCH tổng hợp đăng ký thi
đua": collectives in one table, individuals in one table per registering unit, and the count per
title, from the lines that ``campaigns.selectors.consolidated_lines`` returns for the screen's
filters.

Official documents are always printed in Vietnamese, whatever language the page is shown in.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.enums import LaunchForm
from campaigns.models import Campaign, RegistrationRound
from units import vn
from units.models import Agency
from units.numbering import format_number

from .documents import DOCUMENT_LANGUAGE, OfficialDocument, document_heading
from .letter_document import letter_document, letter_file_stem

_NUMBER_RE = re.compile(r"^\s*(?:Số:?\s*)?(\d*)\s*/\s*(\S.*?)\s*$", re.IGNORECASE)
_BULLET_RE = re.compile(r"^[-–•+]\s*")


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------
def agency_header_lines(agency: Agency) -> tuple[str, str]:
    """(authority line, issuer line): the agency's letterhead when it has two lines, else its
    governing body and its name."""
    lines = [ln.strip() for ln in (agency.letterhead or "").splitlines() if ln.strip()]
    if len(lines) >= 2:
        return lines[0].upper(), lines[1].upper()
    return agency.governing_body.upper(), agency.name.upper()


def agency_signer(agency: Agency) -> tuple[str, list[str], str]:
    """(prefix line, position lines, name): a deputy signs 'KT. GIÁM ĐỐC' / 'PHÓ GIÁM ĐỐC'."""
    position = " ".join(agency.signer_position.split()).upper()
    prefix = ""
    if position.startswith("PHÓ "):
        prefix = f"KT. {position[4:]}"
    return prefix, [position] if position else [], agency.signer_name


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in (text or "").splitlines() if ln.strip()]


def _text_blocks(text: str, *, first_numbering: str = "") -> list[dict]:
    """Lines of free text as body blocks: '- x' lines as bullets, the others as paragraphs; the
    first paragraph carries ``first_numbering`` ("a)")."""
    blocks = []
    for index, line in enumerate(_lines(text)):
        if _BULLET_RE.match(line):
            level = 1 if line.startswith("+") else 0
            blocks.append({"kind": "bullet", "level": level, "text": _BULLET_RE.sub("", line, count=1)})
        else:
            blocks.append(
                {"kind": "paragraph", "text": line, "numbering": first_numbering if index == 0 else ""}
            )
    if first_numbering and (not blocks or blocks[0].get("numbering") != first_numbering):
        blocks.insert(0, {"kind": "paragraph", "text": "", "numbering": first_numbering})
    return blocks


def _date_words(day: datetime.date | None) -> str:
    return vn.date_words(day) if day else "…"


# ---------------------------------------------------------------------------
# The launching plan of a campaign
# ---------------------------------------------------------------------------
def campaign_number(campaign: Campaign, agency: Agency) -> tuple[int | None, str]:
    """(number or None, symbol) from the campaign's document number ("125/KH-SYT", "/KH-SYT")."""
    default_symbol = f"KH-{agency.short_name}"
    match = _NUMBER_RE.match(campaign.document_number or "")
    if not match:
        return None, default_symbol
    number = int(match.group(1)) if match.group(1) else None
    return number or None, match.group(2)


def campaign_place_date(campaign: Campaign, agency: Agency, *, number: int | None) -> str:
    if campaign.document_date:
        return vn.place_date(agency.place_name, campaign.document_date, blank_day=number is None)
    return vn.place_date(agency.place_name, None, year=campaign.start_date.year)


def campaign_title(campaign: Campaign) -> str:
    return _("Phát động phong trào thi đua “%(theme)s”") % {"theme": campaign.name.strip()}


def campaign_basis(campaign: Campaign, agency: Agency) -> str:
    """'Thực hiện <higher-level text>. Sở Y tế phát động phong trào thi đua “…” như sau:'."""
    launch = _("%(agency)s phát động phong trào thi đua “%(theme)s” như sau:") % {
        "agency": agency.name,
        "theme": campaign.name.strip(),
    }
    higher = " ".join(_lines(campaign.parent_text))
    if not higher and campaign.parent_id:
        higher = _("phong trào thi đua “%(theme)s”") % {"theme": campaign.parent.name}
    if not higher:
        return launch
    higher = higher.rstrip(" .;:")
    if not re.match(r"^(thực hiện|căn cứ)\b", higher, re.IGNORECASE):
        higher = _("Thực hiện %(text)s") % {"text": higher}
    return f"{higher}. {launch}"


def _campaign_body(campaign: Campaign, agency: Agency, items, duties) -> list[dict]:
    body: list[dict] = [{"kind": "paragraph", "text": campaign_basis(campaign, agency)}]

    body.append({"kind": "heading", "level": 1, "numbering": "I.", "text": _("MỤC ĐÍCH, YÊU CẦU")})
    purpose = _lines(campaign.purpose)
    if len(purpose) > 1:
        body += [{"kind": "bullet", "text": _BULLET_RE.sub("", line, count=1)} for line in purpose]
    elif purpose:
        body.append({"kind": "paragraph", "text": purpose[0]})

    body.append({"kind": "heading", "level": 1, "numbering": "II.", "text": _("ĐỐI TƯỢNG THI ĐUA")})
    subjects = [
        (_("Tập thể"), " ".join(_lines(campaign.collective_subjects))),
        (_("Cá nhân"), " ".join(_lines(campaign.individual_subjects))),
    ]
    for n, (label, text) in enumerate([s for s in subjects if s[1]], start=1):
        body.append({"kind": "paragraph", "numbering": f"{n}.", "text": f"{label}: {text}"})

    body.append(
        {"kind": "heading", "level": 1, "numbering": "III.", "text": _("NỘI DUNG VÀ THỜI GIAN THI ĐUA")}
    )
    body.append({"kind": "heading", "level": 2, "numbering": "1.", "text": _("Nội dung thi đua")})
    for index, item in enumerate(items):
        label = item.label.strip()
        if not label and index < len(vn.VN_LETTERS):
            label = f"{vn.vn_letter(index)})"
        body += _text_blocks(item.text, first_numbering=label)
    body.append({"kind": "heading", "level": 2, "numbering": "2.", "text": _("Thời gian")})
    if campaign.end_date:
        period = _("Thời gian tổ chức phong trào thi đua: từ %(start)s đến %(end)s.") % {
            "start": _date_words(campaign.start_date),
            "end": _date_words(campaign.end_date),
        }
    else:
        period = _("Thời gian tổ chức phong trào thi đua: từ %(start)s.") % {
            "start": _date_words(campaign.start_date)
        }
    body.append({"kind": "bullet", "text": period})
    if campaign.review_date:
        body.append(
            {
                "kind": "bullet",
                "text": _("Thời gian sơ kết, tổng kết phong trào thi đua: %(date)s.")
                % {"date": _date_words(campaign.review_date)},
            }
        )

    body.append({"kind": "heading", "level": 1, "numbering": "IV.", "text": _("TỔ CHỨC THỰC HIỆN")})
    for n, duty in enumerate(duties, start=1):
        body.append({"kind": "heading", "level": 2, "numbering": f"{n}.", "text": duty.assignee_label})
        body += _text_blocks(duty.text)

    body.append(
        {
            "kind": "paragraph",
            "text": _(
                "Trên đây là Kế hoạch phát động phong trào thi đua “%(theme)s”, đề nghị các phòng thuộc "
                "%(agency)s, Thủ trưởng các cơ quan, đơn vị triển khai, thực hiện theo nội dung của kế hoạch."
            )
            % {"theme": campaign.name.strip(), "agency": agency.name},
        }
    )
    return body


def campaign_recipients() -> list[str]:
    return [
        _("Ban Giám đốc Sở;"),
        _("Các phòng chuyên môn Sở;"),
        _("Các đơn vị trực thuộc;"),
        _("Lưu: VT, VP."),
    ]


def campaign_heading(campaign: Campaign, agency: Agency):
    """The campaign's own header and signer, printed as set (the agency's defaults with the usual
    recipients for a campaign never given any)."""
    return document_heading(campaign, agency, recipients=campaign_recipients())


def campaign_letter_subject(campaign: Campaign) -> str:
    return _("V/v phát động phong trào thi đua “%(theme)s”") % {"theme": campaign.name.strip()}


def campaign_addressees(duties) -> list[str]:
    """Who a launching letter written from the campaign is addressed to: the units given duties."""
    names = []
    for duty in duties:
        label = duty.assignee_label.strip()
        if label and label not in names:
            names.append(label)
    return names or [_("Các phòng chuyên môn và các đơn vị trực thuộc Sở Y tế")]


def campaign_document(campaign: Campaign) -> OfficialDocument:
    """The campaign's launching document as printed, in the form chosen for it: the plan (KẾ
    HOẠCH) laid out from the campaign's data, or a công văn: the letter written in the system
    when one is linked, else a letter made of the campaign's data. A campaign launched by both
    prints its plan here; its letter prints from the letter's own page."""
    with translation.override(DOCUMENT_LANGUAGE):
        if campaign.launched_by == LaunchForm.LETTER and campaign.letter_id:
            return letter_document(campaign.letter)
        agency = Agency.load()
        items = list(campaign.items.order_by("order", "pk"))
        duties = list(campaign.duties.select_related("unit").order_by("order", "pk"))
        heading = campaign_heading(campaign, agency)
        number, symbol = campaign_number(campaign, agency)
        as_letter = campaign.launched_by == LaunchForm.LETTER
        if as_letter and not _NUMBER_RE.match(campaign.document_number or ""):
            symbol = f"{agency.short_name}-VP"
        place = heading.place
        if campaign.document_date:
            place_date = vn.place_date(place, campaign.document_date, blank_day=number is None)
        else:
            place_date = vn.place_date(place, None, year=campaign.start_date.year)
        body = _campaign_body(campaign, agency, items, duties)
        return OfficialDocument(
            authority_line=heading.authority_line,
            issuer_line=heading.issuer_line,
            number_text=format_number(number, symbol),
            place_date_text=place_date,
            doc_type="" if as_letter else "KẾ HOẠCH",
            title="" if as_letter else campaign_title(campaign),
            subject_line=campaign_letter_subject(campaign) if as_letter else "",
            addressees=campaign_addressees(duties) if as_letter else [],
            body=body,
            signer_prefix_line=heading.signer_prefix_line,
            signer_position_lines=heading.signer_position_lines,
            signer_name=heading.signer_name,
            recipients=heading.recipient_lines,
        )


def campaign_file_stem(campaign: Campaign) -> str:
    """'Kế hoạch phát động phong trào thi đua 125-KH-SYT' or '... (dự thảo) 12' without a number."""
    if campaign.launched_by == LaunchForm.LETTER and campaign.letter_id:
        return letter_file_stem(campaign.letter)
    kind = "Công văn" if campaign.launched_by == LaunchForm.LETTER else "Kế hoạch"
    number = (campaign.document_number or "").strip().replace("/", "-").strip("-")
    if number and number[:1].isdigit():
        return f"{kind} phát động phong trào thi đua {number}"
    return f"{kind} phát động phong trào thi đua {campaign.start_date.year} ({campaign.pk})"


# ---------------------------------------------------------------------------
# The consolidated registration of a round
# ---------------------------------------------------------------------------
COLLECTIVES_HEADER = ["STT", "Đơn vị đăng ký", "Tập thể", "Danh hiệu đăng ký"]
INDIVIDUALS_HEADER = ["STT", "Họ và tên", "Chức vụ", "Khoa, phòng", "Danh hiệu đăng ký"]
COUNTS_HEADER = ["STT", "Danh hiệu", "Số tập thể", "Số cá nhân", "Cộng"]


def _consolidated_title(round_: RegistrationRound) -> str:
    title = _("Tổng hợp đăng ký thi đua toàn ngành năm %(year)s") % {"year": round_.year}
    if round_.campaign_id:
        title += "\n" + _("phong trào “%(theme)s”") % {"theme": round_.campaign.name}
    return title


def _filters_paragraph(filters: list[tuple[str, str]]) -> list[dict]:
    shown = [f"{label}: {value}" for label, value in filters if value]
    if not shown:
        return []
    text = _("Phạm vi tổng hợp: %(filters)s.") % {"filters": "; ".join(shown)}
    return [{"kind": "paragraph", "text": text}]


def consolidated_document(
    round_: RegistrationRound,
    collectives,
    individuals,
    *,
    filters: list[tuple[str, str]] | None = None,
    today: datetime.date | None = None,
) -> OfficialDocument:
    """The consolidated registration as a DANH SÁCH: collectives, individuals by unit, counts per
    title. ``collectives`` and ``individuals`` are the ordered lines of ``consolidated_lines``."""
    with translation.override(DOCUMENT_LANGUAGE):
        agency = Agency.load()
        collectives, individuals = list(collectives), list(individuals)
        authority, issuer = agency_header_lines(agency)
        prefix, positions, signer = agency_signer(agency)
        today = today or timezone.localdate()

        body: list[dict] = [
            {
                "kind": "paragraph",
                "text": _("Đợt đăng ký: %(name)s (hạn đăng ký %(deadline)s).")
                % {"name": round_.name, "deadline": round_.deadline.strftime("%d/%m/%Y")},
            }
        ]
        body += _filters_paragraph(filters or [])

        body.append({"kind": "heading", "level": 1, "numbering": "I.", "text": _("TẬP THỂ")})
        if collectives:
            rows = [
                [str(n), line.registration.unit.name, line.unit.name, line.award_type.name]
                for n, line in enumerate(collectives, start=1)
            ]
            body.append({"kind": "table", "header": list(COLLECTIVES_HEADER), "rows": rows})
        else:
            body.append({"kind": "paragraph", "text": _("Không có tập thể nào đăng ký.")})

        body.append({"kind": "heading", "level": 1, "numbering": "II.", "text": _("CÁ NHÂN")})
        groups: dict[int, list] = {}
        for line in individuals:
            groups.setdefault(line.registration.unit_id, []).append(line)
        if not groups:
            body.append({"kind": "paragraph", "text": _("Không có cá nhân nào đăng ký.")})
        for n, lines in enumerate(groups.values(), start=1):
            registration = lines[0].registration
            heading = _("%(unit)s (%(count)d cá nhân; %(status)s)") % {
                "unit": registration.unit.name,
                "count": len(lines),
                "status": registration.get_status_display().lower()
                + (_(", nộp muộn") if registration.is_late else ""),
            }
            body.append({"kind": "heading", "level": 2, "numbering": f"{n}.", "text": heading})
            rows = [
                [
                    str(k),
                    line.person.full_name,
                    line.person.position,
                    line.person.unit.name if line.person.unit_id != registration.unit_id else "",
                    line.award_type.name,
                ]
                for k, line in enumerate(lines, start=1)
            ]
            body.append({"kind": "table", "header": list(INDIVIDUALS_HEADER), "rows": rows})

        body.append(
            {"kind": "heading", "level": 1, "numbering": "III.", "text": _("SỐ LƯỢNG ĐĂNG KÝ THEO DANH HIỆU")}
        )
        col_counts = Counter(line.award_type_id for line in collectives)
        ind_counts = Counter(line.award_type_id for line in individuals)
        awards = {line.award_type_id: line.award_type for line in [*collectives, *individuals]}
        ordered = sorted(awards.values(), key=lambda a: (a.order, a.name))
        rows = []
        for n, award in enumerate(ordered, start=1):
            c, i = col_counts.get(award.pk, 0), ind_counts.get(award.pk, 0)
            rows.append([str(n), award.name, str(c) if c else "", str(i) if i else "", str(c + i)])
        rows.append(["", _("Tổng cộng"), str(len(collectives)), str(len(individuals)),
                     str(len(collectives) + len(individuals))])  # fmt: skip
        body.append({"kind": "table", "header": list(COUNTS_HEADER), "rows": rows})

        units = {line.registration.unit_id for line in [*collectives, *individuals]}
        body.append(
            {
                "kind": "paragraph",
                "text": _(
                    "Danh sách gồm %(collectives)d tập thể và %(individuals)d cá nhân của %(units)d đơn vị."
                )
                % {"collectives": len(collectives), "individuals": len(individuals), "units": len(units)},
            }
        )
        return OfficialDocument(
            authority_line=authority,
            issuer_line=issuer,
            number_text="",
            place_date_text=vn.place_date(agency.place_name, today),
            doc_type="DANH SÁCH",
            title=_consolidated_title(round_),
            body=body,
            signer_prefix_line=prefix,
            signer_position_lines=positions,
            signer_name=signer,
            recipients=[_("Ban Giám đốc Sở;"), _("Lưu: VT, VP.")],
        )


def consolidated_file_stem(round_: RegistrationRound) -> str:
    return f"Tổng hợp đăng ký thi đua năm {round_.year} ({round_.pk})"
