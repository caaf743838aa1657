"""Programmes, courses, sessions and timetables. Lecturers see the courses they teach and their own
timetable; the public timetable and the calendar feeds open with the secret in the link, no login."""

import datetime

from center.models import Room
from courses.catalogue import install_catalogue
from courses.models import Course, PlanLine, Programme, Session, Topic, TrainingPlan
from staff.models import StaffMember
from tests.access.base import ALL_STAFF, DIRECTOR_ONLY, MANAGERS_ONLY, PUBLIC, rule

ORDER = 20


def build_world(w):
    """w.programme (đảng viên mới), w.room, w.course (open; w.session taught by the lecturer persona,
    w.other_session by other_lecturer), w.planned_course (planned: not public, nobody's sessions)."""
    install_catalogue(Programme, Topic)
    w.programme = Programme.objects.get(code="DVM")
    w.room = Room.objects.create(name="Phòng học thử", capacity=60)
    start = datetime.date.today() + datetime.timedelta(days=7)
    w.course = Course.objects.create(
        code="DVM.TEST.01",
        title="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 1",
        programme=w.programme,
        start_date=start,
        end_date=start + datetime.timedelta(days=4),
        room=w.room,
        capacity=50,
        status=Course.Status.OPEN,
        enrolment_open=True,
    )
    topics = list(w.programme.topics.all())
    w.session = Session.objects.create(
        course=w.course,
        date=start,
        part_of_day="morning",
        start_time=datetime.time(7, 30),
        end_time=datetime.time(11, 0),
        topic=topics[0],
        lecturer=w.users["lecturer"].staff_member,
        room=w.room,
    )
    w.other_session = Session.objects.create(
        course=w.course,
        date=start,
        part_of_day="afternoon",
        start_time=datetime.time(13, 30),
        end_time=datetime.time(17, 0),
        topic=topics[1],
        lecturer=w.users["other_lecturer"].staff_member,
        room=w.room,
    )
    w.planned_course = Course.objects.create(
        code="DVM.TEST.02",
        title="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 2",
        programme=w.programme,
        start_date=start + datetime.timedelta(days=60),
        end_date=start + datetime.timedelta(days=64),
        capacity=50,
    )
    w.lecturer_member = StaffMember.objects.get(user=w.users["lecturer"])
    w.plan = TrainingPlan.objects.create(year=start.year)
    PlanLine.objects.create(plan=w.plan, programme=w.programme, quarter=1, classes=2, learners=80)


MANAGERS_POST = {**MANAGERS_ONLY, "director": 302, "deputy": 302, "clerk": 302}
# Every staff member has a staff record here, so "my timetable" redirects to it.
OWN_TIMETABLE = {**ALL_STAFF, "director": 302, "deputy": 302, "clerk": 302, "lecturer": 302, "other_lecturer": 302}

RULES = [
    rule("programme_list", MANAGERS_ONLY),
    rule("programme_create", MANAGERS_ONLY),
    rule("programme_detail", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.programme.pk}),
    rule("programme_edit", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.programme.pk}),
    rule("course_list", MANAGERS_ONLY),
    rule("course_create", MANAGERS_ONLY),
    # Both lecturer personas teach a session of w.course, so both may open it.
    rule("course_detail", ALL_STAFF, kwargs=lambda w: {"pk": w.course.pk}),
    rule("course_edit", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.course.pk}),
    rule(
        "course_status",
        MANAGERS_POST,
        kwargs=lambda w: {"pk": w.course.pk},
        method="post",
        data=lambda w: {"status": "in_progress"},
    ),
    rule(
        "course_enrolment",
        MANAGERS_POST,
        kwargs=lambda w: {"pk": w.course.pk},
        method="post",
        data=lambda w: {"open": "0"},
    ),
    rule("course_timetable_print", ALL_STAFF, kwargs=lambda w: {"pk": w.course.pk}),
    rule("session_create", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.course.pk}),
    rule("session_bulk", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.course.pk}),
    rule("session_grid", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.course.pk}),
    rule("session_edit", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.session.pk}),
    rule("session_delete", MANAGERS_POST, kwargs=lambda w: {"pk": w.other_session.pk}, method="post"),
    rule("my_timetable", OWN_TIMETABLE),
    # The lecturer persona's own timetable: the other lecturer gets 404.
    rule("lecturer_timetable", ALL_STAFF, kwargs=lambda w: {"pk": w.lecturer_member.pk}, other_lecturer=404),
    rule("lecturer_timetable_print", ALL_STAFF, kwargs=lambda w: {"pk": w.lecturer_member.pk}, other_lecturer=404),
    rule("week_view", ALL_STAFF),
    rule("week_print", ALL_STAFF),
    rule("public_timetable", PUBLIC, kwargs=lambda w: {"token": w.course.public_token}),
    rule("course_ics", PUBLIC, kwargs=lambda w: {"token": w.course.public_token}),
    rule("lecturer_ics", PUBLIC, kwargs=lambda w: {"token": w.lecturer_member.calendar_token}),
    rule("plan_list", MANAGERS_ONLY),
    rule("plan_create", MANAGERS_POST, method="post", data=lambda w: {"year": w.plan.year + 1}),
    rule("plan_detail", MANAGERS_ONLY, kwargs=lambda w: {"year": w.plan.year}),
    rule(
        "plan_approve",
        {**DIRECTOR_ONLY, "director": 302},
        kwargs=lambda w: {"year": w.plan.year},
        method="post",
    ),
    rule(
        "plan_reopen",
        {**DIRECTOR_ONLY, "director": 302},
        kwargs=lambda w: {"year": w.plan.year},
        method="post",
        data=lambda w: {"reason": "Điều chỉnh"},
    ),
]
