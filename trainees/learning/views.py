"""Attendance grids, scores, the completion review and the director's confirmation and decision.

Access: managers see every course and session; a lecturer the sessions they teach and the results of a
course where they teach or are the homeroom teacher (``trainees.access``).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.errors import show_error
from center.pdf import pdf_response, render_pdf
from center.roles import MANAGERS, STAFF, Role, has_role, is_manager, role_required
from courses.models import Course, IssuedDocument
from courses.register import current_document
from trainees.access import can_sign, course_for_results, session_for_attendance
from trainees.certificates.forms import IssueForm, ReasonForm
from trainees.learning import services as attendance_svc
from trainees.learning import services as svc
from trainees.learning.forms import ScorePasteForm, read_course_matrix, read_scores, read_session_grid
from trainees.learning.selectors import below_minimum, completion_decision_context, course_results, course_sessions
from trainees.models import Attendance, Enrolment


def _closed_reason(session) -> str:
    """Why attendance cannot be taken for ``session`` (a session after today, a cancelled course, results
    frozen by the director's confirmation), or ''."""
    if svc.session_is_open(session):
        return str(svc.ERROR_RESULTS_FROZEN) if svc.results_frozen(session.course) else ""
    if session.course.status == Course.Status.CANCELLED:
        return str(svc.ERROR_COURSE_CANCELLED)
    return str(svc.ERROR_FUTURE_SESSION % {"date": session.date.strftime("%d/%m/%Y")})


@role_required(*STAFF)
def attendance_session(request, pk: int):
    session = session_for_attendance(request.user, pk)
    roster = list(Enrolment.objects.roster(session.course))
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
                show_error(request, exc)
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
        "trainees/learning/attendance_session.html",
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
    roster = list(Enrolment.objects.roster(course))
    all_sessions = list(course_sessions(course))
    # Only sessions that have taken place (on or before today) can be filled; none for a cancelled course.
    sessions = [s for s in all_sessions if svc.session_is_open(s, course=course)]
    upcoming = len(all_sessions) - len(sessions) if course.status != Course.Status.CANCELLED else 0
    frozen = svc.results_frozen(course)
    if request.method == "POST" and course.status == Course.Status.CANCELLED:
        messages.error(request, svc.ERROR_COURSE_CANCELLED)
    elif request.method == "POST" and frozen:
        messages.error(request, svc.ERROR_RESULTS_FROZEN)
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
                show_error(request, exc)
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
        "trainees/learning/attendance_course.html",
        {
            "course": course,
            "sessions": sessions,
            "upcoming": upcoming,
            "cancelled": course.status == Course.Status.CANCELLED,
            "frozen": frozen,
            "matrix": matrix,
            "statuses": [(value, short[value], label) for value, label in Attendance.Status.choices],
        },
    )


ERROR_DECISION_NOT_CONFIRMED = gettext_lazy(
    "The completion decision can be printed only after the director has confirmed the completion list."
)


def _rows_with_proposals(course):
    rows = course_results(course)
    for row in rows:
        row.proposal = svc.completion_proposal(programme=course.programme, share=row.share, score=row.enrolment.score)
        row.below_threshold = below_minimum(row.share, course.programme)
    return rows


def _confirmed(rows) -> bool:
    """The director has confirmed the completion list of every approved trainee."""
    return bool(rows) and all(r.enrolment.completion_confirmed_at for r in rows)


@role_required(*STAFF)
def results_course(request, pk: int):
    course = course_for_results(request.user, pk)
    rows = _rows_with_proposals(course)
    confirmed = _confirmed(rows)
    return render(
        request,
        "trainees/learning/results_course.html",
        {
            "course": course,
            "rows": rows,
            "is_manager": is_manager(request.user),
            "is_director": has_role(request.user, Role.DIRECTOR),
            "can_issue": can_sign(request.user),
            "confirmed": confirmed,
            "frozen": svc.results_frozen(course),
            "course_running": course.status != Course.Status.FINISHED and course.end_date >= timezone.localdate(),
            "waiting_for_certificate": sum(
                1
                for r in rows
                if r.enrolment.completion == Enrolment.Completion.COMPLETED
                and r.enrolment.completion_confirmed_at
                and not r.certificates
            ),
            "certified": sum(1 for r in rows if r.current_certificate),
            "to_review": sum(1 for r in rows if r.current_certificate and r.current_certificate.needs_review),
            "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
            "reopen_form": ReasonForm(prefix="reopen"),
            "history": audit_for(course),
        },
    )


