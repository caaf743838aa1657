"""Every clash rule of session scheduling (runs on SQLite and PostgreSQL)."""

import datetime

import pytest
from django.utils.translation import gettext as _

from center.audit import audit_for
from courses import services
from courses.models import Course, Session
from courses.services import ScheduleError, session_label, session_schedule, session_update, sessions_schedule
from tests.builders import spec
from tests.factories import CourseFactory, RoomFactory, SessionFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 2)


@pytest.fixture
def room():
    return RoomFactory(name="Hội trường A", capacity=120)


@pytest.fixture
def teacher():
    return StaffMemberFactory(full_name="Trần Quốc Bảo")


@pytest.fixture
def course():
    return CourseFactory(code="DVM.2026.02", start_date=DAY)


@pytest.fixture
def other_course():
    return CourseFactory(code="NTVD.2026.02", start_date=DAY)


def _messages(excinfo) -> list[str]:
    return excinfo.value.messages


def test_it_refuses_the_same_lecturer_in_another_course_and_names_that_session(course, other_course, teacher):
    other = SessionFactory(course=other_course, lecturer=teacher, title="Khái quát lịch sử Đảng")
    with pytest.raises(ScheduleError) as excinfo:
        session_schedule(course=course, spec=spec(DAY, lecturer=teacher), by=None)
    expected = _(services.ERR_LECTURER_BUSY) % {"lecturer": "Trần Quốc Bảo", "other": session_label(other)}
    assert _messages(excinfo) == [expected]
    assert "NTVD.2026.02 02/12/2026" in expected and "Khái quát lịch sử Đảng" in expected
    assert not course.sessions.exists()


def test_it_refuses_the_same_room_in_another_course_and_names_that_session(course, other_course, room):
    other = SessionFactory(course=other_course, room=room)
    with pytest.raises(ScheduleError) as excinfo:
        session_schedule(course=course, spec=spec(DAY, room=room), by=None)
    assert _messages(excinfo) == [_(services.ERR_ROOM_BUSY) % {"room": "Hội trường A", "other": session_label(other)}]


def test_it_refuses_two_sessions_of_one_course_at_overlapping_times(course):
    other = SessionFactory(course=course)
    overlapping = spec(DAY, times=(datetime.time(10, 0), datetime.time(11, 30)))
    with pytest.raises(ScheduleError) as excinfo:
        session_schedule(course=course, spec=overlapping, by=None)
    assert _messages(excinfo) == [_(services.ERR_COURSE_BUSY) % {"other": session_label(other)}]


def test_it_refuses_a_session_outside_the_course_dates(course):
    with pytest.raises(ScheduleError) as excinfo:
        session_schedule(course=course, spec=spec(datetime.date(2026, 12, 7)), by=None)
    assert _messages(excinfo) == [
        _(services.ERR_OUTSIDE_COURSE) % {"date": "07/12/2026", "start": "02/12/2026", "end": "06/12/2026"}
    ]


def test_a_room_smaller_than_the_course_is_a_warning_not_an_error(course):
    small = RoomFactory(name="Phòng học 3", capacity=35)
    result = session_schedule(course=course, spec=spec(DAY, room=small), by=None)
    assert len(result.sessions) == 1
    assert result.warnings == [
        _(services.WARN_ROOM_SMALL) % {"room": "Phòng học 3", "seats": 35, "capacity": course.capacity}
    ]


def test_back_to_back_sessions_do_not_clash(course, other_course, teacher, room):
    SessionFactory(course=other_course, lecturer=teacher, room=room)  # 07:30–11:00
    later = spec(DAY, times=(datetime.time(11, 0), datetime.time(12, 0)), lecturer=teacher, room=room)
    assert session_schedule(course=course, spec=later, by=None).sessions


def test_the_afternoon_does_not_clash_with_the_morning(course, other_course, teacher, room):
    SessionFactory(course=other_course, lecturer=teacher, room=room)
    assert session_schedule(course=course, spec=spec(DAY, "afternoon", lecturer=teacher, room=room), by=None)


