"""Where a page's CPU goes: the main pages under ``cProfile`` through the Django test client,
on a database the bench has filled (``python -m bench.generate`` on it first).

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=postgres://... \\
        python -m bench.profile tasks nominations [--runs 20] [--sort tottime] [--limit 40]
    python -m bench.profile --cpu tasks vote                 # only the CPU figure, as bench.queries
    python -m bench.profile --templates nomination_form      # CPU per template, includes counted

Prints the page's CPU per request (median, as ``bench.queries`` measures it) and its queries,
then the functions that took the most of it over ``--runs`` requests (the first request, which
fills the caches, left out), or with ``--templates`` the CPU inside each template rendered, its
includes in it.
``--dump FILE`` writes the raw profile for ``pstats`` or snakeviz.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import os
import pstats
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.template.base import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.generate import login_names  # noqa: E402
from bench.pages import pages  # noqa: E402
from bench.queries import count_queries  # noqa: E402
from units.models import User  # noqa: E402


def client_for(role: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=login_names(role, 1)[0]))
    return client


def cpu_ms(client: Client, path: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        client.get(path)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def template_times(client: Client, path: str, runs: int) -> list[tuple[str, float, int]]:
    """CPU inside each template's ``render`` (its includes in it), per request, and how many
    times it was rendered per request."""
    spent: dict[str, float] = collections.defaultdict(float)
    calls: dict[str, int] = collections.Counter()
    original = Template.render

    def timed(self, context):
        start = time.process_time()
        try:
            return original(self, context)
        finally:
            name = self.origin.template_name if self.origin else "<string>"
            spent[name] += time.process_time() - start
            calls[name] += 1

    Template.render = timed
    try:
        for _ in range(runs):
            client.get(path)
    finally:
        Template.render = original
    rows = [(name, spent[name] * 1000 / runs, calls[name] // runs) for name in spent]
    return sorted(rows, key=lambda row: -row[1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="pages of bench.pages (all when none)")
    parser.add_argument("--year", type=int, default=timezone.localdate().year)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sort", default="tottime", help="pstats order: tottime, cumulative")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--cpu", action="store_true", help="only the CPU per request")
    parser.add_argument("--templates", action="store_true", help="CPU per template instead of per function")
    parser.add_argument("--dump", help="write the raw profile of the last page here")
    args = parser.parse_args(argv)
    clients: dict[str, Client] = {}
    for page in pages(args.year):
        if args.names and page.name not in args.names:
            continue
        client = clients.get(page.role) or clients.setdefault(page.role, client_for(page.role))
        response = client.get(page.path)  # fills the per-process caches
        if response.status_code != 200:
            raise SystemExit(f"{page.path} answered {response.status_code}")
        queries = count_queries(client, page.path)
        ms = cpu_ms(client, page.path, max(args.runs, 10))
        print(f"page.{page.name}.cpu {ms:.1f} ms, {queries} queries", flush=True)
        if args.cpu:
            continue
        if args.templates:
            for name, ms, count in template_times(client, page.path, args.runs)[: args.limit]:
                print(f"  {ms:7.2f} ms  x{count:<4} {name}")
            continue
        profile = cProfile.Profile()  # wall time: a query's execute holds the database's time too
        profile.enable()
        for _ in range(args.runs):
            client.get(page.path)
        profile.disable()
        if args.dump:
            profile.dump_stats(args.dump)
        pstats.Stats(profile, stream=sys.stdout).sort_stats(args.sort).print_stats(args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
