"""Full-text search in the course catalogue (title and description).

PostgreSQL: the Swedish configuration over exactly the expression that migration 0004's GIN index
holds. SQLite: the FTS5 table of migration 0007, holding each course's stemmed title and description
under the course's id (portal.fulltext says how text is stemmed and queries are built).

The FTS5 table follows the courses: a saved course is written again, a deleted one removed (signals,
connected in the app's ready()). Rows that come in without signals (bulk_create, a flushed test
database) are caught by a count compared before each search, which rebuilds the table when the
numbers differ: the table is small (one row per course) and rebuilt in one transaction.
"""

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save

from portal.fulltext import Query, stemmed, uses_fts5

from .models import Course

TABLE = "projects_course_fts"


def _row(course) -> tuple:
    return (course.pk, stemmed(course.title), stemmed(course.description))


def index_course(course) -> None:
    if not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [course.pk])  # noqa: S608 - constant name
        cursor.execute(f"INSERT INTO {TABLE} (rowid, title, description) VALUES (%s, %s, %s)", _row(course))  # noqa: S608


def unindex_course(course_id: int) -> None:
    if not uses_fts5():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [course_id])  # noqa: S608 - constant name


@transaction.atomic
def rebuild_index(courses=None) -> int:
    """Index every course anew; returns how many were indexed."""
    if not uses_fts5():
        return 0
    courses = Course.objects.only("title", "description") if courses is None else courses
    rows = [_row(course) for course in courses]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 - constant name
        cursor.executemany(f"INSERT INTO {TABLE} (rowid, title, description) VALUES (%s, %s, %s)", rows)  # noqa: S608
    return len(rows)


def _course_saved(sender, instance, **kwargs):
    index_course(instance)


def _course_deleted(sender, instance, **kwargs):
    unindex_course(instance.pk)


def connect_signals() -> None:
    post_save.connect(_course_saved, sender=Course, dispatch_uid="projects.search.course_saved")
    post_delete.connect(_course_deleted, sender=Course, dispatch_uid="projects.search.course_deleted")


def _ensure_current() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT count(*) FROM projects_course) = (SELECT count(*) FROM {TABLE})")  # noqa: S608
        (same,) = cursor.fetchone()
    if not same:
        rebuild_index()


def search_courses(courses: QuerySet[Course], text: str) -> QuerySet[Course]:
    """Courses whose title or description has every word (or a word starting with it, in any form of
    the word), and none of those written with a minus."""
    query = Query.parse(text)
    if not query:
        return courses
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title", "description", config="swedish")
        tsquery = SearchQuery(query.tsquery(), config="swedish", search_type="raw")
        return courses.annotate(search=vector).filter(search=tsquery)
    if uses_fts5():
        _ensure_current()
        # The expression is a parameter; the table's name is a constant.
        matching = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query.fts5()])  # noqa: S608, S611
        return courses.filter(pk__in=matching)
    return courses.none()
