"""The HTTP benchmark's settings with a URLconf of one hello-world view: the yardstick for what the same
gunicorn, Django and middleware cost before any page does its own work. Never used by the portal."""

from tests.bench.http_settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.hello_urls"
