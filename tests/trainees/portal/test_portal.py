"""The trainee portal pages: timetable, courses, certificates, details, and privacy between trainees."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Course
from tests.builders import enrol, make_certificate, make_course, make_lecturer, make_room, make_trainee
from trainees.models import Certificate, CorrectionRequest, Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def an(trainee_user):
    return make_trainee(
        given_name="An",
        family_name="Nguyễn Văn",
        user=trainee_user,
        citizen_id="079085001234",
        phone="0912345678",
        date_of_birth=datetime.date(1985, 3, 12),
    )


@pytest.fixture
def binh(other_trainee_user):
    return make_trainee(given_name="Bình", family_name="Trần Thị", user=other_trainee_user)


@pytest.fixture
def course(center):
    # Yesterday morning and afternoon, then today and tomorrow: some past, some to come.
    return make_course(status=Course.Status.IN_PROGRESS, sessions=6, room=make_room(), lecturer=make_lecturer())


def test_the_timetable_shows_the_next_session_first_and_greys_the_past(client, an, course):
    enrol(an, course)
    client.force_login(an.user)
    response = client.get(reverse("portal_home"))
    assert response.status_code == 200
    timetable = response.context["timetable"]
    sessions = timetable.courses[0].sessions
    assert [s.is_past for s in sessions[:2]] == [True, True]
    assert timetable.next_session is not None and not timetable.next_session.is_past
    assert timetable.next_session == next(s for s in sessions if not s.is_past)
    html = response.content.decode()
    upcoming = timetable.next_session
    label = "Đang diễn ra" if upcoming.is_ongoing else "Hôm nay" if upcoming.is_today else "Buổi học tới"
    assert f'<p id="next-title" class="next-label mb-1">{label}</p>' in html
    assert html.index("next-card") < html.index("session-list")
    assert "Hội trường" in html and "Trần Quốc Bảo" in html
    assert html.count("is-past") == sum(s.is_past for s in sessions) >= 2


def test_only_approved_enrolments_show_on_the_timetable(client, an, course, center):
    enrol(an, course, status=Enrolment.Status.PENDING)
    other = make_course(status=Course.Status.IN_PROGRESS, sessions=2, title="Lớp cập nhật kiến thức")
    enrol(an, other)
    client.force_login(an.user)
    timetable = client.get(reverse("portal_home")).context["timetable"]
    assert [g.course for g in timetable.courses] == [other]


def test_the_timetable_runs_the_same_number_of_queries_for_1_and_5_enrolments(
    client, an, center, django_assert_num_queries
):
    client.force_login(an.user)
    courses = [make_course(status=Course.Status.IN_PROGRESS, sessions=4) for _ in range(5)]
    enrol(an, courses[0])
    client.get(reverse("portal_home"))  # creates the calendar secret once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("portal_home")).status_code == 200
    for c in courses[1:]:
        enrol(an, c)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("portal_home"))
    assert len(response.context["timetable"].courses) == 5


def test_the_courses_page_says_each_status_in_plain_words(client, an, center):
    statuses = {
        Enrolment.Status.PENDING: "Chờ duyệt",
        Enrolment.Status.APPROVED: "Đã duyệt",
        Enrolment.Status.WAITLISTED: "Danh sách chờ",
        Enrolment.Status.REJECTED: "Không được duyệt",
        Enrolment.Status.WITHDRAWN: "Đã rút",
    }
    for status in statuses:
        reason = "Chưa đủ tuổi đảng" if status == Enrolment.Status.REJECTED else ""
        enrol(an, make_course(status=Course.Status.IN_PROGRESS, sessions=2), status=status, decision_reason=reason)
    client.force_login(an.user)
    html = client.get(reverse("portal_courses")).content.decode()
    for label in statuses.values():
        assert label in html
    assert "Chưa đủ tuổi đảng" in html


def test_the_courses_page_shows_attendance_and_result(client, an, course):
    from trainees.models import Attendance

    enrolment = enrol(an, course, score="8.5", grade=Enrolment.Grade.GOOD, completion=Enrolment.Completion.COMPLETED)
    past = list(course.sessions.order_by("date", "start_time"))[:2]
    Attendance.objects.create(session=past[0], enrolment=enrolment, status=Attendance.Status.PRESENT)
    Attendance.objects.create(session=past[1], enrolment=enrolment, status=Attendance.Status.EXCUSED)
    client.force_login(an.user)
    response = client.get(reverse("portal_courses"))
    e = response.context["enrolments"][0]
    assert (e.attended, e.absent_excused, e.absent_unexcused) == (1, 1, 0)
    html = response.content.decode()
    assert "8,5" in html
    assert "Giỏi" in html
    detail = client.get(reverse("portal_enrolment", args=[enrolment.pk])).content.decode()
    assert "Có mặt" in detail


def test_the_courses_page_counts_periods_as_the_attendance_rule_does(client, an, course):
    """Sessions of 5 and 1 periods: present at the long one and absent at the short one is 5 of 6 periods
    (83 %), though only 1 of 2 sessions."""
    from trainees.models import Attendance

    enrolment = enrol(an, course)
    long, short = list(course.sessions.order_by("date", "start_time"))[:2]
    type(long).objects.filter(pk=long.pk).update(periods=5)
    type(short).objects.filter(pk=short.pk).update(periods=1)
    Attendance.objects.create(session=long, enrolment=enrolment, status=Attendance.Status.PRESENT)
    Attendance.objects.create(session=short, enrolment=enrolment, status=Attendance.Status.UNEXCUSED)
    client.force_login(an.user)

    response = client.get(reverse("portal_courses"))

    e = response.context["enrolments"][0]
    assert (e.periods_attended, e.periods_recorded, e.attended) == (5, 6, 1)
    assert "5/6 tiết đã ghi nhận (83%)" in response.content.decode()
    assert "Dưới 80% số tiết" not in response.content.decode()

    Attendance.objects.filter(session=long).update(status=Attendance.Status.UNEXCUSED)
    Attendance.objects.filter(session=short).update(status=Attendance.Status.PRESENT)
    html = client.get(reverse("portal_courses")).content.decode()
    assert "1/6 tiết đã ghi nhận (17%)" in html and "Dưới 80% số tiết" in html


def test_a_revoked_certificate_shows_as_revoked_and_is_not_served(client, an, course):
    revoked = make_certificate(enrol(an, course), status=Certificate.Status.REVOKED)
    revoked.revoked_reason = "Cấp nhầm"
    revoked.save()
    valid = make_certificate(enrol(an, make_course(status=Course.Status.IN_PROGRESS, sessions=2)))
    client.force_login(an.user)
    html = client.get(reverse("portal_certificates")).content.decode()
    assert "Đã thu hồi" in html and "Cấp nhầm" in html
    assert reverse("portal_certificate_pdf", args=[revoked.pk]) not in html
    assert reverse("portal_certificate_pdf", args=[valid.pk]) in html
    assert client.get(reverse("portal_certificate_pdf", args=[revoked.pk])).status_code == 404


def test_a_valid_certificate_downloads_as_a_pdf(client, an, course):
    certificate = make_certificate(enrol(an, course))
    client.force_login(an.user)
    response = client.get(reverse("portal_certificate_pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_my_details_marks_the_sensitive_fields(client, an):
    client.force_login(an.user)
    html = client.get(reverse("portal_details")).content.decode()
    assert html.count("bảo mật") >= 3 and "nhạy cảm" not in html
    assert "0912345678" in html and "12/03/1985" in html
    assert "••••••••1234" in html


def test_a_correction_request_reaches_staff_and_the_reply_reaches_the_trainee(client, an, clerk):
    client.force_login(an.user)
    response = client.post(reverse("portal_details"), {"text": "  "})
    assert "Hãy ghi rõ" in response.content.decode() or response.context["form"].errors
    client.post(reverse("portal_details"), {"text": "Ngày sinh đúng là 12/03/1985."})
    request = CorrectionRequest.objects.get()
    client.force_login(clerk)
    dashboard = client.get(reverse("home")).content.decode()
    assert "Xử lý các đề nghị" in dashboard  # the managers' panel with the open count
    assert "Ngày sinh đúng là 12/03/1985." in client.get(reverse("correction_list")).content.decode()
    # Declining needs a reason.
    client.post(reverse("correction_handle", args=[request.pk]), {"status": "declined", "reply": ""})
    request.refresh_from_db()
    assert request.status == CorrectionRequest.Status.OPEN
    client.post(reverse("correction_handle", args=[request.pk]), {"status": "done", "reply": "Đã sửa ngày sinh."})
    request.refresh_from_db()
    assert request.status == CorrectionRequest.Status.DONE and request.handled_by == clerk
    client.force_login(an.user)
    assert "Đã sửa ngày sinh." in client.get(reverse("portal_details")).content.decode()


def test_every_trainee_url_with_another_trainees_id_is_404(client, an, binh, course):
    """Bình tries each of An's object ids in every trainee URL that takes one."""
    an_enrolment = enrol(an, course)
    enrol(binh, course)
    an_certificate = make_certificate(an_enrolment)
    client.force_login(binh.user)
    for name, pk in [("portal_enrolment", an_enrolment.pk), ("portal_certificate_pdf", an_certificate.pk)]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    # And nothing of An's shows on Bình's pages.
    for name in ("portal_home", "portal_courses", "portal_certificates", "portal_details"):
        html = client.get(reverse(name)).content.decode()
        assert an_certificate.register_number not in html
        assert "Nguyễn Văn An" not in html


