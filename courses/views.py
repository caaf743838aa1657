import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from center.audit import audit_for
from center.conditional import fingerprint, public_page_response, templates_version
from center.errors import show_error, show_form_error
from center.links import absolute_url
from center.models import Center, Room, Unit
from center.params import date_param, id_param, year_param
from center.pdf import pdf_response, render_pdf
from center.qr import qr_data_uri
from center.roles import MANAGERS, STAFF, is_manager, role_required
from courses import ics, selectors, services
from courses.forms import BulkSessionsForm, CourseForm, ProgrammeForm, SessionForm, TopicFormSet
from courses.forms import lecturer_choices as forms_lecturer_choices
from courses.models import Course, Programme, Session
from courses.panels import course_next_step, course_panels
from staff.models import StaffMember

COURSE_PAGE_SIZE = 50

# Access helpers ----------------------------------------------------------------------------------------


def _own_member(request) -> StaffMember | None:
    return StaffMember.objects.filter(user=request.user).first()


def _get_course_for_user(request, pk, *, manage=False) -> Course:
    """The course if this user may see it: managers see every course; lecturers the courses they teach
    in or are homeroom teacher of (and may not manage them). Anything else is a 404."""
    qs = Course.objects.select_related(
        "programme", "room", "homeroom_teacher", "academic_officer", "plan_line__plan", "plan_line__programme"
    )
    if is_manager(request.user):
        return get_object_or_404(qs, pk=pk)
    if manage:
        raise Http404
    return get_object_or_404(qs.filter(pk__in=selectors.courses_for_lecturer(_own_member(request)).values("pk")), pk=pk)


def _get_member_for_user(request, pk) -> StaffMember:
    """A staff member's timetable: managers see everyone's; a lecturer only their own (404 otherwise)."""
    member = get_object_or_404(StaffMember, pk=pk)
    if is_manager(request.user) or member.user_id == request.user.pk:
        return member
    raise Http404


def _get_session_for_manager(pk) -> Session:
    return get_object_or_404(Session.objects.select_related("course__programme", "course__room", "topic"), pk=pk)


def _public_url(name, token) -> str:
    return absolute_url(reverse(name, args=[token]))


# Programmes ---------------------------------------------------------------------------------------------


@role_required(*MANAGERS)
def programme_list(request):
    return render(request, "courses/programme_list.html", {"programmes": selectors.programme_list()})


@role_required(*MANAGERS)
def programme_detail(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    return render(
        request,
        "courses/programme_detail.html",
        {
            "programme": programme,
            "topics": programme.topics.prefetch_related("lecturers"),
            "history": audit_for(programme)[:20],
        },
    )


def _programme_save(request, programme):
    topics = programme.topics.prefetch_related("lecturers") if programme.pk else []
    initial = [
        {"id": t.pk, "title": t.title, "periods": t.periods, "lecturers": [m.pk for m in t.lecturers.all()]}
        for t in topics
    ]
    lecturers = {m.pk: m for m in forms_lecturer_choices().order_by("full_name", "pk")}
    for topic in topics:  # someone who no longer teaches stays on the topic until removed
        lecturers.update({m.pk: m for m in topic.lecturers.all()})
    form = ProgrammeForm(request.POST or None, instance=programme)
    formset = TopicFormSet(request.POST or None, initial=initial, prefix="topics", form_kwargs={"lecturers": lecturers})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            {**f.cleaned_data, "delete": f.cleaned_data.get("DELETE", False)}
            for f in formset.forms
            if f.cleaned_data and (f.cleaned_data.get("title") or f.cleaned_data.get("id"))
        ]
        try:
            saved = services.programme_save(programme=form.save(commit=False), topics=rows, by=request.user)
        except services.CourseError as error:
            show_error(request, error)
        else:
            messages.success(request, _("Saved: %(name)s.") % {"name": saved.name})
            return redirect("programme_detail", pk=saved.pk)
    return render(request, "courses/programme_form.html", {"form": form, "formset": formset, "programme": programme})


@role_required(*MANAGERS)
def programme_create(request):
    return _programme_save(request, Programme())


@role_required(*MANAGERS)
def programme_edit(request, pk):
    return _programme_save(request, get_object_or_404(Programme, pk=pk))


# Courses ------------------------------------------------------------------------------------------------


