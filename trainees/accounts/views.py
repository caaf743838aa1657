"""Trainee accounts: the staff side (create logins, print slips with one-time codes, e-mail activation
links; managers only) and the activation pages a trainee opens with a code or a link.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.errors import show_error, show_form_error
from center.generated import generated_file_request
from center.net import client_ip
from center.roles import MANAGERS, role_required
from courses.models import Course
from trainees.access import course_for_staff, trainee_with_account_for_staff
from trainees.accounts import slips
from trainees.accounts.forms import ActivationForm
from trainees.accounts.selectors import account_roster, courses_for_accounts, trainees_with_live_code
from trainees.accounts.services import (
    AccountError,
    account_activate,
    activation_code_check,
    activation_code_live,
    activation_link_check,
    activation_link_send,
)
from trainees.models import Trainee


@role_required(*MANAGERS)
def account_courses(request):
    """Courses with approved trainees, and how many of them have activated their portal account."""
    return render(request, "trainees/accounts/account_courses.html", {"courses": courses_for_accounts()})


@role_required(*MANAGERS)
def account_course(request, pk):
    course = course_for_staff(request.user, pk)
    return render(
        request, "trainees/accounts/account_course.html", {"course": course, "trainees": account_roster(course)}
    )


@role_required(*MANAGERS)
def account_trainee(request, pk):
    trainee = trainee_with_account_for_staff(request.user, pk)
    return render(
        request,
        "trainees/accounts/account_trainee.html",
        {"trainee": trainee, "history": audit_for(trainee).filter(action__startswith="account.")[:20]},
    )


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
    replaced = trainees_with_live_code(trainees)
    if replaced and request.POST.get("replace") != "yes":
        # Printing cancels the code already on each of these trainees' slips: say so and ask first.
        return render(
            request,
            "trainees/accounts/account_slips_confirm.html",
            {
                "course": course,
                "trainees": trainees,
                "replaced": replaced,
                "format": request.POST.get("format", "html"),
                "back_url": reverse("account_course", args=[course.pk]) if course else reverse("account_courses"),
            },
        )
    back_url = reverse("account_course", args=[course.pk]) if course else reverse("account_courses")
    if request.POST.get("format") == "pdf":
        # Issuing a code and laying out a slip take a moment each: a class's sheet is made by the background
        # worker, kept an hour for the one who asked only (it holds live codes), then removed.
        file = generated_file_request(
            owner=request.user,
            kind=slips.KIND_PDF,
            title=slips.title(course, len(trainees)),
            params={
                "trainees": [t.pk for t in trainees],
                "course": course.pk if course else None,
                "by": request.user.pk,
            },
        )
        return redirect("generated_file", pk=file.pk)
    context = slips.slips_context(trainees=trainees, course=course, by=request.user)
    for error in context["errors"]:
        messages.error(request, error)
    response = render(request, "print/account_slips.html", {**context, "back_url": back_url})
    # The codes are in this response only: never cache it.
    response["Cache-Control"] = "no-store"
    return response


@role_required(*MANAGERS)
@require_POST
def account_link_send(request, pk):
    trainee = trainee_with_account_for_staff(request.user, pk)
    try:
        email = activation_link_send(trainee=trainee, by=request.user)
    except AccountError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("An activation link has been e-mailed to %(email)s.") % {"email": email})
    return redirect("account_trainee", pk=trainee.pk)


SESSION_KEY = "portal_activation_code"


def activate(request):
    """Step 1 of activation: username + the code printed on the slip."""
    if request.user.is_authenticated:
        return redirect("home")
    form = ActivationForm(request.POST or None, initial={"username": request.GET.get("u", "")[:150]})
    if request.method == "POST" and form.is_valid():
        try:
            code = activation_code_check(
                username=form.cleaned_data["username"], code=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except AccountError as exc:
            show_form_error(form, exc, "code")
        else:
            request.session[SESSION_KEY] = code.pk
            return redirect("activate_password")
    return render(request, "trainees/accounts/activate.html", {"form": form})


def activate_link(request, token):
    """An activation link from an e-mail: checked, then the same password step as a printed code."""
    if request.user.is_authenticated:
        return redirect("home")
    try:
        code = activation_link_check(token=token)
    except AccountError as exc:
        show_error(request, exc)
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
            show_error(request, exc)
            return redirect("activate")
        request.session.pop(SESSION_KEY, None)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready. This is your timetable."))
        return redirect("portal_home")
    return render(request, "trainees/accounts/activate_password.html", {"form": form, "username": user.username})
