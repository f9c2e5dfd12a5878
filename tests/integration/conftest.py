"""The integration layer: a real PostgreSQL (started by tests/services.py) and a real Redis
(started by pytest-redis) with a real Celery worker in a subprocess."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


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
            [sys.executable, "-m", "celery", "-A", "thiduakt", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-heartbeat", "--without-gossip", "--without-mingle"],
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
