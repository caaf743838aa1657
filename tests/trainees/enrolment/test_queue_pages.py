"""The approval queue a page at a time: filters kept across pages, a course split over two pages, the
decision made on page 2 returns to page 2, and the query count does not grow with the queue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import make_course
from tests.factories import TraineeFactory, UnitFactory
from trainees.enrolment import selectors
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


def _pending(course, count, unit):
    trainees = TraineeFactory.create_batch(count, unit=unit)
    Enrolment.objects.bulk_create([Enrolment(trainee=t, course=course, sending_unit=unit) for t in trainees])


@pytest.fixture
def queue(monkeypatch):
    monkeypatch.setattr(selectors, "QUEUE_PAGE_SIZE", 5)
    unit, other = UnitFactory(), UnitFactory()
    first = make_course(code="Q-1", capacity=20)
    second = make_course(code="Q-2", capacity=20, start_date=first.start_date.replace(day=28))
    _pending(first, 4, unit)
    _pending(second, 4, unit)
    _pending(first, 3, other)
    return unit, first, second


def test_the_queue_is_cut_into_pages_and_the_pager_keeps_the_unit_filter(client, director, queue):
    unit, first, second = queue
    client.force_login(director)
    response = client.get(reverse("approval_queue"), {"unit": unit.pk})
    assert response.context["total"] == 8
    assert [(c.code, len(c.queue)) for c in response.context["courses"]] == [("Q-1", 4), ("Q-2", 1)]
    html = response.content.decode()
    assert f"unit={unit.pk}&amp;page=2" in html
    assert "Trang 1 / 2" in html and "Trang sau" in html and "Dòng 1–5 trong tổng số 8" in html
    response = client.get(reverse("approval_queue"), {"unit": unit.pk, "page": 2})
    assert [(c.code, len(c.queue)) for c in response.context["courses"]] == [("Q-2", 3)]
    shown = [e.pk for c in response.context["courses"] for e in c.queue]
    assert Enrolment.objects.filter(pk__in=shown, sending_unit=unit).count() == 3


@pytest.mark.parametrize("page", ["99", "abc", "-1", "2\x00"])
def test_a_page_out_of_range_or_not_a_number_shows_a_page_not_an_error(client, director, queue, page):
    client.force_login(director)
    response = client.get(reverse("approval_queue"), {"page": page})
    assert response.status_code == 200 and response.context["courses"]


def test_a_decision_on_page_2_returns_to_page_2(client, director, queue):
    unit, first, second = queue
    client.force_login(director)
    url = reverse("approval_queue") + f"?unit={unit.pk}&page=2"
    ids = [e.pk for c in client.get(url).context["courses"] for e in c.queue]
    response = client.post(
        url, {"bulk-enrolments": ids[:2], "bulk-action": "approve", "bulk-when_full": "refuse", "unit": unit.pk}
    )
    assert response.status_code == 302 and response["Location"] == url
    assert Enrolment.objects.filter(pk__in=ids[:2], status=Enrolment.Status.APPROVED).count() == 2


def test_a_page_of_the_queue_costs_the_same_queries_for_10_and_1000_pending(
    client, director, django_assert_num_queries
):
    unit = UnitFactory()
    course = make_course(capacity=2000)
    _pending(course, 10, unit)
    client.force_login(director)
    client.get(reverse("approval_queue"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("approval_queue"))
    _pending(make_course(capacity=2000), 990, unit)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("approval_queue"), {"page": 3})
    assert response.context["total"] == 1000
    assert sum(len(c.queue) for c in response.context["courses"]) == selectors.QUEUE_PAGE_SIZE
