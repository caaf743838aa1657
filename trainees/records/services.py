"""Trainee records: saving with derived search/sort columns, duplicate detection, merging, and the
trainees' correction requests.
"""

import calendar
import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.audit import audit_record, audit_record_many
from center.errors import PortalError
from center.text import fold, name_case, name_sort_key, normalize_text
from trainees.models import CorrectionRequest, Enrolment, Trainee

# History labels of the actions below (registered from TraineesConfig.ready).
ACTION_LABELS = {
    "trainee.created": _("Trainee record created"),
    "trainee.updated": _("Trainee record updated"),
    "trainee.merged": _("Merged into another record"),
    "trainee.merged_in": _("Another record merged into this one"),
    "correction.submitted": _("Correction requested"),
    "correction.done": _("Correction made"),
    "correction.declined": _("Correction declined"),
}


MERGE_SAME_RECORD = _("A record cannot be merged into itself.")
PROBATION_MONTHS = 12  # a probationary member becomes a full member after 12 months (Party Statute)
PARTY_DATE_FUTURE = _("The date of admission to the Party is in the future.")
PARTY_DATE_TOO_YOUNG = _("The date of admission to the Party is before the trainee's 18th birthday (%(date)s).")
PARTY_FULL_TOO_EARLY = _(
    "Admitted on %(date)s, less than 12 months ago: still a probationary member (a full member only from %(end)s)."
)
PARTY_PROBATION_STALE = _(
    "Admitted on %(date)s, more than 12 months ago: probably a full member by now — check and update the record."
)
PARTY_DERIVED_PROBATIONARY = _(
    "Status not written: admitted less than 12 months ago, recorded as a probationary member."
)
PARTY_DERIVED_FULL = _("Status not written: admitted 12 months ago or more, recorded as a full member.")
MERGE_ALREADY_MERGED = _("This record has already been merged into another one.")


class TraineeError(PortalError):
    """A rule about trainee records or correction requests was broken."""


CITIZEN_ID_INVALID = _("A citizen ID has 12 digits (an old ID card 9).")
PHONE_INVALID = _("A phone number has 10 or 11 digits and starts with 0.")

# A trainee is a cadre, Party member or Youth Union member: at least 16 (the Youth Union's lowest age).
TRAINEE_MIN_AGE = 16
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
BIRTH_DATE_TOO_EARLY = _("A date of birth before 01/01/1900 is not plausible; check the year.")
BIRTH_DATE_TOO_YOUNG = _("A trainee is at least %(age)s years old: born on %(date)s or earlier.")
NAME_HAS_DIGITS = _("A name is written in letters; digits are not part of a name.")
NAME_NO_LETTERS = _("The given name has no letters.")


