"""Reads for courses and timetables. Each returns everything its page needs already joined, so pages run
a fixed number of queries however many courses or sessions they show."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from center.models import Room
from center.text import collation_key
from courses.models import Course, Programme, Session
from staff.models import StaffMember

SESSION_RELATIONS = ("course", "topic", "lecturer", "room")
PUBLIC_STATUSES = (Course.Status.OPEN, Course.Status.IN_PROGRESS)


@dataclass
class TimetableDay:
    date: datetime.date
    morning: list = field(default_factory=list)
    afternoon: list = field(default_factory=list)
    evening: list = field(default_factory=list)

    @property
    def sessions(self) -> list:
        return [*self.morning, *self.afternoon, *self.evening]


def timetable_sessions() -> QuerySet:
    return Session.objects.select_related(*SESSION_RELATIONS, "course__room").order_by("date", "start_time", "pk")


def group_by_day(sessions) -> list[TimetableDay]:
    """Sessions (in date order) → one TimetableDay per date that has sessions, split into halves of the day."""
    days: dict[datetime.date, TimetableDay] = {}
    for session in sessions:
        day = days.setdefault(session.date, TimetableDay(date=session.date))
        getattr(day, session.part_of_day).append(session)
    return list(days.values())


def course_timetable(course: Course) -> list[TimetableDay]:
    """The course's sessions by day (morning / afternoon / evening), with topic, lecturer and room joined.
    Shared by the timetable page, its print layout and the PDF."""
    return group_by_day(timetable_sessions().filter(course=course))


def course_list(*, programme=None, year=None, status=None, unit=None) -> QuerySet:
    """Courses for the list page, filtered; programme, room and homeroom teacher joined, units prefetched
    and the number of sessions annotated."""
    qs = (
        Course.objects.select_related("programme", "room", "homeroom_teacher")
        .prefetch_related("units")
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("-start_date", "code")
    )
    if programme:
        qs = qs.filter(programme=programme)
    if year:
        qs = qs.filter(Q(start_date__year=year) | Q(end_date__year=year))
    if status:
        qs = qs.filter(status=status)
    if unit:
        qs = qs.filter(units=unit)
    return qs


def course_years() -> list[int]:
    return sorted({d.year for d in Course.objects.dates("start_date", "year")}, reverse=True)


def programme_list() -> QuerySet:
    return Programme.objects.annotate(
        topic_count=Count("topics", distinct=True), course_count=Count("courses", distinct=True)
    ).order_by("-is_active", "name")


def courses_for_lecturer(member: StaffMember | None) -> QuerySet:
    """Courses a lecturer may open: those they teach a session of, or are the homeroom teacher of."""
    if member is None:
        return Course.objects.none()
    return Course.objects.filter(Q(sessions__lecturer=member) | Q(homeroom_teacher=member)).distinct()


def lecturer_timetable(member: StaffMember, *, date_from: datetime.date | None = None) -> list[TimetableDay]:
    """A lecturer's sessions (courses not cancelled) from ``date_from`` on, by day."""
    qs = timetable_sessions().filter(lecturer=member).exclude(course__status=Course.Status.CANCELLED)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    return group_by_day(qs)


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class WeekRow:
    label: str
    room: Room | None
    cells: list  # seven lists of sessions, Monday first


def week_view(monday: datetime.date) -> tuple[list[datetime.date], list[WeekRow]]:
    """The center's week: one row per room (active rooms, plus any used that week, plus a row for sessions
    outside the center or without a room), one column per day, sessions of courses not cancelled."""
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    sessions = list(
        timetable_sessions().filter(date__range=(days[0], days[-1])).exclude(course__status=Course.Status.CANCELLED)
    )
    rooms = {room.pk: room for room in Room.objects.filter(is_active=True)}
    for session in sessions:
        if session.room_id and session.room_id not in rooms:
            rooms[session.room_id] = session.room
    rows = {pk: WeekRow(label=room.name, room=room, cells=[[] for _ in days]) for pk, room in rooms.items()}
    no_room = WeekRow(label="", room=None, cells=[[] for _ in days])
    for session in sessions:
        row = rows.get(session.room_id, no_room)
        row.cells[(session.date - monday).days].append(session)
    # Rooms have no stored sort key; the few rows of a week are put in Vietnamese order here.
    ordered = sorted(rows.values(), key=lambda r: (collation_key(r.label), r.label))
    if any(no_room.cells):
        ordered.append(no_room)
    return days, ordered


def upcoming_sessions(*, today: datetime.date, days: int = 7, lecturer: StaffMember | None = None) -> QuerySet:
    """Sessions of the next ``days`` days (courses not cancelled), optionally of one lecturer."""
    qs = (
        timetable_sessions()
        .filter(date__range=(today, today + datetime.timedelta(days=days)))
        .exclude(course__status=Course.Status.CANCELLED)
    )
    if lecturer is not None:
        qs = qs.filter(lecturer=lecturer)
    return qs


def courses_in_progress() -> QuerySet:
    return Course.objects.filter(status=Course.Status.IN_PROGRESS).select_related("programme").order_by("end_date")


def public_course(token: str) -> Course | None:
    """The course behind a public link, if it is open or in progress."""
    return (
        Course.objects.select_related("programme", "room")
        .filter(public_token=token, status__in=PUBLIC_STATUSES)
        .first()
    )