@role_required(*MANAGERS)
def course_list(request):
    filters = {
        "programme": id_param(request.GET.get("programme")),
        "year": year_param(request.GET.get("year")),
        "status": request.GET.get("status") if request.GET.get("status") in Course.Status.values else None,
        "unit": id_param(request.GET.get("unit")),
    }
    page = Paginator(selectors.course_list(**filters), COURSE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "courses/course_list.html",
        {
            "courses": page,
            "page": page,
            "filters": filters,
            "programmes": Programme.objects.order_by("name"),
            "years": selectors.course_years(),
            "statuses": Course.Status.choices,
            "units": Unit.objects.filter(is_active=True),
        },
    )


def _course_save(request, course):
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.course_save(
                course=form.save(commit=False), units=form.cleaned_data["units"], by=request.user
            )
        except services.CourseError as error:
            show_form_error(form, error, None)
        else:
            messages.success(request, _("Saved: %(name)s.") % {"name": saved.title})
            return redirect("course_detail", pk=saved.pk)
    return render(request, "courses/course_form.html", {"form": form, "course": course})


@role_required(*MANAGERS)
def course_create(request):
    course = Course()
    programme = Programme.objects.filter(pk=id_param(request.GET.get("programme"))).first()
    if programme is not None:
        course.programme = programme
    return _course_save(request, course)


@role_required(*MANAGERS)
def course_edit(request, pk):
    return _course_save(request, _get_course_for_user(request, pk, manage=True))


STATUS_ACTIONS = {
    Course.Status.OPEN: gettext_lazy("Open enrolment"),
    Course.Status.PLANNED: gettext_lazy("Back to planned"),
    Course.Status.IN_PROGRESS: gettext_lazy("Start the course"),
    Course.Status.FINISHED: gettext_lazy("Finish the course"),
    Course.Status.CANCELLED: gettext_lazy("Cancel the course"),
}


# What the clerk does next, by status (the overview's first line).
NEXT_STEPS = {
    Course.Status.PLANNED: gettext_lazy("Plan the timetable and give each session its lecturer, then open enrolment."),
    Course.Status.OPEN: gettext_lazy("Review the enrolments; start the course on its first session (%(first)s)."),
    Course.Status.IN_PROGRESS: gettext_lazy(
        "Take attendance at each session and enter the scores; finish the course after its last session (%(last)s)."
    ),
    Course.Status.FINISHED: gettext_lazy("Review completion, then prepare the certificates and documents."),
    Course.Status.CANCELLED: gettext_lazy("The course is cancelled; nothing more to do."),
}
NO_SESSIONS_STEP = gettext_lazy("Add the course's sessions first: bulk scheduling plans them in one go.")
ERR_CONFIRM_EARLY_START = gettext_lazy(
    "The first session is on %(date)s. Tick the confirmation to start the course before it."
)
# The course page's sections (tabs), in order; panels of other apps name the one they belong to.
COURSE_SECTIONS = [
    ("timetable", gettext_lazy("Timetable")),
    ("trainees", gettext_lazy("Trainees")),
    ("results", gettext_lazy("Attendance and results")),
    ("documents", gettext_lazy("Documents")),
    ("history", gettext_lazy("History")),
]


def _history_summary(entries) -> list[dict]:
    """History entries, newest first, with runs of the same action by the same person on the same day
    folded into one line with a count (48 "Session changed" lines become one)."""
    groups: list[dict] = []
    for entry in entries:
        last = groups[-1] if groups else None
        if (
            last is not None
            and not entry.reason
            and not last["entry"].reason
            and last["entry"].action == entry.action
            and last["entry"].actor_id == entry.actor_id
            and last["entry"].at.date() == entry.at.date()
        ):
            last["count"] += 1
            last["first_at"] = entry.at
            continue
        groups.append({"entry": entry, "count": 1, "first_at": entry.at})
    return groups


