"""Copy one SQLite database into another through SQLite's backup API: a consistent copy even while
the application is writing to the source, which is opened read-only. scripts/backup.sh copies the
application's database into a backup folder with it, scripts/restore.sh copies a backup back.

    python scripts/sqlite_copy.py SOURCE TARGET
"""

import sqlite3
import sys


def sqlite_copy(source_path: str, target_path: str) -> None:
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(target_path, timeout=30)  # waits for a writer still holding the lock
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("Cách dùng: python scripts/sqlite_copy.py NGUON DICH")
    sqlite_copy(sys.argv[1], sys.argv[2])
