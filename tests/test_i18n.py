"""English translation: the catalog compiles, is (nearly) complete, and the site switches language.

Vietnamese is the source language (every msgid is Vietnamese); English lives in
locale/en/LC_MESSAGES/django.po. New strings keep arriving, so completeness is a
threshold rather than 100%: the failure message lists what is missing.
"""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import PASSWORD, make_office_user

ROOT = Path(__file__).resolve().parents[1]
PO_FILE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MIN_TRANSLATED = 0.95


# --- a small .po reader (polib is not a project dependency) ------------------------------------------
def _unquote(line):
    """The text of one quoted .po string, with its C escapes resolved."""
    return ast.literal_eval(line)


def read_po(path=PO_FILE):
    """Entries as dicts: msgid, msgid_plural, msgstr (list of forms), flags, obsolete. Header excluded."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and entry.get("msgid") is not None:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"msgid": None, "msgid_plural": None, "msgstr": {}, "flags": set(), "obsolete": False}
        if line.startswith("#~"):
            entry["obsolete"] = True
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        elif line.startswith("#"):
            continue
        if line.startswith("msgctxt "):
            field, entry["msgctxt"] = "msgctxt", _unquote(line[8:])
        elif line.startswith("msgid_plural "):
            field, entry["msgid_plural"] = "msgid_plural", _unquote(line[13:])
        elif line.startswith("msgid "):
            field, entry["msgid"] = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr["):
            index, text = line[7:].split("]", 1)
            field = ("msgstr", int(index))
            entry["msgstr"][int(index)] = _unquote(text.strip())
        elif line.startswith("msgstr "):
            field = ("msgstr", 0)
            entry["msgstr"][0] = _unquote(line[7:])
        elif line.startswith('"') and field is not None:
            text = _unquote(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += text
            else:
                entry[field] += text
    finish()
    header = [e for e in entries if e["msgid"] == ""]
    return header[0] if header else None, [e for e in entries if e["msgid"] != "" and not e["obsolete"]]


def _is_translated(entry):
    forms = entry["msgstr"]
    wanted = 2 if entry["msgid_plural"] is not None else 1
    return len(forms) >= wanted and all(forms.get(i) for i in range(wanted)) and "fuzzy" not in entry["flags"]


@pytest.fixture(scope="module")
def compiled_locale(tmp_path_factory):
    """The current .po compiled with msgfmt into a private folder (never the stale .mo of a checkout)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext (msgfmt) is not installed")
    locale_dir = tmp_path_factory.mktemp("locale")
    target = locale_dir / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(target / "django.mo"), str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt rejected {PO_FILE}:\n{result.stderr}"
    return locale_dir


@pytest.fixture
def english_catalog(settings, compiled_locale):
    settings.LOCALE_PATHS = [compiled_locale]  # the setting_changed signal resets Django's catalog cache
    return compiled_locale


# --- (a) the catalog itself ---------------------------------------------------------------------------
def test_po_header_declares_english_with_two_plural_forms():
    header, _entries = read_po()

    assert header is not None
    text = header["msgstr"][0]
    assert "Language: en\n" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in text
    assert "fuzzy" not in header["flags"]


def test_po_compiles(compiled_locale):
    assert (compiled_locale / "en" / "LC_MESSAGES" / "django.mo").stat().st_size > 0


def test_almost_every_string_is_translated():
    _header, entries = read_po()
    missing = [e["msgid"] for e in entries if not _is_translated(e)]
    share = 1 - len(missing) / len(entries)

    assert len(entries) > 500, "the catalog looks truncated: run makemessages -l en"
    assert share >= MIN_TRANSLATED, (
        f"only {share:.1%} of {len(entries)} strings are translated into English "
        f"(minimum {MIN_TRANSLATED:.0%}). Untranslated or fuzzy:\n" + "\n".join(f"  {m!r}" for m in missing)
    )


def test_translations_keep_the_placeholders_of_the_source():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    wrong = []
    for entry in read_po()[1]:
        if not _is_translated(entry):
            continue
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, source in enumerate(sources[: len(entry["msgstr"])]):
            if sorted(placeholder.findall(source)) != sorted(placeholder.findall(entry["msgstr"][index])):
                wrong.append((entry["msgid"], entry["msgstr"][index]))

    assert wrong == []


# --- (b) core strings translate ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("Đăng nhập", "Log in"),
        ("Đăng xuất", "Log out"),
        ("Đơn vị", "Units"),
        ("Kế hoạch", "Plans"),
        ("Phong trào thi đua", "Emulation campaigns"),
        ("Thường trực TĐKT", "Emulation office"),
    ],
)
def test_core_strings_translate_into_english(english_catalog, source, english):
    with translation.override("en"):
        assert gettext(source) == english
    with translation.override("vi"):
        assert gettext(source) == source


def test_plural_forms_translate(english_catalog):
    with translation.override("en"):
        one = ngettext("%(counter)s thông báo chưa đọc", "%(counter)s thông báo chưa đọc", 1)
        many = ngettext("%(counter)s thông báo chưa đọc", "%(counter)s thông báo chưa đọc", 3)

    assert one % {"counter": 1} == "1 unread notification"
    assert many % {"counter": 3} == "3 unread notifications"


# --- (c) the language switch in the footer -----------------------------------------------------------
@pytest.mark.django_db
def test_set_language_switches_a_logged_in_page_to_english(client, english_catalog):
    user = make_office_user()
    # The login throttle (django-axes) keys on the request, which client.login must then pass on.
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)

    vietnamese = client.get(reverse("home")).content.decode()
    assert "Đăng xuất" in vietnamese

    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302

    page = client.get(reverse("home"))
    html = page.content.decode()

    assert page.status_code == 200
    assert '<html lang="en">' in html
    for label in ("Units", "Plans", "Emulation campaigns", "Log out"):
        assert f">{label}<" in html, f"navigation label {label!r} is not in English"
    assert "Đăng xuất" not in html

    client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")})
    assert "Đăng xuất" in client.get(reverse("home")).content.decode()
