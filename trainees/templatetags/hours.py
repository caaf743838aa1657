"""``{% load hours %}``: amounts of đồng as a statement prints them."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def dong(value) -> str:
    """``1234567`` → ``1.234.567`` (Vietnamese grouping, whatever the page's language)."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}".replace(",", ".")


@register.filter
def hours(value) -> str:
    """Standard hours without trailing zeros, with a decimal comma: ``12.50`` → ``12,5``."""
    if value in (None, ""):
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")
