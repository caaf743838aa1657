"""PORTAL_BASE_URL goes on paper (QR codes, slips, certificates) and into feeds: one helper builds those URLs,
`make run` passes the address it serves on, and production refuses to start with the development default."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from center.checks import check_portal_base_url
from center.links import absolute_url, portal_host

ROOT = Path(settings.BASE_DIR)
APPS = ("center", "staff", "courses", "trainees", "tools")
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 30 + "-production-secret-key-for-the-test-only-9f8e7d",
    "ALLOWED_HOSTS": "portal.example.vn",
    "PATH": "/usr/bin:/bin",
}


def _check(**env):
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
    )


def test_production_check_fails_while_the_development_default_is_set():
    result = _check()
    assert result.returncode == 1
    assert "center.E002" in result.stderr and "PORTAL_BASE_URL" in result.stderr


def test_production_check_passes_with_a_public_address():
    result = _check(PORTAL_BASE_URL="https://ttct.example.vn")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_keeps_the_default(settings):
    settings.DEBUG = True
    settings.PORTAL_BASE_URL = settings.DEV_PORTAL_BASE_URL
    assert check_portal_base_url(None) == []
    call_command("check")  # the test suite's own settings pass


@pytest.mark.parametrize("value", ["ttct.example.vn", "ftp://ttct.example.vn", "https://", "https://x.vn/ttct/"])
def test_a_value_that_is_not_a_scheme_and_host_is_an_error(settings, value):
    settings.PORTAL_BASE_URL = value
    assert [e.id for e in check_portal_base_url(None)] == ["center.E001"]
    with pytest.raises(SystemCheckError):
        call_command("check")


def test_the_development_default_is_an_error_only_with_debug_off(settings):
    settings.PORTAL_BASE_URL = settings.DEV_PORTAL_BASE_URL + "/"
    settings.DEBUG = False
    assert [e.id for e in check_portal_base_url(None)] == ["center.E002"]
    settings.PORTAL_BASE_URL = "https://ttct.example.vn/"
    assert check_portal_base_url(None) == []


def test_absolute_url_joins_the_public_address_and_a_path(settings):
    settings.PORTAL_BASE_URL = "https://ttct.example.vn/"
    assert absolute_url("/verify/7KQ2M-XH4PD/") == "https://ttct.example.vn/verify/7KQ2M-XH4PD/"
    assert portal_host() == "ttct.example.vn"
    with pytest.raises(ValueError):
        absolute_url("verify/")


def test_only_the_settings_the_helper_and_the_check_read_it():
    """Every other absolute URL goes through center.links (tools/prod_smoke.py only sets the variable)."""
    sources = [ROOT / "manage.py", *(path for app in APPS for path in (ROOT / app).rglob("*.py"))]
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in sources
        if re.search(r"settings\.PORTAL_BASE_URL|[\"']PORTAL_BASE_URL[\"']\)", path.read_text(encoding="utf-8"))
    ]
    assert sorted(readers) == ["center/checks.py", "center/links.py", "center/settings.py"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_prints_the_address_it_serves_on():
    dry_run = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "PORTAL_BASE_URL=http://127.0.0.1:8123 " in dry_run
    assert "runserver 127.0.0.1:8123" in dry_run
