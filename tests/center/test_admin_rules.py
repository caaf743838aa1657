"""The Django admin does not bypass the portal's rules: what was issued or decided is read-only there (for
superusers too), roles are not changed there, and every change it still allows is in the portal's history."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from center.admin import AuditedAdmin
from center.models import AuditEntry, Room
from tests.builders import completed, enrol, make_course, make_trainee
from tests.factories import UserFactory
from trainees.certificates import services as certificates
from trainees.models import Certificate, Enrolment

OUR_APPS = {"center", "staff", "courses", "trainees", "auth", "axes"}


@pytest.fixture
def superuser(center):
    return UserFactory(username="quantri", is_superuser=True, is_staff=True)


def _change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize(
    "model",
    [m for m in admin.site._registry if m._meta.app_label in OUR_APPS],
    ids=lambda m: m._meta.label,
)
def test_every_admin_writes_its_changes_to_the_portal_history(model):
    assert isinstance(admin.site._registry[model], AuditedAdmin)


def test_a_certificate_cannot_be_rewritten_in_the_admin_even_by_a_superuser(client, superuser, director):
    course = make_course()
    certificate = certificates.certificate_issue(
        enrolment=completed(course, 1, by=director)[0], by=director, issued_on=datetime.date(2026, 12, 17)
    )
    for user in (superuser, director):
        client.force_login(user)
        response = client.post(
            _change_url(certificate),
            {"register_number": "999/GCN-GIA", "verification_code": "AAAAA-AAAAA", "issued_on": "01/01/2020"},
        )
        assert response.status_code == 403
    fresh = Certificate.objects.get(pk=certificate.pk)
    assert (fresh.register_number, fresh.verification_code, fresh.issued_on) == (
        certificate.register_number,
        certificate.verification_code,
        certificate.issued_on,
    )
    # The director still sees it there (read-only) and may print it from the list.
    client.force_login(director)
    assert client.get(_change_url(certificate)).status_code == 200


def test_enrolment_decisions_cannot_be_changed_in_the_admin(client, superuser):
    course = make_course(status="open")
    enrolment = enrol(make_trainee(), course, status=Enrolment.Status.PENDING)
    client.force_login(superuser)
    response = client.post(_change_url(enrolment), {"trainee": enrolment.trainee_id, "course": course.pk})
    assert response.status_code == 403
    assert client.get(reverse("admin:trainees_enrolment_add")).status_code == 403
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.PENDING


def test_history_entries_cannot_be_changed_or_deleted_in_the_admin(client, superuser):
    room = Room.objects.create(name="Phòng 1", capacity=60)
    entry = AuditEntry.objects.create(content_type_id=1, object_id=room.pk, action="center.updated")
    client.force_login(superuser)
    assert client.post(_change_url(entry), {"action": "x"}).status_code == 403
    delete = reverse("admin:center_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).action == "center.updated"


def test_a_change_made_in_the_admin_is_in_the_portal_history(client, clerk):
    room = Room.objects.create(name="Phòng học lớn", capacity=60)
    client.force_login(clerk)
    response = client.post(
        _change_url(room), {"name": "Phòng học lớn", "capacity": "40", "location": "Tầng 2", "is_active": "on"}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.changed", object_id=room.pk)
    assert entry.actor == clerk
    assert entry.data == {"capacity": ["60", "40"], "location": ["", "Tầng 2"]}
    assert entry.action_label == "Sửa trong trang quản trị"


def test_a_deletion_in_the_admin_is_in_the_portal_history(client, clerk, superuser):
    room = Room.objects.create(name="Phòng cũ", capacity=20)
    client.force_login(superuser)
    response = client.post(reverse("admin:center_room_delete", args=[room.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Room.objects.filter(pk=room.pk).exists()
    assert AuditEntry.objects.get(action="admin.deleted", object_id=room.pk).data == {"object": "Phòng cũ"}


def test_roles_are_not_changed_in_the_user_admin(client, superuser, deputy):
    client.force_login(superuser)
    director_group = Group.objects.get(name="director")
    response = client.post(
        _change_url(deputy),
        {
            "username": deputy.username,
            "first_name": deputy.first_name,
            "last_name": deputy.last_name,
            "email": deputy.email,
            "is_active": "on",
            "is_superuser": "on",
            "groups": [director_group.pk],
        },
    )
    assert response.status_code == 302
    deputy.refresh_from_db()
    assert list(deputy.groups.values_list("name", flat=True)) == ["deputy"]
    assert not deputy.is_superuser
    # Role groups and their permissions are not edited there either.
    assert client.post(_change_url(director_group), {"name": "director", "permissions": []}).status_code == 403


def test_the_last_active_director_cannot_switch_off_their_login_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.post(
        _change_url(superuser),
        {"username": superuser.username, "first_name": "", "last_name": "", "email": superuser.email},
    )
    assert response.status_code == 200
    assert "Cổng thông tin phải luôn có ít nhất một Giám đốc" in response.content.decode()
    superuser.refresh_from_db()
    assert superuser.is_active


def test_a_password_set_in_the_admin_is_in_the_history(client, superuser, clerk):
    client.force_login(superuser)
    url = reverse("admin:auth_user_password_change", args=[clerk.pk])
    response = client.post(
        url, {"password1": "Mật-khẩu-mới-123", "password2": "Mật-khẩu-mới-123", "usable_password": "true"}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.password_set", object_id=clerk.pk)
    assert entry.actor == superuser and entry.data == {}