def test_sessions_of_a_cancelled_course_do_not_count(course, teacher, room):
    cancelled = CourseFactory(start_date=DAY, status=Course.Status.CANCELLED)
    SessionFactory(course=cancelled, lecturer=teacher, room=room)
    assert session_schedule(course=course, spec=spec(DAY, lecturer=teacher, room=room), by=None).sessions


def test_every_clash_is_listed_at_once(course, other_course, teacher, room):
    SessionFactory(course=other_course, lecturer=teacher, room=room)
    SessionFactory(course=course)
    with pytest.raises(ScheduleError) as excinfo:
        session_schedule(course=course, spec=spec(DAY, lecturer=teacher, room=room), by=None)
    assert len(_messages(excinfo)) == 3


def test_a_session_being_changed_does_not_clash_with_itself(course, teacher):
    session = SessionFactory(course=course, lecturer=teacher)
    longer = spec(DAY, times=(datetime.time(7, 0), datetime.time(11, 30)), lecturer=teacher)
    session_update(session=session, spec=longer, by=None)
    session.refresh_from_db()
    assert session.start_time == datetime.time(7, 0)
    assert session.sequence == 1


def test_changing_a_session_is_written_to_the_course_history(course, teacher, clerk):
    session = SessionFactory(course=course, lecturer=teacher)
    session_update(session=session, spec=spec(DAY, lecturer=teacher), by=clerk)
    entry = audit_for(course).get()
    assert (entry.action, entry.actor, entry.action_label) == ("course.session_updated", clerk, "Đổi buổi học")
    assert entry.data == {"session": session_label(session)}


def test_moving_a_session_onto_another_lecturers_session_is_refused(course, other_course, teacher):
    busy = SessionFactory(course=other_course, lecturer=teacher, date=DAY + datetime.timedelta(days=1))
    session = SessionFactory(course=course, lecturer=teacher)
    with pytest.raises(ScheduleError) as excinfo:
        session_update(session=session, spec=spec(busy.date, lecturer=teacher), by=None)
    assert session_label(busy) in _messages(excinfo)[0]
    session.refresh_from_db()
    assert session.date == DAY and session.sequence == 0


def test_new_sessions_clashing_among_themselves_are_refused_together(course, teacher):
    specs = [spec(DAY, lecturer=teacher), spec(DAY, lecturer=teacher), spec(DAY + datetime.timedelta(days=1))]
    with pytest.raises(ScheduleError) as excinfo:
        sessions_schedule(course=course, specs=specs, by=None)
    assert _(services.ERR_BATCH_COURSE) % {"when": "02/12/2026 07:30–11:00"} in _messages(excinfo)
    assert any("Trần Quốc Bảo" in m for m in _messages(excinfo))
    assert Session.objects.count() == 0  # nothing half-written


def test_a_bulk_with_one_clash_adds_nothing(course, other_course, room):
    other = SessionFactory(course=other_course, room=room, date=DAY + datetime.timedelta(days=2))
    specs = [spec(DAY + datetime.timedelta(days=i), room=room) for i in range(5)]
    with pytest.raises(ScheduleError) as excinfo:
        sessions_schedule(course=course, specs=specs, by=None)
    assert _messages(excinfo) == [_(services.ERR_ROOM_BUSY) % {"room": room.name, "other": session_label(other)}]
    assert not course.sessions.exists()


def test_times_must_be_ordered(course):
    with pytest.raises(ScheduleError) as excinfo:
        session_schedule(course=course, spec=spec(DAY, times=(datetime.time(11), datetime.time(9))), by=None)
    assert _messages(excinfo) == [_(services.ERR_TIMES)]


def test_a_finished_course_keeps_its_timetable(course):
    course.status = Course.Status.FINISHED
    course.save()
    with pytest.raises(ScheduleError):
        session_schedule(course=course, spec=spec(DAY), by=None)


def test_course_dates_cannot_leave_sessions_outside(course, clerk):
    SessionFactory(course=course, date=DAY + datetime.timedelta(days=4))
    course.end_date = DAY + datetime.timedelta(days=2)
    with pytest.raises(services.CourseError):
        services.course_save(course=course, by=clerk)
