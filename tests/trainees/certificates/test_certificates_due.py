"""The dashboard warns when certificates are due under a completion decision (the profile's number of days)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from center.models import Center
from courses.models import Course
from tests.builders import enrol, make_center, make_course, make_trainee
from trainees.certificates import selectors
from trainees.certificates import services as certificates
from trainees.learning import services as learning
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


def _decided(director, *, days_ago: int, trainees: int = 3, code: str = "DVM-2026-21") -> Course:
    make_center()
    course = make_course(status=Course.Status.FINISHED, sessions=2, code=code)
    for _ in range(trainees):
        enrol(make_trainee(), course, score=Decimal("8.0"), grade=Enrolment.Grade.GOOD, completion="completed")
    today = timezone.localdate()
    learning.completion_confirm(course=course, by=director, decided_on=today - datetime.timedelta(days=days_ago))
    return course


def _panel(client, director) -> str:
    client.force_login(director)
    page = client.get(reverse("home")).content.decode()
    start = page.find("Giấy chứng nhận cần cấp")
    return page[start : start + 2500] if start >= 0 else ""


def test_the_dashboard_counts_who_waits_and_warns_as_the_deadline_nears(client, director):
    course = _decided(director, days_ago=12)
    certificates.certificate_issue(enrolment=Enrolment.objects.filter(course=course).first(), by=director)

    panel = _panel(client, director)
    deadline = timezone.localdate() + datetime.timedelta(days=3)
    assert course.code in panel
    assert "2 học viên chờ cấp" in panel
    assert f"hạn {deadline:%d/%m/%Y}" in panel
    assert "còn 3 ngày" in panel


def test_a_late_course_says_how_late_and_the_profile_sets_the_days(client, director):
    _decided(director, days_ago=20)
    assert "quá hạn 5 ngày" in _panel(client, director)
    Center.objects.update(certificate_deadline_days=30)
    panel = _panel(client, director)
    assert "quá hạn" not in panel and "còn" not in panel and "1 học viên" not in panel
    assert "3 học viên chờ cấp" in panel


def test_nothing_shows_once_every_certificate_is_issued(client, director):
    course = _decided(director, days_ago=2, trainees=2)
    certificates.certificates_issue_for_course(course=course, by=director)
    assert _panel(client, director) == ""


def test_the_due_list_reads_in_two_queries_however_many_courses(director, django_assert_num_queries):
    for n in range(3):
        _decided(director, days_ago=n, code=f"DVM-2026-3{n}")
    with django_assert_num_queries(2):
        due = selectors.certificates_due(today=timezone.localdate(), deadline_days=15)
    assert [d.missing for d in due] == [3, 3, 3]
    assert [d.days_left for d in due] == [13, 14, 15]
