from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from center.roles import Role
from center.text import name_case
from staff.models import StaffMember
from staff.services import STAFF_ROLES, grantable_roles, staff_role_of

NO_ROLE = ("", _("No login"))
OWN_ROLE_HELP = _("Nobody can change their own role.")
ROLE_NOT_YOURS_HELP = _("Only the director may change this role.")


class StaffMemberForm(forms.ModelForm):
    username = forms.SlugField(
        label=_("username"),
        required=False,
        max_length=150,
        help_text=_("Leave empty for a guest lecturer without a login."),
    )
    role = forms.ChoiceField(label=_("role in the portal"), choices=[NO_ROLE], required=False)

    class Meta:
        model = StaffMember
        fields = [
            "full_name",
            "position",
            "is_established",
            "theory_level",
            "degree",
            "has_pedagogy_certificate",
            "workplace",
            "phone",
            "email",
            "is_active",
            "note",
        ]

    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user if self.instance.pk else None
        # Only the roles this editor may grant are offered; a role the editor may not change (their own,
        # or a director's for a deputy) is shown but cannot be changed. The service checks again.
        allowed = grantable_roles(editor)
        current = staff_role_of(user)
        choices = [NO_ROLE] + [(role, Role.LABELS[role]) for role in STAFF_ROLES if role in allowed]
        role_field = self.fields["role"]
        if user:
            self.fields["username"].initial = user.username
            self.fields["username"].disabled = True
            role_field.initial = current
            if user.pk == editor.pk or (current and current not in allowed):
                role_field.disabled = True
                role_field.help_text = OWN_ROLE_HELP if user.pk == editor.pk else ROLE_NOT_YOURS_HELP
                choices = [NO_ROLE] + ([(current, Role.LABELS[current])] if current else [])
        role_field.choices = choices
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_full_name(self):
        return name_case(self.cleaned_data["full_name"])

    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        if self.fields["username"].disabled:
            return username
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("username") and not cleaned.get("role"):
            self.add_error("role", _("Choose the role this login has in the portal."))
        if cleaned.get("role") and not cleaned.get("username"):
            self.add_error("username", _("A role needs a username."))
        return cleaned
