"""Target groups and course categories become word lists on portal.models.Vocabulary.

`order` is renamed to `position` (the name every word list uses), so the positions already set
are kept; the slug may be as long as the name (100)."""

from django.db import migrations, models


def position():
    return models.PositiveSmallIntegerField(
        default=0, help_text="Lägre tal visas först; lika tal visas i bokstavsordning.", verbose_name="ordning"
    )


def slug():
    return models.SlugField(max_length=100, unique=True, verbose_name="kortnamn")


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_reminders_reports")]

    operations = [
        migrations.RenameField(model_name="targetgroup", old_name="order", new_name="position"),
        migrations.AlterField(model_name="targetgroup", name="position", field=position()),
        migrations.AlterField(model_name="targetgroup", name="slug", field=slug()),
        migrations.AlterModelOptions(
            name="targetgroup",
            options={"ordering": ["position", "name"], "verbose_name": "målgrupp", "verbose_name_plural": "målgrupper"},
        ),
        migrations.RenameField(model_name="coursecategory", old_name="order", new_name="position"),
        migrations.AlterField(model_name="coursecategory", name="position", field=position()),
        migrations.AlterField(model_name="coursecategory", name="slug", field=slug()),
        migrations.AlterModelOptions(
            name="coursecategory",
            options={
                "ordering": ["position", "name"],
                "verbose_name": "kurskategori",
                "verbose_name_plural": "kurskategorier",
            },
        ),
    ]
