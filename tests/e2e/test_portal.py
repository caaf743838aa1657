"""A trainee on a phone (360×740): activates the account with the code printed on a slip, chooses a
password, lands on the timetable and sees the next session. Screenshots go to test-artifacts/."""

import re

import pytest

from courses.models import Course
from tests.builders import enrol, make_certificate, make_course, make_lecturer, make_room, make_trainee
from tests.e2e.conftest import log_in, screenshot
from trainees.models import Enrolment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Lich-hoc-cua-toi-2026"


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_trainee_activates_with_a_printed_code_and_sees_the_next_session(browser, page, phone_page, clerk, password):
    course = make_course(
        status=Course.Status.IN_PROGRESS,
        sessions=8,
        room=make_room(),
        lecturer=make_lecturer(),
        title="Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 3",
    )
    trainee = make_trainee(given_name="An", family_name="Nguyễn Văn", phone="0912345678", citizen_id="079085001234")
    enrolment = enrol(trainee, course)
    make_certificate(
        enrol(trainee, make_course(status=Course.Status.IN_PROGRESS, sessions=2, title="Lớp cập nhật kiến thức 2026"))
    )
    enrol(
        trainee,
        make_course(status=Course.Status.IN_PROGRESS, sessions=2, title="Lớp nghiệp vụ công tác Đảng"),
        status=Enrolment.Status.PENDING,
    )

    # The clerk prints the course's account slips (desktop browser).
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "canbo", password)
    page.goto(f"{page.base_url}/trainees/accounts/course/{course.pk}/")
    page.get_by_role("button", name="In phiếu cho học viên đã chọn").click()
    page.wait_for_selector(".slip")
    screenshot(page, "portal-account-slips")
    username = page.locator(".slip .slip-username").first.inner_text().strip()
    code = page.locator(".slip .slip-code").first.inner_text().strip()
    assert username == "an.nv1"
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    # The trainee, on a phone, opens the address on the slip.
    phone = phone_page
    phone.goto(phone.base_url + "/accounts/login/")
    phone.get_by_role("link", name=re.compile("kích hoạt tài khoản", re.I)).click()
    phone.fill("input[name=username]", "An.nv1")  # the phone capitalised the first letter
    phone.fill("input[name=code]", code.replace("-", "").lower())
    screenshot(phone, "portal-activate-phone")
    phone.get_by_role("button", name="Tiếp tục").click()
    phone.wait_for_selector("input[name=new_password1]")
    assert "an.nv1" in phone.content()
    phone.fill("input[name=new_password1]", NEW_PASSWORD)
    phone.fill("input[name=new_password2]", NEW_PASSWORD)
    screenshot(phone, "portal-choose-password-phone")
    phone.get_by_role("button", name="Lưu và xem lịch học").click()
    phone.wait_for_selector(".next-card")

    assert phone.url.endswith("/me/")
    assert phone.locator("h1").inner_text() == "Lịch học của tôi"
    card = phone.locator(".next-card")
    assert card.is_visible()
    next_session = enrolment.course.sessions.order_by("date", "start_time")
    assert any(s.date.strftime("%d/%m/%Y") in card.inner_text() for s in next_session)
    assert "Hội trường" in card.inner_text() and "Trần Quốc Bảo" in card.inner_text()
    # The card is the first thing on the screen, above the fold.
    box = card.bounding_box()
    assert box["y"] < 300 and box["width"] <= 360
    assert phone.locator(".session-item.is-past").count() >= 1
    assert phone.locator(".portal-tabbar").is_visible()
    _no_sideways_scroll(phone)
    screenshot(phone, "portal-timetable-phone")

    # The code was single-use.
    trainee.refresh_from_db()
    assert trainee.user.check_password(NEW_PASSWORD)

    for path, name, text in [
        ("/me/courses/", "portal-courses-phone", "Chờ duyệt"),
        ("/me/certificates/", "portal-certificates-phone", "Tải bản PDF"),
        ("/me/details/", "portal-details-phone", "bảo mật"),
    ]:
        phone.goto(phone.base_url + path)
        assert text in phone.content()
        _no_sideways_scroll(phone)
        screenshot(phone, name)


def test_a_used_code_cannot_be_used_again(phone_page, clerk):
    from trainees.accounts.services import account_activate, activation_code_check, activation_code_issue

    trainee = make_trainee(given_name="Bình", family_name="Trần Thị")
    code = activation_code_issue(trainee=trainee, by=clerk)
    account_activate(code=activation_code_check(username="binh.tt1", code=code), password=NEW_PASSWORD)

    phone_page.goto(phone_page.base_url + "/activate/")
    phone_page.fill("input[name=username]", "binh.tt1")
    phone_page.fill("input[name=code]", code)
    phone_page.get_by_role("button", name="Tiếp tục").click()
    phone_page.wait_for_load_state("networkidle")
    assert "đã hết hạn hoặc đã được dùng" in phone_page.content()
    screenshot(phone_page, "portal-activate-used-code-phone")
