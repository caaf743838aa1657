"""The enrolment and approval pages: the eligibility override in the UI, the queue keeping the director's
selection on an error and saying what was done, batch enrolment from a search, warnings about the same
programme, and the menu item shown only to those who can decide."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from center.audit import audit_for
from tests.builders import awareness_programme, make_course, make_programme
from tests.factories import TraineeFactory, UnitFactory
from trainees.enrolment import services as svc
from trainees.models import Enrolment
from trainees.wording import course_phrase

pytestmark = pytest.mark.django_db

AWARENESS_RULE = "đã là đảng viên — không thuộc đối tượng lớp nhận thức về Đảng"


def _member(**kwargs):
    return TraineeFactory(party_status="full", party_admitted_on=datetime.date(2010, 5, 19), **kwargs)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# 1. The eligibility override, reachable from the pages.


def test_the_director_sees_the_rule_and_an_override_field_then_enrols_with_a_reason(client, director):
    course = make_course(programme=awareness_programme())
    member = _member()
    client.force_login(director)
    url = reverse("enrolment_create")
    page = client.get(url, {"trainee": member.pk, "course": course.pk}).content.decode()
    assert AWARENESS_RULE in page and 'name="override_reason"' in page

    response = client.post(url, {"course": course.pk, "trainee": member.pk})
    assert response.status_code == 200
    text = response.content.decode()
    assert AWARENESS_RULE in text and 'name="override_reason"' in text
    assert not Enrolment.objects.exists()

    response = client.post(url, {"course": course.pk, "trainee": member.pk, "override_reason": "Thường trực đồng ý"})
    enrolment = Enrolment.objects.get()
    assert response.status_code == 302
    assert enrolment.eligibility_override == "Thường trực đồng ý"
    assert "enrolment.eligibility_overridden" in [e.action for e in audit_for(enrolment)]


def test_a_clerk_sees_the_rule_but_no_override_field(client, clerk):
    course = make_course(programme=awareness_programme())
    member = _member()
    client.force_login(clerk)
    page = client.get(reverse("enrolment_create"), {"trainee": member.pk, "course": course.pk}).content.decode()
    assert AWARENESS_RULE in page and 'name="override_reason"' not in page
    response = client.post(
        reverse("enrolment_create"), {"course": course.pk, "trainee": member.pk, "override_reason": "x"}
    )
    assert response.status_code == 200 and not Enrolment.objects.exists()


def test_an_eligible_trainee_gets_no_override_field(client, director):
    course = make_course(programme=awareness_programme())
    trainee = TraineeFactory()
    client.force_login(director)
    page = client.get(reverse("enrolment_create"), {"trainee": trainee.pk, "course": course.pk}).content.decode()
    assert 'name="override_reason"' not in page


def test_the_queue_shows_the_rule_and_approves_with_an_override_reason(client, director):
    course = make_course(programme=awareness_programme())
    enrolment = Enrolment.objects.create(trainee=_member(), course=course)
    client.force_login(director)
    page = client.get(reverse("approval_queue")).content.decode()
    assert f'data-testid="ineligible-{enrolment.pk}"' in page and AWARENESS_RULE in page
    assert f'name="override_reason_{enrolment.pk}"' in page

    # Without a reason the approval is refused, with the rule named.
    response = client.post(
        reverse("enrolment_decide", args=[enrolment.pk]), {"action": "approve", "next": reverse("approval_queue")}
    )
    assert any(AWARENESS_RULE in m for m in _messages(response))
    enrolment.refresh_from_db()
    assert enrolment.status == "pending"

    client.post(
        reverse("enrolment_decide", args=[enrolment.pk]),
        {"action": "approve", f"override_reason_{enrolment.pk}": "Đã học trước khi kết nạp"},
    )
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.eligibility_override) == ("approved", "Đã học trước khi kết nạp")


def test_a_bulk_approval_uses_each_rows_override_reason(client, director):
    course = make_course(programme=awareness_programme())
    overridden = Enrolment.objects.create(trainee=_member(), course=course)
    refused = Enrolment.objects.create(trainee=_member(), course=course)
    plain = Enrolment.objects.create(trainee=TraineeFactory(), course=course)
    client.force_login(director)
    response = client.post(
        reverse("approval_queue"),
        {
            "bulk-action": "approve",
            "bulk-enrolments": [overridden.pk, refused.pk, plain.pk],
            "bulk-when_full": "refuse",
            f"override_reason_{overridden.pk}": "Thường trực đồng ý",
        },
    )
    statuses = dict(Enrolment.objects.values_list("pk", "status"))
    assert (statuses[overridden.pk], statuses[refused.pk], statuses[plain.pk]) == ("approved", "pending", "approved")
    messages = _messages(response)
    assert "Đã duyệt 2 ghi danh." in messages
    assert any(m.startswith(refused.trainee.full_name + ": ") and AWARENESS_RULE in m for m in messages)


# 2. The queue keeps the selection on an error and says what was done.


def test_a_rejection_without_reason_keeps_the_selection_and_the_action(client, director):
    course = make_course()
    chosen, other = (Enrolment.objects.create(trainee=TraineeFactory(), course=course) for _ in range(2))
    client.force_login(director)
    response = client.post(
        reverse("approval_queue"),
        {"bulk-action": "reject", "bulk-enrolments": [chosen.pk], "bulk-when_full": "waitlist"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vui lòng ghi lý do." in page
    assert re.search(rf'id="pick-{chosen.pk}"[^>]* checked>', page)
    assert re.search(rf'id="pick-{other.pk}"[^>]*"\s*>', page) and not re.search(
        rf'id="pick-{other.pk}"[^>]*checked', page
    )
    assert '<option value="reject" selected>' in page and '<option value="waitlist" selected>' in page
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"pending"}


def test_the_success_message_says_what_was_done(client, director):
    course = make_course(capacity=2)
    ids = [Enrolment.objects.create(trainee=TraineeFactory(), course=course).pk for _ in range(6)]
    client.force_login(director)
    url = reverse("approval_queue")

    response = client.post(
        url, {"bulk-action": "approve", "bulk-enrolments": ids[:3], "bulk-when_full": "refuse"}, follow=True
    )
    refused = Enrolment.objects.get(pk=ids[2])
    full = str(svc.COURSE_FULL % {"capacity": 2})
    assert _messages(response) == ["Đã duyệt 2 ghi danh.", f"{refused.trainee.full_name}: {full}"]

    response = client.post(
        url, {"bulk-action": "reject", "bulk-enrolments": [ids[3]], "bulk-reason": "Sai đối tượng"}, follow=True
    )
    assert _messages(response) == ["Đã không duyệt 1 ghi danh (lý do: Sai đối tượng)."]

    response = client.post(url, {"bulk-action": "waitlist", "bulk-enrolments": ids[4:]}, follow=True)
    assert _messages(response) == ["Đã đưa 2 ghi danh vào danh sách chờ."]


def test_approving_into_a_full_course_with_waitlist_says_so(client, director):
    course = make_course(capacity=1)
    ids = [Enrolment.objects.create(trainee=TraineeFactory(), course=course).pk for _ in range(3)]
    client.force_login(director)
    response = client.post(
        reverse("approval_queue"), {"bulk-action": "approve", "bulk-enrolments": ids, "bulk-when_full": "waitlist"}
    )
    assert _messages(response) == ["Đã duyệt 1 ghi danh.", "Lớp đã đủ chỗ: đã đưa 2 ghi danh vào danh sách chờ."]


# 7. Warnings about the same programme.


def test_another_live_enrolment_in_the_programme_is_a_warning_on_the_form_and_in_the_queue(client, director):
    programme = make_programme()
    course = make_course(programme=programme)
    earlier = make_course(programme=programme, title="Lớp khóa 1")
    trainee = TraineeFactory()
    Enrolment.objects.create(trainee=trainee, course=earlier, status="waitlisted")
    client.force_login(director)
    page = client.get(reverse("enrolment_create"), {"trainee": trainee.pk, "course": course.pk}).content.decode()
    assert 'data-testid="overlap-warning"' in page and "Lớp khóa 1" in page
    response = client.post(reverse("enrolment_create"), {"course": course.pk, "trainee": trainee.pk})
    assert response.status_code == 302  # a warning, not a refusal
    assert any("Lớp khóa 1" in m for m in _messages(response))
    page = client.get(reverse("approval_queue")).content.decode()
    assert "cùng chương trình" in page and "Lớp khóa 1" in page


def test_finished_or_cancelled_courses_are_not_warned_about_but_a_completion_is():
    from trainees.enrolment.selectors import programme_overlaps

    programme = make_programme()
    course = make_course(programme=programme)
    cancelled = make_course(programme=programme, status="cancelled")
    finished = make_course(programme=programme, status="finished")
    a, b = TraineeFactory(), TraineeFactory()
    Enrolment.objects.create(trainee=a, course=cancelled, status="approved")
    Enrolment.objects.create(trainee=a, course=finished, status="approved", completion="not_completed")
    done = Enrolment.objects.create(trainee=b, course=finished, status="approved", completion="completed")
    assert programme_overlaps(trainee_ids=[a.pk, b.pk], course=course) == {b.pk: [done]}


# 8. Candidates show Party status; several can be enrolled at once.


def test_candidates_show_party_status_unit_and_the_rule_they_fail(client, clerk):
    course = make_course(programme=awareness_programme())
    unit = UnitFactory(name="Đảng ủy xã Phú Hưng")
    member = _member(family_name="Nguyễn Thị", given_name="Hồng", unit=unit)
    other = TraineeFactory(family_name="Nguyễn Thị", given_name="Hồng Nhung")
    client.force_login(clerk)
    page = client.get(reverse("enrolment_create"), {"q": "nguyen thi hong", "course": course.pk}).content.decode()
    assert "Đảng ủy xã Phú Hưng" in page and "Đảng viên chính thức" in page and "19/05/2010" in page
    assert f'data-testid="candidate-problem-{member.pk}"' in page
    assert f'data-testid="candidate-problem-{other.pk}"' not in page


def test_several_trainees_are_enrolled_in_one_submit(client, clerk):
    course = make_course()
    people = [TraineeFactory(family_name="Lê Văn", given_name=name) for name in ("An", "Bình", "Cường")]
    client.force_login(clerk)
    response = client.post(
        reverse("enrolment_create"),
        {
            "batch": "1",
            "q": "le van",
            "course": course.pk,
            "trainees": [p.pk for p in people],
            "nomination_number": "12-CV/ĐU",
            "nomination_date": "20/11/2026",
        },
    )
    assert response.status_code == 302
    enrolments = Enrolment.objects.filter(course=course)
    assert enrolments.count() == 3
    assert {
        (e.trainee_id, e.nomination_number, e.nomination_date, e.status, e.sending_unit_id) for e in enrolments
    } == {(p.pk, "12-CV/ĐU", datetime.date(2026, 11, 20), "pending", p.unit_id) for p in people}
    assert _messages(response) == [f"Đã gửi ghi danh 3 học viên vào {course_phrase(course)}, chờ Giám đốc duyệt."]


def test_a_batch_with_one_refusal_writes_nothing_and_names_the_trainee(client, clerk):
    course = make_course(programme=awareness_programme())
    fine = TraineeFactory(family_name="Lê Văn", given_name="An")
    member = _member(family_name="Lê Văn", given_name="Bình")
    client.force_login(clerk)
    response = client.post(
        reverse("enrolment_create"),
        {"batch": "1", "q": "le van", "course": course.pk, "trainees": [fine.pk, member.pk]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-testid="candidate-error-{member.pk}"' in page and AWARENESS_RULE in page
    assert "chưa ai được ghi danh" in page
    assert not Enrolment.objects.exists()


def test_the_director_may_override_inside_a_batch(client, director):
    course = make_course(programme=awareness_programme())
    member = _member(family_name="Lê Văn", given_name="Bình")
    client.force_login(director)
    client.post(
        reverse("enrolment_create"),
        {
            "batch": "1",
            "q": "le van",
            "course": course.pk,
            "trainees": [member.pk],
            f"override_reason_{member.pk}": "Thường trực đồng ý",
        },
    )
    assert Enrolment.objects.get().eligibility_override == "Thường trực đồng ý"


def test_enrolments_submit_many_is_all_or_nothing(director, clerk):
    course = make_course()
    a, b = TraineeFactory(), TraineeFactory()
    Enrolment.objects.create(trainee=b, course=course)
    with pytest.raises(svc.BatchError) as exc:
        svc.enrolments_submit_many(trainees=[a, b], course=course, by=clerk)
    assert [(t, str(m)) for t, m in exc.value.failures] == [(b, str(svc.ALREADY_ENROLLED))]
    assert Enrolment.objects.filter(trainee=a).count() == 0


# The menu item.


def test_the_approval_menu_item_shows_only_to_those_who_can_decide(client, director, deputy, clerk, center):
    url = reverse("approval_queue")
    link = f'href="{url}"'
    client.force_login(deputy)
    assert link not in client.get(reverse("home")).content.decode()
    client.force_login(clerk)
    assert link not in client.get(reverse("home")).content.decode()
    client.force_login(director)
    assert link in client.get(reverse("home")).content.decode()
    center.approval_delegate = deputy
    center.save()
    client.force_login(deputy)
    assert link in client.get(reverse("home")).content.decode()
