#!/usr/bin/env bash
# Install the Debian packages thiduakt needs when they are missing.
#   scripts/sysdeps.sh run   fonts with full Vietnamese coverage, gettext
#   scripts/sysdeps.sh test  + PostgreSQL, Redis, Chromium, poppler-utils, docker-compose,
#                            LibreOffice Writer (opens the DOCX files as a real client does)
#   scripts/sysdeps.sh bench + PostgreSQL and wrk (make bench)
set -euo pipefail
profile="${1:-run}"
missing=()

need() { # need PACKAGE CHECK-COMMAND...
  local pkg="$1"; shift
  if ! "$@" >/dev/null 2>&1; then missing+=("$pkg"); fi
}

need fonts-croscore bash -c 'fc-list | grep -qi tinos'
need fonts-liberation2 bash -c 'fc-list | grep -qi "Liberation Serif" && dpkg -s fonts-liberation2'
need gettext command -v msgfmt
need fontconfig command -v fc-list
if [ "$profile" = "test" ]; then
  need poppler-utils command -v pdftotext
  need redis-server command -v redis-server
  need postgresql bash -c 'ls /usr/lib/postgresql/*/bin/initdb'
  need chromium test -x /usr/bin/chromium
  need docker-compose command -v docker-compose
  need libreoffice-writer-nogui command -v soffice
fi
if [ "$profile" = "bench" ]; then
  need postgresql bash -c 'ls /usr/lib/postgresql/*/bin/initdb'
  need wrk command -v wrk
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "These Debian packages are missing and this user cannot install them: ${missing[*]}" >&2
    echo "Ask an administrator to run: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
