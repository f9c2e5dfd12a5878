"""Guards over the whole project: migrations, documentation, and every URL behind a login."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[1]
PROJECT_APPS = {"units", "catalog", "notifications", "plans", "campaigns", "awards", "reports"}
PUBLIC_URL_NAMES = {
    "login",
    "set_language",
    "javascript-catalog",
    "notifications:calendar-feed",
    "healthz",
    "verify-document",  # anyone holding a PDF checks it (units.views_documents.VerifyView)
}


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        pytest.fail(f"Missing migrations:\n{out.getvalue()} ({exc})")


def test_readme_documents_every_setting_read_from_the_environment():
    settings_source = (ROOT / "thiduakt" / "settings.py").read_text()
    names = set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", settings_source))
    readme = (ROOT / "README.md").read_text()

    missing = sorted(name for name in names if f"`{name}`" not in readme)

    assert names, "no settings found: the pattern above no longer matches settings.py"
    assert missing == []


def test_readme_documents_every_management_command_of_the_project():
    ours = sorted(name for name, app in get_commands().items() if app in PROJECT_APPS)
    readme = (ROOT / "README.md").read_text()

    missing = [name for name in ours if f"manage.py {name}" not in readme]

    assert missing == []


def test_readme_opens_with_the_two_commands():
    lines = [line for line in (ROOT / "README.md").read_text().splitlines() if line.strip()]

    block = lines[1:5]

    assert block[0] == "```sh"
    assert block[1].startswith("make run")
    assert block[2].startswith("make test")


def _named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.namespace == "admin":
                continue
            yield from _named_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def _sample_url(name, pattern):
    from django.urls import NoReverseMatch, reverse

    converters = pattern.pattern.converters
    kwargs = {}
    for key, conv in converters.items():
        kwargs[key] = "1" if conv.regex == "[0-9]+" else "x"
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


@pytest.mark.django_db
def test_every_page_requires_a_login(client):
    checked, leaks = 0, []
    for name, pattern in _named_patterns():
        if name in PUBLIC_URL_NAMES or name.startswith("admin:"):
            continue
        url = _sample_url(name, pattern)
        if url is None:
            continue

        response = client.get(url)

        checked += 1
        if response.status_code not in (302, 403, 405):
            leaks.append((name, url, response.status_code))
        elif response.status_code == 302 and "/accounts/login/" not in response.url:
            leaks.append((name, url, response.url))
    assert checked >= 3
    assert leaks == []
