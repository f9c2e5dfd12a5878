"""The integration layer: a real PostgreSQL (started by tests/services.py) and a real Redis
(started by pytest-redis) with a real Celery worker in a subprocess.

Every transactional test here uses serialized_rollback: the rows data migrations seed (award
catalog, rule sets, schedules) must survive the flush, and mixing flushed and restored tests makes
the restore collide with the content types a plain flush recreates.
"""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# The HTTP vote test opens 25 connections at once (20 members, 5 of them double-clicking) to the
# live server, which Django has listen with a backlog of 10: an overflowing accept queue resets a
# connection now and then, which says nothing about the application. Before it starts, so that
# the session's live server listens with room for all of them:
WSGIServer.request_queue_size = 128


@pytest.fixture(scope="session", autouse=True)
def _require_postgresql(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        vendor = connection.vendor
    if vendor != "postgresql":
        pytest.exit(
            "The integration tests need PostgreSQL: run `make test-integration` "
            "(it starts a private server and sets DATABASE_URL).",
            returncode=2,
        )


@pytest.fixture(scope="session")
def redis_url(redis_proc):
    return f"redis://{redis_proc.host}:{redis_proc.port}"


@pytest.fixture(scope="session")
def celery_worker_proc(redis_url, django_db_setup, django_db_blocker, tmp_path_factory):
    """A real worker process on the Redis broker, pointed at the test database."""
    from thiduakt.celery import app

    broker, backend = f"{redis_url}/0", f"{redis_url}/1"
    app.conf.update(broker_url=broker, result_backend=backend, task_always_eager=False)
    with django_db_blocker.unblock():
        db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": backend,
        "THIDUAKT_VAR_DIR": str(tmp_path_factory.mktemp("worker-var")),
    }
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "thiduakt",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"Celery worker exited early:\n{log.read_text()}")
        if b"ready." in log.read_bytes():
            break
        time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(f"Celery worker not ready in 30 s:\n{log.read_text()}")
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


# ---------------------------------------------------------------------------------------------
# Reminders: workers of their own (a queue nobody else reads), seeing the test deadline provider,
# writing their mails to files the test reads.
# ---------------------------------------------------------------------------------------------
REMINDER_QUEUE = "reminders-test"


def units_due_in_7_days(count):
    """``count`` units whose deadline (tests/notifications/fixture_providers.py) is a week from
    today, each with a head who has an address; returns the heads."""
    from notifications.services import local_today
    from tests.factories import UnitFactory, make_unit_head

    due = local_today() + datetime.timedelta(days=7)
    heads = []
    for i in range(count):
        unit = UnitFactory(code=f"NV-{i:03d}", name=f"Trung tâm Y tế số {i}", valid_to=due)
        heads.append(make_unit_head(unit, username=f"head{i:03d}", email=f"head{i:03d}@example.vn"))
    return heads


def wait_until(predicate, timeout=30, step=0.1) -> bool:
    """Poll ``predicate`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


class ReminderWorkers:
    """Start and stop real worker processes for the reminder tests; read what they mailed."""

    def __init__(self, *, redis_url, database_url, tmp_path):
        self.redis_url = redis_url
        self.database_url = database_url
        self.outbox = tmp_path / "outbox"
        self.outbox.mkdir()
        self.tmp_path = tmp_path
        self.procs = []

    def start(self, name, *, beat=False, env=None, wait=True):
        log = self.tmp_path / f"{name}.log"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "thiduakt",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "-Q",
            REMINDER_QUEUE,
            "-n",
            f"{name}@%h",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ]
        if beat:
            command += [
                "--beat",
                "--scheduler",
                "django_celery_beat.schedulers:DatabaseScheduler",
                "--schedule-filename",
                str(self.tmp_path / f"{name}-beat"),
            ]
        full_env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": f"{self.redis_url}/0",
            "CELERY_RESULT_BACKEND": f"{self.redis_url}/1",
            "CELERY_VISIBILITY_TIMEOUT": "2",
            "EMAIL_URL": f"filemail:///{self.outbox}",
            "SITE_URL": "https://thiduakt.example.vn",
            "THIDUAKT_TEST_PROVIDERS": "tests.notifications.fixture_providers",
            "THIDUAKT_VAR_DIR": str(self.tmp_path / f"{name}-var"),
            # The tests publish their scans themselves, and mean today whatever the hour.
            "REMINDER_SCAN_ON_WORKER_START": "false",
            "REMINDER_SCAN_HOUR": "0",
            **(env or {}),
        }
        with open(log, "wb") as out:
            proc = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=out, stderr=subprocess.STDOUT)
        proc.log = log
        self.procs.append(proc)
        if wait:
            self.wait_for(proc, b"ready.")
        return proc

    def wait_for(self, proc, marker: bytes, *, count=1, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.log.read_bytes().count(marker) >= count:
                return
            if proc.poll() is not None:
                pytest.fail(f"worker exited:\n{proc.log.read_text()}")
            time.sleep(0.1)
        pytest.fail(f"{marker!r} x{count} not seen in {timeout} s:\n{proc.log.read_text()}")

    def mails(self):
        """Every message written by the file backend: (to, subject, text body)."""
        import email
        from email import policy

        found = []
        separator = b"\n" + b"-" * 79 + b"\n"
        for path in sorted(self.outbox.glob("*.log")):
            for chunk in path.read_bytes().split(separator):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk.lstrip(b"\n"), policy=policy.default)
                body = message.get_body(preferencelist=("plain",)).get_content()
                found.append((str(message["To"]).strip(), str(message["Subject"]).strip(), body))
        return found

    def stop_all(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


@pytest.fixture
def reminder_workers(redis_url, django_db_setup, django_db_blocker, tmp_path):
    """Real workers on the Redis broker for the reminder tests; this process publishes to it too."""
    from thiduakt.celery import app

    with django_db_blocker.unblock():
        db = connection.settings_dict
    saved = {
        "broker_url": app.conf.broker_url,
        "result_backend": app.conf.result_backend,
        "task_always_eager": app.conf.task_always_eager,
    }
    app.conf.update(broker_url=f"{redis_url}/0", result_backend=f"{redis_url}/1", task_always_eager=False)
    app._pool = None
    app.amqp._producer_pool = None
    workers = ReminderWorkers(
        redis_url=redis_url,
        database_url=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        tmp_path=tmp_path,
    )
    yield workers
    workers.stop_all()
    app.conf.update(**saved)
    app._pool = None
    app.amqp._producer_pool = None
