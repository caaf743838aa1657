import pytest
from django.urls import reverse

from center.audit import audit_for
from center.models import Center
from tests.factories import StaffMemberFactory, UserFactory


def _form_data(center, **changes):
    data = {
        "kind": center.kind,
        "locality": center.locality,
        "province": center.province,
        "served_area": center.served_area,
        "deputy_title": center.deputy_title,
        "staffing_rule": center.staffing_rule,
        "signing_delegate": "",
        "deputy_max": "",
        "name": center.name,
        "short_name": center.short_name,
        "parent_body": center.parent_body,
        "party_line": center.party_line,
        "place_name": center.place_name,
        "legal_basis": "",
        "document_code": center.document_code,
        "address": "",
        "phone": "",
        "email": "",
        "website": "",
        "director_name": center.director_name,
        "director_title": center.director_title,
        "approval_delegate": "",
        "staffing_min": 4,
        "staffing_max": 6,
        "certificate_number_format": "{number}/GCN-{code}",
        "diploma_number_format": center.diploma_number_format,
        "document_number_format": center.document_number_format,
        "certificate_deadline_days": center.certificate_deadline_days,
    }
    data.update(changes)
    return data


def test_director_renames_the_center_for_a_commune_center_under_360(client, director, center):
    client.force_login(director)
    response = client.post(
        reverse("center_edit"),
        _form_data(
            center,
            name="Trung tâm Chính trị xã  Tân Phú",
            parent_body="ĐẢNG ỦY XÃ TÂN PHÚ",
            legal_basis="Quy định 360-QĐ/TW",
        ),
    )
    assert response.status_code == 302
    center.refresh_from_db()
    assert center.name == "Trung tâm Chính trị xã Tân Phú"  # spaces normalised
    assert center.parent_body == "ĐẢNG ỦY XÃ TÂN PHÚ"
    entry = audit_for(center).get()
    assert entry.action == "center.updated" and entry.actor == director
    assert entry.data["parent_body"] == ["HUYỆN ỦY CHÂU THÀNH", "ĐẢNG ỦY XÃ TÂN PHÚ"]
    page = client.get(reverse("center_detail")).content.decode()
    assert "Cập nhật thông tin trung tâm" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"staffing_min": 7, "staffing_max": 5}, "staffing_max", "Số tối đa không được nhỏ hơn số tối thiểu."),
        ({"certificate_number_format": "GCN-{code}"}, "certificate_number_format", "Mẫu số phải có {number}."),
        ({"certificate_number_format": "{number}/{nam}"}, "certificate_number_format", "chỉ được dùng"),
        ({"certificate_number_format": "{number}-{type}"}, "certificate_number_format", "chỉ được dùng"),
        ({"document_number_format": "{type}/{code}"}, "document_number_format", "Mẫu số phải có {number}."),
        ({"document_number_format": "{number.real}-{type}"}, "document_number_format", "chỉ được dùng"),
        ({"name": ""}, "name", "Trường này là bắt buộc."),
    ],
)
def test_bad_profile_input_is_refused_with_a_vietnamese_message_and_nothing_changes(
    client, director, center, changes, field, message
):
    client.force_login(director)
    response = client.post(reverse("center_edit"), _form_data(center, **changes))
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    assert Center.objects.get().name == center.name
    assert not audit_for(center).exists()


def test_only_a_deputy_can_be_the_approval_delegate(client, director, deputy, clerk, center):
    client.force_login(director)
    form = client.get(reverse("center_edit")).context["form"]
    assert list(form.fields["approval_delegate"].queryset) == [deputy]


def test_the_center_page_warns_when_established_posts_are_outside_the_rule(client, director, center):
    client.force_login(director)
    # The director persona holds one established post; the rule is 4–6.
    page = client.get(reverse("center_detail")).content.decode()
    assert "nằm ngoài định mức từ 4 đến 6" in page
    StaffMemberFactory.create_batch(3, is_established=True)
    page = client.get(reverse("center_detail")).content.decode()
    assert "nằm ngoài định mức" not in page
    assert "Biên chế hiện có: 4 (định mức: 4–6)" in page
    StaffMemberFactory.create_batch(3, is_established=True)
    assert "Trung tâm có 7 biên chế" in client.get(reverse("center_detail")).content.decode()


def test_inactive_or_non_established_staff_do_not_count(client, director, center):
    StaffMemberFactory.create_batch(3, is_established=True, is_active=False)
    StaffMemberFactory.create_batch(3, is_established=False)
    client.force_login(director)
    assert "Trung tâm có 1 biên chế" in client.get(reverse("center_detail")).content.decode()


def test_the_dashboard_shows_the_staffing_warning_to_managers_only(client, director, lecturer):
    client.force_login(director)
    assert "nằm ngoài định mức" in client.get(reverse("home")).content.decode()
    client.force_login(lecturer)
    assert "nằm ngoài định mức" not in client.get(reverse("home")).content.decode()


def test_a_login_without_role_is_told_to_ask_for_one(client, center):
    client.force_login(UserFactory(username="khong-vai-tro"))
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "chưa được gán vai trò" in response.content.decode()
