"""Vietnamese name order (DESIGN.md §5): given name first, then family and middle names; letters
a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư; tones none < huyền < hỏi < ngã < sắc < nặng; NFC and one
tone placement (Hoà = Hòa). The same order on SQLite and PostgreSQL, and the order ICU's ``vi`` gives."""

import unicodedata

import pytest
from django.db import connection

from center.text import collation_key, name_sort_key
from trainees.models import Trainee

# (family and middle name, given name), in the order a roster must list them. Pairs written the two ways
# (Hòa/Hoà, Thủy/Thuỷ) are the same name: they are ordered by the family name alone.
ORDERED = [
    ("Lê Thị", "An"),
    ("Nguyễn Văn", "An"),
    ("Trần Văn", "An"),
    ("Nguyễn Thị", "Anh"),
    ("Phạm Tuấn", "Anh"),
    ("Trần Ngọc", "Ánh"),
    ("Lý Văn", "Ăn"),
    ("Đỗ Thị", "Ân"),
    ("Hồ Văn", "Ấn"),
    ("Lê Văn", "Ba"),
    ("Nguyễn Thị", "Bà"),
    ("Võ Văn", "Bác"),
    ("Trần Văn", "Bạc"),
    ("Lê Quốc", "Bảo"),
    ("Huỳnh Văn", "Bắc"),
    ("Trần Thị", "Bình"),
    ("Lê Thanh", "Bính"),
    ("Nguyễn Văn", "Chí"),
    ("Phạm Văn", "Cường"),
    ("Nguyễn Thị", "Dung"),
    ("Đặng Văn", "Dũng"),
    ("Nguyễn Tiến", "Dũng"),
    ("Võ Khánh", "Duy"),
    ("Lê Thị", "Đào"),
    ("Trần Quốc", "Đạt"),
    ("Bùi Văn", "Đông"),
    ("Võ Minh", "Đức"),
    ("Phan Thị", "Giang"),
    ("Phạm Thị Thu", "Hà"),
    ("Lê Thị", "Hạ"),
    ("Nguyễn Văn", "Hải"),
    ("Trương Thị", "Hằng"),
    ("Lâm Thị", "Hân"),
    ("Đinh Văn", "Hậu"),
    ("Nguyễn Thị", "Hoa"),
    ("Lê Văn", "Hòa"),
    ("Trần Văn", "Hoà"),
    ("Võ Thị", "Hòa"),
    ("Lê Văn", "Hóa"),
    ("Nguyễn Thị", "Hồng"),
    ("Đoàn Văn", "Hùng"),
    ("Lê Văn", "Hưng"),
    ("Nguyễn Thị", "Hương"),
    ("Lê Thị", "Hường"),
    ("Huỳnh Văn", "Khánh"),
    ("Võ Thị", "Lan"),
    ("Trần Văn", "Lân"),
    ("Phạm Thị", "Linh"),
    ("Nguyễn Thị", "Mai"),
    ("Đặng Quang", "Minh"),
    ("Trần Thị", "My"),
    ("Lê Thị", "Mỹ"),
    ("Nguyễn Thị", "Nga"),
    ("Lê Thị", "Ngà"),
    ("Võ Thị Kim", "Ngân"),
    ("Lê Thị Bích", "Ngọc"),
    ("Nguyễn Thị Hồng", "Nhung"),
    ("Huỳnh Văn", "Ong"),
    ("Trần Văn", "Ôn"),
    ("Nguyễn Văn", "Ơn"),
    ("Lê Hồng", "Phúc"),
    ("Nguyễn Văn", "Phước"),
    ("Lê Văn", "Quân"),
    ("Nguyễn Văn", "Sơn"),
    ("Trần Văn", "Thanh"),
    ("Lê Văn", "Thành"),
    ("Nguyễn Văn", "Thành"),
    ("Nguyễn Thị", "Thảo"),
    ("Phạm Thị", "Thắm"),
    ("Nguyễn Thị", "Thu"),
    ("Lê Thị", "Thủy"),
    ("Nguyễn Thị", "Thuỷ"),
    ("Trần Thị Anh", "Thư"),
    ("Phan Văn", "Tuấn"),
    ("Ngô Thị", "Uyên"),
    ("Lê Văn", "Ưng"),
    ("Trần Thị", "Vân"),
    ("Hoàng Văn", "Việt"),
    ("Ngô Thị", "Xuân"),
    ("Nguyễn Thị Hải", "Yến"),
]

