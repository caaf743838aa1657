"""What every benchmark shares: Django set up on a throw-away test database, removed afterwards."""

import os
import shutil
import tempfile
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit


def run_in_test_database(run: Callable[[], None], *, shared: bool = False) -> None:
    """Set Django up, create a fresh test database (SQLite or DATABASE_URL's server), call ``run``,
    then destroy the database whatever happened.

    ``shared``: other processes (a gunicorn started by the benchmark) must open the same database, so on
    SQLite it is a file in a temporary folder instead of the in-memory one; ``test_database_url()`` then
    names it for them."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "center.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    folder = None
    if shared and connection.vendor == "sqlite":
        folder = tempfile.mkdtemp(prefix="bench-db-")
        connection.settings_dict.setdefault("TEST", {})["NAME"] = os.path.join(folder, "bench.sqlite3")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def test_database_url() -> str:
    """A DATABASE_URL for another process that opens the test database created above."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))
