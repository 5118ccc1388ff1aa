"""Migration operations that only make sense on PostgreSQL."""

from django.db import migrations


class AddIndexOnPostgres(migrations.AddIndex):
    """AddIndex for PostgreSQL-only index types (GIN): the migration state always has the index,
    so `makemigrations --check` stays clean, but other databases (SQLite for trying the portal
    out) do not get it, as they cannot build it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return super().describe() + " (PostgreSQL only)"
