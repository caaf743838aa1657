"""Printed documents of a course (roster, sign-in sheet, list for approval) and the register of numbered
documents: managers only."""

import datetime

from center.models import Center
from courses.models import IssuedDocument
from courses.register import issue_document
from tests.access.base import ALL_STAFF, DIRECTOR_ONLY, MANAGERS_ONLY, rule
from tests.builders import course_with_trainees
from trainees.models import ClassFile, TrainingReport

ORDER = 35


def build_world(w):
    """w.documents_course: 3 approved and 2 pending trainees, 2 sessions."""
    w.documents_course = course_with_trainees(approved=3, pending=2, sessions=2, code="DOC-ACCESS")
    w.report = TrainingReport.objects.create(year=2026, span=TrainingReport.Span.FIRST_HALF)
    w.issued_document = issue_document(
        kind=IssuedDocument.Kind.OPENING_DECISION,
        issued_on=datetime.date(2026, 3, 2),
        subject="về việc mở lớp",
        template="print/_header.html",
        context={"center": Center.load()},
        course=w.documents_course,
    )
    w.class_file = ClassFile.objects.create(course=w.documents_course, version=1)


def _course(w):
    return {"pk": w.documents_course.pk}


RULES = (
    [
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
    + [
        rule(name, MANAGERS_ONLY)
        for name in (
            "document_register",
            "document_register_print",
            "document_register_pdf",
            "document_register_xlsx",
            "statistics",
            "statistics_xlsx",
            "report_list",
        )
    ]
    + [
        rule("report_detail", MANAGERS_ONLY, kwargs=lambda w: {"year": 2026, "span": "h1"}),
        rule(
            "report_issue",
            {**DIRECTOR_ONLY, "director": 302},
            kwargs=lambda w: {"year": 2026, "span": "h1"},
            method="post",
        ),
    ]
    + [
        rule(name, MANAGERS_ONLY, kwargs=lambda w: {"pk": w.issued_document.pk})
        for name in ("issued_document_detail", "issued_document_print", "issued_document_pdf")
    ]
    + [
        # Issuing is the director's (or the signing deputy's, named on the profile; here nobody is).
        rule(
            "course_document_issue",
            {**DIRECTOR_ONLY, "director": 302},
            kwargs=_course,
            method="post",
            data=lambda w: {"kind": "opening_decision"},
        )
    ]
)

# The class file (sealed by managers; its PDF and ZIP are made in the background: the file's page) and the class
# officers (named by managers).
MANAGERS_REDIRECTED = {**MANAGERS_ONLY, "director": 302, "deputy": 302, "clerk": 302}
# The class file holds the trainees' religion: the director's and the clerks', not the deputy's.
CLASS_FILE = {**MANAGERS_REDIRECTED, "deputy": 403}
RULES += [
    rule(name, CLASS_FILE, kwargs=lambda w: {"pk": w.class_file.pk}) for name in ("class_file_pdf", "class_file_zip")
]
RULES += [rule("class_file_seal", CLASS_FILE, kwargs=_course, method="post", data=lambda w: {})]
RULES += [rule("class_officers_edit", MANAGERS_REDIRECTED, kwargs=_course, method="post", data=lambda w: {})]

# The course timetable as PDF (a courses URL; the print page's rule is in tests/access/courses.py).
RULES.append(rule("course_timetable_pdf", ALL_STAFF, kwargs=lambda w: {"pk": w.course.pk}))
