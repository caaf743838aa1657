import pytest

from courses.models import Course
from staff.models import StaffMember
from tests.builders import enrol, make_course, make_trainee
from tests.e2e.conftest import log_in, screenshot
from trainees.models import Attendance

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_lecturer_takes_attendance_on_a_phone(phone_page, lecturer, password):
    course = make_course(status=Course.Status.FINISHED, sessions=1, lecturer=StaffMember.objects.get(user=lecturer))
    session = course.sessions.get()
    roster = [enrol(make_trainee(), course) for _ in range(12)]
    log_in(phone_page, "giangvien", password)
    phone_page.goto(f"{phone_page.base_url}/sessions/{session.pk}/attendance/")

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    absent = roster[3]
    phone_page.click(f"label[for='s-{absent.pk}-unexcused']")
    phone_page.fill(f"input[name='note-{absent.pk}']", "Không báo trước")
    screenshot(phone_page, "attendance-phone")
    phone_page.get_by_role("button", name="Lưu điểm danh").click()
    phone_page.wait_for_load_state("networkidle")

    assert "Đã lưu điểm danh: 11 có mặt, 1 đi muộn hoặc vắng." in phone_page.content()
    marks = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    assert len(marks) == 12 and marks[absent.pk] == "unexcused"
    assert Attendance.objects.get(enrolment=absent).note == "Không báo trước"


def test_the_sign_in_sheet_s_save_button_is_not_covered_by_the_name_column_on_a_phone(phone_page, clerk, password):
    course = make_course(status=Course.Status.FINISHED, sessions=8)
    for _ in range(15):
        enrol(make_trainee(), course)
    log_in(phone_page, "canbo", password)
    phone_page.goto(f"{phone_page.base_url}/courses/{course.pk}/attendance/")
    phone_page.evaluate("document.querySelector('.table-responsive').scrollLeft = 200")
    button = phone_page.get_by_role("button", name="Lưu bảng ký tên")
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 740  # sticky at the bottom of the screen
    # Whatever is drawn at the button's centre (over the sticky name column) is the button itself.
    on_top = phone_page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('button')?.textContent.trim() || ''",
        [box["x"] + 12, box["y"] + box["height"] / 2],
    )
    assert "Lưu bảng ký tên" in on_top
    screenshot(phone_page, "attendance-sign-in-sheet-phone")
