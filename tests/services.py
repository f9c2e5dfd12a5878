"""Private PostgreSQL for the integration layer: start it on loopback, run a command, stop it.

    python -m tests.services -- pytest -m integration

Django reads DATABASE_URL when its settings load, before any conftest runs, so the server must
be up before pytest starts; this launcher does that with Debian's own binaries (initdb, pg_ctl).
pytest-postgresql would do the same but needs psycopg 3, which Django then silently prefers over
the psycopg2-binary driver production uses. Redis is started inside the run by pytest-redis.
"""

import contextlib
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

PG_PORT = int(os.environ.get("THIDUAKT_TEST_PG_PORT", "5440"))
DATADIR_ENV = "THIDUAKT_TEST_PG_DATADIR"


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        sys.exit(
            "PostgreSQL is not installed: run `make sysdeps` "
            "(apt-get install postgresql) or set THIDUAKT_TEST_PG_URL to a server of yours."
        )
    return found[-1]


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb and the server refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def postgres_server(port: int = PG_PORT):
    if os.environ.get("THIDUAKT_TEST_PG_URL"):
        yield os.environ["THIDUAKT_TEST_PG_URL"]
        return
    datadir = tempfile.mkdtemp(prefix="thiduakt-pg-")
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
    log = os.path.join(datadir, "server.log")
    subprocess.run(
        _as_postgres(
            [
                _pg_bin("initdb"),
                "-D",
                datadir,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(
        _as_postgres([_pg_bin("pg_ctl"), "-D", datadir, "-o", options, "-l", log, "-w", "start"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ[DATADIR_ENV] = datadir  # for the tests that restart the server (pg_restart)
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/thiduakt"
    finally:
        subprocess.run(
            _as_postgres([_pg_bin("pg_ctl"), "-D", datadir, "-m", "immediate", "-w", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(datadir, ignore_errors=True)


def pg_restart() -> None:
    """Restart the private server (fault tests): every open connection is cut, as in a failover."""
    datadir = os.environ[DATADIR_ENV]
    subprocess.run(
        _as_postgres(
            [
                _pg_bin("pg_ctl"),
                "-D",
                datadir,
                "-l",
                os.path.join(datadir, "server.log"),
                "-m",
                "fast",
                "-w",
                "-t",
                "30",
                "restart",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=60,
    )


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print(__doc__)
        return 2
    started = time.monotonic()
    with postgres_server() as url:
        print(f"PostgreSQL ready on {url} in {time.monotonic() - started:.1f} s", flush=True)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.call(argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
