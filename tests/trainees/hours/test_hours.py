"""Lecturer hours: the sessions held count for whoever taught them, marking converts to standard hours, and
the statement of hours for guest lecturers is exact, in figures and in words, and frozen once issued."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from staff.models import StaffMember
from tests.builders import add_session, enrol, make_course, make_trainee
from trainees.hours import services
from trainees.hours.selectors import held_sessions, loads, month_span, year_span
from trainees.models import Attendance, HoursRules, HoursStatement, MarkingWork

START = datetime.date(2026, 10, 5)  # a Monday; every session of the course is in October 2026


def _guest(name="Nguyễn Hữu Phước"):
    return StaffMember.objects.create(
        full_name=name, position=StaffMember.Position.GUEST_LECTURER, workplace="Ban Tuyên giáo tỉnh"
    )


@pytest.fixture
def world(clerk, lecturer):
    """A finished course in October 2026. The guest lecturer taught two sessions (5 periods with attendance
    taken, 4 periods ticked by the clerk), was down for a third (5 periods) that the full-time lecturer
    taught instead, and a fourth (3 periods) was never confirmed; the guest marked 30 papers and set the exam."""
    guest = _guest()
    full_time = lecturer.staff_member
    course = make_course(status="finished", start_date=START, end_date=START + datetime.timedelta(days=4))
    s1 = add_session(course, periods=5, day=0, lecturer=guest)
    s2 = add_session(course, periods=4, day=0, part="afternoon", lecturer=guest)
    s3 = add_session(course, periods=5, day=1, lecturer=guest)
    s4 = add_session(course, periods=3, day=1, part="afternoon", lecturer=guest)
    Attendance.objects.create(session=s1, enrolment=enrol(make_trainee(), course))
    for _ in range(41):  # a class of 42: 42 papers to mark (the guest marks 30, the full-time lecturer the rest)
        enrol(make_trainee(), course)
    services.session_confirm_taught(session=s2, by=clerk)
    # Replaced: the clerk changes the session's lecturer to who actually taught, then ticks it.
    s3.lecturer = full_time
    s3.save()
    services.session_confirm_taught(session=s3, by=clerk)
    services.marking_record(course=course, lecturer=guest, kind=MarkingWork.Kind.PAPERS, quantity=30, by=clerk)
    services.marking_record(course=course, lecturer=guest, kind=MarkingWork.Kind.EXAM, quantity=1, by=clerk)
    return type("World", (), {"guest": guest, "full_time": full_time, "course": course, "s3": s3, "s4": s4})


def _load(lecturer, year=2026):
    start, end = year_span(year)
    (row,) = loads(start=start, end=end, rules=HoursRules.load(), lecturer=lecturer)
    return row


def test_hours_go_to_who_taught_and_marking_converts_exactly(world):
    guest, full_time = _load(world.guest), _load(world.full_time)
    assert (guest.sessions, guest.periods, guest.papers, guest.exams) == (2, 9, 30, 1)
    # 9 periods × 1 + 30 papers × 0.1 + 1 exam × 1 (the defaults)
    assert guest.hours == Decimal("13.00")
    assert guest.norm is None
    assert (full_time.sessions, full_time.periods, full_time.hours) == (1, 5, Decimal("5.00"))
    assert full_time.norm == Decimal("270")
    assert full_time.percent == 2  # 5 / 270
    assert world.s4 not in held_sessions()


def test_director_and_deputy_norms_are_their_share_and_editable(center):
    rules = HoursRules.load()
    assert rules.norm_for(StaffMember.Position.DIRECTOR) == Decimal("27.0")
    assert rules.norm_for(StaffMember.Position.DEPUTY_DIRECTOR) == Decimal("54.0")
    rules.yearly_norm, rules.deputy_share = Decimal("280"), 25
    services.hours_rules_update(rules=rules, by=None)
    assert HoursRules.load().norm_for(StaffMember.Position.DEPUTY_DIRECTOR) == Decimal("70.0")
    assert HoursRules.objects.count() == 1


def test_a_session_still_to_come_cannot_be_ticked(clerk, lecturer):
    course = make_course(start_date=datetime.date.today() + datetime.timedelta(days=3))
    session = add_session(course, periods=4, lecturer=lecturer.staff_member)
    with pytest.raises(services.HoursError) as error:
        services.session_confirm_taught(session=session, by=clerk)
    assert error.value.message == services.ERROR_FUTURE_SESSION
    session.refresh_from_db()
    assert session.taught_confirmed_at is None


def test_unticking_a_session_with_attendance_is_refused(world, clerk):
    s1 = world.course.sessions.get(periods=5, lecturer=world.guest)
    with pytest.raises(services.HoursError) as error:
        services.session_confirm_taught(session=s1, by=clerk, taught=False)
    assert error.value.message == services.ERROR_ATTENDANCE_TAKEN


def test_the_statement_is_exact_in_figures_and_words(world, clerk):
    statement = services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 11, 2), by=clerk)
    (line,) = statement.lines.all()
    assert (line.lecturer_name, line.periods, line.papers, line.exams) == ("Nguyễn Hữu Phước", 9, 30, 1)
    assert (line.hours, line.rate, line.amount) == (Decimal("13.00"), 150_000, 1_950_000)
    assert statement.total_amount == 1_950_000
    assert statement.total_words == "Một triệu chín trăm năm mươi nghìn đồng"
    assert "Bằng chữ: Một triệu chín trăm năm mươi nghìn đồng" in statement.content
    for signer in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "GIÁM ĐỐC"):
        assert signer in statement.content
    assert statement.maker_name == clerk.staff_member.full_name


def test_bang_chu_is_right_for_a_total_in_the_billions(world, clerk):
    rules = HoursRules.load()
    rules.rate_guest = 100_000_000
    rules.save()
    second = _guest("Lê Thị Hoa")
    add_session(world.course, periods=12, day=2, lecturer=second, taught_confirmed_at=world.s3.taught_confirmed_at)
    statement = services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 11, 2), by=clerk)
    # 13 h + 12 h at 100 000 000 đồng
    assert statement.total_amount == 2_500_000_000
    assert statement.total_words == "Hai tỷ năm trăm triệu đồng"
    assert [line.amount for line in statement.lines.all()] == [600_000_000 * 2, 1_300_000_000]


def test_an_issued_statement_is_frozen_and_a_correction_replaces_it(world, clerk, client):
    statement = services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 11, 2), by=clerk)
    client.force_login(clerk)
    printed = client.get(reverse("statement_print", args=[statement.pk])).content
    # The guest in fact taught the fourth session: ticked after the statement was issued.
    services.session_confirm_taught(session=world.s4, by=clerk)
    assert client.get(reverse("statement_print", args=[statement.pk])).content == printed
    assert not services.statement_is_current(statement)
    page = client.get(reverse("statement_detail", args=[statement.pk]))
    assert "no longer matches the records" in page.content.decode() or "không còn khớp" in page.content.decode()
    response = client.post(
        reverse("statement_correct", args=[statement.pk]),
        {"reason": "Bổ sung buổi chiều 06/10", "issued_on": "2026-11-05"},
    )
    corrected = HoursStatement.objects.get(replaces=statement)
    assert response.url == reverse("statement_detail", args=[corrected.pk])
    client.get(response.url)  # shows (and so clears) the success message
    statement.refresh_from_db()
    assert statement.status == HoursStatement.Status.REPLACED
    assert corrected.total_amount == (13 + 3) * 150_000
    # The reprint is the stored page, under a box saying it was replaced (nobody pays from it by mistake).
    reprint = client.get(reverse("statement_print", args=[statement.pk])).content.decode()
    assert statement.content in reprint and reprint.count(statement.content) == 1
    assert "ĐÃ ĐƯỢC THAY THẾ bởi bản điều chỉnh ngày 05/11/2026" in reprint
    with pytest.raises(services.HoursError) as error:
        services.statement_issue(
            year=2026, issued_on=datetime.date(2026, 11, 6), by=clerk, replaces=corrected, reason="x"
        )
    assert error.value.message == services.ERROR_UNCHANGED


def test_the_same_session_is_not_paid_twice(world, clerk):
    services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 11, 2), by=clerk)
    with pytest.raises(services.HoursError) as error:
        services.statement_issue(year=2026, course=world.course, issued_on=datetime.date(2026, 11, 3), by=clerk)
    assert "Nguyễn Hữu Phước" in error.value.message
    assert HoursStatement.objects.count() == 1


def test_an_empty_month_is_refused(world, clerk):
    with pytest.raises(services.HoursError) as error:
        services.statement_issue(year=2026, month=9, issued_on=datetime.date(2026, 11, 2), by=clerk)
    assert error.value.message == services.ERROR_EMPTY_STATEMENT
    assert month_span(2026, 12) == (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))


def test_the_statement_prints_as_pdf_and_excel(world, clerk, client):
    statement = services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 11, 2), by=clerk)
    client.force_login(clerk)
    pdf = client.get(reverse("statement_pdf", args=[statement.pk]))
    assert pdf.content.startswith(b"%PDF")
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(reverse("statement_xlsx", args=[statement.pk])).content))
    values = [cell for row in book.active.iter_rows(values_only=True) for cell in row]
    assert 1_950_000 in values
    assert any(isinstance(v, str) and "Một triệu chín trăm năm mươi nghìn đồng" in v for v in values)


def test_a_lecturer_ticks_own_session_and_sees_own_hours_only(world, lecturer, other_lecturer, client):
    own = add_session(world.course, periods=2, day=3, lecturer=lecturer.staff_member)
    client.force_login(lecturer)
    client.post(reverse("session_taught", args=[own.pk]), {"taught": "1"})
    own.refresh_from_db()
    assert own.taught_confirmed_by == lecturer
    assert client.get(reverse("lecturer_hours", args=[lecturer.staff_member.pk])).status_code == 200
    assert client.get(reverse("lecturer_hours", args=[world.guest.pk])).status_code == 404
    assert client.post(reverse("session_taught", args=[world.s4.pk]), {"taught": "1"}).status_code == 404
    client.force_login(other_lecturer)
    assert client.get(reverse("my_hours")).url == reverse("lecturer_hours", args=[other_lecturer.staff_member.pk])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_hours_pages_run_the_same_queries_for_2_or_many_sessions(
    world, clerk, director, client, django_assert_num_queries
):
    statement = services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 11, 2), by=clerk)
    client.force_login(director)
    urls = [
        reverse("hours_overview") + "?year=2026",
        reverse("lecturer_hours", args=[world.guest.pk]) + "?year=2026",
        reverse("course_hours", args=[world.course.pk]),
        reverse("statement_detail", args=[statement.pk]),
        reverse("statement_list"),
    ]
    counts = [_count(client, url) for url in urls]
    others = [_guest(f"Trần Văn Khách {i}") for i in range(3)]
    for i in range(24):
        session = add_session(world.course, periods=3, day=2 + i % 3, lecturer=others[i % 3] if i % 2 else world.guest)
        services.session_confirm_taught(session=session, by=clerk)
        MarkingWork.objects.get_or_create(
            course=world.course, lecturer=others[i % 3], kind="papers", defaults={"quantity": 5, "done_on": START}
        )
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)


def test_the_director_edits_the_rules_and_a_bad_value_changes_nothing(director, client):
    client.force_login(director)
    url = reverse("hours_rules")
    fields = {
        "yearly_norm": "120",
        "director_share": "10",
        "deputy_share": "20",
        "hours_per_period": "1",
        "hours_per_paper": "0.25",
        "hours_per_exam": "2",
        "rate_part_time": "90000",
        "rate_guest": "120000",
        "rate_reporter": "120000",
        "chief_accountant_name": "Phạm Thị Lan",
    }
    assert client.post(url, fields).status_code == 302
    rules = HoursRules.load()
    assert (rules.yearly_norm, rules.hours_per_paper, rules.rate_guest) == (Decimal("120"), Decimal("0.25"), 120_000)
    response = client.post(url, {**fields, "rate_guest": "-5", "yearly_norm": "200"})
    assert response.status_code == 200
    assert HoursRules.load().yearly_norm == Decimal("120")


def test_the_clerk_records_marking_on_the_course_page(world, clerk, client):
    client.force_login(clerk)
    url = reverse("course_hours", args=[world.course.pk])
    data = {"lecturer": world.full_time.pk, "kind": "papers", "quantity": "12"}
    assert client.post(url, data).status_code == 302
    assert _load(world.full_time).papers == 12
    assert client.post(url, {**data, "quantity": "0"}).status_code == 302
    assert _load(world.full_time).papers == 0
    response = client.post(url, {**data, "quantity": "5000"})
    assert response.status_code == 200 and not MarkingWork.objects.filter(lecturer=world.full_time).exists()
    # The class wrote 42 papers and the guest marked 30: 13 more is more than were written.
    response = client.post(url, {**data, "quantity": "13"}, follow=True)
    assert not MarkingWork.objects.filter(lecturer=world.full_time).exists()
    assert "Lớp có 42 học viên và 0 bài thi lại" in response.content.decode()


def test_a_lecturer_sees_the_year_so_far_on_the_dashboard(world, lecturer, client):
    world.s3.date = datetime.date.today()
    world.s3.save()
    client.force_login(lecturer)
    page = client.get(reverse("home")).content.decode()
    assert "Đến nay 5 giờ chuẩn (5 tiết đã dạy)." in page
    assert "Định mức năm: 270 giờ chuẩn (đã đạt 2%)." in page


def test_a_deputy_signing_for_the_director_is_printed_as_issued(world, clerk, deputy):
    from center.models import Center

    center = Center.load()
    center.signing_delegate = deputy
    center.save()
    statement = services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 11, 2), by=clerk)
    assert "KT. GIÁM ĐỐC" in statement.content and "PHÓ GIÁM ĐỐC" in statement.content
    center.signing_delegate = None
    center.save()
    statement.refresh_from_db()
    assert "KT. GIÁM ĐỐC" in statement.content


def test_the_share_of_the_norm_is_rounded_down():
    from decimal import Decimal

    from trainees.hours.selectors import Load

    assert Load(lecturer=None, hours=Decimal("53.8"), norm=Decimal("54")).percent == 99
    assert Load(lecturer=None, hours=Decimal("54"), norm=Decimal("54")).percent == 100


def test_a_month_is_paid_once_it_is_over(world, clerk):
    with pytest.raises(services.HoursError) as error:
        services.statement_issue(year=2026, month=10, issued_on=datetime.date(2026, 10, 31), by=clerk)
    assert "chưa kết thúc" in str(error.value.message) or "is not over" in str(error.value.message)
    assert not HoursStatement.objects.exists()
    services.statement_issue(year=2026, course=world.course, issued_on=datetime.date(2026, 10, 20), by=clerk)
