"""Demo lecturer hours (runs after trainees.learning.demo, which takes the attendance): the past sessions of
the demo's courses that have no attendance are ticked as taught by the clerk; each finished course's papers
are marked by the two lecturers who taught most of it and its exam set by the first; the chief accountant is
named; and one statement of hours is issued for the guest lecturer (thinhgiang), for the last month in which
he taught, so the statements page has something to show and to print."""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Course, Session
from staff.models import StaffMember
from trainees.hours import services
from trainees.hours.selectors import held_sessions
from trainees.models import Enrolment, HoursRules, MarkingWork

CHIEF_ACCOUNTANT = "Phạm Thị Lan"


def seed(*, stdout=None) -> dict:
    today = timezone.localdate()
    User = get_user_model()
    clerk = User.objects.filter(username="canbo").first()
    rules = HoursRules.load()
    rules.chief_accountant_name = CHIEF_ACCOUNTANT
    services.hours_rules_update(rules=rules, by=User.objects.filter(username="giamdoc").first())
    counts = {"ticked": 0, "marking": 0, "statements": 0}
    held = set(held_sessions().values_list("pk", flat=True))
    for session in Session.objects.filter(date__lte=today, lecturer__isnull=False).exclude(
        course__status=Course.Status.CANCELLED
    ):
        if session.pk not in held:
            services.session_confirm_taught(session=session, by=clerk)
            counts["ticked"] += 1
    for course in Course.objects.filter(status=Course.Status.FINISHED).order_by("end_date"):
        papers = Enrolment.objects.filter(course=course, paper_score__isnull=False).count()
        papers += Enrolment.objects.filter(course=course, retake_score__isnull=False).count()
        periods = Counter()
        for lecturer_id, value in course.sessions.filter(lecturer__isnull=False).values_list("lecturer", "periods"):
            periods[lecturer_id] += value
        markers = [StaffMember.objects.get(pk=pk) for pk, _n in periods.most_common(2)]
        if not papers or not markers:
            continue
        share, rest = divmod(papers, len(markers))
        for index, marker in enumerate(markers):
            services.marking_record(
                course=course,
                lecturer=marker,
                kind=MarkingWork.Kind.PAPERS,
                quantity=share + (1 if index < rest else 0),
                by=clerk,
            )
            counts["marking"] += 1
        services.marking_record(course=course, lecturer=markers[0], kind=MarkingWork.Kind.EXAM, quantity=1, by=clerk)
        counts["marking"] += 1
    guest = StaffMember.objects.filter(user__username="thinhgiang").first()
    last = (
        held_sessions().filter(lecturer=guest, date__lt=today.replace(day=1)).order_by("-date").first()
        if guest is not None
        else None
    )
    if last is not None:
        services.statement_issue(
            year=last.date.year,
            month=last.date.month,
            lecturer=guest,
            # Early in the next month, once the month is over.
            issued_on=min(today, (last.date.replace(day=28) + datetime.timedelta(days=4)).replace(day=3)),
            by=clerk,
        )
        counts["statements"] = 1
    return counts
