"""Reads of enrolments: a course's enrolments and roster, seats, the approval queue, programme overlaps."""

from collections import OrderedDict

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from courses.models import Course
from trainees.models import Certificate, Enrolment


def course_enrolments(course: Course):
    """Every enrolment of a course in roster order, with what the list shows."""
    return (
        Enrolment.objects.filter(course=course)
        .select_related("trainee", "trainee__unit", "sending_unit", "decided_by")
        .order_by("trainee__sort_key", "pk")
    )


def approved_count(course: Course) -> int:
    """Seats taken in ``course``: its approved enrolments (the course's capacity may not go below it)."""
    return Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED).count()


def seats_left(course: Course) -> int:
    """Free seats of ``course``: capacity minus approved enrolments, never below 0. Uses the
    ``approved_count`` annotation of ``courses_with_seats`` when present, else counts."""
    approved = getattr(course, "approved_count", None)
    if approved is None:
        approved = Enrolment.objects.filter(course=course, status=Enrolment.Status.APPROVED).count()
    return max(course.capacity - approved, 0)


def courses_with_seats():
    """Courses annotated with ``approved_count``, ``pending_count`` and ``waitlisted_count``."""
    return Course.objects.annotate(
        approved_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.APPROVED)),
        pending_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.PENDING)),
        waitlisted_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
    )


def course_with_seats(pk) -> Course:
    return courses_with_seats().select_related("programme").get(pk=pk)


def pending_count() -> int:
    return Enrolment.objects.filter(status=Enrolment.Status.PENDING).count()


def pending_enrolments_for_director(*, unit_id=None, course_id=None):
    """The approval queue: pending enrolments grouped by course, oldest course first. Returns a list of
    courses, each with ``queue`` (its pending enrolments, filtered by sending unit) and
    ``seats_left``. Two queries whatever the size."""
    pending = Enrolment.objects.filter(status=Enrolment.Status.PENDING).select_related(
        "trainee", "trainee__unit", "sending_unit", "submitted_by"
    )
    if unit_id:
        pending = pending.filter(sending_unit_id=unit_id)
    if course_id:
        pending = pending.filter(course_id=course_id)
    pending = pending.order_by("trainee__sort_key", "pk")
    courses = (
        courses_with_seats()
        .filter(pk__in=pending.values("course_id"))
        .select_related("programme")
        .prefetch_related(Prefetch("enrolments", queryset=pending, to_attr="queue"))
        .order_by("start_date", "code")
    )
    result = []
    for course in courses:
        course.seats_left = seats_left(course)
        result.append(course)
    return result


QUEUE_PAGE_SIZE = 100


def pending_enrolments_page(*, unit_id=None, course_id=None, page=None, per_page: int | None = None):
    """The approval queue a page at a time: ``(page, courses)``. The pending enrolments are ordered by
    course (oldest first) then roster order and cut into pages of ``per_page``; ``courses`` are the
    courses on this page, each with ``queue`` (its pending enrolments on this page) and ``seats_left``.
    Four queries whatever the size (count, page, courses, nothing per row)."""
    pending = Enrolment.objects.filter(status=Enrolment.Status.PENDING).select_related(
        "trainee", "trainee__unit", "sending_unit", "submitted_by"
    )
    if unit_id:
        pending = pending.filter(sending_unit_id=unit_id)
    if course_id:
        pending = pending.filter(course_id=course_id)
    pending = pending.order_by("course__start_date", "course__code", "course_id", "trainee__sort_key", "pk")
    page = Paginator(pending, per_page or QUEUE_PAGE_SIZE).get_page(page)
    enrolments = list(page.object_list)
    course_ids = list(dict.fromkeys(e.course_id for e in enrolments))
    found = courses_with_seats().filter(pk__in=course_ids).select_related("programme").in_bulk()
    courses = []
    for pk in course_ids:
        course = found[pk]
        course.seats_left = seats_left(course)
        course.queue = [e for e in enrolments if e.course_id == pk]
        for enrolment in course.queue:
            enrolment.course = course
        courses.append(course)
    return page, courses


