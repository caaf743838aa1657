from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.models import Unit
from center.roles import MANAGERS, role_required
from courses.models import Course
from trainees.forms import BulkDecisionForm, DecisionForm, EnrolmentForm
from trainees.models import Enrolment, Trainee
from trainees.selectors import course_enrolments, course_with_seats, pending_enrolments_for_director, trainee_search
from trainees.services import enrolments as svc
from trainees.wording import course_phrase


def decider_required(view):
    """Managers only (role_required), and of them only the director or the delegated deputy: 403."""

    @role_required(*MANAGERS)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not svc.can_decide(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def get_enrolment_for_staff(request, pk) -> Enrolment:
    """An enrolment for the center's managers; 404 if unknown."""
    return get_object_or_404(
        Enrolment.objects.select_related(
            "trainee", "trainee__unit", "course", "course__programme", "sending_unit", "submitted_by", "decided_by"
        ),
        pk=pk,
    )


def get_course_for_staff(request, pk) -> Course:
    """A course with its seat counts, for the center's managers; 404 if unknown."""
    try:
        return course_with_seats(pk)
    except Course.DoesNotExist as exc:
        raise Http404 from exc


@role_required(*MANAGERS)
def enrolment_create(request):
    """Submit a trainee to a course: pick the course and the trainee (search), then the nomination."""
    can_decide = svc.can_decide(request.user)
    initial = {"course": request.GET.get("course"), "trainee": request.GET.get("trainee")}
    form = EnrolmentForm(request.POST or None, initial=initial, allow_override=can_decide)
    trainee = None
    trainee_pk = request.POST.get("trainee") or request.GET.get("trainee")
    if trainee_pk and str(trainee_pk).isdigit():
        trainee = Trainee.objects.filter(pk=trainee_pk, merged_into__isnull=True).select_related("unit").first()
        if trainee and not request.POST:
            form.initial["sending_unit"] = trainee.unit_id
    query = request.GET.get("q", "").strip()
    candidates = trainee_search(query=query)[:20] if query else []
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            enrolment = svc.enrolment_submit(
                trainee=cd["trainee"],
                course=cd["course"],
                by=request.user,
                sending_unit=cd.get("sending_unit"),
                nomination_number=cd.get("nomination_number", ""),
                nomination_date=cd.get("nomination_date"),
                override_reason=cd.get("override_reason", ""),
            )
        except svc.EnrolmentError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s has been submitted to %(course)s, awaiting the director's approval.")
                % {"name": enrolment.trainee.full_name, "course": course_phrase(enrolment.course)},
            )
            return redirect("enrolment_detail", pk=enrolment.pk)
    return render(
        request,
        "trainees/enrolment_form.html",
        {"form": form, "trainee": trainee, "query": query, "candidates": candidates, "course_id": initial["course"]},
    )


@role_required(*MANAGERS)
def course_enrolments_view(request, pk):
    course = get_course_for_staff(request, pk)
    enrolments = list(course_enrolments(course))
    groups = {status: [e for e in enrolments if e.status == status] for status in Enrolment.Status.values}
    return render(
        request,
        "trainees/course_enrolments.html",
        {
            "course": course,
            "groups": [(label, value, groups[value]) for value, label in Enrolment.Status.choices],
            "seats_left": max(course.capacity - course.approved_count, 0),
            "can_decide": svc.can_decide(request.user),
        },
    )


@role_required(*MANAGERS)
def enrolment_detail(request, pk):
    enrolment = get_enrolment_for_staff(request, pk)
    course = course_with_seats(enrolment.course_id)
    return render(
        request,
        "trainees/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "course": course,
            "seats_left": max(course.capacity - course.approved_count, 0),
            "eligibility_problem": svc.eligibility_problem(trainee=enrolment.trainee, course=enrolment.course),
            "history": audit_for(enrolment)[:50],
            "can_decide": svc.can_decide(request.user),
        },
    )


@require_POST
@decider_required
def enrolment_decide(request, pk):
    """One decision on one enrolment: approve, reject, waitlist, withdraw or promote."""
    enrolment = get_enrolment_for_staff(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("enrolment_detail", pk=pk)
    cd = form.cleaned_data
    action = cd["action"]
    try:
        if action == "approve":
            result = svc.enrolment_approve(
                enrolment=enrolment,
                by=request.user,
                when_full=cd.get("when_full") or svc.WHEN_FULL_REFUSE,
                override_reason=cd.get("override_reason", ""),
            )
        elif action == "reject":
            result = svc.enrolment_reject(enrolment=enrolment, by=request.user, reason=cd.get("reason", ""))
        elif action == "waitlist":
            result = svc.enrolment_waitlist(enrolment=enrolment, by=request.user, reason=cd.get("reason", ""))
        elif action == "withdraw":
            result = svc.enrolment_withdraw(enrolment=enrolment, by=request.user, reason=cd.get("reason", ""))
        else:
            result = svc.enrolment_promote(enrolment=enrolment, by=request.user)
    except svc.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.") % {"name": result.trainee.full_name, "status": result.get_status_display()},
        )
    return redirect(_safe_next(request, reverse("enrolment_detail", kwargs={"pk": pk})))


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@decider_required
def approval_queue(request):
    """The director's queue: pending enrolments grouped by course, seats left, bulk decisions."""
    unit_id = request.GET.get("unit") or request.POST.get("unit") or None
    if unit_id and not str(unit_id).isdigit():
        unit_id = None
    course_id = request.GET.get("course") or None
    if course_id and not str(course_id).isdigit():
        course_id = None
    courses = pending_enrolments_for_director(unit_id=unit_id, course_id=course_id)
    form = BulkDecisionForm(
        request.POST or None,
        prefix="bulk",
        enrolment_ids=[e.pk for c in courses for e in c.queue],
        initial={"when_full": svc.WHEN_FULL_REFUSE},
    )
    if request.method == "POST":
        if form.is_valid():
            cd = form.cleaned_data
            chosen = (
                Enrolment.objects.filter(pk__in=cd["enrolments"])
                .select_related("trainee")
                .order_by("submitted_at", "pk")
            )
            done, failures = svc.enrolments_decide(
                enrolments=list(chosen),
                action=cd["action"],
                by=request.user,
                reason=cd.get("reason", ""),
                when_full=cd.get("when_full") or svc.WHEN_FULL_REFUSE,
            )
            if done:
                messages.success(request, _("Decided: %(count)s enrolment(s).") % {"count": len(done)})
            for enrolment, message in failures:
                messages.error(request, f"{enrolment.trainee.full_name}: {message}")
            return redirect(request.get_full_path())
        for error in form.non_field_errors() + form.errors.get("reason", []) + form.errors.get("enrolments", []):
            messages.error(request, error)
    return render(
        request,
        "trainees/approval_queue.html",
        {
            "courses": courses,
            "form": form,
            "units": Unit.objects.all(),
            "unit_id": int(unit_id) if unit_id else None,
            "total": sum(len(c.queue) for c in courses),
        },
    )


def pending_panel(request):
    """Dashboard: how many enrolments wait for the director's decision (deciders only)."""
    if not svc.can_decide(request.user):
        return None
    from trainees.selectors import pending_count

    return {"template": "trainees/_pending_panel.html", "pending": pending_count()}