@role_required(*STAFF)
def course_detail(request, pk):
    course = _get_course_for_user(request, pk)
    manager = is_manager(request.user)
    public_url = _public_url("public_timetable", course.public_token)
    ics_url = _public_url("course_ics", course.public_token)
    days = selectors.course_timetable(course)
    sessions = [session for day in days for session in day.sessions]
    first = sessions[0].date if sessions else None
    last = sessions[-1].date if sessions else None
    today = timezone.localdate()
    # The timetable tab shows the coming week; past days and later days fold away (48 sessions are long).
    coming = [day for day in days if day.date >= today]
    allowed = services.course_status_choices(course=course, first=first, last=last, today=today) if manager else []
    if course.status == Course.Status.PLANNED and not sessions:
        next_step = NO_SESSIONS_STEP
    elif hooked := course_next_step(course):
        next_step = hooked
    else:
        next_step = NEXT_STEPS[course.status] % {
            "first": first.strftime("%d/%m/%Y") if first else "—",
            "last": last.strftime("%d/%m/%Y") if last else "—",
        }
    panels = course_panels(request, course)
    sections = {key: [] for key, _label in COURSE_SECTIONS}
    for panel in panels:
        sections.get(panel.get("section"), sections["trainees"]).append(panel)
    history = _history_summary(audit_for(course)[:200]) if manager else []
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "days": days,
            "past_days": [day for day in days if day.date < today],
            "coming_days": [day for day in coming if day.date < coming[0].date + datetime.timedelta(days=7)],
            "later_days": [day for day in coming if day.date >= coming[0].date + datetime.timedelta(days=7)],
            "manager": manager,
            "units": course.units.all(),
            "transitions": [(status, label) for status, label in STATUS_ACTIONS.items() if status in allowed],
            "early_start": first is not None and first > today,
            "first_date": first,
            "last_date": last,
            "session_count": len(sessions),
            "without_lecturer": sum(1 for session in sessions if session.lecturer_id is None),
            "next_step": next_step,
            "editable": manager and course.status not in (Course.Status.FINISHED, Course.Status.CANCELLED),
            "is_public": course.status in selectors.PUBLIC_STATUSES,
            "public_url": public_url,
            "public_qr": qr_data_uri(public_url, svg=True) if course.status in selectors.PUBLIC_STATUSES else "",
            "ics_url": ics_url,
            "history": history[:30],
            "sections": [
                (key, label, sections[key])
                for key, label in COURSE_SECTIONS
                if (key in ("timetable", "trainees") or sections[key] or (key == "history" and manager))
            ],
            "seats_taken": services.seats_taken(course),
            "panels": panels,
        },
    )


@require_POST
@role_required(*MANAGERS)
def course_status(request, pk):
    course = _get_course_for_user(request, pk, manage=True)
    status = request.POST.get("status", "")
    first = course.sessions.order_by("date").values_list("date", flat=True).first()
    if (
        status == Course.Status.IN_PROGRESS
        and first is not None
        and first > timezone.localdate()
        and request.POST.get("confirm_early") != "1"
    ):
        messages.error(request, ERR_CONFIRM_EARLY_START % {"date": first.strftime("%d/%m/%Y")})
        return redirect("course_detail", pk=course.pk)
    try:
        services.course_set_status(course=course, status=status, by=request.user, reason=request.POST.get("reason", ""))
    except services.CourseError as error:
        show_error(request, error)
    else:
        course.refresh_from_db()
        messages.success(request, _("The course is now: %(status)s.") % {"status": course.get_status_display()})
        if warning := services.class_size_warning(course):
            messages.warning(request, warning)
    return redirect("course_detail", pk=course.pk)


@require_POST
@role_required(*MANAGERS)
def course_enrolment(request, pk):
    course = _get_course_for_user(request, pk, manage=True)
    try:
        services.course_set_enrolment_open(course=course, is_open=request.POST.get("open") == "1", by=request.user)
    except services.CourseError as error:
        show_error(request, error)
    return redirect("course_detail", pk=course.pk)


# Sessions -----------------------------------------------------------------------------------------------


def _show_warnings(request, result):
    for warning in result.warnings:
        messages.warning(request, warning)


@role_required(*MANAGERS)
def session_create(request, pk):
    course = _get_course_for_user(request, pk, manage=True)
    form = SessionForm(request.POST or None, course=course, adding=True, initial={"room": course.room_id})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.session_schedule(course=course, spec=form.spec(), by=request.user)
        except services.ScheduleError as error:
            show_form_error(form, error)
        else:
            _show_warnings(request, result)
            messages.success(request, _("The session has been added."))
            if "another" in request.POST:
                return redirect("session_create", pk=course.pk)
            return redirect("course_detail", pk=course.pk)
    return render(request, "courses/session_form.html", {"form": form, "course": course})


