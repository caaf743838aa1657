"""Amounts in Vietnamese words ("Bằng chữ") up to billions, as payment statements write them."""

import pytest

from center.vnwords import amount_in_words, number_in_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1_005, "một nghìn không trăm linh năm"),
        (1_050, "một nghìn không trăm năm mươi"),
        (10_000, "mười nghìn"),
        (15_500, "mười lăm nghìn năm trăm"),
        (100_001, "một trăm nghìn không trăm linh một"),
        (1_000_000, "một triệu"),
        (1_200_000, "một triệu hai trăm nghìn"),
        (2_021_000, "hai triệu không trăm hai mươi mốt nghìn"),
        (1_234_567, "một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (3_405_000_000, "ba tỷ bốn trăm linh năm triệu"),
        (12_345_678_910, "mười hai tỷ ba trăm bốn mươi lăm triệu sáu trăm bảy mươi tám nghìn chín trăm mười"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ],
)
def test_numbers_read_as_statements_write_them(number, words):
    assert number_in_words(number) == words


def test_an_amount_starts_with_a_capital_and_ends_in_dong():
    assert amount_in_words(4_350_000) == "Bốn triệu ba trăm năm mươi nghìn đồng"
    assert amount_in_words(0) == "Không đồng"
