"""Writing Excel cells safely: every workbook the portal hands out goes through here.

Names, units, notes and codes come from people and from imported files. A cell whose text starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be taken for a formula, by openpyxl (which
stores any string starting with ``=`` as a formula) or by a spreadsheet when someone edits the cell
(OWASP "CSV injection"). Here every string is stored as text, and those that look like a formula are also
marked with Excel's quote prefix, so editing the cell keeps it text. Characters that XML cannot carry
(control characters other than tab, newline and carriage return) are dropped instead of failing the
whole export. The portal's workbooks hold no formulas."""

from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _clean(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def store(cell: Cell, value) -> Cell:
    """Put ``value`` in ``cell``: strings always as text, anything else (numbers, dates, None) as is."""
    value = _clean(value)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl made "=…" a formula ("f"): text, always
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def write(ws: Worksheet, row: int, column: int, value) -> Cell:
    """``ws.cell(row, column, value)``, safely."""
    return store(ws.cell(row=row, column=column), value)


def append(ws: Worksheet, values: Iterable) -> int:
    """``ws.append(values)``, safely: the values go in the row after the last one used. Returns its number."""
    values = [_clean(value) for value in values]
    ws.append(values)
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            store(ws.cell(row=row, column=column), value)
    return row
