"""Home-page panels. Higher apps register what each role should see, so units never imports them.

A panel provider is ``func(user) -> dict | None`` returning ``{"title", "template", ...context}``;
``None`` hides the panel.
"""

from collections import defaultdict

from .enums import Role

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
