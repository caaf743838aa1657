"""Demo attendance, results, completion and certificates (runs after trainees.enrolment.demo, before
trainees.accounts.demo). Everything goes through the services, so numbering and history are real: most
trainees present, a few late or absent, scores on the 10-point scale, the portal's proposal reviewed by the
clerk and confirmed by the director, certificates issued a week after the course; one certificate revoked
for an error and reissued. Courses in progress get attendance for every session up to today (every approved
trainee has a mark), with an early-warning case.

Two things are left for trying the portal:
- the last finished certificate course has its scores recorded but completion neither reviewed nor
  confirmed and no certificates, so a director can try "Xét hoàn thành → Xác nhận → Cấp giấy chứng nhận";
- the first trainees (roster order) of the course in progress that trainees.accounts.demo gives the demo
  logins to (hocvien1…) also finished an earlier course and hold a valid certificate, so the trainee
  portal shows a finished course with its certificate next to the course in progress.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Course
from trainees.certificates import services as certificate_svc
from trainees.documents import demo as documents_demo
from trainees.learning import services as attendance_svc
from trainees.learning import services as results_svc
from trainees.learning.selectors import course_results, course_sessions, period_shares
from trainees.models import Attendance, Enrolment


def _marks(rng, sessions, roster, *, poor: set[int], steady: frozenset[int] | set[int] = frozenset()):
    marks = []
    for session in sessions:
        for enrolment in roster:
            roll = rng.random()
            if enrolment.pk in steady:
                status = Attendance.Status.PRESENT
            elif enrolment.pk in poor and roll < 0.45:
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


# How many trainees of the course in progress also get an earlier finished course (the portal's demo logins).
PORTAL_ALUMNI = 2


def _portal_course() -> Course | None:
    """The course whose trainees get the demo logins (the same pick as trainees.accounts.demo)."""
    return Course.objects.filter(status=Course.Status.IN_PROGRESS).order_by("start_date").first()


def _enrol_portal_trainees_in_a_finished_course(courses: list[Course]) -> set[int]:
    """Give the first trainees of the course in progress an approved enrolment in a finished
    certificate course (the second-to-last one; the last one is left unconfirmed), so they get a
    certificate below (good attendance and score). Returns the pks of those enrolments."""
    current = _portal_course()
    finished = [c for c in courses if c.status == Course.Status.FINISHED and c.programme.gives_certificate]
    if current is None or len(finished) < 2:
        return set()
    earlier = finished[-2]
    alumni = set()
    for enrolment in list(Enrolment.objects.roster(current)[:PORTAL_ALUMNI]):
        alumnus, _created = Enrolment.objects.get_or_create(
            trainee=enrolment.trainee,
            course=earlier,
            defaults={
                "sending_unit": enrolment.sending_unit,
                "status": Enrolment.Status.APPROVED,
                "decided_at": timezone.now(),
            },
        )
        alumni.add(alumnus.pk)
    return alumni


def seed(*, stdout=None) -> dict:
    rng = random.Random(606)
    today = timezone.localdate()
    User = get_user_model()
    director = User.objects.filter(username="giamdoc").first()
    clerk = User.objects.filter(username="canbo").first() or director
    counts = {"attendance": 0, "results": 0, "completed": 0, "certificates": 0}
    courses = list(Course.objects.select_related("programme").order_by("end_date", "code"))
    alumni = _enrol_portal_trainees_in_a_finished_course(courses)
    finished_with_certificate = [
        c for c in courses if c.status == Course.Status.FINISHED and c.programme.gives_certificate
    ]
    left_for_the_director = finished_with_certificate[-1] if finished_with_certificate else None
    # The class before it is the demo's whole class file (trainees.documents.demo): its first documents are
    # issued here, before its completion decision, so the register's numbers follow its dates.
    whole_file = finished_with_certificate[-2] if len(finished_with_certificate) > 1 else None
    first_certificate = None
    for course in courses:
        if course.status not in (Course.Status.FINISHED, Course.Status.IN_PROGRESS):
            continue
        roster = list(Enrolment.objects.roster(course))
        sessions = [s for s in course_sessions(course) if s.date <= today]
        if not roster or not sessions:
            continue
        if course == whole_file and director is not None:
            documents_demo.open_class(course, director=director)
        poor = {e.pk for e in rng.sample(roster, k=min(2, len(roster)))} - alumni
        marks = _marks(rng, sessions, roster, poor=poor, steady=alumni)
        attendance_svc.attendance_save_course(course=course, sessions=sessions, marks=marks, roster=roster, by=clerk)
        counts["attendance"] += len(marks)
        if course.status != Course.Status.FINISHED:
            continue
        # Only those who attended enough of the periods sit the paper (QĐ 1147); one below the pass mark
        # retakes it once.
        shares = period_shares(course)
        minimum = course.programme.min_attendance_percent
        sitting = [e for e in roster if shares.get(e.pk) is not None and shares[e.pk] >= minimum]
        scores = {e.pk: Decimal(rng.choice(range(45, 100))) / 10 for e in sitting}
        scores.update({pk: Decimal("8.5") for pk in alumni if pk in scores})
        counts["results"] += results_svc.results_record(course=course, scores=scores, by=clerk)
        retakes = {pk: Decimal("6.5") for pk, score in scores.items() if score < course.programme.min_score}
        if retakes:
            results_svc.results_record(course=course, scores={}, retakes=retakes, by=clerk)
        if course == left_for_the_director:
            continue  # completion to be reviewed, confirmed and certified in the demo
        proposals = {
            row.enrolment.pk: "completed"
            if results_svc.completion_proposal(
                programme=course.programme, share=row.share, score=row.enrolment.score
            ).completed
            else "not_completed"
            for row in course_results(course)
        }
        results_svc.completion_review(course=course, decisions=proposals, by=clerk)
        # The completion decision a few days after the last session, before the certificates that cite it.
        decided_on = min(course.end_date + datetime.timedelta(days=3), today)
        results_svc.completion_confirm(course=course, by=director, decided_on=decided_on)
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
            certificate=first_certificate,
            by=director,
            reason="Cấp lại sau khi sửa ngày sinh",
            cause="center_error",
            issued_on=today,
        )
        counts["certificates"] += 1
    return counts
