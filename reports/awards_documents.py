"""The awards' documents: the public disclosure notice (Thông báo công khai) of a year's verified
nominees, and the proposal pack to a higher authority with each nominee's achievement report.

``disclosure_document(period)`` lays a disclosure period out per Decree 30/2020:

- the agency's letterhead (``campaign_documents.agency_header_lines``), the national motto, the
  notice's number from the register ("Số: 05/TB-SYT"; a blank number while it is not issued),
  the place and date in words ("Đồng Nai, ngày 27 tháng 01 năm 2021": the day of issue, or the
  first day of the comment period for a draft);
- "THÔNG BÁO" / "Công khai danh sách cá nhân, tập thể được đề nghị khen thưởng năm <year>";
- one numbered section per award type, each with the table of its verified nominees (name,
  position, unit, achievements summary), in the catalog's order;
- the comment period in words and how to send comments (on the system, or in writing to the
  office at the agency's address, e-mail and phone when known); the agency's default signer.

Only nominations of the period's year that passed verification are listed
(``awards.selectors.disclosed_nominations``).

``proposal_pack_pdf(pack)`` is the proposal pack as one PDF: the tờ trình with its nominee list
and the council's minutes (``council_documents.proposal_pack_documents``), then one achievement
report (báo cáo thành tích) per nominee — the dossier file of that kind when the nomination has
one (a PDF appended as it is, an image turned into a page), or else a one-page report generated
from the nomination's achievements summary. A DOCX report cannot be joined to a PDF: the pack
prints a page naming it, and the file is listed among the separate files of the proposal
(``proposal_separate_files``).

Official documents are always printed in Vietnamese, whatever language the page is shown in.
"""

from __future__ import annotations

import base64
import io
import logging
from collections import OrderedDict
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.text import Truncator

from awards.enums import DISCLOSURE_RECIPIENTS, DISCLOSURE_SYMBOL
from awards.models import DisclosurePeriod, DossierFile, Nomination
from awards.selectors import disclosed_nominations, disclosure_periods_visible_to
from council.models import ProposalPack
from council.selectors import proposal_nominations, proposal_report_files, proposals_visible_to
from units import vn
from units.enums import IssuedKind
from units.models import Agency, User
from units.numbering import file_number
from units.selectors import unit_heads

from . import views as document_views
from .council_documents import proposal_file_stem, proposal_pack_documents, render_pdf_many
from .documents import BASE_URL, OfficialDocument, _static_fetcher, document_heading, render_pdf
from .docx import render_docx_many

logger = logging.getLogger(__name__)

DISCLOSURE_HEADER = ["STT", "Họ và tên / tập thể", "Chức vụ", "Đơn vị", "Tóm tắt thành tích"]
ACHIEVEMENT_WORDS = 80  # the summary printed in the disclosure table, in words


# ---------------------------------------------------------------------------
# Public disclosure (Thông báo công khai)
# ---------------------------------------------------------------------------
def _count_text(persons: int, units: int) -> str:
    parts = []
    if persons:
        parts.append(f"{persons:02d} cá nhân")
    if units:
        parts.append(f"{units:02d} tập thể")
    return ", ".join(parts)


def _nominee_unit(nomination) -> str:
    if nomination.person_id:
        return nomination.person.unit.name
    parent = nomination.unit.parent if nomination.unit.parent_id else None
    return parent.name if parent else nomination.proposing_unit.name


def _summary(text: str) -> str:
    return Truncator(" ".join((text or "").split())).words(ACHIEVEMENT_WORDS, truncate=" …")


def _contact_text(agency: Agency) -> str:
    parts = [f"bằng văn bản gửi về Thường trực Hội đồng Thi đua - Khen thưởng {agency.name}"]
    if agency.address:
        parts.append(f"địa chỉ: {agency.address}")
    if agency.email:
        parts.append(f"thư điện tử: {agency.email}")
    if agency.phone:
        parts.append(f"điện thoại: {agency.phone}")
    return "; ".join(parts)


def disclosure_heading(period: DisclosurePeriod, agency: Agency):
    """The notice's own header and signer, printed as set (the agency's defaults for a period
    never given any)."""
    return document_heading(period, agency, recipients=DISCLOSURE_RECIPIENTS)