def test_the_calendar_feed_has_only_approved_sessions_and_a_secret_link(client, an, course, center):
    enrol(an, course)
    enrol(
        an,
        make_course(status=Course.Status.IN_PROGRESS, sessions=2, title="Lớp chưa duyệt"),
        status=Enrolment.Status.PENDING,
    )
    client.force_login(an.user)
    home = client.get(reverse("portal_home"))
    url = home.context["calendar_url"]
    client.logout()
    feed = client.get(url)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") == 6
    assert "Lớp chưa duyệt" not in body
    assert client.get(reverse("portal_calendar", args=["doan-bua"])).status_code == 404
    client.force_login(an.user)
    client.post(reverse("portal_calendar_reset"))
    client.logout()
    assert client.get(url).status_code == 404


def test_the_calendar_feed_answers_304_until_a_session_or_an_enrolment_changes(client, an, course):
    from courses.services import SessionSpec, session_update

    enrol(an, course)
    client.force_login(an.user)
    url = client.get(reverse("portal_home")).context["calendar_url"]
    client.logout()
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    session = course.sessions.order_by("date", "start_time").first()
    spec = SessionSpec(
        date=session.date,
        part_of_day=session.part_of_day,
        start_time=session.start_time,
        end_time=session.end_time,
        title="Chuyên đề đổi tên",
        lecturer=session.lecturer,
        room=session.room,
    )
    session_update(session=session, spec=spec, by=None)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Chuyên đề đổi tên" in changed.content.decode()

    enrol(an, make_course(sessions=2, title="Lớp thứ hai"))
    again = client.get(url, HTTP_IF_NONE_MATCH=changed["ETag"])
    assert again.status_code == 200 and again.content.decode().count("BEGIN:VEVENT") == 8