def group_by_course(enrolments) -> "OrderedDict":
    groups: OrderedDict = OrderedDict()
    for enrolment in enrolments:
        groups.setdefault(enrolment.course, []).append(enrolment)
    return groups


def programme_overlaps(*, trainee_ids, course: Course) -> dict:
    """For each trainee, other enrolments in the same programme that matter when enrolling them in
    ``course``: a live one (pending/approved/waitlisted) in a course not finished or cancelled, or a
    completed one. One query. Returns {trainee_id: [enrolment, …]} (each with its ``course``)."""
    found = programme_overlaps_many(pairs=[(pk, course) for pk in trainee_ids if pk])
    return {trainee_id: others for (trainee_id, _course_id), others in found.items()}


def programme_overlaps_many(*, pairs) -> dict:
    """``programme_overlaps`` for many (trainee_id, course) pairs at once, in one query.
    Returns {(trainee_id, course_id): [enrolment, …]} (only pairs with something to say)."""
    pairs = [(trainee_id, course) for trainee_id, course in pairs if trainee_id]
    if not pairs:
        return {}
    live = Q(
        status__in=[Enrolment.Status.PENDING, Enrolment.Status.APPROVED, Enrolment.Status.WAITLISTED],
    ) & ~Q(course__status__in=[Course.Status.FINISHED, Course.Status.CANCELLED])
    found = (
        Enrolment.objects.filter(
            trainee_id__in={trainee_id for trainee_id, _c in pairs},
            course__programme_id__in={course.programme_id for _t, course in pairs},
        )
        .filter(live | Q(completion=Enrolment.Completion.COMPLETED))
        .select_related("course")
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=Certificate.objects.filter(status=Certificate.Status.VALID, valid_until__isnull=False),
                to_attr="dated_certificates",
            )
        )
        .order_by("course__start_date", "pk")
    )
    by_trainee: dict = {}
    for enrolment in found:
        by_trainee.setdefault(enrolment.trainee_id, []).append(enrolment)
    result: dict = {}
    for trainee_id, course in pairs:
        others = [
            e
            for e in by_trainee.get(trainee_id, [])
            if e.course.programme_id == course.programme_id and e.course_id != course.pk
        ]
        if others:
            result[(trainee_id, course.pk)] = others
    return result


def overlap_needs_confirmation(enrolment: Enrolment) -> bool:
    """Whether approving someone with this other enrolment (from ``programme_overlaps``) needs the
    director's explicit confirmation: they already completed the programme, or are approved in a course of
    it that is still running. A pending or waitlisted one is only a warning."""
    return enrolment.completion == Enrolment.Completion.COMPLETED or enrolment.status == Enrolment.Status.APPROVED


def overlap_warning(enrolment: Enrolment) -> str:
    """The words shown for one ``programme_overlaps`` enrolment."""
    from django.utils.translation import gettext as _

    if enrolment.completion == Enrolment.Completion.COMPLETED:
        text = _("already completed this programme in %(course)s (%(code)s)") % {
            "course": enrolment.course.title,
            "code": enrolment.course.code,
        }
        held = certificate_still_valid(enrolment)
        if held is not None:
            text += "; " + _("holds certificate %(number)s of this programme, still valid until %(date)s") % {
                "number": held.register_number,
                "date": held.valid_until.strftime("%d/%m/%Y"),
            }
        return text
    return _("already enrolled (%(status)s) in %(course)s (%(code)s) of the same programme") % {
        "status": enrolment.get_status_display().lower(),
        "course": enrolment.course.title,
        "code": enrolment.course.code,
    }


def certificate_still_valid(enrolment: Enrolment, today=None):
    """The enrolment's certificate that is valid and has not yet reached the end of its validity (a programme
    with a validity: nhận thức về Đảng, 60 months), or None. Reads the ``dated_certificates`` that
    ``programme_overlaps_many`` loads."""
    today = today or timezone.localdate()
    held = [c for c in getattr(enrolment, "dated_certificates", ()) if c.is_in_force_on(today)]
    return max(held, key=lambda c: c.valid_until, default=None)
