"""Inputs that used to crash the courses pages: NUL bytes in the secret links (PostgreSQL), dates and years
out of range, and bulk scheduling without a bound. Each now gets a 404, a page with a Vietnamese message,
or a refusal — never a 500 — on both databases."""

import datetime

import pytest
from django.urls import reverse

from courses.models import Session
from tests.builders import new_member_programme
from tests.factories import CourseFactory, RoomFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 2)


@pytest.mark.parametrize(
    "path",
    ["/t/%00/", "/calendar/course/%00.ics", "/calendar/lecturer/%00.ics", "/t/abc%00def/", "/t/" + "x" * 5000 + "/"],
)
def test_a_nul_byte_or_junk_in_a_secret_link_is_a_404(client, path):
    client.raise_request_exception = False
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "10000-01-01", "2026-13-01"])
@pytest.mark.parametrize("name", ["week_view", "week_print"])
def test_a_week_out_of_range_shows_this_week_with_a_message(client, clerk, week, name):
    client.force_login(clerk)
    response = client.get(reverse(name), {"week": week})
    assert response.status_code == 200
    monday = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
    assert response.context["monday"] == monday
    if name == "week_view":
        assert "Không hiển thị được tuần đã chọn" in response.content.decode()


@pytest.mark.parametrize("year", ["99999999999999999999", "-1", "0", "١٢٣", "2026\x00"])
def test_a_year_out_of_range_lists_every_year(client, clerk, year):
    CourseFactory(title="Lớp đảng viên mới khóa 3")
    client.force_login(clerk)
    response = client.get(reverse("course_list"), {"year": year, "unit": "9" * 30, "programme": year})
    assert response.status_code == 200
    assert "Lớp đảng viên mới khóa 3" in response.content.decode()


def _bulk(course, date_from, date_to):
    return {
        "mode": "period",
        "date_from": date_from,
        "date_to": date_to,
        "parts": ["morning"],
        "weekdays": [str(d) for d in range(7)],
        "room": course.room.pk,
        "morning_start": "07:30",
        "morning_end": "11:00",
        "afternoon_start": "13:30",
        "afternoon_end": "17:00",
        "evening_start": "18:30",
        "evening_end": "21:00",
    }


@pytest.mark.parametrize(("date_from", "date_to"), [("02/12/2026", "31/12/9999"), ("01/01/2020", "31/12/2029")])
def test_bulk_scheduling_is_bounded_to_the_course_dates(client, clerk, date_from, date_to):
    course = CourseFactory(programme=new_member_programme(), start_date=DAY, room=RoomFactory())
    client.force_login(clerk)
    response = client.post(reverse("session_bulk", args=[course.pk]), _bulk(course, date_from, date_to))
    assert response.status_code == 200
    refusal = "Khoảng thời gian phải nằm trong thời gian của lớp (02/12/2026 – 06/12/2026)."
    assert refusal in response.context["problems"]
    assert not Session.objects.filter(course=course).exists()


def test_a_course_ending_on_the_last_day_of_the_calendar_does_not_crash_the_planner(clerk):
    from courses.services import plan_sessions

    course = CourseFactory(start_date=datetime.date(9999, 12, 27), end_date=datetime.date(9999, 12, 31))
    specs = plan_sessions(
        course=course,
        date_from=course.start_date,
        date_to=course.end_date,
        parts=["morning"],
        weekdays=list(range(7)),
    )
    assert [s.date.day for s in specs] == [27, 28, 29, 30, 31]
