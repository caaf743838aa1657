"""One printed code, typed on two phones at the same moment: only one activation wins (PostgreSQL row lock
on the code). Also: parallel wrong codes from one address cannot slip past the address's limit."""

import threading

import pytest
from django.db import connection

from tests.builders import make_trainee
from trainees.accounts import services as svc
from trainees.models import ActivationThrottle

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _at_once(n, fn):
    start = threading.Barrier(n)
    outcomes, lock = [], threading.Lock()

    def work(i):
        try:
            start.wait(timeout=30)
            outcome = fn(i)
        except svc.AccountError as exc:
            outcome = str(exc.message)
        except Exception as exc:  # noqa: BLE001 — shown in the assertion
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return outcomes


def test_a_code_activates_only_once_when_used_twice_at_the_same_moment(clerk):
    trainee = make_trainee(family_name="Nguyễn Văn", given_name="An")
    code = svc.activation_code_issue(trainee=trainee, by=clerk)
    live = svc.activation_code_check(username="an.nv1", code=code)
    outcomes = _at_once(2, lambda i: svc.account_activate(code=live, password=f"Mat-khau-rieng-{i}!") and "ok")
    assert sorted(outcomes) == sorted(["ok", str(svc.ERROR_EXPIRED)]), outcomes


def test_parallel_wrong_codes_from_one_address_never_get_more_guesses_than_the_limit(clerk, monkeypatch):
    trainee = make_trainee(family_name="Nguyễn Văn", given_name="An")
    svc.activation_code_issue(trainee=trainee, by=clerk)
    compared, lock = [], threading.Lock()
    real_check = svc.secret_matches

    def counting_check(raw, encoded):
        with lock:
            compared.append(raw)
        return real_check(raw, encoded)

    monkeypatch.setattr(svc, "secret_matches", counting_check)
    monkeypatch.setattr(svc, "_wait", lambda seconds: None)
    outcomes = _at_once(
        12, lambda i: svc.activation_code_check(username="an.nv1", code="ACDEFGHJ", ip_address="203.0.113.9")
    )
    assert ActivationThrottle.objects.get(key="address:203.0.113.9").count == svc.ADDRESS_LIMIT
    # Twelve guesses at once: exactly ten were compared with the code, the other two were refused unread.
    assert len(compared) == svc.ADDRESS_LIMIT
    assert len(outcomes) == 12 and all(not o.startswith("error") for o in outcomes), outcomes
