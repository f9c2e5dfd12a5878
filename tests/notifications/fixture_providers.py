"""A deadline provider a separate worker process can see: the integration tests' fixture.

The worker imports this module when THIDUAKT_TEST_PROVIDERS=tests.notifications.fixture_providers
(see notifications/apps.py). Its deadlines live in the shared test database, so the test process
creates them: every active unit whose code starts with ``NV-`` is one deadline, due on the unit's
``valid_to``, for the unit's heads, escalating to the office staff.

THIDUAKT_TEST_PROVIDER_DELAY (seconds) slows each deadline down, so that a test can kill the
worker in the middle of a scan.
"""

import os
import time

from django.urls import reverse

from notifications.providers import Deadline, earliest_due, office_staff, register
from units.models import Unit


@register
class UnitDeadlines:
    kind = "test_unit_deadline"
    label = "Hạn thử nghiệm của đơn vị"

    def deadlines(self, today):
        delay = float(os.environ.get("THIDUAKT_TEST_PROVIDER_DELAY", "0"))
        office = office_staff()
        units = (
            Unit.objects.filter(code__startswith="NV-", active=True, valid_to__gte=earliest_due(today))
            .prefetch_related("heads")
            .order_by("pk")
        )
        for unit in units:
            if delay:
                time.sleep(delay)
            yield Deadline(
                key=f"units.Unit:{unit.pk}",
                due_date=unit.valid_to,
                title=f"Báo cáo thi đua của {unit.name}",
                url=reverse("units:list") + f"?unit={unit.pk}",
                recipients=[u for u in unit.heads.all() if u.is_active],
                escalate_to=office,
                summary=unit.name,
            )
