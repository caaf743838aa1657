from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from center.models import Room, Unit
from center.text import normalize_text
from courses.models import Course, PlanLine, Programme, Session
from courses.plans import check_plan_line
from courses.services import DEFAULT_TIMES, SessionSpec
from staff.models import StaffMember

P = Session.PartOfDay
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric"})
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def _helper(label=None) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label or _("Save")))
    return helper


def lecturer_choices():
    return StaffMember.objects.filter(is_active=True).exclude(position=StaffMember.Position.OFFICER)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "kind",
            "name",
            "code",
            "description",
            "days",
            "periods",
            "gives_certificate",
            "award",
            "certificate_validity_months",
            "eligibility",
            "eligibility_months",
            "min_education_grade",
            "min_class_size",
            "min_attendance_percent",
            "min_score",
            "fair_from",
            "good_from",
            "excellent_from",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Scores are typed the Vietnamese way (6,5) as well as 6.5.
        for name in ("min_score", "fair_from", "good_from", "excellent_from"):
            field = self.fields[name]
            field.localize = True
            field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
            field.widget.is_localized = True
        # Left empty, the minimum class size stays what it was (25 for a new programme); 0 means none.
        self.fields["min_class_size"].required = False
        # Likewise what it awards (a certificate unless set).
        self.fields["award"].required = False
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("kind", css_class="col-md-6"),
                Column("code", css_class="col-md-3"),
                Column("is_active", css_class="col-md-3 pt-md-4"),
            ),
            "name",
            "description",
            Row(
                Column("days", css_class="col-6 col-md-3"),
                Column("periods", css_class="col-6 col-md-3"),
                Column("gives_certificate", css_class="col-md-6 pt-md-4"),
            ),
            Row(
                Column("award", css_class="col-md-6"),
                Column("certificate_validity_months", css_class="col-md-6"),
            ),
            Row(
                Column("eligibility", css_class="col-md-6"),
                Column("eligibility_months", css_class="col-md-3"),
                Column("min_education_grade", css_class="col-md-3"),
            ),
            "min_class_size",
            Row(
                Column("min_attendance_percent", css_class="col-6 col-md"),
                Column("min_score", css_class="col-6 col-md"),
                Column("fair_from", css_class="col-4 col-md"),
                Column("good_from", css_class="col-4 col-md"),
                Column("excellent_from", css_class="col-4 col-md"),
            ),
        )

    def clean_name(self):
        return normalize_text(self.cleaned_data["name"])

    def clean_code(self):
        return normalize_text(self.cleaned_data["code"]).upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("eligibility") == Programme.Eligibility.NEW_PARTY_MEMBER and not cleaned.get(
            "eligibility_months"
        ):
            self.add_error("eligibility_months", _("Give the number of months since admission."))
        bands = [cleaned.get(n) for n in ("min_score", "fair_from", "good_from", "excellent_from")]
        if None not in bands and bands != sorted(bands):
            self.add_error(
                "excellent_from",
                _("Scores must rise: minimum ≤ fair ≤ good ≤ excellent."),
            )
        return cleaned


class TopicRowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Topic"), max_length=255)
    periods = forms.IntegerField(label=_("Periods"), min_value=0, max_value=200, initial=4)
    lecturers = forms.TypedMultipleChoiceField(label=_("Usual lecturers"), required=False, coerce=int)

    def __init__(self, *args, lecturers: dict[int, StaffMember] | None = None, **kwargs):
        # The lecturers are read once for the whole formset (``lecturers`` from form_kwargs), not per row.
        super().__init__(*args, **kwargs)
        self.lecturer_objects = lecturers or {}
        self.fields["lecturers"].choices = [(pk, m.full_name) for pk, m in self.lecturer_objects.items()]

    def clean_title(self):
        return normalize_text(self.cleaned_data["title"])

    def clean_lecturers(self):
        return [self.lecturer_objects[pk] for pk in self.cleaned_data["lecturers"]]


