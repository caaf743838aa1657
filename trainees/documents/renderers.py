"""Renderers: data in, ``(filename, content_type, bytes)`` out. They draw; selectors and context decide
what is drawn. PDFs go through the project's one WeasyPrint helper (center.pdf)."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from center import xlsx
from center.pdf import render_pdf
from courses.models import Course
from trainees.documents import context as doc_context

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# document kind → (template, context builder)
DOCUMENTS = {
    "roster": ("print/course_roster.html", doc_context.roster_context),
    "signin": ("print/course_signin.html", doc_context.signin_context),
    "pending": ("print/course_pending.html", doc_context.pending_context),
    "results": ("print/course_results.html", doc_context.results_context),
}


def document_filename(kind: str, course: Course, ext: str) -> str:
    titles = {
        "roster": _("List of trainees"),
        "signin": _("Trainees' sign-in sheet"),
        "pending": _("List of trainees proposed for approval"),
        "results": _("Summary of learning results"),
    }
    return f"{titles[kind]} - {course.code}.{ext}"


def document_context(kind: str, course: Course, *, user=None, today=None) -> dict:
    """The context of a document, in Vietnamese (official papers are never drawn in English)."""
    with translation.override("vi"):
        return DOCUMENTS[kind][1](course, user=user, today=today)


def document_pdf(kind: str, course: Course, *, user=None, request=None, today=None) -> tuple[str, str, bytes]:
    template, build = DOCUMENTS[kind]
    with translation.override("vi"):
        context = build(course, user=user, today=today)
        content = render_pdf(template_name=template, context=context, request=request)
        return document_filename(kind, course, "pdf"), PDF, content


# Excel (every cell through center.xlsx: text stays text, never a formula) -------------------------------

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"


def _sheet_header(ws, context: dict, width: int) -> int:
    """The center, the title and the course above the table; returns the header row's number."""
    center = context["center"]
    lines = [
        (center.parent_body.upper(), Font(name=_FONT, size=12)),
        (center.name.upper(), Font(name=_FONT, size=12, bold=True)),
        ("", None),
        (context["title"].upper(), Font(name=_FONT, size=14, bold=True)),
        (context["subtitle"], Font(name=_FONT, size=12, bold=True)),
        (context["meta"], Font(name=_FONT, size=12, italic=True)),
    ]
    for number, (text, font) in enumerate(lines, start=1):
        if not text:
            continue
        cell = xlsx.write(ws, number, 1, text)
        cell.font = font
        if number > 2:
            ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
            cell.alignment = Alignment(horizontal="center")
    return len(lines) + 2


def _table(ws, header_row: int, headers: list[tuple[str, float]], rows: list[list], date_columns=()) -> None:
    for col, (text, width) in enumerate(headers, start=1):
        cell = xlsx.write(ws, header_row, col, text)
        cell.font = Font(name=_FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start=header_row + 1):
        for col, value in enumerate(values, start=1):
            cell = xlsx.write(ws, r, col, value)
            cell.font = Font(name=_FONT, size=12)
            cell.border = _BOX
            if col in date_columns:
                cell.number_format = DATE_FORMAT
                cell.alignment = Alignment(horizontal="center")
            elif col == 1:
                cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


ROSTER_HEADERS = [
    (gettext_noop("No."), 6),
    (gettext_noop("Surname and middle name"), 24),
    (gettext_noop("Given name"), 11),
    (gettext_noop("Date of birth"), 13),
    (gettext_noop("Gender"), 9),
    (gettext_noop("Unit"), 32),
    (gettext_noop("Position"), 24),
    (gettext_noop("Notes"), 14),
]


def roster_xlsx(course: Course, *, user=None, today=None) -> tuple[str, str, bytes]:
    """The roster as a workbook: the same columns as the PDF, Vietnamese headers, real Excel dates."""
    with translation.override("vi"):
        context = doc_context.roster_context(course, user=user, today=today)
        wb = Workbook()
        ws = wb.active
        ws.title = _("List of trainees")[:31]
        header_row = _sheet_header(ws, context, len(ROSTER_HEADERS))
        rows = [
            [r.number, r.family_name, r.given_name, r.date_of_birth, r.gender, r.unit, r.position, r.note]
            for r in context["rows"]
        ]
        _table(ws, header_row, [(_(t), w) for t, w in ROSTER_HEADERS], rows, date_columns=(4,))
        return document_filename("roster", course, "xlsx"), XLSX, _workbook_bytes(wb)


def signin_xlsx(course: Course, *, user=None, today=None) -> tuple[str, str, bytes]:
    """The sign-in sheet as a workbook: one signature column per session, headed by its date."""
    with translation.override("vi"):
        context = doc_context.signin_context(course, user=user, today=today)
        wb = Workbook()
        ws = wb.active
        ws.title = _("Trainees' sign-in sheet")[:31]
        headers = [(_("No."), 6), (_("Surname and middle name"), 24), (_("Given name"), 11), (_("Unit"), 30)]
        headers += [
            (_("Session %(number)s") % {"number": c.number} + f"\n{c.date:%d/%m/%Y}\n{c.part_of_day}", 13)
            for c in context["columns"]
        ]
        header_row = _sheet_header(ws, context, len(headers))
        rows = [
            [r.number, r.family_name, r.given_name, r.unit] + [None] * len(context["columns"]) for r in context["rows"]
        ]
        _table(ws, header_row, headers, rows)
        ws.row_dimensions[header_row].height = 48
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
        return document_filename("signin", course, "xlsx"), XLSX, _workbook_bytes(wb)


XLSX_RENDERERS = {"roster": roster_xlsx, "signin": signin_xlsx}
