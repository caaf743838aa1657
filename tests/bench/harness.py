"""What every benchmark shares: Django set up on a throw-away test database, removed afterwards."""

import os
from collections.abc import Callable


def run_in_test_database(run: Callable[[], None]) -> None:
    """Set Django up, create a fresh test database (SQLite or DATABASE_URL's server), call ``run``,
    then destroy the database whatever happened."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "center.settings")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
