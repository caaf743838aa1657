"""The class file (hồ sơ lớp): every document of a finished class in one place, for inspection and permanent
archiving. Sealing draws each document once — the numbered documents as they were issued (their stored text), the
lists and sheets from the records as they stand when the class is closed — and keeps that HTML
(``ClassFile``/``ClassFilePart``). The PDF (a cover with the table of contents, then every document with its own
page numbers) and the ZIP (one PDF per document) are made from the kept HTML by the background worker, so the
file reads the same next year whatever happens to the records. Sealing again after a correction makes a new
version that replaces the old one; both stay."""

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from center.actions import action_label
from center.audit import audit_for, audit_record
from center.errors import PortalError
from center.models import AuditEntry, Center
from center.pdf import html_to_document
from courses import selectors as course_selectors
from courses.models import Course, IssuedDocument
from courses.register import current_document
from trainees.documents import context as doc_context
from trainees.documents import selectors
from trainees.enrolment.officers import class_officers
from trainees.models import Attendance, Certificate, ClassFile, ClassFilePart, Enrolment

KIND = IssuedDocument.Kind
PDF = "application/pdf"
ZIP = "application/zip"
# Attendance marks of the attendance sheet, with the legend printed under it.
MARKS = {
    Attendance.Status.PRESENT: "x",
    Attendance.Status.LATE: "M",
    Attendance.Status.EXCUSED: "P",
    Attendance.Status.UNEXCUSED: "K",
}
ATTENDANCE_COLUMNS_PER_PAGE = 12
CONTENTS_NAME = "00 - Mục lục.txt"

ACTION_LABELS = {"classfile.sealed": _("Class file sealed")}

ERROR_NOT_CONFIRMED = _(
    "The class file is sealed once the director has confirmed the completion list (the completion decision is "
    "part of the file)."
)
STEP_CERTIFICATES = _(
    "Issue the certificates of the %(count)s trainees who completed (completion decision %(number)s of %(date)s)."
)
STEP_SEAL = _("Seal the class file for inspection and the archive (tab Documents, Class file).")
STEP_DONE = _("All done: completion confirmed, certificates issued, class file sealed.")
ERROR_REASON = _("The class file is sealed already (version %(version)s). To seal a new version, give the reason.")


class ClassFileError(PortalError):
    pass


@dataclass(frozen=True)
class Drawn:
    """A document drawn for the file: a key (what kind of document), its title in the contents (with its number
    and date for a numbered document), and the whole printable HTML page."""

    key: str
    title: str
    content: str


def _numbered(document: IssuedDocument) -> Drawn:
    title = f"{document.get_kind_display()} số {document.number_text} ngày {document.issued_on:%d/%m/%Y}"
    if document.unit_id:
        title += f" ({document.unit.name})"
    html = render_to_string("print/issued_document.html", {"document": document, "for_pdf": True, "archive": True})
    return Drawn(key=document.kind, title=title, content=html)


def _page(template: str, context: dict) -> str:
    """A whole printable page kept in the file: its style sheets by their plain names (``doc_static``)."""
    return render_to_string(template, {**context, "for_pdf": True, "archive": True})


def _roster_part(course: Course, officers_by_pk: dict) -> Drawn:
    """Danh sách trích ngang: the particulars a Party organisation asks about, the religion included (the class
    file is the one printed place it appears: docs/decisions.md)."""
    rows = []
    for number, enrolment in enumerate(Enrolment.objects.roster(course), start=1):
        trainee = enrolment.trainee
        unit = selectors.enrolment_unit(enrolment)
        rows.append(
            {
                "number": number,
                "trainee": trainee,
                "unit": unit.name if unit else "",
                "role": officers_by_pk.get(enrolment.pk, ""),
            }
        )
    context = {
        **doc_context._common(course, user=None, title="DANH SÁCH TRÍCH NGANG HỌC VIÊN", today=course.start_date),
        "orientation": "landscape",
        "rows": rows,
    }
    return Drawn(
        key="roster", title="Danh sách trích ngang học viên", content=_page("print/class_file_roster.html", context)
    )


