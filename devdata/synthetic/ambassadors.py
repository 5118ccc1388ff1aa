"""Synthetic career ambassadors (see devdata.synthetic.portal): 500 at scale 1, with visit requests.

Nine in ten are published, and every published profile has an active consent on record (the rule
`Ambassador.objects.public()` relies on); the rest are drafts, half of them with consent already
given. About a third have their own account with the ambassador role. There is an ambassador of
the week for this week and the weeks before it.
"""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from ambassadors.models import (
    AgeGroup,
    Ambassador,
    Consent,
    ConsentText,
    EducationPath,
    Feature,
    Industry,
    Language,
    Profession,
    VisitFeedback,
    VisitRequest,
    VisitRequestEvent,
)
from ambassadors.search import search_vectors_refresh
from ambassadors.selectors import week_start
from devdata.demo.ambassadors import EDUCATION_PATHS, INDUSTRIES, LANGUAGES
from devdata.synthetic.portal import Synthetic, bulk, person_name, users
from portal.models import Role

PROFESSIONS = [
    "CNC-operatör",
    "Svetsare",
    "Automationstekniker",
    "Underhållstekniker",
    "Montör",
    "Produktionstekniker",
    "Kvalitetstekniker",
    "Konstruktör",
    "Processoperatör",
    "Elektriker",
    "Truckförare",
    "Logistiker",
    "Produktionsledare",
    "Maskinoperatör",
    "Robottekniker",
    "Verktygsmakare",
    "Plåtslagare",
    "Laboratorietekniker",
    "Industridesigner",
    "Mättekniker",
]
AGE_GROUPS = [
    ("forskoleklass-ak-3", "Förskoleklass–åk 3", 1),
    ("ak-4-6", "Åk 4–6", 2),
    ("ak-7-9", "Åk 7–9", 3),
    ("gymnasiet", "Gymnasiet", 4),
    ("vuxenutbildning", "Vuxenutbildning och sfi", 5),
]
HEADLINES = [
    "Jag visste inte att jobbet fanns – nu älskar jag det",
    "Från praktik till fast jobb på ett år",
    "Jag styr robotar som bygger det du använder varje dag",
    "Bytte bana efter tio år och ångrar inget",
    "Noggrannhet är min superkraft",
    "Varje dag löser jag ett nytt problem",
    "Jag kom till Sverige 2016 och jobbar nu som tekniker",
]
STORY_PARTS = [
    "I nian hade jag ingen aning om vad jag ville bli.",
    "En prao på en verkstad fick mig att tänka om.",
    "Jag gick Industritekniska programmet och fick jobb direkt efter studenten.",
    "Mina kollegor lärde mig mycket de första månaderna.",
    "Nu ansvarar jag för en egen maskingrupp.",
    "Det bästa med jobbet är att se något färdigt lämna fabriken.",
    "Jag pluggade vidare på yrkeshögskolan vid sidan av jobbet.",
    "Jag berättar gärna för elever om hur en vanlig dag ser ut.",
]
SCHOOL_YEARS = [y for y, _label in VisitRequest.SchoolYear.choices]


def _vocabulary() -> dict[str, list]:
    for name in INDUSTRIES:
        Industry.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name in LANGUAGES:
        Language.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name, level in EDUCATION_PATHS:
        EducationPath.objects.get_or_create(slug=slugify(name), defaults={"name": name, "level": level})
    for name in PROFESSIONS:
        Profession.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for slug, name, position in AGE_GROUPS:
        AgeGroup.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    return {
        "industries": list(Industry.objects.order_by("pk")),
        "languages": list(Language.objects.order_by("pk")),
        "paths": list(EducationPath.objects.order_by("pk")),
        "professions": list(Profession.objects.order_by("pk")),
        "ages": list(AgeGroup.objects.order_by("position")),
    }


def _consent_text(run: Synthetic) -> ConsentText:
    # The first text comes with the migrations (a flushed test database may lack it).
    return ConsentText.current() or ConsentText.objects.create(
        version="1",
        body="Jag samtycker till att min profil visas öppet i Kompetensportalen.",
        in_use_from=run.now - datetime.timedelta(days=800),
    )


def _profiles(run: Synthetic, words: dict[str, list]) -> list[Ambassador]:
    rng = run.rng
    projects = [p for p in run.made["projects"] if p.status == "published"] or run.made["projects"]
    leaders = {leader.project_id: leader.user for project in projects for leader in project.leaders.all()}
    count = run.count(500)
    people = [person_name(rng) for _ in range(count)]
    names = [first if rng.random() < 0.6 else f"{first} {last[0]}." for first, last, _gender in people]
    professions = [rng.choice(words["professions"]) for _ in range(count)]
    slugs = run.unique_slugs(Ambassador, [f"{n} {p.name}" for n, p in zip(names, professions, strict=True)])
    with_account = [rng.random() < 0.3 for _ in range(count)]
    accounts = iter(
        users(
            run,
            [(first, last) for (first, last, _g), linked in zip(people, with_account, strict=True) if linked],
            "ambassador",
        )
    )
    rows = []
    for n in range(count):
        project = projects[n % len(projects)]
        on_site = rng.random() < 0.85
        published = rng.random() < 0.9
        rows.append(
            Ambassador(
                project=project,
                user=next(accounts) if with_account[n] else None,
                display_name=names[n],
                slug=slugs[n],
                profession=professions[n],
                industry=rng.choice(words["industries"]),
                headline=rng.choice(HEADLINES),
                story=" ".join(rng.sample(STORY_PARTS, 4)),
                employer=rng.choice(run.made["companies"]).name,
                municipality=rng.choice(run.made["municipalities"]),
                offers_on_site=on_site,
                offers_digital=not on_site or rng.random() < 0.5,
                status=Ambassador.Status.PUBLISHED if published else Ambassador.Status.DRAFT,
                published_at=run.now - datetime.timedelta(days=rng.randint(1, 700)) if published else None,
                published_by=leaders.get(project.pk) if published else None,
            )
        )
    ambassadors = bulk(Ambassador, rows)
    bulk(Role, (Role(user_id=a.user_id, kind=Role.Kind.AMBASSADOR) for a in ambassadors if a.user_id))
    text = _consent_text(run)
    bulk(
        Consent,
        (
            Consent(
                ambassador=a,
                text=text,
                given_at=(a.published_at or run.now) - datetime.timedelta(days=7),
                method=Consent.Method.ONLINE if a.user_id else Consent.Method.WRITTEN,
                recorded_by=a.user if a.user_id else leaders.get(a.project_id),
            )
            for n, a in enumerate(ambassadors)
            if a.status == Ambassador.Status.PUBLISHED or n % 2
        ),
    )
    for field, choices, low, high in (
        ("education_paths", words["paths"], 1, 2),
        ("languages", words["languages"], 1, 3),
        ("age_groups", words["ages"], 1, 3),
    ):
        m2m = Ambassador._meta.get_field(field)
        through, source, target = m2m.remote_field.through, m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        bulk(
            through,
            (
                through(**{f"{source}_id": a.pk, f"{target}_id": choice.pk})
                for a in ambassadors
                for choice in rng.sample(choices, min(len(choices), rng.randint(low, high)))
            ),
        )
    return ambassadors


