"""The hostile-value sweep: every URL of the project (the access matrix's rules, so a new URL is swept as
soon as it has a rule), as every persona, gets a corpus of hostile values — NUL bytes, 1 MB strings, the
dates 0001 and 9999, huge integers, non-ASCII digits, zero-width characters — in its path arguments, in
every query parameter its pages use, and in every field of every form it shows (one field at a time, the
others left as the browser would send them). No answer may be a 5xx.

The world is built once for the module; every request runs in a savepoint that is rolled back, so what
one hostile request writes never changes what the next one sees. Run it on PostgreSQL too: NUL bytes only
break queries there.
"""

import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import quote, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.access.base import PERSONAS
from tests.test_access_matrix import RULES, _load_world_builders

NUL = "\x00"
MEGABYTE = "x" * 1_000_000
HUGE = "99999999999999999999"

# label → value. Every value is tried on every query parameter; form fields get the ones for their kind.
CORPUS = {
    "NUL": NUL,
    "NUL inside a name": "Nguyễn Văn\x00 An",
    "1 MB": MEGABYTE,
    "date 0001": "0001-01-01",
    "date 01/01/0001": "01/01/0001",
    "date 9999": "9999-12-31",
    "date 31/12/9999": "31/12/9999",
    "huge integer": HUGE,
    "huge negative": "-" + HUGE,
    "Arabic-Indic digits": "١٢٣",
    "full-width digits": "１２３",
    "zero-width space": "\u200b",
    "zero-width in a name": "Nguyễn\u200b Văn\u200d An\ufeff",
    "NaN": "NaN",
}
BY_KIND = {
    "date": ["NUL", "1 MB", "date 0001", "date 01/01/0001", "date 9999", "date 31/12/9999", "huge integer"],
    "number": ["NUL", "1 MB", "huge integer", "huge negative", "Arabic-Indic digits", "full-width digits", "NaN"],
    "choice": ["NUL", "1 MB", "huge integer", "full-width digits"],
    "flag": ["NUL"],
    "text": [
        "NUL",
        "NUL inside a name",
        "1 MB",
        "zero-width space",
        "zero-width in a name",
        "Arabic-Indic digits",
        "full-width digits",
        "date 31/12/9999",
        "huge integer",
    ],
}
# What query parameters get (each in every parameter at once).
QUERY_VALUES = ["NUL", "1 MB", "date 0001", "date 9999", "huge integer", "Arabic-Indic digits", "zero-width space"]
# Query parameters the portal reads somewhere; the pages' GET forms add theirs.
QUERY_PARAMETERS = [
    "q",
    "unit",
    "course",
    "trainee",
    "programme",
    "status",
    "year",
    "week",
    "page",
    "all",
    "u",
    "code",
    "format",
]
# The other personas get the short list (a denied one is answered before the input is read; an allowed
# one runs the same code as the first).
OTHER_VALUES = ["NUL", "huge integer"]


# The world, once per module --------------------------------------------------------------------------


def _personas():
    from tests.factories import CenterFactory, StaffMemberFactory, UserFactory

    CenterFactory()
    people = {
        "director": ("giamdoc", ["director"], "Lê Văn Thành", "director"),
        "deputy": ("phogiamdoc", ["deputy"], "Nguyễn Thị Hồng Nhung", "deputy_director"),
        "clerk": ("canbo", ["clerk"], "Võ Minh Đức", "officer"),
        "lecturer": ("giangvien", ["lecturer"], "Trần Quốc Bảo", "lecturer"),
        "other_lecturer": ("giangvien2", ["lecturer"], "Phạm Thị Thu Hà", "lecturer"),
        "trainee": ("hocvien", ["trainee"], None, None),
        "other_trainee": ("hocvien2", ["trainee"], None, None),
        "outsider": ("nguoingoai", [], None, None),
    }
    users = {}
    for persona, (username, roles, full_name, position) in people.items():
        users[persona] = UserFactory(username=username, roles=roles)
        if full_name:
            StaffMemberFactory(user=users[persona], full_name=full_name, position=position)
    return users


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        users = _personas()
        w = SimpleNamespace(users=users, staff_member=users["lecturer"].staff_member)
        for build in _load_world_builders():
            build(w)
        _counters_follow_certificates()
        yield w
        transaction.set_rollback(True)


def _counters_follow_certificates():
    # Some builders create certificates directly; the issuing service keeps each year's counter at the
    # last number, so a reissue in the sweep gets the next one, as it would in the portal.
    from django.db.models import Max

    from trainees.models import Certificate, CertificateCounter

    for row in Certificate.objects.values("year").annotate(last=Max("number")):
        CertificateCounter.objects.update_or_create(year=row["year"], defaults={"last_number": row["last"]})


# Reading the forms of a page, as a browser would submit them ------------------------------------------


