"""Enrolments: submit (one or a batch), a course's enrolments, decisions, the director's approval queue."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.errors import show_error, show_form_error
from center.models import Unit
from center.params import id_param, text_param
from center.roles import MANAGERS, role_required, user_roles
from courses.models import Course, IssuedDocument
from courses.register import current_document
from trainees import access
from trainees.enrolment import officers
from trainees.enrolment import services as svc
from trainees.enrolment.forms import (
    BulkDecisionForm,
    ClassOfficersForm,
    DecisionForm,
    EnrolmentBatchForm,
    EnrolmentForm,
    open_courses,
)
from trainees.enrolment.selectors import (
    course_enrolments,
    course_with_seats,
    overlap_needs_confirmation,
    overlap_warning,
    pending_enrolments_page,
    programme_overlaps,
    programme_overlaps_many,
    seats_left,
)
from trainees.models import Enrolment, Trainee
from trainees.records.selectors import trainee_search
from trainees.wording import course_phrase


def _course_or_none(value):
    if value and str(value).isdigit():
        return open_courses().select_related("programme").filter(pk=value).first()
    return None


@role_required(*MANAGERS)
def enrolment_create(request):
    """Submit a trainee to a course: pick the course and the trainee (search), then the nomination. The
    search results can also be ticked and enrolled together (``batch``, all or nothing). When the
    trainee fails the programme's rule, the rule is shown, and a decider gets a field for the override
    reason."""
    can_decide = access.can_decide(request.user)
    if request.method == "POST" and "batch" in request.POST:
        return _enrolment_batch(request, can_decide)
    initial = {"course": request.GET.get("course"), "trainee": request.GET.get("trainee")}
    course = _course_or_none(request.POST.get("course") or initial["course"])
    trainee = None
    trainee_pk = request.POST.get("trainee") or request.GET.get("trainee")
    if trainee_pk and str(trainee_pk).isdigit():
        trainee = Trainee.objects.filter(pk=trainee_pk, merged_into__isnull=True).select_related("unit").first()
    problem = svc.eligibility_problem(trainee=trainee, course=course) if trainee and course else ""
    overlaps = (
        [overlap_warning(e) for e in programme_overlaps(trainee_ids=[trainee.pk], course=course).get(trainee.pk, [])]
        if trainee and course
        else []
    )
    form = EnrolmentForm(request.POST or None, initial=initial, allow_override=can_decide and bool(problem))
    if trainee and not request.POST:
        form.initial["sending_unit"] = trainee.unit_id
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
            show_form_error(form, exc, "override_reason" if "override_reason" in form.fields else None)
        else:
            messages.success(
                request,
                _("%(name)s has been submitted to %(course)s, awaiting the director's approval.")
                % {"name": enrolment.trainee.full_name, "course": course_phrase(enrolment.course)},
            )
            for warning in overlaps:
                messages.warning(request, f"{enrolment.trainee.full_name}: {warning}")
            return redirect("enrolment_detail", pk=enrolment.pk)
    query = text_param(request.GET.get("q"))
    return render(
        request,
        "trainees/enrolment/enrolment_form.html",
        {
            "form": form,
            "trainee": trainee,
            "query": query,
            "course": course,
            "course_id": initial["course"],
            "eligibility_problem": problem,
            "overlaps": overlaps,
            "can_decide": can_decide,
            **_candidates_context(query=query, course=course, can_decide=can_decide),
        },
    )


def _candidates_context(*, query: str, course, can_decide: bool, batch_form=None, failures=None) -> dict:
    """The search results, each with the course's rule it fails and its other enrolments in the programme."""
    candidates = list(trainee_search(query=query)[:20]) if query else []
    overlaps = programme_overlaps(trainee_ids=[t.pk for t in candidates], course=course) if course else {}
    failures = failures or {}
    for t in candidates:
        t.problem = svc.eligibility_problem(trainee=t, course=course) if course else ""
        t.overlaps = [overlap_warning(e) for e in overlaps.get(t.pk, [])]
        t.failure = failures.get(t.pk, "")
    if batch_form is None:
        batch_form = EnrolmentBatchForm(initial={"course": course.pk if course else None})
    return {
        "candidates": candidates,
        "batch_form": batch_form,
        "courses": open_courses(),
        "selected_trainees": {int(v) for v in (batch_form["trainees"].value() or []) if str(v).isdigit()},
    }


