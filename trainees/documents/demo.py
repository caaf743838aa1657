"""Demo numbered documents (runs after trainees.learning.demo, which issues the completion decisions): the
center's register is kept from the autumn on, as a center that began numbering in the portal mid-year would.
Each course that starts after the last decision already in the register gets its opening decision and a
summons to each sending unit a week before its first day, in date order, so that numbers follow dates as in
a real book; the last finished course with certificates gets a results notice for each sending unit. Every class
that has begun gets its officers (a monitor and a deputy) and the decision naming them on its first day.

That last finished course is the demo's whole class file: trainees.learning.demo opens it with ``open_class`` (its
opening decision, summons and officers, in date order before its completion decision), and this seeder seals its
file after the results notices."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Course, IssuedDocument
from courses.register import current_document
from trainees.documents import classfile, issuing
from trainees.enrolment import officers
from trainees.models import Certificate, Enrolment

KIND = IssuedDocument.Kind


def _name_officers(course: Course, director) -> bool:
    """A monitor and a deputy for ``course`` (the first two of its roster by sending unit), and its administrator
    the homeroom teacher's colleague; False when the class has fewer than two trainees."""
    roster = list(Enrolment.objects.roster(course).order_by("sending_unit__name", "trainee__sort_key")[:2])
    if len(roster) < 2:
        return False
    officers.class_officers_set(course=course, administrator=None, monitor=roster[0], deputies=[roster[1]], by=director)
    return True


def open_class(course: Course, *, director) -> int:
    """The documents of a class's first days, in date order: the opening decision and the summons a week before,
    the officers and the decision naming them on the first day. Returns how many documents were issued."""
    issued = 0
    opening_on = course.start_date - datetime.timedelta(days=7)
    for kind, unit in [(KIND.OPENING_DECISION, None)] + [(KIND.SUMMONS, u) for u in issuing.course_units(course)]:
        issuing.issue_course_document(course=course, kind=kind, unit=unit, by=director, issued_on=opening_on)
        issued += 1
    if _name_officers(course, director):
        issuing.issue_course_document(
            course=course, kind=KIND.OFFICERS_DECISION, by=director, issued_on=course.start_date
        )
        issued += 1
    return issued


def seed(*, stdout=None) -> dict:
    today = timezone.localdate()
    director = get_user_model().objects.filter(username="giamdoc").first()
    counts = {"documents": 0}
    last = IssuedDocument.objects.order_by("-issued_on").values_list("issued_on", flat=True).first()
    certified = (
        Course.objects.filter(
            status=Course.Status.FINISHED,
            enrolments__certificates__status=Certificate.Status.VALID,
        )
        .distinct()
        .order_by("-end_date")
        .first()
    )
    events = []
    if certified is not None:
        notice_on = min(certified.end_date + datetime.timedelta(days=10), today)
        events += [(notice_on, certified, KIND.RESULTS_NOTICE, unit) for unit in issuing.course_units(certified)]
    for course in Course.objects.exclude(status=Course.Status.CANCELLED).order_by("start_date", "code"):
        issued_on = course.start_date - datetime.timedelta(days=7)
        if issued_on > today or (last is not None and issued_on <= last):
            continue
        events.append((issued_on, course, KIND.OPENING_DECISION, None))
        events += [(issued_on, course, KIND.SUMMONS, unit) for unit in issuing.course_units(course)]
        if course.start_date <= today:
            events.append((course.start_date, course, KIND.OFFICERS_DECISION, None))
    for issued_on, course, kind, unit in sorted(
        events, key=lambda e: (e[0], e[1].start_date, e[2] != KIND.OPENING_DECISION)
    ):
        if kind == KIND.OFFICERS_DECISION and not _name_officers(course, director):
            continue
        try:
            issuing.issue_course_document(course=course, kind=kind, unit=unit, by=director, issued_on=issued_on)
        except issuing.CourseDocumentError:
            continue
        counts["documents"] += 1
    if certified is not None and current_document(course=certified, kind=KIND.OPENING_DECISION) is not None:
        classfile.class_file_seal(course=certified, by=director)
        counts["class files"] = 1
    return counts
