"""The council's documents as OfficialDocuments: the minutes (biên bản) of a session with its
tallies, a decision (quyết định khen thưởng, đính chính, thu hồi) with its list of awardees and
reward amounts, and a proposal to a higher authority (tờ trình) — plus the proposal pack, one PDF
made of the tờ trình and the minutes.

Only tallies are printed: the minutes read ``AgendaResult`` rows, written at the close; a session
that is not closed has no minutes here (the view refuses it).
"""

from __future__ import annotations

from django.utils import timezone

from catalog.enums import AwardKind
from council.enums import MINUTES_SYMBOL, PROPOSAL_SYMBOL, DecisionKind, Outcome, SessionStatus
from council.models import CouncilSession, Decision, ProposalPack
from council.selectors import decision_items, proposal_nominations, session_agenda, session_memberships
from council.services import (
    AWARD_DECISION_RECIPIENTS,
    LATER_DECISION_RECIPIENTS,
    MINUTES_ISSUER_LINE,
    PROPOSAL_RECIPIENTS,
    session_minutes_heading,
)
from units import vn
from units.models import Agency
from units.numbering import file_number, number_label

from .documents import OfficialDocument, document_heading, render_document

COUNCIL_LINE = MINUTES_ISSUER_LINE


def money(amount: int | None) -> str:
    """1800000 -> '1.800.000'; None -> ''."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".")


def _coefficient(value) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


# ---------------------------------------------------------------------------
# Minutes (biên bản họp xét)
# ---------------------------------------------------------------------------
MINUTES_RESULT_HEADER = [
    "STT",
    "Họ và tên / tập thể",
    "Đơn vị",
    "Đề nghị",
    "Số phiếu",
    "Đồng ý",
    "Không đồng ý",
    "Tỷ lệ đồng ý",
    "Kết quả",
]


def _time_text(session: CouncilSession, local) -> str:
    """ "Thời gian: bắt đầu lúc 08 giờ 00, ngày ...; kết thúc lúc 10 giờ 30 cùng ngày." """
    start = f"Thời gian: bắt đầu lúc {local:%H} giờ {local:%M}, {vn.date_words(local.date())}"
    if not session.closed_at:
        return f"{start}."
    end = timezone.localtime(session.closed_at)
    if end < local:  # voting closed before the meeting's set time: no end time to state
        return f"{start}."
    if end.date() == local.date():
        return f"{start}; kết thúc lúc {end:%H} giờ {end:%M} cùng ngày."
    return f"{start}; kết thúc lúc {end:%H} giờ {end:%M}, {vn.date_words(end.date())}."


def minutes_document(session: CouncilSession) -> OfficialDocument:
    memberships = session_memberships(session)
    agenda = session_agenda(session)
    local = timezone.localtime(session.starts_at)
    present = [m for m in memberships if m.is_present]
    absent = [m for m in memberships if not m.is_present]
    chair = next((m for m in memberships if m.user_id == session.chair_id), None)
    secretary = next((m for m in memberships if m.user_id == session.secretary_id), None)

    body: list[dict] = [
        {"kind": "paragraph", "text": _time_text(session, local)},
        {"kind": "paragraph", "text": f"Địa điểm: {session.place}."},
        {"kind": "heading", "level": 1, "numbering": "I.", "text": "THÀNH PHẦN"},
        {
            "kind": "paragraph",
            "text": f"Chủ trì: {chair.user.get_full_name() if chair else session.chair}; "
            f"thư ký: {secretary.user.get_full_name() if secretary else session.secretary}.",
        },
        {
            "kind": "table",
            "header": ["STT", "Họ và tên", "Chức vụ", "Chức danh trong Hội đồng", "Tham dự"],
            "rows": [
                [
                    str(n),
                    m.user.get_full_name() or m.user.username,
                    m.position,
                    m.get_role_display(),
                    m.get_attendance_display(),
                ]
                for n, m in enumerate(memberships, start=1)
            ],
        },
        {
            "kind": "paragraph",
            "text": f"Có mặt {len(present):02d}/{len(memberships):02d} thành viên Hội đồng; "
            f"vắng mặt {len(absent):02d} thành viên.",
        },
        {"kind": "heading", "level": 1, "numbering": "II.", "text": "NỘI DUNG"},
        {
            "kind": "paragraph",
            "text": f"Hội đồng xem xét {len(agenda):02d} đề nghị khen thưởng năm {session.year} "
            "do Thường trực Hội đồng trình, đã được thẩm định và công khai theo quy định.",
        },
    ]
    for line in (session.notes or "").split("\n"):
        if line.strip():
            body.append({"kind": "paragraph", "text": line.strip()})

    body.append({"kind": "heading", "level": 1, "numbering": "III.", "text": "KẾT QUẢ BIỂU QUYẾT"})
    rows = []
    rules_seen: list[str] = []
    ties_seen: list[str] = []
    for n, item in enumerate(agenda, start=1):
        nomination = item.nomination
        result = getattr(item, "result", None) if session.status == SessionStatus.CLOSED else None
        subject = str(nomination.subject)
        if result is None:
            rows.append(
                [
                    str(n),
                    subject,
                    nomination.proposing_unit.name,
                    nomination.award_type.name,
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            continue
        if result.rule_text and result.rule_text not in rules_seen:
            rules_seen.append(result.rule_text)
        if result.is_tie and result.tie_rule and result.tie_rule not in ties_seen:
            ties_seen.append(result.tie_rule)
        outcome = result.get_outcome_display()
        if result.settled_note:
            outcome = f"{outcome} (ý kiến Chủ tịch Hội đồng: {result.settled_note})"
        rows.append(
            [
                str(n),
                subject,
                nomination.proposing_unit.name,
                f"{nomination.award_type.name} năm {nomination.year}",
                str(result.cast),
                str(result.agree),
                str(result.disagree),
                result.agree_percent if result.outcome != Outcome.NO_QUORUM else "",
                outcome,
            ]
        )
    body.append({"kind": "table", "header": MINUTES_RESULT_HEADER, "rows": rows})
    if rules_seen:
        body.append({"kind": "heading", "level": 2, "text": "Nguyên tắc biểu quyết đã áp dụng:"})
    for text in rules_seen:
        body.append({"kind": "bullet", "text": f"{text.rstrip('.')}."})
    for text in ties_seen:
        body.append({"kind": "bullet", "text": f"Khi số phiếu ngang nhau: {text.rstrip('.')}."})
    if any(getattr(item, "result", None) and item.result.written for item in agenda):
        body.append(
            {
                "kind": "bullet",
                "text": "Số phiếu gồm ý kiến bằng văn bản của thành viên vắng mặt do Thư ký Hội đồng nhập.",
            }
        )
    body.append(
        {
            "kind": "paragraph",
            "text": "Biểu quyết bằng phiếu kín trên hệ thống; biên bản chỉ ghi kết quả kiểm phiếu. "
            "Biên bản được lập và thông qua tại phiên họp",
        }
    )
    heading = session_minutes_heading(session)  # the chair's signature, as set; the secretary's beside
    return OfficialDocument(
        authority_line=heading.authority_line,
        issuer_line=heading.issuer_line,
        number_text=session.minutes_number_text,
        place_date_text=vn.place_date(heading.place, local.date()),
        doc_type="BIÊN BẢN",
        title=f"Họp xét thi đua, khen thưởng năm {session.year}\n{session.title}",
        body=body,
        signer_prefix_line=heading.signer_prefix_line,
        signer_position_lines=heading.signer_position_lines,
        signer_name=heading.signer_name,
        recipients=heading.recipient_lines,
        countersigner_title_lines=["THƯ KÝ"],
        countersigner_name=secretary.user.get_full_name() if secretary else str(session.secretary or ""),
        issue_date=local.date(),
    )


def minutes_file_stem(session: CouncilSession) -> str:
    number = file_number(session.minutes_number, MINUTES_SYMBOL) or MINUTES_SYMBOL
    return f"Biên bản {number} năm {session.year}"


# ---------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------
AWARDEES_HEADER = ["STT", "Họ và tên / tập thể", "Chức vụ", "Đơn vị", "Số tiền (đồng)"]
LATER_HEADER = ["STT", "Họ và tên / tập thể", "Đơn vị", "Khen thưởng", "Nội dung"]


def awardee_rows(items) -> tuple[list[list[str]], list[int]]:
    """The list of a decision's awardees, award by award as the decision orders them: each award
    heads its group of rows ("I. Danh hiệu “Lao động tiên tiến” (100 cá nhân)"), then one row an
    awardee with the number the decision gives it. The indexes of the heading rows come second."""
    rows: list[list[str]] = []
    group_rows: list[int] = []
    groups: list[list] = []
    for item in items:
        if not groups or groups[-1][0].award_type_id != item.award_type_id:
            groups.append([])
        groups[-1].append(item)
    for number, group in enumerate(groups, start=1):
        award = group[0].award_type
        persons = sum(1 for item in group if item.person_id)
        collectives = len(group) - persons
        counts = ", ".join(
            f"{count} {noun}" for count, noun in ((collectives, "tập thể"), (persons, "cá nhân")) if count
        )
        record = group[
            0
        ].award_record  # the award as the decision named it, not as the catalog names it today
        issued = (record.name_as_issued if record is not None else "") or award.name
        name = f"Danh hiệu “{issued}”" if award.kind == AwardKind.TITLE else issued
        group_rows.append(len(rows))
        rows.append([f"{vn.to_roman(number)}. {name} ({counts})"])
        rows += [
            [
                str(item.order),
                item.recipient_name,
                item.recipient_position,
                item.recipient_unit_name,
                money(item.amount),
            ]
            for item in group
        ]
    return rows, group_rows


def decision_document(decision: Decision) -> OfficialDocument:
    agency = Agency.load()
    items = decision_items(decision)
    award = decision.kind == DecisionKind.AWARD
    recipients = AWARD_DECISION_RECIPIENTS if award else LATER_DECISION_RECIPIENTS
    heading = document_heading(decision, agency, recipients=recipients)
    director = f"GIÁM ĐỐC {(heading.issuer_line or agency.name).upper()}"  # the issuing body's head
    body: list[dict] = [
        {"kind": "center", "text": director},
        {"kind": "basis", "text": "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;"},
        {
            "kind": "basis",
            "text": "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ "
            "quy định chi tiết "
            "một số điều của Luật Thi đua, Khen thưởng;",
        },
    ]
    if decision.session_id and decision.session.minutes_number:
        body.append(
            {
                "kind": "basis",
                "text": f"Căn cứ Biên bản số {number_label(decision.session.minutes_number, MINUTES_SYMBOL)} "
                "của Hội đồng Thi đua - "
                f"Khen thưởng {agency.name};",
            }
        )
    body.append({"kind": "basis", "text": "Theo đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng."})
    body.append({"kind": "center", "text": "QUYẾT ĐỊNH:"})

    if decision.kind == DecisionKind.AWARD:
        persons = sum(1 for item in items if item.person_id)
        units = sum(1 for item in items if item.unit_id)
        who = []
        if persons:
            who.append(f"{persons:02d} cá nhân")
        if units:
            who.append(f"{units:02d} tập thể")
        total = sum(item.amount or 0 for item in items)
        body += [
            {
                "kind": "paragraph",
                "numbering": "Điều 1.",
                "text": f"Tặng danh hiệu, hình thức khen thưởng cho {' và '.join(who)} đã có thành tích "
                f"năm {decision.achievement_year or decision.year} (có danh sách kèm theo).",
            },
            {
                "kind": "paragraph",
                "numbering": "Điều 2.",
                "text": "Tiền thưởng theo hệ số nhân với mức lương cơ sở "
                f"{money(decision.base_salary)} đồng; "
                f"tổng cộng {money(total)} đồng, chi từ Quỹ thi đua, khen thưởng của {agency.name}.",
            },
        ]
        article = "Điều 3."
    else:
        verb = "Thu hồi" if decision.kind == DecisionKind.REVOCATION else "Đính chính"
        body.append(
            {
                "kind": "paragraph",
                "numbering": "Điều 1.",
                "text": f"{verb} khen thưởng đối với {len(items):02d} trường hợp (có danh sách kèm theo). "
                f"Lý do: {decision.reason.rstrip('.')}.",
            }
        )
        article = "Điều 2."
    body.append(
        {
            "kind": "paragraph",
            "numbering": article,
            "text": "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Thủ trưởng các đơn vị "
            "có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này",
        }
    )
    # The list of awardees is the decision's appendix: after the signature, on its own page.
    appendix: list[dict] = []
    if decision.kind == DecisionKind.AWARD:
        rows, group_rows = awardee_rows(items)
        rows.append(["", "Tổng cộng", "", "", money(sum(item.amount or 0 for item in items))])
        appendix.append({"kind": "table", "header": AWARDEES_HEADER, "rows": rows, "group_rows": group_rows})
        appendix_title = "DANH SÁCH\nCÁ NHÂN, TẬP THỂ ĐƯỢC KHEN THƯỞNG"
    else:
        appendix_title = (
            "DANH SÁCH\nCÁC TRƯỜNG HỢP "
            + ("THU HỒI" if decision.kind == DecisionKind.REVOCATION else "ĐÍNH CHÍNH")
            + " KHEN THƯỞNG"
        )
        appendix.append(
            {
                "kind": "table",
                "header": LATER_HEADER,
                "rows": [
                    [
                        str(item.order),
                        item.recipient_name,
                        item.recipient_unit_name,
                        item.award_type.name,
                        item.note,
                    ]
                    for item in items
                ],
            }
        )
    return OfficialDocument(
        authority_line=heading.authority_line,
        issuer_line=heading.issuer_line,
        number_text=decision.number_text,
        place_date_text=vn.place_date(heading.place, decision.date),
        doc_type="QUYẾT ĐỊNH",
        title=decision.title,
        body=body,
        signer_prefix_line=heading.signer_prefix_line,
        signer_position_lines=heading.signer_position_lines,
        signer_name=heading.signer_name,
        recipients=heading.recipient_lines,
        appendix_title=appendix_title,
        appendix_note=f"(Kèm theo Quyết định số {decision.number_label} ngày {decision.date:%d/%m/%Y} "
        f"của Giám đốc {agency.name})",
        appendix=appendix,
        issue_date=decision.date,
    )


def decision_file_stem(decision: Decision) -> str:
    return f"Quyết định {decision.number_label.replace('/', '-')} ngày {decision.date:%d-%m-%Y}"


# ---------------------------------------------------------------------------
# Proposals (tờ trình) and the pack
# ---------------------------------------------------------------------------
def proposal_document(pack: ProposalPack) -> OfficialDocument:
    agency = Agency.load()
    nominations = proposal_nominations(pack)
    addressee = pack.get_authority_display()
    body: list[dict] = [
        {"kind": "addressee", "text": f"Kính gửi: {addressee}."},
        {
            "kind": "paragraph",
            "text": "Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022 "
            "và các văn bản hướng dẫn thi hành;",
        },
    ]
    if pack.session_id and pack.session.minutes_number:
        body.append(
            {
                "kind": "paragraph",
                "text": f"Căn cứ kết quả họp xét của Hội đồng Thi đua - Khen thưởng {agency.name} "
                f"(Biên bản số {number_label(pack.session.minutes_number, MINUTES_SYMBOL)}),",
            }
        )
    body += [
        {
            "kind": "paragraph",
            "text": f"{agency.name} kính trình {addressee} xem xét, khen thưởng cho {len(nominations):02d} "
            f"cá nhân, tập thể đã có thành tích năm {pack.year}, cụ thể như sau:",
        },
        {
            "kind": "table",
            "header": ["STT", "Họ và tên / tập thể", "Chức vụ", "Đơn vị", "Đề nghị tặng"],
            "rows": [
                [
                    str(n),
                    str(nom.subject),
                    nom.person.position if nom.person_id else "",
                    nom.proposing_unit.name,
                    nom.award_type.name,
                ]
                for n, nom in enumerate(nominations, start=1)
            ],
        },
        {
            "kind": "paragraph",
            "text": "Hồ sơ kèm theo: biên bản họp xét của Hội đồng, kết quả bỏ phiếu, báo cáo thành tích "
            f"của từng cá nhân, tập thể. {agency.name} kính trình {addressee} xem xét, quyết định",
        },
    ]
    heading = document_heading(pack, agency, recipients=PROPOSAL_RECIPIENTS)
    return OfficialDocument(
        authority_line=heading.authority_line,
        issuer_line=heading.issuer_line,
        number_text=pack.number_text,
        place_date_text=vn.place_date(heading.place, pack.sent_on, year=pack.year + 1),
        doc_type="TỜ TRÌNH",
        title=pack.title,
        body=body,
        signer_prefix_line=heading.signer_prefix_line,
        signer_position_lines=heading.signer_position_lines,
        signer_name=heading.signer_name,
        recipients=heading.recipient_lines,
        issue_date=pack.sent_on,
    )


def render_pdf_many(docs: list[OfficialDocument]) -> bytes:
    """Several official documents in one PDF (WeasyPrint joins the rendered pages)."""
    rendered = [render_document(doc) for doc in docs]
    pages = [page for document in rendered for page in document.pages]
    return rendered[0].copy(pages).write_pdf()


def proposal_pack_documents(pack: ProposalPack) -> list[OfficialDocument]:
    """The tờ trình with its nominee list, then the council's minutes with the ballot result."""
    docs = [proposal_document(pack)]
    if pack.session_id and pack.session.status == SessionStatus.CLOSED:
        docs.append(minutes_document(pack.session))
    return docs


def proposal_file_stem(pack: ProposalPack) -> str:
    number = file_number(pack.number, PROPOSAL_SYMBOL) or f"du-thao-{PROPOSAL_SYMBOL}"
    return f"Hồ sơ trình {number} năm {pack.year}"
