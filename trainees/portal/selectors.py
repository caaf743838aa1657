"""Reads for the trainee portal: the trainee's timetable, courses, attendance, certificates, requests.

A trainee reaches only their own records; the helpers that fetch them are in ``trainees.access``.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import Course, Session
from trainees.models import (
    Attendance,
    Certificate,
    CorrectionRequest,
    Enrolment,
    Trainee,
)


def trainee_sessions(trainee: Trainee):
    """Sessions of the courses the trainee is approved for (cancelled courses left out), in time order,
    with everything the timetable shows already joined."""
    return (
        Session.objects.filter(
            course__enrolments__trainee=trainee,
            course__enrolments__status=Enrolment.Status.APPROVED,
        )
        .exclude(course__status=Course.Status.CANCELLED)
        .select_related("course", "course__room", "topic", "lecturer", "room")
        .order_by("date", "start_time", "pk")
    )


def session_place(session: Session) -> str:
    """Where the session is taught: its room, else the course's outside venue or room."""
    if session.room_id:
        room = session.room
        return f"{room.name} ({room.location})" if room.location else room.name
    return session.course.venue_label


@dataclass
class TimetableCourse:
    course: Course
    sessions: list = field(default_factory=list)
    upcoming: int = 0

    @property
    def past_sessions(self) -> list:
        return [s for s in self.sessions if s.is_past]

    @property
    def coming_sessions(self) -> list:
        return [s for s in self.sessions if not s.is_past]


@dataclass
class Timetable:
    next_session: Session | None
    courses: list


def trainee_timetable(trainee: Trainee, *, now: datetime.datetime | None = None) -> Timetable:
    """The trainee's sessions grouped by course (courses in the order of their first session); each
    session marked ``is_past`` (ended) and ``is_next``; the first session not yet ended is the next one."""
    now = timezone.localtime(now or timezone.now())
    today, time_now = now.date(), now.time()
    by_course: dict[int, TimetableCourse] = {}
    next_session = None
    for session in trainee_sessions(trainee):
        session.is_past = session.date < today or (session.date == today and session.end_time <= time_now)
        session.is_today = session.date == today
        session.is_ongoing = session.is_today and session.start_time <= time_now < session.end_time
        session.place = session_place(session)
        session.is_next = False
        if not session.is_past and next_session is None:
            next_session = session
            session.is_next = True
        group = by_course.setdefault(session.course_id, TimetableCourse(course=session.course))
        group.sessions.append(session)
        if not session.is_past:
            group.upcoming += 1
    courses = sorted(by_course.values(), key=lambda g: (g.upcoming == 0, g.sessions[0].date))
    return Timetable(next_session=next_session, courses=courses)


PRESENT = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def _periods(*, attended: bool):
    """The periods (tiết) of the sessions marked for the enrolment — all, or only those attended — as a
    subquery: the attendance rule counts periods, not sessions (docs/rules-2025.md)."""
    marks = Attendance.objects.filter(enrolment=OuterRef("pk"))
    if attended:
        marks = marks.filter(status__in=PRESENT)
    total = marks.order_by().values("enrolment").annotate(total=Sum("session__periods")).values("total")
    return Coalesce(Subquery(total), 0)


def trainee_enrolments(trainee: Trainee):
    """The trainee's enrolments, newest course first, with attendance counts so far."""
    today = timezone.localdate()
    return (
        Enrolment.objects.filter(trainee=trainee)
        .select_related("course__programme", "course__room")
        .annotate(
            sessions_total=Count("course__sessions", distinct=True),
            sessions_held=Count("course__sessions", filter=Q(course__sessions__date__lte=today), distinct=True),
            # The attendance share counts only sessions with a mark for this trainee (README: attendance).
            sessions_recorded=Count("attendances", distinct=True),
            attended=Count("attendances", filter=Q(attendances__status__in=PRESENT), distinct=True),
            periods_recorded=_periods(attended=False),
            periods_attended=_periods(attended=True),
            absent_excused=Count("attendances", filter=Q(attendances__status=Attendance.Status.EXCUSED), distinct=True),
            absent_unexcused=Count(
                "attendances", filter=Q(attendances__status=Attendance.Status.UNEXCUSED), distinct=True
            ),
        )
        .order_by("-course__start_date", "pk")
    )


def enrolment_attendance(enrolment: Enrolment) -> list:
    """The sessions of the enrolment's course, each with this trainee's attendance (or None)."""
    marks = {a.session_id: a for a in enrolment.attendances.all()}
    today = timezone.localdate()
    sessions = list(enrolment.course.sessions.select_related("topic", "lecturer", "room", "course__room"))
    for session in sessions:
        session.attendance = marks.get(session.pk)
        session.is_past = session.date < today
        session.place = session_place(session)
    return sessions


def trainee_certificates(trainee: Trainee):
    return Certificate.objects.filter(enrolment__trainee=trainee).select_related("enrolment__course")


def trainee_correction_requests(trainee: Trainee):
    return CorrectionRequest.objects.filter(trainee=trainee).order_by("-created_at")
