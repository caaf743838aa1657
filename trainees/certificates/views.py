"""Certificates: issue for a course, print (PDF, ZIP), revoke and reissue, the register, and the public
verification page (its URL is printed on every certificate: never change it).
"""

import datetime
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from center import xlsx
from center.audit import audit_for
from center.errors import show_error
from center.generated import generated_file_request
from center.models import Center
from center.pdf import file_response, pdf_response, render_pdf
from center.roles import MANAGERS, Role, role_required
from trainees.access import can_sign, certificate_for_staff, course_for_results
from trainees.certificates import files
from trainees.certificates import services as svc
from trainees.certificates.forms import IssueForm, ReasonForm, VerifyForm
from trainees.certificates.selectors import (
    course_certificates_exist,
    register_for_year,
    register_years,
)
from trainees.certificates.services import normalize_code
from trainees.models import Certificate


def _request_course_file(request, course, kind: str, title: str):
    """A course's certificates as one file, made in the background: the page of the file (progress, then
    the download). 404 when the course has no certificate to print."""
    if not course_certificates_exist(course.pk):
        raise Http404
    file = generated_file_request(owner=request.user, kind=kind, title=title, params={"course": course.pk})
    return redirect("generated_file", pk=file.pk)


@role_required(Role.DIRECTOR, Role.DEPUTY)
@require_POST
def certificates_issue(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    if not can_sign(request.user):
        raise PermissionDenied
    form = IssueForm(request.POST)
    issued_on = form.cleaned_data.get("issued_on") if form.is_valid() else None
    try:
        issued = svc.certificates_issue_for_course(course=course, by=request.user, issued_on=issued_on)
    except svc.CertificateError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("%(count)d certificates issued.") % {"count": len(issued)})
    return redirect("results_course", pk=course.pk)


@role_required(*MANAGERS)
def certificates_course_pdf(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    title = _("Certificates of %(course)s (PDF)") % {"course": course.code}
    return _request_course_file(request, course, files.KIND_PDF, title)


@role_required(*MANAGERS)
def certificates_course_zip(request, pk: int):
    course = course_for_results(request.user, pk, managers_only=True)
    title = _("Certificates of %(course)s (ZIP, one PDF each)") % {"course": course.code}
    return _request_course_file(request, course, files.KIND_ZIP, title)


@role_required(*MANAGERS)
def certificate_detail(request, pk: int):
    certificate = certificate_for_staff(request.user, pk)
    newer = Certificate.objects.filter(replaces=certificate).first()
    return render(
        request,
        "trainees/certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "newer": newer,
            "history": audit_for(certificate),
            "revoke_form": ReasonForm(prefix="revoke"),
            "reissue_form": ReasonForm(prefix="reissue"),
            "verify_url": svc.verification_url(certificate),
        },
    )


@role_required(*MANAGERS)
def certificate_pdf(request, pk: int):
    certificate = certificate_for_staff(request.user, pk)
    filename, _type, content = svc.certificate_pdf(certificates=[certificate])
    return pdf_response(filename=filename, content=content)


@role_required(Role.DIRECTOR)
@require_POST
def certificate_revoke(request, pk: int):
    certificate = certificate_for_staff(request.user, pk)
    form = ReasonForm(request.POST, prefix="revoke")
    try:
        if not form.is_valid():
            raise svc.CertificateError(svc.ERROR_REASON_REQUIRED)
        svc.certificate_revoke(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
    except svc.CertificateError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("The certificate has been revoked."))
    return redirect("certificate_detail", pk=certificate.pk)


@role_required(Role.DIRECTOR)
@require_POST
def certificate_reissue(request, pk: int):
    certificate = certificate_for_staff(request.user, pk)
    form = ReasonForm(request.POST, prefix="reissue")
    try:
        if not form.is_valid():
            raise svc.CertificateError(svc.ERROR_REASON_REQUIRED)
        new = svc.certificate_reissue(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
    except svc.CertificateError as exc:
        show_error(request, exc)
        return redirect("certificate_detail", pk=certificate.pk)
    messages.success(request, _("Reissued as %(number)s.") % {"number": new.register_number})
    return redirect("certificate_detail", pk=new.pk)


def _register_context(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    years = register_years()
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return {
        "year": year,
        "years": years,
        "rows": list(register_for_year(year)),
        "center": Center.load(),
        "doc_date": timezone.localdate(),
        "title": f"SỔ CẤP GIẤY CHỨNG NHẬN NĂM {year}",
        "orientation": "landscape",
    }


@role_required(*MANAGERS)
def certificate_register(request):
    context = _register_context(request)
    query = f"?year={context['year']}"
    context.update(
        pdf_url=reverse("certificate_register_pdf") + query,
        xlsx_url=reverse("certificate_register_xlsx") + query,
        back_url=reverse("home"),
    )
    return render(request, "print/certificate_register.html", context)


@role_required(*MANAGERS)
def certificate_register_pdf(request):
    context = _register_context(request)
    content = render_pdf(template_name="print/certificate_register.html", context=context, request=request)
    return pdf_response(filename=f"So cap GCN {context['year']}.pdf", content=content)


@role_required(*MANAGERS)
def certificate_register_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    context = _register_context(request)
    book = Workbook()
    sheet = book.active
    sheet.title = f"So GCN {context['year']}"
    xlsx.append(sheet, [context["title"]])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = [
        "Số vào sổ",
        "Họ và tên",
        "Ngày sinh",
        "Lớp",
        "Chương trình",
        "Ngày cấp",
        "Trạng thái",
        "Cấp lại cho số",
        "Mã xác minh",
    ]
    xlsx.append(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cert in context["rows"]:
        xlsx.append(
            sheet,
            [
                cert.register_number,
                cert.full_name,
                cert.date_of_birth,
                f"{cert.course_title} ({cert.course_code})",
                cert.programme_name,
                cert.issued_on,
                cert.get_status_display(),
                cert.replaces.register_number if cert.replaces_id else "",
                cert.verification_code,
            ],
        )
    for row in sheet.iter_rows(min_row=3):
        for index in (2, 5):
            if isinstance(row[index].value, datetime.date):
                row[index].number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGHI", (16, 28, 12, 45, 40, 12, 18, 16, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return file_response(
        filename=f"So cap GCN {context['year']}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content=buffer.getvalue(),
    )


@require_GET
def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("verify_certificate", code=normalize_code(form.cleaned_data["code"]))
    return render(request, "trainees/certificates/verify_form.html", {"form": form})


@require_GET
def verify_certificate(request, code: str):
    normalized = normalize_code(code)
    if normalized and normalized != code:
        return redirect("verify_certificate", code=normalized)
    certificate = (
        Certificate.objects.select_related("enrolment__trainee", "enrolment__course__programme")
        .filter(verification_code=normalized)
        .first()
    )
    newer = None
    if certificate is not None and certificate.status == Certificate.Status.REPLACED:
        newer = Certificate.objects.filter(replaces=certificate).only("issued_on").first()
    response = render(
        request,
        "trainees/certificates/verify_result.html",
        {"certificate": certificate, "newer": newer, "form": VerifyForm(), "code": normalized},
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
