"""Celery tasks of the notifications app: thin, each one call of a service.

The daily schedule lives in the database (django-celery-beat, created by migration 0002 and
edited in the admin). ``enqueue`` is how web code queues a task: a broker that is down is
logged, never shown to the user as an error.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
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


def enqueue(task, **kwargs) -> bool:
    """Queue ``task`` with keyword arguments; False (and a log line) when the broker is unreachable."""
    try:
        task.apply_async(kwargs=kwargs, retry=True, retry_policy=ENQUEUE_RETRY_POLICY)
    except ENQUEUE_ERRORS:
        logger.warning("Could not enqueue %s %s: broker unavailable", task.name, kwargs, exc_info=True)
        return False
    return True


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@shared_task(name="thiduakt.notifications.scan", acks_late=True)
def task_reminders_scan(today: str | None = None) -> dict[str, int]:
    """Daily: send the reminders due today (idempotent: safe to run twice, retry, or run in parallel)."""
    return services.reminders_scan(today=_day(today))


@shared_task(name="thiduakt.notifications.digest", acks_late=True)
def task_digest_send(today: str | None = None) -> int:
    """Daily: one mail per person who chose the digest."""
    return services.digest_send(today=_day(today))
