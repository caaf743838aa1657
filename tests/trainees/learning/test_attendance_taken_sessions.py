"""Attendance only for sessions that have taken place, never for a cancelled course; a trainee without a
mark in a taken session is "not recorded", not absent."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from courses.models import Course
from tests.builders import enrol, make_course, make_trainee
from trainees.learning import services as attendance_svc
from trainees.learning import services as results_svc
from trainees.learning.selectors import course_results
from trainees.models import Attendance

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- 1. attendance only for sessions that have taken place, never for a cancelled course ----------------


def _future_course(**kwargs):
    start = timezone.localdate() + datetime.timedelta(days=11)
    return make_course(sessions=2, start_date=start, status=Course.Status.OPEN, **kwargs)


def test_attendance_for_a_future_session_is_refused_and_no_grid_is_offered(client, clerk):
    course = _future_course()
    enrolment = enrol(make_trainee(), course)
    session = course.sessions.first()
    client.force_login(clerk)
    url = reverse("attendance_session", args=[session.pk])
    page = client.get(url).content.decode()
    assert "chưa diễn ra" in page and session.date.strftime("%d/%m/%Y") in page
    assert f'name="status-{enrolment.pk}"' not in page
    response = client.post(url, {f"status-{enrolment.pk}": "present", f"note-{enrolment.pk}": ""})
    assert not Attendance.objects.exists()
    assert any("chưa diễn ra" in m for m in _messages(response))
    course_page = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert url not in course_page


def test_the_services_refuse_future_sessions_and_cancelled_courses(clerk):
    course = _future_course()
    enrolment = enrol(make_trainee(), course)
    sessions = list(course.sessions.all())
    mark = attendance_svc.Mark(enrolment.pk, sessions[0].pk, "present")
    with pytest.raises(attendance_svc.AttendanceError, match="chưa diễn ra"):
        attendance_svc.attendance_save_session(session=sessions[0], marks=[mark], roster=[enrolment], by=clerk)
    with pytest.raises(attendance_svc.AttendanceError):
        attendance_svc.attendance_save_course(
            course=course, sessions=sessions, marks=[mark], roster=[enrolment], by=clerk
        )
    past = make_course(sessions=1, status=Course.Status.CANCELLED)
    other = enrol(make_trainee(), past)
    session = past.sessions.first()
    with pytest.raises(attendance_svc.AttendanceError, match="đã bị hủy"):
        attendance_svc.attendance_save_session(
            session=session, marks=[attendance_svc.Mark(other.pk, session.pk, "present")], roster=[other], by=clerk
        )
    assert not Attendance.objects.exists()


def test_today_s_session_can_be_taken_and_the_sheet_shows_only_past_sessions(client, clerk):
    start = timezone.localdate() - datetime.timedelta(days=1)
    course = make_course(sessions=6, start_date=start, status=Course.Status.IN_PROGRESS)  # 3 days, 2 a day
    enrolment = enrol(make_trainee(), course)
    today_session = course.sessions.filter(date=timezone.localdate()).first()
    client.force_login(clerk)
    response = client.post(
        reverse("attendance_session", args=[today_session.pk]),
        {f"status-{enrolment.pk}": "present", f"note-{enrolment.pk}": ""},
    )
    assert response.status_code == 302 and Attendance.objects.count() == 1
    sheet = client.get(reverse("attendance_course", args=[course.pk]))
    assert [s.date for s in sheet.context["sessions"]] == [start, start, today_session.date, today_session.date]
    assert sheet.context["upcoming"] == 2


# --- 2. the attendance-share rule -------------------------------------------------------------------------


def test_a_trainee_without_a_mark_in_a_taken_session_is_not_recorded_rather_than_absent(client, clerk):
    course = make_course(sessions=4, status=Course.Status.IN_PROGRESS)
    sessions = list(course.sessions.order_by("date", "start_time"))
    early, late_comer, nobody = (
        enrol(make_trainee(), course),
        enrol(make_trainee(), course),
        enrol(make_trainee(), course),
    )
    for s in sessions:
        Attendance.objects.create(session=s, enrolment=early, status="present")
    for s in sessions[2:]:  # enrolled after the first two grids were saved
        Attendance.objects.create(session=s, enrolment=late_comer, status="present")
    rows = {r.enrolment.pk: r for r in course_results(course)}
    assert (rows[early.pk].share, rows[early.pk].not_recorded) == (Decimal("100.0"), 0)
    assert (rows[late_comer.pk].share, rows[late_comer.pk].recorded, rows[late_comer.pk].not_recorded) == (
        Decimal("100.0"),
        2,
        2,
    )
    assert rows[nobody.pk].share is None and rows[nobody.pk].not_recorded == 4
    proposal = results_svc.completion_proposal(programme=course.programme, share=None, score=Decimal("9"))
    assert not proposal.completed and proposal.reasons == ["chưa có điểm danh"]
    client.force_login(clerk)
    page = client.get(reverse("results_course", args=[course.pk]))
    html = page.content.decode()
    assert "2 chưa ghi" in html and "4 chưa ghi" in html
    assert not any(r.below_threshold for r in page.context["rows"])  # nobody is warned for missing marks


# --- 4 and 5. one completion flow; the decision only after the director's confirmation -----------------
