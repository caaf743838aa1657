"""One-time codes are hashed with their own, cheaper hasher: a whole class's slips in a few seconds, not a minute;
codes hashed before it still work."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password

from tests.builders import make_trainee
from trainees.accounts import services
from trainees.models import ActivationCode

pytestmark = pytest.mark.django_db


def test_a_new_code_is_hashed_with_the_code_hasher_and_checks(director):
    trainee = make_trainee()
    code = services.activation_code_issue(trainee=trainee, by=director)

    stored = ActivationCode.objects.get(trainee=trainee).code_hash

    assert stored.startswith("pbkdf2_sha256_code$20000$")
    trainee.refresh_from_db()
    assert services.activation_code_check(username=trainee.user.username, code=code).trainee == trainee


def test_a_code_hashed_with_the_password_hasher_before_still_matches(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # production's default
    legacy = make_password("ABCD2345", hasher=PBKDF2PasswordHasher())
    assert services.secret_matches("ABCD2345", legacy)
    assert not services.secret_matches("ABCD2346", legacy)


def test_a_wrong_code_does_not_match():
    assert not services.secret_matches("WXYZ2345", services.secret_hash("ABCD2345"))
