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

from collections import OrderedDict

from django.shortcuts import get_object_or_404
from django.utils.text import Truncator
from django.views import View

from awards.models import DisclosurePeriod
from awards.selectors import disclosed_nominations
from awards.views import Protected
from units import vn
from units.models import Agency

from .campaign_documents import agency_header_lines, agency_signer
from .documents import OfficialDocument, render_pdf
from .views import PDF_CONTENT_TYPE, VietnameseDocumentMixin, _document_response

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


def disclosure_document(period: DisclosurePeriod) -> OfficialDocument:
    agency = Agency.load()
    authority_line, issuer_line = agency_header_lines(agency)
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
    prefix, position, signer = agency_signer(agency)
    day = period.issued_on or period.opens
    return OfficialDocument(
        authority_line=authority_line,
        issuer_line=issuer_line,
        number_text=period.number_text,
        place_date_text=vn.place_date(agency.place_name, day),
        doc_type="THÔNG BÁO",
        title=f"Công khai danh sách cá nhân, tập thể được đề nghị khen thưởng năm {period.year}",
        body=body,
        signer_prefix_line=prefix,
        signer_position_lines=position,
        signer_name=signer,
        recipients=[
            "Các đơn vị trực thuộc;",
            "Thành viên Hội đồng TĐKT;",
            "Trang thông tin điện tử của Sở;",
            "Lưu: VT, VP.",
        ],
    )


def disclosure_file_stem(period: DisclosurePeriod) -> str:
    number = f"{period.number:02d}-TB-SYT" if period.number else "du-thao-TB-SYT"
    return f"Thông báo công khai {number} năm {period.year}"


class DisclosurePdfView(VietnameseDocumentMixin, Protected, View):
    """The disclosure notice as PDF: every logged-in user may read it, as they may read the page."""

    permission_required = "awards.view_disclosure"

    def get_permission_object(self):
        if not hasattr(self, "_period"):
            self._period = get_object_or_404(DisclosurePeriod, pk=self.kwargs["pk"])
        return self._period

    def get(self, request, *args, **kwargs):
        period = self.get_permission_object()
        return _document_response(
            render_pdf(disclosure_document(period)),
            content_type=PDF_CONTENT_TYPE,
            filename=f"{disclosure_file_stem(period)}.pdf",
            as_attachment=False,
        )
