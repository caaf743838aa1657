"""The README's production path: `collectstatic` with the manifest storage (what production uses, under
WhiteNoise's compression) succeeds, and pages then find every static file in the manifest. Before the fix the
vendored Bootstrap files referenced missing .map files: collectstatic failed, and every page answered 500
("Missing staticfiles manifest entry"). The compressed variant runs end to end in CI (tools/prod_smoke.py)."""

import json
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.management import call_command
from django.urls import reverse
from django.utils.module_loading import import_string

ROOT = Path(settings.BASE_DIR)
STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")
BOOTSTRAP_CSS = "vendor/bootstrap-5.3.9/bootstrap.min.css"


@pytest.fixture
def manifest_storage(settings, tmp_path) -> Path:
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    return settings.STATIC_ROOT


def _collect(static_root: Path) -> dict[str, str]:
    call_command("collectstatic", interactive=False, verbosity=0)
    return json.loads((static_root / "staticfiles.json").read_text(encoding="utf-8"))["paths"]


def test_production_settings_use_a_manifest_storage(monkeypatch):
    monkeypatch.setenv("DEBUG", "0")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    production = runpy.run_path(str(ROOT / "center" / "settings.py"))
    assert issubclass(import_string(production["STORAGES"]["staticfiles"]["BACKEND"]), ManifestStaticFilesStorage)


def test_collectstatic_builds_the_manifest_and_pages_use_it(manifest_storage, client, director):
    paths = _collect(manifest_storage)
    hashed = paths[BOOTSTRAP_CSS]
    assert hashed != BOOTSTRAP_CSS and (manifest_storage / hashed).is_file()
    assert f"/static/{hashed}" in client.get(reverse("login")).content.decode()
    client.force_login(director)
    response = client.get(reverse("home"))
    assert response.status_code == 200 and f"/static/{hashed}" in response.content.decode()


def test_every_static_file_a_template_names_is_in_the_manifest(manifest_storage):
    paths = _collect(manifest_storage)
    named = {
        name
        for template in (ROOT / "templates").rglob("*.html")
        for name in STATIC_TAG.findall(template.read_text(encoding="utf-8"))
    }
    assert named and sorted(named - set(paths)) == []
