"""The word lists move onto portal.models.Vocabulary: industries, professions, languages and
education paths get the position every list has (0: alphabetical, as before), and age groups
the same name and slug length as the others (100)."""

from django.db import migrations, models

ALPHABETICAL = {
    "industry": ("bransch", "branscher"),
    "profession": ("yrke", "yrken"),
    "language": ("språk", "språk"),
    "educationpath": ("utbildningsväg", "utbildningsvägar"),
}


def position():
    return models.PositiveSmallIntegerField(
        default=0, help_text="Lägre tal visas först; lika tal visas i bokstavsordning.", verbose_name="ordning"
    )


class Migration(migrations.Migration):
    dependencies = [("ambassadors", "0002_age_groups_and_first_consent_text")]

    operations = [
        *(
            operation
            for model_name, (singular, plural) in ALPHABETICAL.items()
            for operation in (
                migrations.AddField(model_name=model_name, name="position", field=position()),
                migrations.AlterModelOptions(
                    name=model_name,
                    options={"ordering": ["position", "name"], "verbose_name": singular, "verbose_name_plural": plural},
                ),
            )
        ),
        migrations.AlterField(
            model_name="agegroup", name="name", field=models.CharField(max_length=100, unique=True, verbose_name="namn")
        ),
        migrations.AlterField(
            model_name="agegroup",
            name="slug",
            field=models.SlugField(max_length=100, unique=True, verbose_name="kortnamn"),
        ),
        migrations.AlterField(model_name="agegroup", name="position", field=position()),
    ]
