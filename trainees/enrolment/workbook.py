"""Reading the first worksheet of an uploaded .xlsx without trusting it.

An .xlsx is a zip of XML files, and a small upload can unpack into gigabytes (a 617 KB file holding one
huge shared string) or hold a million rows. Before anything is parsed, every member of the archive is
checked: how many there are, each one's uncompressed size, the total, and the compression ratio. The XML is
then read as a stream (defusedxml: no entities, no external references), counting rows and columns as they
come and stopping at the first one too many, so memory and time stay bounded whatever the file says. Only
the cells the caller asks for are kept.

Cell values come out as openpyxl's ``values_only`` would give them: text, int or float, True/False, and a
datetime for a number whose cell has a date format.
"""

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 8 * 1024 * 1024  # one XML file, unpacked: a 2000-row list needs about 1 MB
MAX_TOTAL_BYTES = 24 * 1024 * 1024
MAX_RATIO = 100  # unpacked / packed; text XML is 5–20 times, a zip bomb thousands
MAX_COLUMNS = 100  # a cell with a value further right than this: not a list of trainees


class WorkbookError(Exception):
    """The file cannot be read as a workbook within the limits. ``reason`` is one of: "invalid", "unsafe"
    (declares XML entities), "too_large" (unpacks too big or too compressed), "too_many_rows",
    "too_many_columns"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass
class _Parts:
    sheet: str
    shared_strings: str | None
    styles: str | None
    epoch: object


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an archive whose members unpack too big or are compressed too well (before any parsing)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise WorkbookError("too_large")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise WorkbookError("too_large")
        if member.file_size > 64 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise WorkbookError("too_large")


def _open(archive: zipfile.ZipFile, name: str):
    # ZipExtFile never returns more than the member's declared (and checked) size.
    return archive.open(name)


def _parse(archive, name) -> Iterator:
    with _open(archive, name) as stream:
        # defusedxml: entity declarations (a "billion laughs", or text swapped into a cell) and external
        # references are refused, never expanded.
        yield from iterparse(stream, events=("start", "end"))


def _parts(archive: zipfile.ZipFile) -> _Parts:
    """Where the first worksheet, the shared strings and the styles are (workbook.xml and its rels)."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise WorkbookError("invalid")
    first_sheet, epoch = None, WINDOWS_EPOCH
    for event, element in _parse(archive, "xl/workbook.xml"):
        if event != "end":
            continue
        tag = _local(element.tag)
        if tag == "workbookPr" and element.get("date1904") in ("1", "true"):
            epoch = MAC_EPOCH
        elif tag == "sheet" and first_sheet is None:
            # r:id, in the transitional or the strict relationships namespace
            first_sheet = next((v for k, v in element.attrib.items() if k.startswith("{") and _local(k) == "id"), None)
    targets = {}
    kinds = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for event, element in _parse(archive, "xl/_rels/workbook.xml.rels"):
            if event == "end" and _local(element.tag) == "Relationship":
                target = element.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                targets[element.get("Id")] = target
                kinds.setdefault(element.get("Type", "").rsplit("/", 1)[-1], target)
    sheet = targets.get(first_sheet) or "xl/worksheets/sheet1.xml"
    if sheet not in names:
        raise WorkbookError("invalid")
    shared = kinds.get("sharedStrings") or "xl/sharedStrings.xml"
    styles = kinds.get("styles") or "xl/styles.xml"
    return _Parts(
        sheet=sheet,
        shared_strings=shared if shared in names else None,
        styles=styles if styles in names else None,
        epoch=epoch,
    )


def _shared_strings(archive, name) -> list[str]:
    strings, parts, depth_phonetic, root = [], [], 0, None
    for event, element in _parse(archive, name):
        tag = _local(element.tag)
        if root is None:
            root = element
        if tag == "rPh":  # phonetic hints (East Asian), not part of the text
            depth_phonetic += 1 if event == "start" else -1
        elif event == "end":
            if tag == "t" and not depth_phonetic:
                parts.append(element.text or "")
            elif tag == "si":
                strings.append("".join(parts))
                parts = []
                root.clear()  # keep nothing of what was read
    return strings


