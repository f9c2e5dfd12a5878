"""The work inbox: what waits on a user today, role by role, each item a link to where it is done.

Higher apps register their items, so units never imports them (as for the home panels). A
provider is ``func(user, *, today) -> Iterable[InboxItem]``; it counts with the same selector as
the list its item links to, in a fixed number of queries whatever the number of rows, and leaves
out the items with nothing waiting. The home page, the dashboards and the lists show the same
numbers because they all read them from these selectors.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import Role


@dataclass(frozen=True)
class InboxItem:
    """One line of the inbox: ``label`` (what to do), ``count`` rows waiting, ``url`` where they are
    done. ``due`` is the nearest due date of those rows; ``due_words`` says it in words (counted in
    calendar days unless the provider counts in working days) and ``due_label`` names it ("hạn
    sớm nhất"); ``note`` adds a detail."""

    key: str
    label: str
    count: int
    url: str
    due: datetime.date | None = None
    due_words: str = ""
    overdue: bool = False
    due_label: str = ""
    note: str = ""
    keep_empty: bool = False  # shown with nothing counted (a call still open)


Provider = Callable[..., Iterable[InboxItem]]
_providers: dict[str, list[tuple[int, Provider]]] = defaultdict(list)
_live: set[Provider] = set()


def register_inbox(role: str, *, order: int = 50, live: bool = False):
    """Register a provider of ``role``'s items at ``order``. ``live``: its counts change with the
    clock, not only with the data (a lockout that ends after its cool-off time), so the home page
    computes them on every request instead of keeping them with the rest (``units.home``)."""

    def decorator(func: Provider) -> Provider:
        _providers[role].append((order, func))
        _providers[role].sort(key=lambda item: item[0])
        if live:
            _live.add(func)
        return func

    return decorator


def inbox_for(user, role: str, *, today: datetime.date | None = None) -> list[InboxItem]:
    """The user's items under ``role``, in the registered order; only those with something waiting."""
    if role not in user.roles:
        return []
    today = today or timezone.localdate()
    items: list[InboxItem] = []
    for _order, func in _providers.get(role, []):
        items.extend(item for item in func(user, today=today) if item.count or item.keep_empty)
    return items


def has_live_items(user) -> bool:
    """Whether one of the user's roles has a ``live`` provider (items counted with the clock)."""
    return any(func in _live for role in user.roles for _order, func in _providers.get(role, []))


def inbox_groups(user, role: str, *, today: datetime.date, live: bool) -> list[tuple[int, list[InboxItem]]]:
    """``inbox_for`` split by provider: ``(order, items)`` of the providers that are ``live`` or
    of those that are not; merged in order, both give the same items as ``inbox_for``."""
    if role not in user.roles:
        return []
    groups = []
    for order, func in _providers.get(role, []):
        if (func in _live) == live:
            groups.append(
                (order, [item for item in func(user, today=today) if item.count or item.keep_empty])
            )
    return groups


def days_in_words(days: int, *, working: bool = False) -> str:
    """A deadline ``days`` away said in words: "quá hạn 5 ngày", "hôm nay", "còn 3 ngày"
    ("ngày làm việc" when counted in working days)."""
    if days == 0:
        return _("hôm nay")
    if days < 0:
        n = -days
        if working:
            return ngettext("quá hạn %(n)d ngày làm việc", "quá hạn %(n)d ngày làm việc", n) % {"n": n}
        return ngettext("quá hạn %(n)d ngày", "quá hạn %(n)d ngày", n) % {"n": n}
    if working:
        return ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", days) % {"n": days}
    return ngettext("còn %(n)d ngày", "còn %(n)d ngày", days) % {"n": days}


def due_in_words(due: datetime.date | None, today: datetime.date) -> str:
    if due is None:
        return ""
    return days_in_words((due - today).days)


def url_with(name: str, *args, **query) -> str:
    """A list page's address with the filters that select the item's rows."""
    base = reverse(name, args=args)
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{base}?{urlencode(query)}" if query else base


def item(
    key: str,
    label: str,
    count: int,
    url: str,
    *,
    today: datetime.date,
    due: datetime.date | None = None,
    due_words: str = "",
    overdue: bool | None = None,
    due_label: str = "",
    note: str = "",
    keep_empty: bool = False,
) -> InboxItem:
    """An item whose due date is said in calendar days unless ``due_words`` is given."""
    if isinstance(due, datetime.datetime):
        due = timezone.localtime(due).date()
    return InboxItem(
        key=key,
        label=label,
        count=count,
        url=url,
        due=due,
        due_words=due_words or due_in_words(due, today),
        overdue=overdue if overdue is not None else bool(due and due < today),
        due_label=due_label,
        note=note,
        keep_empty=keep_empty,
    )


def earliest_item(
    key: str, label: str, rows, url: str, *, due_field: str, today: datetime.date, due_label: str
) -> InboxItem:
    """An item counting ``rows`` (a queryset), due on the earliest ``due_field`` among them."""
    found = rows.order_by().aggregate(n=Count("pk"), due=Min(due_field))
    return item(key, label, found["n"], url, today=today, due=found["due"], due_label=due_label)


def inbox_sections(user, *, today: datetime.date | None = None) -> list[dict]:
    """Per role of the user, in the home page's order: the role, its label and its items."""
    order = [Role.OFFICE, Role.UNIT_HEAD, Role.COUNCIL, Role.ADMIN]
    today = today or timezone.localdate()
    return [
        {"role": role, "label": Role(role).label, "items": inbox_for(user, role, today=today)}
        for role in order
        if role in user.roles
    ]