def _enrolment_batch(request, can_decide: bool):
    form = EnrolmentBatchForm(request.POST)
    query = text_param(request.POST.get("q"))
    failures = {}
    if form.is_valid():
        cd = form.cleaned_data
        overrides = {}
        if can_decide:
            overrides = {
                t.pk: request.POST.get(f"override_reason_{t.pk}", "").strip()
                for t in cd["trainees"]
                if request.POST.get(f"override_reason_{t.pk}", "").strip()
            }
        try:
            done = svc.enrolments_submit_many(
                trainees=cd["trainees"],
                course=cd["course"],
                by=request.user,
                nomination_number=cd.get("nomination_number", ""),
                nomination_date=cd.get("nomination_date"),
                overrides=overrides,
            )
        except svc.BatchError as exc:
            show_form_error(form, exc, None)
            failures = {trainee.pk: message for trainee, message in exc.failures}
        except svc.EnrolmentError as exc:
            show_form_error(form, exc, None)
        else:
            messages.success(
                request,
                _("%(count)s trainee(s) submitted to %(course)s, awaiting the director's approval.")
                % {"count": len(done), "course": course_phrase(cd["course"])},
            )
            return redirect("course_enrolments", pk=cd["course"].pk)
    course = form.cleaned_data.get("course") if hasattr(form, "cleaned_data") else None
    return render(
        request,
        "trainees/enrolment/enrolment_form.html",
        {
            "form": None,
            "trainee": None,
            "query": query,
            "course": course,
            "course_id": course.pk if course else None,
            "can_decide": can_decide,
            **_candidates_context(
                query=query, course=course, can_decide=can_decide, batch_form=form, failures=failures
            ),
        },
    )


@role_required(*MANAGERS)
def course_enrolments_view(request, pk):
    course = access.course_with_seats_for_staff(request.user, pk)
    enrolments = list(course_enrolments(course))
    groups = {status: [e for e in enrolments if e.status == status] for status in Enrolment.Status.values}
    return render(
        request,
        "trainees/enrolment/course_enrolments.html",
        {
            "course": course,
            "groups": [(label, value, groups[value]) for value, label in Enrolment.Status.choices],
            "seats_left": seats_left(course),
            "can_decide": access.can_decide(request.user),
        },
    )


@role_required(*MANAGERS)
def enrolment_detail(request, pk):
    enrolment = access.enrolment_for_staff(request.user, pk)
    course = course_with_seats(enrolment.course_id)
    overlaps = programme_overlaps(trainee_ids=[enrolment.trainee_id], course=course).get(enrolment.trainee_id, [])
    return render(
        request,
        "trainees/enrolment/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "course": course,
            "seats_left": seats_left(course),
            "eligibility_problem": svc.eligibility_problem(trainee=enrolment.trainee, course=enrolment.course),
            "overlaps": [overlap_warning(o) for o in overlaps],
            "overlap_needs_confirmation": any(overlap_needs_confirmation(o) for o in overlaps),
            "history": audit_for(enrolment)[:50],
            "can_decide": access.can_decide(request.user),
        },
    )


