"""Approving someone who already completed, or is already approved in, the same programme needs the
director's explicit confirmation: one at a time, in bulk (where the batch is refused as a whole with a
message per row unless each such row is ticked), and on the enrolment's own page."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from center.audit import audit_for
from tests.builders import make_course, make_programme
from tests.factories import TraineeFactory
from trainees.enrolment import services as svc
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db

NEEDS_CONFIRMATION = "Chưa duyệt: "


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def setting():
    """A course of a programme; one trainee completed the programme before, one is approved in another
    running course of it, one is pending in another course (a warning only), one is new to it."""
    programme = make_programme()
    course = make_course(programme=programme, title="Lớp khóa 3")
    finished = make_course(programme=programme, status="finished", title="Lớp khóa 1", code="K1")
    running = make_course(programme=programme, title="Lớp khóa 2", code="K2")
    completed, approved, pending, fresh = (TraineeFactory() for _ in range(4))
    Enrolment.objects.create(trainee=completed, course=finished, status="approved", completion="completed")
    Enrolment.objects.create(trainee=approved, course=running, status="approved")
    Enrolment.objects.create(trainee=pending, course=running, status="pending")
    return {
        "course": course,
        "completed": Enrolment.objects.create(trainee=completed, course=course),
        "approved": Enrolment.objects.create(trainee=approved, course=course),
        "pending": Enrolment.objects.create(trainee=pending, course=course),
        "fresh": Enrolment.objects.create(trainee=fresh, course=course),
    }


def _status(enrolment) -> str:
    return Enrolment.objects.get(pk=enrolment.pk).status


@pytest.mark.parametrize("who", ["completed", "approved"])
def test_one_approval_needs_the_confirmation_which_is_recorded(setting, director, who):
    enrolment = setting[who]
    with pytest.raises(svc.OverlapNotConfirmed) as caught:
        svc.enrolment_approve(enrolment=enrolment, by=director)
    assert caught.value.message.startswith(NEEDS_CONFIRMATION) and "Lớp khóa" in caught.value.message
    assert _status(enrolment) == "pending"
    svc.enrolment_approve(enrolment=enrolment, by=director, confirm_overlap=True)
    assert _status(enrolment) == "approved"
    entry = next(e for e in audit_for(enrolment) if e.action == "enrolment.approved")
    code = "K1" if who == "completed" else "K2"
    assert len(entry.data["overlaps_confirmed"]) == 1 and entry.data["overlaps_confirmed"][0].startswith(code)


def test_a_pending_enrolment_elsewhere_is_only_a_warning(setting, director):
    svc.enrolment_approve(enrolment=setting["pending"], by=director)
    assert _status(setting["pending"]) == "approved"


def test_a_bulk_approval_with_unconfirmed_rows_decides_nothing_and_names_each_row(setting, director):
    chosen = [setting["fresh"], setting["completed"], setting["approved"], setting["pending"]]
    with pytest.raises(svc.BatchNotConfirmed) as caught:
        svc.enrolments_decide(enrolments=chosen, action="approve", by=director, confirmed={setting["completed"].pk})
    assert [e for e, _m in caught.value.failures] == [setting["approved"]]
    assert all(_status(e) == "pending" for e in chosen)  # nothing of the batch was written
    done, failures = svc.enrolments_decide(
        enrolments=chosen,
        action="approve",
        by=director,
        confirmed={setting["completed"].pk, setting["approved"].pk},
    )
    assert failures == [] and all(_status(e) == "approved" for e in chosen)


def test_the_queue_refuses_the_batch_per_row_then_approves_what_the_director_ticked(client, setting, director):
    client.force_login(director)
    chosen = [setting["fresh"], setting["completed"], setting["approved"]]
    page = client.get(reverse("approval_queue")).content.decode()
    assert f'data-testid="confirm-overlap-{setting["completed"].pk}"' in page
    assert f'data-testid="confirm-overlap-{setting["approved"].pk}"' in page
    assert f'data-testid="confirm-overlap-{setting["fresh"].pk}"' not in page
    assert f'data-testid="confirm-overlap-{setting["pending"].pk}"' not in page  # a warning only

    data = {"bulk-action": "approve", "bulk-enrolments": [e.pk for e in chosen], "bulk-when_full": "refuse"}
    response = client.post(reverse("approval_queue"), data)
    assert response.status_code == 200
    assert all(_status(e) == "pending" for e in chosen)
    messages = _messages(response)
    assert any(m.startswith("2 ghi danh đã chọn cần xác nhận") for m in messages)
    for who in ("completed", "approved"):
        name = setting[who].trainee.full_name
        assert any(m.startswith(f"{name}: {NEEDS_CONFIRMATION}") for m in messages)
    assert not any(m.startswith(setting["fresh"].trainee.full_name) for m in messages)
    page = response.content.decode()
    assert f'data-testid="row-failure-{setting["completed"].pk}"' in page
    assert f'value="{setting["fresh"].pk}" data-course="{setting["course"].pk}" id="pick-{setting["fresh"].pk}"' in page
    assert page.count(" checked>") >= 3  # the selection is kept

    data[f"confirm_overlap_{setting['completed'].pk}"] = "1"
    data[f"confirm_overlap_{setting['approved'].pk}"] = "1"
    response = client.post(reverse("approval_queue"), data)
    assert response.status_code == 302
    assert all(_status(e) == "approved" for e in chosen)
    assert "Đã duyệt 3 ghi danh." in _messages(response)


def test_the_enrolment_page_shows_the_warning_and_asks_for_the_confirmation(client, setting, director):
    enrolment = setting["completed"]
    client.force_login(director)
    page = client.get(reverse("enrolment_detail", args=[enrolment.pk])).content.decode()
    assert 'data-testid="overlap-warning"' in page and "Lớp khóa 1" in page
    assert 'data-testid="confirm-overlap"' in page
    plain = client.get(reverse("enrolment_detail", args=[setting["fresh"].pk])).content.decode()
    assert 'data-testid="overlap-warning"' not in plain and 'data-testid="confirm-overlap"' not in plain

    url = reverse("enrolment_decide", args=[enrolment.pk])
    response = client.post(url, {"action": "approve", "when_full": "refuse"})
    assert _status(enrolment) == "pending"
    assert any(m.startswith(NEEDS_CONFIRMATION) for m in _messages(response))
    client.post(url, {"action": "approve", "when_full": "refuse", "confirm_overlap": "1"})
    assert _status(enrolment) == "approved"


def test_the_queue_s_own_approve_button_uses_the_row_s_tick(client, setting, director):
    enrolment = setting["approved"]
    client.force_login(director)
    url = reverse("enrolment_decide", args=[enrolment.pk])
    client.post(url, {"action": "approve"})
    assert _status(enrolment) == "pending"
    client.post(url, {"action": "approve", f"confirm_overlap_{enrolment.pk}": "1"})
    assert _status(enrolment) == "approved"


def test_promoting_from_the_waiting_list_needs_it_too_and_leads_to_the_enrolment_page(client, setting, director):
    enrolment = setting["completed"]
    Enrolment.objects.filter(pk=enrolment.pk).update(status="waitlisted")
    client.force_login(director)
    url = reverse("enrolment_decide", args=[enrolment.pk])
    next_url = reverse("course_enrolments", args=[setting["course"].pk])
    response = client.post(url, {"action": "promote", "next": next_url})
    assert _status(enrolment) == "waitlisted"
    assert response.url == reverse("enrolment_detail", args=[enrolment.pk])
    client.post(url, {"action": "approve", "confirm_overlap": "1"})
    assert _status(enrolment) == "approved"
