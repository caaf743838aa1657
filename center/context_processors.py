from center.models import Center
from center.roles import user_roles


def portal(request):
    """The center's profile (header, footer) and the user's roles (navigation) on every page."""
    user = getattr(request, "user", None)
    return {"center_profile": Center.load(), "user_roles": user_roles(user) if user else frozenset()}
