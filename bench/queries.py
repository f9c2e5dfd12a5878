"""SQL queries of each main page, counted in-process (``CaptureQueriesContext``) on the
generated data: ``page.<name>.queries N count`` (``--suffix small`` names them
``page.<name>.queries_small`` for the same pages on the small data, to show the count does not
grow with the rows). On the province it also prints ``page.<name>.cpu X ms``: the median CPU
time of this process over 10 requests through the Django test client (the database's time is
not in it), a figure that other work on the machine disturbs less than the latency under load,
of the page unchanged since the last request (pages are kept in the cache until the data
changes, ``units.kept``); and ``page.<name>.cpu_uncached``: the same with the cache emptied
before each request, the page computed afresh as after a write.
Run with ``DJANGO_SETTINGS_MODULE=bench.settings``."""

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.figures import figure  # noqa: E402
from bench.generate import login_names  # noqa: E402
from bench.pages import pages  # noqa: E402
from units.models import User  # noqa: E402


def count_queries(client: Client, path: str) -> int:
    """Queries of a request that computes everything: the cache is emptied first, so that the
    office dashboard's tables (kept in the cache between changes) are counted too."""
    response = client.get(path)  # first request: session, caches
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def cpu_time(client: Client, path: str, runs: int = 10, *, uncached: bool = False) -> float:
    times = []
    for _ in range(runs):
        if uncached:
            cache.clear()
        start = time.process_time()
        client.get(path)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suffix", default="", help="appended to the figure names: queries_<suffix>")
    parser.add_argument("--year", type=int, default=timezone.localdate().year)
    args = parser.parse_args(argv)
    name = f"queries_{args.suffix}" if args.suffix else "queries"
    clients = {}
    for role in ("office", "head", "council"):
        client = Client()
        client.force_login(User.objects.get(username=login_names(role, 1)[0]))
        clients[role] = client
    for page in pages(args.year):
        figure(f"page.{page.name}.{name}", count_queries(clients[page.role], page.path), "count")
        if not args.suffix:
            figure(f"page.{page.name}.cpu", cpu_time(clients[page.role], page.path) * 1000, "ms")
            if page.name != "minimal":  # computed on every request, as after a write
                uncached = cpu_time(clients[page.role], page.path, uncached=True)
                figure(f"page.{page.name}.cpu_uncached", uncached * 1000, "ms")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
