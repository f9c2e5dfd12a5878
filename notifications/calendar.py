"""A personal iCalendar feed (RFC 5545) built by hand: all-day events, CRLF, folded lines."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from .providers import Deadline

CRLF = "\r\n"


def escape_text(value: str) -> str:
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    parts, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with one space
        current += char
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


def calendar_feed(
    deadlines: Iterable[Deadline], *, name: str, host: str, absolute, now: datetime.datetime | None = None
) -> str:
    now = (now or timezone.now()).astimezone(datetime.UTC)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//thiduakt//Nhac viec TDKT//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for deadline in deadlines:
        end = deadline.due_date + datetime.timedelta(days=1)
        uid = deadline.key.replace(":", "-").replace(" ", "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{deadline.due_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{escape_text(deadline.title)}",
        ]
        if deadline.summary:
            lines.append(f"DESCRIPTION:{escape_text(deadline.summary)}")
        if deadline.url:
            lines.append(f"URL:{absolute(deadline.url)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
