"""Excel import of a unit's list into one course: upload → preview (nothing written) → confirm.

The uploaded file is kept in the database (``ImportUpload``: never a file under MEDIA_ROOT, so never
served) under a random token known only to the session that uploaded it. Each step reads the file once,
outside any transaction: the upload to check it, the preview to show it, the confirmation to import it
(and, if that is refused, to show why), so nothing the browser sends back is trusted."""

import secrets

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from center.errors import show_error, show_form_error
from center.roles import MANAGERS, role_required
from trainees.access import can_decide, course_with_seats_for_staff
from trainees.enrolment.forms import ImportUploadForm
from trainees.enrolment.imports import (
    MAX_BYTES,
    ImportFileError,
    import_commit,
    import_preview,
    import_read,
    import_template,
    import_upload_forget,
    import_upload_keep,
)
from trainees.enrolment.services import ENROLMENT_CLOSED
from trainees.models import ImportUpload

SESSION_KEY = "trainee_imports"
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
    if request.method == "POST":
        try:
            preview = import_commit(
                rows=rows,
                course=course,
                by=request.user,
                default_unit=upload.unit,
                nomination_number=upload.nomination_number,
                nomination_date=upload.nomination_date,
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
    preview = import_preview(rows=rows, course=course, default_unit=upload.unit)
    return render(
        request,
        "trainees/enrolment/import_preview.html",
        {
            "preview": preview,
            "course": course,
            "unit": upload.unit,
            "counts": {status: preview.count(status) for status in ("new", "matched", "skipped", "error")},
        },
    )
