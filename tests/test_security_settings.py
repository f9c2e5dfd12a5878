"""Production security settings: Django's deployment check, and the headers and cookies a real
response carries when thiduakt/settings.py is loaded with a production environment.

The production values are read by loading settings.py itself with such an environment (in a
subprocess for the deployment check, with runpy for the responses), so a setting that stops
deriving from SECURE_HTTPS, or a header that drops out of the middleware, is caught here.
"""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, make_office_user

ROOT = Path(__file__).resolve().parents[1]
HOST = "thiduakt.example.vn"

# Every name the security part of settings.py sets; the test applies them all.
SECURITY_SETTINGS = (
    "DEBUG",
    "MIDDLEWARE",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "CONTENT_SECURITY_POLICY_REPORT_ONLY",
)


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "CSP_"))}
    env.update(
        DEBUG="false",
        SECURE_HTTPS="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        THIDUAKT_VAR_DIR=str(tmp_path / "var"),
        DJANGO_SETTINGS_MODULE="thiduakt.settings",
        **extra,
    )
    return env


@pytest.fixture
def production_settings(settings, tmp_path, monkeypatch):
    """Apply the security settings that settings.py computes from a production environment."""

    def apply(**extra):
        for key, value in production_env(tmp_path, **extra).items():
            monkeypatch.setenv(key, value)
        loaded = runpy.run_path(str(ROOT / "thiduakt" / "settings.py"))
        for name in SECURITY_SETTINGS:
            setattr(settings, name, loaded[name])
        settings.ALLOWED_HOSTS = [*loaded["ALLOWED_HOSTS"], "testserver"]
        return loaded

    return apply


def test_deployment_check_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deployment_check_fails_on_the_development_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


@pytest.mark.django_db
def test_a_page_over_https_carries_every_security_header(production_settings):
    production_settings()
    client = Client()
    client.force_login(make_office_user())

    response = client.get(reverse("home"), secure=True, headers={"host": HOST})

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_login_over_https_sets_secure_http_only_cookies(production_settings):
    production_settings()
    user = make_office_user()
    client = Client()

    form = client.get(reverse("login"), secure=True, headers={"host": HOST})
    response = client.post(
        reverse("login"),
        {"username": user.username, "password": PASSWORD},
        secure=True,
        headers={"host": HOST},
    )

    assert response.status_code == 302
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"] is True
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_probe(production_settings):
    production_settings()
    client = Client()

    page = client.get(reverse("login"), headers={"host": HOST})
    probe = client.get(reverse("healthz"), headers={"host": HOST})
    behind_proxy = client.get(reverse("login"), headers={"host": HOST, "x-forwarded-proto": "https"})

    assert page.status_code == 301
    assert page["Location"] == f"https://{HOST}/accounts/login/"
    assert probe.status_code == 200
    assert behind_proxy.status_code == 200


@pytest.mark.django_db
def test_csp_report_only_sends_the_same_policy_without_enforcing_it(production_settings):
    loaded = production_settings(CSP_REPORT_ONLY="true")

    response = Client().get(reverse("login"), secure=True, headers={"host": HOST})

    assert loaded["CONTENT_SECURITY_POLICY"] is None
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
def test_the_policy_is_enforced_in_development_too(client):
    response = client.get(reverse("login"))

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_template_holds_an_inline_script_handler_or_style():
    """What the policy would block: inline scripts, on* handlers, style attributes and elements.

    E-mails are read in mail clients, not under this policy. Official documents (templates/documents)
    are laid out for WeasyPrint, which is not a browser: a page made only for a PDF may carry its
    own <style>; the browser preview goes through documents/base.html, which links its style sheet.
    """
    import re

    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        if "emails" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0) and "application/json" not in match.group(0):
                offenders.append((path.name, match.group(0)))
        offenders += [(path.name, m) for m in re.findall(r"\son[a-z]+\s*=", text)]
        offenders += [(path.name, m) for m in re.findall(r"\sstyle\s*=", text)]
        if "documents" not in path.parts or path.name == "base.html":
            offenders += [(path.name, m) for m in re.findall(r"<style\b", text)]
        offenders += [(path.name, m) for m in re.findall(r"javascript:", text)]

    assert offenders == []