def _timetable_part(course: Course) -> Drawn:
    from courses.views import TIMETABLE_DOC_CODE

    context = {
        "center": Center.load(),
        "doc_title": "Thời khóa biểu",
        "title": "Thời khóa biểu",
        "orientation": "portrait",
        "course": course,
        "days": course_selectors.course_timetable(course),
        "doc_code": TIMETABLE_DOC_CODE,
        "doc_date": course.start_date,
    }
    return Drawn(key="timetable", title="Thời khóa biểu", content=_page("print/course_timetable.html", context))


def _signin_part(course: Course) -> Drawn:
    context = doc_context.signin_context(course, today=course.start_date)
    return Drawn(key="signin", title="Danh sách ký tên học viên", content=_page("print/course_signin.html", context))


def _attendance_part(course: Course, today: datetime.date) -> Drawn:
    """Bảng theo dõi chuyên cần: each trainee's mark at each session (as recorded), and the periods attended."""
    roster = list(Enrolment.objects.roster(course))
    sessions = list(selectors.course_sessions(course))
    statuses = {
        (enrolment_id, session_id): status
        for enrolment_id, session_id, status in Attendance.objects.filter(session__course=course).values_list(
            "enrolment_id", "session_id", "status"
        )
    }
    columns = [{"number": i, "session": s, "periods": s.periods} for i, s in enumerate(sessions, start=1)]
    chunks = [
        columns[i : i + ATTENDANCE_COLUMNS_PER_PAGE] for i in range(0, len(columns), ATTENDANCE_COLUMNS_PER_PAGE)
    ] or [[]]
    attended = {Attendance.Status.PRESENT, Attendance.Status.LATE}
    rows = []
    for number, enrolment in enumerate(roster, start=1):
        rows.append(
            {
                "number": number,
                "trainee": enrolment.trainee,
                "marks": [MARKS.get(statuses.get((enrolment.pk, c["session"].pk)), "") for c in columns],
                "periods": sum(
                    c["periods"] for c in columns if statuses.get((enrolment.pk, c["session"].pk)) in attended
                ),
            }
        )
    context = {
        **doc_context._common(course, user=None, title="BẢNG THEO DÕI CHUYÊN CẦN", today=today),
        "orientation": "landscape",
        "chunks": [
            {
                "columns": chunk,
                "first": chunk[0]["number"] if chunk else 0,
                "rows": [
                    {**row, "marks": row["marks"][chunk[0]["number"] - 1 : chunk[-1]["number"]] if chunk else []}
                    for row in rows
                ],
                "last": chunk is chunks[-1],
            }
            for chunk in chunks
        ],
        "total_periods": sum(c["periods"] for c in columns),
        "preparer_position": "Giảng viên chủ nhiệm",
        "preparer_name": course.homeroom_teacher.full_name if course.homeroom_teacher_id else "",
    }
    return Drawn(
        key="attendance", title="Bảng theo dõi chuyên cần", content=_page("print/class_file_attendance.html", context)
    )


def _results_part(course: Course, today: datetime.date) -> Drawn:
    context = doc_context.results_context(course, today=today)
    return Drawn(
        key="results", title="Bảng tổng hợp kết quả học tập", content=_page("print/course_results.html", context)
    )


def _certificates_part(course: Course, today: datetime.date) -> Drawn | None:
    certificates = list(
        Certificate.objects.filter(enrolment__course=course).order_by("year", "number", "pk").select_related("replaces")
    )
    if not certificates:
        return None
    context = {
        **doc_context._common(course, user=None, title="TRÍCH SỔ GỐC CẤP GIẤY CHỨNG NHẬN", today=today),
        "orientation": "landscape",
        "certificates": certificates,
    }
    return Drawn(
        key="certificates",
        title="Trích sổ gốc cấp giấy chứng nhận",
        content=_page("print/class_file_certificates.html", context),
    )


