"""Backup and restore on a real PostgreSQL: the demo department with uploaded dossier files is
backed up with scripts/backup.sh (pg_dump, custom format), damaged (rows deleted, changed and
added, files deleted, changed and added), restored with scripts/restore.sh (pg_restore --clean
--if-exists), and then every table's row count, a sample of row contents and every file's
checksum are what they were."""

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from awards.models import DossierFile
from tests.factories import NominationFactory, PersonFactory, add_dossier_file
from units.models import IssuedDocument, Person, Unit

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from the catalog)
            counts[table] = cursor.fetchone()[0]
    return counts


def file_checksums(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def run(script, *args, env):
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_backup_then_restore_brings_back_every_row_and_every_file(settings, tmp_path):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    demo_dossiers = DossierFile.objects.count()  # the demo year's nominations carry their dossiers
    demo_files = len(file_checksums(Path(settings.MEDIA_ROOT)))
    nominations = [NominationFactory(person=PersonFactory(unit=Unit.objects.first())) for _ in range(3)]
    for nomination in nominations:
        add_dossier_file(nomination, "TOTRINH")
        add_dossier_file(nomination, "BAOCAO", name="bao-cao-thanh-tich.pdf")
    media = Path(settings.MEDIA_ROOT)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "THIDUAKT_VAR_DIR": str(tmp_path / "var"),
    }
    counts, files = table_counts(), file_checksums(media)
    people = list(Person.objects.order_by("pk").values_list("pk", "full_name", "unit_id"))
    issued_files = 2 * IssuedDocument.objects.count()  # the demo's issued documents: PDF and DOCX each
    assert counts["units_person"] > 100 and counts["awards_dossierfile"] == demo_dossiers + 6
    assert len(files) == demo_files + 6 and demo_files >= demo_dossiers + issued_files

    folder = Path(run("backup.sh", env=env).stdout.strip().splitlines()[-1])
    # Damage: rows deleted, changed and added; files deleted, changed and added.
    DossierFile.objects.filter(nomination=nominations[0]).delete()
    Person.objects.filter(pk__in=[p[0] for p in people[:20]]).update(full_name="Tên đã bị sửa")
    PersonFactory.create_batch(5)
    first, second = sorted(p for p in media.rglob("*") if p.is_file())[:2]
    first.unlink()
    second.write_bytes(b"%PDF-1.4 overwritten")
    (media / "awards" / "extra.pdf").write_bytes(b"%PDF-1.4 uploaded after the backup")
    assert table_counts() != counts and file_checksums(media) != files
    connection.close()  # pg_restore drops and recreates every table
    run("restore.sh", "--yes", str(folder), env=env)

    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "database.pgdump", "media.tar.gz"]
    assert table_counts() == counts
    assert list(Person.objects.order_by("pk").values_list("pk", "full_name", "unit_id")) == people
    assert file_checksums(media) == files
    for item in DossierFile.objects.all():
        assert hashlib.sha256(item.file.read()).hexdigest() == item.checksum
    # The sequences came back too: a new row gets a fresh id.
    assert PersonFactory().pk > max(p[0] for p in people)
