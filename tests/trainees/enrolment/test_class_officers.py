"""The class officers: the class administrator (giáo vụ, a staff member), the monitor and one or two deputies
among the approved trainees; shown on the course page, kept in the history, named by a numbered decision."""

import pytest
from django.urls import reverse

from center.audit import audit_for
from courses.models import Course, IssuedDocument
from tests.builders import course_with_trainees, enrol, make_lecturer, make_trainee
from trainees.documents import issuing
from trainees.enrolment import officers
from trainees.enrolment import services as enrolment_services
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return course_with_trainees(approved=5, pending=1, sessions=2, code="NTVD.2026.11")


def _post(client, course, **data):
    return client.post(
        reverse("class_officers_edit", args=[course.pk]), {f"officers-{k}": v for k, v in data.items()}, follow=True
    )


def test_the_clerk_names_the_officers_and_the_course_page_shows_them(client, clerk, course):
    roster = list(Enrolment.objects.roster(course))
    administrator = make_lecturer("Phạm Thị Thu")
    client.force_login(clerk)

    page = _post(
        client,
        course,
        administrator=administrator.pk,
        monitor=roster[0].pk,
        deputy_1=roster[1].pk,
        deputy_2=roster[2].pk,
    ).content.decode()

    named = officers.class_officers(course)
    assert named.monitor == roster[0] and named.deputies == [roster[1], roster[2]]
    course.refresh_from_db()
    assert course.academic_officer == administrator
    assert "Đã lưu cán bộ lớp" in page and roster[0].trainee.full_name in page and "Phạm Thị Thu" in page
    entry = audit_for(course).get(action="class.officers_named")
    assert entry.actor == clerk and entry.data["monitor"] == roster[0].trainee.full_name


def test_officers_come_from_the_approved_trainees_of_the_class(client, clerk, course):
    pending = Enrolment.objects.get(course=course, status=Enrolment.Status.PENDING)
    other = enrol(make_trainee(), course_with_trainees(approved=0, sessions=0, code="OTHER-1"))
    client.force_login(clerk)

    for enrolment in (pending, other):
        page = _post(client, course, monitor=enrolment.pk).content.decode()
        assert "Hãy chọn một lựa chọn hợp lệ" in page

    assert not Enrolment.objects.exclude(class_role="").exists()


def test_one_person_one_office_at_most_two_deputies_and_a_monitor_first(director, course):
    roster = list(Enrolment.objects.roster(course))
    with pytest.raises(officers.OfficersError, match="hai lần"):
        officers.class_officers_set(
            course=course, administrator=None, monitor=roster[0], deputies=[roster[0]], by=director
        )
    with pytest.raises(officers.OfficersError, match="nhiều nhất 2"):
        officers.class_officers_set(
            course=course, administrator=None, monitor=roster[0], deputies=roster[1:4], by=director
        )
    with pytest.raises(officers.OfficersError, match="lớp trưởng trước"):
        officers.class_officers_set(course=course, administrator=None, monitor=None, deputies=[roster[1]], by=director)
    assert not Enrolment.objects.exclude(class_role="").exists()


def test_renaming_moves_the_offices_and_a_withdrawn_officer_leaves_office(director, course):
    roster = list(Enrolment.objects.roster(course))
    officers.class_officers_set(course=course, administrator=None, monitor=roster[0], deputies=[roster[1]], by=director)
    officers.class_officers_set(course=course, administrator=None, monitor=roster[1], deputies=[roster[0]], by=director)
    named = officers.class_officers(course)
    assert named.monitor == roster[1] and named.deputies == [roster[0]]

    enrolment_services.enrolment_withdraw(enrolment=roster[1], by=director, reason="Chuyển công tác")

    assert officers.class_officers(course).monitor is None
    assert len(audit_for(course).filter(action="class.officers_named")) == 2


