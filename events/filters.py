"""The filters of the public list of events."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Region

from .models import Event


class EventFilter(django_filters.FilterSet):
    WHEN_UPCOMING = "upcoming"
    WHEN_PAST = "past"

    when = django_filters.ChoiceFilter(
        label=_("När"),
        choices=[(WHEN_UPCOMING, _("Kommande")), (WHEN_PAST, _("Tidigare"))],
        empty_label=None,
        method="filter_when",
        widget=forms.RadioSelect,
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        empty_label=_("Alla regioner"),
    )
    kind = django_filters.ChoiceFilter(label=_("Typ"), choices=Event.Kind.choices, empty_label=_("Alla typer"))

    class Meta:
        model = Event
        fields = ["when", "region", "kind"]

    def __init__(self, data=None, *args, **kwargs):
        # Upcoming events unless the visitor asked for past ones.
        data = data.copy() if data is not None else {}
        if not data.get("when"):
            data["when"] = self.WHEN_UPCOMING
        super().__init__(data, *args, **kwargs)

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == self.WHEN_PAST:
            return queryset.past(now).order_by("-starts_at", "title")
        return queryset.upcoming(now).order_by("starts_at", "title")
