"""A course's certificates made in the background (``center.generated``): the ZIP of one PDF each and
the whole-course PDF. Registered in ``TraineesConfig.ready``; the views only ask for them."""

from trainees.certificates import services as svc
from trainees.certificates.selectors import course_certificates_to_print

KIND_ZIP = "certificates_zip"
KIND_PDF = "certificates_pdf"


def build_certificates_zip(*, params: dict, progress) -> tuple[str, str, bytes]:
    certificates = course_certificates_to_print(params["course"])
    progress(0, len(certificates))
    return svc.certificates_zip(certificates=certificates, progress=progress)


def build_certificates_pdf(*, params: dict, progress) -> tuple[str, str, bytes]:
    return svc.certificate_pdf(certificates=course_certificates_to_print(params["course"]))


BUILDERS = {KIND_ZIP: build_certificates_zip, KIND_PDF: build_certificates_pdf}
