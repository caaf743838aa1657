"""Values a course refuses: dates far outside the plan year (the window is ten years back to the end of
next year) and a course longer than a year; the admin's course form refuses the same."""

import datetime

import pytest
from django.urls import reverse

from courses import services
from courses.models import Course
from tests.builders import new_member_programme
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def _data(**changes):
    data = {
        "code": "DVM.2026.09",
        "title": "Lớp bồi dưỡng đảng viên mới khóa 9",
        "programme": new_member_programme().pk,
        "start_date": "02/12/2026",
        "end_date": "06/12/2026",
        "capacity": 50,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("31/12/9999", "31/12/9999"),
        ("01/01/0001", "05/01/0001"),
        ("02/01/2040", "06/01/2040"),
        ("02/01/1990", "06/01/1990"),
    ],
)
def test_course_dates_far_outside_the_plan_year_are_refused(client, clerk, start, end):
    client.force_login(clerk)
    response = client.post(reverse("course_create"), _data(start_date=start, end_date=end))
    assert response.status_code == 200
    first, last = services.course_date_window()
    assert "Lớp học phải khai giảng trong khoảng từ %s đến %s" % (
        first.strftime("%d/%m/%Y"),
        last.strftime("%d/%m/%Y"),
    ) in " ".join(response.context["form"].non_field_errors())
    assert not Course.objects.filter(code="DVM.2026.09").exists()


def test_the_window_runs_from_ten_years_back_to_the_end_of_next_year():
    assert services.course_date_window(datetime.date(2026, 11, 29)) == (
        datetime.date(2016, 1, 1),
        datetime.date(2027, 12, 31),
    )


def test_a_course_longer_than_a_year_is_refused(client, clerk):
    client.force_login(clerk)
    response = client.post(reverse("course_create"), _data(start_date="02/12/2026", end_date="31/12/2027"))
    assert "Một lớp học kéo dài tối đa 366 ngày." in response.context["form"].non_field_errors()


def test_an_old_course_can_still_be_edited_when_its_dates_do_not_change(clerk):
    old = CourseFactory(start_date=datetime.date(2012, 3, 5), end_date=datetime.date(2012, 3, 9), status="finished")
    old.note = "Hồ sơ lưu trữ"
    services.course_save(course=old, by=clerk)
    assert Course.objects.get(pk=old.pk).note == "Hồ sơ lưu trữ"


def test_the_admin_refuses_the_same_dates(client, center):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    response = client.post(
        reverse("admin:courses_course_add"), _data(start_date="31/12/9999", end_date="31/12/9999", units=[])
    )
    assert response.status_code == 200
    assert not Course.objects.filter(code="DVM.2026.09").exists()
    assert "Lớp học phải khai giảng trong khoảng" in response.content.decode()
