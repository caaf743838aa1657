"""Demo numbered documents (runs after trainees.learning.demo, which issues the completion decisions): the
center's register is kept from the autumn on, as a center that began numbering in the portal mid-year would.
Each course that starts after the last decision already in the register gets its opening decision and a
summons to each sending unit a week before its first day, in date order, so that numbers follow dates as in
a real book; the last finished course with certificates gets a results notice for each sending unit."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Course, IssuedDocument
from trainees.documents import issuing
from trainees.models import Certificate

KIND = IssuedDocument.Kind


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
    for issued_on, course, kind, unit in sorted(
        events, key=lambda e: (e[0], e[1].start_date, e[2] != KIND.OPENING_DECISION)
    ):
        try:
            issuing.issue_course_document(course=course, kind=kind, unit=unit, by=director, issued_on=issued_on)
        except issuing.CourseDocumentError:
            continue
        counts["documents"] += 1
    return counts
