"""Certificates made in the background (``center.generated``): a course's ZIP of one PDF each and its
whole-course PDF, and the same two for the certificates chosen in the admin's list. Registered in
``TraineesConfig.ready``; the views and admin actions only ask for them."""

from trainees.certificates import services as svc
from trainees.certificates.selectors import certificate_queryset, course_certificates_to_print

KIND_ZIP = "certificates_zip"
KIND_PDF = "certificates_pdf"
KIND_ZIP_SELECTED = "certificates_zip_selected"
KIND_PDF_SELECTED = "certificates_pdf_selected"


def build_certificates_zip(*, params: dict, progress) -> tuple[str, str, bytes]:
    certificates = course_certificates_to_print(params["course"])
    progress(0, len(certificates))
    return svc.certificates_zip(certificates=certificates, progress=progress)


def build_certificates_pdf(*, params: dict, progress) -> tuple[str, str, bytes]:
    return svc.certificate_pdf(certificates=course_certificates_to_print(params["course"]))


def _selected(params: dict) -> list:
    return list(certificate_queryset().filter(pk__in=params["certificates"]).order_by("kind", "year", "number"))


def build_selected_zip(*, params: dict, progress) -> tuple[str, str, bytes]:
    certificates = _selected(params)
    progress(0, len(certificates))
    return svc.certificates_zip(certificates=certificates, progress=progress)


def build_selected_pdf(*, params: dict, progress) -> tuple[str, str, bytes]:
    return svc.certificate_pdf(certificates=_selected(params))


BUILDERS = {
    KIND_ZIP: build_certificates_zip,
    KIND_PDF: build_certificates_pdf,
    KIND_ZIP_SELECTED: build_selected_zip,
    KIND_PDF_SELECTED: build_selected_pdf,
}
