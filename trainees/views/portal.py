"""The trainee portal (phone first): activation, My timetable, My courses, My certificates, My details.

Every page starts from ``own_trainee(request.user)``; objects in URLs are fetched through the trainee
(``own_enrolment``, ``own_certificate``), so another trainee's id is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.pdf import pdf_response
from trainees.forms_portal import ActivationForm, CorrectionRequestForm
from trainees.models import Certificate
from trainees.selectors_portal import (
    calendar_account,
    enrolment_attendance,
    own_certificate,
    own_enrolment,
    own_trainee,
    trainee_calendar_account,
    trainee_certificates,
    trainee_correction_requests,
    trainee_enrolments,
    trainee_sessions,
    trainee_timetable,
)
from trainees.services.accounts import (
    AccountError,
    account_activate,
    activation_code_check,
    activation_code_live,
    activation_link_check,
    calendar_token_reset,
    correction_request_submit,
)

SESSION_KEY = "portal_activation_code"


def _calendar_url(request, account) -> str:
    return request.build_absolute_uri(reverse("portal_calendar", kwargs={"token": account.calendar_token}))


@login_required
def portal_home(request):
    """My timetable: the next session first, then every session of the courses the trainee is approved for."""
    trainee = own_trainee(request.user)
    timetable = trainee_timetable(trainee)
    account = trainee_calendar_account(trainee)
    calendar_url = _calendar_url(request, account)
    return render(
        request,
        "trainees/portal_home.html",
        {
            "trainee": trainee,
            "timetable": timetable,
            "calendar_url": calendar_url,
            "webcal_url": "webcal://" + calendar_url.split("://", 1)[1],
            "nav": "timetable",
        },
    )


@login_required
@require_POST
def portal_calendar_reset(request):
    trainee = own_trainee(request.user)
    calendar_token_reset(trainee=trainee, by=request.user)
    messages.success(request, _("Your calendar link has been renewed; the old link no longer works."))
    return redirect("portal_home")


def portal_calendar(request, token):
    """The trainee's own calendar feed; the secret in the URL is the only key (calendar apps cannot log in)."""
    from courses.ics import calendar_bytes, ics_response  # the courses app's feed writer (one UID per session)

    account = calendar_account(token)
    trainee = account.trainee
    content = calendar_bytes(
        name=f"{_('Timetable')} — {trainee.full_name}",
        sessions=trainee_sessions(trainee),
        base_url=settings.PORTAL_BASE_URL.rstrip("/") + reverse("portal_home"),
    )
    return ics_response(content, "lich-hoc.ics", max_age=900)


@login_required
def portal_courses(request):
    trainee = own_trainee(request.user)
    return render(
        request,
        "trainees/portal_courses.html",
        {"trainee": trainee, "enrolments": trainee_enrolments(trainee), "nav": "courses"},
    )


@login_required
def portal_enrolment(request, pk):
    trainee = own_trainee(request.user)
    enrolment = own_enrolment(trainee, pk)
    return render(
        request,
        "trainees/portal_enrolment.html",
        {"trainee": trainee, "enrolment": enrolment, "sessions": enrolment_attendance(enrolment), "nav": "courses"},
    )


@login_required
def portal_certificates(request):
    trainee = own_trainee(request.user)
    return render(
        request,
        "trainees/portal_certificates.html",
        {"trainee": trainee, "certificates": trainee_certificates(trainee), "nav": "certificates"},
    )


@login_required
def portal_certificate_pdf(request, pk):
    """The PDF of one of the trainee's own valid certificates; a revoked or replaced one is not served."""
    trainee = own_trainee(request.user)
    certificate = own_certificate(trainee, pk)
    if certificate.status != Certificate.Status.VALID:
        raise Http404
    from trainees.selectors_results import certificate_queryset
    from trainees.services.certificates import certificate_pdf

    filename, _content_type, content = certificate_pdf(certificates=[certificate_queryset().get(pk=certificate.pk)])
    return pdf_response(filename=filename, content=content, inline=False)


@login_required
def portal_details(request):
    """My details: what the center keeps about me; a correction request goes to staff as a task."""
    trainee = own_trainee(request.user)
    form = CorrectionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction_request_submit(trainee=trainee, text=form.cleaned_data["text"], by=request.user)
        except AccountError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, _("Your request has been sent to the center's staff."))
            return redirect("portal_details")
    return render(
        request,
        "trainees/portal_details.html",
        {
            "trainee": trainee,
            "form": form,
            "corrections": trainee_correction_requests(trainee),
            "nav": "details",
        },
    )


def activate(request):
    """Step 1 of activation: username + the code printed on the slip."""
    if request.user.is_authenticated:
        return redirect("home")
    form = ActivationForm(request.POST or None, initial={"username": request.GET.get("u", "")[:150]})
    if request.method == "POST" and form.is_valid():
        try:
            code = activation_code_check(username=form.cleaned_data["username"], code=form.cleaned_data["code"])
        except AccountError as exc:
            form.add_error("code", exc.message)
        else:
            request.session[SESSION_KEY] = code.pk
            return redirect("activate_password")
    return render(request, "trainees/portal_activate.html", {"form": form})


def activate_link(request, token):
    """An activation link from an e-mail: checked, then the same password step as a printed code."""
    if request.user.is_authenticated:
        return redirect("home")
    try:
        code = activation_link_check(token=token)
    except AccountError as exc:
        messages.error(request, exc.message)
        return redirect("activate")
    request.session[SESSION_KEY] = code.pk
    return redirect("activate_password")


def activate_password(request):
    """Step 2: choose a password (Django's validators); the code is used up and the trainee logged in."""
    code = activation_code_live(pk=request.session.get(SESSION_KEY))
    if code is None:
        request.session.pop(SESSION_KEY, None)
        if request.user.is_authenticated:
            return redirect("home")
        messages.error(request, _("Start again: type your username and the code from your slip."))
        return redirect("activate")
    user = code.trainee.user
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_activate(code=code, password=form.cleaned_data["new_password1"])
        except AccountError as exc:
            messages.error(request, exc.message)
            return redirect("activate")
        request.session.pop(SESSION_KEY, None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready. This is your timetable."))
        return redirect("portal_home")
    return render(request, "trainees/portal_activate_password.html", {"form": form, "username": user.username})
