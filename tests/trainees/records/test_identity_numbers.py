"""Phone numbers and citizen IDs: one rule for the trainee form and the Excel import, stored in ASCII."""

import pytest

from trainees.records.forms import TraineeForm
from trainees.records.services import (
    CITIZEN_ID_INVALID,
    PHONE_INVALID,
    TraineeError,
    normalize_citizen_id,
    normalize_phone,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("０９１２３４５６７８", "0912345678"),  # full-width digits from a phone keyboard
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised_to_ascii(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["0912abc678", "12345", "0912-345-678-999", "٠٩١٢"])
def test_a_bad_phone_number_is_refused_with_the_message(typed):
    with pytest.raises(TraineeError) as excinfo:
        normalize_phone(typed)
    assert excinfo.value.message == PHONE_INVALID


def test_a_number_cell_gets_its_lost_leading_zero_back_only_when_asked():
    assert normalize_phone(912345678, lost_leading_zero=True) == "0912345678"
    with pytest.raises(TraineeError):
        normalize_phone(912345678)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("079 123 456 789", "079123456789"), ("١٢٣٤٥٦٧٨٩٠١٢", "123456789012"), (79123456789, "079123456789")],
)
def test_citizen_ids_are_normalised_to_ascii(typed, stored):
    assert normalize_citizen_id(typed) == stored


def test_the_form_shows_the_same_messages_on_the_fields(db):
    form = TraineeForm(data={"full_name": "Nguyễn Văn An", "citizen_id": "12ab", "phone": "12"})
    form.is_valid()
    assert form.errors["citizen_id"] == [str(CITIZEN_ID_INVALID)]
    assert form.errors["phone"] == [str(PHONE_INVALID)]