def _or_blank(value):
    return "" if value is None else value


@role_required(*STAFF)
def results_scores(request, pk: int):
    course = course_for_results(request.user, pk)
    roster = list(Enrolment.objects.roster(course))
    frozen = svc.results_frozen(course)
    errors: dict[int, str] = {}
    paste_form = ScorePasteForm(prefix="paste")
    if request.method == "POST" and frozen:
        messages.error(request, svc.ERROR_RESULTS_FROZEN)
        return redirect("results_course", pk=course.pk)
    if request.method == "POST":
        scores, retakes = None, None
        if "paste-column" in request.POST:
            paste_form = ScorePasteForm(request.POST, prefix="paste")
            if paste_form.is_valid():
                try:
                    values = svc.parse_score_column(paste_form.cleaned_data["column"], roster=roster)
                except svc.ResultError as exc:
                    for line in exc.messages:
                        paste_form.add_error("column", line)
                else:
                    scores = dict(zip([e.pk for e in roster], values, strict=True))
        else:
            scores, errors = read_scores(request.POST, roster=roster)
            retakes, retake_errors = read_scores(request.POST, roster=roster, prefix="retake")
            for pk, error in retake_errors.items():
                errors.setdefault(pk, error)
            if errors:
                scores = None
                messages.error(request, _("Some scores are not valid; nothing was saved."))
        if scores is not None:
            try:
                changed = svc.results_record(course=course, scores=scores, by=request.user, retakes=retakes)
            except svc.ResultError as exc:
                show_error(request, exc)
            else:
                messages.success(request, _("%(count)d results saved.") % {"count": changed})
            return redirect("results_scores", pk=course.pk)
    rows = [
        {
            "enrolment": e,
            "value": request.POST.get(f"score-{e.pk}") if errors else _or_blank(svc.paper_of(e)),
            "retake": request.POST.get(f"retake-{e.pk}") if errors else _or_blank(e.retake_score),
            "error": errors.get(e.pk),
        }
        for e in roster
    ]
    return render(
        request,
        "trainees/learning/results_scores.html",
        {"course": course, "rows": rows, "paste_form": paste_form, "frozen": frozen},
    )


