"""Working days (ngày làm việc): Monday to Friday, less public holidays.

Time limits such as the office's verification of a nomination (10 working days from a complete
dossier for a Giấy khen in the provinces' administrative procedure under Nghị định 91/2017/NĐ-CP;
the current limit is the province's rule under Nghị định 152/2025/NĐ-CP) are counted here.

- The fixed solar holidays of the Labour Code 2019 (Điều 112): 1/1, 30/4, 1/5, 2/9 — known
  without data. When one falls on a Saturday or a Sunday, the next working day is taken off
  instead (Điều 111 khoản 3).
- Everything else is dated data, ``awards.Holiday``, edited in the admin: Tết and the Hùng Kings'
  day follow the lunar calendar and the government sets each year's days off (with the day
  adjacent to 2/9, and swapped days); a row of kind "working" makes a day a working day (a
  Saturday worked in exchange, or a computed day in lieu the government moved elsewhere).

``WorkCalendar`` is pure (no database); ``calendar_from_db(start, end)`` builds one from the rows
in a date range with one query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

SATURDAY = 5
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))
# A time limit is never more than this many calendar days per working day, even around Tết.
_SPAN_PER_WORKING_DAY = 2
_SPAN_MARGIN_DAYS = 31


@lru_cache(maxsize=64)
def fixed_days_off(year: int) -> frozenset[datetime.date]:
    """The fixed holidays of a year and, for those on a weekend, the next working day in lieu."""
    fixed = sorted(datetime.date(year, month, day) for month, day in FIXED_HOLIDAYS)
    off = set(fixed)
    for day in fixed:
        if day.weekday() < SATURDAY:
            continue
        in_lieu = day + datetime.timedelta(days=1)
        while in_lieu.weekday() >= SATURDAY or in_lieu in off:
            in_lieu += datetime.timedelta(days=1)
        off.add(in_lieu)
    return frozenset(off)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked: weekdays that are not holidays, with dated exceptions."""

    days_off: frozenset[datetime.date] = field(default_factory=frozenset)
    working_days: frozenset[datetime.date] = field(default_factory=frozenset)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off or day.weekday() >= SATURDAY:
            return False
        return day not in fixed_days_off(day.year)

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The ``days``-th working day after ``start`` (the day itself is not counted, as a time
        limit runs from the day after receipt). ``days`` = 0 gives ``start`` back."""
        if days < 0:
            raise ValueError("days must not be negative")
        day, left = start, days
        while left:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when end is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def span_for(days: int) -> datetime.timedelta:
    """Calendar days enough to hold ``days`` working days, whatever the holidays."""
    return datetime.timedelta(days=days * _SPAN_PER_WORKING_DAY + _SPAN_MARGIN_DAYS)


def calendar_from_db(start: datetime.date, end: datetime.date) -> WorkCalendar:
    """The calendar of the dated holidays between two days (one query)."""
    from .enums import HolidayKind
    from .models import Holiday

    off, working = set(), set()
    for day, kind in Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind"):
        (working if kind == HolidayKind.WORKING else off).add(day)
    return WorkCalendar(days_off=frozenset(off), working_days=frozenset(working))


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """``start`` plus ``days`` working days, reading the dated holidays from the database."""
    return calendar_from_db(start, start + span_for(days)).add_working_days(start, days)
