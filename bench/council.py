"""The council at province scale: recording ballots, closing the session, the decision.

Run by ``make bench`` after the load test, on the generated session (20 members present, 100
nominations on the agenda, voting open). Every member votes on every item through
``council.services.ballot_cast``, one call at a time, each in its own transaction as the vote
page does it. Prints ``name value unit`` lines:

- ``council.ballot_cast.p50`` / ``council.ballot_cast.p95``: the time to record one ballot
  (2,000 of them), and ``council.ballot_cast.queries`` the SQL queries of one;
- ``council.session_close``: closing the session (the tally of every item);
- ``council.decision_issue``: the decision for the approved nominations, with its lines;
- ``council.decision_pdf.p50``: that decision to PDF (median of 5 renders after a warm-up)
  and ``council.decision_pdf.pages``.
"""

import io
import logging
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from awards.models import Nomination  # noqa: E402
from bench.figures import figure, p95  # noqa: E402
from bench.generate import login_names  # noqa: E402
from council.models import AgendaItem, CouncilSession, Decision  # noqa: E402
from council.services import ballot_cast, decision_issue, session_close  # noqa: E402
from units.models import User  # noqa: E402


def main() -> int:
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    year = timezone.localdate().year
    session = CouncilSession.objects.get(year=year, status="voting")
    members = list(session.memberships.select_related("user").order_by("order"))
    items = list(AgendaItem.objects.filter(session=session).select_related("nomination").order_by("order"))
    office = User.objects.get(username=login_names("office", 1)[0])

    times = []
    for i, item in enumerate(items):
        for j, membership in enumerate(members):
            choice = "agree" if (i + j) % 5 else "disagree"
            if i == 0 and j == 0:
                with CaptureQueriesContext(connection) as ctx:
                    ballot_cast(session, nomination=item.nomination, member=membership.user, choice=choice)
                figure("council.ballot_cast.queries", len(ctx.captured_queries), "count")
                continue
            start = time.perf_counter()
            ballot_cast(session, nomination=item.nomination, member=membership.user, choice=choice)
            times.append(time.perf_counter() - start)
    figure("council.ballot_cast.p50", statistics.median(times) * 1000, "ms")
    figure("council.ballot_cast.p95", p95(times) * 1000, "ms")
    figure("council.ballot_cast.count", len(times) + 1, "count")

    start = time.perf_counter()
    session_close(session, by=office)
    figure("council.session_close", time.perf_counter() - start, "s")

    approved = list(Nomination.objects.filter(year=year, status="approved", award_type__authority="director"))
    start = time.perf_counter()
    decision = decision_issue(
        approved,
        date=timezone.localdate(),
        signer_prefix="KT.",
        signer_position="Phó Giám đốc",
        signer_name="Nguyễn Văn Ký",
        session=session,
        by=office,
    )
    figure("council.decision_issue", time.perf_counter() - start, "s")
    figure("council.decision_issue.lines", decision.items.count(), "count")

    from pypdf import PdfReader

    from reports.council_documents import decision_document
    from reports.documents import render_pdf

    def render() -> bytes:
        with translation.override("vi"):
            return render_pdf(decision_document(Decision.objects.get(pk=decision.pk)))

    pdf = render()
    renders = []
    for _ in range(5):
        start = time.perf_counter()
        render()
        renders.append(time.perf_counter() - start)
    figure("council.decision_pdf.p50", statistics.median(renders), "s")
    figure("council.decision_pdf.pages", len(PdfReader(io.BytesIO(pdf)).pages), "count")
    return 0


if __name__ == "__main__":
    sys.exit(main())
