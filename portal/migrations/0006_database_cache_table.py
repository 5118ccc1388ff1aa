from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Only where settings.CACHES names a database cache (the embedded default keeps rate limits and
    # sessions there); with Redis this creates nothing. Idempotent, like createcachetable itself.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_reminder_due_in_claim_order")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