def test_staff_and_outsiders_do_not_reach_the_portal(client, clerk, outsider):
    for user in (clerk, outsider):
        client.force_login(user)
        assert client.get(reverse("portal_home")).status_code == 404


def test_today_is_used_for_past_and_next(an, course):
    from trainees.portal.selectors import trainee_timetable

    enrol(an, course)
    late_evening = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(23, 0)))
    timetable = trainee_timetable(an, now=late_evening)
    assert timetable.next_session.date == timezone.localdate() + datetime.timedelta(days=1)


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_courses_and_certificates_pages_run_a_constant_number_of_queries(client, an, center):
    client.force_login(an.user)
    first = make_course(status=Course.Status.IN_PROGRESS, sessions=2)
    make_certificate(enrol(an, first))
    counts_one = [_queries(client, reverse(name)) for name in ("portal_courses", "portal_certificates")]
    for _ in range(4):
        make_certificate(enrol(an, make_course(status=Course.Status.IN_PROGRESS, sessions=3)))
    counts_five = [_queries(client, reverse(name)) for name in ("portal_courses", "portal_certificates")]
    assert counts_one == counts_five


def test_the_staff_account_pages_run_a_constant_number_of_queries(client, clerk, center):
    from trainees.accounts.services import activation_code_issue
    from trainees.records.services import correction_request_submit

    course = make_course(status=Course.Status.IN_PROGRESS, sessions=1)
    client.force_login(clerk)

    def add(n):
        for i in range(n):
            trainee = make_trainee(given_name=f"Lan{i}{n}", family_name="Phạm Minh")
            enrol(trainee, course)
            activation_code_issue(trainee=trainee, by=clerk)
            correction_request_submit(trainee=trainee, text="Sửa số điện thoại.", by=None)

    add(1)
    urls = [reverse("account_course", args=[course.pk]), reverse("account_courses"), reverse("correction_list")]
    one = [_queries(client, url) for url in urls]
    add(5)
    assert [_queries(client, url) for url in urls] == one


def test_the_calendar_box_offers_google_calendar_over_https_and_a_how_to(client, an, course):
    """Android does not open webcal://: the box also gives an https Google Calendar link and the feed's
    https address, with the steps to add it."""
    from urllib.parse import parse_qs, urlsplit

    enrol(an, course)
    client.force_login(an.user)
    home = client.get(reverse("portal_home"))
    google = home.context["google_calendar_url"]
    parts = urlsplit(google)
    assert parts.scheme == "https" and parts.netloc == "calendar.google.com"
    feed = home.context["calendar_url"]
    assert parse_qs(parts.query)["cid"] == ["webcal://" + feed.split("://", 1)[1]]
    page = home.content.decode()
    assert f'href="{feed}"' in page
    assert "calendar-howto" in page
