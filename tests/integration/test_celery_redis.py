"""A Celery task through a real Redis broker and a real worker, touching the real database."""

import datetime

import pytest

from tests.factories import UnitFactory
from units.models import Unit
from units.tasks import task_units_close_expired

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_redis_server_answers(redisdb):
    redisdb.set("thiduakt", "sống")

    assert redisdb.get("thiduakt").decode() == "sống"


def test_task_round_trip_through_redis_and_a_worker(celery_worker_proc):
    expired = UnitFactory(valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2021, 12, 31))
    kept = UnitFactory()

    result = task_units_close_expired.delay()
    closed = result.get(timeout=30)

    assert closed == 1
    assert Unit.objects.get(pk=expired.pk).active is False
    assert Unit.objects.get(pk=kept.pk).active is True
