"""Production smoke run: the README's production steps, end to end, on PostgreSQL with DEBUG=0.

1. Drop and recreate a dedicated database (default ``portal_smoke``; the name must contain "smoke").
2. With production settings: ``check --deploy``, ``migrate``, ``seed_demo``, ``collectstatic``, ``backup``.
3. Start gunicorn on a free loopback port and request a page of every kind, anonymously and as each demo role
   (landing, login, dashboard, a course, a PDF, a calendar feed, a static file, an unknown URL → the 404 page),
   as the HTTPS proxy would pass them on (``X-Forwarded-Proto: https``).
4. Stop gunicorn, always (also on Ctrl-C or SIGTERM), and print one line per request and a summary.

Exit status 1 on any 5xx, any unexpected status or content. Standard library only for HTTP.

    .venv/bin/python tools/prod_smoke.py [--database-url postgres://postgres@127.0.0.1:5432/portal_smoke]
"""

import argparse
import collections
import html
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DEMO_PASSWORD = "demo12345"
STAFF = ("giamdoc", "phogiamdoc", "canbo")
LECTURERS = ("giangvien1",)
TRAINEES = ("hocvien1",)
NOT_FOUND_TEXT = "Không tìm thấy trang"


class SmokeFailure(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    statuses: collections.Counter = field(default_factory=collections.Counter)
    failures: list[str] = field(default_factory=list)

    def record(self, who: str, method: str, path: str, response: Response, problem: str = "") -> None:
        self.statuses[response.status] += 1
        mark = "FAIL" if problem else "ok"
        line = f"  {mark:<4} {who:<11} {method:<4} {path:<48} {response.status}"
        self.lines.append(f"{line}  {problem}" if problem else line)
        if problem:
            self.failures.append(f"{who} {method} {path}: {problem}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # every status, 3xx included, is checked by the caller


class Browser:
    """One visitor with a cookie jar, talking to gunicorn as the HTTPS proxy would (X-Forwarded-Proto)."""

    def __init__(self, base: str, who: str, report: Report):
        self.base, self.who, self.report = base, who, report
        # The session and CSRF cookies are Secure; between the proxy and gunicorn the scheme is http.
        jar = CookieJar(policy=DefaultCookiePolicy(secure_protocols=("https", "http")))
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
        self.origin = "https://" + urllib.parse.urlsplit(base).netloc

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        request.add_header("X-Forwarded-Proto", "https")
        if method == "POST":
            request.add_header("Origin", self.origin)
            request.add_header("Referer", self.origin + path)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with self.opener.open(request, timeout=60) as raw:
                return Response(raw.status, dict(raw.headers), raw.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def expect(self, path: str, status: int = 200, *, method: str = "GET", data=None, headers=None, check=None):
        """Request ``path`` and record it; a 5xx, another status or a failed ``check(response)`` (returning a
        problem text or "") is a failure."""
        response = self.request(method, path, data, headers)
        problem = ""
        if response.status >= 500:
            problem = f"server error {response.status}"
        elif response.status != status:
            problem = f"expected {status}" + (f" (→ {response.location})" if response.location else "")
        elif check:
            problem = check(response)
        self.report.record(self.who, method, path, response, problem)
        return response

    def login(self, username: str) -> None:
        page = self.expect("/accounts/login/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if not match:
            raise SmokeFailure(f"{username}: no CSRF token on the login form")
        data = {"csrfmiddlewaretoken": match.group(1), "username": username, "password": DEMO_PASSWORD}
        self.expect("/accounts/login/", 302, method="POST", data=data, check=_redirects_to("/"))

    def logout(self) -> None:
        token = self.csrf_token("/accounts/password/change/")
        self.expect("/accounts/logout/", 302, method="POST", data={"csrfmiddlewaretoken": token})

    def csrf_token(self, path: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.request("GET", path).text)
        return match.group(1) if match else ""


def _contains(text: str):
    return lambda response: "" if text in response.text else f"page lacks {text!r}"


def _redirects_to(prefix: str):
    return lambda response: "" if response.location.startswith(prefix) else f"redirects to {response.location!r}"


def _is_pdf(response: Response) -> str:
    ok = response.headers.get("Content-Type", "").startswith("application/pdf") and response.body[:5] == b"%PDF-"
    return "" if ok else "not a PDF"


def _is_calendar(response: Response) -> str:
    return "" if response.body.startswith(b"BEGIN:VCALENDAR") else "not an iCalendar feed"


def _first_link(response: Response, pattern: str, what: str) -> str:
    match = re.search(r'href="(' + pattern + r')"', response.text)
    if not match:
        raise SmokeFailure(f"no link to {what} on the page")
    return html.unescape(match.group(1))


def visit_as_public(base: str, report: Report) -> None:
    browser = Browser(base, "anonymous", report)
    landing = browser.expect("/", check=_contains("/accounts/login/"))
    css = _first_link(landing, r"/static/vendor/bootstrap-[^\"]+/bootstrap\.min\.[0-9a-f]{12}\.css", "hashed CSS")
    browser.expect(css, check=lambda r: "" if "text/css" in r.headers.get("Content-Type", "") else "not CSS")
    browser.expect(
        css,
        headers={"Accept-Encoding": "gzip"},
        check=lambda r: "" if r.headers.get("Content-Encoding") == "gzip" else "not served compressed",
    )
    browser.expect("/static/favicon.svg")
    browser.expect("/accounts/login/", check=_contains('name="csrfmiddlewaretoken"'))
    browser.expect("/verify/")
    browser.expect("/courses/", 302, check=_redirects_to("/accounts/login/"))
    browser.expect("/khong-co-trang-nay/", 404, check=_contains(NOT_FOUND_TEXT))
    browser.expect("/static/khong-co-tep-nay.css", 404)


def visit_as_staff(base: str, report: Report, username: str) -> None:
    browser = Browser(base, username, report)
    browser.login(username)
    browser.expect("/", check=_contains("navbar"))
    browser.expect("/courses/")
    running = browser.expect("/courses/?status=in_progress")
    course = _first_link(running, r"/courses/\d+/", "a course in progress")
    page = browser.expect(course)
    browser.expect(course + "timetable.pdf", check=_is_pdf)
    browser.expect("/hours/")  # lecturer hours and pay (managers)
    browser.expect("/documents/register/")
    # What the course page hands out for the public: the timetable link (also as a QR code) and the feed.
    public = re.search(r'(?:https?://[^/"]+)?(/t/[^"/]+/)"', page.text)
    feed = re.search(r'(?:https?://[^/"]+)?(/calendar/course/[^"/]+\.ics)"', page.text)
    if not public or not feed:
        raise SmokeFailure(f"{username}: no public timetable or calendar link on {course}")
    anonymous = Browser(base, "anonymous", report)
    # The page shows its own address as printed on paper: PORTAL_BASE_URL + path.
    anonymous.expect(public.group(1), check=_contains(f'value="{base}{public.group(1)}"'))
    anonymous.expect(feed.group(1), check=_is_calendar)
    browser.expect("/khong-co-trang-nay/", 404, check=_contains(NOT_FOUND_TEXT))
    browser.logout()


def visit_as_lecturer(base: str, report: Report, username: str) -> None:
    browser = Browser(base, username, report)
    browser.login(username)
    browser.expect("/")
    own = browser.expect("/timetable/mine/", 302, check=_redirects_to("/timetable/lecturer/")).location
    mine = browser.expect(own)
    course = _first_link(mine, r"/courses/\d+/", "one of the lecturer's courses")
    browser.expect(course)
    browser.expect(course + "timetable.pdf", check=_is_pdf)
    feed = re.search(r'(?:https?://[^/"]+)?(/calendar/lecturer/[^"]+\.ics)', mine.text)
    if feed:
        browser.expect(feed.group(1), check=_is_calendar)
    hours = browser.expect("/hours/mine/", 302, check=_redirects_to("/hours/lecturers/")).location
    browser.expect(hours)
    browser.expect("/khong-co-trang-nay/", 404, check=_contains(NOT_FOUND_TEXT))
    browser.logout()


def visit_as_trainee(base: str, report: Report, username: str) -> None:
    browser = Browser(base, username, report)
    browser.login(username)
    browser.expect("/", 302, check=_redirects_to("/me/"))
    home = browser.expect("/me/")
    feed = re.search(r'https?://[^/"]+(/calendar/trainee/[^"]+\.ics)', home.text)
    if not feed:
        raise SmokeFailure(f"{username}: no calendar feed link on /me/")
    browser.expect(feed.group(1), check=_is_calendar)
    course = _first_link(browser.expect("/me/courses/"), r"/me/courses/\d+/", "one of the trainee's courses")
    browser.expect(course)
    pdf = _first_link(browser.expect("/me/certificates/"), r"/me/certificates/\d+/pdf/", "a certificate PDF")
    browser.expect(pdf, check=_is_pdf)
    browser.expect("/courses/", 404, check=_contains(NOT_FOUND_TEXT))  # staff pages are not revealed
    browser.logout()


# The server ----------------------------------------------------------------------------------------------------


def recreate_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"} or "smoke" not in name:
        raise SmokeFailure(f"refusing to drop {name!r}: the smoke database must be PostgreSQL, named *smoke*")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    print(f"== manage.py {' '.join(args)}", flush=True)
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def wait_until_serving(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SmokeFailure(f"gunicorn exited with status {server.returncode}")
        try:
            Browser(base, "probe", Report()).request("GET", "/static/favicon.svg")
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise SmokeFailure(f"gunicorn did not answer within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()  # gunicorn's master stops its workers on SIGTERM
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    print(f"== gunicorn (pid {server.pid}) stopped", flush=True)


def _raise_exit(signum, frame):
    raise SystemExit(128 + signum)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("SMOKE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_smoke"),
        help="a PostgreSQL database to drop and recreate (its name must contain 'smoke')",
    )
    options = parser.parse_args()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_exit)  # so that `finally` stops gunicorn

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="ttct-smoke-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "smoke-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": options.database_url,
        "PORTAL_BASE_URL": base,
        "STATIC_ROOT": str(work / "staticfiles"),
        "MEDIA_ROOT": str(work / "media"),
    }
    print(f"== database {urllib.parse.urlsplit(options.database_url).path.lstrip('/')} (recreated)", flush=True)
    recreate_database(options.database_url)
    manage({**env, "PORTAL_BASE_URL": "https://portal.example.vn"}, "check", "--deploy", "--fail-level", "WARNING")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    print(manage(env, "backup", "--output-dir", str(work / "backups")).strip(), flush=True)

    command = [PYTHON, "-m", "gunicorn", "center.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    command += ["--access-logfile", "-", "--error-logfile", "-"]
    if "--no-control-socket" in subprocess.run([*command[:3], "--help"], capture_output=True, text=True).stdout:
        command.append("--no-control-socket")  # gunicorn ≥ 24 would share one socket in $HOME with other runs
    report = Report()
    with open(work / "gunicorn.log", "w+b") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        print(f"== gunicorn (pid {server.pid}) on {base}", flush=True)
        try:
            wait_until_serving(base, server)
            visit_as_public(base, report)
            for username in STAFF:
                visit_as_staff(base, report, username)
            for username in LECTURERS:
                visit_as_lecturer(base, report, username)
            for username in TRAINEES:
                visit_as_trainee(base, report, username)
        except SmokeFailure as failure:
            report.failures.append(str(failure))
        finally:
            stop(server)
            print("\n".join(report.lines))
            statuses = ", ".join(f"{status}×{count}" for status, count in sorted(report.statuses.items()))
            print(f"== {sum(report.statuses.values())} requests ({statuses}); {len(report.failures)} failures")
            if report.failures:
                log.seek(0)
                tail = log.read().decode("utf-8", "replace").splitlines()[-60:]
                print("== gunicorn log (last lines):\n" + "\n".join(tail))
                for failure in report.failures:
                    print(f"FAILED: {failure}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SmokeFailure as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
