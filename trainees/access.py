"""Access helpers of the trainees app: every "fetch this object for this user, or 404" lives here.

Managers (director, deputy, clerk) see every trainee, enrolment, course and certificate; a lecturer sees
the sessions they teach and the results of their courses; a trainee sees only their own records.
Anything else is a 404, so other people's objects are not revealed. Deciding enrolments is for the
director, or the deputy named on the center profile as the delegate (``can_decide``).
Views call these helpers; services call ``can_decide``. Nothing here writes.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from center.models import Center
from center.roles import MANAGERS, Role, is_manager, role_required, user_roles
from courses.models import Course, Session
from trainees.accounts.selectors import attach_latest_codes
from trainees.certificates.selectors import certificate_queryset
from trainees.documents.selectors import course_for_documents as _course_for_documents
from trainees.enrolment.selectors import course_with_seats
from trainees.models import Certificate, CorrectionRequest, Enrolment, Trainee, TraineeAccount


def session_for_attendance(user, pk: int) -> Session:
    """The session whose grid ``user`` may fill: any for managers, own sessions for lecturers; else 404."""
    session = get_object_or_404(
        Session.objects.select_related("course__programme", "topic", "lecturer__user", "room"), pk=pk
    )
    if is_manager(user):
        return session
    if Role.LECTURER in user_roles(user) and session.lecturer_id and session.lecturer.user_id == user.pk:
        return session
    raise Http404


def course_for_results(user, pk: int, *, managers_only: bool = False) -> Course:
    """The course whose results ``user`` may see: any for managers; for a lecturer, a course where they
    teach a session or are the homeroom teacher. ``managers_only`` refuses lecturers too. Else 404."""
    course = get_object_or_404(Course.objects.select_related("programme", "homeroom_teacher"), pk=pk)
    if is_manager(user):
        return course
    if managers_only or Role.LECTURER not in user_roles(user):
        raise Http404
    if course.homeroom_teacher_id and course.homeroom_teacher.user_id == user.pk:
        return course
    if course.sessions.filter(lecturer__user=user).exists():
        return course
    raise Http404


def certificate_for_staff(user, pk: int) -> Certificate:
    """A certificate for the managers' pages; 404 for anyone else."""
    if not is_manager(user):
        raise Http404
    return get_object_or_404(certificate_queryset(), pk=pk)


def can_decide(user) -> bool:
    """The director decides; a deputy only when recorded on the center profile as the delegate."""
    roles = user_roles(user)
    if Role.DIRECTOR in roles:
        return True
    if Role.DEPUTY in roles:
        return Center.load().approval_delegate_id == user.pk
    return False


def can_sign(user) -> bool:
    """Issuing certificates: the director, or the deputy named on the center profile as signing delegate."""
    roles = user_roles(user)
    if Role.DIRECTOR in roles:
        return True
    if Role.DEPUTY in roles:
        return Center.load().signing_delegate_id == user.pk
    return False


def decider_required(view):
    """Managers only (role_required), and of them only the director or the delegated deputy: 403."""

    @role_required(*MANAGERS)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_decide(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _require_manager(user) -> None:
    if not is_manager(user):
        raise Http404


def enrolment_for_staff(user, pk) -> Enrolment:
    """An enrolment for the center's managers; 404 if unknown or for anyone else."""
    _require_manager(user)
    return get_object_or_404(
        Enrolment.objects.select_related(
            "trainee", "trainee__unit", "course", "course__programme", "sending_unit", "submitted_by", "decided_by"
        ),
        pk=pk,
    )


def course_for_staff(user, pk) -> Course:
    """A course (with its programme) for the center's managers; 404 if unknown or for anyone else."""
    _require_manager(user)
    return get_object_or_404(Course.objects.select_related("programme"), pk=pk)


def course_with_seats_for_staff(user, pk) -> Course:
    """A course with its seat counts, for the center's managers; 404 if unknown or for anyone else."""
    _require_manager(user)
    try:
        return course_with_seats(pk)
    except Course.DoesNotExist as exc:
        raise Http404 from exc


def trainee_for_staff(user, pk) -> Trainee:
    """A trainee record for the center's managers; 404 if unknown or for anyone else."""
    _require_manager(user)
    return get_object_or_404(Trainee.objects.select_related("unit", "merged_into", "user"), pk=pk)


def correction_for_staff(user, pk) -> CorrectionRequest:
    """A trainee's correction request for the center's managers; 404 if unknown or for anyone else."""
    _require_manager(user)
    return get_object_or_404(CorrectionRequest, pk=pk)


def own_trainee(user) -> Trainee:
    """The Trainee record of a logged-in trainee; 404 for staff, outsiders and trainees without a record."""
    if Role.TRAINEE not in user_roles(user):
        raise Http404
    trainee = Trainee.objects.filter(user=user, merged_into=None).select_related("unit").first()
    if trainee is None:
        raise Http404
    return trainee


def own_certificate(trainee: Trainee, pk: int) -> Certificate:
    """One of the trainee's own certificates; 404 otherwise."""
    return get_object_or_404(
        Certificate.objects.select_related("enrolment__course", "enrolment__trainee"), pk=pk, enrolment__trainee=trainee
    )


def own_enrolment(trainee: Trainee, pk: int) -> Enrolment:
    """One of the trainee's own enrolments; 404 otherwise."""
    return get_object_or_404(
        Enrolment.objects.select_related("course__programme", "course__room"), pk=pk, trainee=trainee
    )


def calendar_account(token: str) -> TraineeAccount:
    """The portal account behind a calendar feed secret; 404 for an unknown secret."""
    return get_object_or_404(
        TraineeAccount.objects.select_related("trainee"), calendar_token=token, trainee__merged_into=None
    )


def trainee_with_account_for_staff(user, pk: int) -> Trainee:
    """A trainee for the staff's account page, with the login and codes attached; 404 if unknown."""
    _require_manager(user)
    trainee = get_object_or_404(
        Trainee.objects.select_related("user", "portal_account", "unit"), pk=pk, merged_into=None
    )
    attach_latest_codes([trainee])
    return trainee


def course_for_documents(user, pk) -> Course:
    """A course with what its printed documents need, for managers; 404 if unknown or for anyone else."""
    _require_manager(user)
    try:
        return _course_for_documents(pk)
    except Course.DoesNotExist:
        raise Http404 from None
