"""Forms for trainee records, enrolments, decisions and imports. They validate and normalise; the
services save."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.models import Unit
from center.text import normalize_text, split_full_name
from courses.models import Course
from trainees.models import Trainee
from trainees.services.trainees import party_date_check

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
CITIZEN_ID_INVALID = _("A citizen ID has 12 digits (an old ID card 9).")
PHONE_INVALID = _("A phone number has 10 or 11 digits and starts with 0.")
FULL_NAME_INVALID = _("Write the family, middle and given names, e.g. Nguyễn Văn An.")


def clean_citizen_id(value: str) -> str:
    value = re.sub(r"[\s.]", "", value or "")
    if value and not re.fullmatch(r"\d{12}|\d{9}", value):
        raise forms.ValidationError(CITIZEN_ID_INVALID)
    return value


def clean_phone(value: str) -> str:
    value = re.sub(r"[\s.\-]", "", value or "")
    if value.startswith("+84"):
        value = "0" + value[3:]
    if value and not re.fullmatch(r"0\d{9,10}", value):
        raise forms.ValidationError(PHONE_INVALID)
    return value


def active_units():
    return Unit.objects.filter(is_active=True).order_by("name")


def open_courses():
    return Course.objects.exclude(status__in=[Course.Status.FINISHED, Course.Status.CANCELLED]).order_by(
        "start_date", "code"
    )


class TraineeForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Full name"), max_length=120, help_text=_("e.g. Nguyễn Thị Hồng"))
    confirm_distinct = forms.BooleanField(label=_("This is a different person: save a separate record"), required=False)

    class Meta:
        model = Trainee
        fields = [
            "date_of_birth",
            "gender",
            "ethnicity",
            "unit",
            "position",
            "party_status",
            "party_admitted_on",
            "is_committee_member",
            "education_level",
            "theory_level",
            "phone",
            "email",
            "citizen_id",
        ]
        widgets = {"date_of_birth": DATE_WIDGET, "party_admitted_on": DATE_WIDGET}

    field_order = ["full_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.party_warnings = []
        if self.instance.pk:
            self.fields["full_name"].initial = self.instance.full_name
        self.fields["unit"].queryset = active_units()
        self.fields["citizen_id"].help_text = _("Optional; 12 digits. Shown only to staff.")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_full_name(self):
        family, given = split_full_name(self.cleaned_data["full_name"])
        if not family or not given:
            raise forms.ValidationError(FULL_NAME_INVALID)
        self.cleaned_data["family_name"], self.cleaned_data["given_name"] = family, given
        return normalize_text(self.cleaned_data["full_name"])

    def clean_citizen_id(self):
        return clean_citizen_id(self.cleaned_data.get("citizen_id")) or None

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("party_status")
        if status == Trainee.PartyStatus.NONE and cleaned.get("party_admitted_on"):
            self.add_error("party_admitted_on", _("Only a Party member has an admission date."))
        elif status:
            errors, self.party_warnings = party_date_check(
                status=status,
                admitted_on=cleaned.get("party_admitted_on"),
                date_of_birth=cleaned.get("date_of_birth"),
                today=timezone.localdate(),
            )
            for message in errors:
                self.add_error("party_admitted_on", message)
        if cleaned.get("family_name"):
            self.instance.family_name = cleaned["family_name"]
            self.instance.given_name = cleaned["given_name"]
        return cleaned

    def validate_unique(self):
        # A citizen ID already on file is reported as a duplicate (with the record) by the view.
        exclude = self._get_validation_exclusions() | {"citizen_id"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as e:
            self._update_errors(e)


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
        required=False,
        help_text=_("Used for rows whose “Đơn vị” cell is empty."),
    )
    nomination_number = forms.CharField(label=_("Nomination document number"), max_length=60, required=False)
    nomination_date = forms.DateField(label=_("Nomination document date"), required=False, widget=DATE_WIDGET)
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()
        self.helper = FormHelper()
        self.helper.add_input(Submit("upload", _("Check the file")))
