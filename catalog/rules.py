"""Permissions of the catalog: everyone logged in reads it, the office edits it (in the admin)."""

import rules

from units.rules import is_authenticated, is_nobody, is_office_staff

__all__ = ["is_authenticated", "is_nobody", "is_office_staff"]

# The admin asks for the app label itself before it lists the app's models.
rules.add_perm("catalog", is_office_staff)
