"""Password rules speak Vietnamese in the portal's register ("đồng chí") on every page that sets a
password: center.passwords wraps Django's validators with messages from our catalogue."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

TOO_SHORT = "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."
TOO_COMMON = "Mật khẩu này thuộc loại nhiều người dùng nhất, rất dễ bị đoán ra."
DIGITS_ONLY = "Mật khẩu này chỉ có chữ số."
TOO_CLOSE = "Mật khẩu quá giống tên đăng nhập của đồng chí."
HELP = [
    "Mật khẩu của đồng chí không được giống tên đăng nhập, họ tên hay địa chỉ email của đồng chí.",
    "Mật khẩu của đồng chí cần ít nhất 8 ký tự.",
    "Mật khẩu của đồng chí không được là mật khẩu nhiều người dùng.",
    "Mật khẩu của đồng chí không được chỉ gồm chữ số.",
]
# What a password page must show for each bad password (short, common, digits only).
EXPECTED = {"1234": [TOO_SHORT, TOO_COMMON, DIGITS_ONLY], "password": [TOO_COMMON], "20261129753": [DIGITS_ONLY]}


def page_text(response) -> str:
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index("<main") : html.index("</main>")])).split())


def assert_vietnamese_password_messages(text: str, expected: list[str]) -> None:
    for message in expected:
        assert message in text
    for english in ("This password", "Your password", "too short", "too common", "numeric"):
        assert english not in text
    assert " bạn" not in text, "the portal says “đồng chí”"
    for line in HELP:
        assert line in text


def test_the_portal_uses_its_own_validators():
    assert [v["NAME"].rsplit(".", 1)[0] for v in settings.AUTH_PASSWORD_VALIDATORS] == ["center.passwords"] * 4


@pytest.mark.django_db
def test_each_rule_has_a_vietnamese_message_and_help_text(trainee_user):
    cases = {"1234": [TOO_SHORT, TOO_COMMON, DIGITS_ONLY], "hocvien": [TOO_CLOSE, TOO_SHORT]}
    for password, expected in cases.items():
        with pytest.raises(ValidationError) as refused:
            password_validation.validate_password(password, trainee_user)
        assert refused.value.messages == expected
    assert password_validation.password_validators_help_texts() == HELP


@pytest.mark.django_db
@pytest.mark.parametrize("password", EXPECTED, ids=["short", "common", "digits"])
def test_the_password_change_page_explains_in_vietnamese(client, clerk, password):
    from django.urls import reverse

    from tests.factories import PASSWORD

    client.force_login(clerk)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert_vietnamese_password_messages(page_text(response), EXPECTED[password])
