"""Trainee records (list, search, create, edit, merge) and the trainees' correction requests. Managers only."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from center.errors import show_error
from center.models import Unit
from center.params import id_param, text_param
from center.roles import MANAGERS, role_required, sees_sensitive_data, user_roles
from trainees.access import can_decide, correction_for_staff, trainee_for_staff
from trainees.enrolment.forms import EnrolmentForm
from trainees.models import CorrectionRequest, Trainee
from trainees.records.forms import CorrectionCloseForm, TraineeForm
from trainees.records.selectors import (
    open_correction_requests,
    trainee_enrolments,
    trainee_history,
    trainee_page,
    trainee_search,
)
from trainees.records.services import (
    TraineeError,
    correction_record_unchanged,
    correction_request_close,
    trainee_duplicates_query,
    trainee_merge,
    trainee_save,
)

PAGE_SIZE = 50


@role_required(*MANAGERS)
def trainee_list(request):
    query = text_param(request.GET.get("q"))
    unit_id = id_param(request.GET.get("unit"))
    page = trainee_page(query=query, unit_id=unit_id, page=request.GET.get("page"), per_page=PAGE_SIZE)
    return render(
        request,
        "trainees/records/trainee_list.html",
        {"page": page, "query": query, "unit_id": unit_id, "units": Unit.objects.all()},
    )


# The export is capped so one click cannot build a workbook of the whole database by mistake.
EXPORT_MAX_ROWS = 20000


@role_required(*MANAGERS)
def trainee_export(request):
    """The trainee list as an Excel workbook, with the same search and unit filter as the page (every cell
    through center.xlsx: a name that starts with "=" stays text). Citizen IDs masked as on the page."""
    import datetime
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from center import xlsx
    from center.pdf import file_response

    query = text_param(request.GET.get("q"))
    unit_id = id_param(request.GET.get("unit"))
    book = Workbook()
    sheet = book.active
    sheet.title = _("Trainees")[:31]
    headers = [
        _("Full name"),
        _("Date of birth"),
        _("Unit"),
        _("Position"),
        _("Party membership"),
        _("Phone"),
        _("Citizen ID"),
    ]
    xlsx.append(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for t in trainee_search(query=query, unit_id=unit_id)[:EXPORT_MAX_ROWS]:
        xlsx.append(
            sheet,
            [
                t.full_name,
                t.date_of_birth,
                t.unit.name if t.unit_id else "",
                t.position,
                t.get_party_status_display(),
                t.phone,
                t.masked_citizen_id,
            ],
        )
    for (cell,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        if isinstance(cell.value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFG", (30, 12, 30, 28, 18, 14, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return file_response(
        filename="Danh sach hoc vien.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content=buffer.getvalue(),
    )


def _save(request, trainee: Trainee, template: str):
    form = TraineeForm(request.POST or None, instance=trainee, sensitive=sees_sensitive_data(request.user))
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
    return _save(request, Trainee(), "trainees/records/trainee_form.html")


@role_required(*MANAGERS)
def trainee_edit(request, pk):
    return _save(request, trainee_for_staff(request.user, pk), "trainees/records/trainee_form.html")


@role_required(*MANAGERS)
def trainee_detail(request, pk):
    trainee = trainee_for_staff(request.user, pk)
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
        "trainees/records/trainee_detail.html",
        {
            "trainee": trainee,
            "sensitive": sees_sensitive_data(request.user),
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
    duplicate = trainee_for_staff(request.user, pk)
    into = trainee_for_staff(request.user, into_pk)
    if request.method == "POST":
        try:
            trainee_merge(
                duplicate=duplicate,
                into=into,
                by=request.user,
                reason=text_param(request.POST.get("reason", ""), max_length=1000),
            )
        except TraineeError as exc:
            show_error(request, exc)
            return redirect("trainee_detail", pk=duplicate.pk)
        messages.success(request, _("The records were merged into %(name)s.") % {"name": into.full_name})
        return redirect("trainee_detail", pk=into.pk)
    return render(request, "trainees/records/trainee_merge.html", {"duplicate": duplicate, "into": into})


RECORD_UNCHANGED_REMINDER = gettext_lazy(
    "Reminder: the record of %(name)s has not been changed since the request was sent. "
    "If the correction is still to be made, open the record and edit it."
)


@role_required(*MANAGERS)
def correction_list(request):
    """The trainees' correction requests: open ones first (a task list), the handled ones below."""
    show_all = request.GET.get("all") == "1"
    requests = (
        CorrectionRequest.objects.select_related("trainee__unit", "handled_by").order_by("-created_at")
        if show_all
        else open_correction_requests().order_by("created_at")
    )
    return render(
        request,
        "trainees/records/correction_list.html",
        {"corrections": requests, "show_all": show_all, "form": CorrectionCloseForm()},
    )


@role_required(*MANAGERS)
@require_POST
def correction_handle(request, pk):
    correction = correction_for_staff(request.user, pk)
    form = CorrectionCloseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("correction_list")
    try:
        closed = correction_request_close(
            correction=correction, status=form.cleaned_data["status"], reply=form.cleaned_data["reply"], by=request.user
        )
    except TraineeError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("The request has been closed; the trainee sees your reply."))
        if closed.status == CorrectionRequest.Status.DONE and correction_record_unchanged(correction=closed):
            messages.warning(request, RECORD_UNCHANGED_REMINDER % {"name": closed.trainee.full_name})
    return redirect("correction_list")


def corrections_panel(request):
    """Dashboard panel for managers: how many correction requests wait."""
    if not user_roles(request.user) & MANAGERS:
        return None
    count = open_correction_requests().count()
    if not count:
        return None
    return {"template": "trainees/records/_corrections_panel.html", "open_count": count}
