from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import TextRulesMixin
from portal.spreadsheets import XLSX_CONTENT_TYPE

from .models import CourseCategory, Employee


class NoColonMixin:
    """Labels without Django's trailing colon, as the rest of the portal writes them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class CatalogueFilterForm(NoColonMixin, forms.Form):
    pass


class EmployeeForm(TextRulesMixin, NoColonMixin, forms.ModelForm):
    class Meta:
        model = Employee
        fields = ["first_name", "last_name", "email", "gender", "job_title"]
        widgets = {"gender": forms.RadioSelect}
        help_texts = {
            "email": _("Hit skickas bekräftelser om kurser. Frivilligt."),
            "gender": _(
                "Frågas för uppföljningen i ESF-projekt, där deltagare räknas som kvinnor, män och icke-binära."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class StaffImportForm(NoColonMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med personal (CSV eller Excel)"),
        help_text=_(
            "Första raden ska vara rubriker: Förnamn, Efternamn, E-post, Kön och Befattning. "
            "Kön skrivs kvinna, man eller icke-binär."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": f".csv,.txt,.xlsx,text/csv,{XLSX_CONTENT_TYPE}"}),
    )


class StaffChoiceField(forms.ModelMultipleChoiceField):
    """Lists the staff still free to register (`queryset`) but accepts anyone on the staff
    (`accepted`): a form left open in another tab, naming someone registered since, then reaches the
    service, which says who is already registered, instead of an unknown choice by its number."""

    accepted = Employee.objects.none()

    def _check_values(self, value):
        shown = self.queryset
        self.queryset = self.accepted
        try:
            return super()._check_values(value)
        finally:
            self.queryset = shown


class EnrolmentForm(TextRulesMixin, NoColonMixin, forms.Form):
    employees = StaffChoiceField(
        label=_("Välj vilka som ska gå kursen"),
        queryset=Employee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en person att anmäla.")},
    )
    accessibility_needs = forms.CharField(
        label=_("Behov av anpassning (frivilligt)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Till exempel hörslinga, rullstolsplats eller material i större stil. Gäller alla du anmäler nu, "
            "så anmäl personer med olika behov var för sig. Skriv vad som behöver ordnas, inte varför."
        ),
    )

    def __init__(self, *args, staff=None, company_staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employees"].queryset = staff if staff is not None else Employee.objects.none()
        self.fields["employees"].accepted = (
            company_staff if company_staff is not None else self.fields["employees"].queryset
        )
        self.fields["employees"].label_from_instance = lambda e: (
            f"{e.full_name}{', ' + e.job_title if e.job_title else ''}"
        )


class CompetenceNeedsForm(TextRulesMixin, NoColonMixin, forms.Form):
    """One number per course category: how many of the staff need training in it."""

    def __init__(self, *args, categories=(), needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        needs = needs or {}
        self.categories = list(categories)
        for category in self.categories:
            self.fields[self.field_name(category)] = forms.IntegerField(
                label=category.name,
                min_value=0,
                max_value=100000,
                required=False,
                initial=needs.get(category.pk),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    @staticmethod
    def field_name(category: CourseCategory) -> str:
        return f"category_{category.pk}"

    def counts(self) -> dict:
        return {category: self.cleaned_data.get(self.field_name(category)) for category in self.categories}
