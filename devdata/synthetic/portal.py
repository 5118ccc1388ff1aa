"""Synthetic data at a chosen scale, for benchmarks and for trying the portal out at real size.

`manage.py generate_data --scale N` builds a `Synthetic` run and hands it to each app's
`generate(run)` (its `synthetic_generate` hook, portal.plugins) in INSTALLED_APPS order (portal
first: places, organisations, people; then projects, events, ambassadors), each adding its rows
with bulk_create in batches. Scale 1 is the size the seed articles speak of: 5 projects, 70
companies, 5 000 employees, 1 200 courses, 3 000 occasions, 30 000 course registrations, 500
ambassadors and 50 events with 140 registrations each. A run is deterministic: the same seed
and scale give the same rows (dates are counted from the day it runs).

Rows are written straight to the tables, not through the services, because the services lock,
notify and send mail one row at a time. So every generator keeps the rules the services keep:
seats and quotas, waiting lists with their times, one active registration per person,
published ambassadors only with consent on record.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from devdata.demo.portal import REGIONS
from portal.models import Municipality, Organisation, Region, Role, User
from portal.services import role_grant

BATCH = 2000
# Every synthetic account has an address at this domain (reserved for examples, never delivered),
# and one shared password, so that an engineer can sign in as any of them.
EMAIL_DOMAIN = "syntetisk.example"
PASSWORD = "Syntetisk-2026"  # noqa: S105 - documented in docs/benchmarks.md

WOMEN = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Emma",
    "Kristina",
    "Elin",
    "Ida",
    "Johanna",
    "Malin",
    "Linnéa",
    "Hanna",
    "Sofia",
    "Amira",
    "Fatima",
    "Nour",
    "Leila",
    "Ebba",
    "Maja",
    "Alva",
    "Wilma",
    "Agnes",
    "Frida",
    "Josefin",
    "Camilla",
    "Therese",
    "Jenny",
    "Helena",
    "Ulrika",
    "Marie",
    "Zahra",
    "Ayan",
    "Selma",
]
MEN = [
    "Erik",
    "Lars",
    "Karl",
    "Anders",
    "Johan",
    "Per",
    "Mikael",
    "Magnus",
    "Jonas",
    "Oskar",
    "Emil",
    "Viktor",
    "Filip",
    "Ali",
    "Mohammed",
    "Ahmad",
    "Hassan",
    "Omar",
    "Nils",
    "Gustav",
    "Axel",
    "Hugo",
    "Elias",
    "Isak",
    "Patrik",
    "Daniel",
    "Fredrik",
    "Tomas",
    "Henrik",
    "Mattias",
    "Robin",
    "Niklas",
    "Samir",
    "Yusuf",
    "Leo",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Olofsson",
    "Lindström",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Ali",
    "Mohammed",
    "Hassan",
    "Ahmadi",
    "Haddad",
    "Korhonen",
    "Nowak",
    "Hodžić",
    "Öberg",
    "Åberg",
    "Ek",
    "Holm",
]
COMPANY_TRADES = [
    "Mekaniska",
    "Verkstad",
    "Precision",
    "Gjuteri",
    "Plåt",
    "Svets",
    "Hydraulik",
    "Automation",
    "Elektronik",
    "Industriteknik",
    "Maskin",
    "Härdverk",
    "Ytbehandling",
    "Komponent",
    "Press",
    "Valsverk",
    "Montage",
    "Produktion",
    "Fräs & Svarv",
    "Transmission",
    "Kablage",
    "Formverktyg",
    "Legering",
    "Laserteknik",
]
COMPANY_FORMS = ["AB", "AB", "AB", "i Sverige AB", "Industri AB", "& Söner AB", "Group AB"]
SCHOOL_KINDS = ["gymnasiet", "skolan", "Teknikcollege", "högstadieskola", "grundskola", "Komvux"]
PROVIDERS = [
    "Industrikompetens Syd",
    "Teknikutbildarna",
    "Yrkesakademin",
    "Lernia",
    "AFRY Academy",
    "Mätakademin",
    "Robotcentrum",
    "Truckskolan Mitt",
    "Ledarskapsinstitutet",
    "Svetskommissionen",
    "Hydraulikcentrum",
    "Kvalitetsakademin",
    "Underhållsinstitutet",
    "Lean Forum",
    "Komvux industri",
    "TUC Yrkeshögskola",
]
FUNDERS = ["Svenska ESF-rådet", "Tillväxtverket", "Europeiska regionala utvecklingsfonden"]


def person_name(rng: random.Random) -> tuple[str, str, str]:
    """A first name, a last name and the gender ESF+ follow-up counts (a few non-binary)."""
    roll = rng.random()
    if roll < 0.01:
        return rng.choice(WOMEN + MEN), rng.choice(LAST_NAMES), "non_binary"
    if roll < 0.36:  # industry's workforce is about a third women
        return rng.choice(WOMEN), rng.choice(LAST_NAMES), "woman"
    return rng.choice(MEN), rng.choice(LAST_NAMES), "man"


def ascii_slug(text: str) -> str:
    return slugify(
        text.replace("å", "a").replace("ä", "a").replace("ö", "o").replace("Å", "A").replace("Ä", "A").replace("Ö", "O")
    )


@dataclass
class Synthetic:
    """One run: its scale and random generator, and what earlier apps made for later ones."""

    scale: float
    seed: int = 2026
    stdout: Any = None
    now: datetime.datetime = field(default_factory=timezone.now)
    rng: random.Random = field(init=False)
    password_hash: str = field(init=False)
    made: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        # One hash for all: hashing is slow on purpose, and thousands of accounts would take minutes.
        self.password_hash = make_password(PASSWORD, salt="syntetisk")
        # Whole minutes, so that times derived from it compare equal between runs of the same day.
        self.now = self.now.replace(second=0, microsecond=0)
        self.today = timezone.localdate(self.now)

    def count(self, at_scale_one: int) -> int:
        """How many of something at this scale (at least one)."""
        return max(1, round(at_scale_one * self.scale))

    def at(self, day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())

    def day(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)

    def say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)

    def unique_slugs(self, model: type[models.Model], texts: Iterable[str], field_name: str = "slug") -> list[str]:
        """Slugs for the given texts, unique among themselves and against the rows already stored."""
        taken = set(model.objects.values_list(field_name, flat=True))
        slugs = []
        for text in texts:
            base = ascii_slug(text)[:180] or "x"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            slugs.append(slug)
        return slugs


def bulk(model: type[models.Model], rows: Sequence[models.Model] | Iterable[models.Model]) -> list:
    """Insert in batches; the rows come back with their primary keys (PostgreSQL and SQLite ≥ 3.35)."""
    return model.objects.bulk_create(list(rows), batch_size=BATCH)


def already_generated() -> bool:
    return User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()


def users(run: Synthetic, people: Sequence[tuple[str, str]], label: str) -> list[User]:
    """Accounts that can sign in (verified address, the shared password)."""
    start = run.made.setdefault("user_serial", 0)
    rows = []
    for n, (first, last) in enumerate(people, start=start + 1):
        email = f"{ascii_slug(first)}.{ascii_slug(last)}.{label}{n}@{EMAIL_DOMAIN}"
        rows.append(
            User(
                email=email,
                first_name=first,
                last_name=last,
                password=run.password_hash,
                date_joined=run.now - datetime.timedelta(days=run.rng.randint(1, 900)),
            )
        )
    run.made["user_serial"] = start + len(rows)
    created = bulk(User, rows)
    bulk(EmailAddress, (EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in created))
    return created


def _places(run: Synthetic) -> None:
    """The regions and municipalities of the seed articles (shared with the demo data)."""
    for name, (code, municipalities) in REGIONS.items():
        region, _ = Region.objects.get_or_create(slug=slugify(name), defaults={"name": name, "code": code})
        for municipality in municipalities:
            Municipality.objects.get_or_create(
                slug=slugify(municipality), defaults={"name": municipality, "region": region}
            )
    run.made["regions"] = list(Region.objects.order_by("pk"))
    run.made["municipalities"] = list(Municipality.objects.select_related("region").order_by("pk"))


def _organisations(run: Synthetic, kind: str, names: list[str]) -> list[Organisation]:
    taken = {name.lower() for name in Organisation.objects.filter(kind=kind).values_list("name", flat=True)}
    unique = []
    for name in names:
        candidate, n = name, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{name} {n}"
        taken.add(candidate.lower())
        unique.append(candidate)
    rows = []
    for name, slug in zip(unique, run.unique_slugs(Organisation, unique), strict=True):
        municipality = run.rng.choice(run.made["municipalities"])
        rows.append(
            Organisation(
                name=name,
                slug=slug,
                kind=kind,
                region=municipality.region,
                municipality=municipality,
                org_number=f"55{run.rng.randint(0, 99999999):08d}" if kind == Organisation.Kind.COMPANY else "",
                website=f"https://www.{slug}.example" if kind == Organisation.Kind.COMPANY else "",
            )
        )
    return bulk(Organisation, rows)


def _company_names(run: Synthetic, count: int) -> list[str]:
    names = []
    for _ in range(count):
        place = run.rng.choice(run.made["municipalities"]).name
        if run.rng.random() < 0.3:
            names.append(f"{run.rng.choice(LAST_NAMES)}s {run.rng.choice(COMPANY_TRADES)} AB")
        else:
            names.append(f"{place} {run.rng.choice(COMPANY_TRADES)} {run.rng.choice(COMPANY_FORMS)}")
    return names


def _grant(roles: list[tuple[User, str, Organisation | None]]) -> None:
    """Company contacts and teachers need no admin access, so their roles go in as rows."""
    bulk(Role, (Role(user=user, kind=kind, organisation=organisation) for user, kind, organisation in roles))


def generate(run: Synthetic) -> None:
    rng = run.rng
    _places(run)
    companies = _organisations(run, Organisation.Kind.COMPANY, _company_names(run, run.count(70)))
    schools = _organisations(
        run,
        Organisation.Kind.SCHOOL,
        [f"{rng.choice(run.made['municipalities']).name} {rng.choice(SCHOOL_KINDS)}" for _ in range(run.count(40))],
    )
    providers = _organisations(
        run, Organisation.Kind.EDUCATION_PROVIDER, [PROVIDERS[n % len(PROVIDERS)] for n in range(run.count(16))]
    )
    funders = list(Organisation.objects.filter(kind=Organisation.Kind.AGENCY, name__in=FUNDERS))
    funders += _organisations(
        run, Organisation.Kind.AGENCY, [name for name in FUNDERS if name not in {f.name for f in funders}]
    )

    contacts = users(run, [person_name(rng)[:2] for _ in companies], "kontakt")
    teachers = users(run, [person_name(rng)[:2] for _ in schools], "larare")
    _grant(
        [(user, Role.Kind.COMPANY_CONTACT, company) for user, company in zip(contacts, companies, strict=True)]
        + [(user, Role.Kind.TEACHER, school) for user, school in zip(teachers, schools, strict=True)]
    )
    leaders = users(run, [person_name(rng)[:2] for _ in range(run.count(5))], "projektledare")
    for leader in leaders:
        # Through the service: it gives admin access and the project leaders' group.
        role_grant(user=leader, kind=Role.Kind.PROJECT_LEADER)
    # Enough people for every event to have its 140 registrations, one each, even at small scales.
    participants = users(run, [person_name(rng)[:2] for _ in range(max(run.count(2000), 200))], "deltagare")

    run.made.update(
        companies=companies,
        contacts=dict(zip([c.pk for c in companies], contacts, strict=True)),
        schools=schools,
        teachers=dict(zip([s.pk for s in schools], teachers, strict=True)),
        providers=providers,
        funders=funders,
        leaders=leaders,
        participants=participants,
    )
    run.say(
        f"  portal: {len(companies)} companies, {len(schools)} schools, {len(providers)} course providers, "
        f"{User.objects.filter(email__endswith=EMAIL_DOMAIN).count()} accounts"
    )
