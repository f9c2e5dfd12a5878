"""Figures for plans: how long the Hà Nam 2022 plan takes to print, and the plan page's queries.

``make bench`` runs it on a throwaway SQLite database under var/bench (migrated first). It prints
one figure per line as ``name value unit``:

- ``plan_pdf_render_median`` / ``plan_pdf_render_p95``: plan row -> PDF bytes
  (``reports.plan_document.plan_document`` + ``reports.documents.render_pdf``) for the Hà Nam 2022
  plan (38 tasks, 13 key targets, 9 pages), over 20 runs after one warm-up run; target ≤ 1.0 s;
- ``plan_docx_render_median``: the same plan to DOCX;
- ``plan_detail_queries_38_tasks`` / ``plan_detail_queries_1_task``: SQL queries of the plan
  page (office staff) for that plan and for a plan with one task; they must be equal.

Everything it creates is rolled back at the end, so it can run on any database. ``--pdf-out
PATH`` also writes the rendered PDF (to look at it with pdftoppm).
"""

import argparse
import datetime
import logging
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")
os.environ.setdefault("STATIC_MANIFEST", "false")  # templates resolve static names without collectstatic

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from bench.figures import figure, p95  # noqa: E402
from plans import parsed as p  # noqa: E402
from plans.demo import HA_NAM_2022, demo_plan_import  # noqa: E402
from plans.models import Plan  # noqa: E402
from plans.services import plan_create_from_parsed, plan_update  # noqa: E402
from reports.documents import render_pdf  # noqa: E402
from reports.docx import render_docx  # noqa: E402
from reports.plan_document import plan_document  # noqa: E402
from units.demo import demo_load  # noqa: E402
from units.models import Unit, User  # noqa: E402

RUNS = 20


def timings(func, runs: int = RUNS) -> list[float]:
    func()  # warm-up: fonts and templates load once per process
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def one_task_plan(*, by, unit) -> Plan:
    """A plan shaped like the Hà Nam one (a key target with its value, a submission request, made
    and then edited as the import page does) but with one task instead of 38."""
    parsed = p.ParsedPlan(
        symbol="KH-HĐTĐKT",
        year=2022,
        title="Kế hoạch một nhiệm vụ",
        blocks=[
            p.ParsedBlock(kind=p.BlockKind.TARGETS),
            p.ParsedBlock(kind=p.BlockKind.TASK, task_index=0),
        ],
        tasks=[p.ParsedTask(content="Tổng kết công tác thi đua.", period_kind="month", period_value=3)],
        targets=[
            p.ParsedTarget(
                indicator="Tổng số mẫu thuốc được kiểm nghiệm",
                unit_of_measure="Mẫu",
                values=[p.ParsedTargetValue(label="", planned="210", unit_of_measure="Mẫu")],
            )
        ],
        submissions=[p.ParsedSubmission(title="Kế hoạch của đơn vị", due_date=datetime.date(2022, 3, 31))],
    )
    plan = plan_create_from_parsed(parsed, by=by, lead_unit_default=unit)
    return plan_update(plan, by=by, fields={"authority_line": "SỞ Y TẾ HÀ NAM"})


def page_queries(client: Client, plan: Plan) -> int:
    client.get(plan.get_absolute_url())  # first request: session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(plan.get_absolute_url())
    if response.status_code != 200:
        raise SystemExit(f"plan page answered {response.status_code}")
    return len(queries)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-out", help="also write the Hà Nam 2022 PDF to this path")
    args = parser.parse_args(argv)
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)

    with transaction.atomic():
        demo_load(year=2022)
        office = User.objects.get(username="vanphong")
        unit = Unit.objects.get(code="VP-SYT")
        ha_nam = demo_plan_import(HA_NAM_2022, by=office, lead_unit_default=unit)
        small = one_task_plan(by=office, unit=unit)

        def pdf() -> bytes:
            return render_pdf(plan_document(Plan.objects.get(pk=ha_nam.pk)))

        def docx() -> bytes:
            return render_docx(plan_document(Plan.objects.get(pk=ha_nam.pk)))

        if args.pdf_out:
            with open(args.pdf_out, "wb") as out:
                out.write(pdf())
        pdf_times = timings(pdf)
        figure("plan_pdf_render_median", statistics.median(pdf_times), "s")
        figure("plan_pdf_render_p95", p95(pdf_times), "s")
        figure("plan_docx_render_median", statistics.median(timings(docx)), "s")

        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            client = Client()
            client.force_login(office)
            figure("plan_detail_queries_38_tasks", page_queries(client, ha_nam), "queries")
            figure("plan_detail_queries_1_task", page_queries(client, small), "queries")
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
