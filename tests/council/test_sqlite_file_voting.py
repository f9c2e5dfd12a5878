"""On the embedded SQLite file (the default install), twenty members voting at the same moment
are all counted: WAL, a busy timeout and immediate transactions queue the writers instead of
failing one with "database is locked". Runs a real process on a real database file."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import threading
from django.db import connection
from council.enums import Choice
from council.services import ballot_cast, session_open_voting
from tests.factories import ballots_counted, make_council_session, make_verified_nomination

nomination = make_verified_nomination()
ctx = make_council_session(20, nominations=[nomination])
session_open_voting(ctx.session, by=ctx.office)
barrier = threading.Barrier(20)
errors = []

def vote(member, choice):
    try:
        barrier.wait()
        ballot_cast(ctx.session, nomination=nomination, member=member, choice=choice)
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

threads = [
    threading.Thread(target=vote, args=(m, Choice.AGREE if i % 3 else Choice.DISAGREE))
    for i, m in enumerate(ctx.members)
]
for t in threads:
    t.start()
for t in threads:
    t.join(60)
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
print("RESULT", len(errors), ballots_counted(), mode, errors[:3])
"""


def test_twenty_simultaneous_ballots_on_the_sqlite_file_are_all_counted(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "THIDUAKT_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thiduakt.settings",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_URL": "dummymail://",
    }
    run = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput", "-v0"], ["shell", "-c", SCRIPT]):
        done = subprocess.run(  # noqa: S603
            [*run, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
        )
        assert done.returncode == 0, done.stderr[-3000:]

    result = next(line for line in done.stdout.splitlines() if line.startswith("RESULT"))
    assert result.startswith("RESULT 0 20 wal"), result
