"""Trainee portal and trainee accounts: every trainee URL is tried by both trainee personas with the ids of
the first trainee (An), so the other trainee (Bình) must get 404 wherever an id is An's."""

from courses.models import Course
from tests.access.base import MANAGERS_ONLY, PERSONAS, rule
from tests.builders import enrol, make_certificate, make_course
from trainees.models import CorrectionRequest, TraineeAccount

ORDER = 50

# A trainee page: only trainees; staff and outsiders get 404, anonymous goes to log in.
TRAINEES = {p: 404 for p in PERSONAS} | {"anonymous": "login", "trainee": 200, "other_trainee": 200}
# A trainee page with An's ids in the URL: Bình must not reach it.
AN_ONLY = TRAINEES | {"other_trainee": 404}
# Public answers that redirect (logged-in users are sent home; a bad link back to the form).
ALL_REDIRECT = {p: 302 for p in PERSONAS}


def build_world(w):
    course = make_course(status=Course.Status.IN_PROGRESS, sessions=4)
    w.portal_enrolment = enrol(w.trainee, course)
    w.portal_other_enrolment = enrol(w.other_trainee, course)
    w.portal_certificate = make_certificate(w.portal_enrolment)
    w.portal_other_certificate = make_certificate(w.portal_other_enrolment)
    w.portal_account = TraineeAccount.objects.create(trainee=w.trainee)
    w.portal_correction = CorrectionRequest.objects.create(trainee=w.trainee, text="Ngày sinh của tôi là 12/03/1985.")
    w.portal_course = course


RULES = [
    rule("portal_courses", TRAINEES),
    rule("portal_enrolment", AN_ONLY, kwargs=lambda w: {"pk": w.portal_enrolment.pk}),
    rule("portal_certificates", TRAINEES),
    rule("portal_certificate_pdf", AN_ONLY, kwargs=lambda w: {"pk": w.portal_certificate.pk}),
    rule("portal_details", TRAINEES),
    rule("portal_calendar_reset", TRAINEES, method="post", trainee=302, other_trainee=302),
    # The feed's secret is the key (calendar apps cannot log in): whoever has it gets it; see test_portal_calendar.
    rule("portal_calendar", {p: 200 for p in PERSONAS}, kwargs=lambda w: {"token": w.portal_account.calendar_token}),
    rule("activate", ALL_REDIRECT, anonymous=200),
    rule("activate_password", ALL_REDIRECT),
    rule("activate_link", ALL_REDIRECT, kwargs=lambda w: {"token": "not-a-valid-token"}),
    # Staff side.
    rule("account_courses", MANAGERS_ONLY),
    rule("account_course", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.portal_course.pk}),
    rule("account_trainee", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.trainee.pk}),
    rule(
        "account_link_send",
        MANAGERS_ONLY,
        method="post",
        kwargs=lambda w: {"pk": w.trainee.pk},
        director=302,
        deputy=302,
        clerk=302,
    ),
    rule(
        "account_slips",
        MANAGERS_ONLY,
        method="post",
        data=lambda w: {"trainee": [w.trainee.pk], "course": w.portal_course.pk, "format": "html"},
    ),
    rule("correction_list", MANAGERS_ONLY),
    rule(
        "correction_handle",
        MANAGERS_ONLY,
        method="post",
        kwargs=lambda w: {"pk": w.portal_correction.pk},
        data=lambda w: {"status": "done", "reply": "Đã sửa."},
        director=302,
        deputy=302,
        clerk=302,
    ),
]
