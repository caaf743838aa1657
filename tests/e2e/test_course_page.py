"""The course page of a 48-session course with 30 trainees and a long history: an overview with the next
step first, the sections behind tabs, the history collapsed. Heights are written to
test-artifacts/course-page-heights.txt (desktop 1280 px and phone 360 px)."""

import datetime

import pytest

from center.audit import audit_record
from courses.models import Session
from tests.builders import course_with_trainees
from tests.e2e.conftest import ARTIFACTS, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The page before the restructure measured 6,500 px (desktop) and 13,000 px (phone); after it, the
# overview and one section must fit in far less.
MAX_DESKTOP, MAX_PHONE = 2600, 4500


def _big_course(clerk):
    course = course_with_trainees(approved=30, sessions=48, start=datetime.date.today() - datetime.timedelta(days=3))
    for session in Session.objects.filter(course=course):
        audit_record(subject=course, action="course.session_updated", by=clerk, data={"session": str(session.pk)})
    audit_record(subject=course, action="course.status", by=clerk, data={"status": "in_progress"})
    return course


def _height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_the_course_page_is_short_on_desktop_and_phone(page, phone_page, clerk, password):
    course = _big_course(clerk)
    heights = {}
    for name, p in (("desktop", page), ("phone", phone_page)):
        if name == "desktop":
            p.set_viewport_size({"width": 1280, "height": 900})
        log_in(p, "canbo", password)
        p.goto(p.base_url + f"/courses/{course.pk}/")
        heights[name] = _height(p)
        screenshot(p, f"course-page-{name}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "course-page-heights.txt").write_text(
        "".join(f"{name}: {height} px\n" for name, height in heights.items())
    )
    print(heights)
    assert heights["desktop"] <= MAX_DESKTOP, heights
    assert heights["phone"] <= MAX_PHONE, heights
