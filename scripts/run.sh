#!/usr/bin/env bash
# Serve thiduakt on the embedded defaults: the web server, and a Celery worker with beat
# (database schedule) on the filesystem broker under var/. Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DEBUG="${DEBUG:-true}"

"$PY" -m celery -A thiduakt worker --beat --loglevel=INFO --concurrency=1 \
  --scheduler django_celery_beat.schedulers:DatabaseScheduler \
  --schedule-filename var/celerybeat-schedule >var/celery.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM

"$PY" manage.py demo_logins --url "http://$HOST:$PORT/"
echo "Celery worker and beat: pid $worker, log in var/celery.log"
"$PY" manage.py runserver "$HOST:$PORT" --noreload
