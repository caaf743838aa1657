"""Attendance grids: one session (lecturers for their own sessions, managers for all), and a whole course
from the signed sign-in sheet (managers). Everyone is present by default; change the exceptions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from center.roles import MANAGERS, STAFF, role_required
from courses.models import Course
from trainees.forms_results import read_course_matrix, read_session_grid
from trainees.models import Attendance
from trainees.selectors_results import (
    course_for_results,
    course_roster,
    course_sessions,
    is_manager,
    session_for_attendance,
)
from trainees.services import attendance as svc


def _closed_reason(session) -> str:
    """Why attendance cannot be taken for ``session`` (a session after today, a cancelled course), or ''."""
    if svc.session_is_open(session):
        return ""
    if session.course.status == Course.Status.CANCELLED:
        return str(svc.ERROR_COURSE_CANCELLED)
    return str(svc.ERROR_FUTURE_SESSION % {"date": session.date.strftime("%d/%m/%Y")})


@role_required(*STAFF)
def attendance_session(request, pk: int):
    session = session_for_attendance(request.user, pk)
    roster = list(course_roster(session.course))
    errors: dict[int, str] = {}
    closed_reason = _closed_reason(session)
    if request.method == "POST" and closed_reason:
        messages.error(request, closed_reason)
    elif request.method == "POST":
        marks, errors = read_session_grid(request.POST, session=session, roster=roster)
        if not errors:
            try:
                svc.attendance_save_session(session=session, marks=marks, roster=roster, by=request.user)
            except svc.AttendanceError as exc:
                messages.error(request, str(exc))
            else:
                absent = sum(1 for m in marks if m.status != Attendance.Status.PRESENT)
                messages.success(
                    request,
                    _("Attendance saved: %(present)d present, %(other)d late or absent.")
                    % {"present": len(marks) - absent, "other": absent},
                )
                return redirect("attendance_session", pk=session.pk)
        else:
            messages.error(request, _("Some rows are not valid; nothing was saved."))
    recorded = {a.enrolment_id: a for a in session.attendances.all()}
    rows = []
    for enrolment in roster:
        mark = recorded.get(enrolment.pk)
        if request.method == "POST" and errors:
            status = request.POST.get(f"status-{enrolment.pk}", Attendance.Status.PRESENT)
            note = request.POST.get(f"note-{enrolment.pk}", "")
        else:
            status = mark.status if mark else Attendance.Status.PRESENT
            note = mark.note if mark else ""
        rows.append({"enrolment": enrolment, "status": status, "note": note, "error": errors.get(enrolment.pk)})
    return render(
        request,
        "trainees/attendance_session.html",
        {
            "session": session,
            "course": session.course,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "buttons": [
                (Attendance.Status.PRESENT, _("Present")),
                (Attendance.Status.LATE, _("Late")),
                (Attendance.Status.EXCUSED, _("Excused")),
                (Attendance.Status.UNEXCUSED, _("Unexcused")),
            ],
            "taken": bool(recorded),
            "closed_reason": closed_reason,
            "is_manager": is_manager(request.user),
        },
    )


@role_required(*MANAGERS)
def attendance_course(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    roster = list(course_roster(course))
    all_sessions = list(course_sessions(course))
    # Only sessions that have taken place (on or before today) can be filled; none for a cancelled course.
    sessions = [s for s in all_sessions if svc.session_is_open(s, course=course)]
    upcoming = len(all_sessions) - len(sessions) if course.status != Course.Status.CANCELLED else 0
    if request.method == "POST" and course.status == Course.Status.CANCELLED:
        messages.error(request, svc.ERROR_COURSE_CANCELLED)
    elif request.method == "POST":
        marks, errors = read_course_matrix(request.POST, sessions=sessions, roster=roster)
        if errors:
            messages.error(request, _("Some rows are not valid; nothing was saved."))
        else:
            try:
                result = svc.attendance_save_course(
                    course=course, sessions=sessions, marks=marks, roster=roster, by=request.user
                )
            except svc.AttendanceError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("Sign-in sheet saved: %(created)d marks added, %(updated)d changed.") % result,
                )
                return redirect("results_course", pk=course.pk)
    recorded = {
        (a.enrolment_id, a.session_id): a.status
        for a in Attendance.objects.filter(session__course=course).only("enrolment_id", "session_id", "status")
    }
    taken = {session_id for (_e, session_id) in recorded}
    for session in sessions:
        session.taken = session.pk in taken
    matrix = [
        {
            "enrolment": e,
            "cells": [
                {
                    "session": s,
                    "status": recorded.get((e.pk, s.pk), ""),
                }
                for s in sessions
            ],
        }
        for e in roster
    ]
    short = {
        Attendance.Status.PRESENT: _("P"),
        Attendance.Status.LATE: _("L"),
        Attendance.Status.EXCUSED: _("E"),
        Attendance.Status.UNEXCUSED: _("U"),
    }
    return render(
        request,
        "trainees/attendance_course.html",
        {
            "course": course,
            "sessions": sessions,
            "upcoming": upcoming,
            "cancelled": course.status == Course.Status.CANCELLED,
            "matrix": matrix,
            "statuses": [(value, short[value], label) for value, label in Attendance.Status.choices],
        },
    )
