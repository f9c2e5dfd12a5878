"""Print, as shell assignments, where the application keeps its data (for backup.sh and restore.sh).

    eval "$(python scripts/backup_settings.py)"

DB_ENGINE (postgresql or sqlite3), DB_NAME, MEDIA_ROOT, and for PostgreSQL the PG* variables
that pg_dump and pg_restore read (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE). Values come
from Django's settings, so DATABASE_URL, MEDIA_ROOT and the .env file mean what they mean to the
application itself.
"""

import os
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakt.settings")


def main() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    values = {"DB_ENGINE": engine, "DB_NAME": str(db["NAME"]), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    if engine == "postgresql":
        values.update(
            PGHOST=db.get("HOST") or "",
            PGPORT=str(db.get("PORT") or ""),
            PGUSER=db.get("USER") or "",
            PGPASSWORD=db.get("PASSWORD") or "",
            PGDATABASE=str(db["NAME"]),
        )
    for name, value in values.items():
        if value != "":
            print(f"export {name}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
