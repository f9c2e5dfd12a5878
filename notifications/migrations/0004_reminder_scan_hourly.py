"""The reminder scan runs every hour instead of once a day.

A daily run that beat could not publish (the broker down at that minute) or that died was lost
until the next day; the scan sends only what is due and each reminder once, so running it hourly
loses nothing and catches a missed run within the hour. The day's reminders still wait for
REMINDER_SCAN_HOUR (see ``notifications.services.reminder_day``). The row keeps its id, so an
administrator's other edits (enabled, queue) stay.
"""

from django.db import migrations
from django.utils import timezone

TZ = "Asia/Ho_Chi_Minh"
SCAN = "thiduakt.notifications.scan"
DAILY_NAME = "Quét nhắc việc hằng ngày"
HOURLY_NAME = "Quét nhắc việc (mỗi giờ)"


def _crontab(apps, *, minute, hour):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    schedule, _created = CrontabSchedule.objects.get_or_create(
        minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*", timezone=TZ
    )
    return schedule


def scan_hourly(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    hourly = _crontab(apps, minute="0", hour="*")
    rows = PeriodicTask.objects.filter(task=SCAN)
    if not rows.exists():
        PeriodicTask.objects.create(
            name=HOURLY_NAME,
            task=SCAN,
            crontab=hourly,
            enabled=True,
            description="Gửi nhắc việc trước hạn và sau hạn (mỗi lần nhắc chỉ gửi một lần cho mỗi người).",
        )
        return
    for row in rows:
        row.crontab = hourly
        row.interval = None
        if row.name == DAILY_NAME:
            row.name = HOURLY_NAME
        row.save()
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    # Beat reloads its schedule when this changes (a running beat picks up the new crontab).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def scan_daily(apps, schema_editor):
    from django.conf import settings

    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily = _crontab(apps, minute="0", hour=str(getattr(settings, "REMINDER_SCAN_HOUR", 7)))
    for row in PeriodicTask.objects.filter(task=SCAN):
        row.crontab = daily
        if row.name == HOURLY_NAME:
            row.name = DAILY_NAME
        row.save()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_notification_mail_sending"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(scan_hourly, scan_daily)]
