"""Party admission dates on the trainee form (probation is 12 months) and capitalised names."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from trainees.models import Trainee
from trainees.records.services import add_months, party_date_check, trainee_save

pytestmark = pytest.mark.django_db


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _post(client, **data):
    base = {"full_name": "Lê Thị Hoa", "date_of_birth": "15/03/1990", "ethnicity": "Kinh", "party_status": "none"}
    return client.post(reverse("trainee_create"), base | data)


@pytest.mark.parametrize(
    ("status", "admitted", "message"),
    [
        ("full", 100, "chưa đủ 12 tháng: vẫn là đảng viên dự bị"),
        ("probationary", -3, "Ngày vào Đảng ở tương lai."),
        ("full", -3, "Ngày vào Đảng ở tương lai."),
    ],
)
def test_the_form_refuses_impossible_party_dates(client, clerk, status, admitted, message):
    client.force_login(clerk)
    response = _post(client, party_status=status, party_admitted_on=_ago(admitted).strftime("%d/%m/%Y"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Trainee.objects.exists()


def test_the_form_refuses_an_admission_before_the_18th_birthday(client, clerk):
    client.force_login(clerk)
    response = _post(client, party_status="full", party_admitted_on="14/03/2008")
    assert "trước khi học viên đủ 18 tuổi (15/03/2008)" in response.content.decode()
    response = _post(client, party_status="full", party_admitted_on="15/03/2008")
    assert response.status_code == 302


def test_a_stale_probationary_record_is_saved_with_a_warning(client, clerk):
    client.force_login(clerk)
    response = _post(client, party_status="probationary", party_admitted_on=_ago(500).strftime("%d/%m/%Y"))
    assert response.status_code == 302
    assert any("đã hơn 12 tháng" in str(m) for m in get_messages(response.wsgi_request))
    assert Trainee.objects.get().party_status == "probationary"


def test_probation_ends_twelve_calendar_months_after_admission():
    today = datetime.date(2026, 11, 26)
    full = Trainee.PartyStatus.FULL
    assert party_date_check(status=full, admitted_on=datetime.date(2025, 11, 26), date_of_birth=None, today=today) == (
        [],
        [],
    )
    errors, _w = party_date_check(status=full, admitted_on=datetime.date(2025, 11, 27), date_of_birth=None, today=today)
    assert len(errors) == 1
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)


def test_names_are_capitalised_on_save_and_mixed_case_kept(clerk, client):
    trainee = Trainee(family_name="  nguyễn thị mai  ", given_name=" anh ", ethnicity="Kinh")
    trainee_save(trainee=trainee, by=clerk)
    assert (trainee.family_name, trainee.given_name) == ("Nguyễn Thị Mai", "Anh")
    client.force_login(clerk)
    _post(client, full_name="  TRẦN   văn ơn ")
    _post(client, full_name="Ksor H'Hen", date_of_birth="01/01/1991")
    names = set(Trainee.objects.values_list("family_name", "given_name"))
    assert {("Trần Văn", "Ơn"), ("Ksor", "H'Hen")} <= names
