"""Account slips (phiếu tài khoản): a new one-time code for each chosen trainee, printed with the username and
a QR code of the activation page. The browser's print page is made in the request; the PDF of a class is made by
the background worker (center.generated), for its owner only, and kept an hour: it holds live codes."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from center.links import absolute_url
from center.models import Center
from center.pdf import render_pdf
from center.qr import qr_data_uri
from courses.models import Course
from trainees.accounts.services import CODE_VALID_DAYS, AccountError, activation_code_issue, format_code
from trainees.models import Trainee

KIND_PDF = "account_slips_pdf"
KEEP = datetime.timedelta(hours=1)


def title(course: Course | None, count: int) -> str:
    if course is not None:
        return _("Account slips of %(course)s (%(count)s, PDF)") % {"course": course.code, "count": count}
    return _("Account slips (%(count)s, PDF)") % {"count": count}


def slips_context(*, trainees: list[Trainee], course: Course | None, by, progress=None) -> dict:
    """Issue a code for each of ``trainees`` (creating logins as needed, revoking earlier codes) and return the
    print context; ``errors`` lists those who got none and why."""
    activate_url = absolute_url(reverse("activate"))
    slips, errors = [], []
    for done, trainee in enumerate(trainees, start=1):
        try:
            code = activation_code_issue(trainee=trainee, by=by)
        except AccountError as exc:
            errors.append(f"{trainee.full_name}: {exc.message}")
            continue
        trainee.refresh_from_db(fields=["user"])
        username = trainee.user.username
        slips.append(
            {
                "trainee": trainee,
                "username": username,
                "code": format_code(code),
                "qr": qr_data_uri(f"{activate_url}?{urlencode({'u': username})}", scale=3, border=1),
            }
        )
        if progress is not None:
            progress(done, len(trainees) + 1)
    return {
        "title": _("Trainee account slips"),
        "center": Center.load(),
        "course": course,
        "slips": slips,
        "errors": errors,
        "activate_url": activate_url,
        "expires_on": timezone.localdate() + datetime.timedelta(days=CODE_VALID_DAYS),
    }


def slips_pdf(*, params: dict, progress) -> tuple[str, str, bytes]:
    """The background worker's builder: issue the codes (in the name of ``params["by"]``, who asked) and lay out
    the sheet."""
    by = get_user_model().objects.filter(pk=params.get("by")).first()
    ids = [int(pk) for pk in params.get("trainees", [])]
    trainees = list(Trainee.objects.filter(pk__in=ids, merged_into=None).order_by("sort_key", "pk"))
    course = Course.objects.filter(pk=params.get("course")).first() if params.get("course") else None
    with translation.override("vi"):
        context = slips_context(trainees=trainees, course=course, by=by, progress=progress)
        content = render_pdf(template_name="print/account_slips.html", context=context)
    name = f"Phieu tai khoan {course.code}.pdf" if course else "Phieu tai khoan.pdf"
    return name, "application/pdf", content
