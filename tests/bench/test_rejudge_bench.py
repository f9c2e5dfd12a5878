"""The re-judging benchmark runs on generated data, prints its figures and writes nothing."""

import pytest

from awards.models import AwardRecord, Nomination, VerdictChange
from bench import rejudge
from bench.generate import TINY, generate
from council.models import Decision

YEAR = 2026


@pytest.fixture
def generated(db):
    generate(TINY, year=YEAR, out=lambda line: None)


def test_the_rejudge_bench_prints_equal_query_counts_and_rolls_everything_back(generated, capsys):
    verdicts_before = sorted(Nomination.objects.values_list("pk", "eligibility", "eligibility_checked_at"))

    assert rejudge.main(year=YEAR) == 0

    figures = dict(line.rsplit(" ", 2)[:2] for line in capsys.readouterr().out.splitlines())
    counted = [name for name in figures if name.startswith("rejudge.revocation_") and name.count(".") == 1]
    n = counted[0].split("_")[-1]
    assert int(n) > 1
    assert figures["rejudge.after_revocation_10.queries"] == figures[f"rejudge.after_revocation_{n}.queries"]
    assert figures[f"rejudge.revocation_{n}.nominations"] == n
    assert not AwardRecord.objects.filter(revoked=True).exists()
    assert not Decision.objects.exists() and not VerdictChange.objects.exists()
    assert (
        sorted(Nomination.objects.values_list("pk", "eligibility", "eligibility_checked_at"))
        == verdicts_before
    )
