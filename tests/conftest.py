"""Personas, as in healthchecks' alice/bob/charlie: each role, plus an outsider of the same kind.

Objects are created per test (function scope) so tests stay independent on both databases.
"""

import os

import pytest
from django.db import connection

from tests.factories import PASSWORD, CenterFactory, StaffMemberFactory, UserFactory


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
    user = UserFactory(username="giamdoc", first_name="Thành", last_name="Lê Văn", roles=["director"])
    StaffMemberFactory(user=user, full_name="Lê Văn Thành", position="director")
    return user


@pytest.fixture
def deputy(center):
    """Nguyễn Thị Hồng Nhung — deputy director: runs courses; decides only when delegated."""
    user = UserFactory(username="phogiamdoc", first_name="Nhung", last_name="Nguyễn Thị Hồng", roles=["deputy"])
    StaffMemberFactory(user=user, full_name="Nguyễn Thị Hồng Nhung", position="deputy_director")
    return user


@pytest.fixture
def clerk(center):
    """Võ Minh Đức — the clerk (cán bộ): records trainees and enrolments, prints rosters; cannot decide."""
    user = UserFactory(username="canbo", first_name="Đức", last_name="Võ Minh", roles=["clerk"])
    StaffMemberFactory(user=user, full_name="Võ Minh Đức", position="officer")
    return user


@pytest.fixture
def lecturer(center):
    """Trần Quốc Bảo — a lecturer: sees and records only their own sessions."""
    user = UserFactory(username="giangvien", first_name="Bảo", last_name="Trần Quốc", roles=["lecturer"])
    StaffMemberFactory(user=user, full_name="Trần Quốc Bảo", position="lecturer")
    return user


@pytest.fixture
def other_lecturer(center):
    """Phạm Thị Thu Hà — another lecturer: must not see Bảo's private things (calendar secret, own grids)."""
    user = UserFactory(username="giangvien2", first_name="Hà", last_name="Phạm Thị Thu", roles=["lecturer"])
    StaffMemberFactory(user=user, full_name="Phạm Thị Thu Hà", position="lecturer")
    return user


@pytest.fixture
def trainee_user(center):
    """Nguyễn Văn An — a trainee's login (the Trainee record is attached by the trainees tests)."""
    return UserFactory(username="hocvien", first_name="An", last_name="Nguyễn Văn", roles=["trainee"])


@pytest.fixture
def other_trainee_user(center):
    """Trần Thị Bình — another trainee: must never see An's records."""
    return UserFactory(username="hocvien2", first_name="Bình", last_name="Trần Thị", roles=["trainee"])


@pytest.fixture
def outsider(center):
    """A login with no role at all (e.g. an account whose role was removed)."""
    return UserFactory(username="nguoingoai")


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"
