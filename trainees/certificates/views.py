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
from center.params import id_param, year_param
from center.pdf import file_response, pdf_response, render_pdf
from center.roles import MANAGERS, Role, has_role, role_required, user_roles
from courses.models import Programme
from trainees.access import can_sign, certificate_for_staff, course_for_results
from trainees.certificates import files, selectors
from trainees.certificates import services as svc
from trainees.certificates.forms import IssueForm, ReasonForm, ReissueForm, VerifyForm
from trainees.certificates.selectors import (
    course_certificates_exist,
    diplomas_exist,
    register_programmes,
    register_years,
)
from trainees.certificates.services import normalize_code
from trainees.models import Certificate, RegisterClosure


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
            "reissue_form": ReissueForm(prefix="reissue"),
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
    form = ReissueForm(request.POST, prefix="reissue")
    try:
        if not form.is_valid():
            raise svc.CertificateError(
                svc.ERROR_CAUSE_REQUIRED if "cause" in form.errors else svc.ERROR_REASON_REQUIRED
            )
        new = svc.certificate_reissue(
            certificate=certificate,
            by=request.user,
            reason=form.cleaned_data["reason"],
            cause=form.cleaned_data["cause"],
        )
    except svc.CertificateError as exc:
        show_error(request, exc)
        return redirect("certificate_detail", pk=certificate.pk)
    messages.success(request, _("Reissued as %(number)s.") % {"number": new.register_number})
    return redirect("certificate_detail", pk=new.pk)


def _book_kind(value) -> str:
    """The register asked for: the diplomas' book (``book=diploma``) or the certificates' (anything else)."""
    return Certificate.Kind.DIPLOMA if value == Certificate.Kind.DIPLOMA else Certificate.Kind.CERTIFICATE


def _book_query(*, year, programme, kind) -> str:
    return (
        f"?year={year}"
        + (f"&programme={programme.pk}" if programme else "")
        + (f"&book={kind}" if kind == Certificate.Kind.DIPLOMA else "")
    )


def _register_context(request):
    year = year_param(request.GET.get("year")) or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise Http404
    kind = _book_kind(request.GET.get("book"))
    years = register_years(kind)
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    programmes = register_programmes(year, kind)
    programme = next((p for p in programmes if p.pk == id_param(request.GET.get("programme"))), None)
    closure = RegisterClosure.objects.filter(kind=kind, year=year, programme=programme).first() if programme else None
    context = svc.register_context(year=year, programme=programme, closure=closure, kind=kind)
    query = _book_query(year=year, programme=programme, kind=kind)
    books = [(Certificate.Kind.CERTIFICATE, "Giấy chứng nhận")]
    if kind == Certificate.Kind.DIPLOMA or diplomas_exist():
        books.append((Certificate.Kind.DIPLOMA, "Bằng sơ cấp lý luận chính trị"))
    context.update(years=years, programmes=programmes, query=query, books=books)
    return context


@role_required(*MANAGERS)
def certificate_register(request):
    context = _register_context(request)
    query = context["query"]
    context.update(
        pdf_url=reverse("certificate_register_pdf") + query,
        xlsx_url=reverse("certificate_register_xlsx") + query,
        back_url=reverse("home"),
        can_close=has_role(request.user, Role.DIRECTOR)
        and context["programme"] is not None
        and context["closure"] is None
        and context["year"] < timezone.localdate().year
        and bool(context["rows"]),
    )
    return render(request, "print/certificate_register.html", context)


@role_required(Role.DIRECTOR)
@require_POST
def certificate_register_close(request):
    year = year_param(request.POST.get("year"))
    programme = Programme.objects.filter(pk=id_param(request.POST.get("programme"))).first()
    kind = _book_kind(request.POST.get("book"))
    back = reverse("certificate_register") + (
        _book_query(year=year, programme=programme, kind=kind) if year and programme else ""
    )
    if year is None or programme is None:
        messages.error(request, _("Choose the year and the programme of the book to close."))
        return redirect(back)
    try:
        closure = svc.register_close(year=year, programme=programme, by=request.user, kind=kind)
    except svc.CertificateError as exc:
        show_error(request, exc)
    else:
        messages.success(
            request,
            _("The book is closed: %(pages)d pages, %(entries)d entries.")
            % {"pages": closure.pages, "entries": closure.entries},
        )
    return redirect(back)


@role_required(*MANAGERS)
def certificate_register_pdf(request):
    context = _register_context(request)
    content = render_pdf(template_name="print/certificate_register.html", context=context, request=request)
    return pdf_response(filename=f"{_register_filename(context)}.pdf", content=content)


def _register_filename(context) -> str:
    return f"So cap {'bang SC' if context['is_diploma'] else 'GCN'} {context['year']}"


@role_required(*MANAGERS)
def certificate_register_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    context = _register_context(request)
    book = Workbook()
    sheet = book.active
    sheet.title = f"So {'bang' if context['is_diploma'] else 'GCN'} {context['year']}"
    xlsx.append(sheet, [context["title"]])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = [
        "Số vào sổ",
        "Họ và tên",
        "Ngày sinh",
        "Đơn vị",
        "Lớp",
        "Chương trình",
        "Xếp loại",
        "Quyết định công nhận",
        "Ngày cấp",
        "Tình trạng",
        "Ghi chú",
        "Mã xác minh",
    ]
    xlsx.append(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cert in context["rows"]:
        decision = f"{cert.decision_number}, {cert.decision_date:%d/%m/%Y}" if cert.decision_number else ""
        xlsx.append(
            sheet,
            [
                cert.register_number,
                cert.full_name,
                cert.date_of_birth,
                cert.unit_name,
                f"{cert.course_title} ({cert.course_code})",
                cert.programme_name,
                cert.get_grade_display() if cert.grade else "",
                decision,
                cert.issued_on,
                cert.get_status_display(),
                cert.register_note,
                cert.verification_code,
            ],
        )
    for row in sheet.iter_rows(min_row=3):
        for index in (2, 8):
            if isinstance(row[index].value, datetime.date):
                row[index].number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGHIJKL", (16, 28, 12, 30, 45, 40, 10, 24, 12, 18, 40, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return file_response(
        filename=f"{_register_filename(context)}.xlsx",
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
        {
            "certificate": certificate,
            "newer": newer,
            "form": VerifyForm(),
            "code": normalized,
            "expired": certificate is not None
            and certificate.status == Certificate.Status.VALID
            and not certificate.is_in_force_on(timezone.localdate()),
        },
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


# How many days before the deadline the dashboard starts to warn.
WARN_DAYS = 5


def certificates_due_panel(request):
    """Dashboard panel for managers: courses whose completed trainees still wait for their certificates,
    with the deadline the center set (days after the completion decision); near or past it, a warning."""
    if not user_roles(request.user) & MANAGERS:
        return None
    center = Center.load()
    due = selectors.certificates_due(today=timezone.localdate(), deadline_days=center.certificate_deadline_days)
    if not due:
        return None
    return {
        "template": "trainees/certificates/_due_panel.html",
        "due": due,
        "urgent": any(d.days_left <= WARN_DAYS for d in due),
        "warn_days": WARN_DAYS,
        "deadline_days": center.certificate_deadline_days,
    }
