from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from center.models import Unit
from center.roles import MANAGERS, role_required
from trainees.forms import EnrolmentForm, TraineeForm
from trainees.models import Trainee
from trainees.selectors import trainee_enrolments, trainee_history, trainee_search
from trainees.services.enrolments import can_decide
from trainees.services.trainees import TraineeError, trainee_duplicates_query, trainee_merge, trainee_save

PAGE_SIZE = 50


def get_trainee_for_staff(request, pk) -> Trainee:
    """A trainee record for the center's managers (role checked by the view's decorator); 404 if unknown."""
    return get_object_or_404(Trainee.objects.select_related("unit", "merged_into", "user"), pk=pk)


@role_required(*MANAGERS)
def trainee_list(request):
    query = request.GET.get("q", "").strip()
    unit_id = request.GET.get("unit") or None
    if unit_id and not str(unit_id).isdigit():
        unit_id = None
    page = Paginator(trainee_search(query=query, unit_id=unit_id), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "trainees/trainee_list.html",
        {"page": page, "query": query, "unit_id": int(unit_id) if unit_id else None, "units": Unit.objects.all()},
    )


def _save(request, trainee: Trainee, template: str):
    form = TraineeForm(request.POST or None, instance=trainee)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        duplicates = list(
            trainee_duplicates_query(
                full_name=cd["full_name"],
                date_of_birth=cd.get("date_of_birth"),
                citizen_id=cd.get("citizen_id"),
                exclude_pk=trainee.pk,
            )
        )
        same_id = [d for d in duplicates if cd.get("citizen_id") and d.citizen_id == cd["citizen_id"]]
        if same_id:
            form.add_error(
                "citizen_id",
                _("This citizen ID is already on the record of %(name)s.") % {"name": same_id[0].full_name},
            )
        elif duplicates and not cd.get("confirm_distinct"):
            form.add_error(
                "confirm_distinct",
                _("A trainee with the same name and date of birth exists. Open that record, or tick this box."),
            )
        else:
            saved = trainee_save(trainee=form.instance, by=request.user)
            messages.success(request, _("Saved: %(name)s.") % {"name": saved.full_name})
            for warning in form.party_warnings:
                messages.warning(request, warning)
            return redirect("trainee_detail", pk=saved.pk)
    return render(request, template, {"form": form, "trainee": trainee, "duplicates": duplicates})


@role_required(*MANAGERS)
def trainee_create(request):
    return _save(request, Trainee(), "trainees/trainee_form.html")


@role_required(*MANAGERS)
def trainee_edit(request, pk):
    return _save(request, get_trainee_for_staff(request, pk), "trainees/trainee_form.html")


@role_required(*MANAGERS)
def trainee_detail(request, pk):
    trainee = get_trainee_for_staff(request, pk)
    duplicates = []
    if not trainee.merged_into_id:
        duplicates = list(
            trainee_duplicates_query(
                full_name=trainee.full_name,
                date_of_birth=trainee.date_of_birth,
                citizen_id=trainee.citizen_id,
                exclude_pk=trainee.pk,
            )
        )
    enrol_form = EnrolmentForm(initial={"trainee": trainee.pk, "sending_unit": trainee.unit_id})
    return render(
        request,
        "trainees/trainee_detail.html",
        {
            "trainee": trainee,
            "enrolments": trainee_enrolments(trainee),
            "duplicates": duplicates,
            "history": trainee_history(trainee),
            "enrol_form": enrol_form,
            "can_decide": can_decide(request.user),
        },
    )


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def trainee_merge_view(request, pk, into_pk):
    """Merge record ``pk`` (the duplicate) into ``into_pk`` (the one kept)."""
    duplicate = get_trainee_for_staff(request, pk)
    into = get_trainee_for_staff(request, into_pk)
    if request.method == "POST":
        try:
            trainee_merge(duplicate=duplicate, into=into, by=request.user, reason=request.POST.get("reason", ""))
        except TraineeError as exc:
            messages.error(request, exc.message)
            return redirect("trainee_detail", pk=duplicate.pk)
        messages.success(request, _("The records were merged into %(name)s.") % {"name": into.full_name})
        return redirect("trainee_detail", pk=into.pk)
    return render(request, "trainees/trainee_merge.html", {"duplicate": duplicate, "into": into})
