"""The lecturer grid: one save assigns lecturers and rooms to every session; a clashing row is left as it
was and names the clash, the other rows are saved. Topics' usual lecturers fill bulk scheduling."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from center.audit import audit_for
from courses.models import Course, Session
from courses.services import ERR_SESSION_CHANGED, Assignment, plan_sessions, sessions_assign
from tests.builders import make_course, make_lecturer, make_room, new_member_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(code="DVM.2026.05", sessions=4)


@pytest.fixture
def busy_elsewhere(course):
    """Trần Quốc Bảo teaches another course on the first morning of ``course``."""
    bao = make_lecturer("Trần Quốc Bảo")
    first = course.sessions.order_by("date", "start_time").first()
    make_course(code="NTVD.2026.09", start_date=first.date, sessions=1, lecturer=bao)
    return bao


def _sessions(course):
    return list(course.sessions.order_by("date", "start_time"))


def test_it_saves_the_free_rows_and_names_the_clash_on_its_row(course, busy_elsewhere, clerk):
    ha = make_lecturer("Phạm Thị Thu Hà")
    first, *rest = _sessions(course)
    rows = [Assignment(session=first, lecturer=busy_elsewhere, room=None)]
    rows += [Assignment(session=s, lecturer=ha, room=None) for s in rest]

    result = sessions_assign(course=course, assignments=rows, by=clerk)

    assert [s.pk for s in result.saved] == [s.pk for s in rest]
    assert list(result.problems) == [first.pk]
    assert "NTVD.2026.09" in result.problems[first.pk][0]
    assert "Trần Quốc Bảo" in result.problems[first.pk][0]
    first.refresh_from_db()
    assert first.lecturer is None
    assert set(Session.objects.filter(course=course, lecturer=ha).values_list("pk", flat=True)) == {s.pk for s in rest}


def test_each_saved_row_is_audited_and_its_calendar_sequence_goes_up(course, clerk):
    ha = make_lecturer("Phạm Thị Thu Hà")
    sessions = _sessions(course)
    sessions_assign(
        course=course, assignments=[Assignment(session=s, lecturer=ha, room=None) for s in sessions], by=clerk
    )
    entries = [e for e in audit_for(course) if e.action == "course.session_updated"]
    assert len(entries) == 4
    assert {e.data["lecturer"] for e in entries} == {"Phạm Thị Thu Hà"}
    assert set(Session.objects.filter(course=course).values_list("sequence", flat=True)) == {1}


def test_unchanged_rows_are_not_written(course, clerk):
    result = sessions_assign(
        course=course,
        assignments=[Assignment(session=s, lecturer=None, room=None) for s in _sessions(course)],
        by=clerk,
    )
    assert result.saved == [] and result.problems == {}
    assert not [e for e in audit_for(course) if e.action == "course.session_updated"]


def test_a_session_changed_meanwhile_is_not_overwritten(course, clerk):
    ha = make_lecturer("Phạm Thị Thu Hà")
    first = _sessions(course)[0]
    Session.objects.filter(pk=first.pk).update(sequence=5)
    result = sessions_assign(
        course=course, assignments=[Assignment(session=first, lecturer=ha, room=None, sequence=0)], by=clerk
    )
    assert result.saved == []
    assert result.problems[first.pk] == [gettext(ERR_SESSION_CHANGED)]


def test_two_rows_of_the_grid_see_each_other(clerk):
    """A room given to the first row is taken for an overlapping row of another course saved later."""
    room = make_room(name="Hội trường B")
    a = make_course(code="A.2026", sessions=1)
    sa = _sessions(a)[0]
    sessions_assign(course=a, assignments=[Assignment(session=sa, lecturer=None, room=room)], by=clerk)
    b = make_course(code="B.2026", start_date=sa.date, sessions=1)
    sb = _sessions(b)[0]
    result = sessions_assign(course=b, assignments=[Assignment(session=sb, lecturer=None, room=room)], by=clerk)
    assert "A.2026" in result.problems[sb.pk][0]


def test_the_grid_page_shows_who_is_busy_and_saves_in_one_post(client, clerk, course, busy_elsewhere):
    ha = make_lecturer("Phạm Thị Thu Hà")
    client.force_login(clerk)
    url = reverse("session_grid", args=[course.pk])
    page = client.get(url).content.decode()
    assert "Trần Quốc Bảo — busy: NTVD.2026.09" in page or "Trần Quốc Bảo — bận: NTVD.2026.09" in page
    first, *rest = _sessions(course)
    data = {f"lecturer_{s.pk}": str(ha.pk) for s in rest}
    data |= {f"room_{s.pk}": "" for s in _sessions(course)}
    data |= {f"seq_{s.pk}": "0" for s in _sessions(course)}
    data[f"lecturer_{first.pk}"] = str(busy_elsewhere.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="problems-{first.pk}"' in body
    assert body.count('role="alert"') >= 1
    assert Session.objects.filter(course=course, lecturer=ha).count() == 3
    # The refused row keeps the clerk's choice on the page.
    assert f'<option value="{busy_elsewhere.pk}" selected>' in body


def test_a_made_up_lecturer_id_is_refused_on_its_row(client, clerk, course):
    client.force_login(clerk)
    first = _sessions(course)[0]
    response = client.post(
        reverse("session_grid", args=[course.pk]), {f"lecturer_{first.pk}": "999999", f"room_{first.pk}": ""}
    )
    assert response.status_code == 200
    assert f'id="problems-{first.pk}"' in response.content.decode()
    first.refresh_from_db()
    assert first.lecturer is None


def test_a_finished_course_has_no_grid(client, clerk):
    course = make_course(status=Course.Status.FINISHED, sessions=1)
    client.force_login(clerk)
    response = client.get(reverse("session_grid", args=[course.pk]))
    assert response.status_code == 302


def test_the_grid_runs_a_fixed_number_of_queries(client, clerk, django_assert_max_num_queries):
    course = make_course(sessions=20)
    for i in range(3):
        make_lecturer(f"Giảng viên {i}")
    client.force_login(clerk)
    with django_assert_max_num_queries(15):
        client.get(reverse("session_grid", args=[course.pk]))


def test_bulk_scheduling_gives_each_topic_its_free_usual_lecturer(clerk):
    programme = new_member_programme()
    topics = list(programme.topics.all())
    bao, ha = make_lecturer("Trần Quốc Bảo"), make_lecturer("Phạm Thị Thu Hà")
    topics[0].lecturers.set([bao, ha])
    topics[1].lecturers.set([ha])
    day = datetime.date(2026, 12, 2)
    make_course(code="KHAC.2026", start_date=day, sessions=1, lecturer=bao)  # Bảo is busy on the 2nd, morning
    course = make_course(programme=programme, start_date=day)
    specs = plan_sessions(
        course=course,
        date_from=day,
        date_to=day,
        parts=["morning", "afternoon"],
        weekdays=list(range(7)),
        assign_topics=True,
    )
    assert [s.lecturer for s in specs] == [ha, ha]


def test_an_explicit_lecturer_wins_over_the_usual_ones(clerk):
    programme = new_member_programme()
    bao, ha = make_lecturer("Trần Quốc Bảo"), make_lecturer("Phạm Thị Thu Hà")
    programme.topics.first().lecturers.set([bao])
    day = datetime.date(2026, 12, 2)
    course = make_course(programme=programme, start_date=day)
    specs = plan_sessions(
        course=course,
        date_from=day,
        date_to=day,
        parts=["morning"],
        weekdays=list(range(7)),
        assign_topics=True,
        lecturer=ha,
    )
    assert [s.lecturer for s in specs] == [ha]


def test_a_topic_gets_its_usual_lecturers_from_the_programme_form(client, clerk):
    from courses.models import Programme

    ha = make_lecturer("Phạm Thị Thu Hà")
    programme = Programme.objects.get(code="BCV")
    topic = programme.topics.first()
    client.force_login(clerk)
    data = {
        "kind": programme.kind,
        "name": programme.name,
        "code": programme.code,
        "days": 1,
        "periods": 8,
        "eligibility": "anyone",
        "min_attendance_percent": 100,
        "min_score": "5,0",
        "fair_from": "6,5",
        "good_from": "8,0",
        "excellent_from": "9,0",
        "is_active": "on",
        "topics-TOTAL_FORMS": 1,
        "topics-INITIAL_FORMS": 1,
        "topics-0-id": topic.pk,
        "topics-0-title": topic.title,
        "topics-0-periods": topic.periods,
        "topics-0-lecturers": [ha.pk],
    }
    response = client.post(reverse("programme_edit", args=[programme.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(topic.lecturers.all()) == [ha]
    assert "Phạm Thị Thu Hà" in client.get(reverse("programme_detail", args=[programme.pk])).content.decode()
    data["topics-0-lecturers"] = ["99999"]
    response = client.post(reverse("programme_edit", args=[programme.pk]), data)
    assert response.status_code == 200
