"""Reads for courses and timetables. Each returns everything its page needs already joined, so pages run
a fixed number of queries however many courses or sessions they show."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from center.conditional import CompiledQuery, fingerprint
from center.models import Room
from center.text import collation_key
from courses.models import Course, Programme, Session, Topic
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


# What a timetable page or a calendar feed shows of a course and of each session, read as plain rows to
# fingerprint the page or feed on every request (center.conditional). ``sequence`` goes up on every change
# of a session (its ``updated_at`` would cost a timestamp parse per row on SQLite and add nothing).
COURSE_SHOWN = ("pk", "code", "title", "status", "start_date", "end_date", "venue", "room__name")
SESSION_SHOWN = (
    "pk",
    "sequence",
    "date",
    "part_of_day",
    "start_time",
    "end_time",
    "title",
    "note",
    "topic__title",
    "lecturer__full_name",
    "room__name",
)


def sessions_fingerprint(sessions: QuerySet) -> str:
    """A digest of everything shown of ``sessions`` (a queryset of Session, any filter) and of their courses:
    it changes when a session is added, removed or edited, or a topic, lecturer, room or course it shows is
    renamed. One query."""
    fields = (*SESSION_SHOWN, *(f"course__{name}" for name in COURSE_SHOWN))
    return fingerprint(list(sessions.order_by("date", "start_time", "pk").values_list(*fields)))


def _course_with_sessions_rows(statuses) -> CompiledQuery:
    return CompiledQuery(
        lambda token: (
            Course.objects.filter(public_token=token, status__in=statuses)
            .order_by("sessions__date", "sessions__start_time", "sessions__pk")
            .values_list(*COURSE_SHOWN, *(f"sessions__{name}" for name in SESSION_SHOWN))
        )
    )


_PUBLIC_PAGE_ROWS = _course_with_sessions_rows(PUBLIC_STATUSES)
_FEED_ROWS = _course_with_sessions_rows([s for s in Course.Status if s != Course.Status.PLANNED])


@dataclass(frozen=True)
class CourseVersion:
    code: str
    version: str


def public_course_version(token: str, *, feed: bool = False) -> CourseVersion | None:
    """The course behind a public link, as its code and a fingerprint of what its public timetable (open or
    in progress) or its calendar feed (any status but planned, ``feed=True``) shows: the course and each
    session with its topic, lecturer and room. None when there is no such page or feed. One query."""
    rows = (_FEED_ROWS if feed else _PUBLIC_PAGE_ROWS).rows(token)
    return CourseVersion(code=rows[0][1], version=fingerprint(rows)) if rows else None


def public_course(token: str) -> Course | None:
    """The course behind a public link, if it is open or in progress."""
    return (
        Course.objects.select_related("programme", "room")
        .filter(public_token=token, status__in=PUBLIC_STATUSES)
        .first()
    )


@dataclass
class GridRow:
    """One session of the lecturer grid, with who and what is taken at its time elsewhere (pk -> the
    other session's course code)."""

    session: Session
    busy_lecturers: dict[int, str] = field(default_factory=dict)
    busy_rooms: dict[int, str] = field(default_factory=dict)
    topic_lecturers: set[int] = field(default_factory=set)


def lecturer_grid(course: Course) -> list[GridRow]:
    """The course's sessions in order, each with the lecturers and rooms that other sessions (of courses
    not cancelled) hold at the same time and the topic's usual lecturers. Three queries however many rows."""
    sessions = list(
        Session.objects.filter(course=course).select_related("topic", "lecturer", "room").order_by("date", "start_time")
    )
    rows = [GridRow(session=s) for s in sessions]
    if not rows:
        return rows
    others = (
        Session.objects.filter(date__in={s.date for s in sessions})
        .exclude(course=course)
        .exclude(course__status=Course.Status.CANCELLED)
        .filter(Q(lecturer__isnull=False) | Q(room__isnull=False))
        .values_list("date", "start_time", "end_time", "lecturer_id", "room_id", "course__code")
    )
    usual: dict[int, set[int]] = {}
    for topic_id, member_id in Topic.lecturers.through.objects.filter(
        topic__in={s.topic_id for s in sessions if s.topic_id}
    ).values_list("topic_id", "staffmember_id"):
        usual.setdefault(topic_id, set()).add(member_id)
    by_date: dict[datetime.date, list[GridRow]] = {}
    for row in rows:
        by_date.setdefault(row.session.date, []).append(row)
    for day, start, end, lecturer_id, room_id, code in others:
        for row in by_date[day]:
            s = row.session
            if s.start_time < end and start < s.end_time:
                if lecturer_id:
                    row.busy_lecturers.setdefault(lecturer_id, code)
                if room_id:
                    row.busy_rooms.setdefault(room_id, code)
    for row in rows:
        row.topic_lecturers = usual.get(row.session.topic_id, set())
    return rows
