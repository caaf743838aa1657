"""Printed documents of a course (roster, sign-in sheet, list for approval): managers only."""

from tests.access.base import ALL_STAFF, MANAGERS_ONLY, rule
from tests.builders import course_with_trainees

ORDER = 35


def build_world(w):
    """w.documents_course: 3 approved and 2 pending trainees, 2 sessions."""
    w.documents_course = course_with_trainees(approved=3, pending=2, sessions=2, code="DOC-ACCESS")


def _course(w):
    return {"pk": w.documents_course.pk}


RULES = [
    rule(name, MANAGERS_ONLY, kwargs=_course)
    for name in (
        "course_roster_print",
        "course_roster_pdf",
        "course_roster_xlsx",
        "course_signin_print",
        "course_signin_pdf",
        "course_signin_xlsx",
        "course_pending_print",
        "course_pending_pdf",
        "course_results_print",
        "course_results_pdf",
    )
]

# The course timetable as PDF (a courses URL; the print page's rule is in tests/access/courses.py).
RULES.append(rule("course_timetable_pdf", ALL_STAFF, kwargs=lambda w: {"pk": w.course.pk}))