# Given names written with the tone mark on the other vowel; ICU orders these by where the mark sits.
OTHER_PLACEMENT = {"Hoà", "Thuỷ"}

DESIGN_EXAMPLE = "Anh Ánh Ăn Ân Ba Bà Bác Bạc Bảo Dũng Đức Ong Ôn Ơn Thanh Thành Thảo Uyên Ưng".split()


def _key(name):
    family, given = name
    return name_sort_key(given, family)


def test_the_list_is_long_and_varied_enough():
    text = " ".join(f"{f} {g}" for f, g in ORDERED)
    assert len(ORDERED) >= 60
    assert set("ăâđêôơư") <= set(text.lower())
    marks = {ch for ch in unicodedata.normalize("NFD", text) if unicodedata.combining(ch)}
    assert {"\u0300", "\u0309", "\u0303", "\u0301", "\u0323"} <= marks  # all five tones
    givens = [g for _f, g in ORDERED]
    assert any(givens.count(g) > 1 for g in givens)  # shared given names


def test_names_sort_in_vietnamese_order():
    shuffled = sorted(ORDERED, key=lambda n: (len(n[1]) * 7919 + len(n[0])) % 97)
    assert sorted(shuffled, key=_key) == ORDERED
    assert sorted(reversed(ORDERED), key=_key) == ORDERED


def test_the_design_example_is_in_order():
    assert sorted(DESIGN_EXAMPLE, key=collation_key) == DESIGN_EXAMPLE
    assert sorted(reversed(DESIGN_EXAMPLE), key=collation_key) == DESIGN_EXAMPLE


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("a", "ă"),
        ("ă", "â"),
        ("d", "đ"),
        ("e", "ê"),
        ("o", "ô"),
        ("ô", "ơ"),
        ("u", "ư"),
        ("ma", "mà"),  # none < huyền
        ("mà", "mả"),  # huyền < hỏi
        ("mả", "mã"),  # hỏi < ngã
        ("mã", "má"),  # ngã < sắc
        ("má", "mạ"),  # sắc < nặng
        ("mạ", "mac"),  # letters before tones
        ("an", "anh"),
        ("an", "an nhiên"),  # a shorter compound name first
        ("thu", "thuy"),
        ("thuy", "thư"),
    ],
)
def test_letter_and_tone_order(lower, higher):
    assert collation_key(lower) < collation_key(higher)


def test_spelling_variants_have_the_same_key():
    assert collation_key("Hoà") == collation_key("Hòa")
    assert collation_key("Thuỷ") == collation_key("Thủy")
    assert collation_key("Khoẻ") == collation_key("Khỏe")
    assert collation_key(unicodedata.normalize("NFD", "Nguyễn")) == collation_key("Nguyễn")
    assert collation_key("NGUYỄN  văn") == collation_key("Nguyễn Văn")


def test_given_name_comes_first():
    assert _key(("Trần Văn", "An")) < _key(("Âu Thị", "Bình"))
    assert _key(("Lê Thị", "An")) < _key(("Nguyễn Văn", "An"))


@pytest.mark.django_db
def test_trainees_come_back_in_the_same_order_from_the_database():
    # Created in a scrambled order; the database must sort by sort_key exactly as Python does.
    for family, given in ORDERED[1::2][::-1] + ORDERED[0::2]:
        Trainee.objects.create(family_name=family, given_name=given, sort_key=name_sort_key(given, family))
    rows = list(Trainee.objects.values_list("family_name", "given_name"))  # Meta.ordering: sort_key, pk
    assert rows == ORDERED
    # Hòa and Hoà are one given name: the family names decide, never the spelling.
    assert [t for t in rows if t[1] in {"Hòa", "Hoà"}] == [("Lê Văn", "Hòa"), ("Trần Văn", "Hoà"), ("Võ Thị", "Hòa")]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_order_is_icus_vietnamese_order():
    """PostgreSQL's ICU collation ``vi-x-icu`` is the reference (for names with the usual tone placement)."""
    names = [n for n in ORDERED if n[1] not in OTHER_PLACEMENT]
    values = ", ".join(["(%s, %s, %s)"] * len(names))
    params = [p for i, (family, given) in enumerate(names) for p in (i, family, given)]
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT f, g FROM (VALUES {values}) AS t(i, f, g) ORDER BY g COLLATE "vi-x-icu", f COLLATE "vi-x-icu", i',
            params,
        )
        icu_order = [tuple(row) for row in cursor.fetchall()]
    assert icu_order == names
    assert sorted(names, key=_key) == icu_order
