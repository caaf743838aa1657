"""Reads for the staff pages of trainee accounts: who has a login, the latest code of each."""

from django.db.models import Count, Q
from django.utils import timezone

from courses.models import Course
from trainees.models import (
    ActivationCode,
    Enrolment,
    Trainee,
    TraineeAccount,
)


def account_roster(course: Course) -> list:
    """The approved trainees of a course (roster order) with their login and latest activation code."""
    enrolments = list(Enrolment.objects.roster(course).select_related("trainee__user", "trainee__portal_account"))
    trainees = [e.trainee for e in enrolments]
    attach_latest_codes(trainees)
    return trainees


def attach_latest_codes(trainees: list) -> None:
    latest = {}
    for code in ActivationCode.objects.filter(trainee__in=trainees).order_by("trainee_id", "-created_at"):
        latest.setdefault(code.trainee_id, code)
    now = timezone.now()
    for trainee in trainees:
        code = latest.get(trainee.pk)
        trainee.latest_code = code
        trainee.code_live = bool(code and not code.used_at and not code.revoked_at and code.expires_at > now)
        trainee.is_activated = bool(trainee.user_id and trainee.user.has_usable_password())


def trainees_with_live_code(trainees: list) -> list:
    """Those of ``trainees`` whose latest activation code is still usable (not used, revoked or expired):
    a slip printed for them is in someone's hands, and a new slip would cancel it."""
    now = timezone.now()
    live = set(
        ActivationCode.objects.filter(trainee__in=trainees, used_at=None, revoked_at=None, expires_at__gt=now)
        .values_list("trainee_id", flat=True)
        .distinct()
    )
    return [t for t in trainees if t.pk in live]


def courses_for_accounts():
    """Courses that have approved trainees, newest first, with counts of trainees and activated logins."""
    approved = Q(enrolments__status=Enrolment.Status.APPROVED)
    return (
        Course.objects.exclude(status=Course.Status.CANCELLED)
        .annotate(
            approved_count=Count("enrolments", filter=approved, distinct=True),
            account_count=Count(
                "enrolments", filter=approved & Q(enrolments__trainee__user__isnull=False), distinct=True
            ),
            activated_count=Count(
                "enrolments",
                filter=approved & Q(enrolments__trainee__portal_account__activated_at__isnull=False),
                distinct=True,
            ),
        )
        .filter(approved_count__gt=0)
        .order_by("-start_date", "code")
    )


def trainee_calendar_account(trainee: Trainee) -> TraineeAccount:
    account, _created = TraineeAccount.objects.get_or_create(trainee=trainee)
    return account
