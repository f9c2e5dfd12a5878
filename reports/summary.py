"""The summary reports (báo cáo sơ kết 6 tháng, tổng kết năm): the figures of the period as a
snapshot, and the report as an ``OfficialDocument`` (PDF through ``render_pdf``, DOCX through
``render_docx``), in the order such reports are written:

- "BÁO CÁO" / "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026", symbol BC-SYT;
- the opening line, then I. general situation; II. results: 1. the plan's tasks (by lead unit)
  and the reports the units sent, 2. the campaigns launched, the registrations by title and the
  leaders of the clusters, 3. nominations by award type and status, the council's outcomes, the
  awards decided with their rewards; III. shortcomings; IV. lessons; V. tasks for the next period;
  VI. proposals — each narrative the office wrote, with the tables of the snapshot where they
  belong; the closing line, recipients and signer.

The snapshot (``summary_statistics``) is plain JSON: counts, names and ISO dates, computed by the
dashboard's aggregates (``reports.stats``) over the period. The document reads only the
snapshot, never the live tables, so an issued report prints the same figures for ever.

Official documents are always printed in Vietnamese, whatever language the page is shown in.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from awards.enums import NominationStatus
from campaigns.enums import CampaignKind
from units import vn
from units.models import Agency
from units.models_signers import heading_from
from units.numbering import file_number

from . import stats
from .campaign_documents import _text_blocks
from .documents import DOCUMENT_LANGUAGE, OfficialDocument, document_heading
from .enums import SUMMARY_SYMBOL_TYPE, SummaryKind, summary_period

SNAPSHOT_VERSION = 1

# Nomination states grouped as a report counts them (the dashboard shows each state).
NOMINATION_GROUPS = (
    ("preparing", (NominationStatus.DRAFT, NominationStatus.RETURNED)),
    ("submitted", (NominationStatus.SUBMITTED,)),
    ("in_review", (NominationStatus.VERIFIED, NominationStatus.IN_COUNCIL)),
    ("approved", (NominationStatus.APPROVED, NominationStatus.DECIDED)),
    ("rejected", (NominationStatus.REJECTED,)),
)


# ---------------------------------------------------------------------------
# The snapshot
# ---------------------------------------------------------------------------
def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _number(value):
    """A score as JSON keeps it: whole numbers as int, others as float."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def summary_statistics(year: int, kind: str, *, today: datetime.date | None = None) -> dict:
    """The figures of the period, as plain JSON (a fixed number of queries)."""
    today = today or timezone.localdate()
    start, end = summary_period(year, kind)
    period = (start, end)

    tasks = stats.task_stats(stats.tasks_of_period(year, start=start, end=end), today=today)
    submissions = stats.submission_stats(year=year, today=today, due_between=period)
    registrations = stats.registration_stats(year=year, deadline_to=end)
    campaigns = stats.campaign_stats(start=start, end=end)
    nominations = stats.nomination_stats(created_between=period)
    council = stats.council_stats(year=year, held_between=period)
    awards = stats.award_stats(start=start, end=end)
    rankings = stats.ranking_stats(year=year)

    task_keys = ("done", "overdue", "in_progress", "not_started", "open", "total")
    submission_keys = ("on_time", "late", "missing", "pending", "total")
    rounds = registrations["rounds"]
    snapshot = {
        "version": SNAPSHOT_VERSION,
        "year": year,
        "kind": kind,
        "period": {"start": _iso(start), "end": _iso(end)},
        "as_of": _iso(today),
        "tasks": {
            "by_unit": [{"unit": row["unit"], **{k: row[k] for k in task_keys}} for row in tasks["by_unit"]],
            "totals": {k: tasks["totals"][k] for k in task_keys},
        },
        "submissions": {
            "by_request": [
                {
                    "title": row["title"],
                    "due_date": _iso(row["due_date"]),
                    **{k: row[k] for k in submission_keys},
                }
                for row in submissions["by_request"]
            ],
            "totals": dict(submissions["totals"]),
        },
        "registrations": {
            "rounds": len(rounds),
            "registrations": sum(entry["total"] for entry in rounds),
            "accepted": sum(entry["statuses"].get("accepted", 0) for entry in rounds),
            "by_title": [
                {key: row[key] for key in ("name", "collective", "individual", "accepted")}
                for row in registrations["by_title"]
            ],
        },
        "campaigns": {
            "rows": [
                {
                    "name": row["name"],
                    "kind": row["kind"],
                    "status": row["status"],
                    "launched_on": _iso(row["launched_on"]),
                }
                for row in campaigns["rows"]
            ],
            "by_kind": campaigns["by_kind"],
            "total": campaigns["total"],
        },
        "nominations": {
            "rows": [
                {"name": row["name"], "counts": dict(row["counts"]), "total": row["total"]}
                for row in nominations["rows"]
            ],
            "totals": dict(nominations["totals"]),
            "total": nominations["grand_total"],
        },
        "council": None,
        "awards": awards,
        "rankings": {
            "criteria_set": rankings["chosen"].name if rankings["chosen"] else None,
            "clusters": [
                {
                    "name": entry["cluster"].name,
                    "size": entry["size"],
                    "leaders": [
                        {"unit": row.unit.name, "total": _number(row.total)} for row in entry["leaders"]
                    ],
                }
                for entry in rankings["clusters"]
            ],
        },
    }
    if council is not None:
        outcomes = [value for value, _label in council["outcomes"]]
        closed = [row for row in council["sessions"] if row["closed"]]
        snapshot["council"] = {
            "sessions": len(council["sessions"]),
            "closed": len(closed),
            "agenda": sum(row["agenda_count"] for row in closed),
            "by_award": [{"name": row["name"], "counts": dict(row["counts"])} for row in council["by_award"]],
            "totals": dict(zip(outcomes, council["totals"], strict=True)),
        }
    if awards is not None:
        snapshot["awards"] = {
            "decisions": awards["decisions"],
            "rows": [
                {key: row[key] for key in ("name", "individual", "collective", "amount")}
                for row in awards["rows"]
            ],
            "totals": dict(awards["totals"]),
        }
    return snapshot


