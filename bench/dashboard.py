"""Figures for the dashboards and exports at province scale.

``make bench`` runs it on the province of ``bench.generate`` (150 units in 10 clusters, 15,000
staff, an issued plan with 2,000 tasks and 4 submission requests, a registration round with
12,000 lines, 3,000 nominations, about 150,000 award records, scored criteria sets). Run alone on
a database without that data, it generates it first and rolls it back at the end. Prints one
figure per line as ``name value unit``:

- ``dashboard_median`` / ``dashboard_p95``: the office dashboard (``reports:dashboard``) through
  the Django test client, over 50 requests after one warm-up request, each computing its tables
  (the cache emptied before it: the page as after a change); target p95 ≤ 300 ms;
- ``dashboard_queries``: its SQL query count (the same whatever the size of the data);
- ``unit_dashboard_median``: a unit head's dashboard;
- ``staff_export_rows`` / ``staff_export_time``: the 15,000-row staff export
  (``reports:export persons``), request to last byte read; target ≤ 5 s;
- ``staff_export_peak_memory``: the peak of Python allocations during that export (tracemalloc,
  a second run), and ``staff_export_rss_growth`` the growth of the process's maximum resident set
  size over it; target ≤ 150 MB.
"""

import io
import os
import resource
import statistics
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")
os.environ.setdefault("STATIC_MANIFEST", "false")  # templates resolve static names without collectstatic

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.figures import figure, p95  # noqa: E402
from bench.generate import PROVINCE, generate, is_generated, login_names  # noqa: E402
from units.models import User  # noqa: E402

RUNS = 50


def timed_gets(client: Client, url: str, runs: int = RUNS) -> list[float]:
    response = client.get(url)  # warm-up: templates, session, caches
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    out = []
    for _ in range(runs):
        cache.clear()  # the tables computed each time, as after a change (not the cached page)
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
        if not is_generated():
            generate(PROVINCE, year=year)
        people = {
            "office": User.objects.get(username=login_names("office", 1)[0]),
            "head": User.objects.get(username=login_names("head", 1)[0]),
        }
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False):
            client = Client()
            client.force_login(people["office"])
            url = f"{reverse('reports:dashboard')}?year={year}"
            times = timed_gets(client, url)
            figure("dashboard_median", statistics.median(times) * 1000, "ms")
            figure("dashboard_p95", p95(times) * 1000, "ms")
            cache.clear()  # count the queries of the tables, not of the cached page
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
