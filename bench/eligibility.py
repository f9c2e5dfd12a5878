"""Figures for eligibility: check_many over a province-scale year.

Run on a throwaway database (as ``make bench`` does for plans)::

    THIDUAKT_VAR_DIR=var/bench-awards DATABASE_URL=sqlite:///var/bench-awards/bench.sqlite3 \
        .venv/bin/python manage.py migrate --noinput --verbosity=0
    THIDUAKT_VAR_DIR=var/bench-awards DATABASE_URL=sqlite:///var/bench-awards/bench.sqlite3 \
        .venv/bin/python -m tests.awards.bench_eligibility

Synthetic data: 60 units with 5,000 staff, 10 years (2016–2025) of evaluations, LĐTT/CSTĐCS
records and initiatives, and 3,000 nominations of 2025 (2,880 individual, 120 collective).
Prints ``name value unit`` lines: the time and the query count of ``check_many`` for all 3,000,
and the query count for 10 of them (it must be the same). Everything is rolled back at the end.
"""

import os
import random
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from awards.eligibility import check_many  # noqa: E402
from awards.models import AwardRecord, Evaluation, Initiative, InitiativeAuthor, Nomination  # noqa: E402
from catalog.models import AwardType  # noqa: E402
from units.models import Person, Unit  # noqa: E402

YEARS = range(2016, 2026)
UNITS, STAFF = 60, 5000
LEVELS = ["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV"]


def figure(name, value, unit):
    text = f"{value:.3f}" if isinstance(value, float) else str(value)
    print(f"{name} {text} {unit}", flush=True)


def build(rng):
    types = {a.code: a for a in AwardType.objects.all()}
    units = Unit.objects.bulk_create(
        [Unit(code=f"BENCH{i:03d}", name=f"Đơn vị thử {i}", kind="hospital") for i in range(UNITS)]
    )
    people = Person.objects.bulk_create(
        [
            Person(staff_code=f"BENCH{i:05d}", full_name=f"Cán bộ {i}", gender="M", unit=units[i % UNITS])
            for i in range(STAFF)
        ]
    )
    evaluations, records = [], []
    for year in YEARS:
        for unit in units:
            evaluations.append(Evaluation(unit=unit, year=year, level=rng.choice(LEVELS[:2])))
        for person in people:
            level = rng.choice(LEVELS)
            evaluations.append(Evaluation(person=person, year=year, level=level))
            if level != "HTNV" and year < 2025:
                records.append(
                    AwardRecord(person=person, award_type=types["LDTT"], year=year, name_as_issued="x")
                )
                if level == "HTXSNV" and rng.random() < 0.5:
                    records.append(
                        AwardRecord(person=person, award_type=types["CSTDCS"], year=year, name_as_issued="x")
                    )
    Evaluation.objects.bulk_create(evaluations, batch_size=5000)
    AwardRecord.objects.bulk_create(records, batch_size=5000)
    initiatives = Initiative.objects.bulk_create(
        [
            Initiative(
                title=f"Sáng kiến {i}", year=rng.choice(YEARS), scope=rng.choice(["base", "base", "province"])
            )
            for i in range(3000)
        ]
    )
    InitiativeAuthor.objects.bulk_create(
        [InitiativeAuthor(initiative=item, person=rng.choice(people)) for item in initiatives],
        ignore_conflicts=True,
    )
    individual_codes = ["LDTT"] * 12 + ["CSTDCS"] * 4 + ["CSTD_TINH", "BK_UBND", "BK_UBND", "GK_GD"]
    nominations = []
    for i, person in enumerate(people[:2880]):
        code = individual_codes[i % len(individual_codes)]
        nominations.append(
            Nomination(year=2025, award_type=types[code], person=person, proposing_unit_id=person.unit_id)
        )
    for unit in units:
        for code in ("TTLDTT", "TTLDXS"):
            nominations.append(Nomination(year=2025, award_type=types[code], unit=unit, proposing_unit=unit))
    return Nomination.objects.bulk_create(nominations, batch_size=1000)


def main():
    rng = random.Random(2025)  # noqa: S311 — synthetic data
    with transaction.atomic():
        start = time.perf_counter()
        nominations = list(Nomination.objects.filter(pk__in=[n.pk for n in build(rng)]))
        figure("eligibility_bench_setup", time.perf_counter() - start, "s")
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            verdicts = check_many(nominations)
            elapsed = time.perf_counter() - start
        figure("eligibility_check_many_3000", elapsed, "s")
        figure("eligibility_check_many_3000_queries", len(ctx.captured_queries), "queries")
        with CaptureQueriesContext(connection) as ctx:
            check_many(nominations[:9] + nominations[-1:])
        figure("eligibility_check_many_10_queries", len(ctx.captured_queries), "queries")
        statuses = {}
        for verdict in verdicts.values():
            statuses[verdict.status] = statuses.get(verdict.status, 0) + 1
        for status, count in sorted(statuses.items()):
            figure(f"eligibility_verdicts_{status}", count, "nominations")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
