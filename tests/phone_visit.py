"""What a phone downloads on its first visit: the login page, then the trainee's timetable (``/me/``),
with every stylesheet, script, icon and font they reference, each counted once (the browser caches it).

Static files are counted as WhiteNoise serves them in production: gzip level 9, kept only when it saves
at least 5 % (``whitenoise.compress.Compressor``; fonts and images as they are). Pages are counted as
Django sends them (the portal does not compress HTML). Used by ``tests/test_phone_transfer.py`` (the
budget) and ``python -m tests.bench phone`` (the breakdown)."""

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from whitenoise.compress import Compressor

BUDGET = 250_000  # bytes, compressed


@dataclass
class Transfer:
    url: str
    raw: int
    sent: int


class _References(HTMLParser):
    """The URLs a browser fetches for a page: stylesheets (any media), scripts, icons, images."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and {"stylesheet", "icon"} & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.S)
_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


def _css_references(css: str) -> list[str]:
    """url()s a browser fetches from a stylesheet: of each @font-face only its first source (woff2, which
    every phone browser reads), and every other non-``data:`` url."""
    urls = [m.group(1) for block in _FONT_FACE.findall(css) if (m := _URL.search(block))]
    urls += _URL.findall(_FONT_FACE.sub("", css))
    return [u for u in urls if not u.startswith("data:")]


def _sent_size(path: str, data: bytes) -> int:
    compressor = Compressor(quiet=True)
    if not compressor.should_compress(path):
        return len(data)
    compressed = compressor.compress_gzip(data)
    return len(compressed) if compressor.is_compressed_effectively("gzip", path, len(data), compressed) else len(data)


def _static(url: str) -> tuple[str, bytes]:
    path = urlsplit(url).path
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    assert path.startswith(prefix), f"not a static file: {url}"
    found = finders.find(posixpath.normpath(path[len(prefix) :]))
    assert found, f"missing static file: {url}"
    with open(found, "rb") as f:
        return path, f.read()


def first_visit(client, *, username: str, password: str) -> list[Transfer]:
    """Every transfer of a phone's first visit, in order: the login page and its files, the log-in, the
    timetable and the files it adds."""
    transfers: list[Transfer] = []
    seen: set[str] = set()

    def fetch_static(url: str) -> None:
        path, data = _static(url)
        if path in seen:
            return
        seen.add(path)
        transfers.append(Transfer(path, len(data), _sent_size(path, data)))
        if path.endswith(".css"):
            for ref in _css_references(data.decode()):
                fetch_static(urljoin(path, ref))

    def page(url: str, response) -> None:
        assert response.status_code == 200, (url, response.status_code)
        transfers.append(Transfer(url, len(response.content), len(response.content)))
        parser = _References()
        parser.feed(response.content.decode())
        for ref in parser.urls:
            if not ref.startswith("data:"):
                fetch_static(urljoin(url, ref))

    login = reverse("login")
    page(login, client.get(login))
    response = client.post(login, {"username": username, "password": password})
    assert response.status_code == 302, "the trainee could not log in"
    me = reverse("portal_home")
    page(me, client.get(me))
    return transfers


def trainee_with_a_timetable(username: str, password: str):
    """A trainee's login with the timetable of a course of twenty sessions, some held, some to come."""
    from courses.models import Course
    from tests.builders import enrol, make_course, make_trainee, make_trainee_user
    from tests.factories import CenterFactory

    CenterFactory()
    trainee = make_trainee(user=make_trainee_user(username, password))
    enrol(trainee, make_course(status=Course.Status.IN_PROGRESS, sessions=20))
    return trainee


def report(transfers: list[Transfer]) -> str:
    lines = [f"  {t.sent:>9,} B sent  {t.raw:>9,} B raw   {t.url}" for t in transfers]
    sent, raw = sum(t.sent for t in transfers), sum(t.raw for t in transfers)
    lines.append(f"  {sent:>9,} B sent  {raw:>9,} B raw   in all (budget: {BUDGET:,} B sent)")
    return "\n".join(lines)
