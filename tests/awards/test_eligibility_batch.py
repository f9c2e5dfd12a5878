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


def test_a_batch_with_too_many_people_to_list_reads_the_members_for_its_year_only_and_judges_the_same(
    db, monkeypatch
):
    from awards.eligibility import facts as eligibility_facts
    from awards.models import Evaluation

    generate(TINY, year=YEAR, out=lambda line: None)
    nominations = list(Nomination.objects.filter(year=YEAR).select_related("person").order_by("pk"))
    listed = check_many(nominations)  # the people involved named in the queries
    listed_facts = eligibility_facts.load_facts([eligibility_facts.nomination_fact(n) for n in nominations])
    monkeypatch.setattr(eligibility_facts, "ID_FILTER_LIMIT", 0)  # as with a year of ten provinces

    whole = check_many(nominations)

    whole_facts = eligibility_facts.load_facts([eligibility_facts.nomination_fact(n) for n in nominations])
    nominees = {n.person_id for n in nominations if n.person_id}
    members_only = {
        subject
        for subject in whole_facts.evaluations
        if subject[0] == eligibility_facts.PERSON and subject[1] not in nominees
    }
    assert members_only  # the collectives' staff who are not nominated themselves
    for subject in members_only:
        assert set(whole_facts.evaluations[subject]) == {YEAR}, subject
    assert (
        Evaluation.objects.filter(person_id__in=[p for _kind, p in members_only]).exclude(year=YEAR).exists()
    )
    for subject, years in listed_facts.evaluations.items():
        if subject[0] != eligibility_facts.PERSON or subject[1] in nominees:
            assert whole_facts.evaluations[subject] == years, subject
    for nomination in nominations:
        assert (whole[nomination.pk].status, whole[nomination.pk].messages, whole[nomination.pk].notes) == (
            listed[nomination.pk].status,
            listed[nomination.pk].messages,
            listed[nomination.pk].notes,
        ), nomination


def test_the_facts_a_verdict_cites_are_the_same_when_the_members_are_read_for_the_year_only(db, monkeypatch):
    from awards.eligibility import facts as eligibility_facts
    from awards.eligibility import verdicts

    generate(TINY, year=YEAR, out=lambda line: None)
    nominations = list(Nomination.objects.filter(year=YEAR).select_related("person").order_by("pk"))
    listed = verdicts.judge(nominations)  # the people involved named in the queries
    monkeypatch.setattr(eligibility_facts, "ID_FILTER_LIMIT", 0)  # as with a year of ten provinces

    whole = verdicts.judge(nominations)

    collectives = [k for k, n in enumerate(nominations) if n.unit_id]
    assert collectives and any(
        listed[k].facts["records"] or listed[k].facts["evaluations"] for k in collectives
    )
    assert [item.facts for item in whole] == [item.facts for item in listed]
