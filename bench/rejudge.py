"""Re-judging after a revocation: the open nominations that read the revoked awards judged again.

Run by ``make bench`` on the generated data. Takes 100 open individual nominations of the year
whose nominee holds an award, stores their verdicts as "eligible", then revokes one award of each
nominee. Prints ``name value unit``:

- ``rejudge.after_revocation_100`` (s), ``.queries``, ``.changed``: the re-judging a revocation
  of those awards does (``awards.services.nominations_rejudge`` with their people, years and
  awards: 100 open nominations judged again, the changed verdicts written with their history rows
  and VerdictChange); ``rejudge.after_revocation_10.queries``: the same for 10 (the two counts
  must be equal);
- ``rejudge.revocation_100`` (s), ``.queries``, ``.nominations``: the whole revocation decision
  (``council.services.decision_revoke``: its number, each award marked revoked and listed, then
  the re-judging), and how many open nominations it judged again.

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
from awards.models import AwardRecord, Nomination  # noqa: E402
from awards.services import nominations_check_eligibility, nominations_rejudge  # noqa: E402
from bench.figures import figure  # noqa: E402
from bench.generate import login_names  # noqa: E402
from council.services import decision_revoke  # noqa: E402
from units.models import User  # noqa: E402

COUNT = 100


class _Rollback(Exception):
    pass


def _sample(year: int | None = None):
    year = year or timezone.localdate().year
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


def _rejudge(nominations, records):
    """The re-judging a revocation of ``records`` does: their people, years and awards."""
    return nominations_rejudge(
        person_ids=[n.person_id for n in nominations],
        years={r.year for r in records},
        award_type_ids={r.award_type_id for r in records},
        cause="bench",
    )


def main(year: int | None = None) -> int:
    office = User.objects.get(username=login_names("office", 1)[0])
    try:
        with transaction.atomic():
            nominations, records = _sample(year)
            nominations_check_eligibility(nominations)
            # As judged before the revocation: every verdict of the figure changes, with its
            # history row, its VerdictChange and its notifications.
            Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
                eligibility=EligibilityStatus.ELIGIBLE
            )
            n = len(records)
            with transaction.atomic():
                AwardRecord.objects.filter(pk__in=[r.pk for r in records]).update(
                    revoked=True, revoking_decision="bench"
                )
                with CaptureQueriesContext(connection) as ctx:
                    _rejudge(nominations[:10], records[:10])
                figure("rejudge.after_revocation_10.queries", len(ctx.captured_queries), "count")
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    changes = _rejudge(nominations, records)
                    elapsed = time.perf_counter() - start
                figure(f"rejudge.after_revocation_{n}", elapsed, "s")
                figure(f"rejudge.after_revocation_{n}.queries", len(ctx.captured_queries), "count")
                figure(f"rejudge.after_revocation_{n}.changed", len(changes), "count")
                transaction.set_rollback(True)

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
            figure(f"rejudge.revocation_{n}", elapsed, "s")
            figure(f"rejudge.revocation_{n}.queries", len(ctx.captured_queries), "count")
            rejudged = Nomination.objects.filter(eligibility_checked_at__gte=before).count()
            figure(f"rejudge.revocation_{n}.nominations", rejudged, "count")
            raise _Rollback
    except _Rollback:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