# ---------------------------------------------------------------------------
# Words and numbers as a report prints them
# ---------------------------------------------------------------------------
def vn_number(value) -> str:
    """1404000 -> '1.404.000'; 12.5 -> '12,5' (Vietnamese separators)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole, _dot, decimals = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + "," + decimals
    return f"{int(value):,}".replace(",", ".")


def period_phrase(report) -> str:
    """'6 tháng đầu năm 2026' or 'năm 2026'."""
    if report.kind == SummaryKind.HALF_YEAR:
        return _("6 tháng đầu năm %(year)s") % {"year": report.year}
    return _("năm %(year)s") % {"year": report.year}


def next_period_phrase(report) -> str:
    if report.kind == SummaryKind.HALF_YEAR:
        return _("6 tháng cuối năm %(year)s") % {"year": report.year}
    return _("năm %(year)s") % {"year": report.year + 1}


def _date(iso: str | None) -> str:
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _nomination_group_labels() -> dict:
    return {
        "preparing": _("Đang soạn, bị trả lại"),
        "submitted": _("Đã gửi, chờ thẩm định"),
        "in_review": _("Đã thẩm định, đang xét"),
        "approved": _("Được thông qua, đã khen thưởng"),
        "rejected": _("Không được thông qua"),
    }


def nomination_groups(counts: dict) -> dict:
    return {key: sum(counts.get(status, 0) for status in statuses) for key, statuses in NOMINATION_GROUPS}


# ---------------------------------------------------------------------------
# The body
# ---------------------------------------------------------------------------
def _heading(level: int, numbering: str, text: str) -> dict:
    return {"kind": "heading", "level": level, "numbering": numbering, "text": text}


def _paragraph(text: str) -> dict:
    return {"kind": "paragraph", "text": text}


def _table(header: list[str], rows: list[list]) -> dict:
    return {"kind": "table", "header": header, "rows": [[str(cell) for cell in row] for row in rows]}


def _tasks_blocks(figures: dict) -> list[dict]:
    tasks, submissions = figures["tasks"], figures["submissions"]
    totals = tasks["totals"]
    blocks = [
        _paragraph(
            _(
                "Các kế hoạch đã ban hành có %(total)s nhiệm vụ đến hạn trong kỳ: đã hoàn thành %(done)s, "
                "quá hạn chưa hoàn thành %(overdue)s, đang thực hiện hoặc chưa đến hạn %(open)s."
            )
            % {key: vn_number(totals[key]) for key in ("total", "done", "overdue", "open")}
        )
    ]
    if tasks["by_unit"]:
        rows = [
            [
                n,
                row["unit"],
                vn_number(row["total"]),
                vn_number(row["done"]),
                vn_number(row["overdue"]),
                vn_number(row["open"]),
            ]
            for n, row in enumerate(tasks["by_unit"], start=1)
        ]
        rows.append(
            ["", _("Tổng cộng"), *(vn_number(totals[k]) for k in ("total", "done", "overdue", "open"))]
        )
        blocks.append(
            _table(
                [
                    _("STT"),
                    _("Đơn vị chủ trì"),
                    _("Số nhiệm vụ"),
                    _("Hoàn thành"),
                    _("Quá hạn"),
                    _("Đang thực hiện"),
                ],
                rows,
            )
        )
    sent = submissions["totals"]
    blocks.append(
        _paragraph(
            _(
                "Các đơn vị được yêu cầu gửi %(total)s lượt báo cáo, hồ sơ: gửi đúng hạn %(on_time)s, "
                "gửi muộn %(late)s, quá hạn chưa gửi %(missing)s, chưa đến hạn %(pending)s."
            )
            % {key: vn_number(sent.get(key, 0)) for key in ("total", "on_time", "late", "missing", "pending")}
        )
    )
    if submissions["by_request"]:
        rows = [
            [
                n,
                row["title"],
                _date(row["due_date"]),
                vn_number(row["total"]),
                vn_number(row["on_time"]),
                vn_number(row["late"]),
                vn_number(row["missing"]),
            ]
            for n, row in enumerate(submissions["by_request"], start=1)
        ]
        blocks.append(
            _table(
                [
                    _("STT"),
                    _("Nội dung yêu cầu"),
                    _("Hạn gửi"),
                    _("Số đơn vị"),
                    _("Đúng hạn"),
                    _("Muộn"),
                    _("Chưa gửi"),
                ],
                rows,
            )
        )
    return blocks


def _campaign_blocks(report, figures: dict) -> list[dict]:
    campaigns, registrations, rankings = figures["campaigns"], figures["registrations"], figures["rankings"]
    blocks = _text_blocks(report.campaign_results)
    kinds = dict(CampaignKind.choices)
    by_kind = ", ".join(
        f"{vn_number(count)} {str(kinds.get(kind, kind)).lower()}"
        for kind, count in sorted(campaigns["by_kind"].items())
    )
    text = _("Trong kỳ đã phát động %(total)s phong trào thi đua") % {"total": vn_number(campaigns["total"])}
    blocks.append(_paragraph(f"{text} ({by_kind})." if by_kind else f"{text}."))
    if campaigns["rows"]:
        rows = [
            [n, row["name"], kinds.get(row["kind"], row["kind"]), _date(row["launched_on"])]
            for n, row in enumerate(campaigns["rows"], start=1)
        ]
        blocks.append(_table([_("STT"), _("Tên phong trào"), _("Hình thức"), _("Ngày phát động")], rows))
    blocks.append(
        _paragraph(
            _(
                "Đăng ký thi đua: %(rounds)s đợt đăng ký, %(registrations)s bản đăng ký của các đơn vị, "
                "trong đó %(accepted)s bản đã được chấp nhận."
            )
            % {key: vn_number(registrations[key]) for key in ("rounds", "registrations", "accepted")}
        )
    )
    if registrations["by_title"]:
        rows = [
            [
                n,
                row["name"],
                vn_number(row["collective"]),
                vn_number(row["individual"]),
                vn_number(row["accepted"]),
            ]
            for n, row in enumerate(registrations["by_title"], start=1)
        ]
        blocks.append(
            _table(
                [_("STT"), _("Danh hiệu đăng ký"), _("Tập thể"), _("Cá nhân"), _("Đã được chấp nhận")], rows
            )
        )
    if rankings["clusters"]:
        blocks.append(
            _paragraph(
                _("Kết quả chấm điểm, xếp hạng các cụm, khối thi đua (%(criteria)s):")
                % {"criteria": rankings["criteria_set"]}
            )
        )
        rows = []
        for n, cluster in enumerate(rankings["clusters"], start=1):
            leaders = cluster["leaders"]
            rows.append(
                [
                    n,
                    cluster["name"],
                    vn_number(cluster["size"]),
                    [leader["unit"] for leader in leaders] or "—",
                    [vn_number(leader["total"]) for leader in leaders] or "",
                ]
            )
        blocks.append(
            {
                "kind": "table",
                "header": [
                    _("STT"),
                    _("Cụm, khối thi đua"),
                    _("Số đơn vị"),
                    _("Đơn vị dẫn đầu"),
                    _("Tổng điểm"),
                ],
                "rows": [[c if isinstance(c, list) else str(c) for c in row] for row in rows],
            }
        )
    return blocks


def _commendation_blocks(report, figures: dict) -> list[dict]:
    nominations, council, awards = figures["nominations"], figures["council"], figures["awards"]
    blocks = _text_blocks(report.commendation_work)
    groups = nomination_groups(nominations["totals"])
    blocks.append(
        _paragraph(
            _(
                "Các đơn vị đã lập %(total)s đề nghị khen thưởng: đang soạn hoặc bị trả lại %(preparing)s, "
                "chờ thẩm định %(submitted)s, đã thẩm định và đang xét %(in_review)s, được thông qua hoặc đã "
                "khen thưởng %(approved)s, không được thông qua %(rejected)s."
            )
            % {"total": vn_number(nominations["total"]), **{k: vn_number(v) for k, v in groups.items()}}
        )
    )
    if nominations["rows"]:
        labels = _nomination_group_labels()
        rows = []
        for n, row in enumerate(nominations["rows"], start=1):
            counts = nomination_groups(row["counts"])
            rows.append(
                [
                    n,
                    row["name"],
                    vn_number(row["total"]),
                    *(vn_number(counts[k]) for k, _s in NOMINATION_GROUPS),
                ]
            )
        rows.append(
            [
                "",
                _("Tổng cộng"),
                vn_number(nominations["total"]),
                *(vn_number(groups[k]) for k, _s in NOMINATION_GROUPS),
            ]
        )
        header = [
            _("STT"),
            _("Danh hiệu, hình thức"),
            _("Tổng số"),
            *(labels[k] for k, _s in NOMINATION_GROUPS),
        ]
        blocks.append(_table(header, rows))
    if council is not None:
        totals = council["totals"]
        blocks.append(
            _paragraph(
                _(
                    "Hội đồng Thi đua - Khen thưởng đã họp %(sessions)s phiên, kết thúc biểu quyết "
                    "%(closed)s phiên với %(agenda)s đề nghị: thông qua %(approved)s, "
                    "không thông qua %(rejected)s."
                )
                % {
                    "sessions": vn_number(council["sessions"]),
                    "closed": vn_number(council["closed"]),
                    "agenda": vn_number(council["agenda"]),
                    "approved": vn_number(totals.get("approved", 0)),
                    "rejected": vn_number(totals.get("rejected", 0)),
                }
            )
        )
        if council["by_award"]:
            rows = []
            for n, row in enumerate(council["by_award"], start=1):
                counts = row["counts"]
                pending = sum(counts.values()) - counts.get("approved", 0) - counts.get("rejected", 0)
                rows.append(
                    [
                        n,
                        row["name"],
                        vn_number(counts.get("approved", 0)),
                        vn_number(counts.get("rejected", 0)),
                        vn_number(pending),
                    ]
                )
            blocks.append(
                _table(
                    [
                        _("STT"),
                        _("Danh hiệu, hình thức"),
                        _("Thông qua"),
                        _("Không thông qua"),
                        _("Chưa quyết"),
                    ],
                    rows,
                )
            )
    if awards is not None:
        totals = awards["totals"]
        blocks.append(
            _paragraph(
                _(
                    "Giám đốc Sở đã ban hành %(decisions)s quyết định khen thưởng cho %(collective)s "
                    "tập thể và %(individual)s cá nhân, tổng số tiền thưởng %(amount)s đồng."
                )
                % {
                    key: vn_number(value)
                    for key, value in {"decisions": awards["decisions"], **totals}.items()
                }
            )
        )
        if awards["rows"]:
            rows = [
                [
                    n,
                    row["name"],
                    vn_number(row["collective"]),
                    vn_number(row["individual"]),
                    vn_number(row["amount"]),
                ]
                for n, row in enumerate(awards["rows"], start=1)
            ]
            rows.append(
                ["", _("Tổng cộng"), *(vn_number(totals[k]) for k in ("collective", "individual", "amount"))]
            )
            blocks.append(
                _table(
                    [
                        _("STT"),
                        _("Danh hiệu, hình thức"),
                        _("Tập thể"),
                        _("Cá nhân"),
                        _("Tiền thưởng (đồng)"),
                    ],
                    rows,
                )
            )
    return blocks


def summary_body(report, agency: Agency) -> list[dict]:
    figures = report.statistics
    body = [
        _paragraph(
            _(
                "%(agency)s báo cáo kết quả công tác thi đua, khen thưởng %(period)s "
                "(số liệu tính đến %(as_of)s) như sau:"
            )
            % {
                "agency": agency.name,
                "period": period_phrase(report),
                "as_of": _date(figures.get("as_of")) or "…",
            }
        ),
        _heading(1, "I.", _("TÌNH HÌNH CHUNG")),
        *_text_blocks(report.general_situation),
        _heading(1, "II.", _("KẾT QUẢ THỰC HIỆN CÔNG TÁC THI ĐUA, KHEN THƯỞNG")),
        _heading(2, "1.", _("Triển khai kế hoạch công tác thi đua, khen thưởng")),
        *_tasks_blocks(figures),
        _heading(2, "2.", _("Kết quả các phong trào thi đua")),
        *_campaign_blocks(report, figures),
        _heading(2, "3.", _("Công tác khen thưởng")),
        *_commendation_blocks(report, figures),
        _heading(1, "III.", _("HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN")),
        *_text_blocks(report.shortcomings),
        _heading(1, "IV.", _("BÀI HỌC KINH NGHIỆM")),
        *_text_blocks(report.lessons),
        _heading(
            1, "V.", _("PHƯƠNG HƯỚNG, NHIỆM VỤ %(period)s") % {"period": next_period_phrase(report).upper()}
        ),
        *_text_blocks(report.next_tasks),
        _heading(1, "VI.", _("ĐỀ XUẤT, KIẾN NGHỊ")),
        *_text_blocks(report.proposals),
        _paragraph(
            _("Trên đây là báo cáo %(what)s công tác thi đua, khen thưởng %(period)s của %(agency)s.")
            % {
                "what": _("sơ kết") if report.kind == SummaryKind.HALF_YEAR else _("tổng kết"),
                "period": period_phrase(report),
                "agency": agency.name,
            }
        ),
    ]
    return body


# ---------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------
def summary_recipients() -> list[str]:
    """The recipients a new report starts with (document text, in the document's language)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return [
            str(_("Ban Thi đua - Khen thưởng tỉnh;")),
            str(_("Bộ Y tế (Vụ Thi đua - Khen thưởng);")),
            str(_("Ban Giám đốc Sở;")),
            str(_("Các đơn vị trực thuộc;")),
            str(_("Lưu: VT, VP.")),
        ]


