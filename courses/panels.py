"""Panels: the dashboard panel of this app, and the hook through which higher apps (trainees) add
sections to a course's page without courses importing them.

``register_course_panel(fn, order=50)``: ``fn(request, course) -> dict | None``; a dict with ``template``
and its context, or None to show nothing."""

import datetime
from collections.abc import Callable

from center.roles import MANAGERS, Role, user_roles
from courses.models import Course
from courses.selectors import courses_in_progress, upcoming_sessions

COURSE_PANELS: list[tuple[int, Callable]] = []
# ``fn(course) -> str | None``: the course page's "next step" where a higher app knows better (a finished
# course: certificates to issue, the class file to seal); the first answer wins, None leaves the default.
NEXT_STEP_HOOKS: list[Callable] = []


def register_next_step(fn: Callable) -> None:
    if fn not in NEXT_STEP_HOOKS:
        NEXT_STEP_HOOKS.append(fn)


def course_next_step(course) -> str | None:
    return next((text for fn in NEXT_STEP_HOOKS if (text := fn(course))), None)


def register_course_panel(fn: Callable, *, order: int = 50) -> None:
    if all(existing is not fn for _, existing in COURSE_PANELS):
        COURSE_PANELS.append((order, fn))
        COURSE_PANELS.sort(key=lambda item: item[0])


def course_panels(request, course) -> list[dict]:
    return [panel for _, fn in COURSE_PANELS if (panel := fn(request, course))]


def timetable_panel(request):
    """Managers: courses in progress and the sessions of the coming week. Lecturers: their own next
    sessions."""
    roles = user_roles(request.user)
    today = datetime.date.today()
    if roles & MANAGERS:
        courses = list(courses_in_progress()[:6])
        return {
            "template": "courses/_dashboard_panel.html",
            "courses": courses,
            "sessions": list(upcoming_sessions(today=today)[:12]),
            "managers": True,
        }
    if Role.LECTURER in roles:
        member = getattr(request.user, "staff_member", None)
        if member is None:
            return None
        return {
            "template": "courses/_dashboard_panel.html",
            "sessions": list(upcoming_sessions(today=today, days=14, lecturer=member)[:12]),
            "member": member,
        }
    return None


def open_courses_panel(request):
    """The public front page: courses taking enrolments (title, programme, dates; no links, no people)."""
    courses = list(
        Course.objects.filter(status=Course.Status.OPEN, enrolment_open=True)
        .select_related("programme")
        .order_by("start_date")[:6]
    )
    if not courses:
        return None
    return {"template": "courses/_landing_panel.html", "courses": courses}
