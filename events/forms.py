from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.forms import TextRulesMixin

from .models import ActionItem, Registration, Track
from .selectors import Availability


class TrackChoiceField(forms.ModelChoiceField):
    """Tracks labelled with how many places are left, so a full one is visible before choosing."""

    def __init__(self, *args, availability: Availability | None = None, **kwargs):
        self.availability = availability
        super().__init__(*args, **kwargs)

    def label_from_instance(self, track):
        item = self.availability.for_track(track.pk) if self.availability else None
        if item is None or item.places_left is None:
            return track.name
        if item.is_full:
            state = _("fullsatt, du kan ställa dig på väntelistan")
        else:
            state = ngettext("%(count)d plats kvar", "%(count)d platser kvar", item.places_left) % {
                "count": item.places_left
            }
        return f"{track.name} ({state})"


class RegistrationDetailsForm(TextRulesMixin, forms.ModelForm):
    """What a participant tells the organisers; used both to register and to change it later."""

    class Meta:
        model = Registration
        fields = ["organisation_type", "organisation_name", "dietary_needs", "accessibility_needs", "consent_to_list"]
        labels = {
            "organisation_type": _("Jag kommer från"),
            "organisation_name": _("Organisationens namn"),
            "dietary_needs": _("Kost och allergier"),
            "accessibility_needs": _("Behov av tillgänglighet"),
            "consent_to_list": _("Jag vill synas på deltagarlistan"),
        }
        help_texts = {
            "organisation_name": _("Frivilligt. Visas på deltagarlistan om du vill synas där."),
            "dietary_needs": _("T.ex. vegetariskt, glutenfritt eller allergier."),
            "accessibility_needs": _("T.ex. hörslinga, rullstolsplats eller teckenspråkstolk."),
            "consent_to_list": _("Andra deltagare ser då ditt namn och din organisation."),
        }
        widgets = {
            "organisation_type": forms.RadioSelect,
            "dietary_needs": forms.Textarea(attrs={"rows": 2}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_type"].choices = Registration.OrganisationType.choices


class RegistrationForm(RegistrationDetailsForm):
    """Registering for an event: the details plus, where the event has tracks, one track."""

    field_order = [
        "track",
        "organisation_type",
        "organisation_name",
        "dietary_needs",
        "accessibility_needs",
        "consent_to_list",
    ]

    def __init__(self, *args, event, availability: Availability, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        tracks = Track.objects.filter(event=event).order_by("position", "name")
        if availability.tracks:
            self.fields["track"] = TrackChoiceField(
                queryset=tracks,
                availability=availability,
                label=_("Välj spår"),
                widget=forms.RadioSelect,
                empty_label=None,
                required=True,
                help_text=_("Eftermiddagens spår pågår samtidigt, så du väljer ett."),
                error_messages={"required": _("Välj ett spår.")},
            )
            self.order_fields(self.field_order)


class ActionItemStatusForm(TextRulesMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    outcome = forms.CharField(
        label=_("Vad som gjorts"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
