"""Reads for attendance, results and completion: a course's roster, sessions, grids and results."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from center.models import Center
from courses.models import Course, Session
from trainees.models import Attendance, Certificate, Enrolment


def course_sessions(course: Course):
    return Session.objects.filter(course=course).select_related("topic", "lecturer").order_by("date", "start_time")


def session_grid(session: Session) -> list[tuple[Enrolment, Attendance | None]]:
    """The roster of the session's course with each trainee's mark (None when not recorded yet)."""
    roster = list(Enrolment.objects.roster(session.course))
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
    attended_periods: int = 0
    recorded_periods: int = 0
    certificates: list = field(default_factory=list)

    @property
    def not_recorded(self) -> int:
        """Sessions taken for the course in which this trainee has no mark ("chưa ghi"), e.g. enrolled
        after the grid was saved. They count neither as present nor as absent."""
        return max(self.sessions_taken - self.recorded, 0)

    @property
    def share(self) -> Decimal | None:
        """Percent of the periods (tiết) of the trainee's recorded sessions that they attended (late counts
        as attended): QĐ 1147 counts attendance in periods, so a missed 5-period morning weighs more than a
        missed 2-period evening.

        The rule (README, "Attendance, results and certificates"): a session counts once attendance has
        been taken for it (any mark exists); a trainee without a mark in a taken session is "not recorded"
        and left out of their own denominator. None when nothing is recorded for the trainee yet."""
        return _share(self.attended_periods, self.recorded_periods if self.recorded else 0)

    @property
    def current_certificate(self):
        for cert in self.certificates:
            if cert.status != Certificate.Status.REPLACED:
                return cert
        return None


def _share(attended: int, recorded: int) -> Decimal | None:
    if not recorded:
        return None
    return (Decimal(attended) * 100 / recorded).quantize(Decimal("0.1"))


def below_minimum(share: Decimal | None, programme) -> bool:
    """Attended less than the programme's share of the periods recorded (80 %): may not sit the paper."""
    return share is not None and share < programme.min_attendance_percent


def periods_below_minimum(*, attended: int, recorded: int, programme) -> bool:
    return below_minimum(_share(attended, recorded), programme)


_ATTENDED = Q(attendances__status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE])


def _period_sums(course: Course):
    return (
        Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED)
        .annotate(p_attended=Sum("attendances__session__periods", filter=_ATTENDED))
        .annotate(p_recorded=Sum("attendances__session__periods"))
        .values_list("pk", "p_attended", "p_recorded")
    )


def period_shares(course: Course) -> dict[int, Decimal | None]:
    """Approved enrolment pk → share of the periods attended (``TraineeResult.share``), one query."""
    return {pk: _share(attended or 0, recorded or 0) for pk, attended, recorded in _period_sums(course)}


def course_results(course: Course) -> list[TraineeResult]:
    """Every approved trainee with attendance counts, score, grade, completion and certificates.
    Four queries whatever the size of the course."""
    roster = list(
        Enrolment.objects.roster(course).annotate(
            n_present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
            n_late=Count("attendances", filter=Q(attendances__status=Attendance.Status.LATE)),
            n_excused=Count("attendances", filter=Q(attendances__status=Attendance.Status.EXCUSED)),
            n_unexcused=Count("attendances", filter=Q(attendances__status=Attendance.Status.UNEXCUSED)),
            n_recorded=Count("attendances"),
        )
    )
    periods = {pk: (attended or 0, recorded or 0) for pk, attended, recorded in _period_sums(course)}
    taken = Session.objects.filter(course=course).filter(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
    sessions_taken = taken.count()
    by_pk = {e.pk: e for e in roster}
    certs: dict[int, list] = {}
    for cert in Certificate.objects.filter(enrolment__course=course).order_by("-created_at", "-pk"):
        if cert.enrolment_id in by_pk:
            cert.enrolment = by_pk[cert.enrolment_id]  # for Certificate.needs_review, without a query
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
            attended_periods=periods.get(e.pk, (0, 0))[0],
            recorded_periods=periods.get(e.pk, (0, 0))[1],
            certificates=certs.get(e.pk, []),
        )
        for e in roster
    ]


def completion_decision_context(course: Course) -> dict:
    """What the completion decision of ``course`` says: the trainees the director confirmed as having
    completed, dated the day of the confirmation. Its number and signer come from the register
    (courses.register) when the decision is issued."""
    rows = course_results(course)
    completed = [
        r
        for r in rows
        if r.enrolment.completion == Enrolment.Completion.COMPLETED and r.enrolment.completion_confirmed_at
    ]
    confirmed_at = max((r.enrolment.completion_confirmed_at for r in completed), default=None)
    center = Center.load()
    signature = center.signature()
    return {
        "course": course,
        "rows": completed,
        "confirmed": bool(rows) and all(r.enrolment.completion_confirmed_at for r in rows),
        "center": center,
        "doc_code": "QĐ",
        "doc_date": timezone.localdate(confirmed_at) if confirmed_at else None,
        "title": "QUYẾT ĐỊNH",
        # HD 36: the subject line of a decision reads “về việc …”, in lower case.
        "subtitle": f"về việc công nhận hoàn thành chương trình {course.programme.name}",
        "signer_prefix": signature["prefix"],
        "signer_position": signature["position"],
        "signer_name": signature["name"],
        "recipients": ["Như Điều 3,", "Lưu văn phòng."],
    }


def plan_actuals(course_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For the year's plan (courses.plans): each course's learners enrolled (approved) and completed (the
    director confirmed it). One query."""
    rows = (
        Enrolment.objects.filter(course_id__in=course_ids, status=Enrolment.Status.APPROVED)
        .values("course_id")
        .annotate(
            enrolled=Count("pk"),
            completed=Count(
                "pk",
                filter=Q(completion=Enrolment.Completion.COMPLETED, completion_confirmed_at__isnull=False),
            ),
        )
    )
    return {row["course_id"]: (row["enrolled"], row["completed"]) for row in rows}
