"""A reminder's offset has one name (``notifications.enums.reminder_offset_label``): the reminder
log's "Lần nhắc" column, its filter's choices and the log's Excel export say the same words."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from notifications.enums import reminder_offset_label
from notifications.filters import ReminderLogFilter
from notifications.models import ReminderLog
from tests.factories import make_office_user, make_unit_head

pytestmark = pytest.mark.django_db

OFFSETS = [7, 3, 1, 0, -1, -5]


@pytest.mark.parametrize(
    ("days", "label"),
    [(7, "7 ngày trước hạn"), (1, "1 ngày trước hạn"), (0, "Đúng hạn"), (-1, "1 ngày sau hạn (quá hạn)"),
     (-5, "5 ngày sau hạn (quá hạn)")],
)  # fmt: skip
def test_each_offset_is_named_by_its_days_before_or_after_the_due_date(days, label):
    assert reminder_offset_label(days) == label


@pytest.fixture
def logs(settings):
    settings.REMINDER_OFFSETS_DAYS = OFFSETS
    head = make_unit_head()
    sent = timezone.make_aware(datetime.datetime(2026, 3, 24, 7, 0))
    for days in OFFSETS:
        ReminderLog.objects.create(
            key=f"task:{days}",
            title=f"Nhắc việc {days}",
            kind="plan_task",
            recipient=head,
            due_date=datetime.date(2026, 3, 31),
            offset_days=days,
            escalation=days < 0,
            sent_at=sent,
        )


def test_the_log_its_filter_and_its_export_name_every_offset_alike(client, logs):
    client.force_login(make_office_user())
    expected = {days: reminder_offset_label(days) for days in OFFSETS}

    choices = dict(ReminderLogFilter().filters["offset_days"].extra["choices"]())
    response = client.get(reverse("reports:export", args=["reminders"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    headers, *rows = sheet.iter_rows(values_only=True)
    exported = {row[headers.index("Nội dung")]: row[headers.index("Lần nhắc")] for row in rows}
    page = client.get(reverse("notifications:sent")).content.decode()
    row = re.compile(
        r'<div class="small text-muted">task:(?P<key>-?\d+)</div></td>\s*<td[^>]*>[^<]*</td>\s*'
        r'<td class="text-nowrap">(?P<cell>.*?)</td>',
        re.S,
    )
    shown = {int(m["key"]): " ".join(re.sub(r"<[^>]+>", " ", m["cell"]).split()) for m in row.finditer(page)}

    assert {int(value): label for value, label in choices.items()} == expected
    assert {int(title.split()[-1]): label for title, label in exported.items()} == expected
    assert shown == expected
