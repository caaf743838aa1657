"""The one PDF helper of the project: a template and its context → PDF bytes, through WeasyPrint.

Printed documents are HTML templates under ``templates/print/`` that also print from a browser; WeasyPrint
renders the same HTML. Its URL fetcher is an allow-list: the project's own static files (CSS, the bundled
fonts, images) and ``data:`` images, nothing else. WeasyPrint's default fetcher would read ``file://``
paths and fetch ``http(s)://`` URLs — text a trainee typed (a name, a unit, a note) must never make the
server read a file or send a request, so everything else is refused before any I/O happens.

Fonts and style sheets are loaded once per process (per thread): the ``<link rel="stylesheet">`` of a print
template naming one of the portal's static files is parsed the first time and the parsed sheet, with the
fonts its ``@font-face`` rules registered, is reused by every later document (about 30 ms a document).

WeasyPrint's user-agent style sheet gives every element six pseudo-elements (``::marker`` and the calls and
markers of footnotes and notes), each with a computed style: a sixth of a certificate's rendering. No document
of the portal has footnotes or notes, so their rules are left out of the user-agent sheet, and ``::marker``'s too
in a document without a list; the pages come out identical (compared pixel by pixel).
"""

import base64
import binascii
import mimetypes
import posixpath
import re
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from center.text import fold

# Relative and root-relative URLs in a document resolve against this made-up origin. ``.invalid`` can
# never be a real host (RFC 2606), and the fetcher answers it from disk without any network access.
BASE_URL = "https://portal.invalid/"

_DATA_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}


class RefusedURL(ValueError):
    """A URL outside the allow-list; WeasyPrint logs it and leaves the resource out."""


def _static_prefix() -> str:
    prefix = urlsplit(settings.STATIC_URL).path
    return "/" + prefix.strip("/") + "/"


def _static_file(name: str) -> Path:
    """The file behind a static name: the collected copy in STATIC_ROOT (maybe under its hashed name), else
    what the staticfiles finders find. Anything but a plain relative path is refused."""
    if not name or name.startswith("/") or "\\" in name or "\x00" in name or ":" in name:
        raise RefusedURL(name)
    if any(part in ("", ".", "..") for part in name.split("/")) or posixpath.normpath(name) != name:
        raise RefusedURL(name)
    if settings.STATIC_ROOT:
        for stored in dict.fromkeys([name, _hashed_name(name)]):
            if stored:
                try:
                    path = Path(safe_join(settings.STATIC_ROOT, stored))
                except SuspiciousFileOperation as exc:
                    raise RefusedURL(name) from exc
                if path.is_file():
                    return path
    found = finders.find(name)  # the finders join safely inside their own folders
    if found and Path(found).is_file():
        return Path(found)
    raise RefusedURL(name)


def _hashed_name(name: str) -> str | None:
    try:
        return staticfiles_storage.stored_name(name) if hasattr(staticfiles_storage, "stored_name") else None
    except ValueError:
        return None


class StaticOnlyFetcher(URLFetcher):
    """Serves ``BASE_URL`` + STATIC_URL from the project's static files and ``data:`` images; refuses
    everything else (``file:``, ``http(s):`` to any other host, other paths) before opening anything."""

    def __init__(self):
        super().__init__(allowed_protocols=("https", "data"), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return self._data(url)
        static_url = str(settings.STATIC_URL)
        if "://" in static_url and url.startswith(static_url):
            # Static files on another host (a CDN): read the same files from disk, never from the network.
            name = unquote(urlsplit(url).path)[len(urlsplit(static_url).path) :]
        elif url.startswith(BASE_URL) and (path := unquote(urlsplit(url).path)).startswith(_static_prefix()):
            name = path[len(_static_prefix()) :]
        else:
            raise RefusedURL(f"Not a static file of the portal: {url[:200]}")
        file = _static_file(name)
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, file.read_bytes(), {"Content-Type": content_type})

    @staticmethod
    def _data(url: str) -> URLFetcherResponse:
        header, _, payload = url[5:].partition(",")
        params = header.split(";")
        content_type = params[0].strip().lower()
        if content_type not in _DATA_TYPES:
            raise RefusedURL("Only images may be embedded as data: URLs")
        try:
            body = base64.b64decode(payload, validate=True) if "base64" in params[1:] else unquote(payload).encode()
        except (binascii.Error, ValueError) as exc:
            raise RefusedURL("Malformed data: URL") from exc
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


_LIST_ITEM = re.compile(r"<li[\s>/]", re.IGNORECASE)
_STYLESHEET_LINK = re.compile(r"""<link\s+rel=["']stylesheet["']\s+href=["']([^"'<>]+)["']\s*/?>""", re.IGNORECASE)


# Single-line rules of WeasyPrint's user-agent sheet for pseudo-elements no document of the portal has.
_UNUSED_PSEUDO_RULES = ("::footnote-call", "::footnote-marker", "::note-call", "::note-marker", "::note-callback")


def lean_ua_rules(*, lists: bool) -> str:
    """WeasyPrint's user-agent style sheet without the rules of footnotes and notes, and without ``::marker``'s
    when the document has no list."""
    unused = _UNUSED_PSEUDO_RULES if lists else (*_UNUSED_PSEUDO_RULES, "::marker")
    return "\n".join(line for line in UA.splitlines() if not (line.startswith(unused) and line.rstrip().endswith("}")))


