"""The director's dashboard: the year at a glance against the plan with a chart, and the to-do list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Course, PlanLine, TrainingPlan
from tests.builders import enrol, make_course, make_programme, make_trainee
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


def _year_of(count: int):
    today = timezone.localdate()
    programme = make_programme(code=f"P{count}")
    plan = TrainingPlan.objects.get_or_create(year=today.year)[0]
    line = PlanLine.objects.create(plan=plan, programme=programme, quarter=1, classes=count + 1, learners=40)
    for n in range(count):
        course = make_course(
            programme=programme,
            code=f"Y{count}-{n}",
            status=Course.Status.FINISHED,
            start_date=datetime.date(today.year, 1, 5 + n),
            end_date=datetime.date(today.year, 1, 5 + n),
        )
        course.plan_line = line
        course.save(update_fields=["plan_line"])
        enrol(make_trainee(), course, completion="completed", completion_confirmed_at=timezone.now())
    return line


def test_the_year_panel_sets_the_year_against_the_plan_with_a_chart(client, director):
    _year_of(3)
    client.force_login(director)
    page = client.get(reverse("home")).content.decode()
    panel = page[page.index(f"Năm {timezone.localdate().year} đến nay") :]
    assert "3/4 (75%)" in panel  # classes opened against the plan
    assert "3/40 (8%)" in panel  # learners against the plan
    assert "<svg" in panel and "Học viên theo tháng khai giảng" in panel
    assert "Số liệu của biểu đồ" in panel


def test_the_dashboard_runs_the_same_queries_with_more_classes(client, director, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _year_of(2)
    client.force_login(director)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    _year_of(6)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(many) == len(few)


def test_the_to_do_list_names_courses_awaiting_the_confirmation(client, director, clerk, lecturer):
    course = make_course(code="CHO-XN", status=Course.Status.FINISHED)
    enrol(make_trainee(), course, completion="completed")
    enrol(
        make_trainee(),
        make_course(code="DA-XN", status=Course.Status.FINISHED),
        completion="completed",
        completion_confirmed_at=timezone.now(),
    )
    enrol(make_trainee(), course, status=Enrolment.Status.WITHDRAWN)
    client.force_login(clerk)
    page = client.get(reverse("home")).content.decode()
    assert "CHO-XN</a>: danh sách hoàn thành chờ Giám đốc xác nhận" in page and "DA-XN</a>" not in page
    client.force_login(lecturer)
    assert "Việc cần làm" not in client.get(reverse("home")).content.decode()
