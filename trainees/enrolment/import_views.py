"""Excel import of a unit's list into one course: upload → preview (nothing written) → confirm.

The uploaded file is kept in the database (``ImportUpload``: never a file under MEDIA_ROOT, so never
served) under a random token known only to the session that uploaded it. Each step reads the file once,
outside any transaction: the upload to check it, the preview to show it, the confirmation to import it
(and, if that is refused, to show why), so nothing the browser sends back is trusted. The upload carries
its sending unit and nomination document; the session also keeps the unknown "Đơn vị" values the clerk has
read as known units on the preview ("did you mean"). Nothing is written until the clean preview is confirmed."""

import secrets

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from center.errors import show_error, show_form_error
from center.roles import MANAGERS, role_required
from trainees.access import can_decide, course_with_seats_for_staff
from trainees.enrolment.forms import ImportUnitMapForm, ImportUploadForm
from trainees.enrolment.imports import (
    MAX_BYTES,
    ImportFileError,
    import_commit,
    import_preview,
    import_read,
    import_template,
    import_unit_map,
    import_upload_forget,
    import_upload_keep,
    unit_value_key,
)
from trainees.enrolment.services import ENROLMENT_CLOSED
from trainees.models import ImportUpload
from trainees.records.forms import active_units

SESSION_KEY = "trainee_imports"
UNITS_KEY = "trainee_import_units"  # {token: {"Đơn vị" value as written: unit pk}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required(*MANAGERS)
def import_template_download(request):
    response = HttpResponse(import_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-hoc-vien.xlsx"'
    return response


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def import_upload(request, pk):
    course = course_with_seats_for_staff(request.user, pk)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not course.enrolment_open and not can_decide(request.user):
            form.add_error(None, str(ENROLMENT_CLOSED))
        elif upload.size > MAX_BYTES:
            form.add_error("file", _("The file is larger than 5 MB. Split the list into several files."))
        else:
            data = upload.read()
            try:
                import_read(data=data)
            except ImportFileError as exc:
                show_form_error(form, exc, "file")
            else:
                kept = import_upload_keep(
                    token=secrets.token_urlsafe(18),
                    data=data,
                    course=course,
                    by=request.user,
                    unit=form.cleaned_data.get("unit"),
                    nomination_number=form.cleaned_data.get("nomination_number", ""),
                    nomination_date=form.cleaned_data.get("nomination_date"),
                )
                request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), kept.token][-20:]
                return redirect("import_preview", token=kept.token)
    return render(request, "trainees/enrolment/import_upload.html", {"form": form, "course": course})


def _session_import(request, token: str) -> ImportUpload:
    """The import this session uploaded under ``token``; 404 for anyone else's, an unknown one, or one the
    clean-up has removed."""
    if token not in request.session.get(SESSION_KEY, []):
        raise Http404
    upload = ImportUpload.objects.select_related("unit").filter(token=token, uploaded_by=request.user).first()
    if upload is None:
        raise Http404
    return upload


def _forget(request, upload: ImportUpload) -> None:
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != upload.token]
    request.session[UNITS_KEY] = {
        t: m for t, m in request.session.get(UNITS_KEY, {}).items() if t in request.session[SESSION_KEY]
    }
    import_upload_forget(upload=upload)


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def import_preview_view(request, token):
    upload = _session_import(request, token)
    course = course_with_seats_for_staff(request.user, upload.course_id)
    if request.method == "POST" and "cancel" in request.POST:
        _forget(request, upload)
        messages.info(request, _("The import was cancelled; nothing was written."))
        return redirect("import_upload", pk=course.pk)
    try:
        rows = import_read(data=bytes(upload.data))
    except ImportFileError as exc:
        _forget(request, upload)
        show_error(request, exc)
        return redirect("import_upload", pk=course.pk)
    chosen_units = request.session.get(UNITS_KEY, {}).get(token, {})
    unit_map = import_unit_map(chosen_units)
    if request.method == "POST" and ("map_unit" in request.POST or "unmap_units" in request.POST):
        _map_unit(request, upload, rows=rows, course=course, unit_map=unit_map)
        return redirect("import_preview", token=token)
    if request.method == "POST":
        try:
            preview = import_commit(
                rows=rows,
                course=course,
                by=request.user,
                sending_unit=upload.unit,
                nomination_number=upload.nomination_number,
                nomination_date=upload.nomination_date,
                unit_map=unit_map,
            )
        except ImportFileError as exc:
            show_error(request, exc)
        else:
            _forget(request, upload)
            messages.success(
                request,
                _(
                    "Imported %(count)s rows (%(new)s new, %(matched)s already on file), all pending approval; "
                    "%(skipped)s already enrolled in this course, skipped."
                )
                % {
                    "count": len(preview.importable),
                    "new": preview.count("new"),
                    "matched": preview.count("matched"),
                    "skipped": preview.count("skipped"),
                },
            )
            return redirect("course_enrolments", pk=course.pk)
    preview = import_preview(rows=rows, course=course, default_unit=upload.unit, unit_map=unit_map)
    mapped = {value: unit_map[unit_value_key(value)] for value in chosen_units if unit_value_key(value) in unit_map}
    return render(
        request,
        "trainees/enrolment/import_preview.html",
        {
            "preview": preview,
            "course": course,
            "unit": upload.unit,
            "nomination_number": upload.nomination_number,
            "nomination_date": upload.nomination_date,
            "mapped": sorted((value, unit.name) for value, unit in mapped.items()),
            "units": active_units(),
            "counts": {status: preview.count(status) for status in ("new", "matched", "skipped", "error")},
        },
    )


def _map_unit(request, upload: ImportUpload, *, rows: list, course, unit_map: dict) -> None:
    """Accept the preview's "did you mean": read one unknown "Đơn vị" value of this file as a known unit
    (or, with ``unmap_units``, forget every such choice). Only values the file really has unknown are
    accepted; the rows are checked again on the next page."""
    chosen = request.session.get(UNITS_KEY, {})
    if "unmap_units" in request.POST:
        chosen.pop(upload.token, None)
    else:
        form = ImportUnitMapForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a unit from the list."))
            return
        preview = import_preview(rows=rows, course=course, default_unit=upload.unit, unit_map=unit_map)
        unknown = {unit_value_key(value): value for value, _choices, _rows in preview.unknown_units}
        value = unknown.get(unit_value_key(form.cleaned_data["value"]))
        if value is None:
            messages.error(
                request, _("The file has no unknown unit “%(value)s”.") % {"value": form.cleaned_data["value"]}
            )
            return
        unit = form.cleaned_data["unit"]
        chosen.setdefault(upload.token, {})[value] = unit.pk
        messages.success(
            request,
            _("“%(value)s” is read as %(unit)s; check the preview again.") % {"value": value, "unit": unit.name},
        )
    request.session[UNITS_KEY] = chosen
