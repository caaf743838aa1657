"""Reads for the trainee portal and the access helpers behind every trainee URL.

A trainee reaches only their own records: every helper starts from the logged-in user's Trainee and
answers 404 for any object that is not theirs (or for a user who is not a trainee).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from center.roles import Role, user_roles
from courses.models import Course, Session
from trainees.models import (
    ActivationCode,
    Attendance,
    Certificate,
    CorrectionRequest,
    Enrolment,
    Trainee,
    TraineeAccount,
)
from trainees.services.accounts import MAX_FAILED_ATTEMPTS


def own_trainee(user) -> Trainee:
    """The Trainee record of a logged-in trainee; 404 for staff, outsiders and trainees without a record."""
    if Role.TRAINEE not in user_roles(user):
        raise Http404
    trainee = Trainee.objects.filter(user=user, merged_into=None).select_related("unit").first()
    if trainee is None:
        raise Http404
    return trainee


def own_certificate(trainee: Trainee, pk: int) -> Certificate:
    """One of the trainee's own certificates; 404 otherwise."""
    return get_object_or_404(
        Certificate.objects.select_related("enrolment__course", "enrolment__trainee"), pk=pk, enrolment__trainee=trainee
    )


def own_enrolment(trainee: Trainee, pk: int) -> Enrolment:
    """One of the trainee's own enrolments; 404 otherwise."""
    return get_object_or_404(
        Enrolment.objects.select_related("course__programme", "course__room"), pk=pk, trainee=trainee
    )


def calendar_account(token: str) -> TraineeAccount:
    """The portal account behind a calendar feed secret; 404 for an unknown secret."""
    return get_object_or_404(
        TraineeAccount.objects.select_related("trainee"), calendar_token=token, trainee__merged_into=None
    )


def trainee_calendar_account(trainee: Trainee) -> TraineeAccount:
    account, _created = TraineeAccount.objects.get_or_create(trainee=trainee)
    return account


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


def open_correction_requests():
    return CorrectionRequest.objects.filter(status=CorrectionRequest.Status.OPEN).select_related("trainee__unit")


def account_roster(course: Course) -> list:
    """The approved trainees of a course (roster order) with their login and latest activation code."""
    enrolments = list(
        Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED)
        .select_related("trainee__user", "trainee__portal_account", "trainee__unit")
        .order_by("trainee__sort_key", "trainee__pk")
    )
    trainees = [e.trainee for e in enrolments]
    _attach_latest_codes(trainees)
    return trainees


def _attach_latest_codes(trainees: list) -> None:
    latest = {}
    for code in ActivationCode.objects.filter(trainee__in=trainees).order_by("trainee_id", "-created_at"):
        latest.setdefault(code.trainee_id, code)
    now = timezone.now()
    for trainee in trainees:
        code = latest.get(trainee.pk)
        trainee.latest_code = code
        trainee.code_live = bool(code and not code.used_at and not code.revoked_at and code.expires_at > now)
        account = getattr(trainee, "portal_account", None) if _has_account(trainee) else None
        trainee.is_activated = bool(trainee.user_id and trainee.user.has_usable_password())
        trainee.is_locked = bool(account and account.failed_attempts >= MAX_FAILED_ATTEMPTS)


def _has_account(trainee) -> bool:
    try:
        return trainee.portal_account is not None
    except TraineeAccount.DoesNotExist:
        return False


def trainee_with_account(pk: int) -> Trainee:
    """A trainee for the staff's account page, with the login and codes attached; 404 if unknown."""
    trainee = get_object_or_404(
        Trainee.objects.select_related("user", "portal_account", "unit"), pk=pk, merged_into=None
    )
    _attach_latest_codes([trainee])
    return trainee


def courses_for_accounts():
    """Courses that have approved trainees, newest first, with counts of trainees and activated logins."""
    approved = Q(enrolments__status=Enrolment.Status.APPROVED)
    return (
        Course.objects.exclude(status=Course.Status.CANCELLED)
        .annotate(
            approved_count=Count("enrolments", filter=approved, distinct=True),
            account_count=Count(
                "enrolments", filter=approved & Q(enrolments__trainee__user__isnull=False), distinct=True
            ),
            activated_count=Count(
                "enrolments",
                filter=approved & Q(enrolments__trainee__portal_account__activated_at__isnull=False),
                distinct=True,
            ),
        )
        .filter(approved_count__gt=0)
        .order_by("-start_date", "code")
    )
