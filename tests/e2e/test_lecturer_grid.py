"""The clerk gives each of a course's 10 sessions its lecturer from the grid in one save: the row whose
lecturer teaches another course then is refused and names that course; the nine others are saved."""

import datetime

import pytest

from courses.catalogue import install_catalogue
from courses.models import Programme, Session, Topic
from tests.builders import make_course, make_lecturer
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DAY = datetime.date(2026, 12, 2)


@pytest.fixture
def catalogue(db):
    install_catalogue(Programme, Topic)


def test_a_clerk_assigns_ten_lecturers_in_one_save_with_one_clash_named(page, clerk, password, catalogue):
    course = make_course(code="DVM.2026.07", programme=Programme.objects.get(code="DVM"), start_date=DAY, sessions=10)
    lecturers = [make_lecturer(name) for name in ("Trần Quốc Bảo", "Phạm Thị Thu Hà", "Lê Minh Tâm")]
    bao = lecturers[0]
    # Bảo teaches another course on the afternoon of the third day.
    other = make_course(code="NTVD.2026.11", start_date=DAY + datetime.timedelta(days=2), sessions=2, lecturer=bao)
    Session.objects.filter(course=other, part_of_day="morning").update(lecturer=None)
    sessions = list(course.sessions.order_by("date", "start_time"))
    clashing = sessions[5]  # day 3, afternoon
    log_in(page, "canbo", password)

    page.goto(page.base_url + f"/courses/{course.pk}/")
    page.get_by_role("link", name="Giảng viên và phòng học").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".session-grid-row").count() == 10
    # The picker says who is busy at that time.
    assert "bận: NTVD.2026.11" in page.locator(f"#lecturer-{clashing.pk}").inner_text()
    for i, session in enumerate(sessions):
        page.select_option(f"#lecturer-{session.pk}", str(bao.pk if i % 2 else lecturers[1 + i % 2].pk))
    page.get_by_role("button", name="Lưu tất cả các dòng").click()
    page.wait_for_load_state("networkidle")

    problem = page.locator(f"#problems-{clashing.pk}").inner_text()
    assert "Trần Quốc Bảo" in problem and "NTVD.2026.11" in problem
    assert page.locator(".grid-problems").count() == 1
    assert "Đã lưu 9 buổi học." in page.content()
    saved = {s.pk: s.lecturer_id for s in Session.objects.filter(course=course)}
    assert saved[clashing.pk] is None
    assert all(saved[s.pk] is not None for s in sessions if s.pk != clashing.pk)
    # The refused row still shows the clerk's choice.
    assert page.locator(f"#lecturer-{clashing.pk}").input_value() == str(bao.pk)
    screenshot(page, "lecturer-grid-clash")


def test_the_grid_reads_on_a_phone(phone_page, clerk, password, catalogue):
    course = make_course(code="DVM.2026.08", programme=Programme.objects.get(code="DVM"), start_date=DAY, sessions=4)
    log_in(phone_page, "canbo", password)
    phone_page.goto(phone_page.base_url + f"/courses/{course.pk}/sessions/lecturers/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    screenshot(phone_page, "lecturer-grid-360")
