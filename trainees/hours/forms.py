import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Course
from staff.models import StaffMember
from trainees.models import HoursRules, MarkingWork
from trainees.models.hours import PAID_POSITIONS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONTHS = [(m, f"{m:02d}") for m in range(1, 13)]


def lecturers():
    return StaffMember.objects.exclude(position=StaffMember.Position.OFFICER).filter(is_active=True)


class HoursRulesForm(forms.ModelForm):
    class Meta:
        model = HoursRules
        fields = [
            "yearly_norm",
            "director_share",
            "deputy_share",
            "hours_per_period",
            "hours_per_paper",
            "hours_per_exam",
            "rate_part_time",
            "rate_guest",
            "rate_reporter",
            "chief_accountant_name",
        ]


class MarkingForm(forms.Form):
    lecturer = forms.ModelChoiceField(label=_("Lecturer"), queryset=StaffMember.objects.none())
    kind = forms.ChoiceField(label=_("Work"), choices=MarkingWork.Kind.choices)
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=0,
        max_value=2000,
        help_text=_("Papers marked, or exams set; 0 removes the line"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = lecturers()


class StatementForm(forms.Form):
    SCOPES = [("month", _("A month")), ("course", _("A course"))]

    scope = forms.ChoiceField(label=_("Statement of"), choices=SCOPES, initial="month", widget=forms.RadioSelect)
    month = forms.TypedChoiceField(label=_("Month"), choices=MONTHS, coerce=int, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none(), required=False)
    lecturer = forms.ModelChoiceField(
        label=_("Only this lecturer"),
        queryset=StaffMember.objects.none(),
        required=False,
        help_text=_("Empty: every part-time and guest lecturer and reporter with hours"),
    )
    issued_on = forms.DateField(label=_("Date of the statement"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        last_month = today.replace(day=1) - datetime.timedelta(days=1)
        self.fields["month"].initial = last_month.month
        self.fields["year"].initial = last_month.year
        self.fields["issued_on"].initial = today
        self.fields["course"].queryset = Course.objects.exclude(status=Course.Status.CANCELLED).order_by(
            "-start_date", "code"
        )
        self.fields["lecturer"].queryset = StaffMember.objects.filter(position__in=PAID_POSITIONS)

    def clean(self):
        data = super().clean()
        if data.get("scope") == "course":
            if not data.get("course"):
                self.add_error("course", _("Choose the course."))
        elif data.get("scope") == "month":
            if not data.get("month"):
                self.add_error("month", _("Choose the month."))
            if not data.get("year"):
                self.add_error("year", _("Give the year."))
        return data


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))
    issued_on = forms.DateField(label=_("Date of the corrected statement"), widget=DATE_WIDGET)