def disclosure_document(period: DisclosurePeriod) -> OfficialDocument:
    agency = Agency.load()
    heading = disclosure_heading(period, agency)
    nominations = list(disclosed_nominations(period).select_related("unit__parent"))
    groups: OrderedDict = OrderedDict()
    for nomination in nominations:
        groups.setdefault(nomination.award_type_id, []).append(nomination)

    persons = sum(1 for n in nominations if n.person_id)
    units = len(nominations) - persons
    body: list[dict] = [
        {
            "kind": "paragraph",
            "text": "Thực hiện Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn "
            "thi hành, bảo đảm nguyên tắc chính xác, công khai, minh bạch, công bằng, kịp thời trong "
            f"khen thưởng, {agency.name} thông báo công khai danh sách cá nhân, tập thể được đề nghị "
            f"khen thưởng năm {period.year} đã được Thường trực Hội đồng Thi đua - Khen thưởng thẩm định"
            + (f" ({_count_text(persons, units)})" if nominations else "")
            + ", cụ thể như sau:",
        }
    ]
    if not nominations:
        body.append({"kind": "paragraph", "text": "Chưa có đề nghị nào đã được thẩm định trong năm."})
    for number, rows in enumerate(groups.values(), start=1):
        award = rows[0].award_type
        in_group = sum(1 for n in rows if n.person_id)
        body.append(
            {
                "kind": "heading",
                "level": 2,
                "numbering": f"{number}.",
                "text": f"{award.name} ({_count_text(in_group, len(rows) - in_group)})",
            }
        )
        body.append(
            {
                "kind": "table",
                "header": DISCLOSURE_HEADER,
                "rows": [
                    [
                        str(index),
                        n.nominee_name,
                        n.person.position if n.person_id else "Tập thể",
                        _nominee_unit(n),
                        _summary(n.achievements),
                    ]
                    for index, n in enumerate(rows, start=1)
                ],
            }
        )
    for line in (period.note or "").splitlines():
        if line.strip():
            body.append({"kind": "paragraph", "text": line.strip()})
    body += [
        {"kind": "heading", "level": 2, "text": "Thời gian và cách thức góp ý"},
        {
            "kind": "bullet",
            "text": f"Thời gian nhận ý kiến: từ {vn.date_words(period.opens)} "
            f"đến hết {vn.date_words(period.closes)}.",
        },
        {
            "kind": "bullet",
            "text": "Cách gửi ý kiến: góp ý trực tiếp trên hệ thống quản lý thi đua, khen thưởng "
            "(mục Khen thưởng, Công khai), hoặc " + _contact_text(agency) + ".",
        },
        {
            "kind": "paragraph",
            "text": "Ý kiến cần ghi rõ họ tên, đơn vị của người góp ý và nội dung về từng cá nhân, tập thể; "
            "Thường trực Hội đồng tổng hợp đầy đủ các ý kiến nhận được để báo cáo Hội đồng Thi đua - "
            "Khen thưởng xem xét trước khi quyết định khen thưởng hoặc trình cấp trên",
        },
    ]
    day = period.issued_on or period.opens
    return OfficialDocument(
        authority_line=heading.authority_line,
        issuer_line=heading.issuer_line,
        number_text=period.number_text,
        place_date_text=vn.place_date(heading.place, day),
        doc_type="THÔNG BÁO",
        title=f"Công khai danh sách cá nhân, tập thể được đề nghị khen thưởng năm {period.year}",
        body=body,
        signer_prefix_line=heading.signer_prefix_line,
        signer_position_lines=heading.signer_position_lines,
        signer_name=heading.signer_name,
        recipients=heading.recipient_lines,
    )


def disclosure_file_stem(period: DisclosurePeriod) -> str:
    number = file_number(period.number, DISCLOSURE_SYMBOL) or f"du-thao-{DISCLOSURE_SYMBOL}"
    return f"Thông báo công khai {number} năm {period.year}"


