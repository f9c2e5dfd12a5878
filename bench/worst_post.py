"""The worst-case form post: a formset sent with ``TOTAL_FORMS=2000`` (what a fuzzer or an attacker
sends), on the province of ``bench.generate``. Prints ``name value unit`` lines:

- ``post.registration_2000.time`` (ms), ``.queries``, ``.bytes``: a unit head's registration of
  the round posted with 2,000 individual and 2,000 collective lines (as many fields as
  ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` lets through); refused with one message, the formsets capped
  at the unit's staff (individual lines) or the existing lines plus 50;
- ``post.plan_2000.*``: the plan editor of a plan posted with 2,000 tasks and 2,000 key targets.

``.page_time`` is the same page's GET, for comparison. Each figure is the median of 5 posts
through the Django test client (the database's time included). Run alone on a database without
the province, it generates it first (``BENCH_SCALE=tiny``: the tests' tiny shape) and rolls it
back.
"""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")
os.environ.setdefault("STATIC_MANIFEST", "false")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.figures import figure  # noqa: E402
from bench.generate import PROVINCE, TINY, generate, is_generated, login_names  # noqa: E402
from campaigns.models import Registration  # noqa: E402
from plans.models import Plan  # noqa: E402
from units.models import User  # noqa: E402

HUGE = 2000
RUNS = 5


def hostile(prefixes: list[str]) -> dict:
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": str(HUGE), f"{prefix}-INITIAL_FORMS": "0"})
    for i in range(900):  # the rest of DATA_UPLOAD_MAX_NUMBER_FIELDS
        data[f"{prefixes[-1]}-{i}-note"] = "x"
    return data


def measure(name: str, client: Client, url: str, data: dict) -> None:
    times, sizes, counts = [], [], []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.post(url, data)
            times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        sizes.append(len(response.content))
        counts.append(len(queries))
    figure(f"post.{name}.time", statistics.median(times) * 1000, "ms")
    start = time.perf_counter()
    client.get(url)
    figure(f"post.{name}.page_time", (time.perf_counter() - start) * 1000, "ms")
    figure(f"post.{name}.queries", max(counts), "queries")
    figure(f"post.{name}.bytes", max(sizes), "bytes")


def main() -> int:
    year = timezone.localdate().year
    with transaction.atomic():
        if not is_generated():
            generate(PROVINCE if os.environ.get("BENCH_SCALE") != "tiny" else TINY, year=year)
        head = User.objects.get(username=login_names("head", 1)[0])
        office = User.objects.get(username=login_names("office", 1)[0])
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False):
            client = Client()
            client.force_login(head)
            registration = Registration.objects.filter(unit=head.head_of_unit).first()
            # editable for the measure: a draft registration, a draft plan
            Registration.objects.filter(pk=registration.pk).update(status="draft")
            url = reverse("campaigns:registration-edit", args=[registration.pk])
            measure("registration_2000", client, url, hostile(["col", "ind"]))
            client.force_login(office)
            plan = Plan.objects.order_by("-pk").first()
            Plan.objects.filter(pk=plan.pk).update(status="draft")
            url = reverse("plans:edit", args=[plan.pk])
            measure("plan_2000", client, url, hostile(["targets", "tasks"]))
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
