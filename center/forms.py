from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from center.kinds import kind_defaults
from center.models import Center
from center.templatetags.portal import person_name
from center.text import normalize_text


class CenterForm(forms.ModelForm):
    # The kind whose defaults were last filled in, so saving after a change of kind does not fill them again.
    defaults_applied = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Center
        fields = [
            "kind",
            "locality",
            "province",
            "name",
            "short_name",
            "parent_body",
            "party_line",
            "place_name",
            "legal_basis",
            "served_area",
            "document_code",
            "address",
            "phone",
            "email",
            "website",
            "director_name",
            "director_title",
            "approval_delegate",
            "signing_delegate",
            "deputy_title",
            "staffing_rule",
            "staffing_min",
            "staffing_max",
            "deputy_max",
            "certificate_number_format",
            "diploma_number_format",
            "document_number_format",
            "certificate_deadline_days",
        ]
        widgets = {
            "served_area": forms.Textarea(attrs={"rows": 3}),
            "staffing_rule": forms.Textarea(attrs={"rows": 3}),
        }

    # Filled in from the kind's defaults (center.kinds): the director reviews them before saving.
    DEFAULT_FIELDS = [
        "name",
        "parent_body",
        "place_name",
        "legal_basis",
        "served_area",
        "staffing_rule",
        "staffing_min",
        "staffing_max",
        "deputy_max",
    ]

    def __init__(self, *args, delegate_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._delegate_choices = delegate_choices
        for name in ("approval_delegate", "signing_delegate"):
            if delegate_choices is not None:
                self.fields[name].queryset = delegate_choices
            self.fields[name].label_from_instance = person_name
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))
        self.helper.add_input(
            Submit("apply_defaults", _("Use the defaults of this kind"), css_class="btn-outline-secondary")
        )

    def wants_kind_defaults(self) -> bool:
        """True when the director pressed “use the defaults of this kind”, or changed the kind and has
        not yet seen that kind's defaults."""
        if not self.is_bound:
            return False
        if "apply_defaults" in self.data:
            return True
        kind = self.data.get("kind")
        return kind in Center.Kind.values and kind != self.instance.kind and self.data.get("defaults_applied") != kind

    def with_kind_defaults(self) -> "CenterForm":
        """A new unbound form: what was typed, with the chosen kind's defaults written over the fields
        they cover (served area only when empty). Nothing is saved."""
        typed = {name: self.data.get(name, "") for name in self.fields}
        kind = typed.get("kind") or Center.Kind.COMMUNE
        if kind not in Center.Kind.values:
            kind = Center.Kind.COMMUNE
        defaults = kind_defaults(kind, locality=typed.get("locality", ""))
        if (typed.get("served_area") or "").strip():
            defaults.pop("served_area", None)
        initial = {
            **typed,
            "kind": kind,
            "defaults_applied": kind,
            **{k: ("" if v is None else v) for k, v in defaults.items()},
        }
        form = type(self)(initial=initial, instance=self.instance, delegate_choices=self._delegate_choices)
        return form

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
            "deputy_title",
            "locality",
            "province",
        ):
            if cleaned.get(name):
                cleaned[name] = normalize_text(cleaned[name])
        low, high = cleaned.get("staffing_min"), cleaned.get("staffing_max")
        if low is not None and high is not None and low > high:
            self.add_error("staffing_max", _("The maximum must not be less than the minimum."))
        # The certificate number format is checked by Center.clean (the admin uses the same rule).
        return cleaned
