"""The data migration that fills the "as issued" snapshot of older award lines and evaluations."""

import datetime
import importlib

import pytest
from django.apps import apps

from awards.models import AwardRecord, Evaluation
from tests.factories import PersonFactory, UnitFactory
from units.models import UnitName

from .builders import evaluate, give

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("awards.migrations.0010_backfill_snapshots").backfill


def test_older_rows_get_the_names_of_their_year_and_filled_rows_are_left_alone():
    unit = UnitFactory(name="Trung tâm Y tế khu vực Long Thành")
    UnitName.objects.create(
        unit=unit, name="Trung tâm Y tế huyện Long Thành", valid_to=datetime.date(2025, 6, 30)
    )
    nurse = PersonFactory(unit=unit, full_name="Đỗ Thị Hạnh", position="Hộ sinh")
    old_record = give(unit, "TTLDTT", 2024)
    person_record = give(nurse, "LDTT", 2024)
    kept = give(unit, "TTLDTT", 2023, recipient_name="Trạm Y tế cũ")
    old_evaluation = evaluate(unit, 2024, "HTXSNV")
    AwardRecord.objects.filter(pk__in=[old_record.pk, person_record.pk]).update(
        recipient_name="", recipient_position="", recipient_unit_name=""
    )
    Evaluation.objects.filter(pk=old_evaluation.pk).update(subject_name="", subject_unit_name="")

    backfill(apps, None)

    old_record.refresh_from_db(), person_record.refresh_from_db(), kept.refresh_from_db()
    old_evaluation.refresh_from_db()
    assert old_record.recipient_name == "Trung tâm Y tế huyện Long Thành"
    assert (
        person_record.recipient_name,
        person_record.recipient_position,
        person_record.recipient_unit_name,
    ) == (
        "Đỗ Thị Hạnh",
        "Hộ sinh",
        "Trung tâm Y tế huyện Long Thành",
    )
    assert kept.recipient_name == "Trạm Y tế cũ"
    assert old_evaluation.subject_name == "Trung tâm Y tế huyện Long Thành"
