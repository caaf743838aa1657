"""Importing a unit's list of trainees from Excel into one course.

``import_read`` reads the file (``trainees.enrolment.workbook``: limits checked before parsing, rows and
columns counted while streaming) into raw rows; it is the slow part and never runs inside a transaction.
``import_preview`` says, row by row, what importing them would do (new / matched / error) without writing;
``import_commit`` matches the rows again inside one transaction and, only when every row is valid, creates
the new trainees and the pending enrolments. ``import_parse`` is read + preview.

The sending unit and its nomination document belong to the upload (one unit sends one list under one
document); a row's "Đơn vị" is the trainee's own unit. An unknown unit name can be mapped to a known unit
(``unit_map``, e.g. the preview's "did you mean" accepted by the clerk); the mapping is applied on every parse.
"""

import datetime
import difflib
import io
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from center import xlsx
from center.errors import PortalError
from center.models import Unit
from center.text import fold, normalize_text, split_full_name
from courses.models import Course
from trainees.enrolment import workbook
from trainees.enrolment.selectors import overlap_warning, programme_overlaps
from trainees.enrolment.services import (
    EnrolmentError,
    EnrolmentRowError,
    eligibility_problem,
    enrolments_submit_from_import,
)
from trainees.enrolment.workbook import WorkbookError, read_rows
from trainees.models import Enrolment, ImportUpload, Trainee
from trainees.records.services import (
    PARTY_DERIVED_FULL,
    PARTY_DERIVED_PROBATIONARY,
    TraineeError,
    TraineeInvalid,
    birth_date_problem,
    name_problem,
    normalize_citizen_id,
    normalize_phone,
    party_date_check,
    party_status_from_date,
    trainee_derive,
    trainees_create_many,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 10
# Columns read from the sheet: the template has 9; units add a few of their own.
MAX_COLUMNS = 60

FILE_TOO_LARGE = gettext_lazy("The file is larger than 5 MB. Split the list into several files.")
FILE_INVALID = gettext_lazy("The file is not a valid Excel workbook (.xlsx). Save it as .xlsx and upload it again.")
FILE_UNSAFE = gettext_lazy(
    "The file declares XML entities, a trick of harmful files, so it was not read. Open it in Excel, save it as "
    "a new .xlsx workbook and upload that."
)
FILE_NO_HEADER = gettext_lazy(
    "No header row with the column “Họ và tên” was found in the first 10 rows. Use the template."
)
FILE_TOO_MANY_ROWS = gettext_lazy("The file has more than %(max)s rows. Split the list into several files.")
FILE_UNPACKS_TOO_LARGE = gettext_lazy(
    "The file unpacks to far more than a list of trainees needs (it may be damaged). Copy the list into the "
    "template and upload that."
)
FILE_TOO_MANY_COLUMNS = gettext_lazy(
    "The first sheet has values in more than %(max)s columns. Use the template: one trainee per row."
)
FILE_EMPTY = gettext_lazy("The file has no trainees.")
SAME_NAME_ROW = gettext_lazy("The same name and date of birth are on row %(row)s.")
FILE_HAS_ERRORS = gettext_lazy("The file has errors; nothing was imported.")
SAVED_MEANWHILE = gettext_lazy(
    "Someone saved one of these trainees (the same citizen ID) or enrolled them while the file was being imported; "
    "nothing was imported. Upload the file again to check it against the records now."
)
PARTY_FORMS = gettext_lazy(
    "Accepted: empty, “Không” or “Chưa” (not a member); “Dự bị” or “Đảng viên dự bị”, optionally with the date; "
    "“Chính thức”, “Đảng viên chính thức” or “Đảng viên”, optionally with the date; or the date alone (dd/mm/yyyy), "
    "then less than 12 months ago means probationary, otherwise full. E.g. “Dự bị, 10/06/2026”, "
    "“Đảng viên 20/02/2016”."
)
PARTY_INVALID = gettext_lazy("“%(value)s” is not understood as Party membership. %(forms)s")
UNIT_UNKNOWN = gettext_lazy("The unit “%(value)s” is not in the list of units. Did you mean: %(matches)s?")
UNIT_UNKNOWN_LIST = gettext_lazy("The unit “%(value)s” is not in the list of units. Known units: %(units)s.")
UNIT_GUIDE = gettext_lazy(
    "The unit's name as in the list of units (“Đảng ủy”/“ĐU” may be left out). "
    "Empty: the sending unit chosen on the upload form."
)
UNIT_AMBIGUOUS = gettext_lazy("The unit “%(value)s” matches several units: %(matches)s. Write the full name.")
UNIT_KEPT_ON_RECORD = gettext_lazy(
    "The record's unit is %(record)s, the file says %(unit)s; the record is kept (change it on the trainee's page "
    "if the trainee has moved)."
)
UNIT_MAPPED = gettext_lazy("“%(value)s” read as %(unit)s, as chosen on the preview.")
SENDING_UNIT_REQUIRED = gettext_lazy(
    "Choose the sending unit: it is the unit that sends this list under its nomination document."
)

# (key, header in the template, accepted folded headers)
COLUMNS = [
    ("stt", "STT", ("stt", "so tt", "so thu tu")),
    ("full_name", "Họ và tên", ("ho va ten", "ho ten")),
    ("date_of_birth", "Ngày sinh", ("ngay sinh", "ngay thang nam sinh")),
    ("gender", "Giới tính", ("gioi tinh",)),
    ("unit", "Đơn vị", ("don vi", "don vi cong tac")),
    ("position", "Chức vụ", ("chuc vu",)),
    ("party", "Đảng viên/ngày vào Đảng", ("dang vien/ngay vao dang", "dang vien", "ngay vao dang")),
    ("phone", "SĐT", ("sdt", "so dien thoai", "dien thoai")),
    ("citizen_id", "CCCD", ("cccd", "so cccd", "can cuoc cong dan", "so can cuoc")),
]
HEADER_LABELS = {key: label for key, label, _aliases in COLUMNS}

ROW_NEW = "new"
ROW_MATCHED = "matched"
ROW_ERROR = "error"
ROW_SKIPPED = "skipped"

# Prefixes a clerk may write before a unit's name, or leave out ("ĐU xã Phú Hưng", "Đảng ủy xã Phú Hưng").
UNIT_PREFIXES = ("dang uy ", "du ", "dang bo ", "chi bo ")


class ImportFileError(PortalError):
    """The uploaded file cannot be read as a list of trainees."""

    def __init__(self, message):
        super().__init__(str(message))


@dataclass
class ImportRow:
    number: int  # the row number as Excel shows it
    stt: str = ""
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (column label, message)
    trainee: Trainee | None = None  # the record matched, or an unsaved new one
    status: str = ROW_NEW
    unit: Unit | None = None  # the trainee's own unit: the row's Đơn vị, or the upload's unit when empty
    unit_value: str = ""  # the row's Đơn vị when it is not a known unit (the preview offers ``unit_choices``)
    unit_choices: list = field(default_factory=list)  # known units it probably means ("did you mean")
    warnings: list = field(default_factory=list)  # shown in the preview; they do not block the import

    def error(self, key: str, message: str) -> None:
        self.errors.append((HEADER_LABELS.get(key, key), message))
        self.status = ROW_ERROR


@dataclass
class ImportPreview:
    rows: list
    course: Course

    @property
    def errors(self) -> list:
        return [(row.number, column, message) for row in self.rows for column, message in row.errors]

    @property
    def has_errors(self) -> bool:
        return any(row.errors for row in self.rows)

    @property
    def importable(self) -> list:
        return [row for row in self.rows if row.status in (ROW_NEW, ROW_MATCHED)]

    @property
    def ok(self) -> bool:
        """No error row and at least one row to import (rows already enrolled are skipped)."""
        return not self.has_errors and bool(self.importable)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def unknown_units(self) -> list:
        """Each distinct unknown "Đơn vị" value once: (value, its likely units, the rows that have it)."""
        found: dict = {}
        for row in self.rows:
            if row.unit_value:
                key = unit_value_key(row.unit_value)
                value, choices, numbers = found.setdefault(key, (row.unit_value, row.unit_choices, []))
                numbers.append(row.number)
        return list(found.values())


def import_template() -> bytes:
    """The empty template (.xlsx) staff download, with one example row."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    xlsx.append(ws, [label for _key, label, _aliases in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws["G1"].comment = Comment(str(PARTY_FORMS), "TTCT")
    ws["E1"].comment = Comment(str(UNIT_GUIDE), "TTCT")
    xlsx.append(ws, ["1", "Nguyễn Thị Hồng", "15/03/1990", "Nữ", "", "Bí thư Chi đoàn", "", "0912345678", ""])
    for column, width in zip("ABCDEFGHI", (6, 28, 12, 10, 30, 24, 24, 14, 16), strict=True):
        ws.column_dimensions[column].width = width
    ws.column_dimensions["C"].number_format = "@"
    guide = wb.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 100
    for row in (
        ("Cột", "Cách ghi"),
        ("Họ và tên", str(_("Family, middle and given names, e.g. Nguyễn Văn An."))),
        ("Ngày sinh", "dd/mm/yyyy"),
        ("Giới tính", "Nam / Nữ"),
        ("Đơn vị", str(UNIT_GUIDE)),
        ("Đảng viên/ngày vào Đảng", str(PARTY_FORMS)),
        ("SĐT", "0912345678"),
        ("CCCD", str(_("12 digits (an old ID card 9)."))),
    ):
        xlsx.append(guide, row)
    for cell in guide[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    return normalize_text(str(value))


def _parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _digits(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value))
    return re.sub(r"[\s.\-]", "", _text(value))


def _read_rows(data: bytes):
    """(excel row number, {key: raw value, every key of COLUMNS}) for each row with a trainee's data;
    raises ImportFileError."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(FILE_TOO_LARGE)
    columns = None
    result = []
    try:
        # The reader counts every row with a value, in any column: a million rows outside the known
        # columns stop it here as surely as a million trainees.
        for number, cells in read_rows(io.BytesIO(data), max_rows=MAX_ROWS + HEADER_SEARCH_ROWS, columns=MAX_COLUMNS):
            if columns is None:
                if number > HEADER_SEARCH_ROWS:
                    break
                folded = {index: fold(_text(value)) for index, value in sorted(cells.items())}
                if any(h in ("ho va ten", "ho ten") for h in folded.values()):
                    columns = {}
                    for index, header in folded.items():
                        for key, _label, aliases in COLUMNS:
                            if header in aliases and key not in columns:
                                columns[key] = index
                continue
            # Every known column has a value, empty when the sheet lacks the column (e.g. no "Đơn vị").
            values = {key: cells.get(columns[key]) if key in columns else None for key, _label, _aliases in COLUMNS}
            if all(_text(v) == "" for k, v in values.items() if k != "stt"):
                continue
            if len(result) >= MAX_ROWS:
                raise ImportFileError(FILE_TOO_MANY_ROWS % {"max": MAX_ROWS})
            result.append((number, values))
    except WorkbookError as exc:
        raise ImportFileError(
            {
                "unsafe": FILE_UNSAFE,
                "too_large": FILE_UNPACKS_TOO_LARGE,
                "too_many_rows": FILE_TOO_MANY_ROWS % {"max": MAX_ROWS},
                "too_many_columns": FILE_TOO_MANY_COLUMNS % {"max": workbook.MAX_COLUMNS},
            }.get(exc.reason, FILE_INVALID)
        ) from exc
    if columns is None:
        raise ImportFileError(FILE_NO_HEADER)
    if not result:
        raise ImportFileError(FILE_EMPTY)
    return result


_PARTY_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})")
_PARTY_NONE = ("", "khong", "chua", "0", "-", "chua vao dang", "khong phai dang vien")
_PARTY_PROBATIONARY = ("du bi", "dang vien du bi", "dv du bi")
_PARTY_FULL = ("chinh thuc", "dang vien chinh thuc", "dv chinh thuc")
_PARTY_MEMBER = ("dang vien", "dv", "x", "co")  # a member, status not said: from the date, else full


