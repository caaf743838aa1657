from django import template
from django.conf import settings
from django.templatetags.static import static

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A login's name in Vietnamese order (family and middle names, then the given name)."""
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()


@register.simple_tag(takes_context=True)
def doc_static(context, name: str) -> str:
    """A printed document's style sheet: the usual (hashed) static URL, but the plain name in a page that is kept
    for years (``archive`` in the context: the class file). A kept page then takes the print CSS of the day it is
    printed, as a reprinted register document does, and never points at a hashed file that a later deployment
    no longer has; it is also drawn without the collected files' manifest (the demo before collectstatic)."""
    if context.get("archive"):
        return str(settings.STATIC_URL).rstrip("/") + "/" + name
    return static(name)
