"""Wrong passwords lock a username at one address only; for the username alone there is a slower path that
never locks, so an outsider cannot keep a staff member out. The director unlocks a login from the portal."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from center.models import AuditEntry
from staff import forms_auth, services

OUTSIDER_ADDRESS = "203.0.113.66"
OFFICE_ADDRESS = "198.51.100.10"
HOME_ADDRESS = "192.0.2.44"


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def waits(monkeypatch):
    slept = []
    monkeypatch.setattr(forms_auth, "_wait", slept.append)
    return slept


def _login(client, username, password, address):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _lock(client, username, address=OUTSIDER_ADDRESS):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, username, "sai-mat-khau", address)
    assert response.status_code == 429


def test_an_outsider_cannot_lock_the_director_out(client, director, password, waits):
    _lock(client, "giamdoc")
    # The outsider's address is locked for that username, even with the right password …
    assert _login(client, "giamdoc", password, OUTSIDER_ADDRESS).status_code == 429
    # … but the director signs in from the office.
    response = _login(client, "giamdoc", password, OFFICE_ADDRESS)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(director.pk)


def test_the_username_alone_gets_a_slower_path_not_a_lock(client, director, password, waits):
    assert _login(client, "giamdoc", password, OFFICE_ADDRESS).status_code == 302  # the office is known
    client.logout()
    assert waits == []
    _lock(client, "giamdoc")
    waits.clear()
    # A new address waits before its password is checked, and still gets in with the right one.
    assert _login(client, "giamdoc", password, HOME_ADDRESS).status_code == 302
    assert waits == [services.LOGIN_SLOW_SECONDS]
    client.logout()
    # The address the director signed in from before is not slowed.
    waits.clear()
    assert _login(client, "giamdoc", password, OFFICE_ADDRESS).status_code == 302
    assert waits == []


def test_the_director_sees_the_lockouts_and_unlocks_one(client, director, clerk, password, waits):
    _lock(client, "canbo")
    client.force_login(director)
    page = client.get(reverse("lockout_list"))
    assert page.status_code == 200
    assert [(lock.username, lock.ip_address) for lock in page.context["lockouts"]] == [("canbo", OUTSIDER_ADDRESS)]
    response = client.post(reverse("lockout_unlock"), {"username": "canbo", "ip_address": OUTSIDER_ADDRESS})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="canbo").exists()
    entry = AuditEntry.objects.get(action="login.unlocked")
    assert entry.actor == director and entry.object_id == clerk.pk
    assert entry.data == {"username": "canbo", "ip_address": OUTSIDER_ADDRESS, "failures": settings.AXES_FAILURE_LIMIT}
    client.logout()
    assert _login(client, "canbo", password, OUTSIDER_ADDRESS).status_code == 302
    page = client.get(reverse("lockout_list"))  # now signed in as the clerk
    assert page.status_code == 403


def test_only_the_director_unlocks(deputy, clerk):
    AccessAttempt.objects.create(
        username="canbo", ip_address=OUTSIDER_ADDRESS, user_agent="x", failures_since_start=6, get_data="", post_data=""
    )
    with pytest.raises(services.StaffError):
        services.login_unlock(username="canbo", ip_address=OUTSIDER_ADDRESS, by=deputy)
    assert AccessAttempt.objects.filter(username="canbo").exists()


def test_unlocking_a_login_that_is_not_locked_says_so(client, director):
    client.force_login(director)
    response = client.post(reverse("lockout_unlock"), {"username": "khongco", "ip_address": "\x00"}, follow=True)
    assert "Đăng nhập này hiện không bị khóa" in response.content.decode()


def test_behind_a_proxy_the_address_is_read_from_the_proxy_s_header(client, director, password, settings, waits):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "giamdoc", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {OUTSIDER_ADDRESS}",
        )
    # Every request comes from the proxy (127.0.0.1); the director, at another address, is not locked.
    response = client.post(
        reverse("login"),
        {"username": "giamdoc", "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=OFFICE_ADDRESS,
    )
    assert response.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OUTSIDER_ADDRESS}
