"""Trainee accounts: usernames, one-time activation codes and links (the limits on guessing are in
test_activation_guessing.py)."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from center.models import AuditEntry, GeneratedFile
from courses.models import Course
from tests.builders import make_trainee
from trainees.accounts import services as accounts
from trainees.accounts.services import (
    ERROR_EXPIRED,
    ERROR_LINK_INVALID,
    ERROR_NO_EMAIL,
    ERROR_WRONG_CODE,
    AccountError,
    account_activate,
    activation_code_check,
    activation_code_issue,
    activation_link_check,
    activation_link_send,
    trainee_account_ensure,
)
from trainees.models import ActivationCode, TraineeAccount

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Hoc-vien-2026!"


@pytest.fixture
def trainee(center):
    return make_trainee(given_name="An", family_name="Nguyễn Văn")


def test_the_username_is_easy_to_type_and_unique(center, clerk):
    first = make_trainee(given_name="An", family_name="Nguyễn Văn")
    second = make_trainee(given_name="Ân", family_name="Ngô Vũ")
    third = make_trainee(given_name="Đức Anh", family_name="Đặng Thị Hồng")
    assert trainee_account_ensure(trainee=first, by=clerk).username == "an.nv1"
    assert trainee_account_ensure(trainee=second, by=clerk).username == "an.nv2"
    assert trainee_account_ensure(trainee=third, by=clerk).username == "ducanh.dth1"


def test_a_new_login_has_no_usable_password_and_the_trainee_role(trainee, clerk):
    user = trainee_account_ensure(trainee=trainee, by=clerk)
    trainee.refresh_from_db()
    assert trainee.user == user
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["trainee"]
    assert TraineeAccount.objects.filter(trainee=trainee).exists()
    # Idempotent: approving a second enrolment keeps the same login.
    assert trainee_account_ensure(trainee=trainee, by=clerk) == user
    assert get_user_model().objects.filter(username__startswith="an.nv").count() == 1


def test_only_a_hash_of_the_code_is_stored(trainee, clerk):
    code = activation_code_issue(trainee=trainee, by=clerk)
    assert re.fullmatch(f"[{accounts.CODE_ALPHABET}]{{8}}", code)
    stored = ActivationCode.objects.get(trainee=trainee)
    assert code not in stored.code_hash
    assert stored.expires_at > timezone.now() + datetime.timedelta(days=29)


def test_the_code_works_once_and_sets_the_chosen_password(trainee, clerk):
    code = activation_code_issue(trainee=trainee, by=clerk)
    username = trainee_account_ensure(trainee=trainee, by=clerk).username
    live = activation_code_check(username=username.upper(), code=f"{code[:4].lower()}-{code[4:]}")
    user = account_activate(code=live, password=GOOD_PASSWORD)
    assert user.check_password(GOOD_PASSWORD)
    assert TraineeAccount.objects.get(trainee=trainee).activated_at is not None
    with pytest.raises(AccountError) as exc:
        activation_code_check(username=username, code=code)
    assert exc.value.message == ERROR_EXPIRED
    with pytest.raises(AccountError):
        account_activate(code=live, password=GOOD_PASSWORD)
    assert AuditEntry.objects.filter(action="account.activated").count() == 1


def test_a_weak_password_is_refused_and_the_code_stays_usable(trainee, clerk):
    from django.core.exceptions import ValidationError

    code = activation_code_issue(trainee=trainee, by=clerk)
    live = activation_code_check(username=trainee_account_ensure(trainee=trainee, by=clerk).username, code=code)
    with pytest.raises(ValidationError):
        account_activate(code=live, password="12345678")
    live.refresh_from_db()
    assert live.used_at is None


def test_a_new_code_revokes_the_old_one(trainee, clerk):
    old = activation_code_issue(trainee=trainee, by=clerk)
    new = activation_code_issue(trainee=trainee, by=clerk)
    username = trainee.user.username if trainee.user_id else trainee_account_ensure(trainee=trainee, by=clerk).username
    with pytest.raises(AccountError):
        activation_code_check(username=username, code=old)
    assert activation_code_check(username=username, code=new)
    assert ActivationCode.objects.filter(trainee=trainee, revoked_at__isnull=False).count() == 1


def test_an_expired_code_is_refused(trainee, clerk):
    code = activation_code_issue(trainee=trainee, by=clerk)
    ActivationCode.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(AccountError) as exc:
        activation_code_check(username=trainee_account_ensure(trainee=trainee, by=clerk).username, code=code)
    assert exc.value.message == ERROR_EXPIRED


def test_an_unknown_username_gets_the_same_answer_as_a_wrong_code(trainee, clerk):
    activation_code_issue(trainee=trainee, by=clerk)
    with pytest.raises(AccountError) as unknown:
        activation_code_check(username="khongco.ai1", code="ACDEFGHJ")
    with pytest.raises(AccountError) as wrong:
        activation_code_check(username="an.nv1", code="ACDEFGHJ")
    assert unknown.value.message == wrong.value.message == ERROR_WRONG_CODE


def test_the_activation_link_is_mailed_and_works_once(trainee, clerk, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    trainee.email = "an.nguyen@example.vn"
    trainee.save()
    with pytest.raises(AccountError) as exc:
        activation_link_send(trainee=make_trainee(given_name="Bình", family_name="Trần Thị"), by=clerk)
    assert exc.value.message == ERROR_NO_EMAIL
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        activation_link_send(trainee=trainee, by=clerk)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "an.nv1" in message.body
    token = re.search(r"/activate/link/([^/\s]+)/", message.body).group(1)
    code = activation_link_check(token=token)
    account_activate(code=code, password=GOOD_PASSWORD)
    with pytest.raises(AccountError) as exc:
        activation_link_check(token=token)
    assert exc.value.message == ERROR_LINK_INVALID
    with pytest.raises(AccountError):
        activation_link_check(token=token[:-3] + "abc")


def _approved_trainees(course, n):
    from tests.builders import enrol

    names = ["An", "Bình", "Châu", "Dũng", "Đức", "Hòa", "Hương", "Khánh", "Lan", "Ơn"]
    return [enrol(make_trainee(given_name=names[i], family_name="Lê Hoàng"), course).trainee for i in range(n)]


def test_staff_print_a_sheet_of_slips_for_a_course_as_pdf(client, clerk, immediate_tasks):
    import io

    from pypdf import PdfReader

    from tests.builders import make_course

    course = make_course(status=Course.Status.IN_PROGRESS, sessions=2)
    trainees = _approved_trainees(course, 10)
    client.force_login(clerk)
    page = client.get(reverse("account_course", args=[course.pk])).content.decode()
    assert "Lê Hoàng Ơn" in page
    response = client.post(
        reverse("account_slips"), {"trainee": [t.pk for t in trainees], "course": course.pk, "format": "pdf"}
    )
    # The sheet is made by the background worker (here at once): the answer is the file's page.
    file = GeneratedFile.objects.get(kind="account_slips_pdf")
    assert response.status_code == 302 and response.url == reverse("generated_file", args=[file.pk])
    assert file.expires_at - file.created_at <= datetime.timedelta(hours=1, seconds=5)
    response = client.get(reverse("generated_file_download", args=[file.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2  # eight slips to an A4 page
    text = "".join(p.extract_text() for p in reader.pages)
    assert "an.lh1" in text and "PHIẾU TÀI KHOẢN HỌC VIÊN" in text and "/activate/" in text
    assert ActivationCode.objects.filter(trainee__in=trainees, revoked_at=None).count() == 10


def test_the_html_slip_shows_a_code_that_activates(client, clerk, trainee):
    client.force_login(clerk)
    html = client.post(reverse("account_slips"), {"trainee": [trainee.pk], "format": "html"}).content.decode()
    code = re.search(r'slip-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', html).group(1)
    assert "an.nv1" in html
    client.logout()
    response = client.post(reverse("activate"), {"username": "an.nv1", "code": code})
    assert response.status_code == 302 and response.url == reverse("activate_password")
    response = client.post(
        reverse("activate_password"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
    )
    assert response.url == reverse("portal_home")
    assert client.get(reverse("portal_home")).status_code == 200
    # Back to the form with the same code: used up.
    client.logout()
    response = client.post(reverse("activate"), {"username": "an.nv1", "code": code})
    assert "đã hết hạn hoặc đã được dùng" in response.content.decode()


@pytest.mark.parametrize("password", ["1234", "password", "20261129753"], ids=["short", "common", "digits"])
def test_choosing_a_weak_password_is_explained_in_vietnamese(client, clerk, trainee, password):
    from tests.center.test_passwords import EXPECTED, assert_vietnamese_password_messages, page_text

    code = activation_code_issue(trainee=trainee, by=clerk)
    client.post(reverse("activate"), {"username": "an.nv1", "code": code})
    response = client.post(reverse("activate_password"), {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert_vietnamese_password_messages(page_text(response), EXPECTED[password])


def test_approving_an_enrolment_gives_the_trainee_a_login(clerk, director, trainee):
    from tests.builders import enrol, make_course
    from trainees.enrolment.services import enrolment_approve
    from trainees.models import Enrolment

    enrolment = enrol(trainee, make_course(sessions=1, status="open"), status=Enrolment.Status.PENDING)
    enrolment_approve(enrolment=enrolment, by=director)
    trainee.refresh_from_db()
    assert trainee.user is not None and trainee.user.username == "an.nv1"
    assert trainee.user.groups.filter(name="trainee").exists()


def test_a_code_never_reopens_a_login_staff_switched_off(trainee, clerk):
    code = activation_code_issue(trainee=trainee, by=clerk)
    live = activation_code_check(username="an.nv1", code=code)
    user = trainee_account_ensure(trainee=trainee, by=clerk)
    user.is_active = False
    user.save()
    with pytest.raises(AccountError):
        account_activate(code=live, password=GOOD_PASSWORD)
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_the_emailed_link_leads_to_choosing_a_password_in_the_browser(client, trainee, clerk, settings):
    from django.test import TestCase

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    trainee.email = "an.nguyen@example.vn"
    trainee.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.force_login(clerk)
        response = client.post(reverse("account_link_send", args=[trainee.pk]))
    assert response.status_code == 302
    client.logout()
    path = re.search(r"https?://[^/]+(/activate/link/[^/\s]+/)", mail.outbox[0].body).group(1)
    response = client.get(path)
    assert response.url == reverse("activate_password")
    assert "an.nv1" in client.get(reverse("activate_password")).content.decode()
    response = client.post(
        reverse("activate_password"), {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD}
    )
    assert response.url == reverse("portal_home")
    client.logout()
    response = client.get(path, follow=True)
    assert "không còn hiệu lực" in response.content.decode()


def test_a_slip_sheet_holds_live_codes_so_only_who_asked_may_open_it(client, clerk, director, immediate_tasks):
    from tests.builders import make_course

    course = make_course(status=Course.Status.IN_PROGRESS, sessions=1)
    trainees = _approved_trainees(course, 2)
    client.force_login(clerk)
    client.post(reverse("account_slips"), {"trainee": [t.pk for t in trainees], "course": course.pk, "format": "pdf"})
    file = GeneratedFile.objects.get(kind="account_slips_pdf")
    assert client.get(reverse("generated_file_download", args=[file.pk]))["Cache-Control"] == "no-store"

    client.force_login(director)  # a manager, but not the one who asked
    assert client.get(reverse("generated_file", args=[file.pk])).status_code == 404
    assert client.get(reverse("generated_file_download", args=[file.pk])).status_code == 404
