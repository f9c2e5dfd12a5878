"""The replica router: a safe request to a read-only report page reads the replica, everything else
(writes, other pages, other methods, the session and the user, what follows the request) uses the
primary; without a replica configured nothing changes. The requests go through the middleware as
Django's handler runs it (``process_view`` once the view is resolved, then the view)."""

import warnings

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils.functional import SimpleLazyObject

from thiduakt.db_routers import REPLICA_ALIAS, ReplicaReadsMiddleware, ReplicaRouter
from units.models import Unit

router = ReplicaRouter()


@pytest.fixture
def replica(settings):
    """A ``replica`` alias in the settings (the router only asks whether it is configured)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Django warns that overriding DATABASES is unusual
        settings.DATABASES = {**settings.DATABASES, REPLICA_ALIAS: dict(settings.DATABASES["default"])}
    return REPLICA_ALIAS


def _through_the_middleware(method: str, path: str) -> dict:
    """Run one request and record, inside the view, where a read and a write of a unit go, and where
    the user was read from when it loaded."""
    seen = {}

    def load_user():
        seen["user_read"] = router.db_for_read(Unit)
        return AnonymousUser()

    def view(request):
        seen["read"], seen["write"] = router.db_for_read(Unit), router.db_for_write(Unit)
        return HttpResponse()

    def handler(request):
        middleware.process_view(request, view, (), {})
        return view(request)

    middleware = ReplicaReadsMiddleware(handler)
    request = RequestFactory().generic(method, path)
    request.resolver_match = resolve(path)
    request.user = SimpleLazyObject(load_user)
    middleware(request)
    seen["after"] = router.db_for_read(Unit)
    return seen


def test_a_report_page_reads_the_replica_and_writes_the_primary(replica):
    seen = _through_the_middleware("GET", reverse("reports:history"))

    assert (seen["read"], seen["write"]) == (replica, "default")


def test_the_user_is_read_from_the_primary_before_the_switch(replica):
    seen = _through_the_middleware("GET", reverse("reports:history"))

    assert seen["user_read"] is None  # None: Django's default routing, the primary


def test_reads_after_the_request_go_back_to_the_primary(replica):
    seen = _through_the_middleware("GET", reverse("reports:history"))

    assert seen["after"] is None


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("POST", "reports:history"),  # not a safe method
        ("GET", "reports:dashboard"),  # cached until the next change: never from a lagging copy
        ("GET", "home"),
    ],
)
def test_other_pages_and_methods_read_the_primary(replica, method, name):
    seen = _through_the_middleware(method, reverse(name))

    assert (seen["read"], seen["write"]) == (None, "default")


def test_without_a_replica_a_report_page_reads_the_primary():
    seen = _through_the_middleware("GET", reverse("reports:history"))

    assert seen["read"] is None


def test_nothing_is_migrated_on_the_replica():
    assert router.allow_migrate(REPLICA_ALIAS, "units") is False
    assert router.allow_migrate("default", "units") is None
