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
from .inbox import inbox_groups

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


def home_sections(request) -> list[dict]:
    """The home page's sections of the request's user: per role, in order, its label, its inbox
    items (``units.inbox``) and its panels rendered (``panels_html``).

    Computing them takes some thirty queries and most of the page's time, and they change only
    when the data does (or the day, which counts the deadlines): everything but the ``live``
    inbox items is kept in the cache under the user, the language, the day and the data's
    generation (``units.generations``), which any write through the application renews. The
    live items are computed on every request and put back in their order."""
    user = request.user
    today = timezone.localdate()
    key = f"units:home:{user.pk}:{get_language()}:{today.isoformat()}:{generations.generation()}"
    kept = cache.get(key)
    if kept is None:
        kept = [
            {
                "role": role,
                "inbox": [
                    (order, [_plain(item) for item in items])
                    for order, items in inbox_groups(user, role, today=today, live=False)
                ],
                "panels_html": render_to_string(
                    "includes/home_panels.html", {"panels": panels_for(user, role)}, request=request
                ),
            }
            for role in roles_on_home(user)
        ]
        cache.set(key, kept, timeout=KEEP_SECONDS)
    sections = []
    for section in kept:
        role = section["role"]
        groups = section["inbox"] + inbox_groups(user, role, today=today, live=True)
        groups.sort(key=lambda group: group[0])
        sections.append(
            {
                "role": role,
                "label": Role(role).label,
                "inbox": [item for _order, items in groups for item in items],
                "panels_html": section["panels_html"],
            }
        )
    return sections


def _plain(item):
    """The item with its lazy translations made text, to be kept in the cache."""
    return dataclasses.replace(item, label=str(item.label), due_label=str(item.due_label))
