"""iCalendar feeds (RFC 5545) for a course and for a lecturer.

Each session is one VEVENT whose UID (``session-<pk>@<portal host>``) never changes; ``SEQUENCE`` follows
``Session.sequence``, which the services bump on every change, so a subscribed phone or Google Calendar
updates the event instead of adding a second one. Times carry the Asia/Ho_Chi_Minh zone (with its
VTIMEZONE)."""

import datetime
from collections.abc import Callable
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils.translation import get_language
from icalendar import Calendar, Event, Timezone

from center.conditional import ContentCache, conditional_response, deployment_version, fingerprint
from center.links import absolute_url, portal_host
from courses.models import Course, Session

TZ_NAME = "Asia/Ho_Chi_Minh"
TZ = ZoneInfo(TZ_NAME)
# Feeds already written, by the fingerprint of everything in them (see feed_response).
FEEDS = ContentCache(size=256)


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{portal_host()}"


def calendar_bytes(*, name: str, sessions, base_url: str = "") -> bytes:
    """The feed for ``sessions`` (topic, lecturer, room and course joined)."""
    cal = Calendar()
    cal.add("prodid", "-//Trung tam Chinh tri//Cong thong tin//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for session in sessions:
        cal.add_component(_event(session, base_url))
    if cal.subcomponents:
        cal.subcomponents.insert(0, _vtimezone())
    return cal.to_ical()


@lru_cache(maxsize=1)
def _vtimezone() -> Timezone:
    """The zone's VTIMEZONE (its transitions from 1970 on), built once per process: building it walks
    decades of UTC offsets and cost more than all the events of a feed."""
    return Timezone.from_tzid(TZ_NAME)


def _event(session: Session, base_url: str) -> Event:
    course = session.course
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", session.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", session.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", datetime.datetime.combine(session.date, session.start_time, tzinfo=TZ))
    event.add("dtend", datetime.datetime.combine(session.date, session.end_time, tzinfo=TZ))
    event.add("summary", f"{session.display_title or course.title} ({course.code})")
    location = session.room.name if session.room_id else course.venue_label
    if location:
        event.add("location", location)
    lines = [course.title]
    if session.lecturer_id:
        lines.append(session.lecturer.full_name)
    if session.note:
        lines.append(session.note)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if course.status == Course.Status.CANCELLED else "CONFIRMED")
    if base_url:
        event.add("url", base_url)
    return event


def feed_response(
    request, *, version: str, build: Callable[[], bytes], filename: str, max_age: int = 300
) -> HttpResponse:
    """A calendar feed as calendar apps expect it: inline, UTF-8, cached briefly and privately, with an ETag.

    ``version`` is a fingerprint of everything the feed shows (``selectors.sessions_fingerprint`` and the
    calendar's name); ``build`` writes the feed (``calendar_bytes``). A client that sends the ETag back gets
    304; otherwise the bytes come from ``FEEDS`` when this process already wrote that very feed."""
    key = fingerprint(version, filename, get_language(), deployment_version(), absolute_url("/"))

    def respond() -> HttpResponse:
        response = HttpResponse(FEEDS.get(key, build), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

    return conditional_response(request, etag=key, build=respond, cache_control=f"private, max-age={max_age}")
