"""The reviewer's findings on attendance, completion and certificates (issue 6 follow-up): no attendance
for future sessions or cancelled courses, one attendance-share rule, the completion flow on one page,
the decision only after the director's confirmation, "lớp Lớp" wording, the register's name cell and
the certificate's form of address."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from courses.models import Course
from tests.builders import completed, enrol, make_course, make_trainee
from trainees.certificates import services as certificate_svc
from trainees.certificates.selectors import certificate_queryset
from trainees.learning import services as attendance_svc
from trainees.learning import services as results_svc
from trainees.learning.selectors import course_results
from trainees.models import Attendance, Enrolment, Trainee
from trainees.wording import course_name, course_phrase

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- 1. attendance only for sessions that have taken place, never for a cancelled course ----------------


def _future_course(**kwargs):
    start = timezone.localdate() + datetime.timedelta(days=11)
    return make_course(sessions=2, start_date=start, status=Course.Status.OPEN, **kwargs)


def test_attendance_for_a_future_session_is_refused_and_no_grid_is_offered(client, clerk):
    course = _future_course()
    enrolment = enrol(make_trainee(), course)
    session = course.sessions.first()
    client.force_login(clerk)
    url = reverse("attendance_session", args=[session.pk])
    page = client.get(url).content.decode()
    assert "chưa diễn ra" in page and session.date.strftime("%d/%m/%Y") in page
    assert f'name="status-{enrolment.pk}"' not in page
    response = client.post(url, {f"status-{enrolment.pk}": "present", f"note-{enrolment.pk}": ""})
    assert not Attendance.objects.exists()
    assert any("chưa diễn ra" in m for m in _messages(response))
    course_page = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert url not in course_page


def test_the_services_refuse_future_sessions_and_cancelled_courses(clerk):
    course = _future_course()
    enrolment = enrol(make_trainee(), course)
    sessions = list(course.sessions.all())
    mark = attendance_svc.Mark(enrolment.pk, sessions[0].pk, "present")
    with pytest.raises(attendance_svc.AttendanceError, match="chưa diễn ra"):
        attendance_svc.attendance_save_session(session=sessions[0], marks=[mark], roster=[enrolment], by=clerk)
    with pytest.raises(attendance_svc.AttendanceError):
        attendance_svc.attendance_save_course(
            course=course, sessions=sessions, marks=[mark], roster=[enrolment], by=clerk
        )
    past = make_course(sessions=1, status=Course.Status.CANCELLED)
    other = enrol(make_trainee(), past)
    session = past.sessions.first()
    with pytest.raises(attendance_svc.AttendanceError, match="đã bị hủy"):
        attendance_svc.attendance_save_session(
            session=session, marks=[attendance_svc.Mark(other.pk, session.pk, "present")], roster=[other], by=clerk
        )
    assert not Attendance.objects.exists()


def test_today_s_session_can_be_taken_and_the_sheet_shows_only_past_sessions(client, clerk):
    start = timezone.localdate() - datetime.timedelta(days=1)
    course = make_course(sessions=6, start_date=start, status=Course.Status.IN_PROGRESS)  # 3 days, 2 a day
    enrolment = enrol(make_trainee(), course)
    today_session = course.sessions.filter(date=timezone.localdate()).first()
    client.force_login(clerk)
    response = client.post(
        reverse("attendance_session", args=[today_session.pk]),
        {f"status-{enrolment.pk}": "present", f"note-{enrolment.pk}": ""},
    )
    assert response.status_code == 302 and Attendance.objects.count() == 1
    sheet = client.get(reverse("attendance_course", args=[course.pk]))
    assert [s.date for s in sheet.context["sessions"]] == [start, start, today_session.date, today_session.date]
    assert sheet.context["upcoming"] == 2


# --- 2. the attendance-share rule -------------------------------------------------------------------------


def test_a_trainee_without_a_mark_in_a_taken_session_is_not_recorded_rather_than_absent(client, clerk):
    course = make_course(sessions=4, status=Course.Status.IN_PROGRESS)
    sessions = list(course.sessions.order_by("date", "start_time"))
    early, late_comer, nobody = (
        enrol(make_trainee(), course),
        enrol(make_trainee(), course),
        enrol(make_trainee(), course),
    )
    for s in sessions:
        Attendance.objects.create(session=s, enrolment=early, status="present")
    for s in sessions[2:]:  # enrolled after the first two grids were saved
        Attendance.objects.create(session=s, enrolment=late_comer, status="present")
    rows = {r.enrolment.pk: r for r in course_results(course)}
    assert (rows[early.pk].share, rows[early.pk].not_recorded) == (Decimal("100.0"), 0)
    assert (rows[late_comer.pk].share, rows[late_comer.pk].recorded, rows[late_comer.pk].not_recorded) == (
        Decimal("100.0"),
        2,
        2,
    )
    assert rows[nobody.pk].share is None and rows[nobody.pk].not_recorded == 4
    proposal = results_svc.completion_proposal(programme=course.programme, share=None, score=Decimal("9"))
    assert not proposal.completed and proposal.reasons == ["chưa có điểm danh"]
    client.force_login(clerk)
    page = client.get(reverse("results_course", args=[course.pk]))
    html = page.content.decode()
    assert "2 chưa ghi" in html and "4 chưa ghi" in html
    assert not any(r.below_threshold for r in page.context["rows"])  # nobody is warned for missing marks


# --- 4 and 5. one completion flow; the decision only after the director's confirmation -----------------


@pytest.fixture
def finished(db):
    course = make_course(
        status=Course.Status.FINISHED, sessions=2, title="Lớp bồi dưỡng nhận thức về Đảng khóa 9", code="NTVD-09"
    )
    for score in ("9.0", "7.0"):
        e = enrol(make_trainee(), course, score=Decimal(score))
        for s in course.sessions.all():
            Attendance.objects.create(session=s, enrolment=e, status="present")
    return course


def test_the_review_stays_on_its_page_counts_changes_and_leads_to_the_confirmation(client, clerk, director, finished):
    url = reverse("results_completion", args=[finished.pk])
    rows = list(Enrolment.objects.filter(course=finished))
    data = {f"completion-{e.pk}": "completed" for e in rows}
    client.force_login(clerk)
    page = client.get(url).content.decode()
    assert reverse("results_completion_decision", args=[finished.pk]) not in page
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == url + "#next-step"
    assert _messages(response) == ["Đã lưu kết quả xét hoàn thành: thay đổi 2 học viên."]
    client.get(url)  # shows (and consumes) the message
    response = client.post(url, data)
    assert _messages(response) == ["Đã lưu kết quả xét hoàn thành: không có thay đổi."]
    clerk_page = client.get(url).content.decode()
    assert "Giám đốc xác nhận danh sách tại trang này" in clerk_page
    assert reverse("results_completion_confirm", args=[finished.pk]) not in clerk_page
    client.force_login(director)
    page = client.get(url).content.decode()
    assert reverse("results_completion_confirm", args=[finished.pk]) in page
    response = client.post(reverse("results_completion_confirm", args=[finished.pk]))
    assert response.url == url
    page = client.get(url).content.decode()
    assert reverse("results_completion_decision", args=[finished.pk]) in page


def test_the_decision_is_refused_until_the_director_confirms(client, clerk, director, finished):
    decision = reverse("results_completion_decision", args=[finished.pk])
    decision_pdf = reverse("results_completion_decision_pdf", args=[finished.pk])
    results = reverse("results_course", args=[finished.pk])
    client.force_login(clerk)
    assert decision not in client.get(results).content.decode()
    for url in (decision, decision_pdf):
        response = client.get(url)
        assert response.status_code == 302 and response.url == results
        assert any("Giám đốc xác nhận danh sách" in m for m in _messages(response))
    results_svc.completion_review(
        course=finished,
        decisions={e.pk: "completed" for e in Enrolment.objects.filter(course=finished)},
        by=clerk,
    )
    assert client.get(decision).status_code == 302  # reviewed, not yet confirmed
    results_svc.completion_confirm(course=finished, by=director)
    assert decision in client.get(results).content.decode()
    html = client.get(decision).content.decode()
    assert "Công nhận 2 học viên" in html
    assert "lớp bồi dưỡng nhận thức về Đảng khóa 9 (NTVD-09)" in html and "lớp Lớp" not in html
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(decision_pdf).content)).pages)
    assert "lớp Lớp" not in text and "học viên Lớp" not in text


# --- 6. "lớp Lớp" -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "phrase", "name"),
    [
        (
            "Lớp bồi dưỡng nhận thức về Đảng khóa 1",
            "lớp bồi dưỡng nhận thức về Đảng khóa 1",
            "Bồi dưỡng nhận thức về Đảng khóa 1",
        ),
        ("lớp sơ cấp LLCT", "lớp sơ cấp LLCT", "Sơ cấp LLCT"),
        ("Hội nghị học tập nghị quyết", "Hội nghị học tập nghị quyết", "Hội nghị học tập nghị quyết"),
        ("Lớp học chính trị", "lớp học chính trị", "Học chính trị"),
    ],
)
def test_course_phrase_never_doubles_the_word_lop(title, phrase, name):
    assert course_phrase(title) == phrase
    assert course_name(title) == name


# --- 7. the register: the full name in one cell on screen ------------------------------------------------


def test_the_register_page_shows_the_full_name_in_one_cell(client, clerk, director):
    course = make_course(status=Course.Status.FINISHED, sessions=4, code="DVM-77")
    enrolment = completed(course, 1, by=director)[0]
    Trainee.objects.filter(pk=enrolment.trainee_id).update(family_name="Đỗ Văn", given_name="Bảo")
    issued = certificate_svc.certificates_issue_for_course(course=course, by=director, issued_on=timezone.localdate())
    client.force_login(clerk)
    html = client.get(reverse("certificate_register") + f"?year={issued[0].year}").content.decode()
    assert '<td class="nowrap">Đỗ Văn Bảo</td>' in html
    assert 'class="family' not in html


# --- 9. "Đồng chí" only for Party members -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("party", "gender", "expected"),
    [
        (Trainee.PartyStatus.FULL, Trainee.Gender.FEMALE, "Đồng chí"),
        (Trainee.PartyStatus.PROBATIONARY, Trainee.Gender.MALE, "Đồng chí"),
        (Trainee.PartyStatus.NONE, Trainee.Gender.MALE, "Ông"),
        (Trainee.PartyStatus.NONE, Trainee.Gender.FEMALE, "Bà"),
        (Trainee.PartyStatus.NONE, "", "Ông/Bà"),
    ],
)
def test_the_certificate_addresses_party_members_as_dong_chi_and_others_as_ong_ba(party, gender, expected):
    assert certificate_svc.salutation(make_trainee(party_status=party, gender=gender)) == expected


def test_the_printed_certificate_uses_the_salutation_and_no_doubled_lop(director, settings):
    settings.PORTAL_BASE_URL = "https://ttct.example.vn"
    course = make_course(
        status=Course.Status.FINISHED, sessions=4, title="Lớp bồi dưỡng nhận thức về Đảng khóa 2", code="NTVD-02"
    )
    member, other = completed(course, 2, by=director)
    Trainee.objects.filter(pk=member.trainee_id).update(party_status=Trainee.PartyStatus.FULL)
    Trainee.objects.filter(pk=other.trainee_id).update(party_status=Trainee.PartyStatus.NONE, gender="female")
    certificate_svc.certificates_issue_for_course(course=course, by=director, issued_on=timezone.localdate())
    _name, _type, content = certificate_svc.certificate_pdf(
        certificates=certificate_queryset().filter(enrolment__course=course).order_by("number")
    )
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    by_name = {  # the name prints in capitals
        name: next(p for p in pages if name.upper() in p)
        for name in (member.trainee.full_name, other.trainee.full_name)
    }
    assert "Đồng chí:" in by_name[member.trainee.full_name]
    assert "Bà:" in by_name[other.trainee.full_name] and "Đồng chí" not in by_name[other.trainee.full_name]
    assert all("Lớp: Bồi dưỡng nhận thức về Đảng khóa 2 (NTVD-02)" in p for p in pages)


# --- 3. the demo ------------------------------------------------------------------------------------------


def test_the_demo_gives_hocvien1_a_certificate_and_everyone_marks_and_leaves_a_course_to_confirm():
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    hocvien1 = Trainee.objects.get(user__username="hocvien1")
    enrolments = list(hocvien1.enrolments.select_related("course"))
    assert any(e.course.status == Course.Status.IN_PROGRESS and e.attendances.exists() for e in enrolments)
    assert any(c.status == "valid" for e in enrolments for c in e.certificates.all())
    today = timezone.localdate()
    for course in Course.objects.exclude(status=Course.Status.CANCELLED):
        taken = course.sessions.filter(date__lte=today, attendances__isnull=False).distinct().count()
        for enrolment in course.enrolments.filter(status=Enrolment.Status.APPROVED):
            assert enrolment.attendances.count() == taken, (course.code, enrolment.pk)
    waiting = [
        c
        for c in Course.objects.filter(status=Course.Status.FINISHED, programme__gives_certificate=True)
        if not c.enrolments.filter(certificates__isnull=False).exists()
        and not c.enrolments.exclude(completion="").exists()
        and c.enrolments.filter(score__isnull=False).exists()
    ]
    assert len(waiting) == 1
