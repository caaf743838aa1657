"""The half-year and year report sent upward: its figures drawn from the records and its typed paragraphs, issued
into the register as a numbered report (BC). Once issued its text never changes; issuing again after an edit is
a correction that replaces it (with the reason), and both stay."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.charts import DOCUMENT_FONT, Series, bar_chart, column_chart
from center.errors import PortalError
from center.models import Center
from courses import plans
from courses.models import IssuedDocument, TrainingPlan
from courses.register import issue_document
from trainees.models import TrainingReport
from trainees.reports.selectors import Period, statistics

ERROR_REASON = _("This report was issued already: give the reason for issuing a corrected report.")
ERROR_TOO_LONG = _("Each part of the report holds at most 20 000 characters.")
ERROR_FUTURE = _("The report of a period that has not begun cannot be issued.")

ACTION_LABELS = {
    "report.saved": _("Report text saved"),
    "report.issued": _("Report issued"),
}

MAX_TEXT = 20_000


class ReportError(PortalError):
    pass


def report_period(report: TrainingReport) -> Period:
    if report.span == TrainingReport.Span.FIRST_HALF:
        return Period.half(report.year, 1)
    return Period.year(report.year)


def report_subject(report: TrainingReport) -> str:
    when = f"6 tháng đầu năm {report.year}" if report.span == TrainingReport.Span.FIRST_HALF else f"năm {report.year}"
    return f"kết quả công tác đào tạo, bồi dưỡng {when}"


@transaction.atomic
def report_save(*, report: TrainingReport, assessment: str, directions: str, proposals: str, by) -> TrainingReport:
    texts = {"assessment": assessment, "directions": directions, "proposals": proposals}
    if any(len(text or "") > MAX_TEXT for text in texts.values()):
        raise ReportError(ERROR_TOO_LONG)
    for name, text in texts.items():
        setattr(report, name, (text or "").strip())
    report.updated_by = by
    report.save()
    audit_record(subject=report, action="report.saved", by=by)
    return report


def report_context(report: TrainingReport, *, today: datetime.date | None = None) -> dict:
    """What the report says: the period's statistics, the year's plan against what was done (up to the end of
    the period), the charts (SVG, in the document's typeface) and the typed paragraphs."""
    period = report_period(report)
    stats = statistics(period)
    plan = TrainingPlan.objects.filter(year=report.year).first()
    figures = plans.plan_figures(plan) if plan else None
    charts = []
    if stats.by_programme:
        charts.append(
            bar_chart(
                [(row.label, row.enrolled) for row in stats.by_programme],
                title="Học viên theo chương trình",
                font=DOCUMENT_FONT,
            )
        )
    if stats.by_month:
        charts.append(
            column_chart(
                [row.label[:2] for row in stats.by_month],
                [
                    Series("Học viên", [row.enrolled for row in stats.by_month]),
                    Series("Hoàn thành", [row.completed for row in stats.by_month]),
                ],
                title="Học viên theo tháng khai giảng",
                font=DOCUMENT_FONT,
            )
        )
    planned = figures.total.planned_classes if figures else 0
    return {
        "center": Center.load(),
        "report": report,
        # The period's classes against the whole year's plan (a half-year report shows how far the year has got).
        "plan_share": round(100 * stats.total.classes / planned) if planned else None,
        "planned_classes": planned,
        "period": period,
        "stats": stats,
        "plan": plan,
        "figures": figures,
        "charts": charts,
        "doc_code": "BC",
        "title": "BÁO CÁO",
        "subtitle": report_subject(report),
        "recipients": [
            "Ban Tuyên giáo và Dân vận cấp trên (để báo cáo),",
            "Thường trực cấp ủy (để báo cáo),",
            "Lưu văn phòng.",
        ],
    }


@transaction.atomic
def report_issue(*, report: TrainingReport, by, reason: str = "", today: datetime.date | None = None) -> IssuedDocument:
    """Issue the report into the register, dated today; a report issued before is replaced (a reason is needed)."""
    today = today or timezone.localdate()
    report = TrainingReport.objects.select_for_update().get(pk=report.pk)
    if report_period(report).start > today:
        raise ReportError(ERROR_FUTURE)
    reason = (reason or "").strip()
    previous = (
        report.document if report.document_id and report.document.status == IssuedDocument.Status.ISSUED else None
    )
    if previous is not None and not reason:
        raise ReportError(ERROR_REASON)
    context = report_context(report, today=today)
    document = issue_document(
        kind=IssuedDocument.Kind.REPORT,
        issued_on=today,
        subject=context["subtitle"],
        template="print/training_report_body.html",
        context=context,
        by=by,
        replaces=previous,
        reason=reason,
    )
    report.document = document
    report.save(update_fields=["document"])
    audit_record(subject=report, action="report.issued", by=by, data={"document": document.number_text})
    return document
