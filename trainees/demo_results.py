"""Demo attendance, results, completion and certificates for the demo's finished courses (runs after
trainees.demo). Everything goes through the services, so numbering and history are real: most trainees
present, a few late or absent, scores on the 10-point scale, the portal's proposal reviewed by the clerk
and confirmed by the director, certificates issued a week after the course; one certificate revoked for
an error and reissued. The course in progress gets attendance so far, with an early-warning case."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Course
from trainees.models import Attendance
from trainees.selectors_results import course_results, course_roster, course_sessions
from trainees.services import attendance as attendance_svc
from trainees.services import certificates as certificate_svc
from trainees.services import results as results_svc


def _marks(rng, sessions, roster, *, poor: set[int]):
    marks = []
    for session in sessions:
        for enrolment in roster:
            roll = rng.random()
            if enrolment.pk in poor and roll < 0.45:
                status = Attendance.Status.UNEXCUSED
            elif roll < 0.04:
                status = Attendance.Status.EXCUSED
            elif roll < 0.08:
                status = Attendance.Status.LATE
            else:
                status = Attendance.Status.PRESENT
            note = "Ốm, có giấy xin phép" if status == Attendance.Status.EXCUSED else ""
            marks.append(attendance_svc.Mark(enrolment.pk, session.pk, status, note))
    return marks


def seed(*, stdout=None) -> dict:
    rng = random.Random(606)
    today = timezone.localdate()
    User = get_user_model()
    director = User.objects.filter(username="giamdoc").first()
    clerk = User.objects.filter(username="canbo").first() or director
    counts = {"attendance": 0, "results": 0, "completed": 0, "certificates": 0}
    courses = Course.objects.select_related("programme").order_by("end_date", "code")
    first_certificate = None
    for course in courses:
        if course.status not in (Course.Status.FINISHED, Course.Status.IN_PROGRESS):
            continue
        roster = list(course_roster(course))
        sessions = [s for s in course_sessions(course) if s.date <= today]
        if not roster or not sessions:
            continue
        poor = {e.pk for e in rng.sample(roster, k=min(2, len(roster)))}
        marks = _marks(rng, sessions, roster, poor=poor)
        attendance_svc.attendance_save_course(course=course, sessions=sessions, marks=marks, roster=roster, by=clerk)
        counts["attendance"] += len(marks)
        if course.status != Course.Status.FINISHED:
            continue
        scores = {e.pk: Decimal(rng.choice(range(45, 100))) / 10 for e in roster}
        counts["results"] += results_svc.results_record(course=course, scores=scores, by=clerk)
        proposals = {
            row.enrolment.pk: "completed"
            if results_svc.completion_proposal(
                programme=course.programme, share=row.share, score=row.enrolment.score
            ).completed
            else "not_completed"
            for row in course_results(course)
        }
        results_svc.completion_review(course=course, decisions=proposals, by=clerk)
        results_svc.completion_confirm(course=course, by=director)
        counts["completed"] += sum(1 for value in proposals.values() if value == "completed")
        if course.programme.gives_certificate and director is not None:
            issued_on = min(course.end_date + datetime.timedelta(days=7), today)
            try:
                issued = certificate_svc.certificates_issue_for_course(course=course, by=director, issued_on=issued_on)
            except certificate_svc.CertificateError:
                issued = []
            counts["certificates"] += len(issued)
            first_certificate = first_certificate or (issued[0] if issued else None)
    if first_certificate is not None:
        certificate_svc.certificate_revoke(
            certificate=first_certificate, by=director, reason="Ghi sai ngày sinh của học viên"
        )
        certificate_svc.certificate_reissue(
            certificate=first_certificate, by=director, reason="Cấp lại sau khi sửa ngày sinh", issued_on=today
        )
        counts["certificates"] += 1
    return counts
