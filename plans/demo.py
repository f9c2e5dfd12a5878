"""Demo plans: the user's own two plans, imported the way the office imports a plan.

``demo_plans_load()`` reads ``plans/demo_data/dong_nai_2021.txt`` (seed 000) and
``plans/demo_data/ha_nam_2022.txt`` (seed 003) through ``plans.importer.parse_plan_text`` and
``plans.services.plan_create_from_parsed``, then fixes by hand only what the importer cannot
know from the text:

Seed 000, Đồng Nai 2021 (the text starts at "KẾ HOẠCH": letterhead, number and date were lost)
  - header lines "UBND TỈNH ĐỒNG NAI" / "SỞ Y TẾ";
  - symbol "KH-SYT" and place "Đồng Nai";
  - issued as number 01 on 27 January 2021, the date of the signed original (the digital
    signature's stamp in the text), through the document register (``plan_issue``);
  - lead units: the fund plan -> Phòng Kế hoạch - Tài chính; the inspection of units ->
    Thanh tra Sở; the training -> Phòng Tổ chức cán bộ;
  - a year long past: every task reported done but the last two, left overdue for the demo.

Seed 003, Hà Nam 2022 (a draft as written: number and day left blank, month 3 kept)
  - header lines "SỞ Y TẾ HÀ NAM" / "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG";
  - lead units: the 9-month review of targets -> Phòng Kế hoạch - Tài chính; checking and
    evaluating units -> Thanh tra Sở; receiving and appraising award files -> Phòng Tổ chức cán bộ;
  - left as a draft.

Every other task is led by the Văn phòng Sở (the office's unit, the import page's default).
Idempotent: a plan is keyed on (symbol, year, title) and an existing one is left as it is.
The seed texts are copies: runtime code never reads tests/.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from units.models import Unit, User

from . import services
from .enums import TaskStatus
from .importer import parse_plan_text
from .models import Plan
from .parsed import ParsedPlan

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
DEFAULT_LEAD_UNIT = "VP-SYT"  # Văn phòng Sở, where the TĐKT office sits
OFFICE_LOGIN = "vanphong"


@dataclass(frozen=True)
class DemoPlan:
    filename: str
    authority_line: str
    issuer_line: str
    symbol: str = ""  # "" keeps what the importer read
    place: str = ""
    lead_units: tuple[tuple[str, str], ...] = ()  # (start of the task's text, unit code)
    issue_on: datetime.date | None = None  # issue with this date; None leaves a draft
    open_tasks: int | None = None  # an issued plan: report every task done but the last N


DONG_NAI_2021 = DemoPlan(
    filename="dong_nai_2021.txt",
    authority_line="UBND TỈNH ĐỒNG NAI",
    issuer_line="SỞ Y TẾ",
    symbol="KH-SYT",
    place="Đồng Nai",
    lead_units=(
        ("Xây dựng kế hoạch thực hiện kinh phí sử dụng quỹ thi đua", "P-KHTC"),
        ("Tổ chức thanh tra, kiểm tra công tác thi đua", "TTRA-SYT"),
        ("Tập huấn công tác thi đua khen thưởng", "P-TCCB"),
    ),
    issue_on=datetime.date(2021, 1, 27),
    open_tasks=2,
)
HA_NAM_2022 = DemoPlan(
    filename="ha_nam_2022.txt",
    authority_line="SỞ Y TẾ HÀ NAM",
    issuer_line="HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG",
    lead_units=(
        ("Chỉ đạo rà soát các chỉ tiêu thi đua 9 tháng", "P-KHTC"),
        ("Tổ chức các hoạt động kiểm tra, đánh giá thi đua", "TTRA-SYT"),
        ("Tiếp nhận hồ sơ, thẩm định thành tích", "P-TCCB"),
    ),
)
DEMO_PLANS = (DONG_NAI_2021, HA_NAM_2022)


def demo_plan_text(demo: DemoPlan) -> str:
    return (DATA_DIR / demo.filename).read_text(encoding="utf-8")


def demo_plan_parsed(demo: DemoPlan, text: str | None = None) -> ParsedPlan:
    """The importer's draft with the hand fixes of the draft itself (no database)."""
    parsed = parse_plan_text(demo_plan_text(demo) if text is None else text)
    if demo.symbol:
        parsed.symbol = demo.symbol
    if demo.place:
        parsed.place = demo.place
    for start, code in demo.lead_units:
        for task in parsed.tasks:
            if task.content.startswith(start):
                task.lead_unit_hint = code  # plan_create_from_parsed resolves a unit code
    return parsed


def demo_plan_key(parsed: ParsedPlan) -> dict:
    return {"symbol": parsed.symbol, "year": parsed.year, "title": parsed.title}


@transaction.atomic
def demo_plan_import(
    demo: DemoPlan, *, by, lead_unit_default: Unit | None, parsed: ParsedPlan | None = None
) -> Plan:
    """Import one demo plan with its hand fixes (header lines, issuing); no idempotency check.

    ``parsed`` is ``demo_plan_parsed(demo, text)`` when the caller has read the text already.
    """
    parsed = parsed if parsed is not None else demo_plan_parsed(demo)
    plan = services.plan_create_from_parsed(parsed, by=by, lead_unit_default=lead_unit_default)
    plan = services.plan_update(
        plan, by=by, fields={"authority_line": demo.authority_line, "issuer_line": demo.issuer_line}
    )
    if demo.issue_on is not None:
        services.plan_issue(plan, by=by, issue_date=demo.issue_on)
        if demo.open_tasks is not None:
            tasks = list(plan.tasks.order_by("due_date", "order"))
            for task in tasks[: len(tasks) - demo.open_tasks]:
                services.task_progress_update(
                    task, by=by, status=TaskStatus.DONE, note="Đã hoàn thành theo kế hoạch."
                )
    return plan


def _office_user():
    users = User.objects.filter(is_active=True, is_office_staff=True)
    return users.filter(username=OFFICE_LOGIN).first() or users.order_by("pk").first()


def _default_unit() -> Unit | None:
    return (
        Unit.objects.filter(code=DEFAULT_LEAD_UNIT).first()
        or Unit.objects.active().top_level().order_by("order", "pk").first()
    )


def _backfill_issue_month(plan: Plan, parsed: ParsedPlan, *, by) -> None:
    """A demo draft loaded before plans kept the month of a draft date gets it now (once)."""
    if plan.is_editable and plan.issue_month is None and plan.issue_date is None and parsed.issue_month:
        services.plan_update(plan, by=by, fields={"issue_month": parsed.issue_month})


def demo_plans_load() -> dict[str, int]:
    """Create the demo plans that are missing. Needs the units demo (an office login, units)."""
    office, unit = _office_user(), _default_unit()
    created = 0
    if office is None or unit is None:
        return {"kế hoạch": 0}
    for demo in DEMO_PLANS:
        parsed = demo_plan_parsed(demo)
        existing = Plan.objects.filter(**demo_plan_key(parsed)).first()
        if existing is not None:
            _backfill_issue_month(existing, parsed, by=office)
            continue
        demo_plan_import(demo, by=office, lead_unit_default=unit, parsed=parsed)
        created += 1
    return {"kế hoạch": created}
