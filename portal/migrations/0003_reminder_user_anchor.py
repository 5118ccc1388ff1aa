"""Reminders name the person (their account, when they have one) and the time they are about.

Existing rows get the time they were scheduled for (due + offset); 0004 links them to accounts.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def set_anchors(apps, schema_editor):
    Reminder = apps.get_model("portal", "Reminder")
    Reminder.objects.update(anchor=F("due_at") + F("offset"))


class Migration(migrations.Migration):
    """The new columns and the anchors of existing rows; the next migration makes them required and
    unique (PostgreSQL will not alter a table in the transaction that just updated its rows)."""

    dependencies = [
        ("portal", "0002_reminder"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="anchor",
            field=models.DateTimeField(null=True, verbose_name="gäller tiden"),
        ),
        migrations.AddField(
            model_name="reminder",
            name="user",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="reminders",
                to=settings.AUTH_USER_MODEL, verbose_name="användare",
            ),
        ),
        migrations.RunPython(set_anchors, migrations.RunPython.noop),
    ]
