"""Reads for attendance, results and certificates, and the access helpers that fetch objects for a user.

Access: managers (director, deputy, clerk) see every course and session. A lecturer sees the grid of a
session they teach, and the results of a course where they teach a session or are the homeroom teacher.
Anything else is a 404, so other people's objects are not revealed.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from center.roles import MANAGERS, Role, user_roles
from courses.models import Course, Session
from trainees.models import Attendance, Certificate, Enrolment


def is_manager(user) -> bool:
    return bool(user_roles(user) & MANAGERS)


def session_for_attendance(user, pk: int) -> Session:
    """The session whose grid ``user`` may fill: any for managers, own sessions for lecturers; else 404."""
    session = get_object_or_404(
        Session.objects.select_related("course__programme", "topic", "lecturer__user", "room"), pk=pk
    )
    if is_manager(user):
        return session
    if Role.LECTURER in user_roles(user) and session.lecturer_id and session.lecturer.user_id == user.pk:
        return session
    raise Http404


def course_for_results(user, pk: int, *, managers_only: bool = False) -> Course:
    """The course whose results ``user`` may see: any for managers; for a lecturer, a course where they
    teach a session or are the homeroom teacher. ``managers_only`` refuses lecturers too. Else 404."""
    course = get_object_or_404(Course.objects.select_related("programme", "homeroom_teacher"), pk=pk)
    if is_manager(user):
        return course
    if managers_only or Role.LECTURER not in user_roles(user):
        raise Http404
    if course.homeroom_teacher_id and course.homeroom_teacher.user_id == user.pk:
        return course
    if course.sessions.filter(lecturer__user=user).exists():
        return course
    raise Http404


def certificate_for_staff(user, pk: int) -> Certificate:
    """A certificate for the managers' pages; 404 for anyone else."""
    if not is_manager(user):
        raise Http404
    return get_object_or_404(certificate_queryset(), pk=pk)


def certificate_queryset():
    return Certificate.objects.select_related(
        "enrolment__trainee__unit",
        "enrolment__sending_unit",
        "enrolment__course__programme",
        "replaces",
        "issued_by",
    ).annotate(has_replacement=Exists(Certificate.objects.filter(replaces=OuterRef("pk"))))


def course_roster(course: Course):
    """The course's approved enrolments in roster order (given name, then family name, Vietnamese order)."""
    return (
        Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED)
        .select_related("trainee__unit", "sending_unit")
        .order_by("trainee__sort_key", "trainee__pk")
    )


def course_sessions(course: Course):
    return Session.objects.filter(course=course).select_related("topic", "lecturer").order_by("date", "start_time")


def session_grid(session: Session) -> list[tuple[Enrolment, Attendance | None]]:
    """The roster of the session's course with each trainee's mark (None when not recorded yet)."""
    roster = list(course_roster(session.course))
    marks = {a.enrolment_id: a for a in Attendance.objects.filter(session=session, enrolment__in=roster)}
    return [(e, marks.get(e.pk)) for e in roster]


@dataclass
class TraineeResult:
    enrolment: Enrolment
    attended: int = 0
    late: int = 0
    excused: int = 0
    unexcused: int = 0
    sessions_taken: int = 0
    recorded: int = 0
    certificates: list = field(default_factory=list)

    @property
    def not_recorded(self) -> int:
        """Sessions taken for the course in which this trainee has no mark ("chưa ghi"), e.g. enrolled
        after the grid was saved. They count neither as present nor as absent."""
        return max(self.sessions_taken - self.recorded, 0)

    @property
    def share(self) -> Decimal | None:
        """Percent of the trainee's recorded sessions that they attended (late counts as attended).

        The rule (README, "Attendance, results and certificates"): a session counts once attendance has
        been taken for it (any mark exists); a trainee without a mark in a taken session is "not recorded"
        and left out of their own denominator. None when nothing is recorded for the trainee yet."""
        if not self.recorded:
            return None
        return (Decimal(self.attended) * 100 / self.recorded).quantize(Decimal("0.1"))

    @property
    def current_certificate(self):
        for cert in self.certificates:
            if cert.status != Certificate.Status.REPLACED:
                return cert
        return None


def course_results(course: Course) -> list[TraineeResult]:
    """Every approved trainee with attendance counts, score, grade, completion and certificates.
    Three queries whatever the size of the course."""
    roster = list(
        course_roster(course).annotate(
            n_present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
            n_late=Count("attendances", filter=Q(attendances__status=Attendance.Status.LATE)),
            n_excused=Count("attendances", filter=Q(attendances__status=Attendance.Status.EXCUSED)),
            n_unexcused=Count("attendances", filter=Q(attendances__status=Attendance.Status.UNEXCUSED)),
            n_recorded=Count("attendances"),
        )
    )
    taken = Session.objects.filter(course=course).filter(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
    sessions_taken = taken.count()
    certs: dict[int, list] = {}
    for cert in Certificate.objects.filter(enrolment__course=course).order_by("-created_at", "-pk"):
        certs.setdefault(cert.enrolment_id, []).append(cert)
    return [
        TraineeResult(
            enrolment=e,
            attended=e.n_present + e.n_late,
            late=e.n_late,
            excused=e.n_excused,
            unexcused=e.n_unexcused,
            sessions_taken=sessions_taken,
            recorded=e.n_recorded,
            certificates=certs.get(e.pk, []),
        )
        for e in roster
    ]


def register_for_year(year: int):
    """The register book (sổ cấp giấy chứng nhận) of one calendar year, in number order."""
    return (
        Certificate.objects.filter(year=year)
        .select_related("enrolment__trainee", "enrolment__course__programme", "replaces")
        .order_by("number")
    )


def register_years() -> list[int]:
    return list(Certificate.objects.order_by("-year").values_list("year", flat=True).distinct())
