"""The course page: the next step for its status, only the status actions that apply now, a confirmation
before starting ahead of the first session, bulk history folded into one line."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from center.audit import audit_record
from courses.models import Course
from tests.builders import make_course

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _page(client, course) -> str:
    return client.get(reverse("course_detail", args=[course.pk])).content.decode()


def _status_buttons(page: str) -> set[str]:
    return {status for status in ("open", "in_progress", "finished", "planned") if f'value="{status}"' in page}


def test_a_planned_course_without_sessions_says_to_add_them_and_offers_no_start_or_scores(client, clerk):
    course = make_course(status=Course.Status.PLANNED)
    client.force_login(clerk)
    page = _page(client, course)
    assert "Add the course" in page or "Trước hết hãy thêm các buổi học" in page
    assert "in_progress" not in _status_buttons(page)
    assert reverse("results_scores", args=[course.pk]) not in page


def test_an_in_progress_course_cannot_be_finished_before_its_last_session(client, clerk):
    course = make_course(status=Course.Status.IN_PROGRESS, start_date=TODAY - datetime.timedelta(days=1), sessions=6)
    client.force_login(clerk)
    page = _page(client, course)
    assert "finished" not in _status_buttons(page)
    assert reverse("results_scores", args=[course.pk]) in page


def test_starting_before_the_first_session_needs_the_confirmation(client, clerk):
    course = make_course(status=Course.Status.OPEN, start_date=TODAY + datetime.timedelta(days=10), sessions=2)
    client.force_login(clerk)
    page = _page(client, course)
    assert 'name="confirm_early"' in page
    url = reverse("course_status", args=[course.pk])
    client.post(url, {"status": "in_progress"})
    course.refresh_from_db()
    assert course.status == Course.Status.OPEN
    client.post(url, {"status": "in_progress", "confirm_early": "1"})
    course.refresh_from_db()
    assert course.status == Course.Status.IN_PROGRESS


def test_starting_on_the_first_day_needs_no_confirmation(client, clerk):
    course = make_course(status=Course.Status.OPEN, start_date=TODAY, sessions=2)
    client.force_login(clerk)
    assert 'name="confirm_early"' not in _page(client, course)
    client.post(reverse("course_status", args=[course.pk]), {"status": "in_progress"})
    course.refresh_from_db()
    assert course.status == Course.Status.IN_PROGRESS


def test_bulk_history_is_folded_into_one_line_with_a_count(client, clerk):
    course = make_course(sessions=1)
    for i in range(30):
        audit_record(subject=course, action="course.session_updated", by=clerk, data={"session": str(i)})
    audit_record(subject=course, action="course.status", by=clerk, reason="Đủ học viên")
    client.force_login(clerk)
    page = _page(client, course)
    assert "× 30" in page
    assert page.count("history-list") == 1
    assert 'id="section-history"' in page


def test_each_section_is_a_tab(client, clerk):
    course = make_course(sessions=2)
    client.force_login(clerk)
    page = _page(client, course)
    for key in ("timetable", "trainees", "results", "documents", "history"):
        assert f'id="section-{key}"' in page
    assert page.count("<h1") == 1
