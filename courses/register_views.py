"""The register of outgoing documents: a page per year and type, its print view and Excel, and each issued
document as it was issued (print view and PDF)."""

import io

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from center import xlsx
from center.audit import audit_for
from center.generated import generated_file_request
from center.models import Center
from center.params import text_param, year_param
from center.pdf import file_response, pdf_response, render_pdf
from center.roles import MANAGERS, role_required
from courses.models import IssuedDocument

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SERIES = sorted(set(IssuedDocument.SERIES.values()))


def _register(request) -> dict:
    """The year (this year unless ?year= says another) and type (?type=, all types when missing or unknown)
    chosen, and that year's documents in register order."""
    year = year_param(request.GET.get("year")) or timezone.localdate().year
    series = text_param(request.GET.get("type"), max_length=10)
    if series not in SERIES:
        series = ""
    documents = IssuedDocument.objects.filter(year=year).select_related("course", "unit", "replaces")
    if series:
        documents = documents.filter(series=series)
    years = sorted(set(IssuedDocument.objects.values_list("year", flat=True)) | {timezone.localdate().year})
    query = f"year={year}" + (f"&type={series}" if series else "")
    return {
        "year": year,
        "series": series,
        "all_series": SERIES,
        "years": years,
        "documents": list(documents.order_by("series", "number")),
        "query": query,
        "center": Center.load(),
        "orientation": "landscape",
    }


@role_required(*MANAGERS)
def document_register(request):
    return render(request, "courses/document_register.html", _register(request))


@role_required(*MANAGERS)
def document_register_print(request):
    context = _register(request)
    context["back_url"] = reverse("document_register") + "?" + context["query"]
    context["pdf_url"] = reverse("document_register_pdf") + "?" + context["query"]
    context["xlsx_url"] = reverse("document_register_xlsx") + "?" + context["query"]
    return render(request, "print/document_register.html", context)


@role_required(*MANAGERS)
def document_register_xlsx(request):
    context = _register(request)
    wb = Workbook()
    ws = wb.active
    with translation.override("vi"):
        ws.title = _("Outgoing documents")[:31]
        xlsx.append(ws, [_("Register of outgoing documents, year %(year)s") % {"year": context["year"]}])
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        headers = [_("No."), _("Number"), _("Date"), _("Kind"), _("Subject"), _("Signed by"), _("Course"), _("Unit")]
        headers.append(_("Status"))
        xlsx.append(ws, headers)
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for index, document in enumerate(context["documents"], start=1):
            status = document.get_status_display()
            if document.replaces_id:
                status = f"{status}; " + _("replaces %(number)s") % {"number": document.replaces.number_text}
            row = xlsx.append(
                ws,
                [
                    index,
                    document.number_text,
                    document.issued_on,
                    document.get_kind_display(),
                    document.subject,
                    document.signer_name,
                    document.course.code if document.course_id else "",
                    document.unit.name if document.unit_id else "",
                    status,
                ],
            )
            ws.cell(row=row, column=3).number_format = "dd/mm/yyyy"
    for letter, width in zip("ABCDEFGHI", (6, 16, 12, 26, 60, 24, 16, 30, 30), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    filename = f"So dang ky van ban di {context['year']}{('-' + context['series']) if context['series'] else ''}.xlsx"
    return file_response(filename=filename, content_type=XLSX, content=out.getvalue())


def _document(pk: int) -> IssuedDocument:
    return get_object_or_404(IssuedDocument.objects.select_related("course", "unit", "replaces"), pk=pk)


@role_required(*MANAGERS)
def issued_document_detail(request, pk: int):
    document = _document(pk)
    return render(
        request,
        "courses/issued_document_detail.html",
        {"document": document, "history": audit_for(document), "replaced_by": _replaced_by(document)},
    )


def _replaced_by(document: IssuedDocument) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(replaces=document).first()


@role_required(*MANAGERS)
def issued_document_print(request, pk: int):
    document = _document(pk)
    return render(
        request,
        "print/issued_document.html",
        {
            "document": document,
            "back_url": reverse("issued_document_detail", args=[document.pk]),
            "pdf_url": reverse("issued_document_pdf", args=[document.pk]),
        },
    )


# Kinds whose PDF is long enough to be made by the background worker (issue 18: a request never waits on it).
BACKGROUND_KINDS = {IssuedDocument.Kind.REPORT}


def issued_document_file(*, params: dict, progress) -> tuple[str, str, bytes]:
    """An issued document's PDF from its stored text (the background worker's builder)."""
    document = IssuedDocument.objects.get(pk=params["document"])
    content = render_pdf(template_name="print/issued_document.html", context={"document": document})
    progress(1, 1)
    return f"{document.number_text.replace('/', '-')}.pdf", "application/pdf", content


@role_required(*MANAGERS)
def issued_document_pdf(request, pk: int):
    document = _document(pk)
    if document.kind in BACKGROUND_KINDS:
        file = generated_file_request(
            owner=request.user,
            kind="issued_document_pdf",
            title=_("%(kind)s number %(number)s (PDF)")
            % {"kind": document.get_kind_display(), "number": document.number_text},
            params={"document": document.pk},
        )
        return redirect("generated_file", pk=file.pk)
    filename, _type, content = issued_document_file(params={"document": document.pk}, progress=lambda done, total: None)
    return pdf_response(filename=filename, content=content)


@role_required(*MANAGERS)
def document_register_pdf(request):
    context = _register(request)
    content = render_pdf(template_name="print/document_register.html", context=context)
    suffix = f"-{context['series']}" if context["series"] else ""
    return pdf_response(filename=f"So dang ky van ban di {context['year']}{suffix}.pdf", content=content)
