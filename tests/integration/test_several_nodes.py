"""The same code on several machines: two gunicorn nodes, each with its own working folder and
no local cache of its own, on one PostgreSQL and one Redis (the private test servers), plus a
node that reads report pages from a replica, and two workers. What one node changes, the other
shows: the session, the office dashboard, an uploaded file; a reminder goes out once."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications.tasks import task_reminders_scan
from tests.factories import (
    PASSWORD,
    SubmissionRequestFactory,
    UnitFactory,
    UnitSubmissionFactory,
    make_office_user,
    make_pdf_bytes,
    make_unit_head,
)
from tests.services import _pg_bin

from .conftest import REMINDER_QUEUE, ROOT
from .smtp_sink import SmtpSink

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

User = get_user_model()
SECRET = "several-nodes-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


# ---------------------------------------------------------------------------------------------
# Nodes and a browser
# ---------------------------------------------------------------------------------------------
def _database_url(name=None):
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name or db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nodes:
    def __init__(self, *, redis_url, tmp_path: Path):
        self.redis_url, self.tmp_path = redis_url, tmp_path
        self.media = tmp_path / "shared-media"  # the volume every node mounts
        self.media.mkdir()
        self.procs = {}

    def start(self, name, **env):
        workdir = self.tmp_path / f"node-{name}"  # its own working folder, var and static folders
        workdir.mkdir()
        port = _free_port()
        full_env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CACHE_"))},
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "thiduakt.settings",
            "DATABASE_URL": _database_url(),
            "CACHE_URL": f"{self.redis_url}/2",
            "CELERY_BROKER_URL": f"{self.redis_url}/0",
            "DEBUG": "false",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_MANIFEST": "false",
            "THIDUAKT_VAR_DIR": str(workdir / "var"),
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(self.media),
            "EMAIL_URL": "consolemail://",
            **env,
        }
        log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "thiduakt.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=60",
            ],
            cwd=workdir,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        proc.logfile, proc.url = log, f"http://127.0.0.1:{port}"
        self.procs[name] = proc
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"node {name} exited:\n{(workdir / 'gunicorn.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{proc.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return proc.url
            except OSError:
                time.sleep(0.2)
        pytest.fail(f"node {name} not answering in 40 s:\n{(workdir / 'gunicorn.log').read_text()}")

    def stop(self, name):
        proc = self.procs.pop(name)
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        proc.logfile.close()

    def stop_all(self):
        for name in list(self.procs):
            self.stop(name)


@pytest.fixture
def nodes(redis_url, tmp_path):
    started = Nodes(redis_url=redis_url, tmp_path=tmp_path)
    yield started
    started.stop_all()


class Browser:
    """One person's browser: one cookie jar, whatever node the proxy hands the request to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _open(self, request):
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.geturl()
        with response:
            return response.status, response.read(), response.geturl()

    def get(self, url):
        return self._open(urllib.request.Request(url))  # noqa: S310 (http://127.0.0.1 only)

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, url, fields, files=None):
        fields = {"csrfmiddlewaretoken": self.csrf(), **fields}
        if not files:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        else:
            boundary = uuid.uuid4().hex
            parts = []
            for key, value in fields.items():
                disposition = f'Content-Disposition: form-data; name="{key}"'
                parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
            for key, (filename, content, mime) in files.items():
                head = (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                    f"Content-Type: {mime}\r\n\r\n"
                )
                parts.append(head.encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        headers = {"Content-Type": content_type, "Referer": url}
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 (http://127.0.0.1)
        return self._open(request)

    def login(self, node_url, username):
        # The test process hashes with MD5 for speed; the nodes know production's hashers only.
        user = User.objects.get(username=username)
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, "severalnodes", iterations=1000)
        user.save(update_fields=["password"])
        self.get(f"{node_url}/accounts/login/")
        status, _body, final = self.post(
            f"{node_url}/accounts/login/", {"username": username, "password": PASSWORD}
        )
        assert status == 200 and "/accounts/login/" not in final, final


def _on_time(dashboard_html: bytes) -> int:
    table = dashboard_html.decode().split('id="submission-totals"', 1)[1]
    return int(re.search(r'data-state="on_time">(\d+)<', table).group(1))


# ---------------------------------------------------------------------------------------------
# Two web nodes
# ---------------------------------------------------------------------------------------------
def test_a_session_made_on_one_node_is_valid_on_the_other_and_a_logout_ends_it_on_both(nodes):
    a, b = nodes.start("a"), nodes.start("b")
    user = make_office_user(username="vanphong")
    browser = Browser()

    browser.login(a, user.username)
    on_b = browser.get(f"{b}/")
    browser.post(f"{a}/accounts/logout/", {})
    after_logout = browser.get(f"{b}/")

    assert on_b[0] == 200 and "/accounts/login/" not in on_b[2]
    assert "/accounts/login/" in after_logout[2]


def test_a_change_through_one_node_shows_on_the_other_and_an_uploaded_file_is_served_by_both(nodes):
    a, b = nodes.start("a"), nodes.start("b")
    unit = UnitFactory(name="Trung tâm Y tế Biên Hòa")
    head, office = make_unit_head(unit, username="ttytbh"), make_office_user(username="vanphong")
    submission = UnitSubmissionFactory(
        request=SubmissionRequestFactory(due_date=timezone.localdate() + timezone.timedelta(days=1)),
        unit=unit,
    )
    office_browser, head_browser = Browser(), Browser()
    office_browser.login(b, office.username)
    head_browser.login(a, head.username)
    dashboard = reverse("reports:dashboard")

    before = office_browser.get(f"{b}{dashboard}")[1]
    cached = office_browser.get(f"{b}{dashboard}")[1]
    upload = reverse("plans:submission-upload", args=[submission.pk])
    head_browser.get(f"{a}{upload}")
    status, _body, final = head_browser.post(
        f"{a}{upload}", {"note": ""}, files={"file": ("bao-cao.pdf", make_pdf_bytes(), "application/pdf")}
    )
    after = office_browser.get(f"{b}{dashboard}")[1]
    download = reverse("plans:submission-file", args=[submission.pk])
    from_a = office_browser.get(f"{a}{download}")
    from_b = office_browser.get(f"{b}{download}")

    assert status == 200 and upload not in final
    assert _on_time(before) == _on_time(cached) == 0
    assert _on_time(after) == 1  # the upload on node a renewed node b's cached dashboard
    assert from_a[0] == from_b[0] == 200
    assert from_a[1] == from_b[1] == make_pdf_bytes()
    assert not any(
        (nodes.tmp_path / f"node-{n}" / "var" / "media").exists()
        and any((nodes.tmp_path / f"node-{n}" / "var" / "media").rglob("*.pdf"))
        for n in ("a", "b")
    )


# ---------------------------------------------------------------------------------------------
# A replica for the read-only report pages
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def replica_database():
    """A second database standing in for a streaming replica: a copy of the test database."""
    name = f"{connection.settings_dict['NAME']}_replica"
    db = connection.settings_dict
    psql = [_pg_bin("psql"), "-q", "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"]]
    subprocess.run(
        [*psql, "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True, timeout=60
    )
    subprocess.run([*psql, "-d", "postgres", "-c", f'CREATE DATABASE "{name}"'], check=True, timeout=60)

    def copy():
        dump = subprocess.run(
            [
                _pg_bin("pg_dump"),
                "-h",
                db["HOST"],
                "-p",
                str(db["PORT"]),
                "-U",
                db["USER"],
                "--no-owner",
                db["NAME"],
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [*psql, "-d", name, "-v", "ON_ERROR_STOP=1"],
            input=dump.stdout,
            check=True,
            capture_output=True,
            timeout=120,
        )
        return name

    yield copy
    subprocess.run(
        [*psql, "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
        check=False,
        timeout=60,
    )


def test_report_pages_read_the_replica_and_everything_else_the_primary(nodes, replica_database):
    unit = UnitFactory(name="Bệnh viện Đa khoa Thống Nhất")
    office = make_office_user(username="vanphong")
    name = replica_database()  # the replica as of now
    type(unit).objects.filter(pk=unit.pk).update(name="Bệnh viện Đa khoa Đồng Nai")  # the primary moves on
    with_replica = nodes.start("replica", DATABASE_REPLICA_URL=_database_url(name))
    primary_only = nodes.start("a")
    browser = Browser()
    browser.login(with_replica, office.username)  # the login writes the session: to the primary
    history = reverse("reports:history-unit", args=[unit.pk])
    units = reverse("units:detail", args=[unit.pk])

    report_from_replica = browser.get(f"{with_replica}{history}")
    page_from_primary = browser.get(f"{with_replica}{units}")
    report_without_replica = browser.get(f"{primary_only}{history}")

    assert report_from_replica[0] == 200 and "Thống Nhất" in report_from_replica[1].decode()
    assert "Đồng Nai" in page_from_primary[1].decode() and "Thống Nhất" not in page_from_primary[1].decode()
    assert "Đồng Nai" in report_without_replica[1].decode()


# ---------------------------------------------------------------------------------------------
# Two workers
# ---------------------------------------------------------------------------------------------
def test_two_workers_on_two_machines_mail_each_reminder_once(reminder_workers):
    sink = SmtpSink().start()
    try:
        due = timezone.localdate(timezone=timezone.get_default_timezone()) + timezone.timedelta(days=7)
        heads = [
            make_unit_head(UnitFactory(code=f"NV-{i:03d}", valid_to=due), username=f"head{i:03d}")
            for i in range(12)
        ]
        for name in ("machine-1", "machine-2"):
            reminder_workers.start(name, env={"EMAIL_URL": sink.url, "THIDUAKT_TEST_PROVIDER_DELAY": "0.05"})
        results = [task_reminders_scan.apply_async(queue=REMINDER_QUEUE) for _ in range(4)]
        counts = [r.get(timeout=90) for r in results]
        time.sleep(0.5)
        ids = sink.message_ids()
    finally:
        sink.stop()

    assert sum(c["sent"] for c in counts) == 12
    assert len(ids) == len(set(ids)) == 12
    assert sorted(sink.recipients()) == sorted(h.email for h in heads)
