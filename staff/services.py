from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.roles import Role
from staff.models import StaffMember

# History labels of the actions below (registered from StaffConfig.ready).
ACTION_LABELS = {"staff.saved": _("Staff record saved"), "staff.role_changed": _("Role changed")}


def staff_role_set(*, user, role: str) -> None:
    """Make ``role`` the user's only staff role (a trainee role, if any, is kept); staff roles that
    manage the center may use the Django admin."""
    staff_roles = {Role.DIRECTOR, Role.DEPUTY, Role.CLERK, Role.LECTURER}
    user.groups.remove(*Group.objects.filter(name__in=staff_roles - {role}))
    if role:
        user.groups.add(Group.objects.get(name=role))
    user.is_staff = role in {Role.DIRECTOR, Role.DEPUTY, Role.CLERK}
    user.save(update_fields=["is_staff"])


@transaction.atomic
def staff_member_save(*, member: StaffMember, username: str = "", role: str = "", by) -> StaffMember:
    """Save a staff record; with ``username`` create its login (no usable password: the person sets one
    through "forgot password" or the director sets it in the admin); apply ``role`` to the login."""
    if username and member.user_id is None:
        user = get_user_model()(username=username, email=member.email)
        user.set_unusable_password()
        user.first_name = member.full_name
        user.save()
        member.user = user
    member.full_clean()
    member.save()
    audit_record(subject=member, action="staff.saved", by=by)
    if member.user_id and role is not None:
        previous = set(member.user.groups.values_list("name", flat=True))
        staff_role_set(user=member.user, role=role)
        if role not in previous:
            audit_record(subject=member, action="staff.role_changed", by=by, data={"role": role})
    return member
