"""Full-text search over profiles.

On PostgreSQL each profile carries a tsvector built with the Swedish configuration (stemming, so
"svetsare" also finds "svetsaren"), weighted so that a hit in the name or profession ranks above
one in the story, and indexed with GIN. On SQLite (the embedded default) the same four weighted
parts are kept, stemmed by portal.fulltext, in the FTS5 table of migration 0004, ranked by bm25 with
the same order of weights; rows missing from it (profiles created without a refresh, a flushed test
database) are caught by a count before each search, which rebuilds the table.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from portal.fulltext import Query, stemmed, uses_fts5
from portal.pagecache import content_changed

from .models import Ambassador

FTS_TABLE = "ambassadors_ambassador_fts"
# bm25 weights of the four parts, as PostgreSQL's A, B, C and D rank them.
FTS_WEIGHTS = "10.0, 4.0, 2.0, 1.0"

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


def _with_document(queryset):
    return queryset.select_related("profession", "industry", "municipality__region").prefetch_related("education_paths")


@transaction.atomic
def _fts_write(ambassadors, *, remove=()) -> None:
    rows = [(a.pk, *(stemmed(text) for text in _document(a).values())) for a in ambassadors]
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in remove])  # noqa: S608
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(row[0],) for row in rows])  # noqa: S608
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, a, b, c, d) VALUES (%s, %s, %s, %s, %s)", rows)  # noqa: S608


def fts_rebuild() -> None:
    """Index every profile anew in the FTS5 table (SQLite)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 - constant name
    _fts_write(_with_document(Ambassador.objects.all()))


def _fts_ensure_current() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT count(*) FROM ambassadors_ambassador) = (SELECT count(*) FROM {FTS_TABLE})")  # noqa: S608
        (same,) = cursor.fetchone()
    if not same:
        fts_rebuild()


def search_vectors_refresh(ambassador_ids) -> None:
    """Rebuild the search vectors of the given profiles (after a profile or its vocabulary changed),
    then tell the page cache: the save's own signal told it before the vectors were new (they are
    refreshed once the save is committed), so a search made in between, stored with the versions
    after the save, would otherwise find the old words until the cache's timeout."""
    ids = list(ambassador_ids)
    if uses_fts5():
        ambassadors = list(_with_document(Ambassador.objects.filter(pk__in=ids)))
        _fts_write(ambassadors, remove=set(ids) - {a.pk for a in ambassadors})
    elif uses_postgres_search():
        _postgres_vectors_write(ids)
    else:
        return
    # Now, and again once the new vectors are committed (as portal.pagecache does for a save).
    content_changed(Ambassador._meta.app_label)
    transaction.on_commit(lambda: content_changed(Ambassador._meta.app_label), robust=True)


def _postgres_vectors_write(ids) -> None:
    ambassadors = _with_document(Ambassador.objects.filter(pk__in=ids))
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
    if uses_fts5():
        return _fts_search(queryset, text)
    for word in text.split():
        matches = Q()
        for field in FALLBACK_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset


def _fts_search(queryset: QuerySet[Ambassador], text: str) -> QuerySet[Ambassador]:
    """As on PostgreSQL: stemmed words in any part, or part of a name, profession or employer; the best
    hits first (`rank`, higher is better)."""
    query = Query.parse(text)
    partial = Q(display_name__icontains=text) | Q(profession__name__icontains=text) | Q(employer__icontains=text)
    if not query:
        return queryset.filter(partial)
    _fts_ensure_current()
    expression = query.fts5()
    # The expression is a parameter; the table's name and weights are constants.
    matching = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expression])  # noqa: S608, S611
    rank = RawSQL(  # noqa: S611
        f"SELECT -bm25({FTS_TABLE}, {FTS_WEIGHTS}) FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid = ambassadors_ambassador.id",
        [expression],
    )
    return (
        queryset.filter(Q(pk__in=matching) | partial)
        .annotate(rank=rank)
        .order_by(F("rank").desc(nulls_last=True), "display_name", "pk")
    )
