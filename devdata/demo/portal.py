"""Demo data for the portal's own pieces: regions, municipalities, organisations and one user per role.

Facts (regions, municipalities, organisations) come from the articles in shared/seeds; the people
are invented. Everything is keyed on a natural key so that running it again changes nothing.
"""

from allauth.account.models import EmailAddress
from django.utils.text import slugify

from portal.models import Municipality, Organisation, Region, Role, User
from portal.services import role_grant

DEMO_PASSWORD = "Kompetens-demo-2026"  # noqa: S105 - printed by `make run` on purpose

REGIONS = {
    # name: (county code, [municipalities])
    "Östergötland": (
        "05",
        ["Linköping", "Norrköping", "Motala", "Mjölby", "Finspång", "Åtvidaberg", "Söderköping", "Boxholm", "Kinda"],
    ),
    "Sörmland": ("04", ["Eskilstuna", "Nyköping", "Katrineholm"]),
    "Västmanland": ("19", ["Västerås", "Fagersta", "Köping", "Sala"]),
    "Uppsala": ("03", ["Uppsala", "Enköping"]),
    "Örebro": ("18", ["Örebro", "Karlskoga"]),
    "Jönköping": ("06", ["Jönköping", "Gnosjö", "Värnamo"]),
}

K = Organisation.Kind
ORGANISATIONS = [
    # (name, kind, region, municipality)
    ("Region Östergötland", K.REGION, "Östergötland", "Linköping"),
    ("Region Sörmland", K.REGION, "Sörmland", "Nyköping"),
    ("Region Västmanland", K.REGION, "Västmanland", "Västerås"),
    ("Region Uppsala", K.REGION, "Uppsala", "Uppsala"),
    ("Region Örebro län", K.REGION, "Örebro", "Örebro"),
    ("Region Jönköpings län", K.REGION, "Jönköping", "Jönköping"),
    ("Gnosjö Automatsvarvning", K.COMPANY, "Jönköping", "Gnosjö"),
    ("Scanfil", K.COMPANY, "Östergötland", "Åtvidaberg"),
    ("Luvata", K.COMPANY, "Östergötland", "Finspång"),
    ("Seco Tools", K.COMPANY, "Västmanland", "Fagersta"),
    ("Westinghouse", K.COMPANY, "Västmanland", "Västerås"),
    ("AA Logistik", K.COMPANY, "Västmanland", "Västerås"),
    ("Östgöta Verkstadsteknik AB", K.COMPANY, "Östergötland", "Motala"),
    ("Mälardalens Mekaniska AB", K.COMPANY, "Sörmland", "Eskilstuna"),
    ("Brinellskolan", K.SCHOOL, "Västmanland", "Fagersta"),
    ("Ljungsbro skola", K.SCHOOL, "Östergötland", "Linköping"),
    ("De Geergymnasiet", K.SCHOOL, "Östergötland", "Norrköping"),
    ("Industrikompetens", K.EDUCATION_PROVIDER, "Östergötland", "Linköping"),
    ("Competence", K.EDUCATION_PROVIDER, "Västmanland", "Västerås"),
    ("KompetensUtvecklingsinstitutet", K.EDUCATION_PROVIDER, None, None),
    ("Arbetsförmedlingen", K.AGENCY, None, None),
    ("Myndigheten för yrkeshögskolan", K.AGENCY, None, None),
    ("Skolverket", K.AGENCY, None, None),
    ("Tillväxtverket", K.AGENCY, None, None),
    ("Teknikcollege Östergötland", K.NETWORK, "Östergötland", None),
    ("Svenskt Näringsliv", K.NETWORK, None, None),
    ("Almi Mälardalen", K.NETWORK, "Västmanland", None),
    ("Linköpings kommun", K.MUNICIPALITY, "Östergötland", "Linköping"),
    ("Köpings kommun", K.MUNICIPALITY, "Västmanland", "Köping"),
]

R = Role.Kind
DEMO_USERS = [
    # (e-mail, first name, last name, [(role, organisation name or None)])
    ("admin@demo.kompetensportalen.se", "Sara", "Admin", [(R.SITE_ADMIN, None)]),
    ("projektledare@demo.kompetensportalen.se", "Petra", "Projektledare", [(R.PROJECT_LEADER, None)]),
    (
        "foretag@demo.kompetensportalen.se",
        "Farid",
        "Företagskontakt",
        [(R.COMPANY_CONTACT, "Östgöta Verkstadsteknik AB")],
    ),
    ("larare@demo.kompetensportalen.se", "Lena", "Lärare", [(R.TEACHER, "Brinellskolan")]),
    ("ambassador@demo.kompetensportalen.se", "Amir", "Ambassadör", [(R.AMBASSADOR, None)]),
    ("deltagare@demo.kompetensportalen.se", "Dana", "Deltagare", []),
]


def seed(stdout=None) -> None:
    regions = {}
    for name, (code, municipalities) in REGIONS.items():
        region, _ = Region.objects.update_or_create(slug=slugify(name), defaults={"name": name, "code": code})
        regions[name] = region
        for municipality in municipalities:
            Municipality.objects.update_or_create(
                slug=slugify(municipality), defaults={"name": municipality, "region": region}
            )
    for name, kind, region, municipality in ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "region": regions.get(region),
                "municipality": Municipality.objects.filter(slug=slugify(municipality)).first()
                if municipality
                else None,
            },
        )
    for email, first, last, roles in DEMO_USERS:
        user = demo_user(email, first, last)
        for kind, organisation in roles:
            org = Organisation.objects.get(slug=slugify(organisation)) if organisation else None
            role_grant(user=user, kind=kind, organisation=org)
    if stdout:
        stdout.write(f"  portal: {Region.objects.count()} regions, {Organisation.objects.count()} organisations")


def demo_user(email: str, first_name: str = "", last_name: str = "") -> User:
    """A user who can sign in at once with the demo password (e-mail already verified)."""
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first_name, "last_name": last_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user