@role_required(*MANAGERS)
def results_completion(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    rows = _rows_with_proposals(course)
    if request.method == "POST":
        decisions = {}
        valid = {Enrolment.Completion.COMPLETED, Enrolment.Completion.NOT_COMPLETED}
        for row in rows:
            value = request.POST.get(f"completion-{row.enrolment.pk}")
            if value in valid:
                decisions[row.enrolment.pk] = value
        try:
            changed = svc.completion_review(course=course, decisions=decisions, by=request.user)
        except svc.ResultError as exc:
            show_error(request, exc)
        else:
            if changed:
                messages.success(
                    request,
                    ngettext(
                        "Completion review saved: %(count)d decision changed.",
                        "Completion review saved: %(count)d decisions changed.",
                        changed,
                    )
                    % {"count": changed},
                )
            else:
                messages.info(request, _("Completion review saved: no changes."))
            # Stay on the review, at the next step (the director's confirmation) below the list.
            return redirect(reverse("results_completion", args=[course.pk]) + "#next-step")
    return render(
        request,
        "trainees/learning/results_completion.html",
        {
            "course": course,
            "rows": rows,
            "is_director": has_role(request.user, Role.DIRECTOR),
            "reviewed": bool(rows) and all(r.enrolment.completion for r in rows),
            "confirmed": _confirmed(rows),
            "frozen": svc.results_frozen(course),
            "undecided": sum(1 for r in rows if not r.enrolment.completion),
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def results_completion_confirm(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    try:
        count = svc.completion_confirm(course=course, by=request.user)
    except svc.ResultError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Completion confirmed for %(count)d trainees.") % {"count": count})
    return redirect("results_completion", pk=course.pk)


@role_required(Role.DIRECTOR)
@require_POST
def results_reopen(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    form = ReasonForm(request.POST, prefix="reopen")
    try:
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        svc.results_reopen(course=course, by=request.user, reason=reason)
    except svc.ResultError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("The results are reopened; confirm the completion list again after the changes."))
    return redirect("results_course", pk=course.pk)


def _refuse_unconfirmed_decision(request, course, context):
    """The decision document exists only for a list the director has confirmed; else a message."""
    if context["confirmed"]:
        return None
    messages.error(request, ERROR_DECISION_NOT_CONFIRMED)
    return redirect("results_course", pk=course.pk)


@role_required(*MANAGERS)
def results_completion_decision(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    urls = {
        "back_url": reverse("results_course", args=[course.pk]),
        "pdf_url": reverse("results_completion_decision_pdf", args=[course.pk]),
    }
    if decision := current_document(course=course, kind=IssuedDocument.Kind.COMPLETION_DECISION):
        return render(request, "print/issued_document.html", {"document": decision, **urls})
    # A list confirmed before decisions were numbered: drawn from the records, the number left to write by hand.
    context = completion_decision_context(course)
    if refused := _refuse_unconfirmed_decision(request, course, context):
        return refused
    return render(request, "print/completion_decision.html", {**context, **urls})


@role_required(*MANAGERS)
def results_completion_decision_pdf(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    filename = f"QD hoan thanh {course.code}.pdf"
    if decision := current_document(course=course, kind=IssuedDocument.Kind.COMPLETION_DECISION):
        content = render_pdf(template_name="print/issued_document.html", context={"document": decision})
        return pdf_response(filename=filename, content=content)
    context = completion_decision_context(course)
    if refused := _refuse_unconfirmed_decision(request, course, context):
        return refused
    content = render_pdf(template_name="print/completion_decision.html", context=context)
    return pdf_response(filename=filename, content=content)


def course_results_panel(request, course):
    """The course page's "Attendance and results" section: links for managers; for a lecturer, the grids
    of their own sessions of this course. One query."""
    from django.db.models import Exists, OuterRef

    from courses.models import Session
    from trainees.models import Attendance

    manager = is_manager(request.user)
    if not manager and not has_role(request.user, Role.LECTURER):
        return None
    sessions = Session.objects.filter(course=course).annotate(
        taken=Exists(Attendance.objects.filter(session=OuterRef("pk")))
    )
    if not manager:
        sessions = sessions.filter(lecturer__user=request.user)
    sessions = list(sessions.order_by("date", "start_time"))
    if not manager and not sessions:
        return None
    for session in sessions:
        # No grid for a session after today or of a cancelled course (attendance_svc refuses it too).
        session.can_take = attendance_svc.session_is_open(session, course=course)
    minimum = course.programme.min_attendance_percent
    below = [r for r in course_results(course) if below_minimum(r.share, course.programme)]
    return {
        "template": "trainees/learning/_results_panel.html",
        "section": "results",
        "course": course,
        # Scores and completion only once the course has started (a planned course offers no scores).
        "started": course.status in ("in_progress", "finished"),
        "sessions": sessions,
        "manager": manager,
        "below": below,
        "minimum": minimum,
    }


def attendance_dashboard_panel(request):
    """Dashboard: sessions of the last week and today whose grid the user may fill, untaken first."""
    import datetime

    from django.db.models import Exists, OuterRef

    from courses.models import Session
    from trainees.models import Attendance

    manager = is_manager(request.user)
    if not manager and not has_role(request.user, Role.LECTURER):
        return None
    today = timezone.localdate()
    sessions = (
        Session.objects.filter(date__range=(today - datetime.timedelta(days=7), today))
        .exclude(course__status=Course.Status.CANCELLED)
        .select_related("course", "topic")
        .annotate(taken=Exists(Attendance.objects.filter(session=OuterRef("pk"))))
    )
    if not manager:
        sessions = sessions.filter(lecturer__user=request.user)
    sessions = list(sessions.order_by("taken", "-date", "-start_time")[:10])
    if not sessions:
        return None
    return {"template": "trainees/learning/_attendance_dashboard_panel.html", "sessions": sessions}
