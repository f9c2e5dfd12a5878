"""The health endpoint the container probe and a load balancer call: no login, a database check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_healthz_answers_ok_without_a_login(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_only_reads(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_healthz_says_503_when_the_database_does_not_answer(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print(r.status_code, r.content.decode())\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thiduakt.settings",
        "THIDUAKT_VAR_DIR": str(tmp_path),
        # A database file in a folder that does not exist cannot be opened.
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing/folder/db.sqlite3",
        "LOG_LEVEL": "CRITICAL",
    }

    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["503", "database", "unavailable"]
