"""Figures for issued documents: downloading an issued document (the stored file) beside rendering
a draft on request, and the cost of issuing (render, sign, hash, store).

``make bench`` runs it on the bench database; everything it creates is rolled back and its files
are written under a temporary MEDIA_ROOT removed at the end. One figure per line, ``name value unit``:

- ``document.issued_download.p50`` / ``.p95`` (ms): GET of the issued Hà Nam 2022 plan's PDF
  (``reports:plan-pdf``) through the Django test client as office staff, 50 requests: the stored
  file read and sent; target p95 ≤ 20 ms at the server;
- ``document.draft_render.p50`` / ``.p95`` (ms): the same URL for the same plan while it is a
  draft: rendered on request (20 requests);
- ``document.issue`` (s): ``plan_issue`` of that plan: number, render PDF and DOCX, hash, store;
- ``document.issue_signed`` (s): the same for a copy with the agency's signature (a throw-away
  certificate made for the run), and ``document.sign`` (s) the signing alone.
"""

import logging
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")
os.environ.setdefault("STATIC_MANIFEST", "false")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.figures import figure, p95  # noqa: E402
from plans.demo import HA_NAM_2022, demo_plan_import  # noqa: E402
from plans.models import Plan  # noqa: E402
from plans.services import plan_clone, plan_issue  # noqa: E402
from units.demo import demo_load  # noqa: E402
from units.models import Unit, User  # noqa: E402


def request_times(client: Client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm-up
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        body = response.content
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200 or not body.startswith(b"%PDF-"):
            raise SystemExit(f"{url} answered {response.status_code}")
    return out


def main(argv=None) -> int:
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False),
        transaction.atomic(),
    ):
        demo_load(year=2022)
        office = User.objects.get(username="vanphong")
        unit = Unit.objects.get(code="VP-SYT")
        plan = demo_plan_import(HA_NAM_2022, by=office, lead_unit_default=unit)
        client = Client()
        client.force_login(office)
        url = reverse("reports:plan-pdf", args=[plan.pk])

        draft = request_times(client, url, 20)
        figure("document.draft_render.p50", statistics.median(draft), "ms")
        figure("document.draft_render.p95", p95(draft), "ms")

        start = time.perf_counter()
        plan_issue(Plan.objects.get(pk=plan.pk), by=office)
        figure("document.issue", time.perf_counter() - start, "s")
        issued = request_times(client, url, 50)
        figure("document.issued_download.p50", statistics.median(issued), "ms")
        figure("document.issued_download.p95", p95(issued), "ms")

        try:
            from tests.certificates import make_pkcs12
        except ImportError:  # the test helpers are not shipped: no signed figures
            make_pkcs12 = None
        if make_pkcs12 is not None:
            from pathlib import Path

            from units import signing

            secret = "bench"  # noqa: S105 (a throw-away certificate made for this run)
            p12 = make_pkcs12(Path(media) / "ca", password=secret)
            with override_settings(SIGNING_PKCS12_PATH=str(p12), SIGNING_PKCS12_PASSWORD=secret):
                copy = plan_clone(plan, year=plan.year, by=office)
                start = time.perf_counter()
                plan_issue(copy, by=office)
                figure("document.issue_signed", time.perf_counter() - start, "s")
                from units.documents import issued_document_for

                with issued_document_for(plan).pdf.open("rb") as handle:
                    pdf = handle.read()
                start = time.perf_counter()
                signing.sign_pdf(pdf, agency_name="Sở Y tế", signer_name=plan.signer_name)
                figure("document.sign", time.perf_counter() - start, "s")
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
