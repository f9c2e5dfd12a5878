"""The demo year of the reports app: the review reports (sơ kết, tổng kết) of the current year.

``demo_reports_load()`` writes, through ``reports.services`` and as the office (``vanphong``):
once the first half of the year is over, the 6-month review (sơ kết) issued in July with the next
BC-SYT number; and the report of the current period — the year-end review (tổng kết) in the second
half of the year, the 6-month one before — drafted, its figures computed from the demo data loaded
before it and the office's narrative begun, the rest left to write.

Idempotent: a report is keyed on (year, kind), as the service itself refuses a second one.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from units.models import User

from . import services
from .enums import SummaryKind
from .models import SummaryReport

OFFICE_LOGIN = "vanphong"

HALF_YEAR_TEXT = {
    "general_situation": (
        "Sáu tháng đầu năm, ngành y tế tỉnh Đồng Nai triển khai đồng bộ các phong trào thi đua gắn với "
        "nhiệm vụ chuyên môn; các đơn vị đăng ký thi đua đầy đủ, đúng hạn."
    ),
    "campaign_results": (
        "Phong trào thi đua đẩy mạnh chuyển đổi số được các đơn vị hưởng ứng tích cực: bệnh án điện tử "
        "triển khai tại các bệnh viện tuyến tỉnh, thanh toán không dùng tiền mặt mở rộng."
    ),
    "commendation_work": (
        "Khen thưởng đột xuất kịp thời các tập thể, cá nhân có thành tích trong công tác phòng, chống dịch."
    ),
    "shortcomings": (
        "Một số đơn vị gửi báo cáo chậm so với thời hạn; hồ sơ đề nghị khen thưởng còn thiếu tài liệu."
    ),
    "next_tasks": (
        "Tiếp tục đẩy mạnh các phong trào thi đua; chuẩn bị tổng kết công tác thi đua, khen thưởng năm."
    ),
}
YEAR_END_TEXT = {
    "general_situation": (
        "Năm qua, ngành y tế tỉnh Đồng Nai thực hiện hoàn thành các chỉ tiêu chuyên môn được giao; công tác "
        "thi đua, khen thưởng được các đơn vị quan tâm, gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị."
    ),
    "campaign_results": (
        "Phong trào thi đua đẩy mạnh chuyển đổi số, nâng cao chất lượng khám bệnh, chữa bệnh thu hút các "
        "đơn vị đăng ký hưởng ứng; nhiều mô hình hay được nhân rộng."
    ),
}


def _draft(year: int, kind: str, texts: dict, *, by, today: datetime.date) -> SummaryReport:
    report = services.summary_report_create(year=year, kind=kind, by=by, today=today)
    return services.summary_report_update(report, by=by, fields=texts)


@transaction.atomic
def demo_reports_load() -> dict[str, int]:
    """Create the year's review reports when missing."""
    office = User.objects.filter(username=OFFICE_LOGIN, is_office_staff=True).first()
    if office is None:
        return {}
    today = timezone.localdate()
    year = today.year
    existing = set(SummaryReport.objects.filter(year=year).values_list("kind", flat=True))
    created = 0
    second_half = today > datetime.date(year, 6, 30)
    if SummaryKind.HALF_YEAR not in existing:
        report = _draft(year, SummaryKind.HALF_YEAR, HALF_YEAR_TEXT, by=office, today=today)
        if second_half:
            services.summary_report_issue(
                report, by=office, issue_date=min(datetime.date(year, 7, 15), today)
            )
        created += 1
    if second_half and SummaryKind.YEAR_END not in existing:
        _draft(year, SummaryKind.YEAR_END, YEAR_END_TEXT, by=office, today=today)
        created += 1
    return {"báo cáo sơ kết, tổng kết": created}
