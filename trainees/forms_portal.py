"""Forms of the trainee portal and of the staff's account pages. They validate and normalise; services save."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from trainees.models import CorrectionRequest
from trainees.services.accounts import CODE_LENGTH, normalize_code


class ActivationForm(forms.Form):
    """Step 1 of activation: the username and the code printed on the slip."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocapitalize": "none", "autocorrect": "off", "autocomplete": "username", "spellcheck": "false"}
        ),
    )
    code = forms.CharField(
        label=_("Activation code"),
        max_length=20,
        help_text=_("8 letters and digits, as printed on your slip; the dash is optional."),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocorrect": "off", "autocomplete": "one-time-code"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(_("The code has 8 letters and digits."))
        return code


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
