"""The lists' accent-free search on a real PostgreSQL: ``thiduakt_fold``, ``lower(unaccent(...))``
declared IMMUTABLE (the migrations install both), folds every Vietnamese letter exactly as
``units.search.fold`` does on SQLite, and the list pages find "Nguyễn" by "nguyen", "Bệnh viện"
by "benh vien", "Đường" by "duong", and sort by the folded name; the staff's indexes serve that
search."""

import unicodedata

import pytest
from django.db import connection
from django.db.models import TextField, Value
from django.urls import reverse

from tests.factories import NominationFactory, PersonFactory, UnitFactory, make_office_user
from units.models import Person
from units.search import Fold, fold, search

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"


def test_the_unaccent_extension_is_installed_by_the_migrations():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        assert cursor.fetchone() == (1,)


@pytest.mark.parametrize("letters", [VIETNAMESE, VIETNAMESE.upper()])
def test_postgresql_folds_every_vietnamese_letter_as_python_does(letters):
    person = PersonFactory()
    for text in (letters, unicodedata.normalize("NFD", letters)):  # precomposed and decomposed
        value = Fold(Value(text, output_field=TextField()))

        in_postgres = Person.objects.filter(pk=person.pk).annotate(f=value).values_list("f", flat=True).get()

        assert in_postgres == fold(text) == fold(letters)


@pytest.mark.parametrize(
    ("typed", "found"),
    [("nguyen", "Nguyễn Thị Hằng"), ("benh vien", "Bệnh viện Đồng Nai"), ("duong", "Đường Văn Lộc")],
)
def test_the_staff_list_finds_a_name_typed_without_accents(client, typed, found):
    hospital = UnitFactory(name="Khoa Nội")
    for name in ("Nguyễn Thị Hằng", "Bệnh viện Đồng Nai", "Đường Văn Lộc", "Trần Văn Bình"):
        PersonFactory(full_name=name, unit=hospital)
    client.force_login(make_office_user())

    response = client.get(reverse("units:person-list"), {"q": typed})

    assert [p.full_name for p in response.context["persons"]] == [found]


def test_the_nomination_list_searches_and_sorts_by_the_folded_name(client):
    ward = UnitFactory(name="Khoa Nội")
    for name in ("Vũ Thị Mai", "Ánh Nguyệt", "Đặng Nguyên"):
        NominationFactory(person=PersonFactory(full_name=name, unit=ward), status="submitted")
    client.force_login(make_office_user())

    response = client.get(reverse("awards:nomination-list"), {"q": "nguy", "sort": "nominee"})
    everyone = client.get(reverse("awards:nomination-list"), {"sort": "-nominee"})

    assert [n.person.full_name for n in response.context["nominations"]] == ["Ánh Nguyệt", "Đặng Nguyên"]
    assert [n.person.full_name for n in everyone.context["nominations"]] == [
        "Vũ Thị Mai",
        "Đặng Nguyên",
        "Ánh Nguyệt",
    ]


def _plan(queryset) -> str:
    """PostgreSQL's plan for ``queryset`` when it may use any index (a few rows in a test table
    would otherwise be read whole): which indexes can serve the query, not which one it prefers."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_fold_function_is_immutable_so_that_indexes_can_hold_it():
    with connection.cursor() as cursor:
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'thiduakt_fold'")
        assert cursor.fetchall() == [("i",)]


@pytest.mark.parametrize(
    ("column", "index"), [("full_name", "units_person_name_trgm"), ("staff_code", "units_person_code_trgm")]
)
def test_a_search_of_the_staff_is_served_by_a_trigram_index(column, index):
    PersonFactory(full_name="Nguyễn Thị Hằng", staff_code="NV-001")

    plan = _plan(search(Person.objects.all(), [column], "hang nv"))

    assert index in plan
