"""The director's dashboard and statistics draw their charts (server-side SVG) at desktop and phone width, with no
console error and no Content-Security-Policy violation."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Course
from tests.builders import enrol, make_center, make_course, make_trainee
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _a_year():
    make_center()
    year = timezone.localdate().year
    for month in (1, 2, 4):
        course = make_course(
            code=f"BD-{month}",
            status=Course.Status.FINISHED,
            start_date=datetime.date(year, month, 6),
            end_date=datetime.date(year, month, 8),
        )
        for n in range(month + 2):
            enrol(
                make_trainee(), course, completion="completed" if n % 2 else "", completion_confirmed_at=timezone.now()
            )


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_the_director_sees_the_charts_drawn(request, viewport, director, password):
    page = request.getfixturevalue(viewport)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    _a_year()
    log_in(page, "giamdoc", password)
    for path, name in (("/", "dashboard"), ("/reports/statistics/", "statistics")):
        page.goto(page.base_url + path)
        charts = page.locator("svg.chart")
        assert charts.count() >= 1
        box = charts.first.bounding_box()
        assert box["width"] > 200 and box["height"] > 50
        assert charts.first.locator("rect").count() >= 3  # bars drawn, not an empty frame
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        screenshot(page, f"{name}-charts-{'phone' if viewport == 'phone_page' else 'desktop'}")
    assert problems == []
