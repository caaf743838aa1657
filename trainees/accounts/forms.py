"""The activation form a trainee fills with the code on the slip. It validates and normalises; services save."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from trainees.accounts.services import CODE_LENGTH, normalize_code


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
