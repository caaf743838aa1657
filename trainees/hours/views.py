"""Giờ giảng: each lecturer's year-to-date load against the norm, the sessions held (ticked or with
attendance), papers marked and exams set per course, the center's norms and rates, and the statements of hours
for part-time and guest lecturers (screen, print page, PDF, Excel)."""

import io

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from center import xlsx
from center.audit import audit_for
from center.errors import show_error, show_form_error
from center.params import year_param
from center.pdf import file_response, pdf_response, render_pdf
from center.roles import MANAGERS, STAFF, Role, has_role, is_manager, role_required
from courses.models import Course, Session
from staff.models import StaffMember
from trainees.access import session_for_attendance
from trainees.hours import services
from trainees.hours.forms import CorrectionForm, HoursRulesForm, MarkingForm, StatementForm
from trainees.hours.selectors import lecturer_sessions, loads, sessions_with_held, year_span
from trainees.models import HoursRules, HoursStatement, MarkingWork

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    return year_param(request.GET.get("year")) or timezone.localdate().year


def _years(year: int) -> list[int]:
    this_year = timezone.localdate().year
    return sorted({*range(this_year - 4, this_year + 1), year}, reverse=True)


@role_required(*MANAGERS)
def hours_overview(request):
    """Every lecturer's load in the year: periods held, papers, exams, standard hours against the norm."""
    year = _year(request)
    start, end = year_span(year)
    rules = HoursRules.load()
    rows = loads(start=start, end=end, rules=rules, everyone=True)
    return render(
        request,
        "trainees/hours/overview.html",
        {"year": year, "years": _years(year), "rows": rows, "rules": rules, "today": timezone.localdate()},
    )


def _lecturer_for(user, pk: int) -> StaffMember:
    """The staff member whose hours ``user`` may see: anyone for managers, themselves for a lecturer."""
    member = get_object_or_404(StaffMember, pk=pk)
    if is_manager(user) or (member.user_id is not None and member.user_id == user.pk):
        return member
    raise Http404


@role_required(*STAFF)
def my_hours(request):
    member = StaffMember.objects.filter(user=request.user).first()
    if member is None:
        return render(request, "courses/no_staff_member.html", {"manager": is_manager(request.user)})
    return redirect(reverse("lecturer_hours", args=[member.pk]))


@role_required(*STAFF)
def lecturer_hours(request, pk: int):
    """One lecturer's year: the load against the norm, each session (held or not, with the tick), the marking."""
    member = _lecturer_for(request.user, pk)
    year = _year(request)
    start, end = year_span(year)
    rules = HoursRules.load()
    found = loads(start=start, end=end, rules=rules, lecturer=member)
    load = found[0] if found else None
    marking = MarkingWork.objects.filter(lecturer=member, done_on__gte=start, done_on__lte=end).select_related("course")
    return render(
        request,
        "trainees/hours/lecturer.html",
        {
            "member": member,
            "year": year,
            "years": _years(year),
            "load": load,
            "norm": rules.norm_for(member.position),
            "sessions": list(lecturer_sessions(member, year=year)),
            "marking": list(marking),
            "today": timezone.localdate(),
            "manager": is_manager(request.user),
        },
    )


@require_POST
@role_required(*STAFF)
def session_taught(request, pk: int):
    """Tick (``taught=1``) or untick a session as taught: managers any, a lecturer their own sessions."""
    session = session_for_attendance(request.user, pk)
    try:
        services.session_confirm_taught(session=session, by=request.user, taught=request.POST.get("taught") == "1")
    except services.HoursError as error:
        show_error(request, error)
    if request.POST.get("back") == "course" and is_manager(request.user):
        return redirect("course_hours", pk=session.course_id)
    target = reverse("lecturer_hours", args=[session.lecturer_id]) if session.lecturer_id else reverse("my_hours")
    return redirect(f"{target}?year={session.date.year}")


@role_required(*MANAGERS)
def course_hours(request, pk: int):
    """A course's sessions with the tick, and the papers marked and exams set by each lecturer (the clerk
    enters them from the marking assignment)."""
    course = get_object_or_404(Course.objects.select_related("programme"), pk=pk)
    form = MarkingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.marking_record(
                course=course,
                lecturer=form.cleaned_data["lecturer"],
                kind=form.cleaned_data["kind"],
                quantity=form.cleaned_data["quantity"],
                by=request.user,
            )
        except services.HoursError as error:
            show_form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("course_hours", pk=course.pk)
    sessions = sessions_with_held(
        Session.objects.filter(course=course).select_related("lecturer", "topic").order_by("date", "start_time")
    )
    return render(
        request,
        "trainees/hours/course.html",
        {
            "course": course,
            "sessions": list(sessions),
            "marking": list(course.marking.select_related("lecturer")),
            "form": form,
            "today": timezone.localdate(),
        },
    )


@role_required(Role.DIRECTOR)
def hours_rules(request):
    rules = HoursRules.load()
    form = HoursRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        services.hours_rules_update(rules=form.save(commit=False), by=request.user)
        messages.success(request, _("The norms and rates are saved."))
        return redirect("hours_overview")
    return render(request, "trainees/hours/rules.html", {"form": form})


@role_required(*MANAGERS)
def statement_list(request):
    """The statements issued (newest first) and the form to issue one."""
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        course = data["course"] if data["scope"] == "course" else None
        try:
            statement = services.statement_issue(
                year=course.end_date.year if course else data["year"],
                month=None if course else data["month"],
                course=course,
                lecturer=data["lecturer"],
                issued_on=data["issued_on"],
                by=request.user,
            )
        except services.HoursError as error:
            show_form_error(form, error)
        else:
            messages.success(request, _("The statement is issued."))
            return redirect("statement_detail", pk=statement.pk)
    statements = HoursStatement.objects.select_related("course", "lecturer").order_by("-created_at", "-pk")[:200]
    return render(request, "trainees/hours/statement_list.html", {"form": form, "statements": list(statements)})


