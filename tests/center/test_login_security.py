import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def test_six_failed_logins_lock_the_account_even_for_the_right_password(client, clerk, password):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "canbo", "password": "sai"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()

    response = client.post(url, {"username": "canbo", "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_expires_after_the_cool_off(client, clerk, password, settings):
    settings.AXES_COOLOFF_TIME = 0.0001  # hours: less than a second
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    import time

    time.sleep(1)
    response = client.post(reverse("login"), {"username": "canbo", "password": password})
    assert response.status_code == 302


def test_five_failures_then_the_right_password_gets_in(client, clerk, password):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo", "password": password})
    assert response.status_code == 302


def test_login_starts_a_new_session_and_logout_ends_it(client, clerk, password):
    client.get(reverse("login"))
    before = client.session.session_key
    client.post(reverse("login"), {"username": "canbo", "password": password})
    after = client.session.session_key
    assert after and after != before
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("center_detail")).status_code == 302


def test_pages_send_a_content_security_policy_without_inline_script(client, clerk):
    client.force_login(clerk)
    csp = client.get(reverse("home"))["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src


def test_pages_have_no_inline_scripts(client, director):
    client.force_login(director)
    for name in ("home", "center_detail", "center_edit", "staff_list", "login"):
        html = client.get(reverse(name)).content.decode()
        assert "<script>" not in html and "onclick=" not in html and "onchange=" not in html


@override_settings(DEBUG=False)
def test_check_deploy_is_clean_in_production(monkeypatch, capsys):
    import subprocess
    import sys

    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 30 + "-production-secret-key-for-the-test-only-9f8e7d",
        "ALLOWED_HOSTS": "portal.example.vn",
        "PORTAL_BASE_URL": "https://portal.example.vn",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
