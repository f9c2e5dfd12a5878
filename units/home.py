"""Home-page panels. Higher apps register what each role should see, so units never imports them.

A panel provider is ``func(user) -> dict | None`` returning ``{"title", "template", ...context}``;
``None`` hides the panel.
"""

import dataclasses
from collections import defaultdict

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from . import generations
from .enums import Role
from .inbox import inbox_for, inbox_groups

_providers: dict[str, list] = defaultdict(list)


def register_panel(role: str, *, order: int = 50):
    def decorator(func):
        _providers[role].append((order, func))
        _providers[role].sort(key=lambda item: item[0])
        return func

    return decorator


def panels_for(user, role: str) -> list[dict]:
    panels = []
    for _order, func in _providers.get(role, []):
        panel = func(user)
        if panel:
            panels.append(panel)
    return panels


def roles_on_home(user) -> list[str]:
    """The home-page sections of a user, in the order they are shown."""
    order = [Role.OFFICE, Role.UNIT_HEAD, Role.COUNCIL, Role.ADMIN]
    return [role for role in order if role in user.roles]


# ---------------------------------------------------------------------------
# The home page's sections, kept per user until the data changes
# ---------------------------------------------------------------------------
KEEP_SECONDS = 60 * 60  # an entry no longer read (its generation renewed) goes after this


def _kept_key(name: str, user, today) -> str:
    return f"units:{name}:{user.pk}:{get_language()}:{today.isoformat()}:{generations.generation()}"


def kept_inbox(user, *, today) -> dict[str, list]:
    """Per role of the user on the home page, the ``(order, items)`` of its inbox providers
    that are not ``live``: some twenty queries, kept in the cache under the user, the language,
    the day and the data's generation (``units.generations``), which any write renews."""
    key = _kept_key("inbox", user, today)
    kept = cache.get(key)
    if kept is None:
        kept = {
            role: [
                (order, [_plain(item) for item in items])
                for order, items in inbox_groups(user, role, today=today, live=False)
            ]
            for role in roles_on_home(user)
        }
        cache.set(key, kept, timeout=KEEP_SECONDS)
    return kept


def inbox_of(user, role: str, *, today=None) -> list:
    """The same items as ``units.inbox.inbox_for``, read through the kept values: only the
    ``live`` providers' items are counted on every request. The home page and the dashboards
    show the inbox from here."""
    if role not in user.roles:
        return []
    today = today or timezone.localdate()
    kept = kept_inbox(user, today=today)
    if role not in kept:
        return inbox_for(user, role, today=today)
    groups = kept[role] + inbox_groups(user, role, today=today, live=True)
    groups.sort(key=lambda group: group[0])
    return [item for _order, items in groups for item in items]


def home_sections(request) -> list[dict]:
    """The home page's sections of the request's user: per role, in order, its label, its inbox
    items (``inbox_of``) and its panels rendered (``panels_html``).

    Computing them takes some thirty queries and most of the page's time, and they change only
    when the data does (or the day, which counts the deadlines): the panels are kept in the
    cache as the inbox is, under the user, the language, the day and the data's generation
    (``units.generations``), which any write through the application renews."""
    user = request.user
    today = timezone.localdate()
    key = _kept_key("home", user, today)
    panels = cache.get(key)
    if panels is None:
        panels = {
            role: render_to_string(
                "includes/home_panels.html", {"panels": panels_for(user, role)}, request=request
            )
            for role in roles_on_home(user)
        }
        cache.set(key, panels, timeout=KEEP_SECONDS)
    return [
        {
            "role": role,
            "label": Role(role).label,
            "inbox": inbox_of(user, role, today=today),
            "panels_html": panels_html,
        }
        for role, panels_html in panels.items()
    ]


def _plain(item):
    """The item with its lazy translations made text, to be kept in the cache."""
    return dataclasses.replace(item, label=str(item.label), due_label=str(item.due_label))
