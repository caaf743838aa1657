"""The year's training plan: the list of years, a year's plan against what happened, its lines (while a draft),
the director's approval (issued as a numbered plan) and reopening."""

from django.contrib import messages
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.errors import show_error
from center.roles import MANAGERS, Role, has_role, role_required
from courses import plans
from courses.models import TrainingPlan
from courses.plan_forms import PlanLineFormSet, PlanNoteForm, ReasonForm, YearForm


@role_required(*MANAGERS)
def plan_list(request):
    this_year = timezone.localdate().year
    return render(
        request,
        "courses/plan_list.html",
        {
            "plans": TrainingPlan.objects.annotate(
                planned_classes=Coalesce(Sum("lines__classes"), 0), planned_learners=Coalesce(Sum("lines__learners"), 0)
            ).order_by("-year"),
            "form": YearForm(initial={"year": this_year + 1 if timezone.localdate().month >= 10 else this_year}),
        },
    )


@role_required(*MANAGERS)
@require_POST
def plan_create(request):
    form = YearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year between 2000 and 2100."))
        return redirect("plan_list")
    year = form.cleaned_data["year"]
    try:
        plans.plan_create(year=year, by=request.user)
    except plans.PlanError as exc:
        show_error(request, exc)
        if not TrainingPlan.objects.filter(year=year).exists():
            return redirect("plan_list")
    return redirect("plan_detail", year=year)


@role_required(*MANAGERS)
def plan_detail(request, year: int):
    plan = get_object_or_404(TrainingPlan, year=year)
    draft = plan.status == TrainingPlan.Status.DRAFT
    formset = note_form = None
    if draft:
        if request.method == "POST":
            formset = PlanLineFormSet(request.POST, instance=plan, prefix="lines")
            note_form = PlanNoteForm(request.POST, instance=plan)
            if formset.is_valid() and note_form.is_valid():
                try:
                    note_form.save()
                    plans.plan_save_lines(plan=plan, formset=formset, by=request.user)
                except plans.PlanError as exc:
                    show_error(request, exc)
                else:
                    messages.success(request, _("The plan was saved."))
                return redirect("plan_detail", year=plan.year)
        else:
            formset = PlanLineFormSet(instance=plan, prefix="lines")
            note_form = PlanNoteForm(instance=plan)
    elif request.method == "POST":
        messages.error(request, str(plans.ERROR_NOT_DRAFT))
        return redirect("plan_detail", year=plan.year)
    return render(
        request,
        "courses/plan_detail.html",
        {
            "plan": plan,
            "figures": plans.plan_figures(plan),
            "formset": formset,
            "note_form": note_form,
            "document": plans.plan_document(plan),
            "is_director": has_role(request.user, Role.DIRECTOR),
            "reason_form": ReasonForm(),
            "history": audit_for(plan),
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def plan_approve(request, year: int):
    plan = get_object_or_404(TrainingPlan, year=year)
    try:
        document = plans.plan_approve(plan=plan, by=request.user)
    except plans.PlanError as exc:
        show_error(request, exc)
    else:
        messages.success(
            request, _("The plan was approved and issued as number %(number)s.") % {"number": document.number_text}
        )
    return redirect("plan_detail", year=plan.year)


@role_required(Role.DIRECTOR)
@require_POST
def plan_reopen(request, year: int):
    plan = get_object_or_404(TrainingPlan, year=year)
    form = ReasonForm(request.POST)
    try:
        plans.plan_reopen(plan=plan, by=request.user, reason=form.cleaned_data["reason"] if form.is_valid() else "")
    except plans.PlanError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("The plan is open for changes; approve it again to issue the corrected plan."))
    return redirect("plan_detail", year=plan.year)
