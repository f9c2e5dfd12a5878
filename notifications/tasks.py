"""Celery tasks of the notifications app: thin, each one call of a service.

The schedule lives in the database (django-celery-beat, created by migrations 0002 and 0004 and
edited in the admin): the reminder scan every hour, so that a run beat could not publish (the
broker down at that minute) or a run that died is caught within the hour; a worker that starts
queues one scan as well. ``enqueue`` is how web code queues a task: a broker that is down is
logged, never shown to the user as an error.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from celery.signals import worker_ready
from django.conf import settings
from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import KombuError
from kombu.exceptions import OperationalError as KombuOperationalError

from . import services

logger = logging.getLogger(__name__)

try:  # the Redis client is there with the Redis broker (requirements.txt); not needed otherwise
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover
    RedisError = KombuOperationalError

ENQUEUE_ERRORS = (KombuOperationalError, KombuError, RedisError, ConnectionError, OSError, TimeoutError)
# A page waits at most a few tenths of a second (plus the connect timeout) for a broker that is down.
ENQUEUE_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


# A scan cut off from the database (a restart, a failover) or the broker is run again, after 2, 4,
# 8 ... seconds (at most 2 minutes apart, 8 times: about 6 minutes in all); the hourly run
# takes over after that.
RETRY_ERRORS = (
    DatabaseOperationalError,
    DatabaseInterfaceError,
    KombuOperationalError,
    RedisError,
    ConnectionError,
)
RETRY_OPTIONS = {
    "autoretry_for": RETRY_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": False,
    "max_retries": 8,
}


def enqueue(task, *, options: dict | None = None, **kwargs) -> bool:
    """Queue ``task`` with keyword arguments; False (and a log line) when the broker is unreachable."""
    try:
        task.apply_async(kwargs=kwargs, retry=True, retry_policy=ENQUEUE_RETRY_POLICY, **(options or {}))
    except ENQUEUE_ERRORS:
        logger.warning("Could not enqueue %s %s: broker unavailable", task.name, kwargs, exc_info=True)
        return False
    return True


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@shared_task(name="thiduakt.notifications.scan", acks_late=True, **RETRY_OPTIONS)
def task_reminders_scan(today: str | None = None) -> dict[str, int]:
    """Hourly: send the reminders due (idempotent: safe to run twice, retry, or run in parallel)."""
    return services.reminders_scan(today=_day(today))


@worker_ready.connect(weak=False, dispatch_uid="thiduakt.notifications.scan_on_worker_start")
def reminders_scan_on_worker_start(sender=None, **kwargs) -> None:
    """A worker that starts queues one scan, on a queue it reads itself: what was missed while no
    worker ran (or the broker was down at the scheduled minute) goes out now, not at the next run."""
    if not settings.REMINDER_SCAN_ON_WORKER_START:
        return
    app = getattr(sender, "app", None) or task_reminders_scan.app
    queues = list(app.amqp.queues.consume_from or ())
    enqueue(task_reminders_scan, options={"queue": queues[0]} if queues else None)


@shared_task(name="thiduakt.notifications.digest", acks_late=True)
def task_digest_send(today: str | None = None) -> int:
    """Daily: one mail per person who chose the digest."""
    return services.digest_send(today=_day(today))
