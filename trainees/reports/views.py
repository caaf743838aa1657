"""Statistics of any period (year, half-year, quarter, or from … to …) with breakdowns and charts; Excel."""

import datetime
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from center import xlsx
from center.charts import Series, bar_chart, column_chart
from center.errors import show_error
from center.params import date_param, id_param, text_param, year_param
from center.pdf import file_response
from center.roles import MANAGERS, Role, has_role, role_required, user_roles
from courses import plans
from courses.models import Course, TrainingPlan
from courses.register import RegisterError
from staff.selectors import current_lockouts
from trainees.access import can_sign
from trainees.models import Enrolment, TrainingReport
from trainees.reports import services as report_svc
from trainees.reports.forms import ReportForm
from trainees.reports.selectors import KINDS, Period, statistics

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A custom period is at most this long (the statistics of ten years are ten yearly pages).
MAX_DAYS = 3660


def _period(request) -> Period:
    """The period the query string asks for; a bad one is replaced by this year, with a message."""
    today = timezone.localdate()
    kind = text_param(request.GET.get("period"), max_length=10) or "year"
    year = year_param(request.GET.get("year")) or today.year
    number = id_param(request.GET.get("number"))
    if kind == "half" and number in (1, 2):
        return Period.half(year, number)
    if kind == "quarter" and number in (1, 2, 3, 4):
        return Period.quarter(year, number)
    if kind == "custom":
        start, end = date_param(request.GET.get("start")), date_param(request.GET.get("end"))
        if start and end and start <= end and (end - start).days <= MAX_DAYS:
            return Period.custom(start, end)
        messages.error(
            request, _("Give a start and an end date, the end on or after the start, at most ten years apart.")
        )
    elif kind != "year":
        messages.error(request, _("Choose which half-year or quarter."))
    return Period.year(year)


def _charts(stats) -> dict:
    charts = {}
    if stats.by_programme:
        charts["programmes"] = bar_chart(
            [(row.label, row.enrolled) for row in stats.by_programme], title=_("Learners by programme")
        )
    if stats.by_month:
        charts["months"] = column_chart(
            [row.label[:2] for row in stats.by_month],
            [
                Series(_("Enrolled"), [row.enrolled for row in stats.by_month]),
                Series(_("Completed"), [row.completed for row in stats.by_month]),
            ],
            title=_("Learners by month the class started"),
        )
    return charts


@role_required(*MANAGERS)
def statistics_page(request):
    period = _period(request)
    stats = statistics(period)
    return render(
        request,
        "trainees/reports/statistics.html",
        {
            "stats": stats,
            "period": period,
            "kinds": KINDS,
            "charts": _charts(stats),
            "query": request.GET.urlencode(),
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 10, -1),
        },
    )


@role_required(*MANAGERS)
def statistics_xlsx(request):
    period = _period(request)
    stats = statistics(period)
    book = Workbook()
    sheet = book.active
    with translation.override("vi"):
        sheet.title = _("Statistics")
        xlsx.append(sheet, [_("Training statistics: %(period)s") % {"period": period.label}])
        sheet["A1"].font = Font(bold=True, size=13)
        header = [_("Classes"), _("Enrolled"), _("Completed"), _("Completion (%)"), _("Certificates")]
        xlsx.append(sheet, [])
        row = xlsx.append(sheet, [_("Total"), *header])
        for cell in sheet[row]:
            cell.font = Font(bold=True)
        t = stats.total
        xlsx.append(sheet, ["", t.classes, t.enrolled, t.completed, t.completion_rate, t.certificates])
        for title, rows in stats.breakdowns:
            xlsx.append(sheet, [])
            row = xlsx.append(sheet, [title, *header])
            for cell in sheet[row]:
                cell.font = Font(bold=True)
            for r in rows:
                xlsx.append(
                    sheet,
                    [r.label, r.classes or "", r.enrolled, r.completed, r.completion_rate, r.certificates or ""],
                )
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 14
    out = io.BytesIO()
    book.save(out)
    return file_response(
        filename=f"Thong ke {period.start:%d-%m-%Y} {period.end:%d-%m-%Y}.xlsx",
        content_type=XLSX,
        content=out.getvalue(),
    )


