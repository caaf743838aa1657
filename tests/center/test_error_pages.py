"""Error pages in Vietnamese, in the portal's layout, with a way back (home, login) — with DEBUG off, as in
production. The 500 page renders while the database is unreachable."""

import pytest
from django.test import Client
from django.urls import reverse

HOME = 'href="/"'
LOGIN = 'href="/accounts/login/"'
LAYOUT = "bootstrap.min.css"


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def _page(response) -> str:
    return response.content.decode()


def test_unknown_address_is_a_404_page_in_the_layout(client, center):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = _page(response)
    assert "Không tìm thấy trang" in html and LAYOUT in html and center.name in html
    assert HOME in html and LOGIN in html


def test_404_page_for_a_logged_in_user_keeps_the_navigation_and_omits_login(client, clerk):
    client.force_login(clerk)
    html = _page(client.get("/khong-co-trang-nay/"))
    assert "Không tìm thấy trang" in html and HOME in html
    assert "Đăng xuất" in html and LOGIN not in html


def test_a_refused_action_is_a_403_page(client, lecturer):
    client.force_login(lecturer)
    response = client.get(reverse("center_edit"))
    assert response.status_code == 403
    html = _page(response)
    assert "Không có quyền truy cập" in html and LAYOUT in html and HOME in html


def test_a_bad_request_is_a_400_page(client, center):
    response = client.get("/", HTTP_HOST="ke-gia-mao.example")
    assert response.status_code == 400
    html = _page(response)
    assert "Yêu cầu không hợp lệ" in html and LAYOUT in html and HOME in html and LOGIN in html


def test_an_expired_form_is_a_page_with_a_way_back_to_the_login(center, password):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "giamdoc", "password": password})
    assert response.status_code == 403
    html = _page(response)
    assert "Biểu mẫu đã hết hạn" in html and LAYOUT in html and center.name in html
    assert HOME in html and LOGIN in html
    assert "CSRF" not in html


def test_500_page_renders_without_the_database(settings):
    """No ``db`` fixture: pytest-django makes any database query here an error, as a dead server would."""
    settings.ROOT_URLCONF = "tests.center.failing_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/test-failure/")
    assert response.status_code == 500
    html = _page(response)
    assert "Lỗi máy chủ" in html and LAYOUT in html
    assert HOME in html and LOGIN in html