def test_the_decision_names_the_officers_and_needs_a_monitor(client, director, course):
    roster = list(Enrolment.objects.roster(course))
    client.force_login(director)
    page = client.post(
        reverse("course_document_issue", args=[course.pk]), {"kind": "officers_decision"}, follow=True
    ).content.decode()
    assert "Hãy chọn lớp trưởng trước" in page and not IssuedDocument.objects.exists()

    officers.class_officers_set(course=course, administrator=None, monitor=roster[2], deputies=[roster[3]], by=director)
    document = issuing.issue_course_document(course=course, kind=IssuedDocument.Kind.OFFICERS_DECISION, by=director)

    assert document.number_text == "01-QĐ/TTCT"
    # course_with_trainees gives the class a homeroom lecturer and no administrator: the subject names only those.
    assert document.subject.startswith("về việc cử giảng viên chủ nhiệm và chỉ định Ban cán sự lớp bồi dưỡng")
    content = document.content
    assert roster[2].trainee.full_name in content and "Lớp trưởng" in content and "Lớp phó" in content
    page = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert "Đã chỉ định theo Quyết định số 01-QĐ/TTCT" in page


def test_lecturers_see_the_officers_but_cannot_change_them(client, lecturer, director, course):
    roster = list(Enrolment.objects.roster(course))
    officers.class_officers_set(course=course, administrator=None, monitor=roster[0], deputies=[], by=director)
    Course.objects.filter(pk=course.pk).update(homeroom_teacher=lecturer.staff_member)  # their own class
    client.force_login(lecturer)

    html = client.get(reverse("course_detail", args=[course.pk])).content.decode()

    assert roster[0].trainee.full_name in html and 'name="officers-monitor"' not in html


def test_the_printed_roster_notes_the_officers(client, director, course):
    roster = list(Enrolment.objects.roster(course))
    officers.class_officers_set(course=course, administrator=None, monitor=roster[3], deputies=[roster[0]], by=director)
    client.force_login(director)

    html = client.get(reverse("course_roster_print", args=[course.pk])).content.decode()

    rows = html.split("<tr>")
    monitor_row = next(
        r for r in rows if f">{roster[3].trainee.given_name}</td>" in r and roster[3].trainee.family_name in r
    )
    assert "Lớp trưởng" in monitor_row
    assert html.count("Lớp phó") == 1 and html.count("Lớp trưởng") == 1


def test_the_course_page_lists_the_class_with_units_and_offices(client, lecturer, director, course):
    roster = list(Enrolment.objects.roster(course))
    officers.class_officers_set(course=course, administrator=None, monitor=roster[1], deputies=[], by=director)
    Course.objects.filter(pk=course.pk).update(homeroom_teacher=lecturer.staff_member)
    client.force_login(lecturer)

    html = client.get(reverse("course_detail", args=[course.pk])).content.decode()

    listed = html[html.index('id="class-list"') :]
    assert all(e.trainee.full_name in listed for e in roster)
    pending = Enrolment.objects.get(course=course, status=Enrolment.Status.PENDING)
    assert pending.trainee.full_name not in listed
    assert "Lớp trưởng" in listed and roster[1].sending_unit.name in listed


def test_changing_the_officers_after_their_decision_says_a_new_decision_is_needed(client, director, course):
    roster = list(Enrolment.objects.roster(course))
    officers.class_officers_set(course=course, administrator=None, monitor=roster[0], deputies=[], by=director)
    issuing.issue_course_document(course=course, kind=IssuedDocument.Kind.OFFICERS_DECISION, by=director)
    client.force_login(director)
    assert (
        "Cần ban hành quyết định thay thế"
        not in client.get(reverse("course_detail", args=[course.pk])).content.decode()
    )

    officers.class_officers_set(course=course, administrator=None, monitor=roster[1], deputies=[], by=director)

    html = client.get(reverse("course_detail", args=[course.pk])).content.decode()
    assert "Cán bộ lớp đã thay đổi sau Quyết định số 01-QĐ/TTCT" in html


def test_a_corrected_decision_says_which_one_it_replaces(director, course):
    roster = list(Enrolment.objects.roster(course))
    officers.class_officers_set(course=course, administrator=None, monitor=roster[0], deputies=[], by=director)
    first = issuing.issue_course_document(course=course, kind=IssuedDocument.Kind.OFFICERS_DECISION, by=director)
    officers.class_officers_set(course=course, administrator=None, monitor=roster[1], deputies=[], by=director)

    second = issuing.issue_course_document(
        course=course, kind=IssuedDocument.Kind.OFFICERS_DECISION, by=director, reason="Lớp trưởng chuyển công tác"
    )

    assert f"thay thế quyết định chỉ định ban cán sự lớp số {first.number_text} ngày" in second.content
    assert "thay thế" not in first.content
