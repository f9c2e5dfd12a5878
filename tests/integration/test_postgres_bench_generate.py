"""The bench generator on a real PostgreSQL: the bulk-loaded tables are filled without their
secondary indexes and keys (``bench.generate.indexes_after_load``) and end with every index and
constraint they had, by the same name and definition, the rows checked by their keys."""

import datetime

import pytest
from django.db import connection, transaction

from bench.generate import TINY, bulk_loaded_models, generate, indexes_after_load

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

YEAR = 2026


def schema_of(tables: list[str]) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated "
            "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[])",
            [tables],
        )
        constraints = {("constraint", *row) for row in cursor.fetchall()}
        cursor.execute(
            "SELECT indrelid::regclass::text, indexrelid::regclass::text, pg_get_indexdef(indexrelid), "
            "indisvalid FROM pg_index WHERE indrelid = ANY(%s::regclass[])",
            [tables],
        )
        return constraints | {("index", *row) for row in cursor.fetchall()}


def test_the_generated_tables_keep_every_index_and_key_they_had():
    tables = [model._meta.db_table for model in bulk_loaded_models()]
    before = schema_of(tables)
    assert any(kind == "index" and "evaluation_person_once_a_year" in name for kind, _t, name, *_ in before)

    generate(TINY, year=YEAR, out=lambda line: None)

    assert schema_of(tables) == before


def test_a_row_whose_key_points_nowhere_is_refused_when_the_keys_are_made_again():
    from django.db import IntegrityError

    from awards.models import Evaluation

    tables = [model._meta.db_table for model in bulk_loaded_models()]
    before = schema_of(tables)
    with pytest.raises(IntegrityError), transaction.atomic(), indexes_after_load(bulk_loaded_models()):
        Evaluation.objects.bulk_create(
            [Evaluation(person_id=987654321, year=2020, level="HTTNV", source="imported")]
        )

    assert schema_of(tables) == before


def test_rows_copied_from_tuples_are_the_rows_their_model_instances_save():
    from awards.models import AwardRecord
    from bench.generate import copy_rows
    from tests.factories import PersonFactory, award

    person = PersonFactory()
    lt = award("LDTT")
    names = ("person_id", "award_type_id", "name_as_issued", "year", "decision_number", "decision_date")
    names += ("authority", "recipient_name", "source")
    authority = "Giám đốc Sở Y tế"
    rows = [
        (person.pk, lt.pk, lt.name, 2020 + n, f"{n}/QĐ-SYT", datetime.date(2021, 1, 1 + n), authority)
        + (f"{person.full_name}\ttab\nline\\slash {n}", "imported")
        for n in range(3)
    ]
    columns = [f.attname for f in AwardRecord._meta.concrete_fields if f.name not in ("id", "updated_at")]

    def last_pk():
        return AwardRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    before = last_pk()
    with transaction.atomic():
        copied = copy_rows(AwardRecord, names, rows)
        middle = last_pk()
        AwardRecord.objects.bulk_create([AwardRecord(**dict(zip(names, row, strict=True))) for row in rows])

    records = AwardRecord.objects.filter(pk__gt=before).order_by("pk")
    from_copy = list(records.filter(pk__lte=middle).values_list(*columns))
    from_instances = list(records.filter(pk__gt=middle).values_list(*columns))
    assert copied == 3
    assert from_copy == from_instances
    assert from_copy[0][columns.index("recipient_name")] == f"{person.full_name}\ttab\nline\\slash 0"
    assert all(record.updated_at is not None for record in records)
