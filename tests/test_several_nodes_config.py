"""The configuration of several web nodes and workers: nothing a node needs kept in its process or
on its own disk, the compose file scalable, the optional object store and replica configured from
the environment. Each settings case loads the settings in a fresh process, as a node does."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
out = {
    "session_engine": settings.SESSION_ENGINE,
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "databases": sorted(settings.DATABASES),
    "replica_test": settings.DATABASES.get("replica", {}).get("TEST"),
    "replica_name": settings.DATABASES.get("replica", {}).get("NAME"),
}
if out["storage"].endswith("S3Storage"):
    out["url"] = default_storage.url("dossiers/to-trinh.pdf")
print(json.dumps(out))
"""


def _settings_with(tmp_path, **env):
    ours = ("AWS_", "MEDIA_", "CACHE_", "DATABASE_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "thiduakt.settings", "THIDUAKT_VAR_DIR": str(tmp_path)} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sessions_are_in_the_database_read_through_a_shared_cache_only(tmp_path):
    shared = _settings_with(tmp_path, CACHE_URL="redis://redis:6379/2")
    local = _settings_with(tmp_path, CACHE_URL="locmemcache://")

    assert shared["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert local["session_engine"] == "django.contrib.sessions.backends.db"


def test_files_go_to_a_private_s3_bucket_when_asked(tmp_path):
    s3 = _settings_with(
        tmp_path,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="thiduakt-files",
        AWS_S3_ENDPOINT_URL="https://s3.example.vn",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="example-secret",
    )
    default = _settings_with(tmp_path)

    assert s3["storage"] == "storages.backends.s3.S3Storage"
    assert s3["url"].startswith("https://s3.example.vn/thiduakt-files/media/dossiers/to-trinh.pdf?")
    assert "Signature" in s3["url"]  # a signed, expiring address: the bucket is not public
    assert default["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_a_replica_is_a_second_database_alias_only_when_configured(tmp_path):
    with_replica = _settings_with(
        tmp_path,
        DATABASE_URL="postgres://thiduakt@db:5432/thiduakt",
        DATABASE_REPLICA_URL="postgres://thiduakt_ro@db-replica:5432/thiduakt",
    )
    without = _settings_with(tmp_path, DATABASE_URL="postgres://thiduakt@db:5432/thiduakt")

    assert with_replica["databases"] == ["default", "replica"]
    assert with_replica["replica_name"] == "thiduakt"
    assert with_replica["replica_test"]["MIRROR"] == "default"
    assert without["databases"] == ["default"]


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]


def test_web_and_worker_scale_behind_the_proxy_and_beat_runs_once(services):
    for name in ("web", "worker"):
        assert "container_name" not in services[name], name
        assert "ports" not in services[name], name  # a fixed host port stops --scale web=3
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert any(p.endswith(":8080") for p in proxy["ports"])
    assert "./docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert "deploy" not in services["beat"] and "container_name" not in services["beat"]
    assert "DatabaseScheduler" in " ".join(services["beat"]["command"])
    assert any(v.endswith(":/app/var/media") for v in services["worker"]["volumes"])


def test_the_proxy_follows_the_web_replicas_and_serves_no_files():
    conf = (ROOT / "docker" / "nginx.conf").read_text(encoding="utf-8")

    assert "resolver 127.0.0.11" in conf and "set $web http://web:8000;" in conf
    assert "proxy_pass $web;" in conf
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in conf
    assert "/media" not in conf.replace("no /media/ location", "")


def test_every_page_sent_to_the_replica_exists_and_only_reads():
    from reports import urls
    from thiduakt.db_routers import REPLICA_VIEWS

    report_names = {f"reports:{p.name}" for p in urls.urlpatterns}

    assert report_names >= REPLICA_VIEWS
    assert "reports:dashboard" not in REPLICA_VIEWS  # cached until the next change: never from a lagging copy
    assert not {name for name in REPLICA_VIEWS if "summary" in name or "decision" in name}
