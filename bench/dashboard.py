"""Figures for the dashboards and exports at province scale.

``make bench`` runs it on a throwaway SQLite database under var/bench (migrated first). It builds,
with ``bulk_create``, a province: 150 units in 10 clusters, 15,000 staff, an issued plan with
2,000 tasks, a submission request to every unit, a registration round with 3,000 individual lines,
3,000 nominations, 5,000 award records and a scored criteria set; then prints one figure per line
as ``name value unit``:

- ``dashboard_median`` / ``dashboard_p95``: the office dashboard (``reports:dashboard``) through
  the Django test client, over 50 requests after one warm-up request; target p95 ≤ 300 ms;
- ``dashboard_queries``: its SQL query count (the same whatever the size of the data);
- ``unit_dashboard_median``: a unit head's dashboard;
- ``staff_export_rows`` / ``staff_export_time``: the 15,000-row staff export
  (``reports:export persons``), request to last byte read; target ≤ 5 s;
- ``staff_export_peak_memory``: the peak of Python allocations during that export (tracemalloc,
  a second run), and ``staff_export_rss_growth`` the growth of the process's maximum resident set
  size over it; target ≤ 150 MB.

Everything it creates is rolled back at the end, so it can run on any database.
"""

import datetime
import io
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")
os.environ.setdefault("STATIC_MANIFEST", "false")  # templates resolve static names without collectstatic

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from awards.models import AwardRecord, Nomination  # noqa: E402
from campaigns.models import (  # noqa: E402
    CriteriaSet,
    Criterion,
    Registration,
    RegistrationIndividualLine,
    RegistrationRound,
    UnitScore,
)
from catalog.models import AwardType  # noqa: E402
from plans.models import Plan, PlanTask, SubmissionRequest, UnitSubmission  # noqa: E402
from units.models import Cluster, ClusterMembership, Person, Unit, User  # noqa: E402

RUNS = 50
UNITS = 150
STAFF = 15_000
TASKS = 2_000
NOMINATIONS = 3_000
RECORDS = 5_000
LINES = 3_000


