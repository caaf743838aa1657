import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import Course
from staff.models import StaffMember
from tests.builders import enrol, make_course, make_trainee
from trainees.models import Attendance, Enrolment


def _course_with(size: int, lecturer_user=None):
    lecturer = StaffMember.objects.get(user=lecturer_user) if lecturer_user else None
    course = make_course(status=Course.Status.FINISHED, sessions=2, lecturer=lecturer)
    roster = [enrol(make_trainee(), course) for _ in range(size)]
    return course, course.sessions.order_by("date", "start_time").first(), roster


def _grid_post(roster, exceptions: dict | None = None):
    exceptions = exceptions or {}
    data = {}
    for e in roster:
        status, note = exceptions.get(e.pk, ("present", ""))
        data[f"status-{e.pk}"] = status
        data[f"note-{e.pk}"] = note
    return data


def _save_queries(client, session, roster, exceptions=None) -> int:
    url = reverse("attendance_session", args=[session.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, _grid_post(roster, exceptions))
    assert response.status_code == 302, response.content[:500]
    return len(ctx.captured_queries)


def test_a_50_trainee_grid_saves_in_one_request_with_constant_queries(client, clerk):
    client.force_login(clerk)
    _c, small_session, small = _course_with(5)
    _c, big_session, big = _course_with(50)
    first_small = _save_queries(client, small_session, small, {small[0].pk: ("late", "")})
    first_big = _save_queries(client, big_session, big, {big[0].pk: ("late", ""), big[1].pk: ("excused", "Ốm")})
    assert first_small == first_big
    assert Attendance.objects.filter(session=big_session).count() == 50
    # Changing the exceptions afterwards: one UPDATE for all changed rows.
    again_small = _save_queries(client, small_session, small, {s.pk: ("unexcused", "") for s in small[:3]})
    again_big = _save_queries(client, big_session, big, {b.pk: ("unexcused", "") for b in big[:30]})
    assert again_small == again_big
    assert Attendance.objects.filter(session=big_session, status="unexcused").count() == 30
    assert Attendance.objects.get(session=big_session, enrolment=big[40]).status == "present"


def test_the_grid_page_runs_constant_queries(client, clerk):
    client.force_login(clerk)
    _c, small_session, _small = _course_with(3)
    _c, big_session, _big = _course_with(40)
    with CaptureQueriesContext(connection) as small_ctx:
        assert client.get(reverse("attendance_session", args=[small_session.pk])).status_code == 200
    with CaptureQueriesContext(connection) as big_ctx:
        assert client.get(reverse("attendance_session", args=[big_session.pk])).status_code == 200
    assert len(small_ctx.captured_queries) == len(big_ctx.captured_queries)


def test_everyone_is_present_by_default_and_only_approved_trainees_are_listed(client, clerk):
    client.force_login(clerk)
    course, session, roster = _course_with(2)
    enrol(make_trainee(), course, status=Enrolment.Status.PENDING)
    page = client.get(reverse("attendance_session", args=[session.pk])).content.decode()
    assert page.count("data-row") == 2
    assert page.count('value="present" autocomplete="off" checked') == 2
    # Posting nothing but the defaults records everyone present.
    client.post(reverse("attendance_session", args=[session.pk]), {})
    assert list(Attendance.objects.filter(session=session).values_list("status", flat=True)) == ["present"] * 2


def test_a_bad_status_saves_nothing(client, clerk):
    client.force_login(clerk)
    _course, session, roster = _course_with(3)
    data = _grid_post(roster)
    data[f"status-{roster[2].pk}"] = "holiday"
    response = client.post(reverse("attendance_session", args=[session.pk]), data)
    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_a_lecturer_fills_only_their_own_sessions(client, lecturer, other_lecturer):
    _course, session, roster = _course_with(2, lecturer_user=lecturer)
    client.force_login(other_lecturer)
    assert client.post(reverse("attendance_session", args=[session.pk]), _grid_post(roster)).status_code == 404
    client.force_login(lecturer)
    assert client.post(reverse("attendance_session", args=[session.pk]), _grid_post(roster)).status_code == 302
    assert Attendance.objects.filter(session=session, recorded_by=lecturer).count() == 2


def test_the_sign_in_sheet_fills_a_whole_course_after_the_fact(client, clerk):
    client.force_login(clerk)
    course, _session, roster = _course_with(3)
    sessions = list(course.sessions.order_by("date", "start_time"))
    data = {f"m-{e.pk}-{s.pk}": "present" for e in roster for s in sessions}
    data[f"m-{roster[0].pk}-{sessions[1].pk}"] = "unexcused"
    data[f"m-{roster[1].pk}-{sessions[1].pk}"] = ""  # blank: not recorded
    response = client.post(reverse("attendance_course", args=[course.pk]), data)
    assert response.status_code == 302
    assert Attendance.objects.filter(session__course=course).count() == 5
    assert Attendance.objects.get(enrolment=roster[0], session=sessions[1]).status == "unexcused"


@pytest.mark.parametrize("size", [4, 30])
def test_the_sign_in_sheet_page_works_at_any_size(client, clerk, size):
    client.force_login(clerk)
    course, _session, _roster = _course_with(size)
    assert client.get(reverse("attendance_course", args=[course.pk])).status_code == 200
