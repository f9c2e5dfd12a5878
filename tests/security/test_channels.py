"""A unit head's other channels are scoped like their pages: the reminder mails, the bell, the
calendar feed and every export they may download name nothing of another unit."""

import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from notifications.models import Notification, NotificationPreference
from notifications.services import reminders_scan
from reports.exporters.base import registry

pytestmark = pytest.mark.django_db


def _foreign(world) -> list[str]:
    """What head A must never receive: unit B's name and its people."""
    return [world.unit_b.name, world.person_b.full_name]


def _reminder_channels(world, settings, django_capture_on_commit_callbacks) -> dict[str, str]:
    settings.REMINDER_OFFSETS_DAYS = [7, 1, -1]
    deadline = world.round.deadline
    channels = {}
    for day in (deadline - datetime.timedelta(days=7), deadline + datetime.timedelta(days=1)):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            reminders_scan(today=day)
        for message in mail.outbox:
            if world.head.email in message.to:
                channels[f"mail {day} {message.subject}"] = message.subject + "\n" + message.body
    for note in Notification.objects.filter(recipient=world.head):
        channels[f"bell {note.pk}"] = f"{note.title}\n{note.body}"
    return channels


def test_a_unit_heads_reminders_and_calendar_feed_name_no_other_unit(
    world, settings, django_capture_on_commit_callbacks
):
    channels = _reminder_channels(world, settings, django_capture_on_commit_callbacks)
    token = NotificationPreference.objects.get_or_create(user=world.head)[0].calendar_token
    feed = Client().get(reverse("notifications:calendar-feed", args=[token]))
    channels["calendar feed"] = feed.content.decode()

    assert any(key.startswith("mail") for key in channels)  # the head was really reminded
    assert "Đăng ký thi đua" in channels["calendar feed"]
    leaks = {key: name for key, text in channels.items() for name in _foreign(world) if name in text}
    assert leaks == {}


def test_the_office_still_hears_every_unit_that_has_not_registered(
    world, settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_OFFSETS_DAYS = [7, 1, -1]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan(today=world.round.deadline + datetime.timedelta(days=1))

    to_office = "\n".join(m.body for m in mail.outbox if world.office.email in m.to)
    assert world.unit_a.name in to_office and world.unit_b.name in to_office


def _sheet_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        " ".join(str(cell) for cell in row if cell is not None)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_every_export_a_unit_head_may_download_holds_only_their_units(world, client):
    client.force_login(world.head)
    fetched = 0
    leaks = {}
    for name in sorted(registry):
        response = client.get(reverse("reports:export", args=[name]))
        if response.status_code != 200:
            continue
        fetched += 1
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = _sheet_text(content)
        found = [value for value in _foreign(world) if value in text]
        if found:
            leaks[name] = found

    assert fetched >= 3
    assert leaks == {}
