import datetime

import pytest

from center.audit import audit_for
from courses.models import Course
from tests.builders import completed, enrol, make_course, make_programme, make_trainee
from trainees.certificates import services as svc
from trainees.models import Certificate, CertificateCounter, Enrolment

ISSUED_ON = datetime.date(2026, 12, 17)


@pytest.fixture
def course(director):
    return make_course(status=Course.Status.FINISHED, sessions=4)


def test_it_numbers_a_course_in_roster_order_with_the_center_format(course, director):
    enrolments = completed(course, 3, by=director)
    certs = svc.certificates_issue_for_course(course=course, by=director, issued_on=ISSUED_ON)
    assert [c.number for c in certs] == [1, 2, 3]
    assert [c.register_number for c in certs] == ["1/GCN-TTCT", "2/GCN-TTCT", "3/GCN-TTCT"]
    ordered = sorted(enrolments, key=lambda e: e.trainee.sort_key)
    assert [c.enrolment_id for c in certs] == [e.pk for e in ordered]
    assert all(c.signer_name == "Lê Văn Thành" and c.signer_title == "GIÁM ĐỐC" for c in certs)
    assert CertificateCounter.objects.get(year=2026).last_number == 3
    assert audit_for(certs[0]).get().action == "certificate.issued"


def test_numbers_restart_each_calendar_year(course, director):
    a, b = completed(course, 2, by=director)
    first = svc.certificate_issue(enrolment=a, by=director, issued_on=datetime.date(2026, 12, 31))
    second = svc.certificate_issue(enrolment=b, by=director, issued_on=datetime.date(2027, 1, 2))
    assert (first.year, first.number, second.year, second.number) == (2026, 1, 2027, 1)


def test_it_issues_only_to_confirmed_completions_and_only_once(course, director):
    done = completed(course, 1, by=director)[0]
    enrol(make_trainee(), course, completion=Enrolment.Completion.COMPLETED)  # reviewed, not confirmed
    enrol(
        make_trainee(),
        course,
        completion=Enrolment.Completion.NOT_COMPLETED,
        completion_confirmed_at=done.completion_confirmed_at,
    )
    certs = svc.certificates_issue_for_course(course=course, by=director, issued_on=ISSUED_ON)
    assert [c.enrolment_id for c in certs] == [done.pk]
    with pytest.raises(svc.CertificateError) as exc:
        svc.certificates_issue_for_course(course=course, by=director, issued_on=ISSUED_ON)
    assert str(exc.value) == str(svc.ERROR_NOTHING_TO_ISSUE)
    with pytest.raises(svc.CertificateError) as exc:
        svc.certificate_issue(enrolment=done, by=director)
    assert str(exc.value) == str(svc.ERROR_ALREADY_ISSUED)


def test_a_programme_without_certificate_issues_nothing(director):
    course = make_course(status=Course.Status.FINISHED, sessions=4, programme=make_programme(gives_certificate=False))
    completed(course, 1, by=director)
    with pytest.raises(svc.CertificateError) as exc:
        svc.certificates_issue_for_course(course=course, by=director)
    assert str(exc.value) == str(svc.ERROR_NO_CERTIFICATE_PROGRAMME)
    assert not Certificate.objects.exists() and not CertificateCounter.objects.filter(last_number__gt=0).exists()


def test_verification_codes_are_readable_and_unique(course, director):
    completed(course, 30, by=director)
    certs = svc.certificates_issue_for_course(course=course, by=director)
    codes = [c.verification_code for c in certs]
    assert len(set(codes)) == 30
    for code in codes:
        assert len(code) == 11 and code[5] == "-"
        assert set(code.replace("-", "")) <= set(svc.CODE_ALPHABET)


def test_code_input_ignores_case_and_spacing():
    assert svc.normalize_code(" abcde fghjk ") == "ABCDE-FGHJK"
    assert svc.normalize_code("abcde-fghjk") == "ABCDE-FGHJK"
    assert svc.normalize_code("ABCDEFGHJK") == "ABCDE-FGHJK"


def test_revoke_needs_a_reason_and_keeps_the_record(course, director):
    cert = svc.certificate_issue(enrolment=completed(course, 1, by=director)[0], by=director)
    with pytest.raises(svc.CertificateError):
        svc.certificate_revoke(certificate=cert, by=director, reason="  ")
    svc.certificate_revoke(certificate=cert, by=director, reason="Cấp nhầm người")
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.REVOKED and cert.revoked_reason == "Cấp nhầm người"
    entry = audit_for(cert).first()
    assert (entry.action, entry.reason, entry.actor) == ("certificate.revoked", "Cấp nhầm người", director)
    with pytest.raises(svc.CertificateError):
        svc.certificate_revoke(certificate=cert, by=director, reason="lần nữa")


def test_reissue_keeps_the_old_record_and_links_the_new_one(course, director):
    old = svc.certificate_issue(enrolment=completed(course, 1, by=director)[0], by=director, issued_on=ISSUED_ON)
    new = svc.certificate_reissue(
        certificate=old, by=director, reason="Mất bản chính", cause="holder_request", issued_on=ISSUED_ON
    )
    old.refresh_from_db()
    assert old.status == Certificate.Status.REPLACED
    assert new.replaces == old and new.is_reissue and new.status == Certificate.Status.VALID
    assert new.number == old.number + 1 and new.verification_code != old.verification_code
    assert Certificate.objects.count() == 2
    with pytest.raises(svc.CertificateError) as exc:
        svc.certificate_reissue(certificate=old, by=director, reason="nữa", cause="holder_request")
    assert str(exc.value) == str(svc.ERROR_ALREADY_REPLACED)


def test_issuing_needs_the_directors_name(course, director, center):
    center.director_name = ""
    center.save()
    completed(course, 1, by=director)
    with pytest.raises(svc.CertificateError):
        svc.certificates_issue_for_course(course=course, by=director)
    assert not Certificate.objects.exists()
