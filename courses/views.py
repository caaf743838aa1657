import datetime

from django.contrib import messages
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
from center.models import Center, Unit
from center.params import date_param, id_param, year_param
from center.pdf import pdf_response, render_pdf
from center.qr import qr_data_uri
from center.roles import MANAGERS, STAFF, is_manager, role_required
from courses import ics, selectors, services
from courses.forms import BulkSessionsForm, CourseForm, ProgrammeForm, SessionForm, TopicFormSet
from courses.models import Course, Programme, Session
from courses.panels import course_panels
from staff.models import StaffMember

# Access helpers ----------------------------------------------------------------------------------------


def _own_member(request) -> StaffMember | None:
    return StaffMember.objects.filter(user=request.user).first()


def _get_course_for_user(request, pk, *, manage=False) -> Course:
    """The course if this user may see it: managers see every course; lecturers the courses they teach
    in or are homeroom teacher of (and may not manage them). Anything else is a 404."""
    qs = Course.objects.select_related("programme", "room", "homeroom_teacher")
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
        {"programme": programme, "topics": programme.topics.all(), "history": audit_for(programme)[:20]},
    )


def _programme_save(request, programme):
    initial = (
        [{"id": t.pk, "title": t.title, "periods": t.periods} for t in programme.topics.all()] if programme.pk else []
    )
    form = ProgrammeForm(request.POST or None, instance=programme)
    formset = TopicFormSet(request.POST or None, initial=initial, prefix="topics")
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
    return render(
        request,
        "courses/course_list.html",
        {
            "courses": selectors.course_list(**filters),
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


@role_required(*STAFF)
def course_detail(request, pk):
    course = _get_course_for_user(request, pk)
    manager = is_manager(request.user)
    public_url = _public_url("public_timetable", course.public_token)
    ics_url = _public_url("course_ics", course.public_token)
    return render(
        request,
        "courses/course_detail.html",
        {
            "course": course,
            "days": selectors.course_timetable(course),
            "manager": manager,
            "units": course.units.all(),
            "transitions": [
                (status, label)
                for status, label in STATUS_ACTIONS.items()
                if status in services.TRANSITIONS[course.status]
            ]
            if manager
            else [],
            "editable": manager and course.status not in (Course.Status.FINISHED, Course.Status.CANCELLED),
            "is_public": course.status in selectors.PUBLIC_STATUSES,
            "public_url": public_url,
            "public_qr": qr_data_uri(public_url, svg=True) if course.status in selectors.PUBLIC_STATUSES else "",
            "ics_url": ics_url,
            "history": audit_for(course)[:20] if manager else [],
            "panels": course_panels(request, course),
        },
    )


@require_POST
@role_required(*MANAGERS)
def course_status(request, pk):
    course = _get_course_for_user(request, pk, manage=True)
    try:
        services.course_set_status(
            course=course, status=request.POST.get("status", ""), by=request.user, reason=request.POST.get("reason", "")
        )
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
