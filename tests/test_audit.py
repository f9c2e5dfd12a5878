"""`make audit`'s dependency verdict: pip-audit's JSON report read as checked, vulnerable or not
audited at all (the vulnerability data out of reach must never pass as "no vulnerabilities")."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "audit_deps.py"

CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}
VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {
            "name": "whitenoise",
            "version": "6.12.0",
            "vulns": [
                {
                    "id": "PYSEC-0000-1",
                    "fix_versions": ["6.12.1"],
                    "aliases": [],
                    "description": "Path traversal.",
                }
            ],
        },
    ],
    "fixes": [],
}
UNREACHABLE = {
    "dependencies": [
        {
            "name": "django",
            "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)",
        },
        {"name": "whitenoise", "version": "6.12.0", "vulns": []},
    ],
    "fixes": [],
}


def judge(tmp_path, report, **env):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report))
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--report", str(path)],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k != "AUDIT_OFFLINE"}, **env},
    )


def test_every_package_checked_and_clean_passes(tmp_path):
    result = judge(tmp_path, CLEAN)

    assert result.returncode == 0
    assert "1 packages checked, no known vulnerabilities" in result.stdout


def test_a_known_vulnerability_fails_with_its_fix(tmp_path):
    result = judge(tmp_path, VULNERABLE)

    assert result.returncode == 1
    assert "VULNERABLE whitenoise 6.12.0: PYSEC-0000-1 (fixed in: 6.12.1)" in result.stdout


@pytest.mark.parametrize("offline", [None, "warn"])
def test_a_package_that_could_not_be_checked_is_reported_as_not_audited(tmp_path, offline):
    result = judge(tmp_path, UNREACHABLE, **({"AUDIT_OFFLINE": offline} if offline else {}))

    assert "NOT AUDITED" in result.stderr
    assert "1 of 2 packages (django)" in result.stderr
    assert result.returncode == (0 if offline == "warn" else 3)


def test_a_vulnerability_fails_even_when_offline_is_tolerated(tmp_path):
    result = judge(
        tmp_path,
        {"dependencies": UNREACHABLE["dependencies"] + VULNERABLE["dependencies"]},
        AUDIT_OFFLINE="warn",
    )

    assert result.returncode == 1
