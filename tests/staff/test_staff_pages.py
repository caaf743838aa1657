from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from staff.models import StaffMember


def test_director_adds_a_lecturer_with_a_login(client, director):
    client.force_login(director)
    response = client.post(
        reverse("staff_create"),
        {
            "full_name": " Trần  Quốc Bảo ",
            "position": "lecturer",
            "is_established": "on",
            "theory_level": "advanced",
            "degree": "Thạc sĩ Triết học",
            "has_pedagogy_certificate": "on",
            "workplace": "",
            "phone": "0913 123 456",
            "email": "bao@example.vn",
            "is_active": "on",
            "note": "",
            "username": "tqbao",
            "role": "lecturer",
        },
    )
    member = StaffMember.objects.get(full_name="Trần Quốc Bảo")
    assert response.status_code == 302 and response.url == reverse("staff_detail", args=[member.pk])
    assert member.user.username == "tqbao"
    assert list(member.user.groups.values_list("name", flat=True)) == ["lecturer"]
    assert not member.user.has_usable_password()
    assert not member.user.is_staff


def test_a_guest_lecturer_needs_no_login(client, deputy):
    client.force_login(deputy)
    client.post(
        reverse("staff_create"),
        {"full_name": "Huỳnh Văn Ơn", "position": "guest_lecturer", "workplace": "Ban Tuyên giáo", "is_active": "on"},
    )
    assert StaffMember.objects.get(full_name="Huỳnh Văn Ơn").user is None


def test_a_taken_username_is_refused(client, director):
    client.force_login(director)
    response = client.post(
        reverse("staff_create"),
        {"full_name": "Lê Thị Hoa", "position": "officer", "is_active": "on", "username": "GIAMDOC", "role": "clerk"},
    )
    assert "Tên đăng nhập này đã có người dùng." in response.context["form"].errors["username"]
    assert not StaffMember.objects.filter(full_name="Lê Thị Hoa").exists()


def test_changing_a_role_is_recorded_and_takes_effect(client, director, lecturer):
    member = lecturer.staff_member
    client.force_login(director)
    client.post(
        reverse("staff_edit", args=[member.pk]),
        {"full_name": member.full_name, "position": "officer", "is_active": "on", "role": "clerk"},
    )
    lecturer.refresh_from_db()
    assert list(lecturer.groups.values_list("name", flat=True)) == ["clerk"]
    assert lecturer.is_staff
    page = client.get(reverse("staff_detail", args=[member.pk])).content.decode()
    assert "Đổi vai trò" in page


def test_the_staff_list_runs_a_constant_number_of_queries(client, clerk, django_assert_max_num_queries):
    from tests.factories import StaffMemberFactory, UserFactory

    client.force_login(clerk)
    StaffMemberFactory.create_batch(3, user=None)
    with django_assert_max_num_queries(12) as few:
        response = client.get(reverse("staff_list"))
    assert response.status_code == 200
    assert len(response.context["members"]) == 4  # the clerk and the three new ones
    for i in range(20):
        StaffMemberFactory(user=UserFactory(username=f"gv{i}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("staff_list"))
    assert response.status_code == 200
    assert len(response.context["members"]) == 24


def test_password_reset_sends_a_vietnamese_link_that_sets_a_new_password(client, clerk):
    response = client.post(reverse("password_reset"), {"email": clerk.email})
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.subject == "Đặt mật khẩu mới cho cổng thông tin"
    link = next(line for line in message.body.splitlines() if "/accounts/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Một-mật-khẩu-mới-9", "new_password2": "Một-mật-khẩu-mới-9"}
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=clerk.pk).check_password("Một-mật-khẩu-mới-9")
