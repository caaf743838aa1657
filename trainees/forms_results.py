"""Forms for attendance, results, completion and certificates. They validate and normalise; services save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trainees.models import Attendance
from trainees.services.attendance import Mark
from trainees.services.results import ResultError, parse_score

ERROR_BAD_STATUS = _("Choose one of the attendance marks.")
ERROR_CODE_REQUIRED = _("Type the code printed on the certificate.")


def read_session_grid(data, *, session, roster) -> tuple[list[Mark], dict[int, str]]:
    """The posted grid of one session: ``status-<enrolment>`` and ``note-<enrolment>`` for each row on
    the roster. Missing status = present (the default). Returns the marks and per-row errors."""
    marks, errors = [], {}
    valid = set(Attendance.Status.values)
    for enrolment in roster:
        status = data.get(f"status-{enrolment.pk}", Attendance.Status.PRESENT)
        note = (data.get(f"note-{enrolment.pk}") or "").strip()
        if status not in valid:
            errors[enrolment.pk] = str(ERROR_BAD_STATUS)
            continue
        if len(note) > 255:
            errors[enrolment.pk] = str(_("The note is too long (at most 255 characters)."))
            continue
        marks.append(Mark(enrolment_id=enrolment.pk, session_id=session.pk, status=status, note=note))
    return marks, errors


def read_course_matrix(data, *, sessions, roster) -> tuple[list[Mark], dict[int, str]]:
    """The posted matrix (trainees × sessions) copied from the sign-in sheet: ``m-<enrolment>-<session>``.
    Cells not posted are left alone."""
    marks, errors = [], {}
    valid = set(Attendance.Status.values)
    for enrolment in roster:
        for session in sessions:
            status = data.get(f"m-{enrolment.pk}-{session.pk}")
            if status is None or status == "":
                continue
            if status not in valid:
                errors[enrolment.pk] = str(ERROR_BAD_STATUS)
                continue
            marks.append(Mark(enrolment_id=enrolment.pk, session_id=session.pk, status=status))
    return marks, errors


def read_scores(data, *, roster) -> tuple[dict, dict[int, str]]:
    """Per-trainee score inputs ``score-<enrolment>`` → {enrolment pk: Decimal|None} and errors."""
    scores, errors = {}, {}
    for enrolment in roster:
        key = f"score-{enrolment.pk}"
        if key not in data:
            continue
        try:
            scores[enrolment.pk] = parse_score(data[key])
        except ResultError as exc:
            errors[enrolment.pk] = str(exc)
    return scores, errors


class ScorePasteForm(forms.Form):
    column = forms.CharField(
        label=_("Scores, one line per trainee in roster order"),
        widget=forms.Textarea(attrs={"rows": 10, "class": "font-monospace"}),
        help_text=_("Copy the score column from a spreadsheet; a blank line means no score yet."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), strip=True)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        error_messages={"required": ERROR_CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "placeholder": "XXXXX-XXXXX"}
        ),
    )


class IssueForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Issue date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"),
    )
