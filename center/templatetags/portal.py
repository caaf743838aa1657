from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A login's name in Vietnamese order (family and middle names, then the given name)."""
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()