def _features(run: Synthetic, ambassadors: list[Ambassador]) -> None:
    """This week's ambassador and the twenty weeks before, each featured once."""
    public = [a for a in ambassadors if a.status == Ambassador.Status.PUBLISHED]
    this_week = week_start(run.today)
    taken = set(Feature.objects.values_list("week_start", flat=True))
    weeks = [this_week - datetime.timedelta(weeks=n) for n in range(21)]
    picks = run.rng.sample(public, min(len(public), len(weeks)))
    bulk(Feature, (Feature(ambassador=a, week_start=w) for a, w in zip(picks, weeks, strict=False) if w not in taken))


def _visits(run: Synthetic, ambassadors: list[Ambassador]) -> int:
    rng = run.rng
    public = [a for a in ambassadors if a.status == Ambassador.Status.PUBLISHED]
    schools, teachers = run.made["schools"], run.made["teachers"]
    S = VisitRequest.State
    states = (
        [S.REQUESTED] * 30
        + [S.PROPOSED] * 10
        + [S.ACCEPTED] * 35
        + [S.DECLINED] * 15
        + [S.WITHDRAWN] * 5
        + [S.CANCELLED] * 5
    )
    rows = []
    for _ in range(run.count(800)):
        ambassador, school = rng.choice(public), rng.choice(schools)
        state = rng.choice(states)
        first = run.day(rng.randint(-200, 120))
        at_ten = run.at(first, hour=10)
        formats = ambassador.visit_formats()
        rows.append(
            VisitRequest(
                ambassador=ambassador,
                requested_by=teachers[school.pk],
                school=school,
                group_name=rng.choice(["9A", "9B", "8C", "TE1", "IN2", "EE3", "SFI kväll"]),
                school_year=rng.choice(SCHOOL_YEARS),
                pupils=rng.randint(12, 32),
                first_choice=first,
                second_choice=first + datetime.timedelta(days=7) if rng.random() < 0.6 else None,
                format=rng.choice(formats),
                message="Klassen ska välja gymnasieprogram snart.",
                state=state,
                proposed_for=at_ten + datetime.timedelta(days=2) if state == S.PROPOSED else None,
                scheduled_for=at_ten if state in (S.ACCEPTED, S.CANCELLED) else None,
            )
        )
    requests = bulk(VisitRequest, rows)
    steps, feedback = [], []
    for request in requests:
        asked = run.at(request.first_choice, hour=8) - datetime.timedelta(days=rng.randint(10, 40))
        asked = min(asked, run.now)
        steps.append(
            VisitRequestEvent(
                visit_request=request,
                actor=request.requested_by,
                side="school",
                to_state=S.REQUESTED,
                message=request.message,
                created_at=asked,
                notified_at=asked,
            )
        )
        if request.state != S.REQUESTED:
            side = "school" if request.state == S.WITHDRAWN else "ambassador"
            steps.append(
                VisitRequestEvent(
                    visit_request=request,
                    side=side,
                    from_state=S.REQUESTED,
                    to_state=request.state,
                    when=request.scheduled_for or request.proposed_for,
                    created_at=min(run.now, asked + datetime.timedelta(days=2)),
                    notified_at=min(run.now, asked + datetime.timedelta(days=2)),
                )
            )
        if request.state == S.ACCEPTED and request.scheduled_for < run.now and rng.random() < 0.6:
            feedback.append(
                VisitFeedback(
                    visit_request=request,
                    side="school",
                    author=request.requested_by,
                    rating=rng.choice([3, 4, 4, 5, 5]),
                    comment="Eleverna var engagerade.",
                )
            )
    bulk(VisitRequestEvent, steps)
    bulk(VisitFeedback, feedback)
    return len(requests)


def generate(run: Synthetic) -> None:
    words = _vocabulary()
    ambassadors = _profiles(run, words)
    _features(run, ambassadors)
    visits = _visits(run, ambassadors)
    # Through the same function the services use, so search finds them as it finds any profile.
    search_vectors_refresh([a.pk for a in ambassadors])
    published = sum(a.status == Ambassador.Status.PUBLISHED for a in ambassadors)
    run.say(f"  ambassadors: {len(ambassadors)} profiles ({published} published), {visits} visit requests")
