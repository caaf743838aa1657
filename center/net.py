"""The client's address, the same for every rule that counts attempts per address (django-axes for logins,
the activation codes of trainee accounts).

Without a proxy it is the connection's address (REMOTE_ADDR). Behind N trusted proxies (``PROXY_COUNT``;
e.g. nginx with ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``) it is the N-th address from
the right of X-Forwarded-For: the ones to its left were written by the client and may be forged."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "PROXY_COUNT", 0)
    if count > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            remote = forwarded[-count]
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return ""
