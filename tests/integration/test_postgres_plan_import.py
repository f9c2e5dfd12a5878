"""The importer's output on a real PostgreSQL: a review plan read from a corpus document, its
group tasks and each unit's share locked and rolled up as the units report."""

import threading
from pathlib import Path

import pytest
from django.db import connection

from plans import services
from plans.enums import TaskStatus
from plans.importer import parse_plan_text
from plans.models import PlanTaskAssignment
from tests.factories import UnitFactory, make_office_user

pytestmark = pytest.mark.integration

DOCUMENT = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "06_quangninh_tong_ket_nam.txt"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_hospital_reports_its_share_at_once_and_the_task_is_done_once_all_have():
    office_unit = UnitFactory(name="Văn phòng Sở", kind="office")
    hospitals = [UnitFactory(kind="hospital") for _ in range(6)]
    office = make_office_user()
    plan = services.plan_create_from_parsed(
        parse_plan_text(DOCUMENT.read_text(encoding="utf-8")), by=office, lead_unit_default=office_unit
    )
    services.plan_issue(plan, by=office)
    task = plan.tasks.get(unit_group="hospitals")
    shares = list(task.assignments.all())
    assert {s.unit for s in shares} == set(hospitals)
    assert (plan.kind, plan.period_end.isoformat()) == ("review", "2025-01-31")

    errors = []

    def report(share):
        try:
            services.task_assignment_progress_update(share, by=office, status=TaskStatus.DONE, note="Đã gửi.")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=report, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert set(PlanTaskAssignment.objects.filter(task=task).values_list("status", flat=True)) == {
        TaskStatus.DONE
    }
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
