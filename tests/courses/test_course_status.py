import datetime

import pytest
from django.utils.translation import gettext as _

from center.audit import audit_for
from courses import services
from courses.models import Course
from courses.services import CourseError, course_set_enrolment_open, course_set_status
from tests.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db
S = Course.Status
TODAY = datetime.date(2026, 12, 10)


def test_a_course_goes_from_planned_to_finished(clerk):
    course = CourseFactory(status=S.PLANNED)
    SessionFactory(course=course)
    course_set_status(course=course, status=S.OPEN, by=clerk)
    course.refresh_from_db()
    assert course.status == S.OPEN and course.enrolment_open
    course_set_status(course=course, status=S.IN_PROGRESS, by=clerk)
    course_set_status(course=course, status=S.FINISHED, by=clerk, today=TODAY)
    course.refresh_from_db()
    assert course.status == S.FINISHED and not course.enrolment_open
    assert [e.data["to"] for e in audit_for(course)] == ["finished", "in_progress", "open"]


def test_it_cannot_skip_from_planned_to_finished(clerk):
    course = CourseFactory(status=S.PLANNED)
    with pytest.raises(CourseError) as excinfo:
        course_set_status(course=course, status=S.FINISHED, by=clerk)
    assert str(excinfo.value) == _(services.ERR_TRANSITION) % {"old": S.PLANNED.label, "new": S.FINISHED.label}


def test_it_cannot_start_without_sessions(clerk):
    course = CourseFactory(status=S.OPEN)
    with pytest.raises(CourseError) as excinfo:
        course_set_status(course=course, status=S.IN_PROGRESS, by=clerk)
    assert str(excinfo.value) == _(services.ERR_START_WITHOUT_SESSIONS)


def test_it_cannot_finish_before_the_last_session(clerk):
    course = CourseFactory(status=S.IN_PROGRESS)
    SessionFactory(course=course, date=datetime.date(2026, 12, 5))
    with pytest.raises(CourseError):
        course_set_status(course=course, status=S.FINISHED, by=clerk, today=datetime.date(2026, 12, 4))


def test_cancelling_needs_a_reason_and_is_recorded(clerk):
    course = CourseFactory(status=S.OPEN)
    with pytest.raises(CourseError) as excinfo:
        course_set_status(course=course, status=S.CANCELLED, by=clerk, reason="  ")
    assert str(excinfo.value) == _(services.ERR_CANCEL_REASON)
    course_set_status(course=course, status=S.CANCELLED, by=clerk, reason="Trùng lịch đại hội")
    entry = audit_for(course).first()
    assert entry.reason == "Trùng lịch đại hội" and entry.actor == clerk


@pytest.mark.parametrize("status", [S.PLANNED, S.OPEN, S.IN_PROGRESS])
def test_any_running_course_can_be_cancelled(clerk, status):
    course = CourseFactory(status=status)
    course_set_status(course=course, status=S.CANCELLED, by=clerk, reason="Lý do")
    course.refresh_from_db()
    assert course.status == S.CANCELLED


def test_a_finished_or_cancelled_course_stays_so(clerk):
    for status in (S.FINISHED, S.CANCELLED):
        course = CourseFactory(status=status)
        with pytest.raises(CourseError):
            course_set_status(course=course, status=S.CANCELLED, by=clerk, reason="x")


def test_enrolment_can_be_closed_only_while_open(clerk):
    course = CourseFactory(status=S.OPEN, enrolment_open=True)
    course_set_enrolment_open(course=course, is_open=False, by=clerk)
    course.refresh_from_db()
    assert not course.enrolment_open
    planned = CourseFactory(status=S.PLANNED)
    with pytest.raises(CourseError):
        course_set_enrolment_open(course=planned, is_open=True, by=clerk)


def test_an_unknown_status_is_refused(clerk):
    course = CourseFactory(status=S.OPEN)
    with pytest.raises(CourseError):
        course_set_status(course=course, status="archived", by=clerk)
