import datetime
import zoneinfo

import pytest
import time_machine

from notifications import providers, services

from .board import Board

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
SITE = "https://thiduakt.example.vn"


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.SITE_URL = SITE
    settings.REMINDER_OFFSETS_DAYS = [7, 1, -1]
    settings.REMINDER_GRACE_DAYS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def board():
    with providers.temporarily_registered(Board()) as provider:
        yield provider


def at_vn(day: datetime.date, hour: int = 7) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


@pytest.fixture
def scan_on(django_capture_on_commit_callbacks):
    """Run the scan as the 07:00 beat tick of a day in Vietnam; mails go out as after a commit."""

    def _scan(day: datetime.date, hour: int = 7):
        with (
            time_machine.travel(at_vn(day, hour), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return services.reminders_scan()

    return _scan


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block and then its on-commit callbacks (mails), as a real transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def use_broker(url: str, **transport_options) -> dict:
    """Point this process's Celery app at another broker; returns what to restore."""
    from thiduakt.celery import app

    saved = {
        "broker_url": app.conf.broker_url,
        "broker_transport_options": dict(app.conf.broker_transport_options or {}),
    }
    app.conf.update(broker_url=url, broker_transport_options=transport_options)
    app._pool = None  # the connection and producer pools are cached on first use
    app.amqp._producer_pool = None
    return saved


def restore_broker(saved: dict) -> None:
    from thiduakt.celery import app

    app.conf.update(**saved)
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """A Redis broker that is not there: nothing listens on port 1."""
    saved = use_broker("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    yield
    restore_broker(saved)
