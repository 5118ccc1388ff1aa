"""Word lists and texts every installation starts with, as ordinary data for code to read.

Migration 0002_age_groups_and_first_consent_text put these in and keeps its own frozen copy (a
migration must not import code that may change later); the demo data recreates them from here on
an emptied database. tests/ambassadors/test_demo.py checks that the two copies agree.
"""

# (slug, name, position): the school stages ambassadors choose from.
AGE_GROUPS = [
    ("forskoleklass-ak-3", "Förskoleklass–åk 3", 1),
    ("ak-4-6", "Åk 4–6", 2),
    ("ak-7-9", "Åk 7–9", 3),
    ("gymnasiet", "Gymnasiet", 4),
    ("vuxenutbildning", "Vuxenutbildning och sfi", 5),
]

# The first version of the consent text; later versions are added in the admin.
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
