"""Reading the attendance grids and the score sheet (validation only; services save)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trainees.learning.services import Mark, ResultError, parse_score
from trainees.models import Attendance

ERROR_BAD_STATUS = _("Choose one of the attendance marks.")


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


def read_scores(data, *, roster, prefix: str = "score") -> tuple[dict, dict[int, str]]:
    """Per-trainee score inputs ``<prefix>-<enrolment>`` (``score`` for the paper, ``retake`` for the
    retake) → {enrolment pk: Decimal|None} and errors."""
    scores, errors = {}, {}
    for enrolment in roster:
        key = f"{prefix}-{enrolment.pk}"
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
