"""Public timetable and calendar feeds: conditional GET (ETag → 304), an ETag that follows every change
of what is shown, a page rendered once per version that still gives each visitor their own CSRF token,
and the feed's time zone built once per process."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from courses import ics
from courses.models import Course
from courses.services import session_update
from tests.builders import spec
from tests.factories import CenterFactory, CourseFactory, RoomFactory, SessionFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 2)


@pytest.fixture
def course():
    CenterFactory()
    course = CourseFactory(code="DVM.2026.02", start_date=DAY, status=Course.Status.OPEN)
    teacher = StaffMemberFactory(full_name="Trần Quốc Bảo")
    room = RoomFactory(name="Hội trường A")
    for i in range(3):
        SessionFactory(course=course, date=DAY + datetime.timedelta(days=i), lecturer=teacher, room=room)
    return course


def _urls(course):
    teacher = course.sessions.first().lecturer
    return {
        "public timetable": reverse("public_timetable", args=[course.public_token]),
        "course feed": reverse("course_ics", args=[course.public_token]),
        "lecturer feed": reverse("lecturer_ics", args=[teacher.calendar_token]),
    }


def _etag(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


@pytest.mark.parametrize("which", ["public timetable", "course feed", "lecturer feed"])
def test_a_conditional_request_with_the_etag_answers_304(client, course, which):
    url = _urls(course)[which]
    etag = _etag(client, url)
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.parametrize("which", ["public timetable", "course feed", "lecturer feed"])
def test_a_change_to_a_session_changes_the_etag(client, course, which):
    url = _urls(course)[which]
    before = _etag(client, url)
    session = course.sessions.first()
    session_update(
        session=session,
        spec=spec(DAY, times=(datetime.time(8), datetime.time(11)), lecturer=session.lecturer, room=session.room),
        by=None,
    )
    response = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response["ETag"] != before
    assert "08:00" in response.content.decode() or "T080000" in response.content.decode()


@pytest.mark.parametrize(
    "change",
    ["lecturer renamed", "room renamed", "course renamed", "session added", "session removed"],
)
def test_the_public_etag_follows_what_the_page_shows(client, course, change):
    url = _urls(course)["public timetable"]
    before = _etag(client, url)
    session = course.sessions.first()
    if change == "lecturer renamed":
        session.lecturer.full_name = "Trần Quốc Bảo Anh"
        session.lecturer.save()
    elif change == "room renamed":
        session.room.name = "Hội trường B"
        session.room.save()
    elif change == "course renamed":
        Course.objects.filter(pk=course.pk).update(title="Lớp đổi tên")
    elif change == "session added":
        SessionFactory(course=course, date=DAY + datetime.timedelta(days=3))
    else:
        session.delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_the_next_day_the_public_page_is_rendered_again(client, course, monkeypatch):
    url = _urls(course)["public timetable"]
    before = _etag(client, url)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("courses.views.timezone.localdate", lambda: tomorrow)
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_the_first_visit_gets_the_etag_its_next_visit_matches(course):
    visitor = Client()  # no cookie yet: the page gives one (its language form needs a CSRF token)
    url = _urls(course)["public timetable"]
    first = visitor.get(url)
    assert "csrftoken" in first.cookies
    assert visitor.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_each_visitor_gets_their_own_csrf_token_from_the_rendered_once_page(course):
    url = _urls(course)["public timetable"]
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = []
    for visitor in visitors:
        html = visitor.get(url).content.decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
        assert "csrf-placeholder" not in html
    assert tokens[0] != tokens[1]
    for visitor, token in zip(visitors, tokens, strict=True):
        response = visitor.post(reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token})
        assert response.status_code == 302, "the language switch on the public page must pass the CSRF check"
    # A token from another visitor's page does not work with this visitor's cookie.
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(url)
    assert (
        stranger.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": "x" * 64}).status_code == 403
    )


def test_the_page_follows_the_language(client, course):
    url = _urls(course)["public timetable"]
    vietnamese = client.get(url)
    client.post(reverse("set_language"), {"language": "en", "next": url})
    english = client.get(url, HTTP_IF_NONE_MATCH=vietnamese["ETag"])
    assert english.status_code == 200
    assert english.content != vietnamese.content
    assert "Course timetable" in english.content.decode()


def test_logged_in_users_get_the_page_rendered_for_them(client, clerk, course):
    client.force_login(clerk)
    response = client.get(_urls(course)["public timetable"])
    assert response.status_code == 200
    assert "ETag" not in response
    assert clerk.username in response.content.decode() or "Võ Minh Đức" in response.content.decode()


def test_the_feed_time_zone_is_built_once_per_process(client, course, monkeypatch):
    from icalendar import Timezone

    ics._vtimezone.cache_clear()
    ics.FEEDS.clear()
    calls = []
    real = Timezone.from_tzid.__func__

    def counted(cls, *args, **kwargs):
        calls.append(args)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Timezone, "from_tzid", classmethod(counted))
    urls = _urls(course)
    for _round in range(2):
        for which in ("course feed", "lecturer feed"):
            ics.FEEDS.clear()
            assert b"BEGIN:VTIMEZONE" in client.get(urls[which]).content
    assert len(calls) == 1
