"""Addresses of many rows' pages without reversing each one.

A table of every unit of the province links each row to its record; ``reverse`` resolves the
pattern anew for every row. ``pk_url(name)`` reverses the pattern once with a marker for the
primary key and returns a function that writes the address of any key.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

MARKER = 987654321987


def pk_url(name: str) -> Callable[[int], str]:
    """``pk_url("campaigns:registration-detail")(42)`` == ``reverse(..., args=[42])``."""
    prefix, _marker, suffix = reverse(name, args=[MARKER]).partition(str(MARKER))

    def address(pk: int) -> str:
        return f"{prefix}{int(pk)}{suffix}"

    return address


@functools.lru_cache(maxsize=256)
def _address_of(name: str, prefix: str, urlconf: str) -> Callable[[int], str]:
    return pk_url(name)


def pk_address(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for a page whose one argument is a primary key, the pattern
    reversed once per process (per script prefix and URL configuration): what a model's
    ``get_absolute_url`` calls, once per row of every list."""
    return _address_of(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)(pk)
