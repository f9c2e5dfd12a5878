"""``make bench``: every benchmark on a private PostgreSQL holding a province of data.

    python -m bench.run [--port 5460] [--scale province|ten]
        [--only generate,queries,plans,importer,documents,dashboard,eligibility,rejudge,load,council,forms]

Starts PostgreSQL on 127.0.0.1:5460 (``tests.services``: Debian's initdb and pg_ctl into a
temporary folder, removed at the end), creates the database, migrates it, copies the empty
migrated database as a template for the second data set, generates the province (``bench.generate``;
``--scale ten``: ten provinces) and the second data set a tenth of its size (the small data; the
province beside ten provinces), runs ``VACUUM ANALYZE``, collects the static files, then runs each benchmark
as its own process on that database with production-like settings (``DEBUG=false``, hashed
static files served by WhiteNoise) and prints what they print: ``name value unit`` lines.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from bench.figures import figure

ROOT = Path(__file__).resolve().parents[1]
STEPS = [
    "generate",
    "queries",
    "plans",
    "importer",
    "documents",
    "dashboard",
    "eligibility",
    "rejudge",
    "load",
    "council",
    "forms",
]


def admin_sql(port: int, *statements: str, dbname: str = "postgres") -> None:
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname=dbname)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        conn.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5460, help="port of the private PostgreSQL")
    parser.add_argument("--only", help="comma-separated steps to run (generate always runs)")
    parser.add_argument(
        "--scale",
        choices=["province", "ten"],
        default="province",
        help="the data measured: a province, or ten (the query counts are compared with a tenth of it)",
    )
    parser.add_argument("--load-seconds", type=int, default=15, help="seconds of load on each page")
    args = parser.parse_args(argv)
    steps = set(args.only.split(",")) | {"generate"} if args.only else set(STEPS)

    from tests.services import postgres_server

    os.environ.pop("THIDUAKT_TEST_PG_URL", None)  # always a private, throwaway server
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    with postgres_server(port=args.port) as url:
        base = url.rsplit("/", 1)[0]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"{base}/thiduakt",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "THIDUAKT_VAR_DIR": str(var),
            "STATIC_ROOT": str(var / "static"),
            "STATIC_MANIFEST": "true",
            "EMAIL_URL": "dummymail://",
            "LOG_LEVEL": "WARNING",
            "BENCH_SCALE": args.scale,
        }
        small = {**env, "DATABASE_URL": f"{base}/thiduakt_small"}
        small_scale = "small" if args.scale == "province" else "province"

        def run(*command, on=env):
            result = subprocess.run([sys.executable, *command], cwd=ROOT, env=on)
            if result.returncode:
                raise SystemExit(f"{' '.join(command)} failed ({result.returncode})")

        admin_sql(args.port, "CREATE DATABASE thiduakt")
        start = time.perf_counter()
        run("manage.py", "migrate", "--noinput", "--verbosity=0")
        figure("setup.migrate", time.perf_counter() - start, "s")
        admin_sql(args.port, "CREATE DATABASE thiduakt_small TEMPLATE thiduakt")
        run("-m", "bench.generate", "--scale", args.scale)
        run("-m", "bench.generate", "--scale", small_scale, "--prefix", f"generate_{small_scale}", on=small)
        start = time.perf_counter()
        admin_sql(args.port, "VACUUM ANALYZE", dbname="thiduakt")
        admin_sql(args.port, "VACUUM ANALYZE", dbname="thiduakt_small")
        figure("setup.vacuum_analyze", time.perf_counter() - start, "s")
        run("manage.py", "collectstatic", "--noinput", "--verbosity=0")

        if "queries" in steps:
            run("-m", "bench.queries")
            run("-m", "bench.queries", "--suffix", small_scale, on=small)
        if "plans" in steps:
            run("-m", "bench.plans")
        if "importer" in steps:
            run("-m", "bench.importer")
        if "documents" in steps:
            run("-m", "bench.documents")
        if "dashboard" in steps:
            run("-m", "bench.dashboard")
        if "eligibility" in steps:
            run("-m", "bench.eligibility")
        if "rejudge" in steps:
            run("-m", "bench.rejudge")
        if "load" in steps:
            run("-m", "bench.load", "--seconds", str(args.load_seconds))
        if "council" in steps:
            run("-m", "bench.council")
        if "forms" in steps:
            run("-m", "bench.worst_post")
    return 0


if __name__ == "__main__":
    sys.exit(main())
