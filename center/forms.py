from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from center.models import Center
from center.templatetags.portal import person_name
from center.text import normalize_text


class CenterForm(forms.ModelForm):
    class Meta:
        model = Center
        fields = [
            "name",
            "short_name",
            "parent_body",
            "party_line",
            "place_name",
            "legal_basis",
            "document_code",
            "address",
            "phone",
            "email",
            "website",
            "director_name",
            "director_title",
            "approval_delegate",
            "staffing_min",
            "staffing_max",
            "certificate_number_format",
        ]

    def __init__(self, *args, delegate_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if delegate_choices is not None:
            self.fields["approval_delegate"].queryset = delegate_choices
        self.fields["approval_delegate"].label_from_instance = person_name
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        cleaned = super().clean()
        for name in (
            "name",
            "short_name",
            "parent_body",
            "party_line",
            "place_name",
            "director_name",
            "director_title",
        ):
            if cleaned.get(name):
                cleaned[name] = normalize_text(cleaned[name])
        low, high = cleaned.get("staffing_min"), cleaned.get("staffing_max")
        if low is not None and high is not None and low > high:
            self.add_error("staffing_max", _("The maximum must not be less than the minimum."))
        # The certificate number format is checked by Center.clean (the admin uses the same rule).
        return cleaned
