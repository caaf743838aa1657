"""Printed documents of a course: an HTML page that prints from the browser, the same as PDF, and Excel.
Managers only (the roster holds personal data); another course or a missing one is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.errors import show_error
from center.generated import generated_file_request
from center.models import Unit
from center.params import id_param, text_param
from center.pdf import file_response, pdf_response
from center.roles import MANAGERS, SENSITIVE_DATA_VIEWERS, Role, role_required, sees_sensitive_data, user_roles
from courses.models import IssuedDocument
from courses.register import RegisterError, current_document
from trainees.access import can_sign, course_for_documents
from trainees.documents import classfile, issuing, renderers
from trainees.models import ClassFile


def _html(request, pk, kind: str):
    course = course_for_documents(request.user, pk)
    template, _build = renderers.DOCUMENTS[kind]
    context = renderers.document_context(kind, course, user=request.user)
    context.update(
        back_url=reverse("course_detail", args=[course.pk]),
        pdf_url=reverse(f"course_{kind}_pdf", args=[course.pk]),
        xlsx_url=reverse(f"course_{kind}_xlsx", args=[course.pk]) if kind in renderers.XLSX_RENDERERS else "",
    )
    with translation.override("vi"):
        return render(request, template, context)


def _pdf(request, pk, kind: str):
    course = course_for_documents(request.user, pk)
    filename, _type, content = renderers.document_pdf(kind, course, user=request.user, request=request)
    return pdf_response(filename=filename, content=content, inline=True)


def _xlsx(request, pk, kind: str):
    course = course_for_documents(request.user, pk)
    filename, content_type, content = renderers.XLSX_RENDERERS[kind](course, user=request.user)
    return file_response(filename=filename, content_type=content_type, content=content)


@role_required(*MANAGERS)
def course_roster_print(request, pk):
    return _html(request, pk, "roster")


@role_required(*MANAGERS)
def course_roster_pdf(request, pk):
    return _pdf(request, pk, "roster")


@role_required(*MANAGERS)
def course_roster_xlsx(request, pk):
    return _xlsx(request, pk, "roster")


@role_required(*MANAGERS)
def course_signin_print(request, pk):
    return _html(request, pk, "signin")


@role_required(*MANAGERS)
def course_signin_pdf(request, pk):
    return _pdf(request, pk, "signin")


@role_required(*MANAGERS)
def course_signin_xlsx(request, pk):
    return _xlsx(request, pk, "signin")


@role_required(*MANAGERS)
def course_pending_print(request, pk):
    return _html(request, pk, "pending")


@role_required(*MANAGERS)
def course_pending_pdf(request, pk):
    return _pdf(request, pk, "pending")


@role_required(*MANAGERS)
def course_results_print(request, pk):
    return _html(request, pk, "results")


@role_required(*MANAGERS)
def course_results_pdf(request, pk):
    return _pdf(request, pk, "results")


def _class_file_panel(request, course) -> dict | None:
    """The class file's part of the documents card, for the director and clerks: its versions, and sealing
    (offered once the completion decision is issued, otherwise the reason why not)."""
    if not sees_sensitive_data(request.user) or course.status == course.Status.CANCELLED:
        return None
    confirmed = current_document(course=course, kind=IssuedDocument.Kind.COMPLETION_DECISION) is not None
    return {
        "versions": list(course.class_files.select_related("sealed_by").order_by("-version")),
        "blocked": "" if confirmed else classfile.ERROR_NOT_CONFIRMED,
    }


def documents_panel(request, course):
    """The course page's "Printed documents" section (managers only)."""
    if not user_roles(request.user) & MANAGERS:
        return None
    panel = {
        "template": "trainees/documents/_documents_panel.html",
        "course": course,
        "section": "documents",
        "can_issue": can_sign(request.user),
        "numbered": issuing.course_documents(course),
        "units": issuing.course_units(course),
        "kinds": IssuedDocument.Kind,
        "class_file": _class_file_panel(request, course),
    }
    try:
        panel["timetable_pdf_url"] = reverse("course_timetable_pdf", args=[course.pk])
        panel["timetable_print_url"] = reverse("course_timetable_print", args=[course.pk])
    except NoReverseMatch:
        pass
    return panel


@role_required(Role.DIRECTOR, Role.DEPUTY)
@require_POST
def course_document_issue(request, pk):
    """The director (or the signing deputy) issues a numbered document of the course into the register:
    ``kind`` (opening decision, summons, results notice), ``unit`` for the last two, ``reason`` to issue a
    correction in place of the one in force."""
    course = course_for_documents(request.user, pk)
    if not can_sign(request.user):
        raise PermissionDenied
    kind = text_param(request.POST.get("kind"), max_length=40)
    back = redirect(reverse("course_detail", args=[course.pk]) + "#documents")
    if kind not in issuing.CONTEXTS:
        messages.error(request, _("Choose a document to issue."))
        return back
    unit = None
    if kind in issuing.PER_UNIT:
        unit = Unit.objects.filter(pk=id_param(request.POST.get("unit"))).first()
        if unit is None:
            messages.error(request, _("Choose the unit the document is addressed to."))
            return back
    try:
        document = issuing.issue_course_document(
            course=course,
            kind=kind,
            by=request.user,
            unit=unit,
            reason=text_param(request.POST.get("reason"), max_length=1000),
        )
    except (issuing.CourseDocumentError, RegisterError) as exc:
        show_error(request, exc)
        return back
    messages.success(
        request,
        _("Issued: %(kind)s number %(number)s.")
        % {"kind": document.get_kind_display(), "number": document.number_text},
    )
    return redirect("issued_document_detail", pk=document.pk)


# The class file holds the trainees' religion (sensitive personal data: docs/decisions.md): it is for those who
# may see it, the director and the clerks.
CLASS_FILE_ROLES = tuple(SENSITIVE_DATA_VIEWERS)


@role_required(*CLASS_FILE_ROLES)
@require_POST
def class_file_seal(request, pk):
    """Seal the class file of a course whose completion list is confirmed; a new version needs a reason."""
    course = course_for_documents(request.user, pk)
    try:
        sealed = classfile.class_file_seal(
            course=course, by=request.user, reason=text_param(request.POST.get("reason"), max_length=1000)
        )
    except classfile.ClassFileError as exc:
        show_error(request, exc)
    else:
        messages.success(
            request,
            _("The class file is sealed: version %(version)s, %(count)s documents.")
            % {"version": sealed.version, "count": sealed.parts.count()},
        )
    return redirect(reverse("course_detail", args=[course.pk]) + "#section-documents")


def _class_file(request, pk, kind: str, title: str):
    """A sealed class file as one PDF or as a ZIP, made in the background (the file's progress page)."""
    sealed = get_object_or_404(ClassFile.objects.select_related("course"), pk=pk)
    course = course_for_documents(request.user, sealed.course_id)
    file = generated_file_request(
        owner=request.user,
        kind=kind,
        title=title % {"course": course.code, "version": sealed.version},
        params={"class_file": sealed.pk},
    )
    return redirect("generated_file", pk=file.pk)


@role_required(*CLASS_FILE_ROLES)
def class_file_pdf(request, pk):
    return _class_file(request, pk, "class_file_pdf", _("Class file of %(course)s, version %(version)s (PDF)"))


@role_required(*CLASS_FILE_ROLES)
def class_file_zip(request, pk):
    return _class_file(
        request, pk, "class_file_zip", _("Class file of %(course)s, version %(version)s (ZIP, one PDF each)")
    )
