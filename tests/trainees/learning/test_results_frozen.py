"""Once the director confirmed a course's completion list, its results are frozen until the director
reopens them with a reason; certificates whose trainee's result then changes are flagged for review.
(These tests fail on the code before the freeze: a lecturer could change a score after certificates
were issued, and /verify/ then showed "hợp lệ" next to "Không đạt".)"""

import datetime
from decimal import Decimal

import pytest

from center.audit import audit_for
from courses.models import Course
from tests.builders import completed, make_course
from trainees.certificates import services as cert_svc
from trainees.learning import services as svc
from trainees.learning.services import Mark
from trainees.models import Attendance, Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(director, lecturer):
    course = make_course(status=Course.Status.FINISHED, lecturer=lecturer.staff_member, sessions=2)
    completed(course, 2, by=director)
    return course


def test_a_score_cannot_change_after_the_director_confirmed(course, lecturer):
    enrolment = course.enrolments.first()
    with pytest.raises(svc.ResultError) as error:
        svc.results_record(course=course, scores={enrolment.pk: Decimal("3.0")}, by=lecturer)
    assert error.value.message == svc.ERROR_RESULTS_FROZEN
    enrolment.refresh_from_db()
    assert enrolment.score == Decimal("8.5")


def test_completion_and_attendance_are_frozen_too(course, deputy):
    enrolment = course.enrolments.first()
    with pytest.raises(svc.ResultError):
        svc.completion_review(course=course, decisions={enrolment.pk: Enrolment.Completion.NOT_COMPLETED}, by=deputy)
    session = course.sessions.first()
    roster = list(Enrolment.objects.roster(course))
    marks = [Mark(enrolment_id=enrolment.pk, session_id=session.pk, status=Attendance.Status.UNEXCUSED)]
    with pytest.raises(svc.AttendanceError) as error:
        svc.attendance_save_session(session=session, marks=marks, roster=roster, by=deputy)
    assert error.value.message == svc.ERROR_RESULTS_FROZEN
    with pytest.raises(svc.AttendanceError):
        svc.attendance_save_course(course=course, sessions=[session], marks=marks, roster=roster, by=deputy)
    assert not Attendance.objects.filter(status=Attendance.Status.UNEXCUSED).exists()


def test_the_scores_page_is_read_only_and_a_post_changes_nothing(client, course, lecturer):
    enrolment = course.enrolments.first()
    client.force_login(lecturer)
    page = client.get(f"/courses/{course.pk}/results/scores/").content.decode()
    assert "<fieldset disabled>" in page
    response = client.post(f"/courses/{course.pk}/results/scores/", {f"score-{enrolment.pk}": "3"}, follow=True)
    assert response.status_code == 200
    assert "đóng băng" in response.content.decode() or "chỉ xem" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.score == Decimal("8.5")


def test_reopening_needs_a_reason_and_is_in_the_history(course, director):
    with pytest.raises(svc.ResultError) as error:
        svc.results_reopen(course=course, by=director, reason="  ")
    assert error.value.message == svc.ERROR_REOPEN_REASON
    assert svc.results_reopen(course=course, by=director, reason="Nhập nhầm điểm") == 2
    assert not svc.results_frozen(course)
    entry = audit_for(course)[0]
    assert entry.action == "results.reopened" and entry.reason == "Nhập nhầm điểm"
    with pytest.raises(svc.ResultError) as error:
        svc.results_reopen(course=course, by=director, reason="again")
    assert error.value.message == svc.ERROR_NOT_FROZEN


def test_the_director_reopens_from_the_results_page(client, course, director):
    client.force_login(director)
    page = client.get(f"/courses/{course.pk}/results/").content.decode()
    assert f"/courses/{course.pk}/results/reopen/" in page
    client.post(f"/courses/{course.pk}/results/reopen/", {"reopen-reason": "Sai điểm"})
    assert not svc.results_frozen(course)


def test_a_changed_result_flags_the_issued_certificate(client, course, director, lecturer, settings):
    settings.PORTAL_BASE_URL = "https://ttct.example.vn"
    certificate = cert_svc.certificates_issue_for_course(
        course=course, by=director, issued_on=datetime.date(2026, 12, 17)
    )[0]
    svc.results_reopen(course=course, by=director, reason="Bài thi chấm lại")
    svc.results_record(course=course, scores={certificate.enrolment_id: Decimal("3.0")}, by=lecturer)
    client.force_login(director)
    results_page = client.get(f"/courses/{course.pk}/results/").content.decode()
    assert "Cần xem xét lại" in results_page
    detail = client.get(f"/certificates/{certificate.pk}/").content.decode()
    assert "Cần xem xét lại" in detail
    # The public page keeps saying what the certificate printed, never "Không đạt".
    verify = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    facts = verify[verify.index("<dl") : verify.index("</dl>")]
    assert "Không đạt" not in facts and "Giỏi" in facts


def test_an_unchanged_result_is_not_flagged(course, director):
    certificate = cert_svc.certificates_issue_for_course(course=course, by=director)[0]
    svc.results_reopen(course=course, by=director, reason="Kiểm tra lại")
    certificate.refresh_from_db()
    assert not certificate.needs_review
