"""The trainee list: search by citizen ID and phone, exact-diacritic names ranked first, the Excel export
with the page's filters."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UnitFactory
from trainees.models import Trainee
from trainees.records.selectors import trainee_search
from trainees.records.services import trainee_save

pytestmark = pytest.mark.django_db


def _trainee(family="Nguyễn Thị", given="Hồng", **kwargs):
    return trainee_save(
        trainee=Trainee(
            family_name=family, given_name=given, **({"date_of_birth": datetime.date(1990, 3, 15)} | kwargs)
        ),
        by=None,
    )


def test_hương_lists_hương_before_phượng():
    # Exact "Hương" first, then the word-start match "Hường", then "Phượng" (a match inside the word).
    a = _trainee(family="Lê Thị", given="Phượng")
    b = _trainee(family="Vũ Thị", given="Hương", date_of_birth=datetime.date(1991, 1, 1))
    c = _trainee(family="Đỗ Thị", given="Hường", date_of_birth=datetime.date(1992, 1, 1))
    assert list(trainee_search(query="hương")) == [b, c, a]


def test_a_word_start_ranks_before_a_match_inside_a_word():
    inside = _trainee(family="Bùi Văn", given="Phuong")
    start = _trainee(family="Lý Văn", given="Huong", date_of_birth=datetime.date(1980, 1, 1))
    assert list(trainee_search(query="huong")) == [start, inside]


@pytest.mark.parametrize("query", ["079190001234", "0791 9000 1234", "1234"])
def test_search_by_citizen_id(query):
    found = _trainee(citizen_id="079190001234")
    _trainee(given="Lan", citizen_id="079190009999", date_of_birth=datetime.date(1985, 1, 1))
    assert list(trainee_search(query=query)) == [found]


@pytest.mark.parametrize("query", ["0912345678", "0912 345 678", "+84 912 345 678", "345678"])
def test_search_by_phone(query):
    found = _trainee(phone="0912345678")
    _trainee(given="Lan", phone="0987000111", date_of_birth=datetime.date(1985, 1, 1))
    assert list(trainee_search(query=query)) == [found]


def test_the_export_follows_the_filters_and_keeps_formulas_as_text(client, clerk):
    unit = UnitFactory(name="Đảng ủy xã An Phú")
    _trainee(unit=unit, phone="0912345678", position='=HYPERLINK("http://x")')
    _trainee(family="Trần Văn", given="Hùng", unit=UnitFactory(), date_of_birth=datetime.date(1980, 1, 1))
    client.force_login(clerk)
    response = client.get(reverse("trainee_export"), {"q": "hong", "unit": unit.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "Nguyễn Thị Hồng"
    assert rows[1][3] == '=HYPERLINK("http://x")'
    assert sheet["D2"].data_type == "s"
    assert rows[1][2] == "Đảng ủy xã An Phú"
    assert rows[1][5] == "0912345678"


def test_the_list_links_the_export_with_the_current_filters(client, clerk):
    client.force_login(clerk)
    page = client.get(reverse("trainee_list"), {"q": "hong"}).content.decode()
    assert reverse("trainee_export") + "?q=hong" in page
