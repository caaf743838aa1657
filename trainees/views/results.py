"""A course's results page: attendance share (with the early warning), scores, grades, completion
(proposal → staff review → director's confirmation), the decision document and certificates."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from center.models import Center
from center.pdf import pdf_response, render_pdf
from center.roles import MANAGERS, STAFF, Role, has_role, role_required
from courses.models import Course
from trainees.forms_results import IssueForm, ScorePasteForm, read_scores
from trainees.models import Enrolment
from trainees.selectors_results import course_for_results, course_results, course_roster, is_manager
from trainees.services import attendance as attendance_svc
from trainees.services import results as svc

ERROR_DECISION_NOT_CONFIRMED = gettext_lazy(
    "The completion decision can be printed only after the director has confirmed the completion list."
)


def _rows_with_proposals(course):
    rows = course_results(course)
    for row in rows:
        row.proposal = svc.completion_proposal(programme=course.programme, share=row.share, score=row.enrolment.score)
        row.below_threshold = row.share is not None and row.share < course.programme.min_attendance_percent
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
        "trainees/results_course.html",
        {
            "course": course,
            "rows": rows,
            "is_manager": is_manager(request.user),
            "is_director": has_role(request.user, Role.DIRECTOR),
            "confirmed": confirmed,
            "course_running": course.status != Course.Status.FINISHED and course.end_date >= timezone.localdate(),
            "waiting_for_certificate": sum(
                1
                for r in rows
                if r.enrolment.completion == Enrolment.Completion.COMPLETED
                and r.enrolment.completion_confirmed_at
                and not r.certificates
            ),
            "certified": sum(1 for r in rows if r.current_certificate),
            "issue_form": IssueForm(initial={"issued_on": timezone.localdate()}),
        },
    )


@role_required(*STAFF)
def results_scores(request, pk: int):
    course = course_for_results(request.user, pk)
    roster = list(course_roster(course))
    errors: dict[int, str] = {}
    paste_form = ScorePasteForm(prefix="paste")
    if request.method == "POST":
        if "paste-column" in request.POST:
            paste_form = ScorePasteForm(request.POST, prefix="paste")
            if paste_form.is_valid():
                try:
                    values = svc.parse_score_column(paste_form.cleaned_data["column"], roster=roster)
                except svc.ResultError as exc:
                    for line in str(exc).split("\n"):
                        paste_form.add_error("column", line)
                else:
                    scores = dict(zip([e.pk for e in roster], values, strict=True))
                    changed = svc.results_record(course=course, scores=scores, by=request.user)
                    messages.success(request, _("%(count)d results saved.") % {"count": changed})
                    return redirect("results_scores", pk=course.pk)
        else:
            scores, errors = read_scores(request.POST, roster=roster)
            if not errors:
                changed = svc.results_record(course=course, scores=scores, by=request.user)
                messages.success(request, _("%(count)d results saved.") % {"count": changed})
                return redirect("results_scores", pk=course.pk)
            messages.error(request, _("Some scores are not valid; nothing was saved."))
    rows = [
        {
            "enrolment": e,
            "value": request.POST.get(f"score-{e.pk}") if errors else ("" if e.score is None else e.score),
            "error": errors.get(e.pk),
        }
        for e in roster
    ]
    return render(request, "trainees/results_scores.html", {"course": course, "rows": rows, "paste_form": paste_form})


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
            messages.error(request, str(exc))
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
        "trainees/results_completion.html",
        {
            "course": course,
            "rows": rows,
            "is_director": has_role(request.user, Role.DIRECTOR),
            "reviewed": bool(rows) and all(r.enrolment.completion for r in rows),
            "confirmed": _confirmed(rows),
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
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Completion confirmed for %(count)d trainees.") % {"count": count})
    return redirect("results_completion", pk=course.pk)


def _decision_context(course):
    rows = course_results(course)
    completed = [
        r
        for r in rows
        if r.enrolment.completion == Enrolment.Completion.COMPLETED and r.enrolment.completion_confirmed_at
    ]
    confirmed_at = max((r.enrolment.completion_confirmed_at for r in completed), default=None)
    center = Center.load()
    return {
        "course": course,
        "rows": completed,
        "confirmed": _confirmed(rows),
        "center": center,
        "doc_code": "QĐ",
        "doc_date": timezone.localdate(confirmed_at) if confirmed_at else None,
        "title": "QUYẾT ĐỊNH",
        "subtitle": f"Công nhận hoàn thành chương trình {course.programme.name}",
        "signer_position": center.director_title,
        "signer_name": center.director_name,
        "recipients": ["Như Điều 3,", "Lưu văn phòng."],
    }


def _refuse_unconfirmed_decision(request, course, context):
    """The decision document exists only for a list the director has confirmed; else a message."""
    if context["confirmed"]:
        return None
    messages.error(request, ERROR_DECISION_NOT_CONFIRMED)
    return redirect("results_course", pk=course.pk)


@role_required(*MANAGERS)
def results_completion_decision(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    context = _decision_context(course)
    if refused := _refuse_unconfirmed_decision(request, course, context):
        return refused
    context.update(
        back_url=reverse("results_course", args=[course.pk]),
        pdf_url=reverse("results_completion_decision_pdf", args=[course.pk]),
    )
    return render(request, "print/completion_decision.html", context)


@role_required(*MANAGERS)
def results_completion_decision_pdf(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    context = _decision_context(course)
    if refused := _refuse_unconfirmed_decision(request, course, context):
        return refused
    content = render_pdf(template_name="print/completion_decision.html", context=context)
    return pdf_response(filename=f"QD hoan thanh {course.code}.pdf", content=content)


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
    below = [r for r in course_results(course) if r.share is not None and r.share < minimum]
    return {
        "template": "trainees/results_panel.html",
        "course": course,
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
    return {"template": "trainees/results_attendance_panel.html", "sessions": sessions}
