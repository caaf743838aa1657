"""Attendance (điểm danh): one grid per session, or a whole course from the signed sign-in sheet.

Both save in one transaction with a constant number of queries: the existing rows are read once, new
rows go in with one ``bulk_create`` and changed rows with one ``bulk_update``.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Course, Session
from trainees.models import Attendance, Enrolment

ERROR_NOT_ON_ROSTER = _("A row does not belong to this course's approved trainees. Reload the page and try again.")
ERROR_BAD_STATUS = _("Unknown attendance status.")
ERROR_NOTE_TOO_LONG = _("The note is too long (at most 255 characters).")
ERROR_FUTURE_SESSION = _(
    "The session of %(date)s has not taken place yet; attendance can be recorded from that day on."
)
ERROR_COURSE_CANCELLED = _("This course has been cancelled; attendance cannot be recorded.")


class AttendanceError(Exception):
    """A grid that cannot be saved; the message is shown to the user."""


@dataclass(frozen=True)
class Mark:
    """One cell of a grid: the status and note for an enrolment at a session."""

    enrolment_id: int
    session_id: int
    status: str
    note: str = ""


def session_is_open(session: Session, *, course: Course | None = None) -> bool:
    """Attendance can be taken for a session on or before today (the center's local date) of a course
    that is not cancelled."""
    course = course or session.course
    return course.status != Course.Status.CANCELLED and session.date <= timezone.localdate()


def _check_open(sessions: list[Session], *, course: Course) -> None:
    if course.status == Course.Status.CANCELLED:
        raise AttendanceError(ERROR_COURSE_CANCELLED)
    today = timezone.localdate()
    future = sorted(s.date for s in sessions if s.date > today)
    if future:
        raise AttendanceError(ERROR_FUTURE_SESSION % {"date": future[0].strftime("%d/%m/%Y")})


def _validate(marks: list[Mark], *, enrolment_ids: set[int], session_ids: set[int]) -> None:
    valid_statuses = set(Attendance.Status.values)
    for mark in marks:
        if mark.enrolment_id not in enrolment_ids or mark.session_id not in session_ids:
            raise AttendanceError(ERROR_NOT_ON_ROSTER)
        if mark.status not in valid_statuses:
            raise AttendanceError(ERROR_BAD_STATUS)
        if len(mark.note) > 255:
            raise AttendanceError(ERROR_NOTE_TOO_LONG)


def _save(marks: list[Mark], *, sessions: list[Session], by) -> dict:
    existing = {
        (a.enrolment_id, a.session_id): a
        for a in Attendance.objects.filter(session__in=[s.pk for s in sessions]).only(
            "pk", "enrolment_id", "session_id", "status", "note"
        )
    }
    now = timezone.now()
    to_create, to_update = [], []
    for mark in marks:
        row = existing.get((mark.enrolment_id, mark.session_id))
        if row is None:
            to_create.append(
                Attendance(
                    enrolment_id=mark.enrolment_id,
                    session_id=mark.session_id,
                    status=mark.status,
                    note=mark.note,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
        elif row.status != mark.status or row.note != mark.note:
            row.status, row.note, row.recorded_by, row.recorded_at = mark.status, mark.note, by, now
            to_update.append(row)
    with transaction.atomic():
        if to_create:
            Attendance.objects.bulk_create(to_create)
        if to_update:
            Attendance.objects.bulk_update(to_update, ["status", "note", "recorded_by", "recorded_at"])
    return {"created": len(to_create), "updated": len(to_update)}


def attendance_save_session(*, session: Session, marks: list[Mark], roster: list[Enrolment], by) -> dict:
    """Save the grid of one session. ``roster`` is the course's approved enrolments (as shown on the
    page); every mark must belong to it. Rows not in ``marks`` are left as they are. Atomic; raises
    AttendanceError, also for a session after today or of a cancelled course."""
    _check_open([session], course=session.course)
    _validate(marks, enrolment_ids={e.pk for e in roster}, session_ids={session.pk})
    return _save(marks, sessions=[session], by=by)


def attendance_save_course(*, course: Course, sessions: list[Session], marks: list[Mark], roster: list[Enrolment], by):
    """Save a whole course's matrix (trainees × sessions), e.g. copied from the signed sign-in sheet
    after the fact. Same guarantees as ``attendance_save_session``; ``sessions`` must all have taken
    place (on or before today)."""
    if any(s.course_id != course.pk for s in sessions):
        raise AttendanceError(ERROR_NOT_ON_ROSTER)
    _check_open(sessions, course=course)
    _validate(marks, enrolment_ids={e.pk for e in roster}, session_ids={s.pk for s in sessions})
    return _save(marks, sessions=sessions, by=by)
