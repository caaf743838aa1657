"""Roles are Django groups (created by a migration); permissions follow from ROLE_PERMISSIONS.

Views use ``role_required``: anonymous users go to the login page, users with no staff role (trainees,
outsiders) get 404 so staff pages are not revealed, staff without the needed role get 403.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_migrate
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class Role:
    DIRECTOR = "director"
    DEPUTY = "deputy"
    CLERK = "clerk"
    LECTURER = "lecturer"
    TRAINEE = "trainee"

    LABELS = {
        DIRECTOR: _("Director"),
        DEPUTY: _("Deputy director"),
        CLERK: _("Staff (clerk)"),
        LECTURER: _("Lecturer"),
        TRAINEE: _("Trainee"),
    }
    ALL = tuple(LABELS)


# Who runs the center day to day: programmes, courses, trainees, enrolments, printing.
MANAGERS = frozenset({Role.DIRECTOR, Role.DEPUTY, Role.CLERK})
# Everyone who works at the center, lecturers included.
STAFF = MANAGERS | {Role.LECTURER}

# Model permissions per role, for the Django admin. Apps above center add theirs with ``grant``.
_MANAGE = ("add", "change", "view")
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.DIRECTOR: [
        "center.change_center",
        "center.view_center",
        *[f"center.{a}_unit" for a in _MANAGE],
        *[f"center.{a}_room" for a in _MANAGE],
        "center.view_auditentry",
    ],
    Role.DEPUTY: [
        "center.view_center",
        *[f"center.{a}_unit" for a in _MANAGE],
        *[f"center.{a}_room" for a in _MANAGE],
        "center.view_auditentry",
    ],
    Role.CLERK: [
        "center.view_center",
        *[f"center.{a}_unit" for a in _MANAGE],
        *[f"center.{a}_room" for a in _MANAGE],
    ],
    Role.LECTURER: [],
    Role.TRAINEE: [],
}


def grant(role: str, *perms: str) -> None:
    """Let an app above center add admin permissions for its models (call from AppConfig.ready)."""
    for perm in perms:
        if perm not in ROLE_PERMISSIONS[role]:
            ROLE_PERMISSIONS[role].append(perm)


def user_roles(user) -> frozenset[str]:
    """The user's roles, read once per request object. A superuser has every staff role."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        if user.is_superuser:
            cached = frozenset({Role.DIRECTOR, Role.DEPUTY, Role.CLERK})
        else:
            cached = frozenset(name for name in user.groups.values_list("name", flat=True) if name in Role.LABELS)
        user._portal_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


# Who may see sensitive personal data (a trainee's religion, Luật Bảo vệ dữ liệu cá nhân 2025): the director and the
# clerks who keep the records, and nobody else (docs/decisions.md, "Sensitive personal data").
SENSITIVE_DATA_VIEWERS = frozenset({Role.DIRECTOR, Role.CLERK})


def sees_sensitive_data(user) -> bool:
    return bool(user_roles(user) & SENSITIVE_DATA_VIEWERS)


def is_manager(user) -> bool:
    """Director, deputy or clerk: the people who run the center day to day."""
    return bool(user_roles(user) & MANAGERS)


def role_required(*roles: str):
    """Allow only users holding one of ``roles``; see the module docstring for the other answers."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            held = user_roles(request.user)
            if not held & STAFF:
                raise Http404
            if not held & set(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def trainee_required(view):
    """The trainee portal: anonymous users go to the login page; anyone who is not a trainee gets 404."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if Role.TRAINEE not in user_roles(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def sync_role_permissions(**kwargs) -> None:
    """Give each role group exactly the permissions in ROLE_PERMISSIONS (runs after every migrate)."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        query = Q(pk__in=[])
        for perm in perms:
            app_label, codename = perm.split(".")
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(query))


def connect_signals() -> None:
    # Sent once per app after migrate; permissions of later apps exist only by the last one, and the
    # sync is idempotent, so it simply runs each time.
    post_migrate.connect(sync_role_permissions, dispatch_uid="center.sync_role_permissions")
