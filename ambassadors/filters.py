"""The teachers' search. Parameter names are short Swedish words so a shared search address reads
well (/ambassadorer/?kommun=motala&yrke=cnc-operator), and values are slugs, not ids."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.filters import slug_choice_filter
from portal.models import Municipality, Region

from .models import AgeGroup, Ambassador, EducationPath, Industry, Language, Profession, VisitRequest
from .search import search
from .selectors import name_ordering


def _in_use(model, path: str = "ambassadors"):
    """Only offer choices that lead to at least one public profile, so no filter gives an empty page.

    Built once: a queryset is only a description of the query until it is evaluated, and each
    form field takes its own copy; building it (with the consent subquery) on every request cost
    more than the rest of a search from the cache."""
    return model.objects.filter(**{f"{path}__in": Ambassador.objects.public()}).distinct()


def _municipality_choices():
    used = (
        Municipality.objects.filter(ambassadors__in=Ambassador.objects.public())
        .distinct()
        .select_related("region")
        .order_by("region__name", "name")
    )
    groups: dict[str, list] = {}
    for municipality in used:
        groups.setdefault(municipality.region.name, []).append((municipality.slug, municipality.name))
    return list(groups.items())


class AmbassadorFilter(django_filters.FilterSet):
    SORTS = [
        ("relevans", _("Bäst träff")),
        ("namn", _("Namn A–Ö")),
        ("nyast", _("Senast publicerade")),
        ("kommun", _("Kommun")),
    ]

    q = django_filters.CharFilter(
        label=_("Sök"),
        method="filter_search",
        help_text=_("Till exempel svetsare, robot eller ett företags namn."),
    )
    yrke = slug_choice_filter(_in_use(Profession), "profession", _("Yrke"), _("Alla yrken"))
    bransch = slug_choice_filter(_in_use(Industry), "industry", _("Bransch"), _("Alla branscher"))
    region = slug_choice_filter(
        _in_use(Region, "municipalities__ambassadors"), "municipality__region", _("Region"), _("Alla regioner")
    )
    kommun = django_filters.ChoiceFilter(
        label=_("Kommun"),
        field_name="municipality__slug",
        choices=_municipality_choices,
        empty_label=_("Alla kommuner"),
    )
    utbildning = slug_choice_filter(
        _in_use(EducationPath), "education_paths", _("Utbildningsväg"), _("Alla utbildningsvägar"), distinct=True
    )
    format = django_filters.ChoiceFilter(
        label=_("Besök"),
        method="filter_format",
        choices=[
            ("plats", VisitRequest.Format.ON_SITE.label),
            ("digitalt", VisitRequest.Format.DIGITAL.label),
        ],
        empty_label=_("På plats eller digitalt"),
    )
    sprak = slug_choice_filter(_in_use(Language), "languages", _("Språk"), _("Alla språk"), distinct=True)
    alder = slug_choice_filter(_in_use(AgeGroup), "age_groups", _("Möter gärna"), _("Alla åldrar"), distinct=True)
    sortering = django_filters.ChoiceFilter(
        label=_("Sortera efter"), method="filter_sort", choices=SORTS, empty_label=None
    )

    class Meta:
        model = Ambassador
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["sortering"].required = False
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "filter-select")

    def filter_search(self, queryset, name, value):
        return search(queryset, value)

    def filter_format(self, queryset, name, value):
        return queryset.filter(Q(offers_on_site=True) if value == "plats" else Q(offers_digital=True))

    def filter_sort(self, queryset, name, value):
        if value == "relevans":
            return queryset  # the search already ordered by rank; without words, the default order stands
        if value == "nyast":
            return queryset.order_by(F("published_at").desc(nulls_last=True), "pk")
        if value == "kommun":
            return queryset.order_by(name_ordering("municipality__name"), name_ordering(), "pk")
        return queryset.order_by(name_ordering(), "pk")

    @property
    def is_filtered(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(value not in (None, "") for key, value in data.items() if key != "sortering")
