"""Staff side of trainee accounts: create logins, print slips with one-time codes, e-mail activation links,
and handle the trainees' correction requests. Managers only (director, deputy, clerk)."""

import datetime

import segno
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.models import Center
from center.pdf import pdf_response, render_pdf
from center.roles import MANAGERS, role_required, user_roles
from courses.models import Course
from trainees.forms_portal import CorrectionCloseForm
from trainees.models import CorrectionRequest, Trainee
from trainees.selectors_portal import (
    account_roster,
    courses_for_accounts,
    open_correction_requests,
    trainee_with_account,
)
from trainees.services.accounts import (
    CODE_VALID_DAYS,
    AccountError,
    activation_code_issue,
    activation_link_send,
    correction_record_unchanged,
    correction_request_close,
    format_code,
)

RECORD_UNCHANGED_REMINDER = gettext_lazy(
    "Reminder: the record of %(name)s has not been changed since the request was sent. "
    "If the correction is still to be made, open the record and edit it."
)


@role_required(*MANAGERS)
def account_courses(request):
    """Courses with approved trainees, and how many of them have activated their portal account."""
    return render(request, "trainees/account_courses.html", {"courses": courses_for_accounts()})


@role_required(*MANAGERS)
def account_course(request, pk):
    course = get_object_or_404(Course.objects.select_related("programme"), pk=pk)
    return render(request, "trainees/account_course.html", {"course": course, "trainees": account_roster(course)})


@role_required(*MANAGERS)
def account_trainee(request, pk):
    trainee = trainee_with_account(pk)
    return render(
        request,
        "trainees/account_trainee.html",
        {"trainee": trainee, "history": audit_for(trainee).filter(action__startswith="account.")[:20]},
    )


def _qr(url: str) -> str:
    return segno.make(url, error="m").png_data_uri(scale=3, border=1)


@role_required(*MANAGERS)
@require_POST
def account_slips(request):
    """Issue a new one-time code for each chosen trainee (creating logins as needed, revoking earlier codes)
    and return the slips to print: HTML for the browser, or a PDF. Codes are shown only here, once."""
    ids = [value for value in request.POST.getlist("trainee") if value.isdigit()]
    course = None
    if request.POST.get("course", "").isdigit():
        course = Course.objects.filter(pk=request.POST["course"]).first()
    trainees = list(Trainee.objects.filter(pk__in=ids, merged_into=None).order_by("sort_key", "pk"))
    if not trainees:
        messages.error(request, _("Choose at least one trainee."))
        return redirect(reverse("account_course", args=[course.pk]) if course else "account_courses")
    activate_url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("activate")
    expires_on = timezone.localdate() + datetime.timedelta(days=CODE_VALID_DAYS)
    slips = []
    for trainee in trainees:
        try:
            code = activation_code_issue(trainee=trainee, by=request.user)
        except AccountError as exc:
            messages.error(request, f"{trainee.full_name}: {exc.message}")
            continue
        trainee.refresh_from_db(fields=["user"])
        username = trainee.user.username
        slips.append(
            {
                "trainee": trainee,
                "username": username,
                "code": format_code(code),
                "qr": _qr(f"{activate_url}?{urlencode({'u': username})}"),
            }
        )
    context = {
        "title": _("Trainee account slips"),
        "center": Center.load(),
        "course": course,
        "slips": slips,
        "activate_url": activate_url,
        "portal_url": settings.PORTAL_BASE_URL,
        "expires_on": expires_on,
        "back_url": reverse("account_course", args=[course.pk]) if course else reverse("account_courses"),
    }
    if request.POST.get("format") == "pdf":
        content = render_pdf(template_name="print/account_slips.html", context=context, request=request)
        name = f"Phieu tai khoan {course.code}.pdf" if course else "Phieu tai khoan.pdf"
        response = pdf_response(filename=name, content=content, inline=False)
    else:
        response = render(request, "print/account_slips.html", context)
    # The codes are in this response only: never cache it.
    response["Cache-Control"] = "no-store"
    return response


@role_required(*MANAGERS)
@require_POST
def account_link_send(request, pk):
    trainee = get_object_or_404(Trainee, pk=pk, merged_into=None)
    try:
        email = activation_link_send(trainee=trainee, by=request.user)
    except AccountError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("An activation link has been e-mailed to %(email)s.") % {"email": email})
    return redirect("account_trainee", pk=trainee.pk)


@role_required(*MANAGERS)
def correction_list(request):
    """The trainees' correction requests: open ones first (a task list), the handled ones below."""
    show_all = request.GET.get("all") == "1"
    requests = (
        CorrectionRequest.objects.select_related("trainee__unit", "handled_by").order_by("-created_at")
        if show_all
        else open_correction_requests().order_by("created_at")
    )
    return render(
        request,
        "trainees/account_corrections.html",
        {"corrections": requests, "show_all": show_all, "form": CorrectionCloseForm()},
    )


@role_required(*MANAGERS)
@require_POST
def correction_handle(request, pk):
    correction = get_object_or_404(CorrectionRequest, pk=pk)
    form = CorrectionCloseForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("correction_list")
    try:
        closed = correction_request_close(
            correction=correction, status=form.cleaned_data["status"], reply=form.cleaned_data["reply"], by=request.user
        )
    except AccountError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The request has been closed; the trainee sees your reply."))
        if closed.status == CorrectionRequest.Status.DONE and correction_record_unchanged(correction=closed):
            messages.warning(request, RECORD_UNCHANGED_REMINDER % {"name": closed.trainee.full_name})
    return redirect("correction_list")


def corrections_panel(request):
    """Dashboard panel for managers: how many correction requests wait."""
    if not user_roles(request.user) & MANAGERS:
        return None
    count = open_correction_requests().count()
    if not count:
        return None
    return {"template": "trainees/account_corrections_panel.html", "open_count": count}
