"""Certificates (giấy chứng nhận): issue, revoke, reissue (HD 154-HD/BTGTW), print, verify.

Register numbers are sequential within a calendar year, unique and without gaps even when two people
issue at the same moment: the year's CertificateCounter row is locked (SELECT … FOR UPDATE) inside the
issuing transaction, so a second issuer waits until the first commits or rolls back; a rollback returns
the numbers together with the certificates. The (kind, year, number) unique constraint is the backstop.

A programme that awards the sơ cấp diploma (``Programme.award``) gets a bằng sơ cấp lý luận chính trị instead:
the same record (``Certificate.kind`` = diploma), its own series of numbers (DiplomaCounter, the profile's
diploma number format), its own printed form and its own register book.
"""

import datetime
import io
import secrets
import zipfile

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.errors import PortalError
from center.links import absolute_url
from center.models import Center, register_number
from center.pdf import html_to_document, html_to_pdf, render_pdf_counting_pages
from center.qr import qr_data_uri
from courses.models import Course, IssuedDocument
from courses.register import current_document
from trainees.certificates.selectors import register_book
from trainees.models import Certificate, CertificateCounter, DiplomaCounter, Enrolment, RegisterClosure
from trainees.records.services import add_months

# Unambiguous when read aloud or typed: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10

ERROR_NO_CERTIFICATE_PROGRAMME = _("This programme does not lead to a certificate.")
ERROR_NOT_CONFIRMED = _("The director has not confirmed that this trainee completed the course.")
ERROR_ALREADY_ISSUED = _("A certificate has already been issued for this enrolment; reissue it instead.")
ERROR_NOTHING_TO_ISSUE = _("Nobody in this course is waiting for a certificate.")
ERROR_REASON_REQUIRED = _("Give the reason.")
ERROR_NOT_VALID = _("Only a valid certificate can be revoked.")
ERROR_ALREADY_REPLACED = _("This certificate has already been reissued; work on the newest copy.")
ERROR_CAUSE_REQUIRED = _("Say whether the reissue corrects an error of the center or answers the holder's request.")
ERROR_BOOK_CLOSED = _(
    "The %(year)s register book of this programme is closed: a certificate dated in %(year)s cannot be added to it."
)
ERROR_BOOK_ALREADY_CLOSED = _("This register book is already closed.")
ERROR_BOOK_YEAR_OPEN = _("A year's book is closed once the year is over.")
ERROR_BOOK_EMPTY = _("No certificate was entered in this book: there is nothing to close.")
ERROR_NO_SIGNER = _("Fill in the director's name on the center profile before issuing certificates.")
ERROR_NUMBER_FORMAT = _(
    "The register number format on the center profile cannot be used: %(problem)s Correct it first."
)

# History labels of the actions below (registered from TraineesConfig.ready).
ACTION_LABELS = {
    "certificate.issued": _("Certificate issued"),
    "certificate.reissued": _("Certificate reissued"),
    "certificate.revoked": _("Certificate revoked"),
    "certificate.replaced": _("Certificate replaced by a reissue"),
    "register.closed": _("Register book closed"),
}


class CertificateError(PortalError):
    """A certificate action that cannot be done."""


def new_verification_code() -> str:
    """10 random characters from CODE_ALPHABET (≈ 8·10¹⁴ possibilities), shown as XXXXX-XXXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalize_code(text: str) -> str:
    """What a person typed or read aloud → the stored form: case, spaces and dashes do not matter."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(raw) != CODE_LENGTH:
        return raw
    return f"{raw[:5]}-{raw[5:]}"


def verification_url(certificate: Certificate) -> str:
    return absolute_url(reverse("verify_certificate", args=[certificate.verification_code]))


# Each kind of document has its own series of numbers (and register book).
COUNTERS = {Certificate.Kind.CERTIFICATE: CertificateCounter, Certificate.Kind.DIPLOMA: DiplomaCounter}


