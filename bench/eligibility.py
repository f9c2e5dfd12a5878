"""Eligibility at province scale: ``check_many`` over every nomination of the year.

Run by ``make bench`` on the generated data (``bench.generate``: 3,000 nominations of the year,
2,880 individual and 120 collective, against 10 years of evaluations, about 150,000 award
records and 3,000 initiatives). Prints ``name value unit`` lines:

- ``eligibility.check_many_3000``: the time of ``check_many`` for all of them,
  ``eligibility.check_many_3000.cpu`` the CPU time of this process in it (the database's not
  included: steadier than the time when other work shares the machine), and
  ``eligibility.check_many_3000.queries`` its SQL query count;
- ``eligibility.check_many_10.queries``: the count for 10 of them (it must be the same);
- ``eligibility.verdicts.<status>``: how many came out eligible, flagged, not eligible.

Nothing is written.
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from awards.eligibility import check_many  # noqa: E402
from awards.models import Nomination  # noqa: E402
from bench.figures import figure  # noqa: E402


def main() -> int:
    year = timezone.localdate().year
    nominations = list(Nomination.objects.filter(year=year).order_by("pk"))
    with CaptureQueriesContext(connection) as ctx:
        start, cpu = time.perf_counter(), time.process_time()
        verdicts = check_many(nominations)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(nominations)
    figure(f"eligibility.check_many_{n}", elapsed, "s")
    figure(f"eligibility.check_many_{n}.cpu", cpu, "s")
    figure(f"eligibility.check_many_{n}.queries", len(ctx.captured_queries), "count")
    with CaptureQueriesContext(connection) as ctx:
        check_many(nominations[:9] + nominations[-1:])
    figure("eligibility.check_many_10.queries", len(ctx.captured_queries), "count")
    statuses = {}
    for verdict in verdicts.values():
        statuses[verdict.status] = statuses.get(verdict.status, 0) + 1
    for status, count in sorted(statuses.items()):
        figure(f"eligibility.verdicts.{status}", count, "count")
    return 0


if __name__ == "__main__":
    sys.exit(main())
