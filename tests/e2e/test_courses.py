"""A clerk plans a 5-day "đảng viên mới" course with its 10 sessions from the browser, in under two
minutes, and a clash with another course is refused with the other session named."""

import datetime
import time

import pytest

from courses.catalogue import install_catalogue
from courses.models import Course, Programme, Session, Topic
from tests.e2e.conftest import log_in, screenshot
from tests.factories import CourseFactory, RoomFactory, SessionFactory, StaffMemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(db):
    # Transactional tests empty the database between tests; the data migration's programmes come back here.
    install_catalogue(Programme, Topic)


def test_a_clerk_creates_a_five_day_course_with_ten_sessions_in_under_two_minutes(page, clerk, password, catalogue):
    RoomFactory(name="Phòng học 1", capacity=60)
    StaffMemberFactory(full_name="Phạm Thị Thu Hà")
    started = time.monotonic()
    log_in(page, "canbo", password)

    page.goto(page.base_url + "/courses/new/")
    page.fill("#id_code", "DVM.2026.02")
    page.fill("#id_title", "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 2, năm 2026")
    page.select_option("#id_programme", label="Lý luận chính trị cho đảng viên mới")
    page.fill("#id_start_date", "02/12/2026")
    page.fill("#id_end_date", "06/12/2026")
    page.select_option("#id_room", label="Phòng học 1")
    page.fill("#id_capacity", "50")
    page.click("main input[name=save]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 2, năm 2026"

    page.get_by_role("link", name="Xếp lịch nhiều buổi").click()
    page.wait_for_load_state("networkidle")
    # Defaults: the course's dates, mornings and afternoons, Monday–Friday; 05–06/12 are a weekend.
    for day in ("5", "6"):
        page.check(f"input[name=weekdays][value='{day}']")
    page.select_option("#id_lecturer", label="Phạm Thị Thu Hà")
    page.get_by_role("button", name="Thêm các buổi học").click()
    page.wait_for_load_state("networkidle")

    elapsed = time.monotonic() - started
    assert "Đã thêm 10 buổi học." in page.content()
    course = Course.objects.get(code="DVM.2026.02")
    sessions = list(Session.objects.filter(course=course).select_related("topic"))
    assert len(sessions) == 10
    assert [s.topic.order for s in sessions] == list(range(1, 11))
    assert page.locator(".timetable-day").count() == 5
    assert page.locator(".timetable-session").count() == 10
    assert elapsed < 120, f"took {elapsed:.0f} s"
    screenshot(page, "course-timetable")


def test_a_clash_with_another_courses_room_is_refused_naming_that_session(page, clerk, password, catalogue):
    room = RoomFactory(name="Hội trường A", capacity=120)
    day = datetime.date(2026, 12, 2)
    other = CourseFactory(code="NTVD.2026.02", start_date=day)
    SessionFactory(course=other, room=room, date=day, title="Khái quát lịch sử Đảng")
    course = CourseFactory(code="DVM.2026.02", start_date=day, programme=Programme.objects.get(code="DVM"))
    log_in(page, "canbo", password)

    page.goto(page.base_url + f"/courses/{course.pk}/sessions/new/")
    page.fill("#id_date", "02/12/2026")
    page.select_option("#id_part_of_day", "morning")
    page.select_option("#id_topic", index=1)
    page.select_option("#id_room", label="Hội trường A")
    page.click("input[name=save]")
    page.wait_for_load_state("networkidle")

    message = page.locator(".alert-danger, .alert-block").first.inner_text()
    assert "Phòng Hội trường A đã có lớp sử dụng vào giờ này" in message
    assert "NTVD.2026.02 02/12/2026 sáng 07:30–11:00 (Khái quát lịch sử Đảng)" in message
    assert not course.sessions.exists()


def test_the_public_timetable_on_a_phone(phone_page, catalogue):
    day = datetime.date(2026, 12, 2)
    course = CourseFactory(code="DVM.2026.02", start_date=day, status="open", title="Lớp đảng viên mới khóa 2")
    for i in range(4):
        SessionFactory(
            course=course,
            date=day + datetime.timedelta(days=i // 2),
            part_of_day="morning" if i % 2 == 0 else "afternoon",
            start_time=datetime.time(7, 30) if i % 2 == 0 else datetime.time(13, 30),
            end_time=datetime.time(11) if i % 2 == 0 else datetime.time(17),
        )
    phone_page.goto(phone_page.base_url + f"/t/{course.public_token}/")
    assert phone_page.locator("h1").inner_text() == "Lớp đảng viên mới khóa 2"
    assert phone_page.locator("img.qr-code").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone_page, "public-timetable-phone")
