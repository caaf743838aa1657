"""System checks for production settings that Django's own ``check --deploy`` cannot know about."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

BASE_URL_HINT = "Set PORTAL_BASE_URL to the portal's public address, e.g. https://ttct.example.vn"


@register("portal")
def check_portal_base_url(app_configs, **kwargs):
    """PORTAL_BASE_URL is printed on QR codes, slips and certificates: it must be a plain http(s) address, and
    in production (DEBUG off) not the development default, or every printed code leads nowhere."""
    value = settings.PORTAL_BASE_URL
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path.strip("/") or parts.query:
        return [
            Error(
                f"PORTAL_BASE_URL {value!r} is not a scheme and host such as https://ttct.example.vn.",
                hint=BASE_URL_HINT + " (no path, query or trailing text).",
                id="center.E001",
            )
        ]
    if not settings.DEBUG and value.rstrip("/") == settings.DEV_PORTAL_BASE_URL:
        return [
            Error(
                f"PORTAL_BASE_URL is still the development default {value!r} while DEBUG is off; QR codes, "
                "account slips and certificates would print an address nobody can open.",
                hint=BASE_URL_HINT + ".",
                id="center.E002",
            )
        ]
    return []
