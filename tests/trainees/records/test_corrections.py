"""Staff handling of the trainees' correction requests: links to the record, and the reminder when a request
is marked done although the record was not changed."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.builders import make_trainee
from trainees.models import CorrectionRequest
from trainees.records.services import ERROR_REQUEST_CLOSED, correction_record_unchanged, correction_request_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_of_an(trainee_user):
    an = make_trainee(given_name="An", family_name="Nguyễn Văn", user=trainee_user)
    return correction_request_submit(trainee=an, text="Ngày sinh đúng là 12/03/1985.", by=trainee_user)


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_the_list_links_to_the_trainees_record_and_its_edit_page(client, clerk, request_of_an):
    client.force_login(clerk)
    html = client.get(reverse("correction_list")).content.decode()
    trainee = request_of_an.trainee
    assert reverse("trainee_edit", args=[trainee.pk]) in html
    assert reverse("trainee_detail", args=[trainee.pk]) in html
    assert reverse("account_trainee", args=[trainee.pk]) in html
    assert "Hồ sơ chưa được sửa từ khi học viên gửi đề nghị này." in html


def test_marking_done_without_changing_the_record_warns_but_closes(client, clerk, request_of_an):
    client.force_login(clerk)
    response = client.post(
        reverse("correction_handle", args=[request_of_an.pk]), {"status": "done", "reply": "Đã sửa."}
    )
    request_of_an.refresh_from_db()
    assert request_of_an.status == CorrectionRequest.Status.DONE
    levels = dict(_messages(response))
    assert "warning" in levels and "chưa được sửa" in levels["warning"] and "Nguyễn Văn An" in levels["warning"]
    assert "success" in levels


def test_marking_done_after_editing_the_record_gives_no_reminder(client, clerk, request_of_an):
    trainee = request_of_an.trainee
    trainee.date_of_birth = datetime.date(1985, 3, 12)
    trainee.save()
    assert not correction_record_unchanged(correction=request_of_an)
    client.force_login(clerk)
    response = client.post(
        reverse("correction_handle", args=[request_of_an.pk]), {"status": "done", "reply": "Đã sửa ngày sinh."}
    )
    assert [level for level, _ in _messages(response)] == ["success"]
    html = client.get(reverse("correction_list"), {"all": "1"}).content.decode()
    assert "Hồ sơ chưa được sửa" not in html


def test_declining_gives_no_reminder(client, clerk, request_of_an):
    client.force_login(clerk)
    response = client.post(
        reverse("correction_handle", args=[request_of_an.pk]), {"status": "declined", "reply": "Thông tin đã đúng."}
    )
    assert [level for level, _ in _messages(response)] == ["success"]


def test_handling_a_request_twice_shows_the_rule_and_keeps_the_first_answer(client, clerk, request_of_an):
    client.force_login(clerk)
    url = reverse("correction_handle", args=[request_of_an.pk])
    client.post(url, {"status": "done", "reply": "Đã sửa."})
    response = client.post(url, {"status": "declined", "reply": "Không sửa."})
    assert response.status_code == 302
    assert _messages(response)[-1] == ("error", str(ERROR_REQUEST_CLOSED))
    request_of_an.refresh_from_db()
    assert (request_of_an.status, request_of_an.reply) == (CorrectionRequest.Status.DONE, "Đã sửa.")
