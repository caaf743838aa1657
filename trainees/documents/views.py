"""Printed documents of a course: an HTML page that prints from the browser, the same as PDF, and Excel.
Managers only (the roster holds personal data); another course or a missing one is a 404.
"""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from center.pdf import file_response, pdf_response
from center.roles import MANAGERS, role_required, user_roles
from trainees.access import course_for_documents
from trainees.documents import renderers


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


def documents_panel(request, course):
    """The course page's "Printed documents" section (managers only)."""
    if not user_roles(request.user) & MANAGERS:
        return None
    panel = {"template": "trainees/documents/_documents_panel.html", "course": course}
    try:
        panel["timetable_pdf_url"] = reverse("course_timetable_pdf", args=[course.pk])
        panel["timetable_print_url"] = reverse("course_timetable_print", args=[course.pk])
    except NoReverseMatch:
        pass
    return panel
