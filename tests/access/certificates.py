"""Attendance, results, completion, certificates, and the public verification pages."""

import datetime

from django.utils import timezone

from courses.models import Course
from staff.models import StaffMember
from tests.access.base import ALL_STAFF, DIRECTOR_ONLY, MANAGERS_ONLY, PUBLIC, rule
from tests.builders import enrol, make_course, make_generated_file, make_trainee
from trainees.certificates.services import certificate_issue
from trainees.models import Enrolment

ORDER = 40


def build_world(w):
    """A finished course whose first session the lecturer persona teaches; another course taught by the
    other lecturer; the trainee persona completed the first course and holds a certificate."""
    lecturer = StaffMember.objects.get(user=w.users["lecturer"])
    other = StaffMember.objects.get(user=w.users["other_lecturer"])
    w.cert_course = make_course(status=Course.Status.FINISHED, sessions=2, lecturer=lecturer, code="ACC-CERT-1")
    w.cert_session = w.cert_course.sessions.order_by("date", "start_time").first()
    w.cert_other_course = make_course(status=Course.Status.FINISHED, sessions=1, lecturer=other, code="ACC-CERT-2")
    w.cert_enrolment = enrol(
        w.trainee,
        w.cert_course,
        score=8,
        grade=Enrolment.Grade.GOOD,
        completion=Enrolment.Completion.COMPLETED,
        completion_confirmed_by=w.users["director"],
        completion_confirmed_at=timezone.now(),
    )
    w.cert_waiting = enrol(
        make_trainee(),
        w.cert_course,
        completion=Enrolment.Completion.COMPLETED,
        completion_confirmed_at=timezone.now(),
    )
    w.certificate = certificate_issue(
        enrolment=w.cert_enrolment, by=w.users["director"], issued_on=datetime.date(2026, 12, 17)
    )
    w.generated_file = make_generated_file(owner=w.users["clerk"])


def _course(w):
    return {"pk": w.cert_course.pk}


def _cert(w):
    return {"pk": w.certificate.pk}


REDIRECT = 302

RULES = [
    # A lecturer fills the grid of their own session only; managers fill any.
    rule("attendance_session", ALL_STAFF, kwargs=lambda w: {"pk": w.cert_session.pk}, other_lecturer=404),
    rule("attendance_course", MANAGERS_ONLY, kwargs=_course),
    # Lecturers who teach in the course see its results and enter scores; others get 404.
    rule("results_course", ALL_STAFF, kwargs=_course, other_lecturer=404),
    rule("results_scores", ALL_STAFF, kwargs=_course, other_lecturer=404),
    rule("results_completion", MANAGERS_ONLY, kwargs=_course),
    rule("results_completion_confirm", DIRECTOR_ONLY, kwargs=_course, method="post", director=REDIRECT),
    rule("results_reopen", DIRECTOR_ONLY, kwargs=_course, method="post", director=REDIRECT),
    rule("results_completion_decision", MANAGERS_ONLY, kwargs=_course),
    rule("results_completion_decision_pdf", MANAGERS_ONLY, kwargs=_course),
    rule("certificates_issue", DIRECTOR_ONLY, kwargs=_course, method="post", director=REDIRECT),
    # A course's certificates are made in the background: the request leads to the file's page.
    rule("certificates_course_pdf", MANAGERS_ONLY, kwargs=_course, director=302, deputy=302, clerk=302),
    rule("certificates_course_zip", MANAGERS_ONLY, kwargs=_course, director=302, deputy=302, clerk=302),
    # A file made in the background (asked for by the clerk): its owner and the other managers; nobody else.
    rule(
        "generated_file", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.generated_file.pk}, lecturer=404, other_lecturer=404
    ),
    rule(
        "generated_file_download",
        MANAGERS_ONLY,
        kwargs=lambda w: {"pk": w.generated_file.pk},
        lecturer=404,
        other_lecturer=404,
    ),
    rule("certificate_register", MANAGERS_ONLY, query="?year=2026"),
    rule("certificate_register_pdf", MANAGERS_ONLY, query="?year=2026"),
    rule("certificate_register_xlsx", MANAGERS_ONLY, query="?year=2026"),
    rule(
        "certificate_register_close",
        DIRECTOR_ONLY,
        method="post",
        data=lambda w: {"year": 2025, "programme": w.programme.pk},
        director=REDIRECT,
    ),
    rule("certificate_detail", MANAGERS_ONLY, kwargs=_cert),
    rule("certificate_pdf", MANAGERS_ONLY, kwargs=_cert),
    rule(
        "certificate_revoke",
        DIRECTOR_ONLY,
        kwargs=_cert,
        method="post",
        data=lambda w: {"revoke-reason": "Cấp nhầm"},
        director=REDIRECT,
    ),
    rule(
        "certificate_reissue",
        DIRECTOR_ONLY,
        kwargs=_cert,
        method="post",
        data=lambda w: {"reissue-reason": "Mất bản chính", "reissue-cause": "holder_request"},
        director=REDIRECT,
    ),
    # Public: printed on paper.
    rule("verify_form", PUBLIC),
    rule("verify_certificate", PUBLIC, kwargs=lambda w: {"code": w.certificate.verification_code}),
]
