from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.errors import PortalError
from center.roles import Role, has_role
from staff.models import StaffMember

# History labels of the actions below (registered from StaffConfig.ready).
ACTION_LABELS = {"staff.saved": _("Staff record saved"), "staff.role_changed": _("Role changed")}

STAFF_ROLES = (Role.DIRECTOR, Role.DEPUTY, Role.CLERK, Role.LECTURER)
# Roles only the director may grant or take away.
DIRECTOR_GRANTS = frozenset({Role.DIRECTOR, Role.DEPUTY})

ERR_OWN_ROLE = _("Nobody can change their own role; ask the director.")
ERR_DIRECTOR_ONLY = _("Only the director may grant or take away the director and deputy director roles.")
ERR_LAST_DIRECTOR = _("The portal must keep at least one active director: appoint another director first.")


class StaffError(PortalError):
    """A rule about staff records or roles was broken."""


def staff_role_of(user) -> str:
    """The user's staff role ("" when none)."""
    if user is None:
        return ""
    held = set(user.groups.values_list("name", flat=True))
    return next((role for role in STAFF_ROLES if role in held), "")


def grantable_roles(by) -> tuple[str, ...]:
    """The staff roles ``by`` may give or take away: every role for the director, clerk and lecturer for a
    deputy, none for anyone else."""
    if has_role(by, Role.DIRECTOR):
        return STAFF_ROLES
    if has_role(by, Role.DEPUTY):
        return tuple(role for role in STAFF_ROLES if role not in DIRECTOR_GRANTS)
    return ()


def active_directors(*, exclude=None):
    """Logins that act as director and can sign in: the director group or a superuser, active."""
    qs = get_user_model().objects.filter(Q(groups__name=Role.DIRECTOR) | Q(is_superuser=True), is_active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.distinct()


def role_change_check(*, user, old: str, new: str, by) -> None:
    """Raise StaffError unless ``by`` may move ``user`` from role ``old`` to ``new`` ("" = no staff role):
    nobody changes their own role, only the director grants or removes director and deputy, and an
    active director always remains."""
    if old == new:
        return
    if user is not None and by is not None and user.pk == by.pk:
        raise StaffError(ERR_OWN_ROLE)
    allowed = grantable_roles(by)
    if any(role and role not in allowed for role in (old, new)):
        raise StaffError(ERR_DIRECTOR_ONLY)
    if old == Role.DIRECTOR and user is not None:
        # Changes that remove a director run one at a time (the group row is locked), so two directors
        # demoting each other at once cannot leave the portal without one.
        Group.objects.select_for_update().filter(name=Role.DIRECTOR).first()
        if not active_directors(exclude=user).exists():
            raise StaffError(ERR_LAST_DIRECTOR)


def staff_role_set(*, user, role: str) -> None:
    """Make ``role`` the user's only staff role (a trainee role, if any, is kept); staff roles that
    manage the center may use the Django admin. No checks: callers check with ``role_change_check``
    (the demo data sets roles directly)."""
    staff_roles = set(STAFF_ROLES)
    user.groups.remove(*Group.objects.filter(name__in=staff_roles - {role}))
    if role:
        user.groups.add(Group.objects.get(name=role))
    user.is_staff = role in {Role.DIRECTOR, Role.DEPUTY, Role.CLERK}
    user.save(update_fields=["is_staff"])


@transaction.atomic
def staff_member_save(*, member: StaffMember, username: str = "", role: str = "", by) -> StaffMember:
    """Save a staff record; with ``username`` create its login (no usable password: the person sets one
    through "forgot password" or the director sets it in the admin); apply ``role`` to the login.

    A role change follows ``role_change_check`` (raises StaffError, nothing written) and is recorded with
    the old and the new role."""
    if username and member.user_id is None:
        role_change_check(user=None, old="", new=role or "", by=by)
        user = get_user_model()(username=username, email=member.email)
        user.set_unusable_password()
        user.first_name = member.full_name
        user.save()
        member.user = user
    member.full_clean()
    member.save()
    audit_record(subject=member, action="staff.saved", by=by)
    if member.user_id and role is not None:
        user = get_user_model().objects.select_for_update().get(pk=member.user_id)
        old = staff_role_of(user)
        if old != role:
            role_change_check(user=user, old=old, new=role, by=by)
            staff_role_set(user=user, role=role)
            audit_record(subject=member, action="staff.role_changed", by=by, data={"from": old, "to": role})
    return member
