import pytest

from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_member_logs_in_and_sees_the_dashboard_on_a_phone(phone_page, clerk, password):
    log_in(phone_page, "canbo", password)

    assert phone_page.url.rstrip("/") == phone_page.base_url
    assert phone_page.locator("h1").inner_text() == "Bảng điều khiển"
    assert phone_page.locator(".navbar-brand").inner_text().strip() == "TTCT Châu Thành"
    # At phone width the menu collapses behind the toggler and opens on tap.
    toggler = phone_page.locator(".navbar-toggler")
    assert toggler.is_visible()
    toggler.click()
    assert phone_page.get_by_role("link", name="Bảng điều khiển").first.is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    path = screenshot(phone_page, "dashboard-phone")
    assert path.stat().st_size > 10_000


def test_wrong_password_shows_a_vietnamese_message(page, clerk):
    log_in(page, "canbo", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.content()