def _history_part(course: Course, today: datetime.date) -> Drawn:
    """The class's history: what was done to the course and to its enrolments, by whom and when, oldest first."""
    from django.contrib.contenttypes.models import ContentType

    enrolment_ids = list(Enrolment.objects.filter(course=course).values_list("pk", flat=True))
    entries = list(
        (
            audit_for(course)
            | AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Enrolment), object_id__in=enrolment_ids
            ).select_related("actor")
        ).order_by("at", "pk")
    )
    names = {
        e.pk: e.trainee.full_name for e in Enrolment.objects.filter(pk__in=enrolment_ids).select_related("trainee")
    }
    enrolment_type = ContentType.objects.get_for_model(Enrolment).pk
    context = {
        **doc_context._common(course, user=None, title="NHẬT KÝ LỚP HỌC", today=today),
        "orientation": "portrait",
        "entries": [
            {
                "entry": e,
                "label": action_label(e.action),
                "about": names.get(e.object_id, "") if e.content_type_id == enrolment_type else "",
            }
            for e in entries
        ],
    }
    return Drawn(key="history", title="Nhật ký lớp học", content=_page("print/class_file_history.html", context))


def class_file_draw(course: Course, *, today: datetime.date | None = None) -> list[Drawn]:
    """Every document of ``course``'s file, in the order an inspector reads them. Raises ClassFileError when
    the completion list is not confirmed."""
    decision = current_document(course=course, kind=KIND.COMPLETION_DECISION)
    if decision is None:
        raise ClassFileError(ERROR_NOT_CONFIRMED)
    today = today or timezone.localdate()
    documents = list(
        IssuedDocument.objects.filter(course=course, status=IssuedDocument.Status.ISSUED)
        .select_related("unit")
        .order_by("issued_on", "number", "pk")
    )

    def of(kind):
        return [_numbered(d) for d in documents if d.kind == kind]

    officers = class_officers(course)
    with translation.override("vi"):
        roles = {e.pk: e.get_class_role_display() for e in [officers.monitor, *officers.deputies] if e is not None}
        parts = [
            *of(KIND.OPENING_DECISION),
            *of(KIND.OFFICERS_DECISION),
            *of(KIND.SUMMONS),
            _roster_part(course, roles),
            _timetable_part(course),
            _signin_part(course),
            _attendance_part(course, decision.issued_on),
            _results_part(course, decision.issued_on),
            *of(KIND.COMPLETION_DECISION),
            *of(KIND.RESULTS_NOTICE),
            _certificates_part(course, today),
            _history_part(course, today),
        ]
    return [part for part in parts if part is not None]


def class_file_current(course: Course) -> ClassFile | None:
    return course.class_files.filter(status=ClassFile.Status.CURRENT).order_by("-version").first()


@transaction.atomic
def class_file_seal(*, course: Course, by, reason: str = "") -> ClassFile:
    """Seal ``course``'s file: draw every document and keep it. When a version is in force, a ``reason`` makes
    the new one replace it. Raises ClassFileError."""
    course = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)
    reason = (reason or "").strip()
    previous = class_file_current(course)
    if previous is not None and not reason:
        raise ClassFileError(ERROR_REASON % {"version": previous.version})
    parts = class_file_draw(course)
    version = (course.class_files.aggregate(last=Max("version"))["last"] or 0) + 1
    if previous is not None:
        ClassFile.objects.filter(pk=previous.pk).update(status=ClassFile.Status.REPLACED)
    sealed = ClassFile.objects.create(course=course, version=version, reason=reason, sealed_by=by)
    ClassFilePart.objects.bulk_create(
        ClassFilePart(class_file=sealed, order=i, key=p.key, title=p.title[:255], content=p.content)
        for i, p in enumerate(parts, start=1)
    )
    audit_record(
        subject=course, action="classfile.sealed", by=by, reason=reason, data={"version": version, "parts": len(parts)}
    )
    return sealed


# Files (made by the background worker: center.generated) ---------------------------------------------------


def _file_name(class_file: ClassFile) -> str:
    return f"Ho so lop {class_file.course.code} (v{class_file.version})"


