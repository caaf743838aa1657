"""Conditional GET for public pages and calendar feeds, and per-process caches of what they render.

A public page or feed is fingerprinted from the very values it shows (read as plain rows by one query),
plus what else changes its bytes: the language, the templates' source, the translation catalogue and
the static file names of this deployment. That fingerprint is
- the ETag: a browser or calendar app that sends it back gets 304 Not Modified, with no rendering;
- the key of a ``ContentCache``: output that is a pure function of its key, like the QR codes of
  ``center.qr``, so every server of a deployment computes the same bytes for the same key and no server
  shows something another would not (nothing is ever invalidated: a change makes a new key).
"""

import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.cache import get_conditional_response
from django.utils.html import escape
from django.utils.http import quote_etag
from django.utils.translation import get_language

from center.models import Center


def fingerprint(*parts) -> str:
    """A short stable digest of ``parts`` (strings, numbers, dates, times and tuples/lists of them)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def deployment_version() -> str:
    """The translation catalogues and the static files manifest, read once per process as Django reads them."""
    digest = hashlib.blake2b(digest_size=16)
    files = sorted(p for folder in settings.LOCALE_PATHS for p in Path(folder).rglob("*.mo"))
    files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in files:
        if path.is_file():
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def templates_version(*names: str) -> str:
    """The source of the named templates: read once per process in production, where templates do not
    change under a running server; as loaded now in development (an edited template gives a new version)."""
    if settings.DEBUG:
        return _templates_source_digest(names)
    return _templates_version_once(names)


def _templates_source_digest(names: tuple[str, ...]) -> str:
    return fingerprint(*(get_template(name).template.source for name in names))


_templates_version_once = lru_cache(maxsize=64)(_templates_source_digest)


class CompiledQuery:
    """A queryset's SQL built once per process and database, then run with a fresh string parameter,
    returning plain rows as the database driver gives them (no model instances, no field converters).

    For the few reads that run on every request of a public page or feed, only to fingerprint it: Django
    spends several times longer building the SQL of a query with joins than the database spends running it.
    ``build(parameter)`` returns the queryset; the parameter must reach the SQL unchanged (a lookup on a
    text column)."""

    _PLACEHOLDER = "\x00compiled-query-parameter\x00"

    def __init__(self, build: Callable[[str], QuerySet]):
        self.build = build
        self._compiled: dict[str, tuple[str, tuple]] = {}

    def rows(self, parameter: str = "", using: str = "default") -> list[tuple]:
        if using not in self._compiled:
            sql, params = self.build(self._PLACEHOLDER).query.sql_with_params()
            if self._PLACEHOLDER not in params and "%s" in sql:
                raise ValueError("the parameter does not reach the SQL unchanged")
            self._compiled[using] = (sql, params)
        sql, params = self._compiled[using]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [parameter if p == self._PLACEHOLDER else p for p in params])
            return cursor.fetchall()


# Public pages are revalidated on every visit (private: each carries the visitor's CSRF token).
NO_CACHE = "private, no-cache"
_CENTER_VERSION = CompiledQuery(lambda _unused: Center.objects.order_by("pk").values_list("updated_at")[:1])


def conditional_response(request, *, etag: str | None, build: Callable, cache_control: str):
    """304 Not Modified when the request's If-None-Match has ``etag``, else ``build()``'s response; both carry
    the ETag and ``cache_control``. With no ETag, always ``build()``."""
    if etag is None:
        response = build()
    else:
        etag = quote_etag(etag)
        response = get_conditional_response(request, etag=etag) or build()
        response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


class ContentCache:
    """A small least-recently-used cache of values that are a pure function of their key (rendered HTML or
    feed bytes keyed by the fingerprint of their inputs). Thread-safe; ``compute`` runs outside the lock."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute: Callable):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# Rendered public pages for visitors who are not logged in, with a placeholder for the CSRF token.
PUBLIC_PAGES = ContentCache(size=128)
_CSRF_PLACEHOLDER = f"csrf-placeholder-{secrets.token_hex(16)}"


def public_page_response(request, *, parts: tuple, render: Callable[[dict], str]) -> HttpResponse:
    """A public HTML page (no login needed) with conditional GET, rendered as little as possible.

    ``parts`` must cover everything the page shows besides the layout (a fingerprint of its data, the day
    when it matters, ``templates_version`` of its templates); ``render(extra_context)`` renders it.

    For a visitor who is not logged in, the ETag covers ``parts``, the address, the language, the deployment,
    the center's profile (header and footer) and the visitor's CSRF secret (the page's forms carry a token
    made from it: a new secret needs a fresh page). The page is rendered once per process for each version
    (``PUBLIC_PAGES``) with a placeholder where the CSRF token goes, and each visitor gets their own token
    put in. A logged-in user (whose menu, name and roles are on the page) or a visitor with a message
    waiting gets the page rendered for them, without an ETag."""
    if request.user.is_authenticated or len(messages.get_messages(request)):
        response = HttpResponse(render({}))
        response["Cache-Control"] = NO_CACHE
        return response
    version = fingerprint(get_language(), deployment_version(), _CENTER_VERSION.rows(), request.get_full_path(), *parts)

    def etag() -> str:
        # The CSRF secret the visitor holds (the middleware read it from the cookie), or the one this page
        # just gave a first-time visitor: the ETag sent is the one their next visit matches.
        return quote_etag(fingerprint(version, request.META.get("CSRF_COOKIE", "")))

    response = get_conditional_response(request, etag=etag())
    if response is None:
        page = PUBLIC_PAGES.get(version, lambda: str(render({"csrf_token": _CSRF_PLACEHOLDER})))
        response = HttpResponse(page.replace(_CSRF_PLACEHOLDER, escape(get_token(request))))
    response["ETag"] = etag()
    response["Cache-Control"] = NO_CACHE
    return response
