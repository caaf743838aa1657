"""A clerk records a trainee and submits the enrolment; the director approves it from the queue and the
course has one seat fewer."""

import pytest

from tests.builders import make_course
from tests.e2e.conftest import log_in, screenshot
from tests.factories import TraineeFactory, UnitFactory
from trainees.models import Enrolment, Trainee

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _new_page(browser, live_server):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    return page


def test_clerk_submits_director_approves_and_the_seat_count_drops(
    page, browser, live_server, clerk, director, password
):
    unit = UnitFactory(name="Đảng ủy xã Tân Phú")
    course = make_course(capacity=30, title="Lớp cập nhật kiến thức cho cán bộ cơ sở khóa 1")
    Enrolment.objects.create(trainee=TraineeFactory(), course=course, status="approved")
    Enrolment.objects.create(trainee=TraineeFactory(), course=course)  # another one waiting

    # The clerk records the trainee with one "Họ và tên" field…
    log_in(page, "canbo", password)
    page.goto(page.base_url + "/trainees/new/")
    page.fill("input[name=full_name]", "Nguyễn Thị Thanh Hương")
    page.fill("input[name=date_of_birth]", "15/03/1990")
    page.select_option("select[name=gender]", "female")
    page.select_option("select[name=unit]", str(unit.pk))
    page.fill("input[name=citizen_id]", "083190001234")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Nguyễn Thị Thanh Hương"
    trainee = Trainee.objects.get(citizen_id="083190001234")
    assert (trainee.family_name, trainee.given_name) == ("Nguyễn Thị Thanh", "Hương")

    # …and submits the enrolment from the trainee's page.
    page.select_option("select[name=course]", str(course.pk))
    page.fill("input[name=nomination_number]", "125-CV/ĐU")
    page.get_by_role("button", name="Gửi ghi danh").click()
    page.wait_for_load_state("networkidle")
    assert "Chờ duyệt" in page.content()
    enrolment = Enrolment.objects.get(trainee=trainee)
    assert enrolment.status == "pending"

    # The director logs in and finds it in the queue, with 29 of 30 seats left.
    boss = _new_page(browser, live_server)
    log_in(boss, "giamdoc", password)
    boss.goto(boss.base_url + "/approvals/")
    assert "Nguyễn Thị Thanh Hương" in boss.content()
    seats = boss.locator(f'[data-testid="seats-left-{course.pk}"]')
    assert seats.inner_text().strip() == "Còn 29/30 chỗ"
    boss.check(f'input.js-enrolment[value="{enrolment.pk}"]')
    assert boss.locator(".js-seats-after").inner_text() == "nếu duyệt các hồ sơ đã chọn: còn 28 chỗ"
    screenshot(boss, "approval-queue")
    boss.locator(f'[data-testid="approve-{enrolment.pk}"]').click()
    boss.wait_for_load_state("networkidle")

    assert seats.inner_text().strip() == "Còn 28/30 chỗ"
    assert "Nguyễn Thị Thanh Hương" not in boss.locator("#approval-form").inner_text()
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.decided_by) == ("approved", director)
    boss.context.close()
