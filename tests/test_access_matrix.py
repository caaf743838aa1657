"""Every URL × every persona → the expected answer. A URL without a Rule fails ``test_every_url_has_a_rule``."""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.access
from tests.access.base import PERSONAS
from tests.builders import make_persona
from tests.factories import CenterFactory

# URL namespaces tested elsewhere: the Django admin keeps its own permission checks.
SKIPPED_NAMESPACES = {"admin"}


def _load_rules():
    rules = []
    for module in pkgutil.iter_modules(tests.access.__path__):
        if module.name != "base":
            rules.extend(importlib.import_module(f"tests.access.{module.name}").RULES)
    return rules


def _load_world_builders():
    builders = []
    for module in pkgutil.iter_modules(tests.access.__path__):
        mod = importlib.import_module(f"tests.access.{module.name}")
        if hasattr(mod, "build_world"):
            builders.append((getattr(mod, "ORDER", 50), mod.build_world))
    return [fn for _, fn in sorted(builders, key=lambda item: item[0])]


RULES = _load_rules()


def url_names(patterns=None, namespace=""):
    """Every named URL of the project (``ns:name``); unnamed patterns are returned as ``<unnamed …>``."""
    names = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            names.extend(url_names(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace))
        elif isinstance(entry, URLPattern):
            if entry.callback.__module__.startswith("django.views.static"):
                continue
            names.append(f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>")
    return names


def test_every_url_has_a_rule():
    names = set(url_names())
    ruled = {r.name for r in RULES}
    missing = sorted(names - ruled)
    assert not missing, f"URLs without an access rule in tests/access/: {missing}"
    stale = sorted(ruled - names)
    assert not stale, f"Access rules for URLs that no longer exist: {stale}"
    assert len(ruled) == len(RULES), "A URL name has two rules"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The personas and every area's objects, built once for the whole matrix inside a transaction that is
    rolled back when the module ends. Each case runs in a savepoint of its own (the ``db`` fixture), so a POST
    that changes something (a decision, a new calendar secret) is undone before the next case."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            CenterFactory()
            users = {persona: make_persona(persona) for persona in PERSONAS if persona != "anonymous"}
            w = SimpleNamespace(users=users, staff_member=users["lecturer"].staff_member)
            for build in _load_world_builders():
                build(w)
            yield w
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("rule", RULES, ids=str)
def test_access(world, db, client, rule, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    url = reverse(rule.name, kwargs=rule.kwargs(world) if rule.kwargs else None) + rule.query
    data = rule.data(world) if rule.data else {}
    response = client.post(url, data) if rule.method == "post" else client.get(url)
    expected = rule.expected(persona)
    if expected == "login":
        assert response.status_code == 302, f"{rule.name} as {persona}: {response.status_code}"
        assert response.url.startswith(reverse("login")), f"{rule.name} as {persona} → {response.url}"
    else:
        assert response.status_code == expected, f"{rule.name} as {persona}: {response.status_code} ≠ {expected}"
