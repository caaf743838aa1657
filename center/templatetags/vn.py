"""Vietnamese document formatting: ``{% load vn %}``.

Dates in document lines follow Hướng dẫn 36-HD/VPTW (as Nghị định 30/2020 for State documents): a day below
10 and the months January and February get a leading zero ("ngày 02 tháng 01 năm 2027"), so nobody can turn
"tháng 1" into "tháng 11" by hand; other months are written as they are ("ngày 17 tháng 3 năm 2026").
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def long_date(value: datetime.date | None) -> str:
    """``ngày 02 tháng 12 năm 2026``; blank dots to fill by hand when there is no date."""
    if value is None:
        return "ngày      tháng      năm 20   "
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {day} tháng {month} năm {value.year}"


def place_date(place: str, value: datetime.date | None) -> str:
    """``Châu Thành, ngày 17 tháng 12 năm 2026`` — the place from the center's profile."""
    text = long_date(value)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


@register.filter
def vn_long_date(value):
    return long_date(value)


@register.simple_tag
def place_date_line(center, value=None):
    """``{% place_date_line center_profile date %}``; without a date, today."""
    return place_date(getattr(center, "place_name", "") or "", value or timezone.localdate())


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X")]
_ROMAN += [(9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


@register.filter
def roman(number):
    """Section numbers of a list: 1 → I, 4 → IV, 12 → XII."""
    number, out = int(number), []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