def _ascii_digits(value, separators: str) -> str:
    """The digits of ``value`` in ASCII (any script's decimal digits count, e.g. full-width １２３), with
    ``separators`` dropped. A number cell of a workbook is read as the integer it holds. Raises
    TraineeError (with ``error``) on any other character."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value))
    out = []
    for char in str(value or "").strip():
        if char in separators:
            continue
        if not char.isdecimal():
            return ""  # caller reports the invalid value
        out.append(str(unicodedata.decimal(char)))
    return "".join(out)


def normalize_phone(value, *, lost_leading_zero: bool = False) -> str:
    """A Vietnamese phone number as 0 + 9–10 ASCII digits ("" when empty): spaces, dots, dashes and a
    leading +84 / 84 are accepted; ``lost_leading_zero`` restores the 0 Excel drops from number cells.
    Raises TraineeError(PHONE_INVALID). The trainee form and the Excel import both use it."""
    if value in (None, ""):
        return ""
    text = str(value).strip()
    digits = _ascii_digits(text[1:] if text.startswith("+") else value, " .-()")
    if not digits:
        raise TraineeError(PHONE_INVALID)
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if lost_leading_zero and len(digits) in (9, 10) and not digits.startswith("0"):
        digits = "0" + digits
    if not re.fullmatch(r"0[0-9]{9,10}", digits):
        raise TraineeError(PHONE_INVALID)
    return digits


def normalize_citizen_id(value) -> str:
    """A citizen ID (12 ASCII digits; an old ID card 9), "" when empty; spaces and dots are accepted, and a
    number cell that lost its leading zeros gets them back. Raises TraineeError(CITIZEN_ID_INVALID)."""
    if value in (None, ""):
        return ""
    digits = _ascii_digits(value, " .")
    if isinstance(value, (int, float)) and len(digits) in (10, 11):
        digits = digits.zfill(12)
    if not re.fullmatch(r"[0-9]{12}|[0-9]{9}", digits):
        raise TraineeError(CITIZEN_ID_INVALID)
    return digits


def birth_date_problem(date_of_birth: datetime.date | None, today: datetime.date) -> str:
    """Why a date of birth cannot be right ("" when it can): before 1900, or younger than TRAINEE_MIN_AGE
    (a date in the future among them). The trainee form, the admin and the Excel import use it."""
    if date_of_birth is None:
        return ""
    if date_of_birth < EARLIEST_BIRTH_DATE:
        return str(BIRTH_DATE_TOO_EARLY)
    latest = add_months(today, -12 * TRAINEE_MIN_AGE)
    if date_of_birth > latest:
        return str(BIRTH_DATE_TOO_YOUNG % {"age": TRAINEE_MIN_AGE, "date": latest.strftime("%d/%m/%Y")})
    return ""


def name_problem(*, family_name: str, given_name: str) -> str:
    """Why a name cannot be a person's ("" when it can): a digit anywhere (a given name "123"), or a given
    name without a letter. Invisible characters are already gone (``center.text.normalize_text``)."""
    if any(ch.isdigit() for ch in f"{family_name}{given_name}"):
        return str(NAME_HAS_DIGITS)
    if given_name and not any(ch.isalpha() for ch in given_name):
        return str(NAME_NO_LETTERS)
    return ""


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def party_status_from_date(admitted_on: datetime.date, today: datetime.date) -> str:
    """Probationary for the first 12 months after admission, then full."""
    if today < add_months(admitted_on, PROBATION_MONTHS):
        return Trainee.PartyStatus.PROBATIONARY
    return Trainee.PartyStatus.FULL


def party_date_check(*, status: str, admitted_on, date_of_birth, today: datetime.date) -> tuple[list, list]:
    """(errors, warnings) about a Party status and admission date. Errors: a date in the future, before the
    18th birthday, or a full member admitted less than 12 months ago. Warning: a probationary member
    admitted more than 12 months ago (the record may simply be out of date)."""
    errors, warnings = [], []
    if not admitted_on or status == Trainee.PartyStatus.NONE:
        return errors, warnings
    when = admitted_on.strftime("%d/%m/%Y")
    if admitted_on > today:
        errors.append(str(PARTY_DATE_FUTURE))
        return errors, warnings
    if date_of_birth:
        adult = add_months(date_of_birth, 18 * 12)
        if admitted_on < adult:
            errors.append(str(PARTY_DATE_TOO_YOUNG % {"date": adult.strftime("%d/%m/%Y")}))
    probation_end = add_months(admitted_on, PROBATION_MONTHS)
    if status == Trainee.PartyStatus.FULL and today < probation_end:
        errors.append(str(PARTY_FULL_TOO_EARLY % {"date": when, "end": probation_end.strftime("%d/%m/%Y")}))
    if status == Trainee.PartyStatus.PROBATIONARY and today >= probation_end:
        warnings.append(str(PARTY_PROBATION_STALE % {"date": when}))
    return errors, warnings


def trainee_derive(trainee: Trainee) -> Trainee:
    """Normalise the names (``name_case``: each word capitalised) and fill the derived columns
    (search_name, sort_key) in place."""
    trainee.family_name = name_case(trainee.family_name)
    trainee.given_name = name_case(trainee.given_name)
    trainee.search_name = fold(trainee.full_name)
    trainee.sort_key = name_sort_key(trainee.given_name, trainee.family_name)
    trainee.citizen_id = normalize_text(trainee.citizen_id) or None
    return trainee


def trainee_problems(trainee: Trainee, *, today: datetime.date) -> dict:
    """Field → message for what a trainee record may not hold beyond the model's own rules: a name with
    digits, an implausible date of birth, a citizen ID or phone that is not one. Normalises the citizen ID
    and phone to ASCII digits in place (the duplicate check compares those)."""
    problems = {}
    problem = name_problem(family_name=trainee.family_name, given_name=trainee.given_name)
    if problem:
        problems["given_name"] = problem
    problem = birth_date_problem(trainee.date_of_birth, today)
    if problem:
        problems["date_of_birth"] = problem
    try:
        trainee.citizen_id = normalize_citizen_id(trainee.citizen_id) or None
    except TraineeError as exc:
        problems["citizen_id"] = str(exc.message)
    try:
        trainee.phone = normalize_phone(trainee.phone)
    except TraineeError as exc:
        problems["phone"] = str(exc.message)
    return problems


@transaction.atomic
def trainee_save(*, trainee: Trainee, by, audit: bool = True) -> Trainee:
    """Validate and save a trainee with its folded search name and roster sort key; the citizen ID and
    phone are stored in ASCII digits (``trainee_problems``), whoever saves (form, admin, import).

    Raises ``ValidationError`` for invalid data (e.g. a citizen ID already on another record)."""
    created = trainee.pk is None
    trainee_derive(trainee)
    problems = trainee_problems(trainee, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    trainee.full_clean()
    trainee.save()
    if audit:
        audit_record(subject=trainee, action="trainee.created" if created else "trainee.updated", by=by)
    return trainee


class TraineeInvalid(ValidationError):
    """One of the records given to ``trainees_create_many`` is invalid: ``index`` says which."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(error.messages)
        self.index = index