def _statement(pk: int) -> HoursStatement:
    return get_object_or_404(HoursStatement.objects.select_related("course", "lecturer", "replaces"), pk=pk)


@role_required(*MANAGERS)
def statement_detail(request, pk: int):
    statement = _statement(pk)
    current = statement.status != HoursStatement.Status.ISSUED or services.statement_is_current(statement)
    return render(
        request,
        "trainees/hours/statement_detail.html",
        {
            "statement": statement,
            "lines": list(statement.lines.all()),
            "current": current,
            "replaced_by": HoursStatement.objects.filter(replaces=statement).first(),
            "form": CorrectionForm(initial={"issued_on": timezone.localdate()}),
            "history": audit_for(statement),
        },
    )


@require_POST
@role_required(*MANAGERS)
def statement_correct(request, pk: int):
    """Issue the corrected statement that replaces this one (both stay)."""
    statement = _statement(pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("statement_detail", pk=statement.pk)
    try:
        corrected = services.statement_issue(
            year=statement.year,
            issued_on=form.cleaned_data["issued_on"],
            by=request.user,
            replaces=statement,
            reason=form.cleaned_data["reason"],
        )
    except services.HoursError as error:
        show_error(request, error)
        return redirect("statement_detail", pk=statement.pk)
    messages.success(request, _("The corrected statement is issued; the old one is kept, marked as replaced."))
    return redirect("statement_detail", pk=corrected.pk)


@role_required(*MANAGERS)
def statement_print(request, pk: int):
    statement = _statement(pk)
    return render(
        request,
        "print/hours_statement.html",
        {
            "statement": statement,
            "orientation": "landscape",
            "back_url": reverse("statement_detail", args=[statement.pk]),
            "pdf_url": reverse("statement_pdf", args=[statement.pk]),
            "xlsx_url": reverse("statement_xlsx", args=[statement.pk]),
        },
    )


def _filename(statement: HoursStatement, ext: str) -> str:
    return f"Bang ke gio giang {statement.pk} {statement.issued_on:%d-%m-%Y}.{ext}"


@role_required(*MANAGERS)
def statement_pdf(request, pk: int):
    statement = _statement(pk)
    content = render_pdf(
        template_name="print/hours_statement.html", context={"statement": statement, "orientation": "landscape"}
    )
    return pdf_response(filename=_filename(statement, "pdf"), content=content)


@role_required(*MANAGERS)
def statement_xlsx(request, pk: int):
    """The statement's stored lines as a workbook: the same figures as the printed page."""
    statement = _statement(pk)
    book = Workbook()
    sheet = book.active
    with translation.override("vi"):
        sheet.title = _("Statement of hours")[:31]
        xlsx.append(sheet, [statement.title])
        sheet["A1"].font = Font(bold=True, size=13)
        xlsx.append(sheet, [_("Date") + ": " + statement.issued_on.strftime("%d/%m/%Y")])
        header = [_("No."), _("Full name"), _("Category"), _("Workplace"), _("Sessions"), _("Periods")]
        header += [_("Papers marked"), _("Exams set"), _("Standard hours"), _("Rate (đồng)"), _("Amount (đồng)")]
        row = xlsx.append(sheet, header)
        for cell in sheet[row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for line in statement.lines.all():
            xlsx.append(
                sheet,
                [
                    line.number,
                    line.lecturer_name,
                    line.category,
                    line.workplace,
                    line.sessions,
                    line.periods,
                    line.papers,
                    line.exams,
                    line.hours,
                    line.rate,
                    line.amount,
                ],
            )
        row = xlsx.append(
            sheet, ["", _("Total"), "", "", "", "", "", "", statement.total_hours, "", statement.total_amount]
        )
        for cell in sheet[row]:
            cell.font = Font(bold=True)
        xlsx.append(sheet, [])
        xlsx.append(sheet, [_("In words") + ": " + statement.total_words])
    for letter, width in zip("ABCDEFGHIJK", (6, 28, 20, 30, 9, 9, 10, 9, 11, 14, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    for column in ("J", "K"):
        for cell in sheet[column]:
            cell.number_format = "#,##0"
    out = io.BytesIO()
    book.save(out)
    return file_response(filename=_filename(statement, "xlsx"), content_type=XLSX, content=out.getvalue())


def course_hours_panel(request, course):
    """The course page's link to its teaching hours (sessions taught, papers marked), for managers."""
    if not is_manager(request.user):
        return None
    return {"template": "trainees/hours/_course_panel.html", "course": course, "section": "results"}


def my_hours_panel(request):
    """A lecturer's dashboard: this year's standard hours so far against their norm, with the way to the details.
    Three queries."""
    if not has_role(request.user, Role.LECTURER) or is_manager(request.user):
        return None
    member = StaffMember.objects.filter(user=request.user).first()
    if member is None:
        return None
    year = timezone.localdate().year
    start, end = year_span(year)
    rules = HoursRules.load()
    found = loads(start=start, end=end, rules=rules, lecturer=member)
    return {
        "template": "trainees/hours/_dashboard_panel.html",
        "member": member,
        "year": year,
        "load": found[0] if found else None,
        "norm": rules.norm_for(member.position),
    }