def _date_styles(archive, name) -> set[int]:
    """Indexes of the cell formats (cellXfs) that show a date."""
    custom, formats, in_cell_xfs = {}, [], False
    for event, element in _parse(archive, name):
        tag = _local(element.tag)
        if tag == "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and tag == "numFmt":
            try:
                custom[int(element.get("numFmtId", ""))] = element.get("formatCode", "")
            except ValueError:
                continue
        elif event == "end" and tag == "xf" and in_cell_xfs:
            try:
                formats.append(int(element.get("numFmtId", "0")))
            except ValueError:
                formats.append(0)
    return {
        index
        for index, fmt_id in enumerate(formats)
        if is_date_format(custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id) or "")
    }


def _column(reference: str) -> int:
    letters = reference.rstrip("0123456789")
    if not letters or len(letters) > 3 or not letters.isalpha() or not letters.isascii():
        raise WorkbookError("invalid")
    return column_index_from_string(letters.upper())


def _value(kind, raw, style, *, strings, dates, epoch):
    if raw is None:
        return None
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError):
            raise WorkbookError("invalid") from None
    if kind in ("str", "e", "inlineStr"):
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "d":
        return raw
    try:
        number = float(raw)
    except ValueError:
        raise WorkbookError("invalid") from None
    if style in dates:
        try:
            return from_excel(number, epoch)
        except (ValueError, OverflowError):
            return number
    return int(number) if number.is_integer() and "." not in raw and "E" not in raw.upper() else number


def read_rows(data, *, max_rows: int, columns: int = MAX_COLUMNS) -> Iterator[tuple[int, dict]]:
    """(row number as Excel shows it, {column number: value}) for each row of the first worksheet that has
    a value, columns 1..``columns`` kept. Raises WorkbookError: "too_many_rows" at the first row past
    ``max_rows`` rows with values, "too_many_columns" at the first value right of MAX_COLUMNS."""
    try:
        archive = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError("invalid") from None
    with archive:
        check_archive(archive)
        try:
            parts = _parts(archive)
            strings = _shared_strings(archive, parts.shared_strings) if parts.shared_strings else []
            dates = _date_styles(archive, parts.styles) if parts.styles else set()
            yield from _rows(archive, parts, strings, dates, max_rows=max_rows, columns=columns)
        except WorkbookError:
            raise
        except DefusedXmlException as exc:
            raise WorkbookError("unsafe") from exc
        except Exception as exc:  # broken XML, a bad zip member, …: not a workbook we can read
            raise WorkbookError("invalid") from exc


def _rows(archive, parts, strings, dates, *, max_rows, columns):
    count = row_number = column = 0
    cells: dict = {}
    has_value = False
    sheet_data = None
    cell = None  # [column, type, style, raw value]
    inline: list = []
    for event, element in _parse(archive, parts.sheet):
        tag = _local(element.tag)
        if event == "start":
            if tag == "sheetData":
                sheet_data = element
            elif tag == "row":
                row_number = int(element.get("r") or row_number + 1)
                cells, column, has_value = {}, 0, False
            elif tag == "c":
                reference = element.get("r")
                column = _column(reference) if reference else column + 1
                style = element.get("s") or "0"
                cell = [column, element.get("t", "n"), int(style) if style.isdigit() else 0, None]
                inline = []
            continue
        if cell is not None and tag == "v":
            cell[3] = element.text
        elif cell is not None and tag == "t":
            inline.append(element.text or "")
        elif cell is not None and tag == "c":
            kind = cell[1]
            raw = "".join(inline) if kind == "inlineStr" else cell[3]
            value = _value(kind, raw, cell[2], strings=strings, dates=dates, epoch=parts.epoch)
            if value is not None and value != "":
                if cell[0] > MAX_COLUMNS:
                    raise WorkbookError("too_many_columns")
                has_value = True
                if cell[0] <= columns:
                    cells[cell[0]] = value
            cell = None
        elif tag == "row":
            if has_value:
                count += 1
                if count > max_rows:
                    raise WorkbookError("too_many_rows")
                yield row_number, cells
            if sheet_data is not None:
                sheet_data.clear()  # keep nothing of the rows already read
        elif tag == "sheetData":
            return
