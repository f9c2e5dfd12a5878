"""scripts/backup.sh and scripts/restore.sh on SQLite (the demo default): the database copied
through SQLite's backup API, the uploaded files as a tarball, both checked before a restore.

The PostgreSQL path (pg_dump / pg_restore) runs in tests/integration/test_backup_restore.py.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def site(tmp_path):
    """A SQLite database and a media folder where the scripts find them (DATABASE_URL, MEDIA_ROOT)."""
    db = tmp_path / "data" / "thiduakt.sqlite3"
    db.parent.mkdir()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
        conn.executemany("INSERT INTO person (name) VALUES (?)", [(f"Cán bộ {i}",) for i in range(50)])
    media = tmp_path / "media"
    (media / "awards" / "dossiers" / "2025").mkdir(parents=True)
    (media / "awards" / "dossiers" / "2025" / "to-trinh.pdf").write_bytes(b"%PDF-1.4 to trinh")
    (media / "plans" / "bao-cao.docx").parent.mkdir(parents=True)
    (media / "plans" / "bao-cao.docx").write_bytes(os.urandom(4096))
    env = {
        **os.environ,
        "PY": sys.executable,
        "DATABASE_URL": f"sqlite:///{db}",
        "MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "THIDUAKT_VAR_DIR": str(tmp_path / "var"),
    }
    return db, media, env


def run(script, *args, env):
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def rows(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, name FROM person ORDER BY id").fetchall()


def checksums(media):
    return {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }


def test_backup_then_restore_brings_back_rows_and_files(site):
    db, media, env = site
    before_rows, before_files = rows(db), checksums(media)

    backup = run("backup.sh", env=env)
    folder = Path(backup.stdout.strip().splitlines()[-1])
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM person WHERE id > 10")
        conn.execute("UPDATE person SET name = 'đổi tên' WHERE id = 1")
        conn.execute("INSERT INTO person (name) VALUES ('người mới')")
    (media / "plans" / "bao-cao.docx").write_bytes(b"changed")
    (media / "awards" / "dossiers" / "2025" / "to-trinh.pdf").unlink()
    (media / "extra.pdf").write_bytes(b"%PDF-1.4 added after the backup")
    restore = run("restore.sh", "--yes", str(folder), env=env)

    assert backup.returncode == 0, backup.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["SHA256SUMS", "database.sqlite3", "media.tar.gz"]
    assert folder.parent == Path(env["BACKUP_DIR"])
    assert restore.returncode == 0, restore.stderr
    assert rows(db) == before_rows
    assert checksums(media) == before_files


def test_a_damaged_backup_is_refused_and_nothing_is_touched(site):
    db, media, env = site
    folder = Path(run("backup.sh", env=env).stdout.strip().splitlines()[-1])
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM person")
    (folder / "media.tar.gz").write_bytes(b"not the archive any more")

    result = run("restore.sh", "--yes", str(folder), env=env)

    assert result.returncode == 3
    assert "SHA256SUMS" in result.stderr
    assert rows(db) == []
    assert (media / "plans" / "bao-cao.docx").exists()


def test_restore_asks_first_and_refuses_without_an_answer(site):
    db, _media, env = site
    folder = Path(run("backup.sh", env=env).stdout.strip().splitlines()[-1])
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM person")

    result = run("restore.sh", str(folder), env=env)

    assert result.returncode == 2
    assert "--yes" in result.stderr
    assert rows(db) == []


def test_each_backup_gets_a_folder_of_its_own(site):
    _db, _media, env = site

    first = run("backup.sh", env=env).stdout.strip().splitlines()[-1]
    second = run("backup.sh", env=env).stdout.strip().splitlines()[-1]

    assert first != second
    assert Path(first).is_dir() and Path(second).is_dir()
