"""The portal's settings as ``python -m tests.bench http`` serves them: production mode from the
environment the benchmark sets (DEBUG=0 and what follows from it), with plain static file names so that
no ``collectstatic`` is needed (a page's cost does not depend on how its static URLs are spelled)."""

from center.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
