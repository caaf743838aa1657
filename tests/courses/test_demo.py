import datetime
from itertools import combinations

import pytest

from center.demo import seed as seed_center
from courses.demo import seed as seed_courses
from courses.models import Course, Session
from staff.demo import seed as seed_staff

pytestmark = pytest.mark.django_db


def test_the_demo_year_has_every_status_and_no_clashes():
    seed_center()
    seed_staff()
    result = seed_courses()
    # A commune center runs short classes (no month-long sơ cấp course): about 100 half-days a year.
    assert result["courses"] == 14 and result["sessions"] > 90
    statuses = set(Course.objects.values_list("status", flat=True))
    assert {"finished", "in_progress", "open", "planned"} <= statuses
    today = datetime.date.today()
    assert Course.objects.filter(status="in_progress", start_date__lte=today, end_date__gte=today).exists()
    sessions = list(Session.objects.select_related("course"))
    assert all(s.lecturer_id and s.room_id for s in sessions)
    assert all(s.course.start_date <= s.date <= s.course.end_date for s in sessions)
    by_day = {}
    for s in sessions:
        by_day.setdefault(s.date, []).append(s)
    for day_sessions in by_day.values():
        for a, b in combinations(day_sessions, 2):
            if a.start_time < b.end_time and b.start_time < a.end_time:
                assert a.lecturer_id != b.lecturer_id and a.room_id != b.room_id and a.course_id != b.course_id
