"""Forms of enrolments, decisions and the Excel import (validation and normalisation only)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from center.models import Unit
from courses.models import Course
from staff.models import StaffMember
from trainees.models import Enrolment, Trainee
from trainees.records.forms import DATE_WIDGET, active_units


def open_courses():
    return Course.objects.exclude(status__in=[Course.Status.FINISHED, Course.Status.CANCELLED]).order_by(
        "start_date", "code"
    )


class EnrolmentForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    trainee = forms.ModelChoiceField(
        label=_("Trainee"), queryset=Trainee.objects.filter(merged_into__isnull=True), widget=forms.HiddenInput
    )
    sending_unit = forms.ModelChoiceField(label=_("Sending unit"), queryset=Unit.objects.none(), required=False)
    nomination_number = forms.CharField(
        label=_("Nomination document number"), max_length=60, required=False, help_text=_("e.g. 125-CV/ĐU")
    )
    nomination_date = forms.DateField(label=_("Nomination document date"), required=False, widget=DATE_WIDGET)
    override_reason = forms.CharField(
        label=_("Reason to override the eligibility rule"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The trainee does not meet the programme's rule; as the director you may enrol them anyway, "
            "with a written reason that is recorded."
        ),
    )

    def __init__(self, *args, allow_override=False, **kwargs):
        """``allow_override``: the user may decide and the trainee fails the course's rule, so the
        override reason field is shown."""
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = open_courses().select_related("programme")
        self.fields["sending_unit"].queryset = active_units()
        if not allow_override:
            del self.fields["override_reason"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Submit the enrolment")))


class EnrolmentBatchForm(forms.Form):
    """Several trainees found by a search, enrolled in one course with one nomination document."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    trainees = forms.ModelMultipleChoiceField(
        label=_("Trainees"),
        queryset=Trainee.objects.filter(merged_into__isnull=True).select_related("unit"),
        error_messages={"required": _("Select at least one trainee.")},
    )
    nomination_number = forms.CharField(
        label=_("Nomination document number"), max_length=60, required=False, help_text=_("e.g. 125-CV/ĐU")
    )
    nomination_date = forms.DateField(label=_("Nomination document date"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = open_courses().select_related("programme")


class DecisionForm(forms.Form):
    ACTIONS = [
        ("approve", _("Approve")),
        ("reject", _("Reject")),
        ("waitlist", _("Put on the waiting list")),
        ("withdraw", _("Withdraw")),
        ("promote", _("Promote from the waiting list")),
    ]
    WHEN_FULL = [("refuse", _("Refuse the approval")), ("waitlist", _("Put on the waiting list"))]

    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(label=_("Reason to override the eligibility rule"), required=False)
    when_full = forms.ChoiceField(label=_("When the course is full"), choices=WHEN_FULL, required=False)


class BulkDecisionForm(forms.Form):
    ACTIONS = DecisionForm.ACTIONS[:3]

    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS)
    reason = forms.CharField(label=_("Reason (one for all)"), required=False)
    when_full = forms.ChoiceField(label=_("When the course is full"), choices=DecisionForm.WHEN_FULL, required=False)
    enrolments = forms.TypedMultipleChoiceField(
        coerce=int, choices=[], error_messages={"required": _("Select at least one enrolment.")}
    )

    def __init__(self, *args, enrolment_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].choices = [(pk, pk) for pk in enrolment_ids]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Please give a reason."))
        return cleaned


class ImportUploadForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Sending unit"),
        queryset=Unit.objects.none(),
        help_text=_(
            "The unit that sends this list under the nomination document below; every enrolment of the file gets "
            "them. The “Đơn vị” column is each trainee's own unit (when empty: this unit)."
        ),
        error_messages={"required": _("Choose the sending unit of this list.")},
    )
    nomination_number = forms.CharField(label=_("Nomination document number"), max_length=60, required=False)
    nomination_date = forms.DateField(label=_("Nomination document date"), required=False, widget=DATE_WIDGET)
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()
        self.helper = FormHelper()
        self.helper.add_input(Submit("upload", _("Check the file")))


class ImportUnitMapForm(forms.Form):
    """The preview's "did you mean": read one unknown “Đơn vị” value of the file as a known unit."""

    value = forms.CharField(max_length=300)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(), error_messages={"invalid_choice": _("Choose a unit from the list.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()


class _TraineeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = obj.sending_unit or obj.trainee.unit
        return f"{obj.trainee.full_name} — {unit.name}" if unit else obj.trainee.full_name


class ClassOfficersForm(forms.Form):
    """The class administrator (a staff member) and the ban cán sự, chosen among the class's approved trainees."""

    administrator = forms.ModelChoiceField(
        label=_("Class administrator (giáo vụ)"), queryset=StaffMember.objects.none(), required=False
    )
    monitor = _TraineeChoice(label=_("Class monitor"), queryset=Enrolment.objects.none(), required=False)
    deputy_1 = _TraineeChoice(label=_("Deputy class monitor"), queryset=Enrolment.objects.none(), required=False)
    deputy_2 = _TraineeChoice(label=_("Second deputy class monitor"), queryset=Enrolment.objects.none(), required=False)

    def __init__(self, *args, course, officers=None, **kwargs):
        if officers is not None and "initial" not in kwargs:
            deputies = officers.deputies + [None, None]
            kwargs["initial"] = {
                "administrator": officers.administrator,
                "monitor": officers.monitor,
                "deputy_1": deputies[0],
                "deputy_2": deputies[1],
            }
        super().__init__(*args, **kwargs)
        self.fields["administrator"].queryset = StaffMember.objects.filter(
            Q(is_active=True) | Q(pk=course.academic_officer_id)
        ).order_by("sort_key", "pk")
        roster = Enrolment.objects.roster(course)
        for name in ("monitor", "deputy_1", "deputy_2"):
            self.fields[name].queryset = roster
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
