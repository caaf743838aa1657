"""Forms for issuing, revoking and verifying certificates. They validate and normalise; services save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trainees.certificates.services import normalize_code
from trainees.models import Certificate

ERROR_CODE_REQUIRED = _("Type the code printed on the certificate.")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), strip=True)


class ReissueForm(ReasonForm):
    cause = forms.ChoiceField(
        label=_("Cause"), choices=Certificate.ReissueCause.choices, widget=forms.RadioSelect, required=True
    )

    field_order = ["cause", "reason"]


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        error_messages={"required": ERROR_CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "placeholder": "XXXXX-XXXXX"}
        ),
    )

    def clean_code(self):
        # Only letters and digits count ("7kq2m xh4pd" is 7KQ2M-XH4PD); a code of dashes or invisible
        # characters alone is no code at all.
        code = normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(ERROR_CODE_REQUIRED)
        return code


class IssueForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Issue date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d"),
    )
