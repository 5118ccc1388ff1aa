"""Full-text search over profiles.

On PostgreSQL each profile carries a tsvector built with the Swedish configuration (stemming, so
"svetsare" also finds "svetsaren"), weighted so that a hit in the name or profession ranks above
one in the story, and indexed with GIN. Elsewhere (the SQLite used for trying the portal out) a
simple case-insensitive match on the same fields stands in.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, Value

from .models import Ambassador

CONFIG = "swedish"
FALLBACK_FIELDS = (
    "display_name",
    "headline",
    "story",
    "employer",
    "profession__name",
    "industry__name",
    "municipality__name",
    "municipality__region__name",
)


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def _document(ambassador: Ambassador) -> dict[str, str]:
    return {
        "A": " ".join([ambassador.display_name, ambassador.profession.name]),
        "B": " ".join(
            [
                ambassador.headline,
                ambassador.employer,
                ambassador.industry.name,
                ambassador.municipality.name,
                ambassador.municipality.region.name,
            ]
        ),
        "C": " ".join(str(path) for path in ambassador.education_paths.all()),
        "D": ambassador.story,
    }


def search_vectors_refresh(ambassador_ids) -> None:
    """Rebuild the search vectors of the given profiles (after a profile or its vocabulary changed)."""
    if not uses_postgres_search():
        return
    ambassadors = (
        Ambassador.objects.filter(pk__in=list(ambassador_ids))
        .select_related("profession", "industry", "municipality__region")
        .prefetch_related("education_paths")
    )
    for ambassador in ambassadors:
        parts = [
            SearchVector(Value(text), weight=weight, config=CONFIG) for weight, text in _document(ambassador).items()
        ]
        vector = parts[0]
        for part in parts[1:]:
            vector = vector + part
        Ambassador.objects.filter(pk=ambassador.pk).update(search_vector=vector)


def search(queryset: QuerySet[Ambassador], text: str) -> QuerySet[Ambassador]:
    """Profiles matching the words, best first (annotated with `rank` on PostgreSQL)."""
    text = " ".join(text.split())[:200]
    if not text:
        return queryset
    if uses_postgres_search():
        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        # Names and professions also match on part of a word ("autom" finds "Automationstekniker").
        partial = Q(display_name__icontains=text) | Q(profession__name__icontains=text) | Q(employer__icontains=text)
        return (
            queryset.filter(Q(search_vector=query) | partial)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "display_name", "pk")
        )
    for word in text.split():
        matches = Q()
        for field in FALLBACK_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset
