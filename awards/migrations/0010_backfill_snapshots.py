"""Fill the "as issued" snapshot of every award line and evaluation that has none: the name,
position and unit the recipient bore in the record's year (a unit's former name when it was
renamed since, else the names as they are now)."""

import datetime

from django.db import migrations


def _unit_name(unit, day, former):
    for name, valid_from, valid_to in former.get(unit.pk, ()):
        if (valid_from is None or valid_from <= day) and day <= valid_to:
            return name
    return unit.name


def backfill(apps, schema_editor):
    AwardRecord = apps.get_model("awards", "AwardRecord")
    Evaluation = apps.get_model("awards", "Evaluation")
    UnitName = apps.get_model("units", "UnitName")
    former = {}
    for unit_id, name, valid_from, valid_to in UnitName.objects.values_list(
        "unit_id", "name", "valid_from", "valid_to"
    ):
        former.setdefault(unit_id, []).append((name, valid_from, valid_to))

    def snapshot(item, day):
        if item.person_id:
            person = item.person
            return person.full_name, person.position, _unit_name(person.unit, day, former)
        unit = item.unit
        parent = _unit_name(unit.parent, day, former) if unit.parent_id else ""
        return _unit_name(unit, day, former), "", parent

    records = AwardRecord.objects.filter(recipient_name="").select_related(
        "person", "person__unit", "unit", "unit__parent"
    )
    for record in records.iterator(chunk_size=1000):
        day = record.decision_date or datetime.date(record.year, 12, 31)
        name, position, unit_name = snapshot(record, day)
        record.recipient_name = name
        record.recipient_position = record.recipient_position or position
        record.recipient_unit_name = record.recipient_unit_name or unit_name
        record.save(update_fields=["recipient_name", "recipient_position", "recipient_unit_name"])
    evaluations = Evaluation.objects.filter(subject_name="").select_related(
        "person", "person__unit", "unit", "unit__parent"
    )
    for evaluation in evaluations.iterator(chunk_size=1000):
        day = evaluation.decided_on or datetime.date(evaluation.year, 12, 31)
        name, position, unit_name = snapshot(evaluation, day)
        evaluation.subject_name, evaluation.subject_position, evaluation.subject_unit_name = (
            name,
            position,
            unit_name,
        )
        evaluation.save(update_fields=["subject_name", "subject_position", "subject_unit_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0009_snapshots_predecessor_years"),
        ("units", "0002_reorganisations"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
