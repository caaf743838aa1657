"""Trainee records, enrolments, the approval queue and the Excel import."""

from tests.access.base import DIRECTOR_ONLY, MANAGERS_ONLY, rule
from tests.builders import make_course
from trainees.models import Enrolment, Trainee

ORDER = 30

# Deciding is for the director (and a deputy delegated on the profile; none is in the world):
# the deputy and the clerk get 403, lecturers 403, trainees and outsiders 404.
DECIDERS = DIRECTOR_ONLY


def build_world(w):
    course = getattr(w, "course", None) or make_course(capacity=30)
    w.enrolment_course = course
    w.enrolment = Enrolment.objects.create(trainee=w.trainee, course=course, status=Enrolment.Status.APPROVED)
    w.pending_trainee = Trainee.objects.create(family_name="Lê Thị", given_name="Cúc", search_name="le thi cuc")
    w.pending_enrolment = Enrolment.objects.create(trainee=w.pending_trainee, course=course)
    w.duplicate_trainee = Trainee.objects.create(family_name="Lê Thị", given_name="Cúc", search_name="le thi cuc")


RULES = [
    rule("trainee_list", MANAGERS_ONLY),
    rule("trainee_export", MANAGERS_ONLY),
    rule("trainee_create", MANAGERS_ONLY),
    rule("trainee_detail", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.trainee.pk}),
    rule("trainee_edit", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.trainee.pk}),
    rule(
        "trainee_merge", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.duplicate_trainee.pk, "into_pk": w.pending_trainee.pk}
    ),
    rule("enrolment_create", MANAGERS_ONLY, query="?q=nguyen"),
    rule("enrolment_detail", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.pending_enrolment.pk}),
    # A POST that rejects the pending enrolment with a reason: the director is redirected (302) after
    # deciding; everybody else is refused before anything happens.
    rule(
        "enrolment_decide",
        DECIDERS,
        method="post",
        kwargs=lambda w: {"pk": w.pending_enrolment.pk},
        data=lambda w: {"action": "reject", "reason": "Không đủ điều kiện"},
        director=302,
    ),
    rule("approval_queue", DECIDERS),
    rule("course_enrolments", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.enrolment_course.pk}),
    rule("import_upload", MANAGERS_ONLY, kwargs=lambda w: {"pk": w.enrolment_course.pk}),
    rule("import_template", MANAGERS_ONLY),
    # An import belongs to the session that uploaded it: any other session gets 404.
    rule(
        "import_preview",
        MANAGERS_ONLY,
        kwargs=lambda w: {"token": "not-this-sessions-import"},
        director=404,
        deputy=404,
        clerk=404,
    ),
]
