import pytest

from center.models import Unit
from center.text import fold, name_case, split_full_name
from tests.factories import StaffMemberFactory


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  nguyễn thị mai   anh ", "Nguyễn Thị Mai Anh"),
        ("TRẦN VĂN ƠN", "Trần Văn Ơn"),
        ("đặng thị ánh tuyết", "Đặng Thị Ánh Tuyết"),
        ("H'Hen Niê", "H'Hen Niê"),
        ("", ""),
    ],
)
def test_names_are_capitalised_the_vietnamese_way(typed, expected):
    assert name_case(typed) == expected


def test_full_name_splits_on_the_last_word_and_is_capitalised():
    assert split_full_name("lê hoàng  châu") == ("Lê Hoàng", "Châu")
    assert split_full_name("Ánh") == ("", "Ánh")


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("  Đặng THỊ Hồng ") == "dang thi hong"


def test_units_list_in_vietnamese_order(db):
    for name in [
        "Ủy ban MTTQ xã Tân Phú",
        "Đoàn Thanh niên xã Phú Túc",
        "Đảng ủy xã An Hiệp",
        "Văn phòng Đảng ủy",
        "Hội Liên hiệp Phụ nữ",
        "Chi bộ Trạm Y tế",
        "Chi bộ Trường THPT",
        "Dân vận",
    ]:
        Unit.objects.create(name=name)
    assert list(Unit.objects.values_list("name", flat=True)) == [
        "Chi bộ Trạm Y tế",
        "Chi bộ Trường THPT",
        "Dân vận",
        "Đảng ủy xã An Hiệp",
        "Đoàn Thanh niên xã Phú Túc",
        "Hội Liên hiệp Phụ nữ",
        "Ủy ban MTTQ xã Tân Phú",
        "Văn phòng Đảng ủy",
    ]


def test_staff_order_by_given_name_in_vietnamese_order(db):
    for name in [
        "Đặng Thị Ánh Tuyết",
        "Trần Quốc Bảo",
        "Võ Minh Đức",
        "Lê Văn Thành",
        "Huỳnh Văn Ơn",
        "Phạm Thị Thu Hà",
    ]:
        StaffMemberFactory(full_name=name)
    from staff.models import StaffMember

    assert [m.full_name.rsplit(" ", 1)[1] for m in StaffMember.objects.all()] == [
        "Bảo",
        "Đức",
        "Hà",
        "Ơn",
        "Thành",
        "Tuyết",
    ]
