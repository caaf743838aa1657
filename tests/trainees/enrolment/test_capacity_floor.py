"""A course's capacity cannot go below the trainees already approved, on the course page and in the admin."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import Course
from tests.builders import enrol, make_course, make_trainee
from tests.factories import UserFactory
from trainees.models import Enrolment

MESSAGE = "Sĩ số không được nhỏ hơn 3 học viên đã được duyệt; hãy rút bớt ghi danh trước."


@pytest.fixture
def course(db):
    course = make_course(status=Course.Status.OPEN, capacity=30)
    for _ in range(3):
        enrol(make_trainee(), course, status=Enrolment.Status.APPROVED)
    enrol(make_trainee(), course, status=Enrolment.Status.PENDING)
    return course


def _form(course, capacity):
    return {
        "code": course.code,
        "title": course.title,
        "programme": course.programme_id,
        "start_date": course.start_date.strftime("%d/%m/%Y"),
        "end_date": course.end_date.strftime("%d/%m/%Y"),
        "capacity": capacity,
    }


def test_the_capacity_cannot_go_below_the_approved_trainees(client, clerk, course):
    client.force_login(clerk)
    response = client.post(reverse("course_edit", args=[course.pk]), _form(course, 2))
    assert response.status_code == 200
    assert MESSAGE in response.context["form"].non_field_errors()
    assert Course.objects.get(pk=course.pk).capacity == 30


def test_the_capacity_may_equal_the_approved_trainees(client, clerk, course):
    client.force_login(clerk)
    assert client.post(reverse("course_edit", args=[course.pk]), _form(course, 3)).status_code == 302
    assert Course.objects.get(pk=course.pk).capacity == 3


def test_the_service_refuses_it_too(clerk, course):
    course.capacity = 1
    with pytest.raises(services.CourseError) as exc:
        services.course_save(course=course, by=clerk)
    assert exc.value.messages == [MESSAGE]


def test_the_admin_refuses_it(client, course):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    data = {**_form(course, 2), "units": [], "sessions-TOTAL_FORMS": 0, "sessions-INITIAL_FORMS": 0}
    response = client.post(reverse("admin:courses_course_change", args=[course.pk]), data)
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert Course.objects.get(pk=course.pk).capacity == 30
