"""The office dashboard's rendered tables, kept in the cache until the next change.

The office dashboard aggregates the whole province (tasks of every lead unit, every submission,
every registration line and nomination, the council's results, the cluster rankings): some twenty
queries and a page of 100 KB, identical for every office user. It is rendered once and kept in
Django's cache under a key that holds the year, the criteria set, the day (overdue depends on
it), the language and a *generation*: a token that every saved or deleted record of the
project's apps replaces, at once and again when its transaction commits. The next request after
any change therefore renders afresh; bulk updates that send no signal are caught by the timeout
(``DASHBOARD_CACHE_SECONDS``).

With several processes the cache must be shared (``CACHE_URL``, Redis in production) for a
change made in one worker to reach the others at once; with the local-memory cache each worker
keeps its own copy and notices other workers' changes only at the timeout.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "reports:generation"
WATCHED_APPS = frozenset({"units", "catalog", "plans", "campaigns", "awards", "council"})


def generation() -> str:
    """The current generation; a new one when the cache has none (restart, eviction)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = secrets.token_hex(8)
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY, token)
    return token


def new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


NOT_COUNTED = frozenset({"last_login"})  # a login saves the user: no figure of the dashboard


def _changed(sender, update_fields=None, **kwargs) -> None:
    if sender._meta.app_label not in WATCHED_APPS:
        return
    if hasattr(sender, "instance_type"):  # a history record: its model's own save counts
        return
    if update_fields and set(update_fields) <= NOT_COUNTED:
        return
    new_generation()  # readers inside this transaction (and tests) see the change at once
    transaction.on_commit(new_generation)  # and a render that raced the commit is not kept


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"reports.cache.{signal!r}")
