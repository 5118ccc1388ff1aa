from django.db import migrations, models


class Migration(migrations.Migration):
    """A participation becomes a request the company answers. Rows from before were added when adding
    was the decision itself: they stay accepted (added with that default, which then becomes pending)."""

    dependencies = [
        ("projects", "0006_vocabulary"),
    ]

    operations = [
        migrations.AddField(
            model_name="participatingcompany",
            name="status",
            field=models.CharField(
                choices=[("pending", "väntar på företagets svar"), ("accepted", "deltar"), ("declined", "avböjt")],
                default="accepted",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="participatingcompany",
            name="status",
            field=models.CharField(
                choices=[("pending", "väntar på företagets svar"), ("accepted", "deltar"), ("declined", "avböjt")],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="participatingcompany",
            name="requested_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="förfrågan skickad"),
        ),
        migrations.AddField(
            model_name="participatingcompany",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="besvarad"),
        ),
    ]