def trainees_create_many(*, trainees: list[Trainee], by) -> list[Trainee]:
    """Create many new trainee records in a few queries (the Excel import): each is derived and validated
    as ``trainee_save`` does, except the checks that need a query per record: the unit (given as a
    record) and the uniqueness of the citizen ID, which the caller has matched already and the database's
    constraint still guards (an ``IntegrityError`` then). One history entry each.

    Raises ``TraineeInvalid`` for the first invalid record (nothing written)."""
    today = timezone.localdate()
    for index, trainee in enumerate(trainees):
        trainee_derive(trainee)
        try:
            problems = trainee_problems(trainee, today=today)
            if problems:
                raise ValidationError(problems)
            trainee.full_clean(exclude=["unit", "merged_into"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise TraineeInvalid(index, exc) from exc
    created = Trainee.objects.bulk_create(trainees)
    audit_record_many(subjects=created, action="trainee.created", by=by)
    return created


def trainee_duplicates_query(*, full_name: str, date_of_birth=None, citizen_id: str | None = None, exclude_pk=None):
    """Records (not merged away) that look like the same person: the same citizen ID, or the same
    name and date of birth."""
    condition = Q(pk__in=[])
    if citizen_id:
        condition |= Q(citizen_id=citizen_id)
    if date_of_birth:
        condition |= Q(search_name=fold(full_name), date_of_birth=date_of_birth)
    qs = Trainee.objects.filter(condition, merged_into__isnull=True).select_related("unit")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


@transaction.atomic
def trainee_merge(*, duplicate: Trainee, into: Trainee, by, reason: str = "") -> Trainee:
    """Merge ``duplicate`` into ``into``: its enrolments move to ``into`` (where ``into`` is already in
    the same course, the duplicate's enrolment stays, withdrawn, on the old record), missing details
    are copied over, and the old record is marked ``merged_into``. Nothing is deleted.

    Raises ``TraineeError`` when merging a record into itself or a record merged already."""
    duplicate = Trainee.objects.select_for_update().get(pk=duplicate.pk)
    into = Trainee.objects.select_for_update().get(pk=into.pk)
    if duplicate.pk == into.pk:
        raise TraineeError(MERGE_SAME_RECORD)
    if duplicate.merged_into_id or into.merged_into_id:
        raise TraineeError(MERGE_ALREADY_MERGED)

    taken = set(into.enrolments.values_list("course_id", flat=True))
    moved, kept = [], []
    for enrolment in duplicate.enrolments.all():
        if enrolment.course_id in taken:
            kept.append(enrolment.pk)
            if enrolment.status in (Enrolment.Status.PENDING, Enrolment.Status.WAITLISTED, Enrolment.Status.APPROVED):
                enrolment.status = Enrolment.Status.WITHDRAWN
                enrolment.decision_reason = str(_("Duplicate record merged"))
                enrolment.save(update_fields=["status", "decision_reason"])
        else:
            moved.append(enrolment.pk)
    Enrolment.objects.filter(pk__in=moved).update(trainee=into)

    citizen_id = duplicate.citizen_id
    user = duplicate.user
    duplicate.merged_into = into
    duplicate.citizen_id = None
    duplicate.user = None
    duplicate.save(update_fields=["merged_into", "citizen_id", "user", "updated_at"])
    for field in ("date_of_birth", "gender", "unit", "position", "education_level", "theory_level", "phone", "email"):
        if not getattr(into, field) and getattr(duplicate, field):
            setattr(into, field, getattr(duplicate, field))
    if not into.citizen_id and citizen_id:
        into.citizen_id = citizen_id
    if into.user_id is None and user is not None:
        into.user = user
    trainee_derive(into)
    into.full_clean()
    into.save()
    data = {"into": into.pk, "moved_enrolments": moved, "kept_enrolments": kept}
    audit_record(subject=duplicate, action="trainee.merged", by=by, reason=reason, data=data)
    audit_record(subject=into, action="trainee.merged_in", by=by, reason=reason, data={"from": duplicate.pk, **data})
    return into


ERROR_REQUEST_EMPTY = _("Describe what should be corrected.")
ERROR_REQUEST_CLOSED = _("This request has already been handled.")
ERROR_REPLY_NEEDED = _("Give the trainee a reason when you decline a request.")


@transaction.atomic
def correction_request_submit(*, trainee: Trainee, text: str, by) -> CorrectionRequest:
    """A trainee asks staff to correct their personal data; it appears in the staff's open requests."""
    text = (text or "").strip()
    if not text:
        raise TraineeError(ERROR_REQUEST_EMPTY)
    request = CorrectionRequest(trainee=trainee, text=text)
    request.full_clean()
    request.save()
    audit_record(subject=request, action="correction.submitted", by=by)
    return request


@transaction.atomic
def correction_request_close(*, correction: CorrectionRequest, status: str, reply: str, by) -> CorrectionRequest:
    """Staff mark a request done or declined, with a reply the trainee reads (required to decline)."""
    correction = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
    if correction.status != CorrectionRequest.Status.OPEN:
        raise TraineeError(ERROR_REQUEST_CLOSED)
    if status not in (CorrectionRequest.Status.DONE, CorrectionRequest.Status.DECLINED):
        raise ValidationError({"status": _("Choose done or declined.")})
    reply = (reply or "").strip()
    if status == CorrectionRequest.Status.DECLINED and not reply:
        raise TraineeError(ERROR_REPLY_NEEDED)
    correction.status = status
    correction.reply = reply
    correction.handled_by = by
    correction.handled_at = timezone.now()
    correction.save(update_fields=["status", "reply", "handled_by", "handled_at"])
    audit_record(subject=correction, action=f"correction.{status}", by=by, reason=reply)
    return correction


def correction_record_unchanged(*, correction: CorrectionRequest) -> bool:
    """True when the trainee's record has not been saved since the request was made: marking such a
    request done is allowed, but staff are reminded that nothing seems to have been corrected."""
    trainee = correction.trainee
    return trainee.updated_at is None or trainee.updated_at <= correction.created_at
