from django import forms

from trainees.models import TrainingReport
from trainees.reports.services import MAX_TEXT


class ReportForm(forms.ModelForm):
    class Meta:
        model = TrainingReport
        fields = ["assessment", "directions", "proposals"]
        widgets = {name: forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT}) for name in fields}
