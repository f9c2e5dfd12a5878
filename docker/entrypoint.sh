#!/bin/sh
# Entrypoint of the thiduakt image.
#   migrate       apply the database migrations (the one-off "migrate" service)
#   healthcheck   exit 0 when the web server and its database answer (/healthz; the compose healthcheck)
#   healthcheck-backends
#                 exit 0 when the database and the broker answer (beat's compose healthcheck: beat
#                 itself is the container's main process, so the container lives as long as it does)
#   anything else is run as given (gunicorn, celery ..., python manage.py ...)
set -eu

require_secret_key() {
    if [ -z "${SECRET_KEY:-}" ]; then
        echo "Chưa đặt SECRET_KEY: hãy khai báo trong tệp .env (xem .env.example)." >&2
        exit 64
    fi
}

case "${1:-}" in
    migrate)
        require_secret_key
        exec python manage.py migrate --noinput
        ;;
    healthcheck)
        # /healthz answers "ok" after a query to the database; it needs no login and is exempt
        # from the HTTPS redirect. Send a Host that ALLOWED_HOSTS accepts.
        exec python - <<'PY'
import os
import sys
import urllib.request

hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip() not in ("", "*")]
host = hosts[0].lstrip(".") if hosts else "localhost"
request = urllib.request.Request(
    "http://127.0.0.1:8000/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # noqa: BLE001
    print(exc, file=sys.stderr)
    sys.exit(1)
PY
        ;;
    healthcheck-backends)
        exec python - <<'PY'
import sys

import django

django.setup()
from django.conf import settings
from django.db import connection
from kombu import Connection

try:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=5) as broker:
        broker.ensure_connection(max_retries=1)
except Exception as exc:  # noqa: BLE001
    print(exc, file=sys.stderr)
    sys.exit(1)
PY
        ;;
    gunicorn|celery)
        require_secret_key
        exec "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
