"""center.xlsx: text that looks like a formula is written as text (OWASP CSV/formula injection)."""

import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from center import xlsx

RISKY = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "=cmd|' /C calc'!A0"]


def _saved_and_read(wb: Workbook):
    buffer = io.BytesIO()
    wb.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())).active


@pytest.mark.parametrize("text", RISKY)
def test_text_that_starts_like_a_formula_is_stored_as_text(text):
    wb = Workbook()
    xlsx.write(wb.active, 2, 3, text)
    cell = _saved_and_read(wb).cell(row=2, column=3)
    assert cell.data_type == "s" and cell.data_type != "f"
    assert cell.value == text
    assert cell.quotePrefix, "editing the cell in Excel must keep it text"


def test_a_carriage_return_at_the_start_is_text_too():
    wb = Workbook()
    xlsx.write(wb.active, 1, 1, "\r=1+1")
    cell = _saved_and_read(wb)["A1"]
    # XML has no bare carriage return: it comes back as a line break; the rest is unchanged, and text.
    assert cell.data_type == "s" and cell.value == "\n=1+1" and cell.quotePrefix


def test_append_writes_the_next_row_and_keeps_other_values_as_they_are():
    wb = Workbook()
    ws = wb.active
    assert xlsx.append(ws, ["Số", "Họ và tên"]) == 1
    assert xlsx.append(ws, [1, '=HYPERLINK("http://x","y")', datetime.date(1985, 3, 12), None, "#N/A"]) == 2
    read = _saved_and_read(wb)
    assert [c.value for c in read[1]][:2] == ["Số", "Họ và tên"]
    number, name, born, empty, na = read[2]
    assert number.value == 1 and number.data_type == "n"
    assert name.value == '=HYPERLINK("http://x","y")' and name.data_type == "s"
    assert born.value == datetime.datetime(1985, 3, 12)
    assert empty.value is None
    assert na.value == "#N/A" and na.data_type == "s"  # not an Excel error value either
    assert not read["A1"].quotePrefix


def test_characters_xml_cannot_carry_are_dropped_instead_of_failing_the_export():
    wb = Workbook()
    xlsx.append(wb.active, ["Nguyễn\x01 Văn\x1b An"])
    assert _saved_and_read(wb)["A1"].value == "Nguyễn Văn An"


def test_every_workbook_the_portal_writes_goes_through_center_xlsx():
    """Roster, sign-in sheet, certificate register, import template, and any export added later."""
    import re
    from pathlib import Path

    from django.conf import settings

    direct = re.compile(r"\.append\(|\.cell\([^)]*value=|\.value\s*=")
    writers = []
    for app in ("center", "staff", "courses", "trainees"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            if "openpyxl" in source and "Workbook(" in source:
                writers.append(path.name)
                lines = [line for line in source.splitlines() if direct.search(line) and "xlsx." not in line]
                unsafe = [line.strip() for line in lines if re.search(r"\b(ws|sheet|guide|book|wb|cell)\b", line)]
                assert unsafe == [], f"{path}: write cells with center.xlsx.write/append"
                assert "from center import xlsx" in source, path
    assert {"renderers.py", "views.py", "imports.py"} <= set(writers)
