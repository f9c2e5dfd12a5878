"""The office dashboard's rendered tables, kept in the cache until the data changes.

The office dashboard aggregates the whole province (tasks of every lead unit, every submission,
every registration line and nomination, the council's results, the cluster rankings): some twenty
queries and a page of 100 KB, identical for every office user. It is rendered once and kept in
Django's cache under a key that holds the year, the criteria set, the day (overdue depends on
it), the language and the data's generation (``units.generations``), which every write through a
database connection renews, ``QuerySet.update()`` and bulk writes included. The next request
after any change therefore renders afresh; ``DASHBOARD_CACHE_SECONDS`` is how long an entry stays
in the cache at most. The whole page of each office user is kept as well (``units.kept``); these
tables are what a user whose page is not kept yet shares with the others.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language

from units import generations


def tables_key(year: int, criteria_set_id: int | None) -> str:
    return ":".join(
        (
            "reports:office-dashboard",
            str(year),
            str(criteria_set_id),
            timezone.localdate().isoformat(),
            get_language() or "",
            generations.generation(),
        )
    )
