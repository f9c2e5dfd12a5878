"""The default daily schedule in django-celery-beat's tables, editable in the admin afterwards.

Hours come from REMINDER_SCAN_HOUR and REMINDER_DIGEST_HOUR at the time of this migration, in
Asia/Ho_Chi_Minh. Rows are created only if missing (by name), so admin edits and deletions stay.
"""

from django.conf import settings
from django.db import migrations

TZ = "Asia/Ho_Chi_Minh"


def _schedule(apps, hour, minute=0):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    schedule, _created = CrontabSchedule.objects.get_or_create(
        minute=str(minute), hour=str(hour), day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
    )
    return schedule


def create_periodic_tasks(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    rows = [
        ("Quét nhắc việc hằng ngày", "thiduakt.notifications.scan",
         _schedule(apps, getattr(settings, "REMINDER_SCAN_HOUR", 7)),
         "Gửi nhắc việc trước hạn và sau hạn (mỗi lần nhắc chỉ gửi một lần cho mỗi người)."),
        ("Gửi thư tổng hợp thông báo hằng ngày", "thiduakt.notifications.digest",
         _schedule(apps, getattr(settings, "REMINDER_DIGEST_HOUR", 17)),
         "Một thư mỗi ngày cho người chọn nhận thư tổng hợp."),
        ("Đóng các đơn vị hết hiệu lực", "thiduakt.units.close_expired",
         _schedule(apps, 0, 30),
         "Đơn vị đã sáp nhập, chia tách, giải thể (hết hiệu lực) không còn được chọn."),
    ]
    for name, task, crontab, description in rows:
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "description": description, "enabled": True}
        )


def remove_periodic_tasks(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(
        task__in=["thiduakt.notifications.scan", "thiduakt.notifications.digest", "thiduakt.units.close_expired"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_periodic_tasks, remove_periodic_tasks)]