# The longest programme has 18 topics; a posted form count beyond MAX_TOPICS is refused, not built.
MAX_TOPICS = 60
TopicFormSet = forms.formset_factory(
    TopicRowForm, extra=2, can_delete=True, max_num=MAX_TOPICS, absolute_max=MAX_TOPICS, validate_max=True
)


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "code",
            "title",
            "programme",
            "start_date",
            "end_date",
            "room",
            "venue",
            "capacity",
            "homeroom_teacher",
            "units",
            "plan_line",
            "note",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "units": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(is_active=True)
        if self.instance.pk:
            programmes = Programme.objects.filter(pk=self.instance.programme_id) | programmes
        self.fields["programme"].queryset = programmes
        self.fields["room"].queryset = Room.objects.filter(is_active=True)
        self.fields["homeroom_teacher"].queryset = StaffMember.objects.filter(is_active=True)
        self.fields["units"].queryset = Unit.objects.filter(is_active=True)
        self.fields["plan_line"].queryset = PlanLine.objects.select_related("plan", "programme").order_by(
            "-plan__year", "quarter", "programme__name"
        )
        self.fields["plan_line"].help_text = _("The line of the year's plan this class carries out")
        self.helper = _helper()

    def clean_code(self):
        return normalize_text(self.cleaned_data["code"]).upper()

    def clean_title(self):
        return normalize_text(self.cleaned_data["title"])

    def clean_venue(self):
        return normalize_text(self.cleaned_data["venue"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The course must end on or after its first day."))
        if cleaned.get("room") and cleaned.get("venue"):
            self.add_error("venue", _("Choose a room of the center or write an outside venue, not both."))
        problem = check_plan_line(line=cleaned.get("plan_line"), programme=cleaned.get("programme"), start_date=start)
        if problem:
            self.add_error("plan_line", problem)
        return cleaned


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    part_of_day = forms.ChoiceField(label=_("Part of day"), choices=P.choices)
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=TIME_WIDGET, help_text=_("Empty: the usual time")
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TIME_WIDGET)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, required=False)
    title = forms.CharField(label=_("Content"), max_length=255, required=False)
    lecturer = forms.ModelChoiceField(label=_("Lecturer"), queryset=None, required=False)
    room = forms.ModelChoiceField(label=_("Room"), queryset=None, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)
    periods = forms.IntegerField(
        label=_("Periods"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("Teaching periods (tiết); empty: from the topic or the times"),
        error_messages={
            "invalid": _("Enter the number of periods as a whole number from 1 to 12."),
            "min_value": _("Enter the number of periods as a whole number from 1 to 12."),
            "max_value": _("Enter the number of periods as a whole number from 1 to 12."),
        },
    )

    def __init__(self, *args, course: Course, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["topic"].queryset = course.programme.topics.all()
        self.fields["lecturer"].queryset = lecturer_choices()
        self.fields["room"].queryset = Room.objects.filter(is_active=True)
        self.helper = _helper()
        if adding:
            self.helper.add_input(Submit("another", _("Save and add another"), css_class="btn-outline-secondary"))

    @classmethod
    def initial_for(cls, session: Session) -> dict:
        return {
            name: getattr(session, name)
            for name in ("date", "part_of_day", "start_time", "end_time", "topic", "title", "lecturer", "room", "note")
        } | {"periods": session.periods or None}

    def clean(self):
        cleaned = super().clean()
        part = cleaned.get("part_of_day")
        if part:
            default_start, default_end = DEFAULT_TIMES[part]
            cleaned["start_time"] = cleaned.get("start_time") or default_start
            cleaned["end_time"] = cleaned.get("end_time") or default_end
            if cleaned["start_time"] >= cleaned["end_time"]:
                self.add_error("end_time", _("The session must end after it starts."))
        if not cleaned.get("topic") and not normalize_text(cleaned.get("title")):
            self.add_error("title", _("Choose a topic or write the content."))
        return cleaned

    def spec(self) -> SessionSpec:
        c = self.cleaned_data
        return SessionSpec(
            date=c["date"],
            part_of_day=c["part_of_day"],
            start_time=c["start_time"],
            end_time=c["end_time"],
            topic=c["topic"],
            title=normalize_text(c["title"]),
            lecturer=c["lecturer"],
            room=c["room"],
            note=normalize_text(c["note"]),
            periods=c.get("periods") or 0,
        )


class BulkSessionsForm(forms.Form):
    PERIOD = "period"
    PER_TOPIC = "per_topic"

    mode = forms.ChoiceField(
        label=_("How"),
        choices=[
            (PERIOD, _("Every chosen half-day in a period")),
            (PER_TOPIC, _("One session per programme topic, in order")),
        ],
        initial=PERIOD,
        widget=forms.RadioSelect,
    )
    date_from = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DATE_WIDGET, help_text=_("Not needed for one session per topic")
    )
    parts = forms.MultipleChoiceField(
        label=_("Parts of the day"),
        choices=P.choices,
        initial=[P.MORNING, P.AFTERNOON],
        widget=forms.CheckboxSelectMultiple,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAYS,
        coerce=int,
        initial=[0, 1, 2, 3, 4],
        widget=forms.CheckboxSelectMultiple,
    )
    assign_topics = forms.BooleanField(
        label=_("Give the programme's topics to the sessions in order"), required=False, initial=True
    )
    lecturer = forms.ModelChoiceField(
        label=_("Lecturer"), queryset=None, required=False, help_text=_("Can be changed per session afterwards")
    )
    room = forms.ModelChoiceField(label=_("Room"), queryset=None, required=False)
    morning_start = forms.TimeField(label=_("Morning from"), widget=TIME_WIDGET)
    morning_end = forms.TimeField(label=_("to"), widget=TIME_WIDGET)
    afternoon_start = forms.TimeField(label=_("Afternoon from"), widget=TIME_WIDGET)
    afternoon_end = forms.TimeField(label=_("to"), widget=TIME_WIDGET)
    evening_start = forms.TimeField(label=_("Evening from"), widget=TIME_WIDGET)
    evening_end = forms.TimeField(label=_("to"), widget=TIME_WIDGET)

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["lecturer"].queryset = lecturer_choices()
        self.fields["room"].queryset = Room.objects.filter(is_active=True)
        self.fields["room"].initial = course.room_id
        self.fields["date_from"].initial = course.start_date
        self.fields["date_to"].initial = course.end_date
        for part, (start, end) in DEFAULT_TIMES.items():
            self.fields[f"{part}_start"].initial = start
            self.fields[f"{part}_end"].initial = end

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == self.PERIOD and cleaned.get("date_from") and not cleaned.get("date_to"):
            self.add_error("date_to", _("Give the last day of the period."))
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The period must end on or after its first day."))
        for part in (P.MORNING, P.AFTERNOON, P.EVENING):
            a, b = cleaned.get(f"{part}_start"), cleaned.get(f"{part}_end")
            if a and b and a >= b:
                self.add_error(f"{part}_end", _("The session must end after it starts."))
        return cleaned

    def plan_kwargs(self) -> dict:
        c = self.cleaned_data
        return {
            "date_from": c["date_from"],
            "date_to": c.get("date_to"),
            "parts": c["parts"],
            "weekdays": c["weekdays"],
            "times": {part: (c[f"{part}_start"], c[f"{part}_end"]) for part in (P.MORNING, P.AFTERNOON, P.EVENING)},
            "per_topic": c["mode"] == self.PER_TOPIC,
            "assign_topics": c["assign_topics"],
            "lecturer": c["lecturer"],
            "room": c["room"],
        }
