"""Template filters for a course's title inside Vietnamese text (see trainees.wording)."""

from django import template

from trainees import wording

register = template.Library()


@register.filter
def course_phrase(course_or_title) -> str:
    return wording.course_phrase(course_or_title)


@register.filter
def course_name(course_or_title) -> str:
    return wording.course_name(course_or_title)