def year_panel(request):
    """The dashboard's "how is the year going" for managers: classes held, running and still to open against
    the year's plan; learners enrolled and completed; certificates; learners by month as a chart (its numbers in
    a table beside it). A fixed number of queries."""
    if not user_roles(request.user) & MANAGERS:
        return None
    today = timezone.localdate()
    stats = statistics(Period.year(today.year))
    plan = TrainingPlan.objects.filter(year=today.year).first()
    figures = plans.plan_figures(plan) if plan else None
    running = Course.objects.filter(status=Course.Status.IN_PROGRESS).count()
    months = [row for row in stats.by_month if datetime.date(today.year, int(row.label[:2]), 1) <= today]
    chart = column_chart(
        [row.label[:2] for row in months],
        [
            Series(_("Enrolled"), [row.enrolled for row in months]),
            Series(_("Completed"), [row.completed for row in months]),
        ],
        title=_("Learners by month the class started"),
        height=220,
    )
    return {
        "template": "trainees/reports/_year_panel.html",
        "year": today.year,
        "stats": stats,
        "plan": plan,
        "figures": figures,
        "running": running,
        "to_open": max(figures.total.planned_classes - figures.total.opened, 0) if figures else None,
        "months": months,
        "chart": chart,
    }


def todo_panel(request):
    """The dashboard's to-do list for managers: finished courses whose completion list the director has not
    confirmed, and (for the director) logins locked now. Two queries."""
    if not user_roles(request.user) & MANAGERS:
        return None
    awaiting = list(
        Course.objects.filter(status=Course.Status.FINISHED)
        .filter(
            Exists(
                Enrolment.objects.filter(
                    course=OuterRef("pk"), status=Enrolment.Status.APPROVED, completion_confirmed_at__isnull=True
                )
            )
        )
        .order_by("end_date", "code")
    )
    locked = current_lockouts() if has_role(request.user, Role.DIRECTOR) else []
    if not awaiting and not locked:
        return None
    return {"template": "trainees/reports/_todo_panel.html", "awaiting": awaiting, "locked": locked}


SPANS = {"h1": TrainingReport.Span.FIRST_HALF, "year": TrainingReport.Span.YEAR}


@role_required(*MANAGERS)
def report_list(request):
    this_year = timezone.localdate().year
    existing = {(r.year, r.span): r for r in TrainingReport.objects.select_related("document")}
    rows = [
        (year, span, existing.get((year, span)))
        for year in range(this_year, this_year - 5, -1)
        for span in (TrainingReport.Span.YEAR, TrainingReport.Span.FIRST_HALF)
    ]
    return render(request, "trainees/reports/report_list.html", {"rows": rows})


@role_required(*MANAGERS)
def report_detail(request, year: int, span: str):
    if span not in SPANS or not 2000 <= year <= 2100:
        raise Http404
    report = TrainingReport.objects.filter(year=year, span=span).select_related("document").first()
    report = report or TrainingReport(year=year, span=span)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST":
        if form.is_valid():
            try:
                report_svc.report_save(report=report, by=request.user, **form.cleaned_data)
            except report_svc.ReportError as exc:
                show_error(request, exc)
            else:
                messages.success(request, _("The report's text was saved."))
                return redirect("report_detail", year=year, span=span)
    context = report_svc.report_context(report)
    return render(
        request,
        "trainees/reports/report_detail.html",
        {
            **context,
            "form": form,
            "can_issue": can_sign(request.user) and report.pk is not None,
            "statistics_query": f"period={context['period'].kind}&year={year}&number={context['period'].number or ''}",
        },
    )


@role_required(Role.DIRECTOR, Role.DEPUTY)
@require_POST
def report_issue(request, year: int, span: str):
    if span not in SPANS:  # checked before the query: a NUL byte in the address is a 404, not a database error
        raise Http404
    report = get_object_or_404(TrainingReport, year=year, span=span)
    if not can_sign(request.user):
        raise PermissionDenied
    try:
        document = report_svc.report_issue(
            report=report, by=request.user, reason=text_param(request.POST.get("reason"), max_length=1000)
        )
    except (report_svc.ReportError, RegisterError) as exc:
        show_error(request, exc)
        return redirect("report_detail", year=year, span=span)
    messages.success(request, _("The report was issued as number %(number)s.") % {"number": document.number_text})
    return redirect("report_detail", year=year, span=span)
