import datetime
import ipaddress

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.errors import PortalError
from center.roles import Role, has_role
from staff.models import StaffMember

# History labels of the actions below (registered from StaffConfig.ready).
ACTION_LABELS = {
    "staff.saved": _("Staff record saved"),
    "staff.role_changed": _("Role changed"),
    "login.unlocked": _("Login unlocked"),
}

STAFF_ROLES = (Role.DIRECTOR, Role.DEPUTY, Role.CLERK, Role.LECTURER)
# Roles only the director may grant or take away.
DIRECTOR_GRANTS = frozenset({Role.DIRECTOR, Role.DEPUTY})

ERR_OWN_ROLE = _("Nobody can change their own role; ask the director.")
ERR_DIRECTOR_ONLY = _("Only the director may grant or take away the director and deputy director roles.")
ERR_LAST_DIRECTOR = _("The portal must keep at least one active director: appoint another director first.")
ERR_UNLOCK_DIRECTOR_ONLY = _("Only the director may unlock a login.")
ERR_NOT_LOCKED = _("This login is not locked at that address (any more).")

# The slower path for a username that many addresses are guessing at: each attempt waits this long before
# the password is checked, but it is always checked, so the right password still gets in.
LOGIN_SLOW_SECONDS = 3
# An address the login signed in from within this period is the person's own: never slowed.
KNOWN_ADDRESS_DAYS = 90


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


# Logins: the slower path and the director's unlock --------------------------------------------------------


def login_delay(*, username: str, ip_address: str) -> int:
    """Seconds to wait before checking a password typed for ``username`` from ``ip_address``: 0 normally;
    LOGIN_SLOW_SECONDS once the username has had AXES_FAILURE_LIMIT failures from any addresses within the
    cool-off, unless the login signed in from this address before. Never a lock: django-axes locks only
    the pair (username, address), so an outsider cannot keep a staff member out."""
    if not username:
        return 0
    since = timezone.now() - get_cool_off()
    failures = (
        AccessAttempt.objects.filter(username=username, attempt_time__gte=since)
        .aggregate(total=Sum("failures_since_start"))
        .get("total")
        or 0
    )
    if failures < settings.AXES_FAILURE_LIMIT:
        return 0
    known_since = timezone.now() - datetime.timedelta(days=KNOWN_ADDRESS_DAYS)
    if (
        ip_address
        and AccessLog.objects.filter(username=username, ip_address=ip_address, attempt_time__gte=known_since).exists()
    ):
        return 0
    return LOGIN_SLOW_SECONDS


@transaction.atomic
def login_unlock(*, username: str, ip_address: str, by) -> int:
    """Lift the lock on ``username`` at ``ip_address`` (the director only): its failed attempts are removed
    and the unlock is recorded, on the login when it exists. Returns the number of failures forgiven.
    Raises StaffError."""
    if not has_role(by, Role.DIRECTOR):
        raise StaffError(ERR_UNLOCK_DIRECTOR_ONLY)
    try:
        ip_address = str(ipaddress.ip_address(ip_address))
    except ValueError:
        raise StaffError(ERR_NOT_LOCKED) from None
    if "\x00" in username:  # no login has one; PostgreSQL refuses it in a query
        raise StaffError(ERR_NOT_LOCKED)
    attempts = AccessAttempt.objects.select_for_update().filter(username=username, ip_address=ip_address)
    rows = list(attempts)
    if not rows:
        raise StaffError(ERR_NOT_LOCKED)
    failures = sum(row.failures_since_start for row in rows)
    subject = get_user_model().objects.filter(username=username).first() or rows[0]
    audit_record(
        subject=subject,
        action="login.unlocked",
        by=by,
        data={"username": username, "ip_address": ip_address, "failures": failures},
    )
    attempts.delete()
    return failures