class DisclosurePdfView(document_views.DocumentView):
    """The disclosure notice as PDF: every logged-in user may read it, as they may read the page."""

    permission_required = "awards.view_disclosure"
    issued_kind = IssuedKind.DISCLOSURE
    visible_to = disclosure_periods_visible_to
    document_of, file_stem_of = disclosure_document, disclosure_file_stem


class DisclosureDocxView(document_views.DocxMixin, DisclosurePdfView):
    pass


# ---------------------------------------------------------------------------
# Achievement reports (báo cáo thành tích) in the proposal pack
# ---------------------------------------------------------------------------
PDF, IMAGE, SEPARATE = "pdf", "image", "separate"


def report_file_kind(item: DossierFile) -> str:
    """How a report file joins the pack: a PDF appended, an image as a page, anything else
    (DOCX) sent as a separate file."""
    return item.file_type if item.joins_a_pdf_pack else SEPARATE


@dataclass
class AchievementReport:
    """One nominee's report in the pack: the files of kind BAOCAO, by how they join it."""

    nomination: Nomination
    pdfs: list = field(default_factory=list)
    images: list = field(default_factory=list)
    separate: list = field(default_factory=list)

    @property
    def generated(self) -> bool:
        """No report in the pack itself: one page is made from the achievements summary."""
        return not (self.pdfs or self.images)


def achievement_reports(pack: ProposalPack) -> list[AchievementReport]:
    """The nominees of a proposal, in the tờ trình's order, each with their report files (2 queries)."""
    reports = {n.pk: AchievementReport(n) for n in proposal_nominations(pack)}
    for nomination_id, files in proposal_report_files(pack).items():
        report = reports[nomination_id]
        by_kind = {PDF: report.pdfs, IMAGE: report.images, SEPARATE: report.separate}
        for item in files:
            by_kind[report_file_kind(item)].append(item)
    return list(reports.values())


def proposal_separate_files(pack: ProposalPack) -> list[DossierFile]:
    """The report files sent beside the pack PDF (DOCX), in the nominees' order."""
    return [item for report in achievement_reports(pack) for item in report.separate]


def _head_name(heads: dict[int, list[User]], unit_id: int) -> str:
    """The name signing for a unit: its first head's (``units.selectors.unit_heads``), else blank."""
    first = next(iter(heads.get(unit_id) or ()), None)
    return first.get_full_name() if first else ""


def achievement_report_document(
    nomination: Nomination,
    *,
    day=None,
    year: int | None = None,
    separate=(),
    agency: Agency,
    heads: dict[int, list[User]],
) -> OfficialDocument:
    """A one-page report made from the nomination's achievements summary (when the dossier has
    no report that can be printed in the pack). The pack passes the ``agency`` and the ``heads``
    of its proposing units, read once for all its pages."""
    unit = nomination.proposing_unit
    if nomination.person_id:
        person = nomination.person
        facts = [
            f"Họ và tên: {person.full_name}",
            f"Chức vụ: {person.position}" if person.position else "",
            f"Đơn vị công tác: {person.unit.name}",
        ]
    else:
        facts = [f"Tên tập thể: {nomination.unit.name}", f"Đơn vị đề nghị: {unit.name}"]
    body: list[dict] = [{"kind": "heading", "level": 1, "numbering": "I.", "text": "THÔNG TIN CHUNG"}]
    body += [{"kind": "paragraph", "text": text} for text in facts if text]
    body.append(
        {
            "kind": "heading",
            "level": 1,
            "numbering": "II.",
            "text": f"THÀNH TÍCH ĐẠT ĐƯỢC NĂM {nomination.year}",
        }
    )
    lines = [line.strip() for line in (nomination.achievements or "").splitlines() if line.strip()]
    for line in lines or ["Đơn vị chưa ghi tóm tắt thành tích trong hồ sơ đề nghị."]:
        if line.startswith(("-", "+", "•")):
            body.append({"kind": "bullet", "text": line.lstrip("-+• ").strip()})
        else:
            body.append({"kind": "paragraph", "text": line})
    body += [
        {"kind": "heading", "level": 1, "numbering": "III.", "text": "HÌNH THỨC KHEN THƯỞNG ĐỀ NGHỊ"},
        {"kind": "paragraph", "text": f"Đề nghị tặng {nomination.award_type.name} năm {nomination.year}."},
    ]
    if separate:
        names = "; ".join(item.original_name for item in separate)
        body.append({"kind": "paragraph", "text": f"Báo cáo thành tích đầy đủ gửi kèm tệp riêng: {names}."})
    body.append(
        {
            "kind": "paragraph",
            "text": "Báo cáo được lập từ tóm tắt thành tích trong hồ sơ đề nghị khen thưởng trên hệ thống",
        }
    )
    return OfficialDocument(
        authority_line=agency.name.upper(),
        issuer_line=unit.name.upper(),
        number_text="",
        place_date_text=vn.place_date(agency.place_name, day, year=year or nomination.year + 1),
        doc_type="BÁO CÁO",
        title=f"Thành tích đề nghị tặng {nomination.award_type.name} năm {nomination.year}\n"
        f"{nomination.subject}",
        body=body,
        signer_position_lines=["THỦ TRƯỞNG ĐƠN VỊ"],
        signer_name=_head_name(heads, unit.pk),
    )


