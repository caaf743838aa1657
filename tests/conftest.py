"""Personas, as in healthchecks' alice/bob/charlie: each role, plus an outsider of the same kind.

Objects are created per test (function scope) so tests stay independent on both databases; the users
themselves come from ``tests.builders.make_persona`` (the access matrix builds them once per module).
"""

import os

import pytest
from django.db import connection

from tests.builders import make_persona
from tests.factories import PASSWORD, CenterFactory


def pytest_configure(config):
    from django.conf import settings

    # Fast hashing in tests: the default PBKDF2 costs ~0.3 s per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def center(db):
    return CenterFactory()


@pytest.fixture
def director(center):
    """Lê Văn Thành — the director: decides enrolments, signs certificates, edits the profile."""
    return make_persona("director")


@pytest.fixture
def deputy(center):
    """Nguyễn Thị Hồng Nhung — deputy director: runs courses; decides only when delegated."""
    return make_persona("deputy")


@pytest.fixture
def clerk(center):
    """Võ Minh Đức — the clerk (cán bộ): records trainees and enrolments, prints rosters; cannot decide."""
    return make_persona("clerk")


@pytest.fixture
def lecturer(center):
    """Trần Quốc Bảo — a lecturer: sees and records only their own sessions."""
    return make_persona("lecturer")


@pytest.fixture
def other_lecturer(center):
    """Phạm Thị Thu Hà — another lecturer: must not see Bảo's private things (calendar secret, own grids)."""
    return make_persona("other_lecturer")


@pytest.fixture
def trainee_user(center):
    """Nguyễn Văn An — a trainee's login (the Trainee record is attached by the trainees tests)."""
    return make_persona("trainee")


@pytest.fixture
def other_trainee_user(center):
    """Trần Thị Bình — another trainee: must never see An's records."""
    return make_persona("other_trainee")


@pytest.fixture
def outsider(center):
    """A login with no role at all (e.g. an account whose role was removed)."""
    return make_persona("outsider")


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def immediate_tasks(settings):
    """Background tasks run inside the request (django-tasks' immediate backend) instead of waiting for a
    worker: a file asked for is ready when the response comes."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
