"""Seed the base salary (mức lương cơ sở), a dated parameter (Nghị định 73/2024/NĐ-CP
and the decrees before it).

- 1,800,000 đồng from 01/7/2023 [C: sonoivu.namdinh] — confirmed;
- 2,340,000 đồng from 01/7/2024 (NĐ 73/2024/NĐ-CP) [B] — not confirmed, shown so on screen.

Rows that already exist (matched by their start date) are left as they are.
"""

import datetime

from django.db import migrations

ROWS = [
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP", True),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP (chưa xác nhận)", False),
]


def seed(apps, schema_editor):
    BaseSalary = apps.get_model("council", "BaseSalary")
    for effective_from, amount, source, confirmed in ROWS:
        BaseSalary.objects.get_or_create(
            effective_from=effective_from,
            defaults={"amount": amount, "source": source, "confirmed": confirmed},
        )


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
