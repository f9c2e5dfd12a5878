"""The whole year judged in one batch (``check_many``: the facts read once, the quota orders and
record indexes built once per batch) gives every nomination the verdict it gets judged alone."""

from awards.eligibility import check, check_many
from awards.models import Nomination
from bench.generate import TINY, generate

YEAR = 2026


def test_a_batch_of_the_years_nominations_gives_each_the_verdict_it_gets_alone(db):
    generate(TINY, year=YEAR, out=lambda line: None)
    nominations = list(Nomination.objects.filter(year=YEAR).select_related("person").order_by("pk"))

    batch = check_many(nominations)

    assert len(batch) == TINY.individual_nominations + TINY.collective_nominations
    for nomination in nominations:
        alone = check(nomination)
        together = batch[nomination.pk]
        assert (together.status, together.codes, together.messages, together.notes) == (
            alone.status,
            alone.codes,
            alone.messages,
            alone.notes,
        ), nomination
    assert len({verdict.status for verdict in batch.values()}) > 1  # not one verdict for all
