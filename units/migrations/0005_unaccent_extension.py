"""The PostgreSQL ``unaccent`` extension, which the accent-free search of the lists reads
(``units.search``). Nothing to do on SQLite, where the same rule is a Python function."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class PostgresUnaccentExtension(UnaccentExtension):
    """``CREATE EXTENSION unaccent`` on PostgreSQL only, both ways (Django's own operation also
    looks the extension up on the way back on SQLite)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("units", "0004_agency_signers")]

    operations = [PostgresUnaccentExtension()]
