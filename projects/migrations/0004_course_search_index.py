"""The full-text index for the course catalogue, on PostgreSQL only.

It indexes exactly the expression `selectors.course_search_vector()` builds (title and description
with the Swedish configuration), so the planner can use it. SQLite has no GIN indexes; there the
catalogue falls back to a plain substring search and nothing is created.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "course_search_swedish"


def _index():
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector("title", "description", config="swedish"), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("projects", "Course"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("projects", "Course"), _index())


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_target_groups")]

    operations = [migrations.RunPython(create_index, drop_index)]
