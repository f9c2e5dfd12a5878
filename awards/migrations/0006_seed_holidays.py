"""Seed the dated days off of the current and the next year, and count the verification time
limit of the nominations already waiting for it.

The fixed solar holidays (1/1, 30/4, 1/5, 2/9, with a day in lieu when one falls on a weekend) need
no row (``awards.workdays``). Tết and the Hùng Kings' day follow the lunar calendar (dates
computed for UTC+7); the days off around them and the day next to 2/9 are set each year by the
government, so every row is seeded unconfirmed: the office checks them against the year's
official notice in the admin. Rows that already exist (matched by date) are left as they are.
"""

import datetime

from django.db import migrations
from django.utils import timezone

D = datetime.date
TET_2026 = "Tết Nguyên đán Bính Ngọ 2026"
TET_2027 = "Tết Nguyên đán Đinh Mùi 2027"
SOURCE = "Bộ luật Lao động 2019, Điều 112; lịch nghỉ của năm do Thủ tướng quyết định (cần đối chiếu)"

HOLIDAYS = [
    (D(2026, 2, 16), f"{TET_2026} (28 tháng Chạp)"),
    (D(2026, 2, 17), f"{TET_2026} (mùng 1)"),
    (D(2026, 2, 18), f"{TET_2026} (mùng 2)"),
    (D(2026, 2, 19), f"{TET_2026} (mùng 3)"),
    (D(2026, 2, 20), f"{TET_2026} (mùng 4)"),
    (D(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật)"),
    (D(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương"),
    (D(2026, 9, 1), "Quốc khánh (ngày liền kề 02/9)"),
    (D(2027, 2, 5), f"{TET_2027} (30 tháng Chạp)"),
    (D(2027, 2, 8), f"{TET_2027} (mùng 3)"),
    (D(2027, 2, 9), f"{TET_2027} (mùng 4)"),
    (D(2027, 2, 10), f"Nghỉ bù {TET_2027} (mùng 1 là thứ Bảy)"),
    (D(2027, 2, 11), f"Nghỉ bù {TET_2027} (mùng 2 là Chủ nhật)"),
    (D(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (D(2027, 9, 3), "Quốc khánh (ngày liền kề 02/9)"),
]
DEFAULT_DAYS = 10


def seed(apps, schema_editor):
    Holiday = apps.get_model("awards", "Holiday")
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(
            date=day, defaults={"name": name, "kind": "off", "source": SOURCE, "confirmed": False}
        )

    from awards.workdays import WorkCalendar

    Nomination = apps.get_model("awards", "Nomination")
    AwardRule = apps.get_model("awards", "AwardRule")
    waiting = list(Nomination.objects.filter(status="submitted", submitted_at__isnull=False))
    if not waiting:
        return
    limits = {
        (rule_set_id, award_type_id): days
        for rule_set_id, award_type_id, days in AwardRule.objects.values_list(
            "rule_set_id", "award_type_id", "verification_working_days"
        )
    }
    off, working = set(), set()
    for day, kind in Holiday.objects.values_list("date", "kind"):
        (working if kind == "working" else off).add(day)
    calendar = WorkCalendar(days_off=frozenset(off), working_days=frozenset(working))
    zone = timezone.get_default_timezone()
    for nomination in waiting:
        days = limits.get((nomination.rule_set_id, nomination.award_type_id)) or DEFAULT_DAYS
        received = timezone.localdate(nomination.submitted_at, timezone=zone)
        nomination.verification_due = calendar.add_working_days(received, days)
    Nomination.objects.bulk_update(waiting, ["verification_due"])


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_holidays_verification_due")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
