"""The full-text index for the course catalogue on SQLite (the embedded default): an FTS5 table of
each course's stemmed title and description, filled from the courses there are. PostgreSQL has its
GIN index (migration 0004) and gets nothing here. See projects.search."""

from django.db import migrations

TABLE = "projects_course_fts"


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from portal.fulltext import FTS5_TOKENIZE, stemmed

    schema_editor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, description, tokenize='{FTS5_TOKENIZE}')")
    for course in apps.get_model("projects", "Course").objects.only("title", "description").iterator():
        schema_editor.execute(
            f"INSERT INTO {TABLE} (rowid, title, description) VALUES (%s, %s, %s)",  # noqa: S608 - constant name
            [course.pk, stemmed(course.title), stemmed(course.description)],
        )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_vocabulary")]

    operations = [migrations.RunPython(create_table, drop_table)]
