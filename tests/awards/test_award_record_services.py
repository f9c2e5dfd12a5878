"""The award history's own services: a record issued keeps its recipient as named that day, a
revoked one is kept and marked, a corrected one is copied with the changes and the old one marked
superseded; each history entry names who did it."""

import datetime

import pytest

from awards.enums import RecordSource
from awards.models import AwardRecord
from awards.services import award_record_correct, award_record_issue, award_record_revoke, evaluation_add
from tests.factories import AwardRecordFactory, PersonFactory, UnitFactory, award

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def test_an_issued_record_keeps_the_recipient_as_named_on_that_day(office):
    person = PersonFactory(
        full_name="Trần Thị Mai", position="Trưởng khoa", unit=UnitFactory(name="Khoa Nhi")
    )

    record = award_record_issue(
        person=person,
        award_type=award("LDTT"),
        name_as_issued="Lao động tiên tiến",
        year=2025,
        achievement_kind="annual",
        decision_number="12/QĐ-SYT",
        decision_date=DAY,
        authority="Giám đốc Sở Y tế",
        source=RecordSource.ISSUED,
        by=office,
    )
    person.full_name, person.position = "Trần Thị Mai Anh", "Phó Giám đốc"
    person.save()

    record.refresh_from_db()
    assert (record.recipient_name, record.recipient_position, record.recipient_unit_name) == (
        "Trần Thị Mai",
        "Trưởng khoa",
        "Khoa Nhi",
    )
    assert record.history.latest().history_user == office


def test_a_revoked_record_is_kept_and_marked_with_the_revoking_decision(office):
    record = AwardRecordFactory()

    award_record_revoke(record, reference="Quyết định số 20/QĐ-SYT ngày 02/03/2026", on=DAY, by=office)

    record.refresh_from_db()
    assert record.revoked
    assert record.revoking_decision == "Quyết định số 20/QĐ-SYT ngày 02/03/2026"
    assert record.revoked_on == DAY
    assert AwardRecord.objects.filter(pk=record.pk).exists()


def test_a_correction_writes_a_corrected_copy_and_marks_the_old_record_superseded(office):
    old = AwardRecordFactory(recipient_name="Nguyen Van A", year=2024)

    new = award_record_correct(
        old,
        changes={"recipient_name": "Nguyễn Văn A"},
        reference="Đính chính theo 21/QĐ-SYT",
        on=DAY,
        by=office,
    )

    old.refresh_from_db()
    assert new.pk != old.pk
    assert (new.recipient_name, new.year, new.source, new.revoked) == (
        "Nguyễn Văn A",
        2024,
        RecordSource.ISSUED,
        False,
    )
    assert (old.recipient_name, old.revoked, old.revoking_decision) == (
        "Nguyen Van A",
        True,
        "Đính chính theo 21/QĐ-SYT",
    )


def test_an_added_evaluation_keeps_its_subject_as_named_on_that_day(office):
    unit = UnitFactory(name="Khoa Sản", parent=UnitFactory(name="Bệnh viện Đa khoa"))

    evaluation = evaluation_add(unit=unit, year=2025, level="HTXSNV", source="imported", by=office)

    assert (evaluation.subject_name, evaluation.subject_unit_name) == ("Khoa Sản", "Bệnh viện Đa khoa")
    assert evaluation.history.latest().history_user == office
