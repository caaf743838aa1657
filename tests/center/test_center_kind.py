"""The kind of center (QĐ 360 commune-level / QĐ 208 district-level) fills in defaults only."""

import pytest
from django.urls import reverse

from center.kinds import KIND_DEFAULTS, CenterKind, kind_defaults, split_locality
from center.models import Center
from tests.center.test_center_profile import _form_data
from tests.factories import StaffMemberFactory


def test_a_new_install_is_a_commune_level_center_under_360(db):
    center = Center.load()
    assert center.pk is None and center.kind == Center.Kind.COMMUNE
    assert "360-QĐ/TW ngày 29/08/2025" in center.legal_basis
    assert center.staffing_min is None and center.staffing_max is None and center.deputy_max == 1


@pytest.mark.parametrize(
    ("kind", "locality", "name", "parent"),
    [
        ("commune", "xã Châu Thành", "Trung tâm Chính trị xã Châu Thành", "ĐẢNG ỦY XÃ CHÂU THÀNH"),
        ("commune", "đặc khu Phú Quốc", "Trung tâm Chính trị đặc khu Phú Quốc", "ĐẢNG ỦY ĐẶC KHU PHÚ QUỐC"),
        ("district", "huyện Châu Thành", "Trung tâm Chính trị huyện Châu Thành", "HUYỆN ỦY CHÂU THÀNH"),
        ("district", "thị xã Ba Đồn", "Trung tâm Chính trị thị xã Ba Đồn", "THỊ ỦY BA ĐỒN"),
    ],
)
def test_the_kind_and_the_locality_give_the_header_defaults(kind, locality, name, parent):
    values = kind_defaults(kind, locality=locality)
    assert values["name"] == name and values["parent_body"] == parent
    assert values["place_name"] == split_locality(locality)[1]


def test_changing_the_kind_fills_in_its_defaults_without_saving(client, director, center):
    assert center.kind == Center.Kind.DISTRICT
    client.force_login(director)
    response = client.post(
        reverse("center_edit"), _form_data(center, kind="commune", locality="xã Tân Phú", staffing_rule="")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["name"] == "Trung tâm Chính trị xã Tân Phú"
    assert form.initial["parent_body"] == "ĐẢNG ỦY XÃ TÂN PHÚ"
    assert form.initial["legal_basis"] == KIND_DEFAULTS[CenterKind.COMMUNE]["legal_basis"]
    assert form.initial["staffing_min"] == "" and form.initial["deputy_max"] == 1
    assert "Đã điền các giá trị mặc định" in response.content.decode()
    center.refresh_from_db()
    assert center.kind == Center.Kind.DISTRICT  # nothing saved yet

    # The director edits a default (two posts minimum) and saves: the kind is not applied again.
    data = _form_data(
        center,
        **{k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields},
    )
    data.update(staffing_min=2, approval_delegate="", signing_delegate="")
    response = client.post(reverse("center_edit"), data)
    assert response.status_code == 302, response.context["form"].errors
    center.refresh_from_db()
    assert center.kind == Center.Kind.COMMUNE and center.name == "Trung tâm Chính trị xã Tân Phú"
    assert center.staffing_min == 2 and center.staffing_max is None and center.deputy_max == 1


def test_the_defaults_button_refills_the_same_kind(client, director, center):
    client.force_login(director)
    response = client.post(reverse("center_edit"), _form_data(center, legal_basis="sửa tay", apply_defaults="1"))
    assert response.context["form"].initial["legal_basis"] == KIND_DEFAULTS[CenterKind.DISTRICT]["legal_basis"]
    assert response.context["form"].initial["staffing_min"] == 4


def test_an_unknown_kind_is_refused_with_a_message(client, director, center):
    client.force_login(director)
    response = client.post(reverse("center_edit"), _form_data(center, kind="tinh"))
    assert response.status_code == 200
    assert "không phải là một trong các lựa chọn" in str(response.context["form"].errors["kind"])


def test_a_commune_center_has_no_range_of_posts_but_at_most_one_deputy(client, director, deputy, center):
    center.kind = Center.Kind.COMMUNE
    center.staffing_min = center.staffing_max = None
    center.deputy_max = 1
    center.staffing_rule = KIND_DEFAULTS[CenterKind.COMMUNE]["staffing_rule"]
    center.save()
    client.force_login(director)
    page = client.get(reverse("center_detail")).content.decode()
    assert "do cấp ủy quyết định" in page and "Trưởng ban Tuyên giáo và Dân vận" in page
    assert "nằm ngoài định mức" not in page
    StaffMemberFactory(position="deputy_director", is_established=True)
    page = client.get(reverse("center_detail")).content.decode()
    assert "Trung tâm có 2 phó giám đốc; định mức cho phép tối đa 1." in page
