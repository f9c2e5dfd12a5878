"""check_many reads a constant number of queries, whatever the number of nominations.

(The count depends on what a batch holds — a batch without collectives skips the members query —
never on how many nominations it holds.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.eligibility import check_many
from tests.factories import PersonFactory

from .builders import collective, evaluate_years, give_years, initiative, nominate

pytestmark = pytest.mark.django_db

CODES = ["LDTT", "CSTDCS", "CSTD_TINH", "BK_UBND", "BK_TTG"]


def _batch(size):
    """A mix of individual and collective nominations, each with some history."""
    nominations = []
    for i in range(size):
        if i % 5 == 1:
            unit, _staff = collective(4, ldtt=3, cstdcs=1)
            nominations.append(nominate(unit, "TTLDXS" if i % 2 else "TTLDTT"))
            continue
        person = PersonFactory()
        evaluate_years(person, range(2021, 2026), "HTXSNV")
        give_years(person, "CSTDCS", [2023, 2024])
        initiative(person, 2025, "province")
        nominations.append(nominate(person, CODES[i % len(CODES)]))
    return nominations


def _queries(nominations):
    with CaptureQueriesContext(connection) as ctx:
        verdicts = check_many(nominations)
    assert len(verdicts) == len(nominations)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("id_filter_limit", [500, 0], ids=["by ids", "whole window"])
def test_check_many_uses_the_same_number_of_queries_for_2_and_10_nominations(monkeypatch, id_filter_limit):
    monkeypatch.setattr("awards.eligibility.facts.ID_FILTER_LIMIT", id_filter_limit)
    small, large = _batch(2), _batch(10)

    assert _queries(small) == _queries(large)


def test_check_many_fetches_nothing_per_nomination():
    nominations = _batch(10)

    assert _queries(nominations) <= 14
