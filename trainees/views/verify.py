"""Public verification of a certificate. These URLs are printed on paper: never change them.

Shows only whether the certificate is valid, revoked or reissued, with the name, programme, course dates,
grade and issue date. An unknown code says "not found" and nothing else.
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from trainees.forms_results import VerifyForm
from trainees.models import Certificate
from trainees.services.certificates import normalize_code


@require_GET
def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("verify_certificate", code=normalize_code(form.cleaned_data["code"]))
    return render(request, "trainees/verify_form.html", {"form": form})


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
        "trainees/verify_result.html",
        {"certificate": certificate, "newer": newer, "form": VerifyForm(), "code": normalized},
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
