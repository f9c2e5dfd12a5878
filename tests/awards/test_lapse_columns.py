"""What the lapsed-verdict mark reads is kept on the nomination by the services that write its
sources (``Nomination.eligibility_when_sent``, ``not_eligible_since``), and the migration that
added the two columns filled them from the events and changes already recorded."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from awards import selectors
from awards.enums import EligibilityStatus, NominationStatus
from awards.models import Nomination, VerdictChange
from awards.services import nomination_recheck, nomination_transition
from tests.factories import NominationFactory, PersonFactory, award

from .builders import evaluate, give, revoke, send


def bk_ubnd_nominee(head, name):
    """CSTĐCS 2024 and 2025: eligible for the province's Bằng khen; returns the 2024 title too."""
    person = PersonFactory(unit=head.head_of_unit, full_name=name)
    cstdcs_2024 = give(person, "CSTDCS", 2024)
    give(person, "CSTDCS", 2025)
    return person, cstdcs_2024


@pytest.mark.django_db
def test_sending_keeps_the_verdict_the_nomination_was_sent_with(head):
    eligible_person, _title = bk_ubnd_nominee(head, "Đỗ Minh Khoa")
    failing_person = PersonFactory(unit=head.head_of_unit, full_name="Ngô Văn Sáu")
    evaluate(failing_person, 2025, "HTNV")

    eligible = send(eligible_person, "BK_UBND", by=head)
    failing = send(failing_person, "LDTT", by=head)

    assert (eligible.eligibility_when_sent, eligible.not_eligible_since) == (EligibilityStatus.ELIGIBLE, None)
    assert failing.eligibility_when_sent == EligibilityStatus.NOT_ELIGIBLE


@pytest.mark.django_db
def test_a_revoked_award_keeps_when_the_verdict_became_not_eligible(head, office):
    person, cstdcs_2024 = bk_ubnd_nominee(head, "Đỗ Minh Khoa")
    sent = send(person, "BK_UBND", by=head)

    revoke(cstdcs_2024, by=office)

    sent.refresh_from_db()
    change = VerdictChange.objects.get(nomination=sent, after_submission=True)
    assert sent.eligibility == EligibilityStatus.NOT_ELIGIBLE
    assert sent.eligibility_when_sent == EligibilityStatus.ELIGIBLE
    assert sent.not_eligible_since == change.at
    assert list(selectors.verdict_lapsed(Nomination.objects.all())) == [sent]


@pytest.mark.django_db
def test_sending_again_after_a_return_keeps_the_new_verdict(head, office):
    person, cstdcs_2024 = bk_ubnd_nominee(head, "Đỗ Minh Khoa")
    sent = send(person, "BK_UBND", by=head)
    revoke(cstdcs_2024, by=office)
    nomination_transition(
        Nomination.objects.get(pk=sent.pk), to=NominationStatus.RETURNED, by=office, reason="Bổ sung hồ sơ"
    )

    nomination_transition(Nomination.objects.get(pk=sent.pk), to=NominationStatus.SUBMITTED, by=head)

    sent.refresh_from_db()
    assert sent.eligibility_when_sent == EligibilityStatus.NOT_ELIGIBLE  # sent failing, knowingly
    assert not selectors.verdict_lapsed(Nomination.objects.all()).exists()


@pytest.mark.django_db
def test_a_nomination_sent_before_events_were_kept_takes_the_verdict_before_its_first_change(head, office):
    person, cstdcs_2024 = bk_ubnd_nominee(head, "Đỗ Minh Khoa")
    sent = NominationFactory(
        person=person,
        award_type=award("BK_UBND"),
        year=2025,
        proposing_unit=head.head_of_unit,
        status=NominationStatus.SUBMITTED,
        eligibility=EligibilityStatus.ELIGIBLE,
    )
    assert sent.eligibility_when_sent is None

    revoke(cstdcs_2024, by=office)
    sent.refresh_from_db()
    lapsed_at = sent.not_eligible_since
    give(person, "CSTDCS", 2024)  # recorded again: eligible again, a second change
    nomination_recheck(Nomination.objects.get(pk=sent.pk), by=office)
    sent.refresh_from_db()

    assert sent.eligibility_when_sent == EligibilityStatus.ELIGIBLE  # the first change's "before"
    assert lapsed_at is not None and sent.not_eligible_since == lapsed_at
    assert sent.eligibility == EligibilityStatus.ELIGIBLE


BEFORE = [("awards", "0016_nomination_may_lapse_index")]
AFTER = [("awards", "0017_nomination_lapse_columns")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_fills_the_columns_from_the_recorded_events_and_changes():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    unit = old.get_model("units", "Unit").objects.create(name="Bệnh viện Đa khoa tỉnh", code="BVDK")
    kind = old.get_model("catalog", "AwardType").objects.create(code="LDTT_M", name="Lao động tiên tiến")
    Nomination = old.get_model("awards", "Nomination")
    Event = old.get_model("awards", "NominationEvent")
    Change = old.get_model("awards", "VerdictChange")

    def nomination(year, status="submitted"):
        shared = {"award_type": kind, "unit": unit, "proposing_unit": unit, "eligibility": "not_eligible"}
        return Nomination.objects.create(year=year, status=status, **shared)

    def sent(row, verdict, *, after="draft"):
        Event.objects.create(nomination=row, from_status=after, to_status="submitted", eligibility=verdict)

    def changed(row, old, new, *, after_submission=True):
        return Change.objects.create(
            nomination=row, old_eligibility=old, new_eligibility=new, after_submission=after_submission
        )

    with_events = nomination(2025)
    sent(with_events, "flagged")
    sent(with_events, "eligible", after="returned")  # the last one counts
    changed(with_events, "eligible", "not_eligible")
    last = changed(with_events, "flagged", "not_eligible")
    without_events = nomination(2024)
    changed(without_events, "flagged", "eligible")  # the first change after submission counts
    changed(without_events, "eligible", "not_eligible", after_submission=False)
    never_sent = nomination(2023, status="draft")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("awards", "Nomination")
    rows = {row.pk: row for row in new.objects.all()}

    assert (rows[with_events.pk].eligibility_when_sent, rows[with_events.pk].not_eligible_since) == (
        "eligible",
        last.at,
    )
    assert (rows[without_events.pk].eligibility_when_sent, rows[without_events.pk].not_eligible_since) == (
        "flagged",
        None,
    )
    assert (rows[never_sent.pk].eligibility_when_sent, rows[never_sent.pk].not_eligible_since) == (None, None)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
