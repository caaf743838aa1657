"""Lecturer hours and pay: managers see everyone's hours and the statements; a lecturer sees and ticks only
their own; the norms and rates are the director's."""

import datetime

from courses.models import Course, Session
from staff.models import StaffMember
from tests.access.base import ALL_STAFF, DIRECTOR_ONLY, MANAGERS_ONLY, rule
from trainees.hours.services import session_confirm_taught, statement_issue

ORDER = 60


def build_world(w):
    """w.hours_course (finished, in the past): w.hours_session taught by the lecturer persona, and a session
    of a guest lecturer, ticked; w.statement, the statement of that course."""
    start = datetime.date.today() - datetime.timedelta(days=30)
    w.hours_course = Course.objects.create(
        code="HOURS.ACCESS",
        title="Lớp thử giờ giảng",
        programme=w.programme,
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        capacity=40,
        status=Course.Status.FINISHED,
    )
    guest = StaffMember.objects.create(full_name="Đỗ Văn Khách", position=StaffMember.Position.GUEST_LECTURER)
    times = {"start_time": datetime.time(7, 30), "end_time": datetime.time(11, 0), "course": w.hours_course}
    w.hours_session = Session.objects.create(date=start, part_of_day="morning", lecturer=w.staff_member, **times)
    guest_session = Session.objects.create(
        date=start + datetime.timedelta(days=1), part_of_day="morning", lecturer=guest, **times
    )
    session_confirm_taught(session=guest_session, by=None)
    w.statement = statement_issue(year=start.year, course=w.hours_course, issued_on=datetime.date.today(), by=None)


STAFF_REDIRECT = {**ALL_STAFF, **dict.fromkeys(("director", "deputy", "clerk", "lecturer", "other_lecturer"), 302)}

RULES = [
    rule("hours_overview", MANAGERS_ONLY),
    rule("my_hours", STAFF_REDIRECT),
    rule("hours_rules", DIRECTOR_ONLY),
    rule("lecturer_hours", ALL_STAFF, kwargs=lambda w: {"pk": w.staff_member.pk}, other_lecturer=404),
    rule(
        "session_taught",
        STAFF_REDIRECT,
        kwargs=lambda w: {"pk": w.hours_session.pk},
        method="post",
        data=lambda w: {"taught": "1"},
        other_lecturer=404,
    ),
    rule("course_hours", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.hours_course.pk}),
    rule("statement_list", MANAGERS_ONLY),
    *[
        rule(name, MANAGERS_ONLY, kwargs=lambda w: {"pk": w.statement.pk})
        for name in ("statement_detail", "statement_print", "statement_pdf", "statement_xlsx")
    ],
    rule(
        "statement_correct",
        {**MANAGERS_ONLY, "director": 302, "deputy": 302, "clerk": 302},
        kwargs=lambda w: {"pk": w.statement.pk},
        method="post",
        data=lambda w: {"reason": "Thử", "issued_on": datetime.date.today().isoformat()},
    ),
]
