"""Excel import of a unit's list into one course: upload → preview (nothing written) → confirm.

The uploaded file is kept in media storage under a random name known only to this session; the preview
and the confirmation both parse that stored file again, so nothing the browser sends back is trusted."""

import datetime
import secrets

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from center.errors import show_error, show_form_error
from center.models import Unit
from center.roles import MANAGERS, role_required
from trainees.access import can_decide, course_with_seats_for_staff
from trainees.enrolment.forms import ImportUploadForm
from trainees.enrolment.imports import MAX_BYTES, ImportFileError, import_commit, import_parse, import_template
from trainees.enrolment.services import ENROLMENT_CLOSED

SESSION_KEY = "trainee_imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _path(token: str) -> str:
    return f"imports/{token}.xlsx"


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
            unit = form.cleaned_data.get("unit")
            try:
                import_parse(data=data, course=course, default_unit=unit)
            except ImportFileError as exc:
                show_form_error(form, exc, "file")
            else:
                _remove_stale_uploads()
                token = secrets.token_urlsafe(18)
                default_storage.save(_path(token), ContentFile(data))
                imports = request.session.get(SESSION_KEY, {})
                nomination_date = form.cleaned_data.get("nomination_date")
                imports[token] = {
                    "course": course.pk,
                    "unit": unit.pk if unit else None,
                    "nomination_number": form.cleaned_data.get("nomination_number", ""),
                    "nomination_date": nomination_date.isoformat() if nomination_date else "",
                    "at": timezone.now().isoformat(),
                }
                request.session[SESSION_KEY] = imports
                return redirect("import_preview", token=token)
    return render(request, "trainees/enrolment/import_upload.html", {"form": form, "course": course})


def _remove_stale_uploads(max_age=datetime.timedelta(days=1)) -> None:
    """Uploads previewed but never confirmed or cancelled are removed after a day."""
    try:
        _dirs, files = default_storage.listdir("imports")
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - max_age
    for name in files:
        path = f"imports/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def _session_import(request, token: str) -> dict:
    """The import this session uploaded under ``token``; 404 for anyone else's or an unknown one."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if entry is None or not default_storage.exists(_path(token)):
        raise Http404
    return entry


def _forget(request, token: str) -> None:
    imports = request.session.get(SESSION_KEY, {})
    imports.pop(token, None)
    request.session[SESSION_KEY] = imports
    if default_storage.exists(_path(token)):
        default_storage.delete(_path(token))


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def import_preview(request, token):
    entry = _session_import(request, token)
    course = course_with_seats_for_staff(request.user, entry["course"])
    unit = Unit.objects.filter(pk=entry["unit"]).first() if entry["unit"] else None
    with default_storage.open(_path(token), "rb") as handle:
        data = handle.read()
    if request.method == "POST":
        if "cancel" in request.POST:
            _forget(request, token)
            messages.info(request, _("The import was cancelled; nothing was written."))
            return redirect("import_upload", pk=course.pk)
        nomination_date = entry.get("nomination_date")
        try:
            preview = import_commit(
                data=data,
                course=course,
                by=request.user,
                default_unit=unit,
                nomination_number=entry.get("nomination_number", ""),
                nomination_date=datetime.date.fromisoformat(nomination_date) if nomination_date else None,
            )
        except ImportFileError as exc:
            show_error(request, exc)
        else:
            _forget(request, token)
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
    try:
        preview = import_parse(data=data, course=course, default_unit=unit)
    except ImportFileError as exc:
        _forget(request, token)
        show_error(request, exc)
        return redirect("import_upload", pk=course.pk)
    return render(
        request,
        "trainees/enrolment/import_preview.html",
        {
            "preview": preview,
            "course": course,
            "unit": unit,
            "counts": {status: preview.count(status) for status in ("new", "matched", "skipped", "error")},
        },
    )
