"""The trainee portal (phone first): My timetable, My courses, My certificates, My details.

Every page starts from ``own_trainee(request.user)``; objects in URLs are fetched through the trainee
(``own_enrolment``, ``own_certificate`` in ``trainees.access``), so another trainee's id is a 404.
"""

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from center.conditional import fingerprint
from center.errors import show_form_error
from center.links import absolute_url
from center.pdf import pdf_response
from center.roles import trainee_required
from trainees.access import calendar_account, own_certificate, own_enrolment, own_trainee
from trainees.accounts.selectors import trainee_calendar_account
from trainees.accounts.services import (
    calendar_token_reset,
)
from trainees.learning.selectors import periods_below_minimum
from trainees.models import Certificate
from trainees.portal.selectors import (
    enrolment_attendance,
    trainee_certificates,
    trainee_correction_requests,
    trainee_enrolments,
    trainee_sessions,
    trainee_timetable,
)
from trainees.records.forms import CorrectionRequestForm
from trainees.records.services import TraineeError, correction_request_submit


def _calendar_url(account) -> str:
    return absolute_url(reverse("portal_calendar", kwargs={"token": account.calendar_token}))


@trainee_required
def portal_home(request):
    """My timetable: the next session first, then every session of the courses the trainee is approved for."""
    trainee = own_trainee(request.user)
    timetable = trainee_timetable(trainee)
    account = trainee_calendar_account(trainee)
    calendar_url = _calendar_url(account)
    return render(
        request,
        "trainees/portal/home.html",
        {
            "trainee": trainee,
            "timetable": timetable,
            "calendar_url": calendar_url,
            "webcal_url": "webcal://" + calendar_url.split("://", 1)[1],
            # Android does not open webcal://: Google Calendar subscribes from an https address given as cid.
            "google_calendar_url": "https://calendar.google.com/calendar/render?cid="
            + quote("webcal://" + calendar_url.split("://", 1)[1], safe=""),
            "nav": "timetable",
        },
    )


@trainee_required
@require_POST
def portal_calendar_reset(request):
    trainee = own_trainee(request.user)
    calendar_token_reset(trainee=trainee, by=request.user)
    messages.success(request, _("Your calendar link has been renewed; the old link no longer works."))
    return redirect("portal_home")


def portal_calendar(request, token):
    """The trainee's own calendar feed; the secret in the URL is the only key (calendar apps cannot log in).
    Conditional GET: the ETag covers every session in it (courses.ics.feed_response)."""
    from courses.ics import calendar_bytes, feed_response  # the courses app's feed writer (one UID per session)
    from courses.selectors import sessions_fingerprint

    account = calendar_account(token)
    trainee = account.trainee
    name = f"{_('Timetable')} — {trainee.full_name}"
    sessions = trainee_sessions(trainee)
    return feed_response(
        request,
        version=fingerprint(name, sessions_fingerprint(sessions)),
        build=lambda: calendar_bytes(name=name, sessions=sessions, base_url=absolute_url(reverse("portal_home"))),
        filename="lich-hoc.ics",
        max_age=900,
    )


@trainee_required
def portal_courses(request):
    trainee = own_trainee(request.user)
    enrolments = list(trainee_enrolments(trainee))
    for e in enrolments:
        # Below the programme's share of periods (80 %): the trainee may not sit the final paper (QĐ 1147).
        e.below_minimum = periods_below_minimum(
            attended=e.periods_attended, recorded=e.periods_recorded, programme=e.course.programme
        )
        e.minimum_percent = e.course.programme.min_attendance_percent
    return render(
        request,
        "trainees/portal/courses.html",
        {"trainee": trainee, "enrolments": enrolments, "nav": "courses"},
    )


@trainee_required
def portal_enrolment(request, pk):
    trainee = own_trainee(request.user)
    enrolment = own_enrolment(trainee, pk)
    return render(
        request,
        "trainees/portal/enrolment.html",
        {"trainee": trainee, "enrolment": enrolment, "sessions": enrolment_attendance(enrolment), "nav": "courses"},
    )


@trainee_required
def portal_certificates(request):
    trainee = own_trainee(request.user)
    return render(
        request,
        "trainees/portal/certificates.html",
        {"trainee": trainee, "certificates": trainee_certificates(trainee), "nav": "certificates"},
    )


@trainee_required
def portal_certificate_pdf(request, pk):
    """The PDF of one of the trainee's own valid certificates; a revoked or replaced one is not served."""
    trainee = own_trainee(request.user)
    certificate = own_certificate(trainee, pk)
    if certificate.status != Certificate.Status.VALID:
        raise Http404
    from trainees.certificates.selectors import certificate_queryset
    from trainees.certificates.services import certificate_pdf

    filename, _content_type, content = certificate_pdf(certificates=[certificate_queryset().get(pk=certificate.pk)])
    return pdf_response(filename=filename, content=content, inline=False)


@trainee_required
def portal_details(request):
    """My details: what the center keeps about me; a correction request goes to staff as a task."""
    trainee = own_trainee(request.user)
    form = CorrectionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction_request_submit(trainee=trainee, text=form.cleaned_data["text"], by=request.user)
        except TraineeError as exc:
            show_form_error(form, exc, "text")
        else:
            messages.success(request, _("Your request has been sent to the center's staff."))
            return redirect("portal_details")
    return render(
        request,
        "trainees/portal/details.html",
        {
            "trainee": trainee,
            "form": form,
            "corrections": trainee_correction_requests(trainee),
            "nav": "details",
        },
    )
