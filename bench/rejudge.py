"""Re-judging after a revocation: the open nominations that read the revoked awards judged again.

Run by ``make bench`` on the generated data. Takes 100 open individual nominations of the year
whose nominee holds an award, judges them once (their stored verdicts), then revokes one award of
each nominee by one revocation decision (``council.services.decision_revoke``), which re-judges,
in its transaction, every open nomination that reads those awards. Prints ``name value unit``:

- ``rejudge.revocation_100`` (s) and ``.queries``: the whole revocation, its re-judging included;
  ``rejudge.revocation_100.nominations``: how many open nominations it re-judged (the 100, and
  the colleagues competing with them under a quota);
- ``rejudge.nominations_100`` (s) and ``.queries``: ``awards.services.nominations_rejudge`` for
  those 100 people alone; ``rejudge.nominations_10.queries``: the same for 10 of them (the two
  counts must be equal);
- ``rejudge.revocation_100.changed``: how many verdicts changed (each judged "eligible" before,
  so that the changes, their history rows and notifications are part of the figure).

Everything is rolled back: nothing is written.
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from awards.enums import NOMINATION_FINAL, EligibilityStatus  # noqa: E402
from awards.models import AwardRecord, Nomination, VerdictChange  # noqa: E402
from awards.services import nominations_check_eligibility, nominations_rejudge  # noqa: E402
from bench.figures import figure  # noqa: E402
from bench.generate import login_names  # noqa: E402
from council.services import decision_revoke  # noqa: E402
from units.models import User  # noqa: E402

COUNT = 100


class _Rollback(Exception):
    pass


def _sample():
    year = timezone.localdate().year
    nominations = list(
        Nomination.objects.filter(year=year, person__isnull=False)
        .exclude(status__in=NOMINATION_FINAL)
        .select_related("person")
        .order_by("pk")[: COUNT * 3]
    )
    people = [n.person_id for n in nominations]
    records = {}
    for record in AwardRecord.objects.standing().filter(person_id__in=people).order_by("-year", "pk"):
        records.setdefault(record.person_id, record)
    chosen = [n for n in nominations if n.person_id in records][:COUNT]
    return chosen, [records[n.person_id] for n in chosen]


def main() -> int:
    office = User.objects.get(username=login_names("office", 1)[0])
    try:
        with transaction.atomic():
            nominations, records = _sample()
            nominations_check_eligibility(nominations)
            people = [n.person_id for n in nominations]
            with CaptureQueriesContext(connection) as ctx:
                nominations_rejudge(person_ids=people[:10], cause="bench")
            figure("rejudge.nominations_10.queries", len(ctx.captured_queries), "count")
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                nominations_rejudge(person_ids=people, cause="bench")
                elapsed = time.perf_counter() - start
            figure(f"rejudge.nominations_{len(people)}", elapsed, "s")
            figure(f"rejudge.nominations_{len(people)}.queries", len(ctx.captured_queries), "count")

            Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
                eligibility=EligibilityStatus.ELIGIBLE  # as judged before the revocation
            )
            before = timezone.now()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                decision_revoke(
                    records,
                    date=timezone.localdate(),
                    reason="Đo thời gian kiểm tra lại sau thu hồi",
                    signer_name="Bench",
                    signer_position="Giám đốc",
                    by=office,
                )
                elapsed = time.perf_counter() - start
            n = len(records)
            figure(f"rejudge.revocation_{n}", elapsed, "s")
            figure(f"rejudge.revocation_{n}.queries", len(ctx.captured_queries), "count")
            rejudged = Nomination.objects.filter(eligibility_checked_at__gte=before).count()
            figure(f"rejudge.revocation_{n}.nominations", rejudged, "count")
            changed = VerdictChange.objects.filter(at__gte=before).count()
            figure(f"rejudge.revocation_{n}.changed", changed, "count")
            raise _Rollback
    except _Rollback:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
