import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import UserFactory

OUR_APPS = {"center", "staff", "courses", "trainees"}
MODELS = [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_admin_list_opens_searches_and_filters(client, center, model):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    model_admin = admin.site._registry[model]
    if model_admin.search_fields:
        assert client.get(url, {"q": "nguyen"}).status_code == 200


def test_the_admin_is_in_vietnamese(client, center):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "Quản trị" in page and "Học viên" in page


def clerk_center_pk(_user):
    from center.models import Center

    return Center.objects.get().pk


def test_managers_may_use_the_admin_and_lecturers_may_not(client, clerk, lecturer):
    client.force_login(clerk)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:center_unit_changelist")).status_code == 200
    # The clerk may look at the center's profile but not change it.
    change = reverse("admin:center_center_change", args=[clerk_center_pk(clerk)])
    assert client.get(change).status_code == 200
    assert client.post(change, {"name": "Đổi tên"}).status_code == 403
    client.force_login(lecturer)
    assert client.get(reverse("admin:index")).status_code == 302
