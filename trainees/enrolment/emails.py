"""E-mails to trainees, one function per message type; texts live in templates/emails/
(``<name>_subject.txt``, ``<name>.txt``, ``<name>.html``)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from center.links import absolute_url
from center.models import Center
from trainees.models import Enrolment

# The courses app's public timetable (a page reachable without login through Course.public_token).
PUBLIC_TIMETABLE_URL_NAME = "public_timetable"


def course_timetable_url(course) -> str:
    """The public address of the course's timetable, or "" while that page does not exist."""
    try:
        path = reverse(PUBLIC_TIMETABLE_URL_NAME, kwargs={"token": course.public_token})
    except NoReverseMatch:
        return ""
    return absolute_url(path)


def _send(name: str, to: str, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"center": Center.load(), **context}
        subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
        text = render_to_string(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def _enrolment(enrolment_id: int) -> Enrolment:
    return Enrolment.objects.select_related("trainee", "course", "course__room").get(pk=enrolment_id)


def send_enrolment_approved(*, enrolment_id: int) -> None:
    enrolment = _enrolment(enrolment_id)
    if enrolment.trainee.email:
        _send(
            "enrolment_approved",
            enrolment.trainee.email,
            {"enrolment": enrolment, "timetable_url": course_timetable_url(enrolment.course)},
        )


def send_enrolment_rejected(*, enrolment_id: int) -> None:
    enrolment = _enrolment(enrolment_id)
    if enrolment.trainee.email:
        _send("enrolment_rejected", enrolment.trainee.email, {"enrolment": enrolment})
