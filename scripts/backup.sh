#!/usr/bin/env bash
# Back up the database and the uploaded files into a new folder BACKUP_DIR/<YYYYmmdd-HHMMSS>/:
#   database.pgdump    PostgreSQL: pg_dump in the custom format (restored with pg_restore)
#   database.sqlite3   SQLite (the demo default): a consistent copy through SQLite's backup API
#   media.tar.gz       everything under MEDIA_ROOT (dossiers, evidence, submissions)
#   SHA256SUMS         checksums of the three, checked again by scripts/restore.sh
# The database and MEDIA_ROOT are the application's own (DATABASE_URL, MEDIA_ROOT, .env), read
# through Django's settings. BACKUP_DIR defaults to var/backups. The last line printed is the
# folder. `make backup`; in Docker: `docker-compose run --rm web scripts/backup.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PY:-}" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi
BACKUP_DIR="${BACKUP_DIR:-var/backups}"

# DB_ENGINE, DB_NAME, MEDIA_ROOT and the PG* variables libpq reads, from Django's settings.
eval "$("$PY" scripts/backup_settings.py)"

stamp="$(date +%Y%m%d-%H%M%S)"
dest="$BACKUP_DIR/$stamp"
n=1
while [ -e "$dest" ]; do dest="$BACKUP_DIR/$stamp-$n"; n=$((n + 1)); done
mkdir -p "$dest"
chmod 700 "$dest"
echo "Sao lưu vào $dest" >&2

case "$DB_ENGINE" in
  postgresql)
    pg_dump --format=custom --no-owner --no-privileges --file="$dest/database.pgdump"
    ;;
  sqlite3)
    "$PY" scripts/sqlite_copy.py "$DB_NAME" "$dest/database.sqlite3"
    ;;
  *)
    echo "Không hỗ trợ sao lưu cơ sở dữ liệu loại $DB_ENGINE." >&2
    exit 2
    ;;
esac

mkdir -p "$MEDIA_ROOT"
tar --create --gzip --file="$dest/media.tar.gz" --directory="$MEDIA_ROOT" .

(cd "$dest" && sha256sum database.* media.tar.gz > SHA256SUMS)
echo "Đã sao lưu: cơ sở dữ liệu ($DB_ENGINE) và tệp tải lên ($MEDIA_ROOT)." >&2
echo "$dest"
