"""The demo data: attendance, a certificate for hocvien1, and one finished course left to confirm."""

import io

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from courses.models import Course
from trainees.models import Enrolment, Trainee

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- 3. the demo ------------------------------------------------------------------------------------------


def test_the_demo_gives_hocvien1_a_certificate_and_everyone_marks_and_leaves_a_course_to_confirm():
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    hocvien1 = Trainee.objects.get(user__username="hocvien1")
    enrolments = list(hocvien1.enrolments.select_related("course"))
    assert any(e.course.status == Course.Status.IN_PROGRESS and e.attendances.exists() for e in enrolments)
    assert any(c.status == "valid" for e in enrolments for c in e.certificates.all())
    today = timezone.localdate()
    for course in Course.objects.exclude(status=Course.Status.CANCELLED):
        taken = course.sessions.filter(date__lte=today, attendances__isnull=False).distinct().count()
        for enrolment in course.enrolments.filter(status=Enrolment.Status.APPROVED):
            assert enrolment.attendances.count() == taken, (course.code, enrolment.pk)
    waiting = [
        c
        for c in Course.objects.filter(status=Course.Status.FINISHED, programme__gives_certificate=True)
        if not c.enrolments.filter(certificates__isnull=False).exists()
        and not c.enrolments.exclude(completion="").exists()
        and c.enrolments.filter(score__isnull=False).exists()
    ]
    assert len(waiting) == 1
