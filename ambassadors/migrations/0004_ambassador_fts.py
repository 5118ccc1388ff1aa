"""The full-text table for profiles on SQLite (the embedded default), FTS5 with accents folded: the
four weighted parts of a profile, stemmed. It is filled on the first search (ambassadors.search
rebuilds it when its rows do not match the profiles). PostgreSQL keeps its search_vector column."""

from django.db import migrations

TABLE = "ambassadors_ambassador_fts"


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from portal.fulltext import FTS5_TOKENIZE

    schema_editor.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(a, b, c, d, tokenize='{FTS5_TOKENIZE}')")


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("ambassadors", "0003_vocabulary")]

    operations = [migrations.RunPython(create_table, drop_table)]
