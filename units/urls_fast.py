"""Addresses of many rows' pages without reversing each one.

A table of every unit of the province links each row to its record; ``reverse`` resolves the
pattern anew for every row. ``pk_url(name)`` reverses the pattern once with a marker for the
primary key and returns a function that writes the address of any key.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

MARKER = 987654321987


def pk_url(name: str) -> Callable[[int], str]:
    """``pk_url("campaigns:registration-detail")(42)`` == ``reverse(..., args=[42])``."""
    prefix, _marker, suffix = reverse(name, args=[MARKER]).partition(str(MARKER))

    def address(pk: int) -> str:
        return f"{prefix}{int(pk)}{suffix}"

    return address
