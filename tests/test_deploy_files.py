"""The deployment files: docker-compose.yml, Dockerfile, .env.example, the image's entrypoint.

No Docker engine is needed. The compose file is parsed as YAML (PyYAML) and validated by
docker-compose itself when it is installed.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
SETTINGS = ROOT / "thiduakt" / "settings.py"

# Settings the image fixes itself (paths inside the container); compose does not pass them on.
IMAGE_FIXED = {"STATIC_ROOT", "MEDIA_ROOT", "THIDUAKT_VAR_DIR"}
APP_SERVICES = ("web", "worker", "beat")

_READ = re.compile(
    r"""(?:\benv|Env\(\))\s*(?:\.(?:str|bool|int|float|list|tuple|dict|json|url|db|db_url|cache|cache_url|"""
    r"""email|email_url|path|search_url))?\(\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def settings_env_names() -> set[str]:
    return set(_READ.findall(SETTINGS.read_text(encoding="utf-8")))


def _yaml_load(path: Path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def compose():
    return _yaml_load(COMPOSE)


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def command_text(service) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def healthcheck_text(service) -> str:
    test = service.get("healthcheck", {}).get("test", "")
    return " ".join(test) if isinstance(test, list) else test


# --- settings documented -------------------------------------------------------------------------
def test_the_settings_scan_finds_the_known_settings():
    names = settings_env_names()

    assert {"SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "ALLOWED_HOSTS", "DEBUG", "THIDUAKT_VAR_DIR"} <= names
    assert len(names) >= 20


def test_every_setting_is_documented_in_env_example():
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M))

    missing = settings_env_names() - documented
    assert not missing, f"document these settings in .env.example: {sorted(missing)}"


def test_env_example_carries_no_real_secret():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")

    assert re.search(r"^SECRET_KEY=$", text, re.M)


# --- docker-compose.yml --------------------------------------------------------------------------
def test_compose_validates_with_docker_compose():
    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose is not installed")
    env = {k: v for k, v in os.environ.items() if k not in settings_env_names()}
    result = subprocess.run(
        ["docker-compose", "-f", str(COMPOSE), "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )

    assert result.returncode == 0, result.stderr


def test_compose_has_every_service_with_a_restart_policy(services):
    for name in ("postgres", "redis", *APP_SERVICES):
        assert name in services, name
        assert services[name].get("restart") in {"always", "unless-stopped", "on-failure"}, name


def test_postgres_and_redis_have_healthchecks_and_volumes(services):
    postgres, redis = services["postgres"], services["redis"]

    assert postgres["image"].startswith("postgres:15")
    assert "pg_isready" in healthcheck_text(postgres)
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert redis["image"].startswith("redis:7")
    assert "redis-cli ping" in healthcheck_text(redis)


def test_web_runs_gunicorn_with_a_healthcheck(services):
    web = services["web"]
    command = command_text(web)

    assert command.startswith("gunicorn") and "thiduakt.wsgi" in command
    assert re.search(r"--workers[= ]3\b", command)
    assert healthcheck_text(web)
    assert any(v.endswith(":/app/var/media") for v in web["volumes"])


def test_worker_and_beat_run_celery(services):
    worker, beat = command_text(services["worker"]), command_text(services["beat"])

    assert worker.startswith("celery -A thiduakt worker")
    assert healthcheck_text(services["worker"])
    assert beat.startswith("celery -A thiduakt beat")
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat


def test_app_services_wait_for_healthy_backends_and_the_migrations(services):
    migrators = [name for name, s in services.items() if command_text(s).split()[:1] == ["migrate"]]
    assert migrators == ["migrate"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"

    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name


def test_app_services_get_production_settings(services):
    for name in ("migrate", *APP_SERVICES):
        env = services[name]["environment"]
        assert env["DEBUG"] == "false", name
        assert env["CELERY_TASK_ALWAYS_EAGER"] == "false", name
        assert "postgres://" in env["DATABASE_URL"], name
        assert "redis://" in env["CELERY_BROKER_URL"], name


def test_app_services_pass_on_every_setting(services):
    wanted = settings_env_names() - IMAGE_FIXED

    for name in ("migrate", *APP_SERVICES):
        missing = wanted - set(services[name]["environment"])
        assert not missing, f"{name}: pass these settings on in docker-compose.yml: {sorted(missing)}"


def test_named_volumes_are_declared(compose):
    assert {"pgdata", "redisdata", "media"} <= set(compose["volumes"])


# --- Dockerfile and entrypoint -------------------------------------------------------------------
def test_dockerfile_builds_a_non_root_image_with_fonts_pango_and_static_files():
    text = DOCKERFILE.read_text(encoding="utf-8")

    assert re.search(r"^FROM python:3\.11-slim-bookworm\b", text, re.M)
    for package in ("fonts-croscore", "fonts-liberation2", "libpango-1.0-0", "libpangoft2-1.0-0", "gettext"):
        assert package in text, package
    assert "pip install -r requirements.txt" in text
    assert "compilemessages" in text
    assert "collectstatic --noinput" in text
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1] not in {"root", "0"}
    for name in IMAGE_FIXED:
        assert re.search(rf"\b{name}=/app/", text), name


def test_dockerignore_keeps_secrets_and_local_data_out():
    lines = set((ROOT / ".dockerignore").read_text(encoding="utf-8").split())

    assert {".env", ".venv", "var", ".git"} <= lines


def test_entrypoint_is_an_executable_shell_script():
    assert os.access(ENTRYPOINT, os.X_OK)
    assert subprocess.run(["sh", "-n", str(ENTRYPOINT)]).returncode == 0


def test_entrypoint_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        ["sh", str(ENTRYPOINT), "gunicorn", "--version"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )

    assert result.returncode == 64
    assert "SECRET_KEY" in result.stderr


# --- production completeness ---------------------------------------------------------------------
LONG_RUNNING = ("postgres", "redis", "web", "worker", "beat")


def test_every_long_running_service_has_a_healthcheck(services):
    for name in LONG_RUNNING:
        check = services[name].get("healthcheck", {})
        assert healthcheck_text(services[name]), name
        assert check.get("interval") and check.get("retries"), name


def test_the_web_probe_calls_healthz_and_the_worker_probe_pings_celery(services):
    entrypoint = ENTRYPOINT.read_text(encoding="utf-8")

    assert healthcheck_text(services["web"]).endswith("entrypoint.sh healthcheck")
    assert '"http://127.0.0.1:8000/healthz"' in entrypoint
    assert "celery -A thiduakt inspect ping" in healthcheck_text(services["worker"])
    assert healthcheck_text(services["beat"]).endswith("entrypoint.sh healthcheck-backends")
    assert "healthcheck-backends)" in entrypoint


def test_media_and_backups_live_in_volumes(compose, services):
    assert "backups" in compose["volumes"]
    assert any(v.endswith(":/app/var/backups") for v in services["web"]["volumes"])
    assert any(v.endswith(":/app/var/media") for v in services["worker"]["volumes"])


def test_the_image_can_back_up_and_restore_postgresql():
    text = DOCKERFILE.read_text(encoding="utf-8")

    assert "postgresql-client" in text
    assert "libharfbuzz-subset0" in text
    assert "/app/var/backups" in text
    assert (ROOT / "scripts" / "backup.sh").exists()
    assert (ROOT / "scripts" / "restore.sh").exists()
