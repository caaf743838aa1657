"""Two people scheduling the same lecturer at the same time from two browsers: one wins, the other is
told about the clash (row locks; PostgreSQL only — SQLite runs one writer at a time anyway)."""

import datetime
import threading

import pytest
from django.db import connection

from courses.services import ScheduleError, session_schedule
from tests.builders import spec
from tests.factories import CourseFactory, StaffMemberFactory

DAY = datetime.date(2026, 12, 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_bookings_of_one_lecturer_leave_one_session():
    teacher = StaffMemberFactory(full_name="Trần Quốc Bảo")
    courses = [CourseFactory(start_date=DAY), CourseFactory(start_date=DAY)]
    barrier = threading.Barrier(2)
    outcomes = []

    def book(course):
        try:
            barrier.wait(timeout=10)
            session_schedule(course=course, spec=spec(DAY, lecturer=teacher), by=None)
            outcomes.append("ok")
        except ScheduleError:
            outcomes.append("clash")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(c,)) for c in courses]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["clash", "ok"]
    assert teacher.sessions.count() == 1
