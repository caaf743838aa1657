"""The register of outgoing documents (sổ đăng ký văn bản đi): numbering and issuing.

A document gets its number, date and signer when it is issued, and its text is frozen then: the print view,
the PDF and every reprint show the stored copy, so a later edit of a trainee, a course or the profile never
changes a document that was signed and sent. A correction is a new document with a new number that replaces
the old one; both stay in the register."""

import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record
from center.errors import PortalError
from center.models import Center, register_number
from courses.models import DocumentCounter, IssuedDocument

ERROR_REPLACED_ALREADY = _("This document has already been replaced by a correction.")
ERROR_CORRECTION_REASON = _("Give the reason for the correction.")
ERROR_BAD_NUMBER_FORMAT = _("The document number format in the center profile is not valid: %(error)s")

ACTION_LABELS = {
    "document.issued": _("Numbered document issued"),
    "document.replaced": _("Document replaced by a correction"),
}


class RegisterError(PortalError):
    pass


def _lock_counter(series: str, year: int) -> DocumentCounter:
    """The year's counter row of ``series``, created if missing and locked until the transaction ends:
    numbers are taken one at a time."""
    DocumentCounter.objects.bulk_create([DocumentCounter(series=series, year=year)], ignore_conflicts=True)
    return DocumentCounter.objects.select_for_update().get(series=series, year=year)


def signer_title_lines(signature: dict) -> str:
    return "\n".join(line for line in (signature["prefix"], signature["position"]) if line)


@transaction.atomic
def issue_document(
    *,
    kind: str,
    issued_on: datetime.date,
    subject: str,
    template: str,
    context: dict,
    by=None,
    course=None,
    unit=None,
    plan=None,
    replaces: IssuedDocument | None = None,
    reason: str = "",
) -> IssuedDocument:
    """Give the next number of ``kind``'s type in ``issued_on``'s year and store the document: ``template``
    (a body under ``templates/print/``) is rendered in Vietnamese with ``context`` and the header values
    (``doc_number_text``, ``doc_date``, ``signer_prefix``, ``signer_position``, ``signer_name``), and that HTML is
    kept as issued. With ``replaces`` the new document is a correction of that one (a reason is required) and the
    old one is marked replaced."""
    reason = (reason or "").strip()
    if replaces is not None:
        replaces = IssuedDocument.objects.select_for_update().get(pk=replaces.pk)
        if replaces.status != IssuedDocument.Status.ISSUED:
            raise RegisterError(ERROR_REPLACED_ALREADY)
        if not reason:
            raise RegisterError(ERROR_CORRECTION_REASON)
    center = Center.load()
    series = IssuedDocument.SERIES[kind]
    counter = _lock_counter(series, issued_on.year)
    number = counter.last + 1
    try:
        number_text = register_number(
            center.document_number_format,
            number=f"{number:02d}",
            year=issued_on.year,
            code=center.document_code,
            type=series,
        )
    except ValueError as exc:
        raise RegisterError(ERROR_BAD_NUMBER_FORMAT % {"error": exc}) from None
    counter.last = number
    counter.save(update_fields=["last"])
    signature = center.signature()
    header = {
        "doc_number_text": number_text,
        "doc_date": issued_on,
        "signer_prefix": signature["prefix"],
        "signer_position": signature["position"],
        "signer_name": signature["name"],
    }
    with translation.override("vi"):
        content = render_to_string(template, {**context, **header})
    document = IssuedDocument.objects.create(
        kind=kind,
        series=series,
        year=issued_on.year,
        number=number,
        number_text=number_text,
        issued_on=issued_on,
        subject=subject[:255],
        signer_name=signature["name"],
        signer_title=signer_title_lines(signature),
        content=content,
        course=course,
        unit=unit,
        plan=plan,
        replaces=replaces,
        correction_reason=reason if replaces is not None else "",
        issued_by=by if by is not None and by.is_authenticated else None,
    )
    if replaces is not None:
        replaces.status = IssuedDocument.Status.REPLACED
        replaces.save(update_fields=["status"])
        audit_record(
            subject=replaces, action="document.replaced", by=by, reason=reason, data={"by": document.number_text}
        )
    audit_record(subject=document, action="document.issued", by=by, data={"number": number_text})
    return document


def current_document(*, kind: str, course=None, unit=None, plan=None) -> IssuedDocument | None:
    """The document of ``kind`` in force for ``course`` (and ``unit``), or for ``plan``; None if there is none."""
    documents = IssuedDocument.objects.filter(kind=kind, status=IssuedDocument.Status.ISSUED)
    if plan is not None:
        documents = documents.filter(plan=plan)
    else:
        documents = documents.filter(course=course)
    if unit is not None:
        documents = documents.filter(unit=unit)
    return documents.order_by("-created_at", "-pk").first()
