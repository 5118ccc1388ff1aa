"""Reminders are unique per person, thing, offset and time; existing rows are linked to the account
their address belongs to, whose address is then looked up when they are sent."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower

# An employee on a company's staff list is not an account, even when an account has the same address.
WITHOUT_ACCOUNT = ["projects.occasion.participant"]


def link_accounts(apps, schema_editor):
    Reminder = apps.get_model("portal", "Reminder")
    User = apps.get_model("portal", "User")
    account = User.objects.annotate(address=Lower("email")).filter(address=Lower(OuterRef("recipient")))
    Reminder.objects.exclude(kind__in=WITHOUT_ACCOUNT).update(user=Subquery(account.values("pk")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0003_reminder_user_anchor"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reminder",
            name="anchor",
            field=models.DateTimeField(verbose_name="gäller tiden"),
        ),
        migrations.RemoveConstraint(
            model_name="reminder",
            name="reminder_once_per_recipient_and_offset",
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                condition=models.Q(user__isnull=False),
                fields=("kind", "content_type", "object_id", "user", "offset", "anchor"),
                name="reminder_once_per_user_and_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                condition=models.Q(user__isnull=True),
                fields=("kind", "content_type", "object_id", "recipient", "offset", "anchor"),
                name="reminder_once_per_address_and_time",
            ),
        ),
        # Last: filling a foreign key leaves deferred checks that PostgreSQL will not let an ALTER TABLE follow.
        migrations.RunPython(link_accounts, migrations.RunPython.noop),
    ]
