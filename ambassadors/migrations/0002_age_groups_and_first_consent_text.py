"""The school stages ambassadors choose from, and the first version of the consent text.

Both are needed before the first profile can be saved or published, on every installation, so
they come with the migrations rather than with the demo data. Later consent text versions are
added in the admin.
"""

from django.db import migrations

AGE_GROUPS = [
    ("forskoleklass-ak-3", "Förskoleklass–åk 3", 1),
    ("ak-4-6", "Åk 4–6", 2),
    ("ak-7-9", "Åk 7–9", 3),
    ("gymnasiet", "Gymnasiet", 4),
    ("vuxenutbildning", "Vuxenutbildning och sfi", 5),
]

CONSENT_TEXT = """\
Jag samtycker till att Kompetensportalen visar min profil som yrkesambassadör öppet på webbplatsen: \
namnet jag har valt att visa, mitt foto och min film, min berättelse, mitt yrke, min bransch och \
min arbetsgivare, kommunen där jag finns, min utbildningsväg, vilka språk jag talar och vilka \
besök jag kan göra.

Syftet är att lärare, studie- och yrkesvägledare, elever och föräldrar ska kunna hitta mig och \
be mig berätta om mitt yrke. Mina kontaktuppgifter visas aldrig; förfrågningar når mig genom portalen.

Jag kan när som helst återkalla samtycket under Min profil eller genom att kontakta projektledaren. \
Då döljs profilen direkt. Projektet ansvarar för uppgifterna och raderar dem när de inte längre behövs.
"""


def forwards(apps, schema_editor):
    AgeGroup = apps.get_model("ambassadors", "AgeGroup")
    ConsentText = apps.get_model("ambassadors", "ConsentText")
    for slug, name, position in AGE_GROUPS:
        AgeGroup.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})
    ConsentText.objects.get_or_create(version="1", defaults={"body": CONSENT_TEXT})


class Migration(migrations.Migration):
    dependencies = [("ambassadors", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
