#!/usr/bin/env bash
# Restore a folder written by scripts/backup.sh: the database, then the uploaded files.
#   scripts/restore.sh [--yes] BACKUP_FOLDER
# PostgreSQL: pg_restore --clean --if-exists (every table is replaced by the backup's);
# SQLite: the backup copied back through SQLite's backup API. MEDIA_ROOT is emptied and refilled
# from media.tar.gz. Stop web, worker and beat first. Without --yes it asks before it starts
# (and refuses when nobody can answer). `make restore FROM=var/backups/<folder>`.
set -euo pipefail
cd "$(dirname "$0")/.."

yes=""
if [ "${1:-}" = "--yes" ]; then yes=1; shift; fi
src="${1:-}"
if [ -z "$src" ] || [ ! -d "$src" ]; then
  echo "Cách dùng: scripts/restore.sh [--yes] THU_MUC_SAO_LUU (một thư mục do scripts/backup.sh tạo)" >&2
  exit 2
fi
src="$(cd "$src" && pwd)"

if [ -z "${PY:-}" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi
eval "$("$PY" scripts/backup_settings.py)"

(cd "$src" && sha256sum --check --quiet SHA256SUMS) || {
  echo "Bản sao lưu $src bị hỏng hoặc thiếu tệp (SHA256SUMS không khớp): không khôi phục." >&2
  exit 3
}
case "$DB_ENGINE" in
  postgresql) dump="$src/database.pgdump" ;;
  sqlite3) dump="$src/database.sqlite3" ;;
  *) echo "Không hỗ trợ khôi phục cơ sở dữ liệu loại $DB_ENGINE." >&2; exit 2 ;;
esac
if [ ! -f "$dump" ]; then
  echo "Bản sao lưu $src không dành cho cơ sở dữ liệu $DB_ENGINE (không có $(basename "$dump"))." >&2
  exit 3
fi
tar --list --gzip --file="$src/media.tar.gz" > /dev/null

if [ -z "$yes" ]; then
  if [ ! -t 0 ]; then
    echo "Khôi phục sẽ ghi đè cơ sở dữ liệu và tệp tải lên: chạy lại với --yes để xác nhận." >&2
    exit 2
  fi
  read -r -p "Ghi đè cơ sở dữ liệu ($DB_ENGINE) và $MEDIA_ROOT bằng $src? Gõ 'co' để tiếp tục: " answer
  [ "$answer" = "co" ] || { echo "Đã hủy." >&2; exit 1; }
fi

case "$DB_ENGINE" in
  postgresql)
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
      --dbname="$PGDATABASE" "$dump"
    ;;
  sqlite3)
    "$PY" scripts/sqlite_copy.py "$dump" "$DB_NAME"
    ;;
esac

mkdir -p "$MEDIA_ROOT"
# The folder may be a mount point (the Docker volume): empty it rather than replace it.
find "$MEDIA_ROOT" -mindepth 1 -delete
tar --extract --gzip --file="$src/media.tar.gz" --directory="$MEDIA_ROOT" --no-same-owner
echo "Đã khôi phục từ $src: cơ sở dữ liệu ($DB_ENGINE) và tệp tải lên ($MEDIA_ROOT)." >&2
