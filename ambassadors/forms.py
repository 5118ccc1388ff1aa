import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import TextRulesMixin, https_urls
from portal.models import Municipality
from portal.selectors import schools_of

from .images import ProfilePhotoField
from .models import Ambassador, ConsentText, VisitRequest
from .services.visits import MAX_DAYS_AHEAD


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def municipality_choices():
    """Municipalities grouped by region, for a select with optgroups."""
    groups: dict[str, list] = {}
    for municipality in Municipality.objects.select_related("region").order_by("region__name", "name"):
        groups.setdefault(municipality.region.name, []).append((municipality.pk, municipality.name))
    return [("", "---------"), *groups.items()]


class GroupedMunicipalityField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Municipality.objects.select_related("region"), **kwargs)
        self.choices = municipality_choices


class VisitRequestForm(TextRulesMixin, forms.ModelForm):
    class Meta:
        model = VisitRequest
        fields = [
            "school",
            "group_name",
            "school_year",
            "pupils",
            "first_choice",
            "second_choice",
            "third_choice",
            "format",
            "message",
        ]
        widgets = {
            "first_choice": DateInput(),
            "second_choice": DateInput(),
            "third_choice": DateInput(),
            "format": forms.RadioSelect(),
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "group_name": _("Till exempel 9B eller El-programmet år 2."),
            "message": _("Vad vill ni att ambassadören berättar om? Finns det något ambassadören behöver veta?"),
        }

    def __init__(self, *args, user, ambassador: Ambassador, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools_of(user).order_by("name")
        self.fields["school"].empty_label = None
        formats = ambassador.visit_formats()
        self.fields["format"].choices = [
            (value, label) for value, label in VisitRequest.Format.choices if value in formats
        ]
        if len(formats) == 1:
            self.fields["format"].initial = formats[0]
        today = timezone.localdate()
        for name in ("first_choice", "second_choice", "third_choice"):
            self.fields[name].widget.attrs.update(
                min=(today + datetime.timedelta(days=1)).isoformat(),
                max=(today + datetime.timedelta(days=MAX_DAYS_AHEAD)).isoformat(),
            )
        self.fields["pupils"].widget.attrs.update(min=1, max=300)
        self.fields["message"].required = False


class DateTimeChoiceForm(TextRulesMixin, forms.Form):
    """A date and a start time, as two simple inputs that work with keyboards and screen readers."""

    date = forms.DateField(label=_("Datum"), widget=DateInput())
    time = forms.TimeField(label=_("Starttid"), widget=TimeInput())
    message = forms.CharField(
        label=_("Meddelande till skolan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, date_label=None, message_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if date_label:
            self.fields["date"].label = date_label
        if message_label:
            self.fields["message"].label = message_label

    def moment(self) -> datetime.datetime:
        naive = datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(naive)


class MessageForm(TextRulesMixin, forms.Form):
    message = forms.CharField(
        label=_("Meddelande"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CancelForm(TextRulesMixin, forms.Form):
    message = forms.CharField(
        label=_("Varför ställs besöket in?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(TextRulesMixin, forms.Form):
    RATINGS = [
        (5, _("5 – Mycket bra")),
        (4, _("4 – Bra")),
        (3, _("3 – Godkänt")),
        (2, _("2 – Mindre bra")),
        (1, _("1 – Dåligt")),
    ]
    rating = forms.TypedChoiceField(label=_("Hur gick besöket?"), choices=RATINGS, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Läses av projektledarna, inte av den andra parten."),
    )


class ProfileForm(TextRulesMixin, forms.ModelForm):
    """The ambassador's own profile. Fields the project leader owns (project, publishing) are not here."""

    photo = ProfilePhotoField(label=_("Foto"), required=False)
    municipality = GroupedMunicipalityField(label=_("Kommun"))

    class Meta:
        model = Ambassador
        formfield_callback = https_urls
        fields = [
            "display_name",
            "headline",
            "story",
            "photo",
            "film_url",
            "profession",
            "industry",
            "employer",
            "municipality",
            "education_paths",
            "languages",
            "age_groups",
            "offers_on_site",
            "offers_digital",
        ]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 10}),
            "education_paths": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "age_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "story": _("Berätta om ditt jobb, vägen dit och vad du tycker om. Skriv som du pratar."),
        }

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("offers_on_site") or cleaned.get("offers_digital")):
            self.add_error("offers_digital", _("Välj minst en form för besök: på plats eller digitalt."))
        return cleaned


class ConsentForm(TextRulesMixin, forms.Form):
    text = forms.ModelChoiceField(queryset=ConsentText.objects.all(), widget=forms.HiddenInput)
    agree = forms.BooleanField(label=_("Jag har läst texten och samtycker till att min profil publiceras."))
