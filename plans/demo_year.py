"""The demo year of the plans app: this year's TĐKT plan, issued, under way.

``demo_year_plans_load()`` writes, through ``plans.services`` and as the demo logins of
``units.demo.LOGINS``: the department's plan of the current year (issued in January), its tasks
spread over the year with the units that lead them — those due before today reported done, two
left overdue and one under way, the later ones not started — and two requests for reports: one
already past its date (most units sent on time, some late, the rest overdue) and the year-end
report still open (a few units sent it already). Every date is counted from today, within the
year, so the story reads the same whatever day the demo is loaded.

Idempotent: the plan is keyed on (symbol, year, title); an existing one is left as it is.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from units.demo_files import demo_pdf
from units.models import Unit, User

from . import services
from .enums import PlanKind, TaskStatus
from .models import Plan, UnitSubmission

OFFICE_LOGIN = "vanphong"
SYMBOL = "KH-SYT"


def title_of(year: int) -> str:
    return f"Kế hoạch công tác thi đua, khen thưởng ngành y tế năm {year}"


# (days from today, lead unit code, content). A negative offset lies before today.
TASKS = [
    (
        -150,
        "VP-SYT",
        "Tổ chức Hội nghị tổng kết công tác năm trước, phát động phong trào thi đua và ký giao ước thi "
        "đua giữa các cụm, khối thi đua ngành y tế.",
    ),
    (
        -120,
        "P-TCCB",
        "Hướng dẫn các đơn vị đăng ký danh hiệu thi đua năm; tổng hợp bản đăng ký của các đơn vị gửi "
        "Thường trực Hội đồng Thi đua - Khen thưởng Sở.",
    ),
    (
        -90,
        "P-KHTC",
        "Xây dựng dự toán, trích lập và sử dụng quỹ thi đua, khen thưởng năm theo Nghị định số "
        "152/2025/NĐ-CP.",
    ),
    (
        -60,
        "BVDK-DN",
        "Triển khai bệnh án điện tử, thanh toán không dùng tiền mặt tại khoa khám bệnh; báo cáo kết "
        "quả về Sở Y tế.",
    ),
    (
        -40,
        "TTYT-BH",
        "Tổ chức chiến dịch tiêm chủng mở rộng và phòng, chống sốt xuất huyết tại các phường, xã trên "
        "địa bàn thành phố Biên Hòa.",
    ),
    (
        -25,
        "TTRA-SYT",
        "Kiểm tra công tác thi đua, khen thưởng tại các đơn vị trực thuộc theo kế hoạch kiểm tra năm.",
    ),
    (
        -10,
        "CDC-DN",
        "Tuyên truyền gương điển hình tiên tiến, người tốt việc tốt trong ngành y tế trên Trang thông "
        "tin điện tử của Sở.",
    ),
    (
        5,
        "VP-SYT",
        "Tổ chức sơ kết, tổng kết các phong trào thi đua chuyên đề; đề xuất khen thưởng các tập thể, cá "
        "nhân có thành tích tiêu biểu.",
    ),
    (
        20,
        "P-TCCB",
        "Tiếp nhận, thẩm định hồ sơ đề nghị khen thưởng cuối năm; trình Hội đồng Thi đua - Khen thưởng "
        "Sở xét.",
    ),
    (
        35,
        "VP-SYT",
        "Xây dựng báo cáo tổng kết công tác thi đua, khen thưởng năm và kế hoạch năm sau.",
    ),
]
# Tasks due before today left undone: overdue (not started) and late (still under way).
OVERDUE_LEADS = ("TTRA-SYT",)
UNDER_WAY_LEADS = ("CDC-DN",)

# (title, days from today of the units' due date, description)
REQUESTS = [
    (
        "Báo cáo kết quả thực hiện phong trào thi đua “Đổi mới phong cách, thái độ phục vụ của cán bộ y tế "
        "hướng tới sự hài lòng của người bệnh”",
        -20,
        "Các đơn vị báo cáo kết quả thực hiện, kèm số liệu khảo sát sự hài lòng của người bệnh.",
    ),
    (
        "Báo cáo tổng kết công tác thi đua, khen thưởng năm",
        12,
        "Các đơn vị gửi báo cáo tổng kết (bản có chữ ký, đóng dấu, định dạng PDF) kèm danh sách đề nghị "
        "khen thưởng.",
    ),
]
# Units that answered each request: (unit code, days from the due date the file came in).
ANSWERS = [
    {
        "VP-SYT": -5,
        "P-KHTC": -3,
        "P-NVY": -2,
        "P-TCCB": -1,
        "BVDK-DN": -4,
        "BVDK-TN": 0,
        "BVND-DN": -2,
        "BV-YDCT": 3,
        "BV-PHOI": 6,
        "TTYT-LK": -1,
        "TTYT-VC": 2,
        "CDC-DN": -6,
        "TT-KN": -1,
    },
    {"VP-SYT": -12, "P-KHTC": -12, "BVND-DN": -12, "CDC-DN": -12},
]


def _clamp(day: datetime.date, year: int) -> datetime.date:
    return min(max(day, datetime.date(year, 1, 1)), datetime.date(year, 12, 31))


def _heads() -> dict[str, User]:
    """The demo unit heads by the code of the unit they lead."""
    return {
        user.head_of_unit.code: user
        for user in User.objects.filter(is_active=True, head_of_unit__isnull=False).select_related(
            "head_of_unit"
        )
    }


@transaction.atomic
def demo_year_plans_load() -> dict[str, int]:
    """Create this year's demo plan with its tasks and report requests, when missing."""
    office = User.objects.filter(username=OFFICE_LOGIN, is_office_staff=True).first()
    if office is None:
        return {}
    today = timezone.localdate()
    year = today.year
    if Plan.objects.filter(symbol=SYMBOL, year=year, title=title_of(year)).exists():
        return {"kế hoạch năm nay": 0}
    units = {
        u.code: u for u in Unit.objects.filter(code__in={code for _d, code, _t in TASKS} | set(ANSWERS[0]))
    }
    plan = services.plan_create(
        by=office,
        year=year,
        title=title_of(year),
        kind=PlanKind.ANNUAL,
        symbol=SYMBOL,
        notes="Kế hoạch năm của ngành, gửi các phòng chức năng và các đơn vị trực thuộc.",
    )
    tasks = []
    for offset, code, content in TASKS:
        tasks.append(
            services.task_create(
                plan,
                by=office,
                content=content,
                lead_unit=units[code],
                due_date=_clamp(today + datetime.timedelta(days=offset), year),
            )
        )
    issue_day = min(datetime.date(year, 1, 15), today)
    services.plan_issue(plan, by=office, issue_date=issue_day)

    heads = _heads()
    for task in tasks:
        lead = task.lead_unit.code
        reporter = heads.get(lead, office)
        if task.due_date >= today or lead in OVERDUE_LEADS:
            continue
        if lead in UNDER_WAY_LEADS:
            services.task_progress_update(
                task,
                by=reporter,
                status=TaskStatus.IN_PROGRESS,
                note="Đã đăng 6/10 bài; đang hoàn thiện phóng sự.",
            )
            continue
        services.task_progress_update(
            task,
            by=reporter,
            status=TaskStatus.DONE,
            note="Đã hoàn thành đúng kế hoạch.",
            evidence=demo_pdf(
                "ket-qua-thuc-hien.pdf",
                title="BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
                lines=(task.content,),
            ),
        )

    requests = 0
    for (title, offset, description), answers in zip(REQUESTS, ANSWERS, strict=True):
        due = today + datetime.timedelta(days=offset)
        request = services.submission_request_create(
            by=office,
            title=f"{title} {year}" if title.endswith("năm") else title,
            due_date=due,
            plan=plan,
            description=description,
        )
        requests += 1
        rows = UnitSubmission.objects.filter(request=request, unit__code__in=answers).select_related("unit")
        for row in rows:
            received = min(due + datetime.timedelta(days=answers[row.unit.code]), today)
            services.submission_upload(
                row,
                by=office,
                received_on=received,
                note="Bản chính gửi qua hệ thống quản lý văn bản.",
                file=demo_pdf(
                    f"bao-cao-{row.unit.code.lower()}.pdf",
                    title=request.title.upper(),
                    lines=(f"Đơn vị: {row.unit.name}.", description),
                ),
            )
    return {"kế hoạch năm nay": 1, "nhiệm vụ": len(tasks), "yêu cầu báo cáo": requests}