@role_required(*MANAGERS)
def session_edit(request, pk):
    session = _get_session_for_manager(pk)
    course = session.course
    form = SessionForm(request.POST or None, course=course, initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.session_update(session=session, spec=form.spec(), by=request.user)
        except services.ScheduleError as error:
            show_form_error(form, error)
        else:
            _show_warnings(request, result)
            messages.success(request, _("The session has been changed."))
            return redirect("course_detail", pk=course.pk)
    return render(request, "courses/session_form.html", {"form": form, "course": course, "session": session})


@require_POST
@role_required(*MANAGERS)
def session_delete(request, pk):
    session = _get_session_for_manager(pk)
    course = session.course
    try:
        services.session_delete(session=session, by=request.user)
    except services.CourseError as error:
        show_error(request, error)
    else:
        messages.success(request, _("The session has been deleted."))
    return redirect("course_detail", pk=course.pk)


@role_required(*MANAGERS)
def session_bulk(request, pk):
    course = _get_course_for_user(request, pk, manage=True)
    form = BulkSessionsForm(request.POST or None, course=course)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            specs = services.plan_sessions(course=course, **form.plan_kwargs())
            result = services.sessions_schedule(course=course, specs=specs, by=request.user)
        except services.ScheduleError as error:
            problems = error.messages
        else:
            _show_warnings(request, result)
            messages.success(request, _("%(count)s sessions have been added.") % {"count": len(result.sessions)})
            return redirect("course_detail", pk=course.pk)
    return render(
        request,
        "courses/session_bulk.html",
        {"form": form, "course": course, "problems": problems, "topics": course.programme.topics.all()},
    )


ERR_GRID_LECTURER = gettext_lazy("Choose a lecturer from the list.")
ERR_GRID_ROOM = gettext_lazy("Choose a room from the list.")


def _grid_choice(raw, allowed: dict, current):
    """(object or None, ok) for one posted select: empty is none, else an id among ``allowed``; the
    current value stays allowed even when no longer offered (e.g. a lecturer who has left)."""
    if raw in (None, ""):
        return None, True
    pk = id_param(raw)
    if pk is not None and pk in allowed:
        return allowed[pk], True
    if current is not None and pk == current.pk:
        return current, True
    return None, False


def _sequence_param(raw) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _grid_options(objects, selected_pk, busy: dict, usual: set, label, groups):
    """Option groups for one row's select: the topic's usual lecturers who are free, the others who are
    free, then those busy at that time (named with the other course)."""
    buckets = {"usual": [], "free": [], "busy": []}
    for obj in objects:
        text = label(obj)
        if obj.pk in busy:
            bucket, text = "busy", _("%(name)s — busy: %(course)s") % {"name": text, "course": busy[obj.pk]}
        elif obj.pk in usual:
            bucket = "usual"
        else:
            bucket = "free"
        buckets[bucket].append((obj.pk, text, obj.pk == selected_pk))
    return [(groups[key], buckets[key]) for key in ("usual", "free", "busy") if buckets[key]]


@role_required(*MANAGERS)
def session_grid(request, pk):
    """The lecturer grid: every session of the course with a lecturer and a room picker showing who is
    free then; one save assigns them all, rows with a clash stay as they were and name the clash."""
    course = _get_course_for_user(request, pk, manage=True)
    if course.status in (Course.Status.FINISHED, Course.Status.CANCELLED):
        messages.error(request, _(services.ERR_COURSE_CLOSED) % {"status": course.get_status_display().lower()})
        return redirect("course_detail", pk=course.pk)
    lecturers = {m.pk: m for m in forms_lecturer_choices().order_by("full_name", "pk")}
    rooms = {r.pk: r for r in Room.objects.filter(is_active=True).order_by("name", "pk")}
    rows = selectors.lecturer_grid(course)
    posted: dict[int, tuple] = {}
    problems: dict[int, list[str]] = {}
    if request.method == "POST":
        assignments = []
        for row in rows:
            session = row.session
            raw_lecturer = request.POST.get(f"lecturer_{session.pk}")
            raw_room = request.POST.get(f"room_{session.pk}")
            if raw_lecturer is None and raw_room is None:
                continue  # a session added since the grid was shown: not on the form, left alone
            posted[session.pk] = (raw_lecturer or "", raw_room or "")
            lecturer, ok_lecturer = _grid_choice(raw_lecturer, lecturers, session.lecturer)
            room, ok_room = _grid_choice(raw_room, rooms, session.room)
            if not (ok_lecturer and ok_room):
                problems[session.pk] = [
                    str(message)
                    for message, ok in ((ERR_GRID_LECTURER, ok_lecturer), (ERR_GRID_ROOM, ok_room))
                    if not ok
                ]
                continue
            sequence = _sequence_param(request.POST.get(f"seq_{session.pk}"))
            assignments.append(services.Assignment(session=session, lecturer=lecturer, room=room, sequence=sequence))
        try:
            result = services.sessions_assign(course=course, assignments=assignments, by=request.user)
        except services.ScheduleError as error:
            show_error(request, error)
            return redirect("course_detail", pk=course.pk)
        problems.update(result.problems)
        _show_warnings(request, result)
        if result.saved:
            messages.success(request, _("%(count)s sessions have been saved.") % {"count": len(result.saved)})
        if not problems:
            if not result.saved:
                messages.info(request, _("Nothing was changed."))
            return redirect("session_grid", pk=course.pk)
        messages.error(request, _("%(count)s rows were not saved; each says why below.") % {"count": len(problems)})
        rows = selectors.lecturer_grid(course)
    groups_lecturer = {
        "usual": _("Usual lecturers of this topic"),
        "free": _("Free at this time"),
        "busy": _("Busy at this time"),
    }
    groups_room = {"usual": "", "free": _("Free at this time"), "busy": _("Taken at this time")}
    table = []
    for row in rows:
        session = row.session
        chosen_lecturer, chosen_room = session.lecturer_id, session.room_id
        if session.pk in problems and session.pk in posted:
            # Keep what the clerk chose on a refused row, so nothing typed is lost.
            chosen_lecturer = id_param(posted[session.pk][0])
            chosen_room = id_param(posted[session.pk][1])
        row_lecturers = list(lecturers.values())
        if session.lecturer_id and session.lecturer_id not in lecturers:
            row_lecturers.append(session.lecturer)
        row_rooms = list(rooms.values())
        if session.room_id and session.room_id not in rooms:
            row_rooms.append(session.room)
        table.append(
            {
                "session": session,
                "lecturer_groups": _grid_options(
                    row_lecturers,
                    chosen_lecturer,
                    row.busy_lecturers,
                    row.topic_lecturers,
                    lambda m: m.full_name,
                    groups_lecturer,
                ),
                "room_groups": _grid_options(
                    row_rooms, chosen_room, row.busy_rooms, set(), lambda r: r.name, groups_room
                ),
                "problems": problems.get(session.pk, []),
                # A session's own periods where the model has them, else its topic's.
                "periods": getattr(session, "periods", None) or (session.topic.periods if session.topic_id else None),
            }
        )
    return render(request, "courses/session_grid.html", {"course": course, "rows": table})


# Timetables ---------------------------------------------------------------------------------------------


# The document code of a timetable in its number line: "Số …-TKB/TTCT" (the number is written by hand).
TIMETABLE_DOC_CODE = "TKB"


def _print_context(doc_title, orientation="portrait", **extra):
    """Context of the print layouts (templates/print/): the PDF renderer passes the same keys."""
    return {"center": Center.load(), "doc_title": doc_title, "title": doc_title, "orientation": orientation, **extra}


@role_required(*STAFF)
def course_timetable_print(request, pk):
    course = _get_course_for_user(request, pk)
    return render(
        request,
        "print/course_timetable.html",
        _print_context(
            _("Course timetable"),
            course=course,
            days=selectors.course_timetable(course),
            doc_code=TIMETABLE_DOC_CODE,
            back_url=reverse("course_detail", args=[course.pk]),
            pdf_url=reverse("course_timetable_pdf", args=[course.pk]),
        ),
    )


@role_required(*STAFF)
def course_timetable_pdf(request, pk):
    """The same layout as the print page, as a PDF (the project's one WeasyPrint helper)."""
    course = _get_course_for_user(request, pk)
    title = _("Course timetable")
    context = _print_context(title, course=course, days=selectors.course_timetable(course), doc_code=TIMETABLE_DOC_CODE)
    content = render_pdf(template_name="print/course_timetable.html", context=context, request=request)
    return pdf_response(filename=f"{title} - {course.code}.pdf", content=content)


@role_required(*STAFF)
def my_timetable(request):
    """The signed-in lecturer's own timetable. A login with no staff record (e.g. an administrator) gets
    a page saying so, with the way to the center's week, instead of a 404."""
    member = _own_member(request)
    if member is None:
        return render(request, "courses/no_staff_member.html", {"manager": is_manager(request.user)})
    return redirect("lecturer_timetable", pk=member.pk)


def _from_date(request) -> datetime.date:
    if request.GET.get("all"):
        return None
    return datetime.date.today()


@role_required(*STAFF)
def lecturer_timetable(request, pk):
    member = _get_member_for_user(request, pk)
    date_from = _from_date(request)
    return render(
        request,
        "courses/lecturer_timetable.html",
        {
            "member": member,
            "days": selectors.lecturer_timetable(member, date_from=date_from),
            "showing_all": date_from is None,
            "ics_url": _public_url("lecturer_ics", member.calendar_token),
            "today": datetime.date.today(),
        },
    )


@role_required(*STAFF)
def lecturer_timetable_print(request, pk):
    member = _get_member_for_user(request, pk)
    return render(
        request,
        "print/lecturer_timetable.html",
        _print_context(
            _("Teaching timetable"),
            member=member,
            days=selectors.lecturer_timetable(member, date_from=_from_date(request)),
            back_url=reverse("lecturer_timetable", args=[member.pk]),
        ),
    )


def _week_monday(request) -> datetime.date:
    """The Monday of the week asked for (?week=yyyy-mm-dd, any day of it); this week when none is asked
    for, and with a message when the date cannot be read or is out of range (e.g. 9999-12-31)."""
    asked = request.GET.get("week", "")
    day = date_param(asked)
    if day is None:
        if asked:
            messages.warning(request, _("The week asked for cannot be shown; this is the current week."))
        day = datetime.date.today()
    return selectors.week_start(day)


@role_required(*STAFF)
def week_view(request):
    monday = _week_monday(request)
    days, rows = selectors.week_view(monday)
    return render(
        request,
        "courses/week.html",
        {
            "days": days,
            "rows": rows,
            "monday": monday,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
            "today": datetime.date.today(),
            "manager": is_manager(request.user),
        },
    )


@role_required(*STAFF)
def week_print(request):
    monday = _week_monday(request)
    days, rows = selectors.week_view(monday)
    return render(
        request,
        "print/week_timetable.html",
        _print_context(
            _("Weekly timetable of the center"),
            "landscape",
            days=days,
            rows=rows,
            monday=monday,
            back_url=reverse("week_view") + f"?week={monday:%Y-%m-%d}",
        ),
    )


# Public pages and feeds (no login; the secret is in the link) ------------------------------------------

PUBLIC_TIMETABLE_TEMPLATES = (
    "courses/public_timetable.html",
    "courses/_timetable.html",
    "base.html",
    "includes/navbar.html",
)


def public_timetable(request, token):
    """Anyone with the link. Conditional GET, and rendered once per version for visitors who are not logged
    in (center.conditional.public_page_response): the version covers the course, its sessions, the day
    (past days are greyed) and the templates."""
    course = selectors.public_course_version(token)
    if course is None:
        raise Http404
    today = timezone.localdate()

    def render_page(extra: dict) -> str:
        course = selectors.public_course(token)
        if course is None:  # closed since the line above
            raise Http404
        url = _public_url("public_timetable", token)
        context = {
            "course": course,
            "days": selectors.course_timetable(course),
            "today": today,
            "public_url": url,
            "public_qr": qr_data_uri(url, svg=True),
            "ics_url": _public_url("course_ics", token),
        }
        return render_to_string("courses/public_timetable.html", {**context, **extra}, request)

    parts = (course.version, today, templates_version(*PUBLIC_TIMETABLE_TEMPLATES), absolute_url("/"))
    return public_page_response(request, parts=parts, render=render_page)


def course_ics(request, token):
    course = selectors.public_course_version(token, feed=True)
    if course is None:
        raise Http404

    def build() -> bytes:
        course = get_object_or_404(Course.objects.exclude(status=Course.Status.PLANNED), public_token=token)
        return ics.calendar_bytes(
            name=f"{course.code} — {course.title}",
            sessions=selectors.timetable_sessions().filter(course=course),
            base_url=_public_url("public_timetable", token),
        )

    # The token is in the feed (each event links to the public timetable).
    version = fingerprint(token, course.version)
    return ics.feed_response(request, version=version, build=build, filename=f"{course.code}.ics")


def lecturer_ics(request, token):
    member = get_object_or_404(StaffMember, calendar_token=token)
    sessions = selectors.timetable_sessions().filter(lecturer=member).exclude(course__status=Course.Status.CANCELLED)
    name = _("Teaching timetable: %(name)s") % {"name": member.full_name}
    return ics.feed_response(
        request,
        version=fingerprint(name, selectors.sessions_fingerprint(sessions)),
        build=lambda: ics.calendar_bytes(name=name, sessions=sessions),
        filename="lich-giang.ics",
    )