def _reserve_numbers(*, year: int, count: int, kind: str = Certificate.Kind.CERTIFICATE) -> range:
    """The next ``count`` register numbers of ``year`` in the series of ``kind``. Must run inside the issuing
    transaction: the counter row stays locked until it commits."""
    model = COUNTERS[kind]
    # INSERT … ON CONFLICT DO NOTHING: creating the year's row is safe when two issuers race for it.
    model.objects.bulk_create([model(year=year)], ignore_conflicts=True)
    counter = model.objects.select_for_update().get(year=year)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return range(first, first + count)


def _unique_codes(count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        batch = {new_verification_code() for _ in range(count - len(codes))}
        taken = set(Certificate.objects.filter(verification_code__in=batch).values_list("verification_code", flat=True))
        codes |= batch - taken
    return list(codes)


def _printed_values(enrolment: Enrolment, decisions: dict) -> dict:
    """What a certificate of ``enrolment`` prints, taken from the records at the moment it is issued;
    ``decisions`` maps a course's id to its completion decision in force (or None)."""
    trainee, course = enrolment.trainee, enrolment.course
    unit = enrolment.sending_unit or trainee.unit
    decision = decisions.get(course.pk)
    return {
        "decision_number": decision.number_text if decision else "",
        "decision_date": decision.issued_on if decision else None,
        "family_name": trainee.family_name,
        "given_name": trainee.given_name,
        "date_of_birth": trainee.date_of_birth,
        "salutation": salutation(trainee),
        "unit_name": unit.name if unit else "",
        "programme_name": course.programme.name,
        "course_title": course.title,
        "course_code": course.code,
        "course_start": course.start_date,
        "course_end": course.end_date,
        "grade": enrolment.grade,
        "score": enrolment.score,
    }


def document_kind(programme) -> str:
    """What a programme's completers receive: the sơ cấp diploma or a certificate."""
    if programme.award == programme.Award.ELEMENTARY_DIPLOMA:
        return Certificate.Kind.DIPLOMA
    return Certificate.Kind.CERTIFICATE


def valid_until(programme, issued_on: datetime.date) -> datetime.date | None:
    """The last day a certificate issued on ``issued_on`` counts, where the programme sets a validity."""
    months = programme.certificate_validity_months
    return add_months(issued_on, months) - datetime.timedelta(days=1) if months else None


def _create(*, enrolments: list[Enrolment], by, issued_on: datetime.date, replaces=None) -> list[Certificate]:
    """Certificates (or diplomas) for ``enrolments``, all of one course's programme (or the one certificate
    ``replaces`` is reissued as: the same kind of document, counting until the same day)."""
    center = Center.load()
    signature = center.signature()
    if not signature["name"]:
        raise CertificateError(ERROR_NO_SIGNER)
    enrolments = _with_records(enrolments)
    programme = enrolments[0].course.programme
    kind = replaces.kind if replaces else document_kind(programme)
    until = replaces.valid_until if replaces else valid_until(programme, issued_on)
    _refuse_closed_books(enrolments, year=issued_on.year, kind=kind)
    decisions = {
        course_id: current_document(course=course_id, kind=IssuedDocument.Kind.COMPLETION_DECISION)
        for course_id in {e.course_id for e in enrolments}
    }
    numbers = _reserve_numbers(year=issued_on.year, count=len(enrolments), kind=kind)
    number_format = (
        center.diploma_number_format if kind == Certificate.Kind.DIPLOMA else center.certificate_number_format
    )
    codes = _unique_codes(len(enrolments))
    certificates = []
    for enrolment, number, code in zip(enrolments, numbers, codes, strict=True):
        try:
            printed_number = register_number(
                number_format, number=number, year=issued_on.year, code=center.document_code
            )
        except ValueError as exc:  # a format saved before it was checked; the transaction rolls back
            raise CertificateError(ERROR_NUMBER_FORMAT % {"problem": exc}) from None
        certificate = Certificate(
            enrolment=enrolment,
            kind=kind,
            valid_until=until,
            year=issued_on.year,
            number=number,
            register_number=printed_number,
            issued_on=issued_on,
            signer_name=signature["name"],
            # A deputy's block is stored as printed: “KT. GIÁM ĐỐC” above “PHÓ GIÁM ĐỐC”.
            signer_title="\n".join(filter(None, [signature["prefix"], signature["position"]])),
            verification_code=code,
            replaces=replaces,
            issued_by=by,
            **_printed_values(enrolment, decisions),
        )
        certificate.full_clean(
            exclude=["enrolment", "replaces", "issued_by"], validate_unique=False, validate_constraints=False
        )
        certificates.append(certificate)
    Certificate.objects.bulk_create(certificates)
    for certificate in certificates:
        audit_record(
            subject=certificate,
            action="certificate.reissued" if replaces else "certificate.issued",
            by=by,
            data={"register_number": certificate.register_number},
        )
    return certificates


def _refuse_closed_books(enrolments: list[Enrolment], *, year: int, kind: str) -> None:
    programmes = {e.course.programme_id for e in enrolments}
    if RegisterClosure.objects.filter(kind=kind, year=year, programme_id__in=programmes).exists():
        raise CertificateError(ERROR_BOOK_CLOSED % {"year": year})


@transaction.atomic
def register_close(
    *, year: int, programme, by, kind: str = Certificate.Kind.CERTIFICATE, today: datetime.date | None = None
) -> RegisterClosure:
    """The director closes the ``year``'s register book of ``programme`` (its certificates, or its diplomas:
    a book of their own) once the year is over: its pages are counted (and printed "Trang x/y" from then on),
    and no certificate dated in that year is added to it."""
    today = today or timezone.localdate()
    if year >= today.year:
        raise CertificateError(ERROR_BOOK_YEAR_OPEN)
    if RegisterClosure.objects.filter(kind=kind, year=year, programme=programme).exists():
        raise CertificateError(ERROR_BOOK_ALREADY_CLOSED)
    entries = register_book(year=year, programme=programme, kind=kind).count()
    if not entries:
        raise CertificateError(ERROR_BOOK_EMPTY)
    closure = RegisterClosure(kind=kind, year=year, programme=programme, pages=0, entries=entries, closed_by=by)
    _content, pages = render_pdf_counting_pages(
        template_name="print/certificate_register.html",
        context=register_context(year=year, programme=programme, closure=closure, kind=kind),
    )
    closure.pages = pages
    closure.save()
    audit_record(subject=closure, action="register.closed", by=by, data={"pages": pages, "entries": entries})
    return closure


REGISTER_TITLES = {
    Certificate.Kind.CERTIFICATE: "SỔ GỐC CẤP GIẤY CHỨNG NHẬN NĂM {year}",
    Certificate.Kind.DIPLOMA: "SỔ GỐC CẤP BẰNG SƠ CẤP LÝ LUẬN CHÍNH TRỊ NĂM {year}",
}


def register_context(
    *, year: int, programme=None, closure: RegisterClosure | None = None, kind: str = Certificate.Kind.CERTIFICATE
) -> dict:
    """What the printed register book shows: its rows, the center, and for a closed book its page count."""
    return {
        "year": year,
        "kind": kind,
        "is_diploma": kind == Certificate.Kind.DIPLOMA,
        "programme": programme,
        "rows": list(register_book(year=year, programme=programme, kind=kind)),
        "center": Center.load(),
        "doc_date": closure.closed_at.date() if closure and closure.closed_at else timezone.localdate(),
        "title": REGISTER_TITLES[kind].format(year=year),
        "subtitle": f"Chương trình: {programme.name}" if programme is not None else "",
        "closure": closure,
        "orientation": "landscape",
    }


def _with_records(enrolments: list[Enrolment]) -> list[Enrolment]:
    """``enrolments`` in the same order, with the trainee, units, course and programme joined (one query)."""
    joined = (
        Enrolment.objects.select_related("trainee__unit", "sending_unit", "course__programme")
        .filter(pk__in=[e.pk for e in enrolments])
        .in_bulk()
    )
    return [joined[e.pk] for e in enrolments]


def _check_issuable(enrolment: Enrolment) -> None:
    if not enrolment.course.programme.gives_certificate:
        raise CertificateError(ERROR_NO_CERTIFICATE_PROGRAMME)
    if enrolment.completion != Enrolment.Completion.COMPLETED or enrolment.completion_confirmed_at is None:
        raise CertificateError(ERROR_NOT_CONFIRMED)


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, by, issued_on: datetime.date | None = None) -> Certificate:
    """Issue the certificate of one confirmed completed enrolment. Raises CertificateError."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",)).select_related("course__programme").get(pk=enrolment.pk)
    )
    _check_issuable(enrolment)
    if Certificate.objects.filter(enrolment=enrolment).exists():
        raise CertificateError(ERROR_ALREADY_ISSUED)
    return _create(enrolments=[enrolment], by=by, issued_on=issued_on or timezone.localdate())[0]


@transaction.atomic
def certificates_issue_for_course(*, course: Course, by, issued_on: datetime.date | None = None) -> list:
    """Issue certificates to every trainee of ``course`` whose completion the director confirmed and
    who has none yet, numbered in roster order. Raises CertificateError."""
    if not course.programme.gives_certificate:
        raise CertificateError(ERROR_NO_CERTIFICATE_PROGRAMME)
    enrolments = list(
        Enrolment.objects.select_for_update(of=("self",))
        .filter(
            course=course,
            status=Enrolment.Status.APPROVED,
            completion=Enrolment.Completion.COMPLETED,
            completion_confirmed_at__isnull=False,
            certificates__isnull=True,
        )
        .select_related("trainee")
        .order_by("trainee__sort_key", "trainee__pk")
    )
    # Locked now: a certificate another issuer committed while we waited is visible to this fresh query.
    already = set(Certificate.objects.filter(enrolment__in=enrolments).values_list("enrolment_id", flat=True))
    enrolments = [e for e in enrolments if e.pk not in already]
    if not enrolments:
        raise CertificateError(ERROR_NOTHING_TO_ISSUE)
    return _create(enrolments=enrolments, by=by, issued_on=issued_on or timezone.localdate())


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Revoke a valid certificate with a reason. The record stays; its verification page says so."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(ERROR_REASON_REQUIRED)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != Certificate.Status.VALID:
        raise CertificateError(ERROR_NOT_VALID)
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_reason = reason
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["status", "revoked_reason", "revoked_at"])
    audit_record(subject=certificate, action="certificate.revoked", by=by, reason=reason)
    return certificate


@transaction.atomic
def certificate_reissue(
    *, certificate: Certificate, by, reason: str, cause: str, issued_on: datetime.date | None = None
) -> Certificate:
    """Reissue on error or loss (HD 154-HD/BTGTW): the old record stays, marked as replaced; the new one
    has a new register number and code, links to the old one, prints "Bản cấp lại" and records the cause
    (the center's error or the holder's request) and the reason in the register."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(ERROR_REASON_REQUIRED)
    if cause not in Certificate.ReissueCause.values:
        raise CertificateError(ERROR_CAUSE_REQUIRED)
    old = Certificate.objects.select_for_update().select_related("enrolment__course__programme").get(pk=certificate.pk)
    if old.status == Certificate.Status.REPLACED or Certificate.objects.filter(replaces=old).exists():
        raise CertificateError(ERROR_ALREADY_REPLACED)
    previous_status = old.status
    old.status = Certificate.Status.REPLACED
    old.save(update_fields=["status"])
    audit_record(subject=old, action="certificate.replaced", by=by, reason=reason, data={"old_status": previous_status})
    new = _create(enrolments=[old.enrolment], by=by, issued_on=issued_on or timezone.localdate(), replaces=old)[0]
    new.reissue_cause = cause
    new.reissue_reason = reason
    new.save(update_fields=["reissue_cause", "reissue_reason"])
    return new


