"""Permissions of the awards app.

This round has no pages yet: the office keeps rule sets, evaluations, initiatives and the award
history in the admin; nominations are read there (their pages come with the next round).
"""

import rules

from units.rules import is_authenticated, is_nobody, is_office_staff

__all__ = ["is_authenticated", "is_nobody", "is_office_staff"]

# The admin asks for the app label itself before it lists the app's models.
rules.add_perm("awards", is_office_staff)
