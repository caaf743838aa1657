"""Rules for programmes, courses and sessions: status transitions, scheduling and clash checks.

Every user-facing refusal is a module constant (tests match them exactly) raised as ``CourseError`` or,
for scheduling, ``ScheduleError`` carrying one message per problem.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from center.audit import audit_record
from center.errors import PortalError
from center.models import Room
from courses.models import Course, Programme, Session, Topic
from staff.models import StaffMember

# History labels of the actions below (registered from CoursesConfig.ready).
ACTION_LABELS = {
    "programme.saved": gettext_lazy("Programme saved"),
    "course.created": gettext_lazy("Course created"),
    "course.updated": gettext_lazy("Course updated"),
    "course.status": gettext_lazy("Course status changed"),
    "course.enrolment": gettext_lazy("Enrolment opened or closed"),
    "course.sessions_added": gettext_lazy("Sessions added"),
    "course.session_deleted": gettext_lazy("Session deleted"),
    "course.session_updated": gettext_lazy("Session changed"),
}

# Default times of the three parts of a day.
DEFAULT_TIMES = {
    Session.PartOfDay.MORNING: (datetime.time(7, 30), datetime.time(11, 0)),
    Session.PartOfDay.AFTERNOON: (datetime.time(13, 30), datetime.time(17, 0)),
    Session.PartOfDay.EVENING: (datetime.time(18, 30), datetime.time(21, 0)),
}
PARTS_IN_ORDER = [Session.PartOfDay.MORNING, Session.PartOfDay.AFTERNOON, Session.PartOfDay.EVENING]

S = Course.Status
# Allowed status changes. Cancelling needs a reason; a finished course stays finished.
TRANSITIONS = {
    S.PLANNED: {S.OPEN, S.CANCELLED},
    S.OPEN: {S.PLANNED, S.IN_PROGRESS, S.CANCELLED},
    S.IN_PROGRESS: {S.FINISHED, S.CANCELLED},
    S.FINISHED: set(),
    S.CANCELLED: set(),
}

# Messages (gettext at use time so they follow the request's language).
ERR_TRANSITION = gettext_noop("A course cannot go from “%(old)s” to “%(new)s”.")
ERR_CANCEL_REASON = gettext_noop("Give the reason for cancelling the course.")
ERR_START_WITHOUT_SESSIONS = gettext_noop("Add the course's sessions before starting it.")
ERR_FINISH_EARLY = gettext_noop("The course cannot be finished before its last session (%(date)s).")
ERR_ENROLMENT_NOT_OPEN = gettext_noop("Enrolment can only be opened or closed while the course is open for enrolment.")
ERR_COURSE_CLOSED = gettext_noop("The course is %(status)s; its timetable can no longer be changed.")
ERR_SESSIONS_OUTSIDE = gettext_noop("Session %(session)s falls outside the new dates; move or delete it first.")
ERR_PROGRAMME_CHANGE = gettext_noop(
    "The course already has sessions with topics of its programme; delete them before changing the programme."
)
ERR_VENUE_TWICE = gettext_noop("Choose a room of the center or write an outside venue, not both.")
ERR_CAPACITY_BELOW_TAKEN = gettext_noop(
    "The capacity cannot be less than the %(taken)s trainees already approved; withdraw some enrolments first."
)
ERR_DATES_OUTSIDE_WINDOW = gettext_noop(
    "A course starts between %(first)s and %(last)s (ten years back to the end of next year's plan)."
)
ERR_COURSE_TOO_LONG = gettext_noop("A course lasts at most %(days)s days.")
ERR_OUTSIDE_COURSE = gettext_noop("The session on %(date)s is outside the course dates (%(start)s – %(end)s).")
ERR_TIMES = gettext_noop("The session must end after it starts.")
ERR_LECTURER_BUSY = gettext_noop("The lecturer %(lecturer)s already teaches at that time: %(other)s.")
ERR_ROOM_BUSY = gettext_noop("The room %(room)s is already taken at that time: %(other)s.")
ERR_COURSE_BUSY = gettext_noop("The course already has a session at that time: %(other)s.")
ERR_BATCH_LECTURER = gettext_noop("Two new sessions have the lecturer %(lecturer)s at the same time (%(when)s).")
ERR_BATCH_ROOM = gettext_noop("Two new sessions use the room %(room)s at the same time (%(when)s).")
ERR_BATCH_COURSE = gettext_noop("Two new sessions of this course overlap (%(when)s).")
ERR_TOPIC_OTHER_PROGRAMME = gettext_noop("The topic belongs to another programme.")
ERR_NO_SLOTS = gettext_noop("No sessions fall in that period; check the dates, days of the week and parts of the day.")
ERR_TOO_FEW_SLOTS = gettext_noop("Only %(slots)s sessions fit in the period, but the programme has %(topics)s topics.")
ERR_NO_TOPICS = gettext_noop("The programme has no topics yet.")
ERR_PERIOD_OUTSIDE = gettext_noop("The period must lie within the course dates (%(start)s – %(end)s).")
ERR_SESSION_CHANGED = gettext_noop(
    "Someone changed this session meanwhile; it was left as it is. Check it and save again."
)
ERR_SESSION_HAS_RECORDS = gettext_noop("This session already has records (e.g. attendance) and cannot be deleted.")
ERR_TOPIC_IN_USE = gettext_noop("The topic “%(topic)s” is used by sessions and cannot be removed.")
WARN_ROOM_SMALL = gettext_noop("The room %(room)s seats %(seats)s, fewer than the course's capacity (%(capacity)s).")


class CourseError(PortalError):
    """A refused action on programmes, courses or sessions."""


class ScheduleError(CourseError):
    """Sessions refused; ``messages`` lists every problem (one per clash)."""

    def __init__(self, messages: list[str]):
        super().__init__(messages=messages)


def _d(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def session_label(session: Session) -> str:
    """How a session is named in messages: course code, date, part of day and times, title."""
    title = session.display_title
    return "%s %s %s %s–%s%s" % (
        session.course.code,
        _d(session.date),
        session.get_part_of_day_display().lower(),
        session.start_time.strftime("%H:%M"),
        session.end_time.strftime("%H:%M"),
        f" ({title})" if title else "",
    )


# Programmes ---------------------------------------------------------------------------------------------


@transaction.atomic
def programme_save(*, programme: Programme, topics: list[dict], by) -> Programme:
    """Save a programme and its topics in the given order. ``topics`` rows: ``{"id", "title", "periods",
    "delete"}`` and optionally ``"lecturers"`` (the topic's usual lecturers); a row without id is new.
    A topic used by sessions cannot be removed (CourseError)."""
    programme.full_clean()
    programme.save()
    existing = {t.pk: t for t in programme.topics.all()}
    keep: list[Topic] = []
    for row in topics:
        topic = existing.get(row.get("id")) if row.get("id") else None
        if row.get("delete"):
            if topic is not None:
                if Session.objects.filter(topic=topic).exists():
                    raise CourseError(_(ERR_TOPIC_IN_USE) % {"topic": topic.title})
                existing.pop(topic.pk)
                topic.delete()
            continue
        if topic is None:
            topic = Topic(programme=programme)
        topic.title = row["title"]
        topic.periods = row["periods"]
        keep.append((topic, row.get("lecturers")))
    # Renumber in two steps so the unique (programme, order) never collides midway.
    Topic.objects.filter(programme=programme).update(order=F("order") + 1000)
    for order, (topic, lecturers) in enumerate(keep, start=1):
        topic.order = order
        topic.full_clean()
        topic.save()
        if lecturers is not None:
            topic.lecturers.set(lecturers)
    audit_record(subject=programme, action="programme.saved", by=by, data={"topics": len(keep)})
    return programme


# Courses ------------------------------------------------------------------------------------------------

# The sane window for a course's dates: from 1 January ten years back (records of past courses) to the end
# of next year (the yearly training plan is made for the coming year); no programme runs longer than a year.
COURSE_YEARS_BACK = 10
COURSE_YEARS_AHEAD = 1
COURSE_MAX_DAYS = 366

# Higher apps tell how many seats of a course are taken (trainees: approved enrolments), so the capacity is
# never set below that; registered from their AppConfig.ready (courses never imports them).
_SEATS_TAKEN: list[Callable[[Course], int]] = []


def register_seats_taken(fn: Callable[[Course], int]) -> None:
    if fn not in _SEATS_TAKEN:
        _SEATS_TAKEN.append(fn)


def seats_taken(course: Course) -> int:
    return max((fn(course) for fn in _SEATS_TAKEN), default=0)


def course_date_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or datetime.date.today()
    return datetime.date(today.year - COURSE_YEARS_BACK, 1, 1), datetime.date(today.year + COURSE_YEARS_AHEAD, 12, 31)


def course_problems(*, course: Course, today: datetime.date | None = None) -> list[str]:
    """What is wrong with saving ``course`` as it is now (unsaved values): a room and an outside venue,
    dates outside the sane window (checked when the dates change) or longer than a year, a new programme
    while sessions carry the old one's topics, sessions outside the new dates, a capacity below the
    approved trainees. Shared by ``course_save`` and the admin's course form."""
    problems = []
    if course.room_id and course.venue:
        problems.append(_(ERR_VENUE_TWICE))
    previous = Course.objects.filter(pk=course.pk).first() if course.pk else None
    start, end = course.start_date, course.end_date
    if start and end:
        if previous is None or (previous.start_date, previous.end_date) != (start, end):
            first, last = course_date_window(today)
            if not first <= start <= last:
                problems.append(_(ERR_DATES_OUTSIDE_WINDOW) % {"first": _d(first), "last": _d(last)})
            elif (end - start).days >= COURSE_MAX_DAYS:
                problems.append(_(ERR_COURSE_TOO_LONG) % {"days": COURSE_MAX_DAYS})
    if previous is None:
        return problems
    if previous.programme_id != course.programme_id and course.sessions.filter(topic__isnull=False).exists():
        problems.append(_(ERR_PROGRAMME_CHANGE))
    if start and end:
        outside = course.sessions.exclude(date__range=(start, end)).select_related("course", "topic").first()
        if outside is not None:
            problems.append(_(ERR_SESSIONS_OUTSIDE) % {"session": session_label(outside)})
    taken = seats_taken(course)
    if course.capacity is not None and course.capacity < taken:
        problems.append(_(ERR_CAPACITY_BELOW_TAKEN) % {"taken": taken})
    return problems


@transaction.atomic
def course_save(*, course: Course, units=None, by) -> Course:
    """Create or update a course after ``course_problems`` (CourseError lists each problem). The course
    row is locked first, so an approval running at the same time cannot slip under a lowered capacity."""
    creating = course.pk is None
    if not creating:
        Course.objects.select_for_update().filter(pk=course.pk).first()
    problems = course_problems(course=course)
    if problems:
        raise CourseError(messages=problems)
    course.full_clean()
    course.save()
    if units is not None:
        course.units.set(units)
    audit_record(subject=course, action="course.created" if creating else "course.updated", by=by)
    return course


@transaction.atomic
def course_set_status(*, course: Course, status: str, by, reason: str = "", today: datetime.date | None = None):
    """Move a course along planned → open → in progress → finished (or back from open to planned), or
    cancel it from any state but finished. Opening opens enrolment; leaving "open" closes it."""
    today = today or datetime.date.today()
    course = Course.objects.select_for_update().get(pk=course.pk)
    old = course.status
    if status not in TRANSITIONS.get(old, set()):
        new = S(status).label if status in S.values else status
        raise CourseError(_(ERR_TRANSITION) % {"old": S(old).label, "new": new})
    if status == S.CANCELLED and not reason.strip():
        raise CourseError(_(ERR_CANCEL_REASON))
    last = course.sessions.order_by("-date").values_list("date", flat=True).first()
    if status == S.IN_PROGRESS and last is None:
        raise CourseError(_(ERR_START_WITHOUT_SESSIONS))
    if status == S.FINISHED and last is not None and last > today:
        raise CourseError(_(ERR_FINISH_EARLY) % {"date": _d(last)})
    course.status = status
    course.enrolment_open = status == S.OPEN
    course.save(update_fields=["status", "enrolment_open"])
    audit_record(subject=course, action="course.status", by=by, reason=reason.strip(), data={"from": old, "to": status})
    return course


def course_status_choices(
    *, course: Course, first: datetime.date | None, last: datetime.date | None, today: datetime.date | None = None
) -> list[str]:
    """The statuses ``course`` can move to now (what ``course_set_status`` would accept, reason aside), given
    the dates of its first and last sessions: no start without sessions, no finish before the last one."""
    today = today or datetime.date.today()
    choices = []
    for status in TRANSITIONS.get(course.status, set()):
        if status == S.IN_PROGRESS and first is None:
            continue
        if status == S.FINISHED and last is not None and last > today:
            continue
        choices.append(status)
    return choices


WARN_CLASS_TOO_SMALL_OPEN = _(
    "The course takes at most %(capacity)d trainees, fewer than the programme's minimum class size of %(minimum)d."
)
WARN_CLASS_TOO_SMALL_START = _(
    "The course starts with %(count)d approved trainees, fewer than the programme's minimum class size of %(minimum)d."
)


def class_size_warning(course: Course) -> str:
    """A warning (never a refusal) for the director or clerk when a course is open with room for fewer than
    its programme's ``min_class_size``, or in progress with fewer approved trainees; "" otherwise."""
    minimum = course.programme.min_class_size
    if not minimum:
        return ""
    if course.status == S.OPEN and course.capacity < minimum:
        return str(WARN_CLASS_TOO_SMALL_OPEN % {"capacity": course.capacity, "minimum": minimum})
    if course.status == S.IN_PROGRESS:
        count = seats_taken(course)
        if count < minimum:
            return str(WARN_CLASS_TOO_SMALL_START % {"count": count, "minimum": minimum})
    return ""


@transaction.atomic
def course_set_enrolment_open(*, course: Course, is_open: bool, by) -> Course:
    """Open or close enrolment of a course that is open for enrolment (e.g. when it is full)."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status != S.OPEN:
        raise CourseError(_(ERR_ENROLMENT_NOT_OPEN))
    if course.enrolment_open != is_open:
        course.enrolment_open = is_open
        course.save(update_fields=["enrolment_open"])
        audit_record(subject=course, action="course.enrolment", by=by, data={"open": is_open})
    return course


# Sessions -----------------------------------------------------------------------------------------------


@dataclass
class SessionSpec:
    """One session to create or update, before it is checked."""

    date: datetime.date
    part_of_day: str
    start_time: datetime.time
    end_time: datetime.time
    topic: Topic | None = None
    title: str = ""
    lecturer: StaffMember | None = None
    room: Room | None = None
    note: str = ""
    periods: int = 0  # 0: from the topic or the times (courses.models.default_periods)

    def when(self) -> str:
        return "%s %s–%s" % (_d(self.date), self.start_time.strftime("%H:%M"), self.end_time.strftime("%H:%M"))


@dataclass
class ScheduleResult:
    sessions: list[Session]
    warnings: list[str] = field(default_factory=list)


def _overlapping(spec: SessionSpec, exclude_pk=None):
    qs = (
        Session.objects.filter(date=spec.date, start_time__lt=spec.end_time, end_time__gt=spec.start_time)
        .exclude(course__status=S.CANCELLED)
        .select_related("course", "topic", "lecturer", "room")
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def session_problems(*, course: Course, spec: SessionSpec, exclude_pk=None) -> tuple[list[str], list[str]]:
    """Errors and warnings for one session against the database: dates, times, and clashes with the same
    lecturer, room or course (sessions of cancelled courses do not count). Each clash names the other
    session."""
    errors, warnings = [], []
    if spec.start_time >= spec.end_time:
        return [_(ERR_TIMES)], []
    if not course.start_date <= spec.date <= course.end_date:
        errors.append(
            _(ERR_OUTSIDE_COURSE) % {"date": _d(spec.date), "start": _d(course.start_date), "end": _d(course.end_date)}
        )
    if spec.topic is not None and spec.topic.programme_id != course.programme_id:
        errors.append(_(ERR_TOPIC_OTHER_PROGRAMME))
    for other in _overlapping(spec, exclude_pk):
        if spec.lecturer is not None and other.lecturer_id == spec.lecturer.pk:
            errors.append(_(ERR_LECTURER_BUSY) % {"lecturer": spec.lecturer.full_name, "other": session_label(other)})
        if spec.room is not None and other.room_id == spec.room.pk:
            errors.append(_(ERR_ROOM_BUSY) % {"room": spec.room.name, "other": session_label(other)})
        if other.course_id == course.pk:
            errors.append(_(ERR_COURSE_BUSY) % {"other": session_label(other)})
    if spec.room is not None and spec.room.capacity < course.capacity:
        warnings.append(
            _(WARN_ROOM_SMALL) % {"room": spec.room.name, "seats": spec.room.capacity, "capacity": course.capacity}
        )
    return errors, warnings


def _batch_problems(specs: list[SessionSpec]) -> list[str]:
    """Clashes among the new sessions themselves."""
    errors = []
    for i, a in enumerate(specs):
        for b in specs[i + 1 :]:
            if a.date != b.date or not (a.start_time < b.end_time and b.start_time < a.end_time):
                continue
            errors.append(_(ERR_BATCH_COURSE) % {"when": a.when()})
            if a.lecturer is not None and a.lecturer == b.lecturer:
                errors.append(_(ERR_BATCH_LECTURER) % {"lecturer": a.lecturer.full_name, "when": a.when()})
            if a.room is not None and a.room == b.room:
                errors.append(_(ERR_BATCH_ROOM) % {"room": a.room.name, "when": a.when()})
    return errors


def _lock_resources(course: Course, specs: list[SessionSpec]) -> None:
    """Serialise schedulers touching the same course, lecturers or rooms (row locks on PostgreSQL; SQLite
    runs write transactions one at a time anyway)."""
    Course.objects.select_for_update().filter(pk=course.pk).first()
    lecturers = sorted({s.lecturer.pk for s in specs if s.lecturer is not None})
    rooms = sorted({s.room.pk for s in specs if s.room is not None})
    if lecturers:
        list(StaffMember.objects.select_for_update().filter(pk__in=lecturers).order_by("pk").values_list("pk"))
    if rooms:
        list(Room.objects.select_for_update().filter(pk__in=rooms).order_by("pk").values_list("pk"))


def _check_course_editable(course: Course) -> None:
    if course.status in (S.FINISHED, S.CANCELLED):
        raise ScheduleError([_(ERR_COURSE_CLOSED) % {"status": S(course.status).label.lower()}])


@transaction.atomic
def sessions_schedule(*, course: Course, specs: list[SessionSpec], by) -> ScheduleResult:
    """Create several sessions at once, all or nothing. Raises ScheduleError listing every problem (each
    clash names the other session); room-size warnings come back in the result."""
    _check_course_editable(course)
    _lock_resources(course, specs)
    errors, warnings = [], []
    for spec in specs:
        e, w = session_problems(course=course, spec=spec)
        errors.extend(e)
        warnings.extend(w)
    errors.extend(_batch_problems(specs))
    if errors:
        raise ScheduleError(list(dict.fromkeys(errors)))
    sessions = []
    for spec in specs:
        session = Session(course=course, **spec.__dict__)
        session.full_clean()
        session.save()
        sessions.append(session)
    audit_record(subject=course, action="course.sessions_added", by=by, data={"count": len(sessions)})
    return ScheduleResult(sessions=sessions, warnings=list(dict.fromkeys(warnings)))


def session_schedule(*, course: Course, spec: SessionSpec, by) -> ScheduleResult:
    """Add one session (see ``sessions_schedule``)."""
    return sessions_schedule(course=course, specs=[spec], by=by)


@transaction.atomic
def session_update(*, session: Session, spec: SessionSpec, by) -> ScheduleResult:
    """Change a session after the same checks; its calendar SEQUENCE goes up so subscribed calendars
    replace the event (the UID stays)."""
    course = session.course
    _check_course_editable(course)
    _lock_resources(course, [spec])
    errors, warnings = session_problems(course=course, spec=spec, exclude_pk=session.pk)
    if errors:
        raise ScheduleError(errors)
    for name, value in spec.__dict__.items():
        setattr(session, name, value)
    session.sequence += 1
    session.full_clean()
    session.save()
    audit_record(subject=course, action="course.session_updated", by=by, data={"session": session_label(session)})
    return ScheduleResult(sessions=[session], warnings=warnings)


@dataclass
class Assignment:
    """The lecturer and room wanted for one session in the grid; ``sequence`` is the session's version
    when the grid was shown (a session changed since is not overwritten)."""

    session: Session
    lecturer: StaffMember | None
    room: Room | None
    sequence: int | None = None


@dataclass
class AssignResult:
    saved: list[Session] = field(default_factory=list)
    problems: dict[int, list[str]] = field(default_factory=dict)  # session pk -> messages
    warnings: list[str] = field(default_factory=list)


@transaction.atomic
def sessions_assign(*, course: Course, assignments: list[Assignment], by) -> AssignResult:
    """Give sessions of ``course`` their lecturer and room in one go (the lecturer grid). Each row is
    checked like a single-session edit (``session_problems``, against the database and the rows saved
    before it); a row with a problem is left as it was and its messages come back under its session, the
    other rows are saved, each audited as ``course.session_updated``. Rows that change nothing are skipped.
    Raises ScheduleError only when the course's timetable is closed."""
    _check_course_editable(course)
    changed = [
        a
        for a in assignments
        if a.session.course_id == course.pk
        and (
            a.session.lecturer_id != (a.lecturer.pk if a.lecturer else None)
            or a.session.room_id != (a.room.pk if a.room else None)
        )
    ]
    result = AssignResult()
    if not changed:
        return result
    specs = [
        SessionSpec(
            date=a.session.date,
            part_of_day=a.session.part_of_day,
            start_time=a.session.start_time,
            end_time=a.session.end_time,
            topic=a.session.topic,
            title=a.session.title,
            lecturer=a.lecturer,
            room=a.room,
            note=a.session.note,
        )
        for a in changed
    ]
    _lock_resources(course, specs)
    current = {
        row["pk"]: row["sequence"]
        for row in Session.objects.select_for_update()
        .filter(pk__in=[a.session.pk for a in changed])
        .values("pk", "sequence")
    }
    for a, spec in zip(changed, specs, strict=True):
        session = a.session
        if a.sequence is not None and current.get(session.pk) != a.sequence:
            result.problems[session.pk] = [_(ERR_SESSION_CHANGED)]
            continue
        errors, warnings = session_problems(course=course, spec=spec, exclude_pk=session.pk)
        if errors:
            result.problems[session.pk] = list(dict.fromkeys(errors))
            continue
        result.warnings.extend(warnings)
        session.lecturer = a.lecturer
        session.room = a.room
        session.sequence += 1
        session.full_clean()
        session.save()
        result.saved.append(session)
        audit_record(
            subject=course,
            action="course.session_updated",
            by=by,
            data={
                "session": session_label(session),
                "lecturer": a.lecturer.full_name if a.lecturer else "",
                "room": a.room.name if a.room else "",
            },
        )
    result.warnings = list(dict.fromkeys(result.warnings))
    return result


@transaction.atomic
def session_delete(*, session: Session, by) -> None:
    """Delete a session that nothing refers to yet (no attendance); otherwise CourseError."""
    _check_course_editable(session.course)
    for relation in Session._meta.related_objects:
        if (
            relation.one_to_many
            and relation.related_model._default_manager.filter(**{relation.field.name: session}).exists()
        ):
            raise CourseError(_(ERR_SESSION_HAS_RECORDS))
    label = session_label(session)
    course = session.course
    session.delete()
    audit_record(subject=course, action="course.session_deleted", by=by, data={"session": label})


# Bulk planning ------------------------------------------------------------------------------------------


def plan_sessions(
    *,
    course: Course,
    date_from: datetime.date,
    date_to: datetime.date | None,
    parts: list[str],
    weekdays: list[int],
    times: dict[str, tuple[datetime.time, datetime.time]] | None = None,
    per_topic: bool = False,
    assign_topics: bool = False,
    lecturer: StaffMember | None = None,
    room: Room | None = None,
) -> list[SessionSpec]:
    """Turn a rule into sessions, without saving: every chosen part of every chosen weekday from
    ``date_from`` to ``date_to`` ("every morning and afternoon from 02/12 to 06/12"), or, with ``per_topic``,
    one session per programme topic in order from ``date_from`` on (up to the course's end).
    ``assign_topics`` gives the topics in order to the sessions of a period. Without a ``lecturer``, each
    session with a topic gets the first of the topic's usual lecturers who is free then (see
    ``fill_usual_lecturers``). The period must lie within the course's dates. Raises ScheduleError."""
    times = {**DEFAULT_TIMES, **(times or {})}
    parts = [p for p in PARTS_IN_ORDER if p in parts]
    last = course.end_date if per_topic else date_to
    # The period lies within the course's dates: that bounds the work (a period to 31/12/9999 is refused
    # here, not walked day by day).
    if date_from < course.start_date or (last is not None and last > course.end_date):
        raise ScheduleError([_(ERR_PERIOD_OUTSIDE) % {"start": _d(course.start_date), "end": _d(course.end_date)}])
    topics = list(course.programme.topics.all()) if (per_topic or assign_topics) else []
    if (per_topic or assign_topics) and not topics:
        raise ScheduleError([_(ERR_NO_TOPICS)])
    slots = []
    for offset in range((last - date_from).days + 1 if last is not None else 0):
        day = date_from + datetime.timedelta(days=offset)
        if day.weekday() in weekdays:
            slots.extend((day, part) for part in parts)
        if per_topic and len(slots) >= len(topics):
            break
    if not slots:
        raise ScheduleError([_(ERR_NO_SLOTS)])
    if per_topic:
        if len(slots) < len(topics):
            raise ScheduleError([_(ERR_TOO_FEW_SLOTS) % {"slots": len(slots), "topics": len(topics)}])
        slots = slots[: len(topics)]
    specs = []
    for i, (day, part) in enumerate(slots):
        start, end = times[part]
        topic = topics[i] if i < len(topics) else None
        specs.append(
            SessionSpec(
                date=day,
                part_of_day=part,
                start_time=start,
                end_time=end,
                topic=topic,
                lecturer=lecturer,
                room=room if room is not None else course.room,
            )
        )
    if lecturer is None:
        fill_usual_lecturers(specs)
    return specs


def _overlaps(a_date, a_start, a_end, b_date, b_start, b_end) -> bool:
    return a_date == b_date and a_start < b_end and b_start < a_end


def fill_usual_lecturers(specs: list[SessionSpec]) -> None:
    """Give each spec without a lecturer the first (by name) of its topic's usual lecturers who teaches no
    other session at that time — neither a saved one (of a course that is not cancelled) nor another spec
    of this batch. A spec whose usual lecturers are all busy keeps no lecturer. Two queries in all."""
    topic_ids = {s.topic.pk for s in specs if s.topic is not None and s.lecturer is None}
    if not topic_ids:
        return
    usual: dict[int, list[StaffMember]] = {}
    through = Topic.lecturers.through.objects.filter(topic_id__in=topic_ids, staffmember__is_active=True)
    for row in through.select_related("staffmember").order_by("staffmember__full_name", "staffmember__pk"):
        usual.setdefault(row.topic_id, []).append(row.staffmember)
    candidates = {m.pk for members in usual.values() for m in members}
    if not candidates:
        return
    busy = list(
        Session.objects.filter(date__in={s.date for s in specs}, lecturer_id__in=candidates)
        .exclude(course__status=S.CANCELLED)
        .values_list("lecturer_id", "date", "start_time", "end_time")
    )
    for spec in specs:
        if spec.lecturer is not None or spec.topic is None:
            continue
        for member in usual.get(spec.topic.pk, []):
            taken = any(
                lecturer_id == member.pk and _overlaps(spec.date, spec.start_time, spec.end_time, d, a, b)
                for lecturer_id, d, a, b in busy
            )
            if not taken:
                spec.lecturer = member
                busy.append((member.pk, spec.date, spec.start_time, spec.end_time))
                break


def validation_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]
