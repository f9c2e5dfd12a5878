"""A plan's change history on its page, in sentences: the action in words, the status by its label."""

import pytest
from django.urls import reverse

from plans import selectors, services
from tests.factories import PlanFactory, make_office_user

pytestmark = pytest.mark.django_db


def test_archiving_a_plan_reads_as_a_sentence_with_the_status_labels(client):
    office = make_office_user(first_name="Lan", last_name="Lê")
    plan = PlanFactory(issued=True, year=2026)

    services.plan_archive(plan, by=office)

    latest = selectors.plan_history(plan)[0]
    assert latest.headline == f"{office.get_full_name()} lưu trữ kế hoạch."
    assert "Trạng thái: Đã ban hành → Đã lưu trữ" in [c.sentence for c in latest.changes]
    client.force_login(office)
    body = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    history = body[body.index('id="history"') :]
    assert f"{office.get_full_name()} lưu trữ kế hoạch." in history
    assert "archive" not in history and "~" not in history
