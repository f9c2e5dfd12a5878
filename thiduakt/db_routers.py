"""Read-only report pages on a PostgreSQL replica (``DATABASE_REPLICA_URL``).

A web request to one of ``REPLICA_VIEWS`` with a safe method reads through the ``replica``
database alias; everything else, and every write, uses ``default``. The session and the user are
loaded before the view is chosen, so they always come from ``default``. The replica may lag the
primary by a moment: only pages where a second-old figure is harmless are listed — exports,
award history, the unit and council dashboards — not the office dashboard, whose tables are
cached until the next change (a render from a lagging copy would be kept), nor any page that
issues or numbers a document.
"""

from __future__ import annotations

import contextvars

from django.conf import settings

REPLICA_ALIAS = "replica"
REPLICA_VIEWS = frozenset(
    {
        "reports:export",
        "reports:history",
        "reports:history-person",
        "reports:history-unit",
        "reports:unit-dashboard",
        "reports:council-dashboard",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD"})

_reads_on_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("reads_on_replica", default=False)


def replica_configured() -> bool:
    return REPLICA_ALIAS in settings.DATABASES


class ReplicaRouter:
    """Reads of a marked request go to the replica; writes and migrations to ``default``."""

    def db_for_read(self, model, **hints):
        if _reads_on_replica.get() and replica_configured():
            return REPLICA_ALIAS
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA_ALIAS else None  # the replica follows the primary's schema


class ReplicaReadsMiddleware:
    """Mark the request's reads for the replica once the view is known (see ``REPLICA_VIEWS``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_on_replica.set(False)
        try:
            return self.get_response(request)
        finally:
            _reads_on_replica.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method in SAFE_METHODS and match is not None and match.view_name in REPLICA_VIEWS:
            user = getattr(request, "user", None)
            if user is not None:
                user.is_authenticated  # noqa: B018  (the lazy user loads from default, before the switch)
            _reads_on_replica.set(True)
        return None