class _Shared(threading.local):
    """One FontConfiguration, the parsed style sheets and the lean user-agent sheets, per thread (WeasyPrint
    objects are not shared between threads). Sheets are keyed by URL and the file's modification time, so an
    edited CSS file is read again."""

    def __init__(self):
        self.font_config = FontConfiguration()
        self.sheets: dict[tuple[str, int], CSS] = {}
        self.ua: dict[bool, CSS] = {}

    def ua_sheet(self, *, lists: bool) -> CSS:
        if lists not in self.ua:
            # Its @counter-style rules are WeasyPrint's own, which every document gets anyway: parsed aside.
            self.ua[lists] = CSS(string=lean_ua_rules(lists=lists), counter_style=CounterStyle())
        return self.ua[lists]


_shared = _Shared()


class _PortalHTML(HTML):
    """WeasyPrint's HTML with the lean user-agent sheet (``lean_ua_rules``)."""

    def __init__(self, *args, lists: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self._lists = lists

    def _ua_stylesheets(self, forms=False):
        return [_shared.ua_sheet(lists=self._lists), *super()._ua_stylesheets(forms)[1:]]


def _static_url_file(url: str) -> Path | None:
    """The static file a stylesheet URL of the document names, or None when it is not one."""
    absolute = url if "://" in url else BASE_URL.rstrip("/") + "/" + url.lstrip("/")
    static_url = str(settings.STATIC_URL)
    if "://" in static_url and absolute.startswith(static_url):
        name = unquote(urlsplit(absolute).path)[len(urlsplit(static_url).path) :]
    elif absolute.startswith(BASE_URL) and (path := unquote(urlsplit(absolute).path)).startswith(_static_prefix()):
        name = path[len(_static_prefix()) :]
    else:
        return None
    try:
        return _static_file(name)
    except RefusedURL:
        return None


def _shared_stylesheets(html: str, fetcher: URLFetcher) -> tuple[str, list[CSS]]:
    """The document without its links to the portal's own style sheets, and those sheets parsed (cached),
    in the document's order. Links to anything else are left for WeasyPrint (and the fetcher) to judge."""
    sheets: list[CSS] = []

    def take(match: re.Match) -> str:
        url = match.group(1)
        file = _static_url_file(url)
        if file is None:
            return match.group(0)
        key = (url, file.stat().st_mtime_ns)
        sheet = _shared.sheets.get(key)
        if sheet is None:
            absolute = url if "://" in url else BASE_URL.rstrip("/") + "/" + url.lstrip("/")
            sheet = CSS(url=absolute, url_fetcher=fetcher, media_type="print", font_config=_shared.font_config)
            _shared.sheets[key] = sheet
        sheets.append(sheet)
        return ""

    return _STYLESHEET_LINK.sub(take, html), sheets


def html_to_pdf(html: str, *, url_fetcher: URLFetcher | None = None) -> bytes:
    """WeasyPrint on an HTML string with the strict fetcher (the benchmark times this step alone)."""
    return html_to_document(html, url_fetcher=url_fetcher).write_pdf()


def html_to_document(html: str, *, url_fetcher: URLFetcher | None = None):
    """The laid-out WeasyPrint document (its pages can be written together or one by one), rendered with
    the process's shared fonts and style sheets."""
    if url_fetcher is not None:  # a fetcher of the caller's (the tests): it sees every request, nothing cached
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher, media_type="print")
        return document.render(font_config=FontConfiguration())
    fetcher = StaticOnlyFetcher()
    html, sheets = _shared_stylesheets(html, fetcher)
    lists = _LIST_ITEM.search(html) is not None
    document = _PortalHTML(string=html, base_url=BASE_URL, url_fetcher=fetcher, media_type="print", lists=lists)
    return document.render(font_config=_shared.font_config, stylesheets=sheets)


def render_pdf_counting_pages(*, template_name: str, context: dict) -> tuple[bytes, int]:
    """``render_pdf``, also returning how many pages the document has (a register book counts its pages)."""
    rendered = html_to_document(render_to_string(template_name, {**context, "for_pdf": True}))
    return rendered.write_pdf(), len(rendered.pages)


def render_pdf(*, template_name: str, context: dict, request=None) -> bytes:
    """Render ``template_name`` (a ``templates/print/`` document) with ``context`` and return PDF bytes.
    Page size and orientation come from the template's CSS (``@page``)."""
    html = render_to_string(template_name, {**context, "for_pdf": True}, request=request)
    return html_to_pdf(html)


def ascii_filename(filename: str) -> str:
    """An ASCII stand-in for old clients: diacritics folded, unsafe characters replaced."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in fold(stem))
    safe = "-".join(part for part in safe.split("-") if part) or "document"
    return f"{safe}.{ext}" if ext else safe


def content_disposition(filename: str, *, inline: bool) -> str:
    """``inline|attachment; filename="ascii"; filename*=UTF-8''…`` (RFC 6266 / RFC 5987)."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(*, filename: str, content_type: str, content: bytes, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_response(*, filename: str, content: bytes, inline: bool = True) -> HttpResponse:
    """A PDF download with a Vietnamese-safe file name."""
    return file_response(filename=filename, content_type="application/pdf", content=content, inline=inline)