def summary_defaults(agency: Agency) -> dict:
    """Symbol, header, place, signer and recipients of a new report, from the agency
    (``Agency.heading_defaults``: a deputy signs "KT. GIÁM ĐỐC")."""
    return {
        "symbol": f"{SUMMARY_SYMBOL_TYPE}-{agency.short_name}" if agency.short_name else SUMMARY_SYMBOL_TYPE,
        **heading_from(recipients=summary_recipients()),
    }


def summary_document(report) -> OfficialDocument:
    """The report as printed: the draft with a blank number and day, the issued one as issued."""
    with translation.override(DOCUMENT_LANGUAGE):
        agency = Agency.load()
        heading = document_heading(report, agency, recipients=summary_recipients())
        if report.issue_date:
            place_date = vn.place_date(heading.place, report.issue_date)
        else:
            place_date = vn.place_date(heading.place, None, year=timezone.localdate().year)
        return OfficialDocument(
            authority_line=heading.authority_line,
            issuer_line=heading.issuer_line,
            number_text=report.number_text,
            place_date_text=place_date,
            doc_type="BÁO CÁO",
            title=report.title,
            body=summary_body(report, agency),
            signer_prefix_line=heading.signer_prefix_line,
            signer_position_lines=heading.signer_position_lines,
            signer_name=heading.signer_name,
            recipients=heading.recipient_lines,
        )


def summary_file_stem(report) -> str:
    """'Báo cáo sơ kết 6 tháng đầu năm 2026 12-BC-SYT', '... (dự thảo)' before issue."""
    what = (
        "Báo cáo sơ kết 6 tháng đầu năm" if report.kind == SummaryKind.HALF_YEAR else "Báo cáo tổng kết năm"
    )
    suffix = file_number(report.number, report.symbol) or "(dự thảo)"
    return f"{what} {report.year} {suffix}"