@dataclass
class HtmlForm:
    method: str
    action: str
    fields: dict = field(default_factory=dict)  # name → list of values the browser sends
    kinds: dict = field(default_factory=dict)  # name → "date" | "number" | "choice" | "flag" | "text" | "file"


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form = None
        self._select = None
        self._select_first = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = HtmlForm(method=(a.get("method") or "get").lower(), action=a.get("action") or "")
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            values = form.fields.setdefault(name, [])
            if kind in ("checkbox", "radio"):
                form.kinds[name] = "flag" if kind == "checkbox" and name not in form.kinds else "choice"
                if "checked" in a:
                    values.append(a.get("value", "on"))
                return
            form.kinds[name] = _kind_of_input(kind, name, a)
            values.append(a.get("value") or "")
        elif tag == "select":
            self._select, self._select_first = name, None
            form.fields.setdefault(name, [])
            form.kinds[name] = "choice"
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None and value:
                self._select_first = value
            if "selected" in a:
                form.fields[self._select].append(value)
        elif tag == "textarea":
            self._textarea = name
            form.fields[name] = [""]
            form.kinds[name] = "text"

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form.fields[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            values = self._form.fields[self._select] if self._form else []
            if not values and self._select_first is not None:
                values.append(self._select_first)  # a browser sends the first option
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _kind_of_input(kind, name, attrs):
    if kind == "file":
        return "file"
    if kind in ("date", "datetime-local") or "date" in name or attrs.get("placeholder") == "dd/mm/yyyy":
        return "date"
    if kind == "number" or attrs.get("inputmode") in ("numeric", "decimal"):
        return "number"
    if kind == "hidden" and name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")):
        return "number"
    return "text"


def forms_of(response) -> list[HtmlForm]:
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    parser = FormParser()
    parser.feed(response.content.decode("utf-8", "replace"))
    return parser.forms


# Sending ----------------------------------------------------------------------------------------------


@dataclass
class Sweep:
    client: Client
    failures: list = field(default_factory=list)
    requests: int = 0

    def send(self, method, path, data=None, *, what):
        self.requests += 1
        with transaction.atomic():
            if method == "post":
                response = self.client.post(path, data or {})
            else:
                response = self.client.get(path, data or {})
            transaction.set_rollback(True)
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            self.failures.append(f"{method.upper()} {path[:120]} {what}: {response.status_code} {exc[1]!r}"[:400])
        return response

    def login(self, persona, world):
        self.client.logout()
        if persona != "anonymous":
            self.client.force_login(world.users[persona])


def _binary(path: str) -> bool:
    return path.endswith((".pdf", ".xlsx", ".zip", ".ics", "/pdf/"))


def _path_variants(rule, world, labels):
    """The rule's URL with each path argument replaced by hostile values (as an attacker would type them)."""
    if not rule.kwargs:
        return []
    kwargs = rule.kwargs(world)
    good = reverse(rule.name, kwargs=kwargs)
    variants = []
    for key, value in kwargs.items():
        for label in labels:
            if label == "huge pk":
                try:
                    variants.append((reverse(rule.name, kwargs={**kwargs, key: int(HUGE)}), f"path {key}=huge pk"))
                except NoReverseMatch:  # a converter that takes no integers
                    pass
                continue
            hostile = quote(CORPUS[label], safe="")
            variants.append((good.replace(quote(str(value), safe="/"), hostile, 1), f"path {key}={label}"))
    return variants


def _same_page(form: HtmlForm, path: str) -> bool:
    return not form.action or urlsplit(form.action).path in ("", path)


def _hostile_form_data(form: HtmlForm, label: str) -> dict | None:
    """What the browser would send, with ``label``'s value in every field of a kind it is meant for (None
    when the form has no such field)."""
    data = {name: list(values) for name, values in form.fields.items() if form.kinds.get(name) != "file"}
    hit = False
    for name in data:
        if label in BY_KIND.get(form.kinds.get(name, "text"), ()):
            data[name] = CORPUS[label]
            hit = True
    return data if hit else None


@dataclass
class Page:
    status: int
    forms: list


@pytest.fixture(scope="module")
def crawl(world, django_db_blocker):
    """Every page, once, as the first persona that may open it: its answer and its forms; and the forms that
    post to another URL than their page (the unlock button, the approval decisions), by (persona, target
    path), so POST-only URLs are swept with the fields a browser would send them."""
    pages, posting = {}, {}
    client = Client(raise_request_exception=False)
    with django_db_blocker.unblock():
        for rule in RULES:
            path = reverse(rule.name, kwargs=rule.kwargs(world) if rule.kwargs else None)
            if rule.method != "get" or _binary(path):
                continue
            # The first persona that may open the page: the one whose forms the sweep fills in.
            for persona in [p for p in PERSONAS if rule.expected(p) == 200][:1]:
                client.logout()
                if persona != "anonymous":
                    client.force_login(world.users[persona])
                with transaction.atomic():
                    response = client.get(path + rule.query)
                    transaction.set_rollback(True)
                forms = forms_of(response) if response.status_code == 200 else []
                pages[(rule.name, persona)] = Page(status=response.status_code, forms=forms)
                for form in forms:
                    target = urlsplit(form.action).path if form.action else path
                    if form.method == "post" and target != path and target.startswith("/"):
                        posting.setdefault((persona, target), []).append(form)
    return SimpleNamespace(pages=pages, posting=posting)


@pytest.fixture(scope="module", autouse=True)
def _quiet_request_log():
    # Thousands of 403/404 warnings (some with a megabyte in the path) only slow the sweep down.
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


def _mixed_query(params) -> dict:
    """One request for a file download: each parameter gets another value of the corpus."""
    return {name: CORPUS[QUERY_VALUES[i % len(QUERY_VALUES)]] for i, name in enumerate(params)}


def _form_requests(form: HtmlForm):
    """(label, data) for the first persona: each value of the corpus in every field of a kind it is meant
    for; the megabyte two fields at a time (Django refuses a body over 2.5 MB before reading any field)."""
    for label in CORPUS:
        if label != "1 MB":
            data = _hostile_form_data(form, label)
            if data is not None:
                yield label, data
    # Rows of a formset or a grid repeat one field ("topics-3-title", "status-17"): its first row stands
    # for the others here.
    text, seen = [], set()
    for name in form.fields:
        shape = re.sub(r"[0-9]+", "#", name)
        if form.kinds.get(name, "text") == "text" and shape not in seen:
            seen.add(shape)
            text.append(name)
    base = {name: list(values) for name, values in form.fields.items() if form.kinds.get(name) != "file"}
    for i in range(0, len(text), 2):
        yield "1 MB", {**base, **{name: MEGABYTE for name in text[i : i + 2]}}


def sweep_url(rule, world, crawl) -> Sweep:
    sweep = Sweep(client=Client(raise_request_exception=False))
    path = reverse(rule.name, kwargs=rule.kwargs(world) if rule.kwargs else None)
    binary = _binary(path)
    first_done = False
    for persona in PERSONAS:
        sweep.login(persona, world)
        who = f"as {persona}"
        first = rule.expected(persona) in (200, 302) and not first_done
        path_labels = ["NUL", "NUL inside a name", "huge pk", "Arabic-Indic digits", "zero-width space", "1 MB"]
        for variant, what in _path_variants(rule, world, path_labels if first else ["NUL"]):
            sweep.send(rule.method, variant, rule.data(world) if rule.data else None, what=f"{who} {what}")
        if binary:
            # A file (PDF, workbook, calendar) is slow to make: one request with a mixed query, by the first
            # persona that may have it; the access matrix asks for it plainly as everyone.
            if first:
                sweep.send("get", path, _mixed_query(QUERY_PARAMETERS), what=f"{who} query=mixed")
                first_done = True
            continue
        page = crawl.pages.get((rule.name, persona))
        if page is None:  # a POST-only URL, or a persona that is turned away: ask once
            plain = sweep.send(rule.method, path + rule.query, rule.data(world) if rule.data else None, what=who)
            page = Page(status=plain.status_code, forms=forms_of(plain) if plain.status_code == 200 else [])
        params = list(QUERY_PARAMETERS)
        for form in page.forms:
            if form.method == "get" and _same_page(form, path):
                params += [name for name in form.fields if name not in params]
        for label in QUERY_VALUES if first else OTHER_VALUES:
            sweep.send("get", path, {name: CORPUS[label] for name in params}, what=f"{who} query={label}")
        forms = [f for f in page.forms if f.method == "post" and _same_page(f, path)]
        forms += crawl.posting.get((persona, path), [])
        if rule.method == "post" and not forms and rule.data:
            forms = [HtmlForm(method="post", action=path, fields={k: [v] for k, v in rule.data(world).items()})]
        for form in forms:
            if first:
                for label, data in _form_requests(form):
                    sweep.send("post", path, data, what=f"{who} fields={label}")
            else:
                data = _hostile_form_data(form, "NUL")
                if data is not None:
                    sweep.send("post", path, data, what=f"{who} fields=NUL")
        first_done = first_done or first
    return sweep


@pytest.mark.parametrize("rule", RULES, ids=str)
def test_no_hostile_value_makes_a_server_error(db, world, crawl, rule):
    sweep = sweep_url(rule, world, crawl)
    assert not sweep.failures, f"{len(sweep.failures)} of {sweep.requests} requests answered 5xx:\n" + "\n".join(
        sweep.failures[:40]
    )


def test_the_sweep_covers_every_url_and_field_kind():
    # The sweep reads the access rules; tests/test_access_matrix.py fails on a URL without one.
    assert len(RULES) > 90
    assert set(BY_KIND) == {"date", "number", "choice", "flag", "text"}
    assert all(re.search(r"\S", label) for label in CORPUS)
