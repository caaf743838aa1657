import datetime

import pytest
from django.urls import reverse

from courses.models import Course
from tests.builders import completed, make_course
from trainees.certificates import services as svc


@pytest.fixture
def certificate(director):
    course = make_course(status=Course.Status.FINISHED, sessions=4)
    enrolment = completed(course, 1, by=director)[0]
    return svc.certificate_issue(enrolment=enrolment, by=director, issued_on=datetime.date(2026, 12, 17))


def test_the_urls_are_stable():
    assert reverse("verify_form") == "/verify/"
    assert reverse("verify_certificate", args=["ABCDE-FGHJK"]) == "/verify/ABCDE-FGHJK/"


def test_a_valid_certificate_shows_only_the_public_facts(client, certificate):
    trainee = certificate.enrolment.trainee
    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert "<strong>Giấy chứng nhận hợp lệ.</strong>" in page
    assert trainee.full_name in page and "17/12/2026" in page and "Giỏi" in page
    assert trainee.date_of_birth.strftime("%d/%m/%Y") not in page
    assert certificate.register_number not in page
    assert "Phú Hưng" not in page


def test_code_input_ignores_case_and_spacing(client, certificate):
    typed = certificate.verification_code.replace("-", " ").lower()
    response = client.get("/verify/", {"code": typed})
    assert response.status_code == 302 and response.url == f"/verify/{certificate.verification_code}/"
    loose = client.get(f"/verify/{certificate.verification_code.replace('-', '').lower()}/")
    assert loose.status_code == 302 and loose.url == f"/verify/{certificate.verification_code}/"


def test_a_revoked_certificate_says_so(client, certificate, director):
    svc.certificate_revoke(certificate=certificate, by=director, reason="Cấp nhầm")
    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert "đã bị thu hồi" in page
    assert "Cấp nhầm" not in page


def test_a_replaced_certificate_points_to_nothing_private(client, certificate, director):
    new = svc.certificate_reissue(certificate=certificate, by=director, reason="Mất", cause="holder_request")
    old_page = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert "đã được cấp lại" in old_page and new.verification_code not in old_page
    new_page = client.get(f"/verify/{new.verification_code}/").content.decode()
    assert "bản cấp lại" in new_page


def test_an_unknown_code_says_not_found_and_nothing_else(client, certificate):
    wrong = "ZZZZZ-ZZZZZ" if certificate.verification_code != "ZZZZZ-ZZZZZ" else "YYYYY-YYYYY"
    response = client.get(f"/verify/{wrong}/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy" in page
    assert certificate.enrolment.trainee.full_name not in page
    assert certificate.verification_code not in page


def test_an_empty_code_asks_for_it(client, db, center):
    page = client.get("/verify/", {"code": " "}).content.decode()
    assert "Hãy nhập mã in trên giấy chứng nhận" in page


def test_a_code_of_only_punctuation_is_simply_not_found(client, db, center):
    response = client.get("/verify/---/")
    assert response.status_code == 404 and "Không tìm thấy" in response.content.decode()
