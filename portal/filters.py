"""Pieces of the apps' FilterSets."""

import django_filters


def slug_choice_filter(queryset, field_name: str, label, empty_label, *, distinct: bool = False):
    """A choice of one entry of a list (a word list such as course categories, a region, a project),
    named by its slug in the address so that a shared search address reads well (?kategori=robot).

    `distinct` for a many-to-many `field_name`, where the lookup joins the link table."""
    return django_filters.ModelChoiceFilter(
        label=label,
        field_name=field_name,
        to_field_name="slug",
        distinct=distinct,
        queryset=queryset,
        empty_label=empty_label,
    )