def _cover_html(class_file: ClassFile, contents: list[dict]) -> str:
    course = class_file.course
    context = {
        **doc_context._common(course, user=None, title="HỒ SƠ LỚP HỌC", today=timezone.localdate(class_file.sealed_at)),
        "doc_code": "",
        "class_file": class_file,
        "contents": contents,
        "total_pages": sum(c["pages"] for c in contents),
        "for_pdf": True,
    }
    with translation.override("vi"):
        return render_to_string("print/class_file_cover.html", context)


def class_file_pdf(*, params: dict, progress) -> tuple[str, str, bytes]:
    """One PDF: the cover with the table of contents (each document's first page in the file and its number of
    pages), then every document as kept."""
    class_file = ClassFile.objects.select_related("course").get(pk=params["class_file"])
    parts = list(class_file.parts.order_by("order"))
    total = len(parts) + 1
    rendered = []
    for done, part in enumerate(parts, start=1):
        rendered.append(html_to_document(part.content))
        progress(done, total)
    # The cover's own length depends on the contents' length only: lay it out once to count its pages.
    contents = [{"part": p, "pages": len(r.pages), "start": 0} for p, r in zip(parts, rendered, strict=True)]
    cover = html_to_document(_cover_html(class_file, contents))
    start = len(cover.pages) + 1
    for entry in contents:
        entry["start"] = start
        start += entry["pages"]
    cover = html_to_document(_cover_html(class_file, contents))
    pages = [page for document in [cover, *rendered] for page in document.pages]
    content = cover.copy(pages).write_pdf()
    progress(total, total)
    return f"{_file_name(class_file)}.pdf", PDF, content


def class_file_zip(*, params: dict, progress) -> tuple[str, str, bytes]:
    """One PDF per document, numbered in the file's order, with the table of contents as a text file."""
    class_file = ClassFile.objects.select_related("course").get(pk=params["class_file"])
    parts = list(class_file.parts.order_by("order"))
    buffer = io.BytesIO()
    lines = [f"HỒ SƠ LỚP {class_file.course.title} ({class_file.course.code}), bản {class_file.version}", ""]
    lines += [f"{part.order:02d}. {part.title}" for part in parts]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONTENTS_NAME, "\n".join(lines) + "\n")
        for done, part in enumerate(parts, start=1):
            name = f"{part.order:02d} - {_safe(part.title)}.pdf"
            archive.writestr(name, html_to_document(part.content).write_pdf())
            progress(done, len(parts))
    return f"{_file_name(class_file)}.zip", ZIP, buffer.getvalue()


def _safe(title: str) -> str:
    """A file name inside the ZIP: the title without the characters file systems refuse, at most 120 long."""
    cleaned = "".join("-" if ch in '/\\:*?"<>|' else ch for ch in title)
    return cleaned[:120].strip()


BUILDERS = {"class_file_pdf": class_file_pdf, "class_file_zip": class_file_zip}


def next_step(course: Course) -> str | None:
    """The course page's next step once a finished class's completion decision is issued: the certificates, then
    the class file, then nothing (courses.panels.register_next_step). None before: the default applies."""
    if course.status != Course.Status.FINISHED:
        return None
    decision = current_document(course=course, kind=KIND.COMPLETION_DECISION)
    if decision is None:
        return None
    if course.programme.gives_certificate:
        completed = Enrolment.objects.filter(
            course=course, status=Enrolment.Status.APPROVED, completion=Enrolment.Completion.COMPLETED
        ).count()
        certified = (
            Certificate.objects.filter(enrolment__course=course, status=Certificate.Status.VALID)
            .values("enrolment")
            .distinct()
            .count()
        )
        if certified < completed:
            return str(
                STEP_CERTIFICATES
                % {
                    "count": completed - certified,
                    "number": decision.number_text,
                    "date": f"{decision.issued_on:%d/%m/%Y}",
                }
            )
    if class_file_current(course) is None:
        return str(STEP_SEAL)
    return str(STEP_DONE)
