"""Indexes for the accent-free search and sort of the staff list on PostgreSQL.

``unaccent`` is only STABLE (its dictionary could change), so no index can hold
``lower(unaccent(column))``. ``thiduakt_fold(text)`` is the same rule as an IMMUTABLE function
naming its dictionary, the name the SQLite connections give ``units.search.fold``; the ``fold``
transform calls it on both databases. On the staff (``units_person``), a ``pg_trgm`` GIN index on
the folded name and one on the folded staff code serve ``LIKE '%…%'``. (A B-tree index on the
folded name would serve the order by name, but PostgreSQL then reads a search's rows in that
order, filtering tens of thousands for the first 25 of a common name: 0.7 s instead of 40 ms on
150,000 staff.) Nothing to do on SQLite.
"""

from django.db import migrations

INDEXES = (
    "CREATE INDEX units_person_name_trgm ON units_person USING gin (thiduakt_fold(full_name) gin_trgm_ops)",
    "CREATE INDEX units_person_code_trgm ON units_person USING gin (thiduakt_fold(staff_code) gin_trgm_ops)",
)
INDEX_NAMES = ("units_person_name_trgm", "units_person_code_trgm")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'")
        schema = cursor.fetchone()[0]
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION thiduakt_fold(text) RETURNS text"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
        f" AS $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1)) $$"
    )
    for statement in INDEXES:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEX_NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS thiduakt_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("units", "0005_unaccent_extension")]

    operations = [migrations.RunPython(forwards, backwards)]
