"""Absolute URLs of the portal, for what leaves the browser: paper (QR codes on certificates, account slips,
public timetables), e-mails and calendar feeds.

They are built from ``settings.PORTAL_BASE_URL``, never from the request: a slip printed by a clerk on the
office network and a feed fetched by Google Calendar must carry the same public address.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """The public URL of ``path`` (an absolute path such as ``reverse(...)`` returns, starting with "/")."""
    if not path.startswith("/"):
        raise ValueError(f"absolute_url needs a path starting with '/', not {path!r}")
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def portal_host() -> str:
    """The host name of the public address (calendar event UIDs are ``…@<host>``)."""
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
