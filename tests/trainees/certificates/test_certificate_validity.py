"""A programme may set how long its certificate counts (nhận thức về Đảng: 60 months): the certificate stores
the last day at issue, as printed, and prints it; enrolling someone whose earlier certificate of the programme
still counts warns the clerk (who may still submit) and the director (who must confirm the approval)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import Course, Programme
from tests.builders import completed, make_course, make_programme
from tests.trainees.certificates.test_certificate_signing import _pdftotext
from trainees.certificates import services as svc
from trainees.enrolment import services as enrolment_svc
from trainees.models import Certificate, Enrolment

pytestmark = pytest.mark.django_db
ISSUED_ON = datetime.date(2026, 3, 17)
STILL_VALID = "đang có giấy chứng nhận số"


def _awareness_certificate(director, *, issued_on=ISSUED_ON) -> Certificate:
    """A certificate of an awareness programme counting 60 months, as the catalogue's (open to anyone here)."""
    programme = make_programme(
        kind=Programme.Kind.PARTY_AWARENESS, name="Bồi dưỡng nhận thức về Đảng", certificate_validity_months=60
    )
    course = make_course(programme=programme, status=Course.Status.FINISHED, sessions=2, code="NTVD-2026-01")
    enrolment = completed(course, 1, by=director)[0]
    return svc.certificate_issue(enrolment=enrolment, by=director, issued_on=issued_on)


def test_the_catalogue_s_awareness_programme_counts_60_months_and_sơ_cấp_awards_the_diploma():
    awareness, elementary = Programme.objects.get(code="NTVD"), Programme.objects.get(code="SC-LLCT")
    assert awareness.certificate_validity_months == 60 and awareness.award == Programme.Award.CERTIFICATE
    assert elementary.award == Programme.Award.ELEMENTARY_DIPLOMA and elementary.certificate_validity_months is None
    assert Programme.objects.get(code="DVM").certificate_validity_months is None


def test_the_certificate_stores_and_prints_the_day_it_counts_until(director, tmp_path):
    certificate = _awareness_certificate(director)
    assert certificate.valid_until == datetime.date(2031, 3, 16)
    text = _pdftotext(svc.certificate_pdf(certificates=[certificate])[2], tmp_path)
    assert "Có giá trị đến ngày:" in text and "16/03/2031" in text

    # Frozen like everything it printed: a later change of the programme does not move it; a reissue keeps it.
    Programme.objects.filter(pk=certificate.enrolment.course.programme_id).update(certificate_validity_months=24)
    certificate.refresh_from_db()
    assert certificate.valid_until == datetime.date(2031, 3, 16)
    again = svc.certificate_reissue(
        certificate=certificate,
        by=director,
        reason="In sai ngày sinh",
        cause=Certificate.ReissueCause.CENTER_ERROR,
        issued_on=datetime.date(2027, 1, 5),
    )
    assert again.valid_until == datetime.date(2031, 3, 16)
    assert "16/03/2031" in _pdftotext(svc.certificate_pdf(certificates=[again])[2], tmp_path)


def test_a_programme_without_validity_prints_nothing_about_it(director, tmp_path):
    course = make_course(programme=make_programme(), status=Course.Status.FINISHED, sessions=2)
    certificate = svc.certificate_issue(enrolment=completed(course, 1, by=director)[0], by=director)
    assert certificate.valid_until is None
    assert "giá trị đến" not in _pdftotext(svc.certificate_pdf(certificates=[certificate])[2], tmp_path)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_enrolling_a_holder_of_a_certificate_still_valid_warns_the_clerk_and_the_director(client, clerk, director):
    held = _awareness_certificate(director)
    trainee = held.enrolment.trainee
    course = make_course(programme=held.enrolment.course.programme, code="NTVD-2026-09", title="Lớp khóa 9")
    warning = f"{STILL_VALID} {held.register_number} của chương trình này, còn giá trị đến ngày 16/03/2031"

    client.force_login(clerk)
    page = client.get(reverse("enrolment_create"), {"course": course.pk, "trainee": trainee.pk})
    assert warning in page.content.decode()
    response = client.post(
        reverse("enrolment_create"), {"course": course.pk, "trainee": trainee.pk, "sending_unit": trainee.unit_id}
    )
    enrolment = Enrolment.objects.get(trainee=trainee, course=course)
    assert enrolment.status == Enrolment.Status.PENDING  # a warning: the clerk went on
    assert any(warning in m for m in _messages(response))

    client.force_login(director)
    assert warning in client.get(reverse("approval_queue")).content.decode()
    assert warning in client.get(reverse("enrolment_detail", args=[enrolment.pk])).content.decode()
    with pytest.raises(enrolment_svc.OverlapNotConfirmed, match=STILL_VALID):
        enrolment_svc.enrolment_approve(enrolment=enrolment, by=director)
    enrolment_svc.enrolment_approve(enrolment=enrolment, by=director, confirm_overlap=True)
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.APPROVED


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_an_expired_or_revoked_certificate_does_not_say_it_still_counts(client, clerk, director, state):
    held = _awareness_certificate(director, issued_on=datetime.date(2020, 3, 17))
    if state == "revoked":
        Certificate.objects.filter(pk=held.pk).update(valid_until=datetime.date(2099, 1, 1))
        svc.certificate_revoke(certificate=held, by=director, reason="Cấp nhầm")
    course = make_course(programme=held.enrolment.course.programme, code="NTVD-2026-09")
    client.force_login(clerk)
    page = client.get(reverse("enrolment_create"), {"course": course.pk, "trainee": held.enrolment.trainee_id})
    text = page.content.decode()
    assert "đã hoàn thành chương trình này" in text and STILL_VALID not in text


def test_the_verification_page_says_until_when_and_once_it_has_ended(client, director):
    certificate = _awareness_certificate(director)
    page = client.get(reverse("verify_certificate", args=[certificate.verification_code])).content.decode()
    assert "16/03/2031" in page and "hết giá trị" not in page
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=datetime.date(2026, 3, 16))
    page = client.get(reverse("verify_certificate", args=[certificate.verification_code])).content.decode()
    assert "Giấy chứng nhận đã hết giá trị từ sau ngày 16/03/2026." in page
