"""The course list a page at a time: the filters stay on every page link, the query count does not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import views
from tests.factories import CourseFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_the_course_list_is_paginated_and_keeps_its_filters(client, clerk, monkeypatch):
    monkeypatch.setattr(views, "COURSE_PAGE_SIZE", 3)
    unit = UnitFactory()
    for day in range(1, 8):
        course = CourseFactory(status="open", start_date=datetime.date(2026, 3, day), title=f"Lớp mở {day}")
        course.units.add(unit)
    CourseFactory(status="finished", start_date=datetime.date(2026, 3, 9), title="Lớp đã xong")
    client.force_login(clerk)
    response = client.get(reverse("course_list"), {"status": "open", "unit": unit.pk})
    html = response.content.decode()
    assert [c.title for c in response.context["courses"]] == ["Lớp mở 7", "Lớp mở 6", "Lớp mở 5"]
    assert "Trang 1 / 3" in html and f"status=open&amp;unit={unit.pk}&amp;page=2" in html
    response = client.get(reverse("course_list"), {"status": "open", "unit": unit.pk, "page": 3})
    assert [c.title for c in response.context["courses"]] == ["Lớp mở 1"]
    assert "Lớp đã xong" not in response.content.decode()


def test_a_page_of_200_courses_costs_the_queries_of_a_page_of_20(client, clerk, django_assert_num_queries):
    client.force_login(clerk)
    CourseFactory.create_batch(20)
    client.get(reverse("course_list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("course_list"))
    CourseFactory.create_batch(180)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("course_list"), {"page": 2})
    assert len(response.context["courses"]) == views.COURSE_PAGE_SIZE
