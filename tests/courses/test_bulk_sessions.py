"""The bulk tool: "every morning and afternoon from 02/12 to 06/12" and "one per programme topic"."""

import datetime

import pytest
from django.urls import reverse

from courses.models import Course, Session
from courses.services import ScheduleError, plan_sessions, session_label
from tests.builders import new_member_programme
from tests.factories import CourseFactory, RoomFactory, SessionFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 2)  # a Wednesday


@pytest.fixture
def course():
    room = RoomFactory(name="Phòng học 1", capacity=60)
    return CourseFactory(code="DVM.2026.02", programme=new_member_programme(), start_date=DAY, room=room)


def test_every_morning_and_afternoon_of_a_period(course):
    specs = plan_sessions(
        course=course,
        date_from=DAY,
        date_to=DAY + datetime.timedelta(days=4),
        parts=["afternoon", "morning"],
        weekdays=list(range(7)),
        assign_topics=True,
    )
    assert len(specs) == 10
    assert [(s.date.day, s.part_of_day) for s in specs[:3]] == [(2, "morning"), (2, "afternoon"), (3, "morning")]
    assert [s.topic.order for s in specs] == list(range(1, 11))
    assert {s.room for s in specs} == {course.room}


def test_weekdays_are_respected(course):
    specs = plan_sessions(
        course=course,
        date_from=DAY,
        date_to=DAY + datetime.timedelta(days=4),
        parts=["morning"],
        weekdays=[0, 1, 2, 3, 4],
    )
    assert [s.date.day for s in specs] == [2, 3, 4]  # Saturday 5th and Sunday 6th left out


def test_one_session_per_topic_in_order(course):
    specs = plan_sessions(
        course=course,
        date_from=DAY,
        date_to=None,
        parts=["morning", "afternoon"],
        weekdays=list(range(7)),
        per_topic=True,
    )
    assert len(specs) == 10
    assert specs[-1].date == datetime.date(2026, 12, 6) and specs[-1].part_of_day == "afternoon"
    assert [s.topic.order for s in specs] == list(range(1, 11))


def test_one_per_topic_refuses_when_the_course_is_too_short(course):
    with pytest.raises(ScheduleError):
        plan_sessions(
            course=course, date_from=DAY, date_to=None, parts=["morning"], weekdays=list(range(7)), per_topic=True
        )


def test_the_bulk_page_creates_the_ten_sessions(client, clerk, course):
    client.force_login(clerk)
    teacher = StaffMemberFactory(full_name="Phạm Thị Thu Hà")
    response = client.post(
        reverse("session_bulk", args=[course.pk]),
        {
            "mode": "period",
            "date_from": "02/12/2026",
            "date_to": "06/12/2026",
            "parts": ["morning", "afternoon"],
            "weekdays": [str(d) for d in range(7)],
            "assign_topics": "on",
            "lecturer": teacher.pk,
            "room": course.room.pk,
            "morning_start": "07:30",
            "morning_end": "11:00",
            "afternoon_start": "13:30",
            "afternoon_end": "17:00",
            "evening_start": "18:30",
            "evening_end": "21:00",
        },
    )
    assert response.status_code == 302
    sessions = list(Session.objects.filter(course=course).select_related("topic"))
    assert len(sessions) == 10
    assert [s.topic.order for s in sessions] == list(range(1, 11))
    assert {s.lecturer for s in sessions} == {teacher}


def test_the_bulk_page_lists_the_clash_and_adds_nothing(client, clerk, course):
    client.force_login(clerk)
    other = SessionFactory(
        course=CourseFactory(code="NTVD.2026.02", start_date=DAY), room=course.room, date=DAY, title="Bài 1"
    )
    data = {
        "mode": "per_topic",
        "date_from": "02/12/2026",
        "parts": ["morning", "afternoon"],
        "weekdays": [str(d) for d in range(7)],
        "room": course.room.pk,
        "morning_start": "07:30",
        "morning_end": "11:00",
        "afternoon_start": "13:30",
        "afternoon_end": "17:00",
        "evening_start": "18:30",
        "evening_end": "21:00",
    }
    response = client.post(reverse("session_bulk", args=[course.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không thêm buổi nào" in html
    assert session_label(other) in html
    assert not Session.objects.filter(course=course).exists()
    assert Course.objects.get(pk=course.pk).status == "open"
