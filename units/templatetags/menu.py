"""The main menu of every page, rendered once per process for each set of permissions.

The menu depends only on which of the permissions below the user has, the language and the URL
configuration. ``{% main_menu %}`` asks the user's permissions (through the same backends as the
template did; the answers kept in memory until the data changes, ``units.generations``)
and renders ``includes/main_menu.html`` only for a combination not seen before in this process:
the same answer for the same key, so nothing is shared between processes and nothing needs to be
invalidated (a user given another role gets the other menu on the next request).
"""

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

from units import generations

register = template.Library()

_answers = generations.Kept(size=4096)

# The template's variable for each permission it shows a menu entry for.
MENU_PERMISSIONS = {
    "can_list_units": "units.list_unit",
    "can_list_staff": "units.list_person",
    "is_office": "units.access_office",
    "can_list_plans": "plans.list_plan",
    "can_list_campaigns": "campaigns.list_campaign",
    "can_list_registrations": "campaigns.list_registration",
    "can_list_nominations": "awards.list_nomination",
    "can_view_disclosure": "awards.view_disclosure",
    "can_list_sessions": "council.list_session",
    "can_list_decisions": "council.list_decision",
    "can_view_history": "reports.view_history",
    "can_view_dashboard": "reports.view_office_dashboard",
    "can_view_unit_dashboard": "reports.view_unit_dashboard",
    "can_view_council_dashboard": "reports.view_council_dashboard",
    "can_list_summaries": "reports.list_summaryreport",
}


@functools.lru_cache(maxsize=256)
def _menu(allowed: tuple[bool, ...], language: str, prefix: str, urlconf: str) -> str:
    return render_to_string("includes/main_menu.html", dict(zip(MENU_PERMISSIONS, allowed, strict=True)))


@receiver(setting_changed)
def _forget_menus(**kwargs):
    """Templates, translations or URLs changed (tests do): render the menus anew."""
    _menu.cache_clear()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """``{% main_menu %}``: the menu entries the page's user may open."""
    return _menu(
        _allowed(context["user"]), get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )


def _allowed(user) -> tuple[bool, ...]:
    """The user's answer for each permission of the menu, kept in memory until the data changes
    (``units.generations``: roles, groups and permissions are rows like any other)."""

    def ask():
        return tuple(user.has_perm(permission) for permission in MENU_PERMISSIONS.values())

    if not user.pk:
        return ask()
    return _answers.get((user.pk, generations.generation()), ask)
