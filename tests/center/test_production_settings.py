"""Settings as production reads them from the environment (center/settings.py evaluated afresh)."""

import runpy

import pytest
from django.conf import settings

SETTINGS = str(settings.BASE_DIR / "center" / "settings.py")
PG = "postgres://portal@db.example.vn:5432/portal"


def _settings(monkeypatch, **env) -> dict:
    for name in ("DEBUG", "CONN_MAX_AGE", "DATABASE_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS)


def test_production_keeps_database_connections_with_health_checks(monkeypatch):
    database = _settings(monkeypatch, DEBUG="0", SECRET_KEY="x" * 50, DATABASE_URL=PG)["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_development_opens_a_connection_per_request(monkeypatch):
    database = _settings(monkeypatch, DATABASE_URL=PG)["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0


@pytest.mark.parametrize("debug", ["0", "1"])
def test_conn_max_age_from_the_environment_wins(monkeypatch, debug):
    env = {"DEBUG": debug, "SECRET_KEY": "x" * 50, "DATABASE_URL": PG, "CONN_MAX_AGE": "300"}
    assert _settings(monkeypatch, **env)["DATABASES"]["default"]["CONN_MAX_AGE"] == 300
