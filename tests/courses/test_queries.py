"""Pages run a number of queries that does not grow with the courses or sessions shown."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CourseFactory, RoomFactory, SessionFactory, StaffMemberFactory, UnitFactory

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 11, 30)


def _fill(count: int):
    """``count`` sessions spread over courses, rooms and lecturers in one week, courses with units."""
    rooms = [RoomFactory() for _ in range(3)]
    teachers = [StaffMemberFactory() for _ in range(3)]
    units = [UnitFactory() for _ in range(2)]
    courses = []
    made = 0
    while made < count:
        course = CourseFactory(start_date=MONDAY, end_date=MONDAY + datetime.timedelta(days=27))
        course.units.set(units)
        courses.append(course)
        for i in range(min(10, count - made)):
            SessionFactory(
                course=course,
                date=MONDAY + datetime.timedelta(days=i % 7),
                part_of_day="morning" if i % 2 == 0 else "afternoon",
                start_time=datetime.time(7, 30) if i % 2 == 0 else datetime.time(13, 30),
                end_time=datetime.time(11, 0) if i % 2 == 0 else datetime.time(17, 0),
                room=rooms[i % 3],
                lecturer=teachers[(i + len(courses)) % 3],
            )
            made += 1
    return courses


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page",
    [
        lambda courses: reverse("course_list"),
        lambda courses: reverse("course_detail", args=[courses[0].pk]),
        lambda courses: reverse("course_timetable_print", args=[courses[0].pk]),
        lambda courses: reverse("week_view") + f"?week={MONDAY:%Y-%m-%d}",
        lambda courses: reverse("week_print") + f"?week={MONDAY:%Y-%m-%d}",
        lambda courses: reverse("public_timetable", args=[courses[0].public_token]),
        lambda courses: reverse("course_ics", args=[courses[0].public_token]),
    ],
    ids=["course_list", "course_detail", "course_timetable_print", "week_view", "week_print", "public", "ics"],
)
def test_query_count_is_the_same_for_5_and_50_sessions(client, clerk, django_assert_num_queries, page):
    client.force_login(clerk)
    small = _fill(5)
    expected = _count(client, page(small))
    from courses.models import Course, Session

    Session.objects.all().delete()
    Course.objects.all().delete()
    big = _fill(50)
    assert big[0].sessions.count() == 10 and len(big) == 5
    with django_assert_num_queries(expected):
        assert client.get(page(big)).status_code == 200


def test_the_lecturer_timetable_query_count_does_not_grow(client, lecturer, django_assert_num_queries):
    client.force_login(lecturer)
    member = lecturer.staff_member
    course = CourseFactory(start_date=datetime.date.today(), end_date=datetime.date.today() + datetime.timedelta(60))
    url = reverse("lecturer_timetable", args=[member.pk])
    for i in range(5):
        SessionFactory(course=course, lecturer=member, date=course.start_date + datetime.timedelta(days=i))
    expected = _count(client, url)
    for i in range(5, 50):
        SessionFactory(course=course, lecturer=member, date=course.start_date + datetime.timedelta(days=i))
    with django_assert_num_queries(expected):
        client.get(url)