def _image_page_pdf(nomination: Nomination, item: DossierFile) -> bytes:
    """An image of a report (a scanned page) as one A4 page, captioned with the nominee."""
    from weasyprint import HTML

    with item.file.open("rb") as handle:
        data = handle.read()
    mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    html = render_to_string(
        "documents/image_page.html",
        {
            "caption": f"Báo cáo thành tích — {nomination.subject} — {nomination.award_type.name} "
            f"năm {nomination.year} (tệp {item.original_name})",
            "src": f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}",
        },
    )
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_static_fetcher()).write_pdf()


def _append(writer, content: bytes) -> None:
    from pypdf import PdfReader

    for page in PdfReader(io.BytesIO(content)).pages:
        writer.add_page(page)


def proposal_pack_pdf(pack: ProposalPack) -> bytes:
    """The whole pack in one PDF: the tờ trình, the minutes with the tallies, then each
    nominee's achievement report (their PDF, their images as pages, or a generated page)."""
    from pypdf import PdfWriter
    from pypdf.errors import PdfReadError

    writer = PdfWriter()
    _append(writer, render_pdf_many(proposal_pack_documents(pack)))
    reports = achievement_reports(pack)
    agency = Agency.load()
    heads = unit_heads({report.nomination.proposing_unit_id for report in reports})
    for report in reports:
        nomination, printed = report.nomination, False
        for item in report.pdfs:
            try:
                with item.file.open("rb") as handle:
                    _append(writer, handle.read())
                printed = True
            except (OSError, PdfReadError, ValueError):
                logger.warning("Report file %s of nomination %s could not be joined", item.pk, nomination.pk)
                report.separate.append(item)
        for item in report.images:
            try:
                _append(writer, _image_page_pdf(nomination, item))
                printed = True
            except (OSError, ValueError):
                logger.warning("Report image %s of nomination %s could not be joined", item.pk, nomination.pk)
                report.separate.append(item)
        if not printed:
            doc = achievement_report_document(
                nomination,
                day=pack.sent_on,
                year=pack.year + 1,
                separate=report.separate,
                agency=agency,
                heads=heads,
            )
            _append(writer, render_pdf(doc))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class ProposalPackPdfView(document_views.DocumentView):
    """The proposal pack as one PDF: the tờ trình with its nominee list, the council's minutes and
    every nominee's achievement report (see ``proposal_pack_pdf``)."""

    role_permission = "council.list_proposal"  # another role: 403 before the proposal is looked up
    permission_required = "council.list_proposal"
    issued_kind = IssuedKind.PROPOSAL
    visible_to, file_stem_of = proposals_visible_to, proposal_file_stem

    def render(self, pack) -> bytes:
        return proposal_pack_pdf(pack)


class ProposalPackDocxView(document_views.DocxMixin, ProposalPackPdfView):
    """The tờ trình and the council's minutes as one DOCX to edit (the nominees' own reports are
    files of their own, not joined)."""

    def render(self, pack) -> bytes:
        return render_docx_many(proposal_pack_documents(pack))
