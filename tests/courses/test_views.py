import datetime

import pytest
from django.urls import reverse

from courses.models import Course, Programme, Session
from tests.builders import new_member_programme
from tests.factories import CourseFactory, RoomFactory, SessionFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 2)


def test_the_catalogue_is_installed_by_migration():
    codes = set(Programme.objects.values_list("code", flat=True))
    assert {"SC-LLCT", "NTVD", "DVM", "NVCTD", "CNKT", "NQ", "LSD", "BCV"} <= codes
    assert Programme.objects.get(code="DVM").topics.count() == 10
    assert Programme.objects.get(code="NTVD").topics.count() == 9  # 5 bài, discussion, visit, review, paper
    assert Programme.objects.get(code="SC-LLCT").topics.count() == 18
    assert Programme.objects.get(code="NTVD").eligibility == Programme.Eligibility.NOT_PARTY_MEMBER


def test_staff_edit_a_programme_and_its_topics(client, clerk):
    client.force_login(clerk)
    programme = Programme.objects.get(code="BCV")
    topics = list(programme.topics.all())
    data = {
        "kind": "reporters",
        "name": "Thông tin thời sự cho báo cáo viên",
        "code": "bcv",
        "days": 1,
        "periods": 8,
        "gives_certificate": "",
        "eligibility": "anyone",
        "min_attendance_percent": 100,
        "min_score": "5,0",
        "fair_from": "6,5",
        "good_from": "8,0",
        "excellent_from": "9,0",
        "is_active": "on",
        "topics-TOTAL_FORMS": 3,
        "topics-INITIAL_FORMS": 2,
        "topics-0-id": topics[1].pk,
        "topics-0-title": "Định hướng tuyên truyền tháng 12",
        "topics-0-periods": 4,
        "topics-1-id": topics[0].pk,
        "topics-1-title": topics[0].title,
        "topics-1-periods": 4,
        "topics-1-DELETE": "on",
        "topics-2-title": "Tình hình quốc tế",
        "topics-2-periods": 2,
    }
    response = client.post(reverse("programme_edit", args=[programme.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    assert programme.code == "BCV"
    assert [(t.order, t.title) for t in programme.topics.all()] == [
        (1, "Định hướng tuyên truyền tháng 12"),
        (2, "Tình hình quốc tế"),
    ]


def test_grade_bands_out_of_order_are_refused_next_to_the_field(client, clerk):
    client.force_login(clerk)
    data = {
        "kind": "other",
        "name": "Thử",
        "code": "THU",
        "days": 1,
        "periods": 4,
        "eligibility": "anyone",
        "min_attendance_percent": 80,
        "min_score": "5",
        "fair_from": "8",
        "good_from": "6,5",
        "excellent_from": "9",
        "topics-TOTAL_FORMS": 0,
        "topics-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("programme_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"excellent_from": ["Mức điểm phải tăng dần: tối thiểu ≤ khá ≤ giỏi ≤ xuất sắc."]}
    assert not Programme.objects.filter(code="THU").exists()


def test_a_clerk_creates_a_course(client, clerk):
    client.force_login(clerk)
    room = RoomFactory()
    response = client.post(
        reverse("course_create"),
        {
            "code": "dvm.2026.05",
            "title": "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 5, năm 2026",
            "programme": new_member_programme().pk,
            "start_date": "02/12/2026",
            "end_date": "06/12/2026",
            "room": room.pk,
            "capacity": 50,
        },
    )
    course = Course.objects.get(code="DVM.2026.05")
    assert response.url == reverse("course_detail", args=[course.pk])
    assert course.status == Course.Status.PLANNED and course.start_date == DAY


def test_course_end_before_start_is_refused(client, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("course_create"),
        {
            "code": "X",
            "title": "X",
            "programme": new_member_programme().pk,
            "start_date": "06/12/2026",
            "end_date": "02/12/2026",
            "capacity": 10,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"end_date": ["Ngày bế giảng không được trước ngày khai giảng."]}
    assert not Course.objects.filter(code="X").exists()


def test_the_course_list_filters(client, clerk):
    client.force_login(clerk)
    dvm = CourseFactory(programme=new_member_programme(), title="Lớp đảng viên mới", status="open")
    CourseFactory(title="Lớp khác", status="finished", start_date=datetime.date(2025, 3, 1))
    html = client.get(reverse("course_list") + f"?programme={dvm.programme_id}").content.decode()
    assert "Lớp đảng viên mới" in html and "Lớp khác" not in html
    html = client.get(reverse("course_list") + "?year=2025").content.decode()
    assert "Lớp khác" in html and "Lớp đảng viên mới" not in html
    html = client.get(reverse("course_list") + "?status=open").content.decode()
    assert "Lớp đảng viên mới" in html and "Lớp khác" not in html


def test_adding_a_clashing_session_shows_the_other_session(client, clerk):
    client.force_login(clerk)
    teacher = StaffMemberFactory(full_name="Huỳnh Văn Ơn")
    course = CourseFactory(start_date=DAY)
    SessionFactory(course=CourseFactory(code="NTVD.2026.02", start_date=DAY), lecturer=teacher, title="Bài 2")
    response = client.post(
        reverse("session_create", args=[course.pk]),
        {"date": "02/12/2026", "part_of_day": "morning", "title": "Bài 1", "lecturer": teacher.pk},
    )
    assert response.status_code == 200
    assert "NTVD.2026.02 02/12/2026" in response.content.decode()
    assert not course.sessions.exists()


def test_a_session_with_default_times(client, clerk):
    client.force_login(clerk)
    course = CourseFactory(start_date=DAY)
    response = client.post(
        reverse("session_create", args=[course.pk]),
        {"date": "03/12/2026", "part_of_day": "afternoon", "title": "Bài 1"},
    )
    assert response.status_code == 302
    session = course.sessions.get()
    assert (session.start_time, session.end_time) == (datetime.time(13, 30), datetime.time(17, 0))


def test_deleting_a_session(client, clerk):
    client.force_login(clerk)
    session = SessionFactory()
    client.post(reverse("session_delete", args=[session.pk]))
    assert not Session.objects.filter(pk=session.pk).exists()


@pytest.mark.parametrize("status", ["open", "in_progress"])
def test_the_public_timetable_needs_no_login_and_shows_a_qr_code(client, status):
    course = CourseFactory(status=status)
    SessionFactory(course=course, lecturer=StaffMemberFactory(full_name="Trần Quốc Bảo"))
    response = client.get(reverse("public_timetable", args=[course.public_token]))
    html = response.content.decode()
    assert response.status_code == 200
    assert course.title in html and "Trần Quốc Bảo" in html
    assert 'src="data:image/svg+xml' in html
    assert "02/12/2026" in html


@pytest.mark.parametrize("status", ["planned", "finished", "cancelled"])
def test_the_public_timetable_of_other_statuses_is_404(client, status):
    course = CourseFactory(status=status)
    assert client.get(reverse("public_timetable", args=[course.public_token])).status_code == 404


def test_trainees_do_not_see_staff_timetables_but_see_public_ones(client, trainee_user):
    course = CourseFactory(status="open")
    client.force_login(trainee_user)
    assert client.get(reverse("course_detail", args=[course.pk])).status_code == 404
    assert client.get(reverse("week_view")).status_code == 404
    assert client.get(reverse("public_timetable", args=[course.public_token])).status_code == 200


def test_a_lecturer_sees_courses_they_teach_only(client, lecturer, other_lecturer):
    taught = CourseFactory()
    SessionFactory(course=taught, lecturer=lecturer.staff_member)
    other = CourseFactory()
    client.force_login(lecturer)
    assert client.get(reverse("course_detail", args=[taught.pk])).status_code == 200
    assert client.get(reverse("course_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("lecturer_timetable", args=[other_lecturer.staff_member.pk])).status_code == 404


def test_the_lecturer_timetable_shows_the_calendar_link(client, lecturer):
    client.force_login(lecturer)
    member = lecturer.staff_member
    SessionFactory(
        course=CourseFactory(start_date=datetime.date.today()),
        lecturer=member,
        date=datetime.date.today(),
        title="Chuyên đề hôm nay",
    )
    html = client.get(reverse("lecturer_timetable", args=[member.pk])).content.decode()
    assert "Chuyên đề hôm nay" in html
    assert member.calendar_token in html


def test_the_dashboard_panel(client, clerk, lecturer):
    course = CourseFactory(status="in_progress", title="Lớp đang học", start_date=datetime.date.today())
    SessionFactory(course=course, lecturer=lecturer.staff_member, date=datetime.date.today(), title="Buổi sắp tới")
    client.force_login(clerk)
    html = client.get(reverse("home")).content.decode()
    assert "Lớp đang học" in html and "Buổi sắp tới" in html
    client.force_login(lecturer)
    assert "Buổi sắp tới" in client.get(reverse("home")).content.decode()


def test_the_print_timetable_uses_the_official_header(client, clerk, center):
    client.force_login(clerk)
    course = CourseFactory(title="Lớp bồi dưỡng đảng viên mới khóa 2")
    SessionFactory(course=course, title="Độc lập dân tộc và chủ nghĩa xã hội")
    html = client.get(reverse("course_timetable_print", args=[course.pk])).content.decode()
    assert "HUYỆN ỦY CHÂU THÀNH" in html and "Lớp bồi dưỡng đảng viên mới khóa 2" in html
    assert "Độc lập dân tộc và chủ nghĩa xã hội" in html and "02/12/2026" in html


def test_status_buttons_move_the_course(client, clerk):
    client.force_login(clerk)
    course = CourseFactory(status="planned")
    client.post(reverse("course_status", args=[course.pk]), {"status": "open"})
    course.refresh_from_db()
    assert course.status == "open" and course.enrolment_open


def test_the_programme_of_a_scheduled_course_cannot_change(clerk):
    from courses.services import CourseError, course_save

    course = CourseFactory(programme=new_member_programme())
    SessionFactory(course=course, topic=course.programme.topics.first())
    course.programme = Programme.objects.get(code="NTVD")
    with pytest.raises(CourseError):
        course_save(course=course, by=clerk)


def test_the_admin_shows_courses_and_sessions_read_only(client, director):
    client.force_login(director)
    course = CourseFactory()
    session = SessionFactory(course=course)
    assert client.get(reverse("admin:courses_course_change", args=[course.pk])).status_code == 200
    assert client.get(reverse("admin:courses_session_changelist")).status_code == 200
    assert client.get(reverse("admin:courses_session_add")).status_code == 403
    response = client.post(reverse("admin:courses_session_change", args=[session.pk]), {"date": "03/12/2026"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.date == DAY


def test_the_front_page_lists_courses_open_for_enrolment_without_links(client):
    CourseFactory(status="open", enrolment_open=True, title="Lớp đảng viên mới khóa 3")
    CourseFactory(status="planned", title="Lớp dự kiến")
    html = client.get(reverse("home")).content.decode()
    assert "Lớp đảng viên mới khóa 3" in html and "Lớp dự kiến" not in html
    assert "/t/" not in html
