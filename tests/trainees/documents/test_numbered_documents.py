"""The numbered documents of a course: the decision opening the class (trainee list and timetable attached), the
summons and the results notice to each sending unit — issued into the register by the director, kept as issued."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import IssuedDocument, Session
from tests.builders import course_with_trainees, make_unit
from trainees.certificates import services as certificates
from trainees.documents import issuing
from trainees.learning import services as learning
from trainees.models import Enrolment

KIND = IssuedDocument.Kind
pytestmark = pytest.mark.django_db


def _issue(client, course, **data):
    return client.post(reverse("course_document_issue", args=[course.pk]), data)


def test_the_director_issues_the_opening_decision_with_its_list_and_timetable(client, director):
    course = course_with_trainees(approved=4, sessions=3, code="DVM-2026-05")
    client.force_login(director)

    response = _issue(client, course, kind=KIND.OPENING_DECISION)

    document = IssuedDocument.objects.get(course=course)
    assert response.url == reverse("issued_document_detail", args=[document.pk])
    assert document.kind == KIND.OPENING_DECISION and document.number_text == "01-QĐ/TTCT"
    assert document.issued_by == director
    names = [f"{e.trainee.given_name}</td>" for e in Enrolment.objects.roster(course)]
    assert all(name in document.content for name in names)
    assert "DANH SÁCH HỌC VIÊN" in document.content and "LỊCH HỌC" in document.content
    assert document.content.count("Chuyên đề ") == 3
    client.get(response.url)  # the success message is shown there
    page = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert "Quyết định mở lớp số 01-QĐ/TTCT</a>" in page


def test_issuing_again_needs_a_reason_and_then_replaces_the_one_in_force(client, director):
    course = course_with_trainees(approved=2, sessions=2, code="DVM-2026-06")
    client.force_login(director)
    _issue(client, course, kind=KIND.OPENING_DECISION)

    response = client.post(
        reverse("course_document_issue", args=[course.pk]), {"kind": KIND.OPENING_DECISION}, follow=True
    )
    assert "Đã ban hành với số 01-QĐ/TTCT" in response.content.decode()
    assert IssuedDocument.objects.count() == 1

    _issue(client, course, kind=KIND.OPENING_DECISION, reason="Đổi địa điểm học")
    first, second = IssuedDocument.objects.order_by("number")
    assert first.status == IssuedDocument.Status.REPLACED and second.replaces == first
    assert second.correction_reason == "Đổi địa điểm học"


def test_an_opening_decision_without_sessions_is_refused_with_a_message(client, director):
    course = course_with_trainees(approved=2, sessions=0, code="DVM-2026-08")
    client.force_login(director)
    response = _issue(client, course, kind=KIND.OPENING_DECISION)
    assert response.status_code == 302
    assert not IssuedDocument.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Hãy xếp lịch các buổi học trước" in page


def test_a_summons_goes_to_one_unit_with_only_its_trainees(client, director):
    course = course_with_trainees(approved=6, sessions=2, code="DVM-2026-09")
    client.force_login(director)
    unit = issuing.course_units(course)[0]
    own = [e for e in Enrolment.objects.roster(course) if e.sending_unit_id == unit.pk]
    others = [e for e in Enrolment.objects.roster(course) if e.sending_unit_id != unit.pk]

    _issue(client, course, kind=KIND.SUMMONS, unit=unit.pk)

    summons = IssuedDocument.objects.get(kind=KIND.SUMMONS)
    assert summons.unit == unit and summons.number_text == "01-GTT/TTCT"
    assert f"Kính gửi: {unit.name}" in summons.content
    assert all(f"{e.trainee.given_name}</td>" in summons.content for e in own)
    assert not any(f">{e.trainee.family_name}</td>" in summons.content for e in others if e.trainee.family_name)
    first = Session.objects.filter(course=course).order_by("date", "start_time").first()
    assert f"khai giảng lúc {first.start_time:%H:%M} ngày {first.date:%d/%m/%Y}" in summons.content

    stranger = make_unit("Đảng ủy xã Không Liên Quan")
    _issue(client, course, kind=KIND.SUMMONS, unit=stranger.pk)
    _issue(client, course, kind=KIND.SUMMONS, unit="%00")
    assert IssuedDocument.objects.count() == 1


def test_the_results_notice_waits_for_the_confirmation_and_cites_certificates(client, director):
    course = course_with_trainees(approved=2, sessions=2, code="DVM-2026-10")
    client.force_login(director)
    unit = issuing.course_units(course)[0]
    _issue(client, course, kind=KIND.RESULTS_NOTICE, unit=unit.pk)
    assert not IssuedDocument.objects.exists()

    Enrolment.objects.filter(course=course).update(
        completion=Enrolment.Completion.COMPLETED, score=Decimal("7.5"), grade=Enrolment.Grade.FAIR
    )
    learning.completion_confirm(course=course, by=director)
    enrolment = Enrolment.objects.get(course=course, sending_unit=unit)
    certificate = certificates.certificate_issue(enrolment=enrolment, by=director)
    _issue(client, course, kind=KIND.RESULTS_NOTICE, unit=unit.pk)

    notice = IssuedDocument.objects.get(kind=KIND.RESULTS_NOTICE)
    decision = IssuedDocument.objects.get(kind=KIND.COMPLETION_DECISION)
    assert notice.number_text == "01-TB/TTCT"
    assert f"Số {certificate.register_number}, ngày {certificate.issued_on:%d/%m/%Y}" in notice.content
    assert f"theo Quyết định số {decision.number_text}" in notice.content


def test_a_clerk_cannot_issue(client, clerk):
    course = course_with_trainees(approved=2, sessions=2, code="DVM-2026-11")
    client.force_login(clerk)
    assert _issue(client, course, kind=KIND.OPENING_DECISION).status_code == 403
    assert not IssuedDocument.objects.exists()
