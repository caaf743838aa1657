"""Guessing activation codes: limited per address, never per username, so an outsider cannot lock a trainee
out; a username under attack is slowed down, not locked; and an unknown username gets exactly the answers
of a known one, so usernames cannot be discovered."""

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.urls import reverse

from tests.builders import make_trainee
from trainees.accounts import services as accounts
from trainees.accounts.services import ERROR_ADDRESS_LIMIT, ERROR_WRONG_CODE, AccountError, activation_code_check

pytestmark = pytest.mark.django_db

OUTSIDER = "203.0.113.9"
HOME = "198.51.100.20"


@pytest.fixture
def waits(monkeypatch):
    slept = []
    monkeypatch.setattr(accounts, "_wait", slept.append)
    return slept


@pytest.fixture
def code(center, clerk):
    trainee = make_trainee(given_name="An", family_name="Nguyễn Văn")
    return accounts.activation_code_issue(trainee=trainee, by=clerk)


def _wrong(code):
    return "ACDEFGHJ" if code != "ACDEFGHJ" else "KMNPQRTU"


def _answers(username, typed, address, times):
    answers = []
    for _ in range(times):
        try:
            activation_code_check(username=username, code=typed, ip_address=address)
            answers.append("ok")
        except AccountError as exc:
            answers.append(str(exc.message))
    return answers


def test_an_outsider_typing_wrong_codes_does_not_lock_the_trainee_out(code, waits):
    _answers("an.nv1", _wrong(code), OUTSIDER, 30)
    assert activation_code_check(username="an.nv1", code=code, ip_address=HOME)


def test_one_address_may_try_ten_codes_an_hour_whatever_the_username(code, waits):
    answers = _answers("an.nv1", _wrong(code), OUTSIDER, 6) + _answers("khongco.ai1", _wrong(code), OUTSIDER, 6)
    assert answers == [str(ERROR_WRONG_CODE)] * accounts.ADDRESS_LIMIT + [str(ERROR_ADDRESS_LIMIT)] * 2
    # Even the right code waits for the hour to pass at that address; another address is not affected.
    assert _answers("an.nv1", code, OUTSIDER, 1) == [str(ERROR_ADDRESS_LIMIT)]
    assert _answers("an.nv1", code, HOME, 1) == ["ok"]


def test_a_right_code_does_not_count_against_the_address(code, waits):
    for _ in range(accounts.ADDRESS_LIMIT + 2):
        assert activation_code_check(username="an.nv1", code=code, ip_address=HOME)


def test_unknown_and_known_usernames_get_the_same_answers_and_delays(code, waits):
    known = _answers("an.nv1", _wrong(code), "192.0.2.1", 8) + _answers("an.nv1", _wrong(code), "192.0.2.2", 8)
    known_waits = list(waits)
    waits.clear()
    unknown = _answers("an.nv9", _wrong(code), "192.0.2.3", 8) + _answers("an.nv9", _wrong(code), "192.0.2.4", 8)
    assert known == unknown
    assert waits == known_waits


def test_a_username_under_attack_is_slowed_down_but_the_right_code_gets_in(code, waits):
    for i in range(accounts.USERNAME_SLOW_AFTER):
        _answers("an.nv1", _wrong(code), f"192.0.2.{i + 10}", 1)
    assert waits == []
    assert activation_code_check(username="an.nv1", code=code, ip_address=HOME)
    assert waits == [accounts.USERNAME_DELAY_SECONDS]


def test_an_unknown_username_costs_the_same_hashing_as_a_known_one(code, waits, monkeypatch):
    compared = []
    real = accounts.secret_matches
    monkeypatch.setattr(accounts, "secret_matches", lambda raw, encoded: compared.append(encoded) or real(raw, encoded))
    _answers("khongco.ai1", "ACDEFGHJ", HOME, 1)
    _answers("an.nv1", _wrong(code), HOME, 1)
    assert len(compared) == 2 and all(is_password_usable(encoded) for encoded in compared)
    # The same hasher and rounds for both: the answer takes the same time.
    assert {encoded.split("$")[:2][0] + encoded.split("$")[1] for encoded in compared} == {"pbkdf2_sha256_code20000"}


def test_the_form_says_so_in_vietnamese_and_counts_the_address(client, code, waits):
    for _ in range(accounts.ADDRESS_LIMIT + 1):
        response = client.post(reverse("activate"), {"username": "an.nv1", "code": "ACDE-FGHJ"}, REMOTE_ADDR=OUTSIDER)
    assert "Đã nhập quá nhiều mã kích hoạt từ kết nối này" in response.content.decode()
    response = client.post(reverse("activate"), {"username": "an.nv1", "code": code}, REMOTE_ADDR=HOME)
    assert response.status_code == 302 and response.url == reverse("activate_password")


def test_old_counts_are_removed_by_the_cleanup(code, waits):
    from django.utils import timezone

    from trainees.models import ActivationThrottle

    _answers("an.nv1", _wrong(code), OUTSIDER, 2)
    ActivationThrottle.objects.update(window_start=timezone.now() - accounts.THROTTLE_WINDOW * 2)
    assert accounts.activation_throttles_remove_old() == 2
    assert not ActivationThrottle.objects.exists()
