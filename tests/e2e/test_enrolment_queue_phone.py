"""The director's approval queue on a 360 px phone: one card per enrolment, no sideways scrolling, the
decision bar always on screen; a rejection without a reason keeps the ticked rows."""

import pytest

from tests.builders import make_course
from tests.e2e.conftest import log_in, screenshot
from tests.factories import TraineeFactory, UnitFactory
from trainees.models import Enrolment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("#bulk-submit").is_visible()
    box = page.locator("#bulk-submit").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 740


def test_the_queue_fits_a_phone_and_keeps_the_selection_on_an_error(phone_page, director, password):
    unit = UnitFactory(name="Đảng ủy phường Tân Phong, thành phố Biên Hòa")
    course = make_course(title="Lớp bồi dưỡng cập nhật kiến thức cho cán bộ chủ chốt cấp cơ sở năm 2026")
    enrolments = [
        Enrolment.objects.create(
            trainee=TraineeFactory(family_name="Nguyễn Thị Thanh", given_name="Hương", unit=unit),
            course=course,
            sending_unit=unit,
        )
        for _ in range(8)
    ]
    page = phone_page
    log_in(page, "giamdoc", password)
    page.goto(page.base_url + "/approvals/")
    _no_sideways_scroll(page)
    page.mouse.wheel(0, 2000)
    _no_sideways_scroll(page)  # the bar stays at the bottom while scrolling
    screenshot(page, "approval-queue-360")

    first, second = enrolments[0], enrolments[1]
    page.check(f"#pick-{first.pk}")
    page.check(f"#pick-{second.pk}")
    assert page.locator("#selected-count").inner_text() == "2"
    page.select_option("#bulk-action", "reject")
    page.click("#bulk-submit")
    page.wait_for_load_state("networkidle")
    assert "Vui lòng ghi lý do." in page.content()
    assert page.locator(f"#pick-{first.pk}").is_checked() and page.locator(f"#pick-{second.pk}").is_checked()
    assert page.locator("#bulk-action").input_value() == "reject"
    _no_sideways_scroll(page)

    page.fill("#bulk-reason", "Không đúng đối tượng")
    page.click("#bulk-submit")
    page.wait_for_load_state("networkidle")
    assert "Đã không duyệt 2 ghi danh (lý do: Không đúng đối tượng)." in page.content()
    assert Enrolment.objects.filter(status="rejected").count() == 2
