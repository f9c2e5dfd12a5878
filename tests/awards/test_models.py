"""Constraints of the awards models: exactly one subject, one evaluation a year, revocations."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from awards.enums import EvaluationLevel, InitiativeScope
from awards.models import AwardRecord, Evaluation, Nomination
from tests.factories import (
    AwardRecordFactory,
    EvaluationFactory,
    InitiativeFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    add_initiative_author,
    award,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Evaluation, AwardRecord, Nomination])
def test_a_row_with_both_a_person_and_a_unit_is_refused(model):
    person = PersonFactory()
    fields = {"person": person, "unit": person.unit, "year": 2025}
    if model is Evaluation:
        fields["level"] = EvaluationLevel.HTTNV
    else:
        fields["award_type"] = award("LDTT")
    if model is Nomination:
        fields["proposing_unit"] = person.unit

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


@pytest.mark.parametrize("model", [Evaluation, AwardRecord, Nomination])
def test_a_row_with_neither_a_person_nor_a_unit_is_refused(model):
    unit = UnitFactory()
    fields = {"year": 2025}
    if model is Evaluation:
        fields["level"] = EvaluationLevel.HTTNV
    else:
        fields["award_type"] = award("LDTT")
    if model is Nomination:
        fields["proposing_unit"] = unit

    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def test_full_clean_says_which_subject_is_wanted_in_vietnamese():
    person = PersonFactory()
    evaluation = Evaluation(person=person, unit=person.unit, year=2025, level=EvaluationLevel.HTTNV)

    with pytest.raises(ValidationError, match="Chọn đúng một đối tượng"):
        evaluation.full_clean()


def test_a_unit_evaluation_is_allowed():
    unit = UnitFactory()

    evaluation = EvaluationFactory(person=None, unit=unit, level=EvaluationLevel.HTXSNV)

    assert evaluation.is_collective
    assert evaluation.subject == unit


def test_one_evaluation_per_person_and_year():
    first = EvaluationFactory(year=2025)

    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(person=first.person, year=2025)
    EvaluationFactory(person=first.person, year=2024)


def test_one_evaluation_per_unit_and_year():
    unit = UnitFactory()
    EvaluationFactory(person=None, unit=unit, year=2025)

    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationFactory(person=None, unit=unit, year=2025)


def test_evaluation_levels_are_ordered():
    assert EvaluationLevel.at_least(EvaluationLevel.HTXSNV, EvaluationLevel.HTTNV)
    assert EvaluationLevel.at_least(EvaluationLevel.HTTNV, EvaluationLevel.HTTNV)
    assert not EvaluationLevel.at_least(EvaluationLevel.HTNV, EvaluationLevel.HTTNV)
    assert not EvaluationLevel.at_least(EvaluationLevel.KHTNV, EvaluationLevel.HTNV)
    assert EvaluationLevel.at_least(EvaluationLevel.KHTNV, "")
    ranks = [EvaluationLevel.rank(level) for level in ("HTXSNV", "HTTNV", "HTNV", "KHTNV")]
    assert ranks == sorted(ranks, reverse=True)


def test_initiative_scopes_are_ordered():
    assert InitiativeScope.at_least(InitiativeScope.NATIONAL, InitiativeScope.PROVINCE)
    assert not InitiativeScope.at_least(InitiativeScope.BASE, InitiativeScope.PROVINCE)


def test_a_revoked_record_needs_the_revoking_decision():
    record = AwardRecordFactory()
    record.revoked = True

    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def test_a_record_keeps_the_name_as_issued_and_defaults_to_the_catalog_name():
    plain = AwardRecordFactory(award_type=award("CSTD_TINH"))
    old = AwardRecordFactory(award_type=award("CSTD_TINH"), name_as_issued="Chiến sĩ thi đua cấp tỉnh")

    assert plain.name_as_issued == "Chiến sĩ thi đua tỉnh"
    assert old.name_as_issued == "Chiến sĩ thi đua cấp tỉnh"


def test_award_record_changes_are_kept_in_history():
    record = AwardRecordFactory()
    record.revoked = True
    record.revoking_decision = "20/QĐ-SYT"
    record.save()

    assert record.history.count() == 2


def test_a_person_is_nominated_once_per_award_and_year_unless_rejected():
    first = NominationFactory(status="rejected")
    NominationFactory(person=first.person)

    with pytest.raises(IntegrityError), transaction.atomic():
        NominationFactory(person=first.person)


def test_an_author_is_listed_once_per_initiative():
    item = InitiativeFactory()
    person = PersonFactory()
    add_initiative_author(item, person, share=60)

    with pytest.raises(IntegrityError), transaction.atomic():
        add_initiative_author(item, person, share=40)


def test_an_author_share_above_100_percent_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        add_initiative_author(InitiativeFactory(), PersonFactory(), share=120)
