"""Roles cannot be raised from inside: only the director grants or removes the director and deputy roles,
nobody changes their own role, an active director always remains, and every change is in the history."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from center.models import AuditEntry
from center.roles import user_roles
from staff import services
from staff.models import StaffMember
from tests.factories import StaffMemberFactory, UserFactory

OFFICER = {"position": "officer", "is_active": "on"}


def _roles(user):
    user.refresh_from_db()
    return sorted(user.groups.values_list("name", flat=True))


def _edit(client, member, role, **extra):
    return client.post(
        reverse("staff_edit", args=[member.pk]), {"full_name": member.full_name, **OFFICER, "role": role, **extra}
    )


def test_the_deputy_is_not_offered_the_director_or_deputy_role(client, deputy):
    client.force_login(deputy)
    choices = [value for value, _label in client.get(reverse("staff_create")).context["form"].fields["role"].choices]
    assert choices == ["", "clerk", "lecturer"]


def test_the_director_is_offered_every_role(client, director):
    client.force_login(director)
    choices = [value for value, _label in client.get(reverse("staff_create")).context["form"].fields["role"].choices]
    assert choices == ["", "director", "deputy", "clerk", "lecturer"]


def test_a_deputy_cannot_make_themself_director(client, deputy, director):
    client.force_login(deputy)
    form = client.get(reverse("staff_edit", args=[deputy.staff_member.pk])).context["form"]
    assert form.fields["role"].disabled
    _edit(client, deputy.staff_member, "director")
    assert _roles(deputy) == ["deputy"]


def test_a_deputy_cannot_demote_the_director(client, deputy, director):
    client.force_login(deputy)
    _edit(client, director.staff_member, "lecturer")
    assert _roles(director) == ["director"]


def test_a_deputy_cannot_create_a_director_login(client, deputy):
    client.force_login(deputy)
    response = client.post(
        reverse("staff_create"), {"full_name": "Lê Văn Mới", **OFFICER, "username": "giamdocmoi", "role": "director"}
    )
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="giamdocmoi").exists()


def test_the_service_refuses_a_deputy_granting_director_even_without_the_form(deputy, lecturer):
    member = lecturer.staff_member
    with pytest.raises(services.StaffError) as exc:
        services.staff_member_save(member=member, role="director", by=deputy)
    assert exc.value.message == services.ERR_DIRECTOR_ONLY
    assert _roles(lecturer) == ["lecturer"]


def test_a_deputy_still_manages_clerks_and_lecturers(client, deputy, lecturer):
    client.force_login(deputy)
    _edit(client, lecturer.staff_member, "clerk")
    assert _roles(lecturer) == ["clerk"]


def test_the_director_cannot_change_their_own_role(director, deputy):
    with pytest.raises(services.StaffError) as exc:
        services.staff_member_save(member=director.staff_member, role="lecturer", by=director)
    assert exc.value.message == services.ERR_OWN_ROLE
    assert _roles(director) == ["director"]


def test_two_directors_demoting_each_other_at_once_leave_one_director(center, director):
    second = UserFactory(username="giamdoc2", roles=["director"])
    StaffMemberFactory(user=second, full_name="Trần Văn Hai", position="director")
    user_roles(second)  # the second director's request is already under way: it was let in as a director
    services.staff_member_save(member=second.staff_member, role="deputy", by=director)
    with pytest.raises(services.StaffError) as exc:
        services.staff_member_save(member=director.staff_member, role="deputy", by=second)
    assert exc.value.message == services.ERR_LAST_DIRECTOR
    assert _roles(director) == ["director"] and _roles(second) == ["deputy"]


def test_an_inactive_director_login_does_not_count_as_the_remaining_director(center, director):
    UserFactory(username="giamdoccu", roles=["director"], is_active=False)
    assert not services.active_directors(exclude=director).exists()


def test_every_role_change_is_recorded_with_the_old_and_the_new_role(client, director, lecturer):
    client.force_login(director)
    _edit(client, lecturer.staff_member, "deputy")
    entry = AuditEntry.objects.get(action="staff.role_changed")
    assert entry.actor == director
    assert entry.data == {"from": "lecturer", "to": "deputy"}


def test_a_new_login_with_a_role_is_recorded_as_a_role_change(client, director):
    client.force_login(director)
    client.post(reverse("staff_create"), {"full_name": "Lê Thị Hoa", **OFFICER, "username": "hoa", "role": "clerk"})
    member = StaffMember.objects.get(full_name="Lê Thị Hoa")
    entry = AuditEntry.objects.get(action="staff.role_changed", object_id=member.pk)
    assert entry.data == {"from": "", "to": "clerk"}
