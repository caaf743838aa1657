"""The printed timetables: the course timetable PDF keeps its signature with the table, carries the number
line; the week print never cuts text; eligibility in words; the own-timetable page without a staff record;
lists in Vietnamese order."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from courses.forms import CourseForm
from courses.models import Programme
from courses.selectors import week_view
from tests.builders import new_member_programme
from tests.factories import (
    CourseFactory,
    ProgrammeFactory,
    RoomFactory,
    SessionFactory,
    StaffMemberFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MORNING = (datetime.time(7, 30), datetime.time(11, 0))
AFTERNOON = (datetime.time(13, 30), datetime.time(17, 0))
LECTURERS = ["Nguyễn Thị Hồng Nhung", "Đặng Thị Ánh Tuyết", "Trần Quốc Bảo", "Huỳnh Văn Ơn"]


def _course_of(days: int):
    """A course of ``days`` consecutive days, morning and afternoon, with the long topic titles of the
    "đảng viên mới" programme and two-line lecturer names: the worst common case for page length."""
    programme = new_member_programme()
    topics = list(programme.topics.all())
    start = datetime.date(2026, 12, 7)
    course = CourseFactory(programme=programme, start_date=start, end_date=start + datetime.timedelta(days=days - 1))
    lecturers = [StaffMemberFactory(full_name=name) for name in LECTURERS]
    room = RoomFactory(name="Phòng học 1")
    n = 0
    for day in range(days):
        for start_time, end_time in (MORNING, AFTERNOON):
            part = "morning" if start_time == MORNING[0] else "afternoon"
            SessionFactory(
                course=course,
                date=start + datetime.timedelta(days=day),
                part_of_day=part,
                start_time=start_time,
                end_time=end_time,
                topic=topics[n % len(topics)],
                title="",
                lecturer=lecturers[n % len(lecturers)],
                room=room,
            )
            n += 1
    return course


def _pages(client, course) -> list[str]:
    response = client.get(reverse("course_timetable_pdf", args=[course.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(response.content)).pages]


def test_a_five_day_ten_session_course_fits_on_one_page_with_its_signature(client, clerk, center):
    course = _course_of(5)
    client.force_login(clerk)
    pages = _pages(client, course)
    assert len(pages) == 1
    text = pages[0]
    assert "GIÁM ĐỐC" in text and "Lê Văn Thành" in text
    assert "-TKB/TTCT" in text
    assert "Phấn đấu, rèn luyện để xứng đáng là đảng viên Đảng Cộng sản Việt Nam" in text  # the last topic, whole


@pytest.mark.parametrize("days", [7, 8, 9, 10])
def test_the_signature_never_stands_alone_on_a_page(client, clerk, center, days):
    course = _course_of(days)
    client.force_login(clerk)
    pages = _pages(client, course)
    assert len(pages) >= 2
    last_day = (course.start_date + datetime.timedelta(days=days - 1)).strftime("%d/%m/%Y")
    assert "Lê Văn Thành" in pages[-1] and last_day in pages[-1]
    assert "Ngày Buổi Nội dung" in pages[-1]  # the header row repeats


def test_the_print_page_has_the_number_line(client, clerk, center):
    course = _course_of(1)
    client.force_login(clerk)
    html = client.get(reverse("course_timetable_print", args=[course.pk])).content.decode()
    assert "-TKB/TTCT" in html and 'class="w-content"' in html


def test_the_week_print_and_view_show_the_whole_topic(client, clerk, center):
    title = "Chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh – nền tảng tư tưởng, kim chỉ nam cho hành động của Đảng"
    session = SessionFactory(title=title, room=RoomFactory(), course=CourseFactory(code="SC-LLCT.2026.02"))
    client.force_login(clerk)
    week = {"week": session.date.isoformat()}
    printed = client.get(reverse("week_print"), week).content.decode()
    assert title in printed and "…" not in printed
    assert '<span class="week-doc-code">SC-LLCT.2026.02</span>' in printed
    assert title in client.get(reverse("week_view"), week).content.decode()


def test_the_lecturer_timetable_print_shows_the_whole_topic(client, lecturer, center):
    title = "Xây dựng Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam của Nhân dân, do Nhân dân, vì Nhân dân"
    SessionFactory(
        title=title,
        lecturer=lecturer.staff_member,
        date=datetime.date.today(),
        course=CourseFactory(start_date=datetime.date.today()),
    )
    client.force_login(lecturer)
    html = client.get(reverse("lecturer_timetable_print", args=[lecturer.staff_member.pk])).content.decode()
    assert title in html


def test_the_eligibility_rule_is_written_in_words_with_its_number(client, clerk):
    programme = ProgrammeFactory(eligibility=Programme.Eligibility.NEW_PARTY_MEMBER, eligibility_months=12)
    course = CourseFactory(programme=programme)
    with translation.override("vi"):
        assert programme.eligibility_text == "Đảng viên kết nạp trong vòng 12 tháng"
    client.force_login(clerk)
    for url in (
        reverse("programme_list"),
        reverse("programme_detail", args=[programme.pk]),
        reverse("course_detail", args=[course.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Đảng viên kết nạp trong vòng 12 tháng" in html, url
        assert "N tháng" not in html, url


def test_my_timetable_without_a_staff_record_explains_instead_of_404(client, center):
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("my_timetable"))
    assert response.status_code == 200
    assert "Tài khoản của bạn không gắn với giảng viên nào." in response.content.decode()


def test_the_lecturer_dashboard_keeps_course_codes_whole(client, lecturer):
    course = CourseFactory(code="SC-LLCT.2026.02", status="in_progress", start_date=datetime.date.today())
    SessionFactory(course=course, lecturer=lecturer.staff_member, date=datetime.date.today())
    client.force_login(lecturer)
    html = client.get(reverse("home")).content.decode()
    assert '<span class="text-nowrap">SC-LLCT.2026.02</span>' in html
    assert "flex-wrap" in html and reverse("lecturer_timetable", args=[lecturer.staff_member.pk]) in html


def test_course_form_dropdowns_and_the_week_are_in_vietnamese_order(center):
    for name in ("Hội Nông dân xã", "Đảng ủy xã Phú Hưng", "Dân vận xã An Hòa"):
        UnitFactory(name=name)
    for name in ("Trần Văn Đức", "Lê Thị Ánh", "Phạm Văn Dũng", "Nguyễn Văn Ăn"):
        StaffMemberFactory(full_name=name)
    form = CourseForm()
    units = [u.name for u in form.fields["units"].queryset]
    assert units == ["Dân vận xã An Hòa", "Đảng ủy xã Phú Hưng", "Hội Nông dân xã"]
    teachers = [m.full_name for m in form.fields["homeroom_teacher"].queryset]
    assert teachers == ["Lê Thị Ánh", "Nguyễn Văn Ăn", "Phạm Văn Dũng", "Trần Văn Đức"]
    monday = datetime.date(2026, 11, 30)
    for name in ("Phòng Ân", "Phòng Ăn", "Phòng Ba"):
        SessionFactory(room=RoomFactory(name=name), date=monday, course=CourseFactory(start_date=monday))
    _days, rows = week_view(monday)
    assert [row.label for row in rows] == ["Phòng Ăn", "Phòng Ân", "Phòng Ba"]
