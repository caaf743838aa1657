"""Values a trainee record refuses or cleans, wherever it is written (the staff form, the admin, the Excel
import): implausible dates of birth, names with digits, invisible characters in names, and identity numbers
in other scripts' digits (stored in ASCII, so the duplicate check sees them)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from trainees.models import Trainee
from trainees.records import services
from trainees.records.services import add_months, trainee_save

pytestmark = pytest.mark.django_db

FORM = {"ethnicity": "Kinh", "party_status": "none"}
TOO_EARLY = "Ngày sinh trước 01/01/1900 là không hợp lý; đồng chí kiểm tra lại năm sinh."
HAS_DIGITS = "Họ tên chỉ gồm chữ, không có chữ số."


def _youngest() -> datetime.date:
    return add_months(timezone.localdate(), -12 * services.TRAINEE_MIN_AGE)


def _post(client, clerk, **fields):
    client.force_login(clerk)
    return client.post(reverse("trainee_create"), {**FORM, **fields})


@pytest.mark.parametrize("born", ["31/12/1899", "01/01/0001"])
def test_a_birth_date_before_1900_is_refused(client, clerk, born):
    response = _post(client, clerk, full_name="Nguyễn Văn An", date_of_birth=born)
    assert response.context["form"].errors["date_of_birth"] == [TOO_EARLY]
    assert not Trainee.objects.exists()


def test_a_trainee_under_the_minimum_age_is_refused(client, clerk):
    too_young = _youngest() + datetime.timedelta(days=1)
    response = _post(client, clerk, full_name="Nguyễn Văn An", date_of_birth=too_young.strftime("%d/%m/%Y"))
    expected = "Học viên phải từ 16 tuổi trở lên: sinh ngày %s hoặc trước đó." % _youngest().strftime("%d/%m/%Y")
    assert response.context["form"].errors["date_of_birth"] == [expected]
    assert (
        _post(client, clerk, full_name="Nguyễn Văn An", date_of_birth=_youngest().strftime("%d/%m/%Y")).status_code
        == 302
    )


@pytest.mark.parametrize("name", ["Nguyễn Văn 123", "Nguyễn Văn １２３", "Nguyễn Văn ١٢٣", "Nguyễn 2 Văn An"])
def test_a_name_with_digits_is_refused(client, clerk, name):
    response = _post(client, clerk, full_name=name)
    assert response.context["form"].errors["full_name"] == [HAS_DIGITS]
    assert not Trainee.objects.exists()


def test_zero_width_characters_are_removed_from_names_so_duplicates_are_found(client, clerk):
    trainee_save(
        trainee=Trainee(family_name="Nguyễn Văn", given_name="An", date_of_birth=datetime.date(1990, 1, 2)), by=None
    )
    response = _post(client, clerk, full_name="Nguyễn\u200b Văn\u200d An\ufeff", date_of_birth="02/01/1990")
    assert response.status_code == 200 and "confirm_distinct" in response.context["form"].errors
    _post(client, clerk, full_name="Nguyễn\u200b Văn\u200d An\ufeff", date_of_birth="02/01/1990", confirm_distinct="on")
    new = Trainee.objects.order_by("-pk").first()
    assert (new.family_name, new.given_name, new.search_name) == ("Nguyễn Văn", "An", "nguyen van an")


def test_identity_numbers_in_other_digits_are_stored_in_ascii_and_checked_for_duplicates(client, clerk):
    _post(client, clerk, full_name="Lê Văn Tám", citizen_id="０７９１９０００１２３４", phone="٠٩١٢٣٤٥٦٧٨")
    tam = Trainee.objects.get()
    assert (tam.citizen_id, tam.phone) == ("079190001234", "0912345678")
    response = _post(client, clerk, full_name="Lê Văn Chín", citizen_id="079190001234")
    assert "Số CCCD này đã có trong hồ sơ của Lê Văn Tám" in response.content.decode()


def test_the_service_stores_ascii_and_refuses_what_the_form_refuses(db):
    saved = trainee_save(
        trainee=Trainee(
            family_name="Trần Thị", given_name="Bình", citizen_id="١٢٣٤٥٦٧٨٩٠١٢", phone="０９１２３４５６７８"
        ),
        by=None,
    )
    assert (saved.citizen_id, saved.phone) == ("123456789012", "0912345678")
    with pytest.raises(ValidationError) as exc:
        trainee_save(
            trainee=Trainee(family_name="Trần Thị", given_name="123", date_of_birth=datetime.date(1899, 1, 1)), by=None
        )
    assert set(exc.value.message_dict) == {"given_name", "date_of_birth"}


def test_the_admin_applies_the_same_rules(client, center):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    data = {
        "family_name": "Nguyễn Văn",
        "given_name": "An",
        "date_of_birth": "1899-12-31",
        "gender": "",
        "ethnicity": "Kinh",
        "position": "",
        "party_status": "none",
        "education_level": "",
        "theory_level": "",
        "phone": "",
        "email": "",
        "citizen_id": "０７９１９０００１２３４",
    }
    response = client.post(reverse("admin:trainees_trainee_add"), data)
    assert response.status_code == 200 and TOO_EARLY in response.content.decode()
    response = client.post(reverse("admin:trainees_trainee_add"), {**data, "date_of_birth": "1990-01-02"})
    assert response.status_code == 302
    assert Trainee.objects.get().citizen_id == "079190001234"