@require_POST
@access.decider_required
def enrolment_decide(request, pk):
    """One decision on one enrolment: approve, reject, waitlist, withdraw or promote."""
    enrolment = access.enrolment_for_staff(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("enrolment_detail", pk=pk)
    cd = form.cleaned_data
    action = cd["action"]
    confirm_overlap = bool(request.POST.get("confirm_overlap") or request.POST.get(f"confirm_overlap_{pk}"))
    try:
        if action == "approve":
            result = svc.enrolment_approve(
                enrolment=enrolment,
                by=request.user,
                when_full=cd.get("when_full") or svc.WHEN_FULL_REFUSE,
                override_reason=cd.get("override_reason") or request.POST.get(f"override_reason_{pk}", ""),
                confirm_overlap=confirm_overlap,
            )
        elif action == "reject":
            result = svc.enrolment_reject(enrolment=enrolment, by=request.user, reason=cd.get("reason", ""))
        elif action == "waitlist":
            result = svc.enrolment_waitlist(enrolment=enrolment, by=request.user, reason=cd.get("reason", ""))
        elif action == "withdraw":
            result = svc.enrolment_withdraw(enrolment=enrolment, by=request.user, reason=cd.get("reason", ""))
        else:
            result = svc.enrolment_promote(enrolment=enrolment, by=request.user, confirm_overlap=confirm_overlap)
    except svc.OverlapNotConfirmed as exc:
        show_error(request, exc)
        if action == "promote":  # the course's list has no tick: the enrolment's page has, beside the warning
            return redirect("enrolment_detail", pk=pk)
    except svc.EnrolmentError as exc:
        show_error(request, exc)
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


@access.decider_required
def approval_queue(request):
    """The director's queue: pending enrolments grouped by course, seats left, bulk decisions. A bulk
    approval that includes trainees who already completed, or are approved in, the same programme is
    refused as a whole unless each of them is ticked “Approve anyway”; the page then keeps the selection
    and says why beside each such row."""
    unit_id = id_param(request.GET.get("unit") or request.POST.get("unit"))
    course_id = id_param(request.GET.get("course"))
    page, courses = pending_enrolments_page(unit_id=unit_id, course_id=course_id, page=request.GET.get("page"))
    form = BulkDecisionForm(
        request.POST or None,
        prefix="bulk",
        enrolment_ids=[e.pk for c in courses for e in c.queue],
        initial={"when_full": svc.WHEN_FULL_REFUSE},
    )
    row_failures: dict = {}
    if request.method == "POST":
        if form.is_valid():
            cd = form.cleaned_data
            chosen = (
                Enrolment.objects.filter(pk__in=cd["enrolments"])
                .select_related("trainee")
                .order_by("submitted_at", "pk")
            )
            chosen = list(chosen)
            overrides = {
                e.pk: request.POST.get(f"override_reason_{e.pk}", "").strip()
                for e in chosen
                if request.POST.get(f"override_reason_{e.pk}", "").strip()
            }
            confirmed = {e.pk for e in chosen if request.POST.get(f"confirm_overlap_{e.pk}")}
            try:
                done, failures = svc.enrolments_decide(
                    enrolments=chosen,
                    action=cd["action"],
                    by=request.user,
                    reason=cd.get("reason", ""),
                    when_full=cd.get("when_full") or svc.WHEN_FULL_REFUSE,
                    overrides=overrides,
                    confirmed=confirmed,
                )
            except svc.BatchNotConfirmed as exc:
                show_error(request, exc)
                for enrolment, message in exc.failures:
                    messages.error(request, f"{enrolment.trainee.full_name}: {message}")
                row_failures = {enrolment.pk: message for enrolment, message in exc.failures}
            else:
                for message in _decision_summary(cd["action"], done, cd.get("reason", "")):
                    messages.success(request, message)
                for enrolment, message in failures:
                    messages.error(request, f"{enrolment.trainee.full_name}: {message}")
                return redirect(request.get_full_path())
        for error in form.non_field_errors() + form.errors.get("reason", []) + form.errors.get("enrolments", []):
            messages.error(request, error)
    selected = {int(v) for v in (form["enrolments"].value() or []) if str(v).isdigit()} if form.is_bound else set()
    overlaps = programme_overlaps_many(pairs=[(e.trainee_id, c) for c in courses for e in c.queue])
    for course in courses:
        for e in course.queue:
            e.eligibility_problem = svc.eligibility_problem(trainee=e.trainee, course=course)
            others = overlaps.get((e.trainee_id, course.pk), [])
            e.overlaps = [overlap_warning(o) for o in others]
            e.needs_confirmation = any(overlap_needs_confirmation(o) for o in others)
            e.failure = row_failures.get(e.pk, "")
            e.confirmed = bool(request.POST.get(f"confirm_overlap_{e.pk}"))
    return render(
        request,
        "trainees/enrolment/approval_queue.html",
        {
            "courses": courses,
            "form": form,
            "units": Unit.objects.all(),
            "unit_id": int(unit_id) if unit_id else None,
            "total": page.paginator.count,
            "page": page,
            "selected": selected,
            "chosen_action": form["action"].value() or "approve",
            "chosen_when_full": form["when_full"].value() or svc.WHEN_FULL_REFUSE,
            "chosen_reason": form["reason"].value() or "",
        },
    )


def _decision_summary(action: str, done: list, reason: str) -> list:
    """What was done, in words: “Approved 3 enrolment(s)”, “Not approved: 1 enrolment(s) (reason: …)”."""
    result = []
    approved = [e for e in done if e.status == Enrolment.Status.APPROVED]
    waitlisted = [e for e in done if e.status == Enrolment.Status.WAITLISTED]
    rejected = [e for e in done if e.status == Enrolment.Status.REJECTED]
    if approved:
        result.append(_("Approved %(count)s enrolment(s).") % {"count": len(approved)})
    if rejected:
        result.append(
            _("Not approved: %(count)s enrolment(s) (reason: %(reason)s).")
            % {"count": len(rejected), "reason": reason.strip()}
        )
    if waitlisted:
        if action == "approve":
            result.append(
                _("The course was full: %(count)s enrolment(s) put on the waiting list.") % {"count": len(waitlisted)}
            )
        else:
            result.append(_("Put %(count)s enrolment(s) on the waiting list.") % {"count": len(waitlisted)})
    return result


def pending_panel(request):
    """Dashboard: how many enrolments wait for the director's decision (deciders only)."""
    if not access.can_decide(request.user):
        return None
    from trainees.enrolment.selectors import pending_count

    return {"template": "trainees/enrolment/_pending_panel.html", "pending": pending_count()}


def officers_panel(request, course):
    """The course page's "Class officers" card (trainees section): who they are for all staff; managers name
    them, the director or signing deputy issues the decision naming them."""
    if course.status == Course.Status.CANCELLED:
        return None
    manager = bool(user_roles(request.user) & MANAGERS)
    current = officers.class_officers(course)
    decision = current_document(course=course, kind=IssuedDocument.Kind.OFFICERS_DECISION)
    return {
        "changed_since_decision": officers.changed_since(course, decision),
        "template": "trainees/enrolment/_officers_panel.html",
        "section": "trainees",
        "course": course,
        "officers": current,
        "form": ClassOfficersForm(course=course, officers=current, prefix="officers") if manager else None,
        "decision": decision,
        "can_issue": access.can_sign(request.user) and current.named,
        "kind": IssuedDocument.Kind.OFFICERS_DECISION,
    }


@role_required(*MANAGERS)
@require_POST
def class_officers_edit(request, pk):
    """Name the class administrator and the ban cán sự (managers)."""
    course = access.course_for_staff(request.user, pk)
    back = redirect(reverse("course_detail", args=[course.pk]) + "#section-trainees")
    form = ClassOfficersForm(request.POST, course=course, prefix="officers")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back
    data = form.cleaned_data
    try:
        officers.class_officers_set(
            course=course,
            administrator=data["administrator"],
            monitor=data["monitor"],
            deputies=[data["deputy_1"], data["deputy_2"]],
            by=request.user,
        )
    except officers.OfficersError as exc:
        show_error(request, exc)
        return back
    messages.success(request, _("The class officers are saved."))
    return back


def roster_panel(request, course):
    """The course page's class list (trainees section): who is in the class, their unit and office; for every
    staff member who may open the course (lecturers see who they teach). Names and units only: the printed
    roster, with dates of birth, is the managers'."""
    if course.status == Course.Status.CANCELLED:
        return None
    return {
        "template": "trainees/enrolment/_roster_panel.html",
        "section": "trainees",
        "roster": [(e, e.sending_unit or e.trainee.unit) for e in Enrolment.objects.roster(course)],
    }
