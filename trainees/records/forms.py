"""Forms of trainee records and correction requests (validation and normalisation only)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from center.models import Unit
from center.text import normalize_text, split_full_name
from trainees.models import CorrectionRequest, Trainee
from trainees.records.services import (
    TraineeError,
    birth_date_problem,
    name_problem,
    normalize_citizen_id,
    normalize_phone,
    party_date_check,
)

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
FULL_NAME_INVALID = _("Write the family, middle and given names, e.g. Nguyễn Văn An.")


def clean_citizen_id(value: str) -> str:
    try:
        return normalize_citizen_id(value)
    except TraineeError as exc:
        raise forms.ValidationError(exc.message) from None


def clean_phone(value: str) -> str:
    try:
        return normalize_phone(value)
    except TraineeError as exc:
        raise forms.ValidationError(exc.message) from None


def clean_date_of_birth(value):
    problem = birth_date_problem(value, timezone.localdate())
    if problem:
        raise forms.ValidationError(problem)
    return value


def active_units():
    return Unit.objects.filter(is_active=True).order_by("name")


class TraineeForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Full name"), max_length=120, help_text=_("e.g. Nguyễn Thị Hồng"))
    confirm_distinct = forms.BooleanField(label=_("This is a different person: save a separate record"), required=False)

    class Meta:
        model = Trainee
        fields = [
            "date_of_birth",
            "gender",
            "ethnicity",
            "religion",
            "hometown",
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

    def __init__(self, *args, sensitive=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not sensitive:  # the religion is kept, unseen, for those who may not see it
            del self.fields["religion"]
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
        problem = name_problem(family_name=family, given_name=given)
        if problem:
            raise forms.ValidationError(problem)
        self.cleaned_data["family_name"], self.cleaned_data["given_name"] = family, given
        return normalize_text(self.cleaned_data["full_name"])

    def clean_date_of_birth(self):
        return clean_date_of_birth(self.cleaned_data.get("date_of_birth"))

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


class CorrectionRequestForm(forms.Form):
    text = forms.CharField(
        label=_("What should be corrected?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: my date of birth is 12/03/1985, not 21/03/1985."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Describe what should be corrected."))
        return text


class CorrectionCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(CorrectionRequest.Status.DONE, _("Done")), (CorrectionRequest.Status.DECLINED, _("Declined"))],
    )
    reply = forms.CharField(label=_("Reply to the trainee"), max_length=2000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") == CorrectionRequest.Status.DECLINED and not (data.get("reply") or "").strip():
            self.add_error("reply", _("Give the trainee a reason when you decline a request."))
        return data
