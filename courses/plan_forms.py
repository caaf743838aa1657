from django import forms
from django.utils.translation import gettext_lazy as _

from center.text import normalize_text
from courses.models import PlanLine, Programme, TrainingPlan

# A center plans a few dozen lines a year; a posted form count beyond this is refused, not built.
MAX_LINES = 80


class PlanNoteForm(forms.ModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class PlanLineForm(forms.ModelForm):
    class Meta:
        model = PlanLine
        fields = ["quarter", "programme", "classes", "learners", "target_groups"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(is_active=True)
        if self.instance.pk:
            programmes = programmes | Programme.objects.filter(pk=self.instance.programme_id)
        self.fields["programme"].queryset = programmes.distinct()

    def clean_target_groups(self):
        return normalize_text(self.cleaned_data["target_groups"])


class BasePlanLineFormSet(forms.BaseInlineFormSet):
    def validate_unique(self):
        # One programme per quarter is checked in clean(), with a message that names the rule in words;
        # the database constraint stays the last line of defence.
        pass

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            key = (form.cleaned_data.get("programme"), form.cleaned_data.get("quarter"))
            if None in key:
                continue
            if key in seen:
                form.add_error(
                    "programme", _("This programme is already planned for this quarter: add to its classes.")
                )
            seen.add(key)


PlanLineFormSet = forms.inlineformset_factory(
    TrainingPlan,
    PlanLine,
    form=PlanLineForm,
    formset=BasePlanLineFormSet,
    extra=3,
    can_delete=True,
    max_num=MAX_LINES,
    absolute_max=MAX_LINES,
    validate_max=True,
)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
