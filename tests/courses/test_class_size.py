"""The minimum class size (Programme.min_class_size, 25 by default): opening or starting a smaller course
warns the director or clerk and is not refused."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses.models import Course, Programme
from courses.services import class_size_warning
from tests.builders import enrol, make_course, make_programme, make_trainee

pytestmark = pytest.mark.django_db


def _post_status(client, course, status):
    # Starting before the first session needs the ticked confirmation (the course page asks for it).
    response = client.post(reverse("course_status", args=[course.pk]), {"status": status, "confirm_early": "1"})
    course.refresh_from_db()
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_opening_a_course_with_room_for_fewer_than_the_minimum_warns(client, director):
    course = make_course(status=Course.Status.PLANNED, capacity=20)
    client.force_login(director)
    messages = _post_status(client, course, "open")
    assert course.status == Course.Status.OPEN  # a warning, not a refusal
    assert any("20" in m and "25" in m for m in messages)


def test_starting_a_course_with_fewer_approved_trainees_warns(client, director):
    course = make_course(status=Course.Status.OPEN, sessions=2, capacity=40)
    for _ in range(3):
        enrol(make_trainee(), course)
    client.force_login(director)
    messages = _post_status(client, course, "in_progress")
    assert course.status == Course.Status.IN_PROGRESS
    assert any("3" in m and "25" in m for m in messages)


def test_a_large_enough_course_or_no_minimum_gives_no_warning():
    course = make_course(status=Course.Status.OPEN, capacity=30)
    assert class_size_warning(course) == ""
    small = make_course(status=Course.Status.OPEN, capacity=10, programme=make_programme(min_class_size=0))
    assert class_size_warning(small) == ""
    assert Programme(kind="other", name="x", code="X").min_class_size == 25
