"""Filters for the public course catalogue."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.filters import slug_choice_filter
from portal.models import Region

from .forms import CatalogueFilterForm
from .models import Course, CourseCategory, Occasion, Project
from .selectors import search_courses

MONTHS_AHEAD = 12


def _month_choices(today=None):
    today = today or timezone.localdate()
    first = today.replace(day=1)
    choices = []
    for offset in range(MONTHS_AHEAD):
        year, month = divmod(first.month - 1 + offset, 12)
        day = datetime.date(first.year + year, month + 1, 1)
        choices.append((day.strftime("%Y-%m"), date_format(day, "F Y").capitalize()))
    return choices


class OccasionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Sök kurs"),
        method="filter_search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    project = slug_choice_filter(
        Project.objects.published().only("name", "slug"), "course__project", _("Projekt"), _("Alla projekt")
    )
    category = slug_choice_filter(CourseCategory.objects.all(), "course__category", _("Kategori"), _("Alla kategorier"))
    region = slug_choice_filter(Region.objects.all(), "region", _("Region"), _("Alla regioner"))
    level = django_filters.ChoiceFilter(
        label=_("Nivå"),
        field_name="course__level",
        choices=Course.Level.choices,
        empty_label=_("Alla nivåer"),
    )
    mode = django_filters.ChoiceFilter(
        label=_("Form"),
        field_name="mode",
        choices=Occasion.Mode.choices,
        empty_label=_("På plats och digitalt"),
    )
    month = django_filters.ChoiceFilter(
        label=_("Månad"), method="filter_month", choices=_month_choices, empty_label=_("Alla månader")
    )
    free = django_filters.BooleanFilter(
        label=_("Bara tillfällen med lediga platser"), method="filter_free", widget=forms.CheckboxInput
    )

    class Meta:
        model = Occasion
        form = CatalogueFilterForm
        fields = ["q", "project", "category", "region", "level", "mode", "month", "free"]

    def filter_search(self, queryset, name, value):
        # Matching courses first, on their own: as a subquery the planner may re-run the text
        # search for every occasion row; a catalogue has at most a few thousand courses.
        matching = list(search_courses(Course.objects.all(), value).values_list("pk", flat=True))
        return queryset.filter(course__in=matching)

    def filter_month(self, queryset, name, value):
        try:
            year, month = (int(part) for part in value.split("-"))
            start = datetime.date(year, month, 1)
        except ValueError:
            return queryset
        end = datetime.date(year + (month == 12), month % 12 + 1, 1)
        zone = timezone.get_current_timezone()
        return queryset.filter(
            starts_at__gte=datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
            starts_at__lt=datetime.datetime.combine(end, datetime.time.min, tzinfo=zone),
        )

    def filter_free(self, queryset, name, value):
        return queryset.filter(free_seats__gt=0) if value else queryset
