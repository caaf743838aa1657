"""The calendar feeds parse with ``icalendar``, keep their UIDs and bump SEQUENCE on change."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from courses.models import Course
from courses.services import session_update
from tests.builders import spec
from tests.factories import CourseFactory, RoomFactory, SessionFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 2)


@pytest.fixture
def course(settings):
    settings.PORTAL_BASE_URL = "https://ttct.example.vn"
    course = CourseFactory(code="DVM.2026.02", start_date=DAY, status=Course.Status.OPEN)
    room = RoomFactory(name="Hội trường A")
    teacher = StaffMemberFactory(full_name="Trần Quốc Bảo")
    for i in range(3):
        SessionFactory(course=course, date=DAY + datetime.timedelta(days=i), lecturer=teacher, room=room)
    return course


def _events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_course_feed_parses_with_times_in_ho_chi_minh_city(client, course):
    cal, events = _events(client, reverse("course_ics", args=[course.public_token]))
    assert len(events) == 3
    first = events[f"session-{course.sessions.first().pk}@ttct.example.vn"]
    start = first.decoded("DTSTART")
    assert start == datetime.datetime(2026, 12, 2, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert first["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(first["LOCATION"]) == "Hội trường A"
    assert "DVM.2026.02" in str(first["SUMMARY"])
    assert "Trần Quốc Bảo" in str(first["DESCRIPTION"])


def test_uids_are_stable_and_an_update_raises_the_sequence(client, course):
    url = reverse("course_ics", args=[course.public_token])
    _cal, before = _events(client, url)
    _cal, again = _events(client, url)
    assert set(before) == set(again)

    session = course.sessions.first()
    session_update(session=session, spec=spec(DAY, times=(datetime.time(8), datetime.time(11))), by=None)
    _cal, after = _events(client, url)
    uid = f"session-{session.pk}@ttct.example.vn"
    assert set(after) == set(before)  # same events: updated, not duplicated
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid].decoded("DTSTART").hour == 8


def test_the_lecturer_feed_lists_only_their_sessions(client, course):
    teacher = course.sessions.first().lecturer
    SessionFactory(course=CourseFactory(start_date=DAY), lecturer=StaffMemberFactory(), date=DAY)
    _cal, events = _events(client, reverse("lecturer_ics", args=[teacher.calendar_token]))
    assert len(events) == 3


def test_a_cancelled_course_marks_its_events_cancelled(client, course):
    Course.objects.filter(pk=course.pk).update(status=Course.Status.CANCELLED)
    _cal, events = _events(client, reverse("course_ics", args=[course.public_token]))
    assert {str(e["STATUS"]) for e in events.values()} == {"CANCELLED"}


def test_wrong_or_planned_feed_links_are_404(client, course):
    assert client.get(reverse("course_ics", args=["no-such-token"])).status_code == 404
    planned = CourseFactory(status=Course.Status.PLANNED)
    assert client.get(reverse("course_ics", args=[planned.public_token])).status_code == 404
    assert client.get(reverse("lecturer_ics", args=["no-such-token"])).status_code == 404
