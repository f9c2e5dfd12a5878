"""The task list reads the units of its two unit filters once, and no coordinating units: its
rows never show them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PlanFactory, PlanTaskFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_the_two_unit_filters_list_every_active_unit_from_one_query(client, agency, office, unit, other_unit):
    client.force_login(office)
    extra = UnitFactory(name="Trung tâm Kiểm soát bệnh tật")
    plan = PlanFactory(issued=True, year=timezone.localdate().year)
    PlanTaskFactory(plan=plan, lead_unit=unit, due_date=timezone.localdate()).coordinating_units.set(
        [other_unit]
    )
    url = reverse("plans:task-list")
    client.get(url)
    cache.clear()

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"when": "all", "lead_unit": unit.pk})

    sqls = [q["sql"] for q in ctx.captured_queries]
    unit_lists = [sql for sql in sqls if 'AS "name" FROM "units_unit"' in sql]  # (pk, name) per option
    form = response.context["filter"].form
    html = response.content.decode()
    assert len(unit_lists) == 1, unit_lists
    assert not [sql for sql in sqls if "coordinating_units" in sql]
    assert list(form.fields["lead_unit"].widget.choices) == list(form.fields["unit"].widget.choices)
    for name in ("lead_unit", "unit"):
        select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        assert f'<option value="{extra.pk}">Trung tâm Kiểm soát bệnh tật</option>' in select
    assert (
        f'<option value="{unit.pk}" selected>' in html.split('name="lead_unit"', 1)[1].split("</select>")[0]
    )
    assert f'<option value="{unit.pk}" selected>' not in html.split('name="unit"', 1)[1].split("</select>")[0]
