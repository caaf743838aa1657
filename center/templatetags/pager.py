"""The list pages' pager: ``{% load pager %}`` … ``{% include "includes/pager.html" %}`` with ``page`` (a
Paginator page) in the context. Links keep every other query parameter (the list's filters)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """``?…&page=<number>``: the current query string with only the page changed."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
