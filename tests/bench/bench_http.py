"""Requests per second over HTTP: the public timetable of a 48-session course against a hello-world view.

Builds a throw-away database (PostgreSQL when DATABASE_URL is set, else an SQLite file) with a course of
48 sessions, then starts two gunicorns on loopback ports in production mode (DEBUG=0 unless the
environment says otherwise), with the same settings, workers and middleware:
1. the portal (``center.wsgi`` with ``tests/bench/http_settings.py``), and
2. the same Django with a URLconf of one hello-world view (``tests/bench/hello_settings.py``; the portal
   itself has no such URL).
A few client threads (stdlib ``http.client``, a new connection per request as gunicorn's sync workers
close them) send a fixed number of requests to each, in short interleaved rounds, so that both see the
same load of the machine; each figure is its requests over its total time. It prints both figures and
the ratio (the issue's bar: the public timetable at 25 % of hello-world or more), then the same for a
repeat visit (a conditional GET answered 304) and the course's .ics feed. The servers are stopped
whatever happens.

    .venv/bin/python -m tests.bench http
    (BENCH_HTTP_REQUESTS per target, BENCH_HTTP_ROUNDS, BENCH_HTTP_THREADS, BENCH_HTTP_WORKERS)
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.bench.harness import run_in_test_database, test_database_url

REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "1000"))
THREADS = int(os.environ.get("BENCH_HTTP_THREADS", "4"))
WORKERS = int(os.environ.get("BENCH_HTTP_WORKERS", "2"))
ROUNDS = int(os.environ.get("BENCH_HTTP_ROUNDS", "10"))
SESSIONS = 48
BAR = 0.25
ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    # Production mode, as a real server runs (persistent connections, no debug bookkeeping); plain HTTP on
    # loopback, so no redirect to HTTPS.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    run_in_test_database(_run, shared=True)


def _run() -> None:
    from django.conf import settings
    from django.db import connection

    token = _course_with_sessions(SESSIONS)
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "tests.bench.http_settings",
    }
    with ExitStack() as stack:
        portal = stack.enter_context(_gunicorn("center.wsgi:application", env))
        hello = stack.enter_context(
            _gunicorn("center.wsgi:application", {**env, "DJANGO_SETTINGS_MODULE": "tests.bench.hello_settings"})
        )
        page = f"/t/{token}/"
        first = _get(portal, page)
        assert first.status == 200, first.status
        etag = first.getheader("ETag")
        targets = {
            "hello-world": (hello, "/hello/", {}, 200),
            "public timetable": (portal, page, {}, 200),
            "course .ics feed": (portal, f"/calendar/course/{token}.ics", {}, 200),
        }
        if etag:
            # A returning visitor sends back the cookie the first visit set (the page's form carries its CSRF
            # token, so the ETag covers it) together with the ETag.
            cookies = "; ".join(
                value.split(";", 1)[0] for key, value in first.getheaders() if key.lower() == "set-cookie"
            )
            repeat = {"If-None-Match": etag, **({"Cookie": cookies} if cookies else {})}
            targets["timetable, repeat visit"] = (portal, page, repeat, 304)
        elapsed = dict.fromkeys(targets, 0.0)
        for port, path, headers, status in targets.values():
            _load(port, path, headers, status, count=max(REQUESTS // 10, THREADS))  # warm-up
        per_round = max(REQUESTS // ROUNDS, THREADS)
        for round_number in range(ROUNDS):
            order = list(targets) if round_number % 2 == 0 else list(reversed(targets))
            for name in order:
                port, path, headers, status = targets[name]
                elapsed[name] += _load(port, path, headers, status, count=per_round)

    rates = {name: per_round * ROUNDS / seconds for name, seconds in elapsed.items()}
    base = rates["hello-world"]
    print(
        f"HTTP ({connection.vendor}, DEBUG={settings.DEBUG}, CONN_MAX_AGE={connection.settings_dict['CONN_MAX_AGE']}, "
        f"gunicorn {WORKERS} sync workers, {THREADS} client threads, "
        f"{per_round * ROUNDS} requests each in {ROUNDS} interleaved rounds; "
        f"{SESSIONS}-session course)"
    )
    for name, value in rates.items():
        print(f"  {name:<26} {value:8.0f} req/s  = {value / base:6.1%} of hello-world")
    ratio = rates["public timetable"] / base
    print(f"  ratio public timetable / hello-world: {ratio:.3f}  (bar: at least {BAR})")
    if not etag:
        print("  (no ETag on the public timetable: repeat visits are not conditional)")


def _course_with_sessions(count: int) -> str:
    """A course in progress with ``count`` half-day sessions (topics, four lecturers, two rooms)."""
    import datetime

    from courses.models import Session, Topic
    from tests.factories import CenterFactory, CourseFactory, ProgrammeFactory, RoomFactory, StaffMemberFactory

    CenterFactory()
    programme = ProgrammeFactory(name="Sơ cấp lý luận chính trị – hành chính", days=count // 2)
    topics = [
        Topic.objects.create(programme=programme, order=n, title=f"Chuyên đề {n}: lý luận chính trị", periods=4)
        for n in range(1, 19)
    ]
    lecturers = [StaffMemberFactory() for _ in range(4)]
    rooms = [RoomFactory(), RoomFactory()]
    start = datetime.date(2026, 9, 7)
    course = CourseFactory(
        programme=programme,
        code="SC-2026-01",
        title="Lớp sơ cấp lý luận chính trị – hành chính khóa 1, năm 2026",
        start_date=start,
        end_date=start + datetime.timedelta(days=count // 2 - 1),
        room=rooms[0],
        status="in_progress",
    )
    halves = [
        ("morning", datetime.time(7, 30), datetime.time(11, 0)),
        ("afternoon", datetime.time(13, 30), datetime.time(17, 0)),
    ]
    Session.objects.bulk_create(
        Session(
            course=course,
            date=start + datetime.timedelta(days=n // 2),
            part_of_day=halves[n % 2][0],
            start_time=halves[n % 2][1],
            end_time=halves[n % 2][2],
            topic=topics[n % len(topics)],
            lecturer=lecturers[n % len(lecturers)],
            room=rooms[n % len(rooms)],
            note="Mang theo tài liệu" if n % 5 == 0 else "",
        )
        for n in range(count)
    )
    return course.public_token


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _gunicorn(app: str, env: dict):
    """A gunicorn on a free loopback port, answering; terminated (then killed) on the way out."""
    port = _free_port()
    log = tempfile.TemporaryFile()
    command = [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"gunicorn stopped:\n{log.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not answer within 30 s") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


def _load(port: int, path: str, headers: dict, status: int, *, count: int) -> float:
    """Send ``count`` GETs from THREADS threads; every answer must have ``status``. Returns the seconds taken."""
    lock = threading.Lock()
    left = [count]
    failures: list[str] = []

    def client() -> None:
        while True:
            with lock:
                if left[0] <= 0 or failures:
                    return
                left[0] -= 1
            try:
                response = _get(port, path, headers)
                if response.status != status:
                    failures.append(f"{path}: {response.status}")
            except OSError as exc:
                failures.append(f"{path}: {exc!r}")

    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} failed requests, e.g. {failures[0]}")
    return elapsed


if __name__ == "__main__":
    main()