def _party_words(text: str) -> str:
    """The words of a Party cell without separators (comma, dash, colon, newline…), folded."""
    return " ".join(re.sub(r"[,;:\-–—()]", " ", fold(text)).split())


def _party(row: ImportRow, raw, today: datetime.date) -> tuple[str, datetime.date | None]:
    """Party status and admission date from the natural forms clerks write (see ``PARTY_FORMS``)."""
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    admitted = None
    if isinstance(raw, datetime.date):
        admitted, words = raw, ""
    else:
        text = _text(raw).replace("\n", " ")
        dates = list(_PARTY_DATE.finditer(text))
        if len(dates) > 1:
            row.error("party", PARTY_INVALID % {"value": _text(raw), "forms": PARTY_FORMS})
            return Trainee.PartyStatus.NONE, None
        if dates:
            m = dates[0]
            day, month, year = (
                (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
            )
            try:
                admitted = datetime.date(int(year), int(month), int(day))
            except ValueError:
                row.error(
                    "party", _("“%(value)s” is not a valid date; write it as dd/mm/yyyy.") % {"value": m.group(0)}
                )
                return Trainee.PartyStatus.NONE, None
            text = text[: m.start()] + " " + text[m.end() :]
        words = _party_words(text)
    if admitted is None and words in _PARTY_NONE:
        return Trainee.PartyStatus.NONE, None
    if words in _PARTY_PROBATIONARY:
        return Trainee.PartyStatus.PROBATIONARY, admitted
    if words in _PARTY_FULL or (words in _PARTY_MEMBER and admitted is None):
        return Trainee.PartyStatus.FULL, admitted
    if admitted is not None and (words == "" or words in _PARTY_MEMBER):
        status = party_status_from_date(admitted, today)
        if admitted <= today:
            row.warnings.append(
                str(PARTY_DERIVED_PROBATIONARY if status == Trainee.PartyStatus.PROBATIONARY else PARTY_DERIVED_FULL)
            )
        return status, admitted
    row.error("party", PARTY_INVALID % {"value": _text(raw), "forms": PARTY_FORMS})
    return Trainee.PartyStatus.NONE, None


def unit_key(name: str) -> str:
    """A unit's name for matching: folded, single spaces, without a leading “Đảng ủy”/“ĐU”."""
    key = " ".join(re.sub(r"[.,]", " ", fold(name)).split())
    for prefix in UNIT_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def unit_value_key(value: str) -> str:
    """How a "Đơn vị" cell is looked up in a ``unit_map``: folded, single spaces."""
    return " ".join(fold(value).split())


class UnitIndex:
    """Known units by folded name and by name without the usual prefixes."""

    def __init__(self, units):
        self.by_name, self.by_key = {}, {}
        for unit in units:
            self.by_name[" ".join(fold(unit.name).split())] = unit
            self.by_key.setdefault(unit_key(unit.name), []).append(unit)
        self.names = sorted(u.name for u in units)

    def find(self, value: str) -> tuple[Unit | None, str, list]:
        """(unit, "", []) or (None, the error message, the units it probably means)."""
        unit = self.by_name.get(unit_value_key(value))
        if unit is not None:
            return unit, "", []
        found = self.by_key.get(unit_key(value), [])
        if len(found) == 1:
            return found[0], "", []
        if found:
            return None, str(UNIT_AMBIGUOUS % {"value": value, "matches": "; ".join(u.name for u in found)}), found
        close = difflib.get_close_matches(unit_key(value), list(self.by_key), n=3, cutoff=0.6)
        if close:
            likely = [u for key in close for u in self.by_key[key]]
            return None, str(UNIT_UNKNOWN % {"value": value, "matches": "; ".join(u.name for u in likely)}), likely
        shown = self.names[:15] + (["…"] if len(self.names) > 15 else [])
        return None, str(UNIT_UNKNOWN_LIST % {"value": value, "units": "; ".join(shown)}), []


def _row_from_values(number: int, values: dict, *, units: UnitIndex, default_unit, today, unit_map=None) -> ImportRow:
    row = ImportRow(number=number, stt=_text(values.get("stt")), values={k: _text(v) for k, v in values.items()})
    trainee = Trainee(ethnicity="Kinh")
    family, given = split_full_name(_text(values.get("full_name")))
    if not given:
        row.error("full_name", _("The name is empty."))
    elif not family:
        row.error("full_name", _("Write the family, middle and given names, e.g. Nguyễn Văn An."))
    elif len(family) > 80 or len(given) > 40:
        row.error("full_name", _("The name is too long."))
    elif problem := name_problem(family_name=family, given_name=given):
        row.error("full_name", problem)
    trainee.family_name, trainee.given_name = family, given

    raw = values.get("date_of_birth")
    if _text(raw) == "":
        row.error("date_of_birth", _("The date of birth is empty."))
    else:
        try:
            trainee.date_of_birth = _parse_date(raw)
            if problem := birth_date_problem(trainee.date_of_birth, today):
                row.error("date_of_birth", problem)
        except ValueError:
            row.error(
                "date_of_birth",
                _("“%(value)s” is not a valid date; write it as dd/mm/yyyy.") % {"value": _text(raw)},
            )

    gender = fold(_text(values.get("gender")))
    if gender in ("nam", "m", "male"):
        trainee.gender = Trainee.Gender.MALE
    elif gender in ("nu", "f", "female"):
        trainee.gender = Trainee.Gender.FEMALE
    elif gender:
        row.error("gender", _("Write “Nam” or “Nữ”."))

    unit_name = _text(values.get("unit"))
    mapped = (unit_map or {}).get(unit_value_key(unit_name)) if unit_name else None
    if mapped is not None:
        trainee.unit = mapped
        row.warnings.append(str(UNIT_MAPPED % {"value": unit_name, "unit": mapped.name}))
    elif unit_name:
        trainee.unit, problem, row.unit_choices = units.find(unit_name)
        if problem:
            row.error("unit", problem)
            row.unit_value = unit_name
    else:
        trainee.unit = default_unit
    row.unit = trainee.unit

    trainee.position = _text(values.get("position"))[:150]
    errors_before = len(row.errors)
    trainee.party_status, trainee.party_admitted_on = _party(row, values.get("party"), today)
    if len(row.errors) == errors_before:
        errors, warnings = party_date_check(
            status=trainee.party_status,
            admitted_on=trainee.party_admitted_on,
            date_of_birth=trainee.date_of_birth,
            today=today,
        )
        for message in errors:
            row.error("party", message)
        row.warnings.extend(warnings)

    try:
        trainee.phone = normalize_phone(values.get("phone"), lost_leading_zero=True)
    except TraineeError as exc:
        row.error("phone", exc.message)
    try:
        trainee.citizen_id = normalize_citizen_id(values.get("citizen_id")) or None
    except TraineeError as exc:
        row.error("citizen_id", exc.message)
    trainee_derive(trainee)
    row.trainee = trainee
    return row


def import_unit_map(mapping: dict) -> dict:
    """A stored mapping {"Đơn vị" value: unit pk} as {value key: active Unit}; units gone since are dropped."""
    units = Unit.objects.filter(is_active=True).in_bulk([pk for pk in mapping.values() if pk])
    return {unit_value_key(value): units[pk] for value, pk in mapping.items() if pk in units}


def import_read(*, data: bytes) -> list:
    """The rows of an uploaded .xlsx, read once (the slow part: call it outside any transaction). Raises
    ``ImportFileError`` for a file that cannot be read at all (not .xlsx, too large, too many rows or
    columns, no header, no trainees)."""
    return _read_rows(data)


def import_parse(
    *, data: bytes, course: Course, default_unit: Unit | None = None, unit_map: dict | None = None
) -> ImportPreview:
    """Read an uploaded .xlsx and say, row by row, what importing it would do. Writes nothing. Raises
    ``ImportFileError`` (see ``import_read``)."""
    return import_preview(rows=import_read(data=data), course=course, default_unit=default_unit, unit_map=unit_map)


def import_preview(
    *, rows: list, course: Course, default_unit: Unit | None = None, unit_map: dict | None = None
) -> ImportPreview:
    """Rows read by ``import_read`` → what importing them would do (new / matched / skipped / error),
    matched against the records now in the database. Writes nothing.

    ``default_unit`` (the upload's sending unit) is the trainee's unit on rows whose "Đơn vị" is empty;
    ``unit_map`` ({value key: Unit}, see ``import_unit_map``) reads unknown "Đơn vị" values as known units."""
    raw_rows = rows
    today = timezone.localdate()
    units = UnitIndex(list(Unit.objects.filter(is_active=True)))
    course = Course.objects.select_related("programme").get(pk=course.pk)
    rows = [
        _row_from_values(n, v, units=units, default_unit=default_unit, today=today, unit_map=unit_map)
        for n, v in raw_rows
    ]

    # Match existing records in two queries: by citizen ID, then by folded name + date of birth.
    live = Trainee.objects.filter(merged_into__isnull=True).select_related("unit")
    by_citizen_id = {
        t.citizen_id: t
        for t in live.filter(citizen_id__in=[r.trainee.citizen_id for r in rows if r.trainee.citizen_id])
    }
    by_name = {}
    for t in live.filter(search_name__in={r.trainee.search_name for r in rows if r.trainee.search_name}):
        by_name.setdefault((t.search_name, t.date_of_birth), t)
    enrolled = set(Enrolment.objects.filter(course=course).values_list("trainee_id", flat=True))

    seen_ids: dict = {}
    seen_names: dict = {}
    for row in rows:
        new = row.trainee
        if new.citizen_id:
            if new.citizen_id in seen_ids:
                row.error("citizen_id", _("The same citizen ID is on row %(row)s.") % {"row": seen_ids[new.citizen_id]})
            seen_ids.setdefault(new.citizen_id, row.number)
        key = (new.search_name, new.date_of_birth)
        if new.search_name and new.date_of_birth:
            if key in seen_names:
                row.error(
                    "full_name", _("The same name and date of birth are on row %(row)s.") % {"row": seen_names[key]}
                )
            seen_names.setdefault(key, row.number)
        if row.errors:
            continue
        match = by_citizen_id.get(new.citizen_id) if new.citizen_id else None
        if match is None:
            match = by_name.get(key)
            if match is not None and new.citizen_id and match.citizen_id and match.citizen_id != new.citizen_id:
                match = None  # same name and birthday, different ID: another person
        if match is not None:
            if match.pk in enrolled:
                row.trainee, row.status = match, ROW_SKIPPED
                continue
            if row.values.get("unit") and row.unit and match.unit_id and match.unit_id != row.unit.pk:
                row.warnings.append(str(UNIT_KEPT_ON_RECORD % {"record": match.unit.name, "unit": row.unit.name}))
            row.trainee, row.status = match, ROW_MATCHED
        problem = eligibility_problem(trainee=row.trainee, course=course)
        if problem:
            row.error("party", _("Not eligible: %(reason)s.") % {"reason": problem})
    overlaps = programme_overlaps(
        trainee_ids=[row.trainee.pk for row in rows if row.status == ROW_MATCHED], course=course
    )
    for row in rows:
        if row.status == ROW_MATCHED:
            row.warnings.extend(overlap_warning(e) for e in overlaps.get(row.trainee.pk, []))
    return ImportPreview(rows=rows, course=course)


def import_commit(
    *,
    course: Course,
    by,
    sending_unit: Unit | None,
    data: bytes | None = None,
    rows: list | None = None,
    nomination_number: str = "",
    nomination_date=None,
    unit_map: dict | None = None,
) -> ImportPreview:
    """Import ``rows`` (from ``import_read``; or ``data``, read here first, outside the transaction): in one
    transaction the rows are matched again against the records now in the database and, when every row is
    valid, the new trainees and a pending enrolment for each row are created. Every enrolment gets the
    upload's ``sending_unit`` and nomination document (a row's "Đơn vị" is the trainee's own unit). Raises
    ``ImportFileError`` when the sending unit is missing or the file or any row is invalid (then nothing is
    written)."""
    if sending_unit is None:
        raise ImportFileError(SENDING_UNIT_REQUIRED)
    if rows is None:
        rows = import_read(data=data)
    with transaction.atomic():
        preview = import_preview(rows=rows, course=course, default_unit=sending_unit, unit_map=unit_map)
        if not preview.ok:
            raise ImportFileError(FILE_HAS_ERRORS)
        importable = preview.importable
        new_rows = [row for row in importable if row.status == ROW_NEW]
        try:
            trainees_create_many(trainees=[row.trainee for row in new_rows], by=by)
        except TraineeInvalid as exc:
            message = " ".join(str(m) for m in exc.messages)
            raise ImportFileError(
                _("Row %(row)s: %(message)s") % {"row": new_rows[exc.index].number, "message": message}
            ) from exc
        except IntegrityError as exc:  # e.g. the same citizen ID saved by someone else meanwhile
            raise ImportFileError(SAVED_MEANWHILE) from exc
        try:
            enrolments_submit_from_import(
                trainees=[row.trainee for row in importable],
                course=preview.course,
                by=by,
                sending_unit=sending_unit,
                nomination_number=nomination_number,
                nomination_date=nomination_date,
            )
        except EnrolmentRowError as exc:
            raise ImportFileError(
                _("Row %(row)s: %(message)s") % {"row": importable[exc.index].number, "message": exc.message}
            ) from exc
        except EnrolmentError as exc:
            raise ImportFileError(exc.message) from exc
    return preview


# An uploaded list not confirmed or cancelled within this time is removed by ``portal_cleanup``.
IMPORT_KEEP = datetime.timedelta(days=1)


def import_upload_keep(
    *, token: str, data: bytes, course: Course, by, unit=None, nomination_number: str = "", nomination_date=None
) -> ImportUpload:
    """Keep an uploaded (and already read) list until its preview is confirmed or cancelled."""
    upload = ImportUpload(
        token=token,
        data=data,
        course=course,
        uploaded_by=by,
        unit=unit,
        nomination_number=nomination_number or "",
        nomination_date=nomination_date,
    )
    upload.full_clean(exclude=["data"])
    upload.save()
    return upload


def import_upload_forget(*, upload: ImportUpload) -> None:
    ImportUpload.objects.filter(pk=upload.pk).delete()


def import_uploads_remove_old(*, now=None) -> int:
    """Remove the uploaded lists older than IMPORT_KEEP (never confirmed nor cancelled). Returns how many."""
    cutoff = (now or timezone.now()) - IMPORT_KEEP
    deleted, _kinds = ImportUpload.objects.filter(uploaded_at__lt=cutoff).delete()
    return deleted