def figure(name: str, value, unit: str) -> None:
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"{name} {text} {unit}", flush=True)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def build_province(year: int) -> dict:
    rng = random.Random(2026)  # noqa: S311 (demo data)
    units = Unit.objects.bulk_create(
        Unit(code=f"B{i:03d}", name=f"Đơn vị số {i:03d}", short_name=f"ĐV{i:03d}", kind="hospital", order=i)
        for i in range(UNITS)
    )
    staff = Person.objects.bulk_create(
        (
            Person(
                staff_code=f"CB{i:06d}",
                full_name=f"Nguyễn Văn Cán Bộ {i:05d}",
                gender="M" if i % 2 else "F",
                birth_date=datetime.date(1965 + i % 35, 1 + i % 12, 1 + i % 28),
                unit=units[i % UNITS],
                position="Bác sĩ" if i % 3 else "Điều dưỡng",
                rank="Hạng III",
                joined_sector=datetime.date(1990 + i % 30, 1 + i % 12, 1),
            )
            for i in range(STAFF)
        ),
        batch_size=2000,
    )
    plan = Plan.objects.create(year=year, title="Kế hoạch TĐKT năm", status="issued", number=1)
    today = timezone.localdate()
    statuses = ["done", "in_progress", "not_started"]
    PlanTask.objects.bulk_create(
        (
            PlanTask(
                plan=plan,
                order=i,
                content=f"Nhiệm vụ số {i}",
                lead_unit=units[i % UNITS],
                period_kind="quarter",
                period_value=1 + i % 4,
                due_date=datetime.date(year, 3 * (1 + i % 4), 28),
                status=statuses[i % 3],
            )
            for i in range(TASKS)
        ),
        batch_size=1000,
    )
    request = SubmissionRequest.objects.create(title="Báo cáo 6 tháng", due_date=datetime.date(year, 6, 30))
    UnitSubmission.objects.bulk_create(
        UnitSubmission(
            request=request,
            unit=unit,
            submitted_at=timezone.now() - datetime.timedelta(days=rng.randint(0, 400)) if i % 4 else None,
        )
        for i, unit in enumerate(units)
    )
    awards = list(AwardType.objects.filter(code__in=["LDTT", "CSTDCS", "BK_UBND", "GK_GD"]))
    round_ = RegistrationRound.objects.create(name="Đăng ký thi đua năm", year=year, deadline=today)
    registrations = Registration.objects.bulk_create(
        Registration(round=round_, unit=unit, status=["draft", "submitted", "accepted"][i % 3])
        for i, unit in enumerate(units)
    )
    by_unit = {}
    for person in staff:
        by_unit.setdefault(person.unit_id, []).append(person)
    RegistrationIndividualLine.objects.bulk_create(
        (
            RegistrationIndividualLine(
                registration=registrations[i % UNITS],
                person=by_unit[units[i % UNITS].pk][i // UNITS],
                award_type=awards[i % 2],
            )
            for i in range(LINES)
        ),
        batch_size=1000,
    )
    nomination_statuses = ["draft", "submitted", "verified", "approved", "decided"]
    Nomination.objects.bulk_create(
        (
            Nomination(
                year=year,
                award_type=awards[i % len(awards)],
                person=staff[i * 5],
                proposing_unit_id=staff[i * 5].unit_id,
                status=nomination_statuses[i % len(nomination_statuses)],
            )
            for i in range(NOMINATIONS)
        ),
        batch_size=1000,
    )
    AwardRecord.objects.bulk_create(
        (
            AwardRecord(
                person=staff[i * 3],
                award_type=awards[i % len(awards)],
                year=year - i % 6,
                decision_number=f"{i}/QĐ-SYT",
                name_as_issued=awards[i % len(awards)].name,
            )
            for i in range(RECORDS)
        ),
        batch_size=1000,
    )
    clusters = Cluster.objects.bulk_create(
        Cluster(year=year, name=f"Cụm thi đua số {c + 1}") for c in range(10)
    )
    ClusterMembership.objects.bulk_create(
        ClusterMembership(cluster=clusters[i % 10], unit=unit) for i, unit in enumerate(units)
    )
    criteria_set = CriteriaSet.objects.create(name="Bảng chấm điểm", year=year)
    criteria = Criterion.objects.bulk_create(
        Criterion(
            criteria_set=criteria_set, code=str(c + 1), title=f"Tiêu chí {c + 1}", max_points=20, order=c
        )
        for c in range(5)
    )
    UnitScore.objects.bulk_create(
        UnitScore(criterion=criterion, unit=unit, self_score=rng.randint(5, 20))
        for criterion in criteria
        for unit in units
    )
    office = User.objects.create(username="bench-office", is_office_staff=True)
    head = User.objects.create(username="bench-head", head_of_unit=units[0])
    return {"office": office, "head": head}


def timed_gets(client: Client, url: str, runs: int = RUNS) -> list[float]:
    response = client.get(url)  # warm-up: templates, session, caches
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        out.append(time.perf_counter() - start)
    return out


def download(client: Client, url: str) -> bytes:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return b"".join(response.streaming_content)


def main() -> int:
    year = timezone.localdate().year
    with transaction.atomic():
        people = build_province(year)
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False):
            client = Client()
            client.force_login(people["office"])
            url = f"{reverse('reports:dashboard')}?year={year}"
            times = timed_gets(client, url)
            figure("dashboard_median", statistics.median(times) * 1000, "ms")
            figure("dashboard_p95", p95(times) * 1000, "ms")
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            figure("dashboard_queries", len(queries), "queries")

            head = Client()
            head.force_login(people["head"])
            unit_times = timed_gets(head, f"{reverse('reports:unit-dashboard')}?year={year}", runs=20)
            figure("unit_dashboard_median", statistics.median(unit_times) * 1000, "ms")

            export_url = reverse("reports:export", args=["persons"])
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            start = time.perf_counter()
            content = download(client, export_url)
            elapsed = time.perf_counter() - start
            rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024

            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
            rows = sum(1 for _row in sheet.iter_rows(values_only=True)) - 1  # write-only: no dimension
            figure("staff_export_rows", rows, "rows")
            figure("staff_export_time", elapsed, "s")
            figure("staff_export_size", len(content) / 1024 / 1024, "MB")

            tracemalloc.start()
            download(client, export_url)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            figure("staff_export_peak_memory", peak / 1024 / 1024, "MB")
            figure("staff_export_rss_growth", rss_growth, "MB")
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
