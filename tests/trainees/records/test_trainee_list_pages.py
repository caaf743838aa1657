"""The trainee list's pages: cut from the ids in roster order, then only the page's records loaded; a deep
page runs the same queries as the first and keeps the search and unit filter in its links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import TraineeFactory, UnitFactory
from trainees.records import views

pytestmark = pytest.mark.django_db


def test_a_deep_page_costs_the_queries_of_the_first_and_keeps_the_filters(client, clerk, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    unit = UnitFactory()
    TraineeFactory.create_batch(10, unit=unit, family_name="Nguyễn Văn")
    TraineeFactory.create_batch(3, family_name="Trần Thị")
    client.force_login(clerk)
    client.get(reverse("trainee_list"))
    with CaptureQueriesContext(connection) as first:
        response = client.get(reverse("trainee_list"), {"q": "nguyen", "unit": unit.pk})
    assert [t.pk for t in response.context["page"]] == list(
        unit.trainees.order_by("sort_key", "pk").values_list("pk", flat=True)[:4]
    )
    with CaptureQueriesContext(connection) as deep:
        response = client.get(reverse("trainee_list"), {"q": "nguyen", "unit": unit.pk, "page": 3})
    assert len(deep.captured_queries) == len(first.captured_queries)
    page = response.context["page"]
    assert page.number == 3 and len(page.object_list) == 2 and page.paginator.count == 10
    assert all(t.unit_id == unit.pk for t in page)