# --- printing -------------------------------------------------------------------------------------------


def salutation(trainee) -> str:
    """How the certificate addresses the trainee: "Đồng chí" for a Party member (also probationary),
    otherwise "Ông" / "Bà" by gender ("Ông/Bà" when the gender is not recorded)."""
    if trainee.party_status in (trainee.PartyStatus.FULL, trainee.PartyStatus.PROBATIONARY):
        return "Đồng chí"
    return {trainee.Gender.MALE: "Ông", trainee.Gender.FEMALE: "Bà"}.get(trainee.gender, "Ông/Bà")


def certificate_print_data(certificate: Certificate) -> dict:
    """Everything a printed certificate shows, assembled once (the template only draws it): the values
    the certificate stored when it was issued, never the records as they are today."""
    url = verification_url(certificate)
    return {
        "certificate": certificate,
        "trainee_name": certificate.full_name,
        "salutation": certificate.salutation,
        "date_of_birth": certificate.date_of_birth,
        "unit": certificate.unit_name,
        "programme": certificate.programme_name,
        "course_title": certificate.course_title,
        "course_code": certificate.course_code,
        "course_start": certificate.course_start,
        "course_end": certificate.course_end,
        "grade": certificate.get_grade_display() if certificate.grade else "",
        "is_reissue": certificate.replaces_id is not None,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def _file_prefix(certificate: Certificate) -> str:
    return "Bang SC" if certificate.is_diploma else "GCN"


def certificate_filename(certificate: Certificate) -> str:
    return f"{_file_prefix(certificate)} {certificate.year}-{certificate.number:04d} {certificate.full_name}.pdf"


def _certificates_html(certificates: list[Certificate], center: Center | None = None) -> str:
    pages = [certificate_print_data(c) for c in certificates]
    context = {"pages": pages, "center": center or Center.load(), "for_pdf": True}
    return render_to_string("print/certificate.html", context)


def certificate_pdf(*, certificates) -> tuple[str, str, bytes]:
    """One or many certificates in one PDF (one A4 landscape page each, ready for a printer):
    ``(filename, content_type, bytes)``. ``certificates`` should come with trainee, unit and course
    joined (``selectors_results.certificate_queryset``)."""
    certificates = list(certificates)
    content = html_to_pdf(_certificates_html(certificates))
    if len(certificates) == 1:
        filename = certificate_filename(certificates[0])
    else:
        prefix, code = (_file_prefix(certificates[0]), certificates[0].course_code) if certificates else ("GCN", "")
        filename = f"{prefix} {code}.pdf"
    return filename, "application/pdf", content


def certificates_zip(*, certificates, progress=None) -> tuple[str, str, bytes]:
    """A ZIP with one PDF per certificate: ``(filename, content_type, bytes)``.

    The certificates are laid out once, as for the whole-course PDF, and each page is written as a file of
    its own (a certificate is one page; should one ever not be, each is rendered on its own instead).
    ``progress(done, total)`` is called as files are written."""
    certificates = list(certificates)
    center = Center.load()
    document = html_to_document(_certificates_html(certificates, center))
    one_page_each = len(document.pages) == len(certificates)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, certificate in enumerate(certificates):
            if one_page_each:
                content = document.copy([document.pages[index]]).write_pdf()
            else:
                content = html_to_pdf(_certificates_html([certificate], center))
            archive.writestr(certificate_filename(certificate), content)
            if progress:
                progress(index + 1, len(certificates))
    prefix = _file_prefix(certificates[0]) if certificates else "GCN"
    return f"{prefix} {certificates[0].course_code if certificates else ''}.zip", "application/zip", buffer.getvalue()
