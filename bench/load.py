"""Concurrent load on the main pages through gunicorn.

Serves the project with gunicorn (2 sync workers, ``bench.settings``: the production settings
from the environment plus the bench's minimal pages) on 127.0.0.1:8460 and logs in each virtual
user once through the login form. Then, for each page:

- latency: 20 virtual users (threads), each opening the page over and over with a think time
  between requests (uniform between half and one and a half times ``--think-ms``), for
  ``--seconds``. Each request opens its own connection once the think time is over, as the
  reverse proxy in front of gunicorn does in production: a connection opened early and left idle
  would hold one of the sync workers for the whole think time;
- throughput: wrk (``bench/load.lua``) with 20 connections and no think time for
  ``--saturate-seconds``: the requests per second the two workers serve when never idle.

Prints per page::

    page.<name>.p50 X ms        median latency, connection to last byte
    page.<name>.p95 X ms        95th percentile
    page.<name>.ratio X x       the page's median over the minimal page's median
    page.<name>.requests N count
    page.<name>.failed N count  answers other than 200, and socket errors or timeouts
    page.<name>.rps X req/s     saturated throughput (wrk)

Needs the generated data (``bench.generate``), ``collectstatic`` done, and wrk on PATH.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import http.cookiejar
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from bench.figures import figure, p95  # noqa: E402
from bench.generate import PASSWORD, login_names  # noqa: E402
from bench.pages import pages  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def log_in(base: str, username: str) -> str:
    """Log in through the login form; return the Cookie header value of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(f"{base}/accounts/login/", timeout=30) as response:
        token = CSRF_INPUT.search(response.read().decode()).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/"}
    ).encode()
    try:
        opener.open(f"{base}/accounts/login/", data=data, timeout=30)
    except urllib.error.HTTPError as exc:  # the redirect after a successful login
        if exc.code != 302:
            raise
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"could not log in as {username}")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def wait_for_port(host: str, port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited before it listened")
        with socket.socket() as sock:
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not listen on {host}:{port} in {timeout} s")


def get(base: str, path: str, cookie: str) -> int:
    request = urllib.request.Request(f"{base}{path}", headers={"Cookie": cookie})  # noqa: S310 - loopback
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def run_users(host: str, port: int, path: str, cookies: list[str], *, seconds: int, think_ms: int) -> dict:
    """One thread per user: think, connect, GET, read to the last byte, close; until the time is up."""
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(index: int) -> None:
        rng = random.Random(index)  # noqa: S311 - think times
        while True:
            time.sleep(rng.uniform(think_ms / 2, think_ms * 3 / 2) / 1000)
            if time.monotonic() >= deadline:
                return
            start = time.perf_counter()
            conn = http.client.HTTPConnection(host, port, timeout=30)
            try:
                conn.request("GET", path, headers={"Cookie": cookies[index % len(cookies)]})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
            finally:
                conn.close()
            with lock:
                results.append((time.perf_counter() - start, status))

    threads = [threading.Thread(target=user, args=(i,)) for i in range(len(cookies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(t * 1000 for t, _status in results)
    return {
        "p50": statistics.median(latencies),
        "p95": p95(latencies),
        "requests": len(results),
        "failed": sum(1 for _t, status in results if status != 200),
    }


def run_wrk(base: str, path: str, cookie_file: Path, *, connections: int, seconds: int) -> float:
    """Requests per second with ``connections`` always busy (no think time)."""
    command = [
        shutil.which("wrk") or "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "bench" / "load.lua"),
        base,
        "--",
        path,
        str(cookie_file),
        "0",
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    values = dict(line.split() for line in out.splitlines() if len(line.split()) == 2)
    if "rps" not in values:
        raise SystemExit(f"wrk printed no figures:\n{out}")
    if float(values["non200"]) or float(values["errors"]):
        raise SystemExit(
            f"{path}: {values['non200']} answers other than 200, {values['errors']} errors under wrk"
        )
    return float(values["rps"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8460)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--saturate-seconds", type=int, default=5)
    parser.add_argument("--think-ms", type=int, default=1000)
    parser.add_argument("--year", type=int, default=timezone.localdate().year)
    parser.add_argument("--only", help="comma-separated page names to measure (the minimal page always)")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench installs it)")

    base = f"http://{args.host}:{args.port}"
    chosen = pages(args.year)
    if args.only:
        wanted = {"minimal", *args.only.split(",")}
        chosen = [p for p in chosen if p.name in wanted]
    from django.db import connections

    connections.close_all()  # the pages were looked up; the server owns the database from here

    workdir = Path(tempfile.mkdtemp(prefix="thiduakt-load-"))
    log = workdir / "gunicorn.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "thiduakt.wsgi:application",
            "--bind",
            f"{args.host}:{args.port}",
            "--workers",
            str(args.workers),
            "--error-logfile",
            str(log),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )
    try:
        wait_for_port(args.host, args.port, server)
        roles = sorted({page.role for page in chosen})
        cookie_files = {}
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers * 2) as pool:
            for role in roles:
                names = login_names(role, args.users)
                cookies = list(pool.map(lambda name: log_in(base, name), names))
                cookie_files[role] = workdir / f"cookies-{role}.txt"
                cookie_files[role].write_text("\n".join(cookies) + "\n")
        for page in chosen:  # warm-up: templates and connections of both workers
            cookie = cookie_files[page.role].read_text().splitlines()[0]
            statuses = {get(base, page.path, cookie) for _ in range(args.workers * 3)}
            if statuses != {200}:
                raise SystemExit(f"{page.name} ({page.path}) answered {sorted(statuses)}")

        medians = {}
        for page in chosen:
            cookies = cookie_files[page.role].read_text().splitlines()
            values = run_users(
                args.host, args.port, page.path, cookies, seconds=args.seconds, think_ms=args.think_ms
            )
            medians[page.name] = values["p50"]
            figure(f"page.{page.name}.p50", values["p50"], "ms")
            figure(f"page.{page.name}.p95", values["p95"], "ms")
            if page.name != "minimal":
                figure(f"page.{page.name}.ratio", values["p50"] / medians["minimal"], "x")
            figure(f"page.{page.name}.requests", values["requests"], "count")
            figure(f"page.{page.name}.failed", values["failed"], "count")
            rps = run_wrk(
                base,
                page.path,
                cookie_files[page.role],
                connections=args.users,
                seconds=args.saturate_seconds,
            )
            figure(f"page.{page.name}.rps", rps, "req/s")
            sys.stdout.flush()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        if log.exists() and log.read_text().strip():
            print(f"gunicorn log:\n{log.read_text()[-4000:]}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
