"""Demo events from the seed articles, retold: Industridag Östergötland 2015 with its municipality
tables and their follow-up in January 2016, the summer mingle with a 60-person speed-date in June
2016 (both long past), and the Västmanland conference "Samverkan för framtidens arbetsmarknad",
set in April 2027 so that registration can be tried.

Everything is keyed on natural keys (slugs, names, the event and person), so running it again
changes nothing. Organisations and roles are those of the articles; the people, speakers included,
are invented (as in the projects' demo data), and the participants cannot sign in.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from events.models import (
    ActionItem,
    Event,
    Registration,
    RoundTable,
    RoundTableMember,
    Session,
    Speaker,
    SpeedDate,
    Track,
)
from events.services import event_reminders_update, speed_date_plan
from portal.models import Municipality, Organisation, Region, User
from projects.models import Project, ProjectLeader

TZ = ZoneInfo("Europe/Stockholm")
LEADER_EMAIL = "projektledare@demo.kompetensportalen.se"
GUEST_DOMAIN = "demo.kompetensportalen.se"

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Eva",
    "Anders",
    "Sara",
    "Per",
    "Emma",
    "Mikael",
    "Linnea",
    "Oskar",
    "Sofia",
    "Fredrik",
    "Elin",
    "Jonas",
    "Ida",
    "Mattias",
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
    "Lindberg",
    "Lindqvist",
    "Berg",
    "Holm",
]


def at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


def seed(stdout=None) -> None:
    leader = User.objects.filter(email=LEADER_EMAIL).first()
    industridag_project = _project(
        "industridag-ostergotland",
        "Industridag Östergötland",
        owner="industrikompetens",
        region="Östergötland",
        summary="Ett årligt möte mellan skola, Arbetsförmedlingen och industrin i Östergötland.",
        leader=leader,
        leader_since=datetime.date(2014, 1, 1),
    )
    validering = _project(
        "regionala-strukturer-for-validering",
        "Regionala strukturer för validering i Östra Mellansverige",
        owner="region-vastmanland",
        region="Västmanland",
        summary="Regionerna i Östra Mellansverige bygger gemensamma strukturer för validering.",
        leader=leader,
        leader_since=datetime.date(2024, 1, 1),
    )
    guests = _guests()
    industridag = _industridag_2015(industridag_project)
    _follow_up_2016(industridag_project, industridag)
    _summer_mingle_2016(industridag_project, guests)
    _conference_2027(validering, guests)
    if stdout:
        stdout.write(
            f"  events: {Event.objects.count()} events, {Registration.objects.count()} registrations, "
            f"{RoundTable.objects.count()} municipality tables"
        )


# --- Building blocks ---------------------------------------------------------------------------


def _project(slug, name, *, owner, region, summary, leader, leader_since) -> Project:
    """The project an event belongs to. The projects app seeds its projects first; this only
    fills in one that is missing, so the events never hang loose."""
    project, _created = Project.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "summary": summary,
            "status": Project.Status.PUBLISHED,
            "owner": Organisation.objects.get(slug=owner),
        },
    )
    project.regions.add(Region.objects.get(slug=slugify(region)))
    if leader and not ProjectLeader.objects.filter(project=project, user=leader).exists():
        ProjectLeader.objects.create(project=project, user=leader, title="Projektledare", started_on=leader_since)
    return project


def _event(slug, *, project, **fields) -> Event:
    event, _created = Event.objects.update_or_create(slug=slug, defaults=fields)
    event.projects.add(project)
    return event


def _speaker(name, title, organisation) -> Speaker:
    speaker, _created = Speaker.objects.update_or_create(
        name=name, organisation=organisation, defaults={"title": title}
    )
    return speaker


def _session(
    event,
    title,
    start,
    end,
    *,
    kind=Session.Kind.PLENARY,
    description="",
    room="",
    track=None,
    speakers=(),
    moderator=None,
) -> Session:
    session, _created = Session.objects.update_or_create(
        event=event,
        title=title,
        defaults={
            "starts_at": start,
            "ends_at": end,
            "kind": kind,
            "description": description,
            "room": room,
            "track": track,
            "moderator": moderator,
        },
    )
    session.speakers.set(speakers)
    return session


def _guests() -> list[tuple[User, str, str]]:
    """60 invented participants: half from industry, half from schools and Arbetsförmedlingen.
    They have no password; they exist to fill the demo's lists and speed-date."""
    industry = ["Scanfil", "Luvata", "Östgöta Verkstadsteknik AB"]
    others = [
        ("school", "De Geergymnasiet"),
        ("school", "Ljungsbro skola"),
        ("employment_service", "Arbetsförmedlingen"),
    ]
    guests = []
    for number in range(60):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
        user, created = User.objects.get_or_create(
            email=f"gast{number + 1:02d}@{GUEST_DOMAIN}", defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if number % 2 == 0:
            guests.append((user, Registration.OrganisationType.INDUSTRY, industry[(number // 2) % len(industry)]))
        else:
            kind, name = others[(number // 2) % len(others)]
            guests.append((user, kind, name))
    return guests


def _register(event, user, organisation_type, organisation_name, *, track=None, confirmed_at, attended=False):
    Registration.objects.update_or_create(
        event=event,
        user=user,
        defaults={
            "status": Registration.Status.CONFIRMED,
            "track": track,
            "organisation_type": organisation_type,
            "organisation_name": organisation_name,
            "consent_to_list": True,
            "confirmed_at": confirmed_at,
            "checked_in_at": event.starts_at if attended else None,
        },
    )


# --- Industridag Östergötland 2015 and its round tables -----------------------------------------

TABLES = {
    # municipality: [(what, responsible, status, outcome)]
    "Linköping": [
        (
            "Ge ut en tidning fyra gånger om året som sprider kunskap om industrin och porträtterar unga medarbetare.",
            "Linköpings kommun och företagen i kommunen",
            "done",
            "Tidningen kommer ut fyra gånger per år.",
        ),
    ],
    "Norrköping": [
        (
            "Låta studie- och yrkesvägledarna träffas regelbundet på näringslivskontoret.",
            "Studie- och yrkesvägledarna i Norrköping",
            "done",
            "Vägledarna har möte på näringslivskontoret varje månad.",
        ),
    ],
    "Boxholm": [
        (
            "Införa kompetensbytardagar mellan skola och företag.",
            "Skolorna och företagen i Boxholm",
            "done",
            "Kompetensbytardagar är införda.",
        ),
        (
            "Bjuda in företag till skolan varje vecka.",
            "Skolledningen i Boxholm",
            "done",
            "Företag bjuds in till skolan varje fredag.",
        ),
    ],
    "Kinda": [
        (
            "Få in språkstöd och SFI i kommunens yrkesutbildningar.",
            "Vuxenutbildningen i Kinda",
            "in_progress",
            "Arbetet pågår.",
        ),
    ],
    "Motala": [
        (
            "Starta ett branschråd för industri och tillverkning.",
            "Tillväxt Motala",
            "done",
            "Tillväxt Motala har startat branschrådet.",
        ),
    ],
    "Åtvidaberg": [
        (
            "Ordna studiebesök i industridagens anda tillsammans med ett lokalt företag.",
            "Scanfil och skolan",
            "done",
            "Scanfil och skolan samverkar kring studiebesök.",
        ),
        (
            "Väcka intresse för teknik redan i förskolan.",
            "Förskolorna i Åtvidaberg",
            "in_progress",
            "Projekt om teknik i förskolan har startat.",
        ),
    ],
    "Finspång": [
        (
            "Öka intresset för teknik i grundskolan.",
            "Teknikcollege Finspång",
            "in_progress",
            "Teknikcollege har fått uppdraget att arbeta med grundskolan.",
        ),
    ],
    "Söderköping": [
        ("Ordna en tjejkväll om teknikyrken för årskurs 8.", "Skolorna i Söderköping", "planned", "Kvällen planeras."),
        (
            "Låta elever i årskurs 4–5 göra laborationer i en riktig företagsmiljö.",
            "Luvata",
            "done",
            "Luvata har regelbundna träffar med årskurs 4–5.",
        ),
    ],
    "Mjölby": [
        (
            "Ge lärarna inspiration om industrins yrken.",
            "Mjölby kommun tillsammans med Scanfil",
            "done",
            "Scanfil har hållit en inspirationsföreläsning för Mjölbys lärare.",
        ),
    ],
}


def _industridag_2015(project) -> Event:
    event = _event(
        "industridag-ostergotland-2015",
        project=project,
        title="Industridag Östergötland 2015",
        kind=Event.Kind.INDUSTRY_DAY,
        status=Event.Status.PUBLISHED,
        region=Region.objects.get(slug="ostergotland"),
        summary="Skolan, Arbetsförmedlingen och industrin i Östergötland möts för att locka fler unga till "
        "industrins yrken.",
        description=(
            "En dag om hur fler unga kan hitta till industrins utbildningar och yrken. Unga medarbetare berättar "
            "om sina val, och på eftermiddagen samlas varje kommun vid sitt eget bord.\n\n"
            "Varje kommunbord enas om vad kommunen ska göra under året och lämnar in sin åtgärdslista i en "
            "stafettpinne. Listorna följs upp vid ett möte i januari."
        ),
        venue="Linköping Konsert & Kongress",
        address="Linköping",
        starts_at=at(2015, 9, 23, 9),
        ends_at=at(2015, 9, 23, 16),
        capacity=250,
        registration_opens_at=None,
        registration_closes_at=at(2015, 9, 16, 23, 59),
    )
    hallberg = _speaker("Elsa Hallberg", "Projektledare, Industridag Östergötland", "Industrikompetens")
    _session(event, "Välkomna till Industridag", at(2015, 9, 23, 9), at(2015, 9, 23, 9, 30), speakers=[hallberg])
    _session(
        event,
        "Unga ambassadörer berättar om sina yrkesval",
        at(2015, 9, 23, 9, 30),
        at(2015, 9, 23, 10, 30),
        description="Unga medarbetare från industrin om vägen till jobbet och vad de gör om dagarna.",
    )
    _session(event, "Lunch", at(2015, 9, 23, 12), at(2015, 9, 23, 13), kind=Session.Kind.BREAK)
    _session(
        event,
        "Rundabordssamtal per kommun",
        at(2015, 9, 23, 13),
        at(2015, 9, 23, 15),
        kind=Session.Kind.ROUND_TABLE,
        description="Skola, Arbetsförmedlingen och företag från samma kommun tar fram en åtgärdslista.",
    )
    _session(event, "Stafettpinnarna lämnas över", at(2015, 9, 23, 15, 15), at(2015, 9, 23, 16))

    for index, (municipality_name, items) in enumerate(TABLES.items()):
        municipality = Municipality.objects.get(slug=slugify(municipality_name))
        table, _created = RoundTable.objects.update_or_create(event=event, municipality=municipality)
        # Swedish genitive: Linköpings kommun, but Motala kommun.
        council = f"{municipality_name}{'' if municipality_name[-1] in 'aeiouyåäö' else 's'} kommun"
        for offset, title in enumerate(["Studie- och yrkesvägledare", "Näringslivsutvecklare"]):
            organisation = council
            name = (
                f"{FIRST_NAMES[(index * 2 + offset) % len(FIRST_NAMES)]} "
                f"{LAST_NAMES[(index * 3 + offset) % len(LAST_NAMES)]}"
            )
            RoundTableMember.objects.update_or_create(
                table=table, name=name, defaults={"title": title, "organisation": organisation}
            )
        for what, responsible, status, outcome in items:
            ActionItem.objects.update_or_create(
                table=table,
                what=what,
                defaults={
                    "responsible": responsible,
                    "due_on": datetime.date(2016, 1, 28),
                    "status": status,
                    "outcome": outcome,
                    "status_changed_at": at(2016, 1, 28, 15) if status != "planned" else None,
                },
            )
    return event


def _follow_up_2016(project, industridag) -> Event:
    event = _event(
        "uppfoljning-stafettpinnarna-2016",
        project=project,
        title="Uppföljning av stafettpinnarna",
        kind=Event.Kind.FOLLOW_UP,
        status=Event.Status.PUBLISHED,
        region=Region.objects.get(slug="ostergotland"),
        summary="Kommunerna berättar för varandra vad de har gjort av löftena från Industridag 2015.",
        description=(
            "Representanter från kommunerna träffas hos landshövdingen för att gå igenom åtgärdslistorna från "
            "kommunborden och dela med sig av vad som har fungerat."
        ),
        venue="Linköpings slott",
        address="Linköping",
        starts_at=at(2016, 1, 28, 13),
        ends_at=at(2016, 1, 28, 16),
        capacity=40,
        registration_opens_at=None,
        registration_closes_at=at(2016, 1, 21, 23, 59),
        follows_up=industridag,
    )
    governor = _speaker("Eva Nordin", "Landshövding", "Länsstyrelsen Östergötland")
    _session(event, "Välkomna", at(2016, 1, 28, 13), at(2016, 1, 28, 13, 15), speakers=[governor])
    _session(
        event,
        "Kommunerna redovisar sina stafettpinnar",
        at(2016, 1, 28, 13, 15),
        at(2016, 1, 28, 15, 30),
        kind=Session.Kind.ROUND_TABLE,
    )
    _session(event, "Hur går vi vidare?", at(2016, 1, 28, 15, 30), at(2016, 1, 28, 16))
    return event


def _summer_mingle_2016(project, guests) -> Event:
    event = _event(
        "sommarmingel-pa-slottet-2016",
        project=project,
        title="Sommarmingel på Slottet",
        kind=Event.Kind.MINGLE,
        status=Event.Status.PUBLISHED,
        region=Region.objects.get(slug="ostergotland"),
        summary="Deltagarna från Industridag 2015 möts igen i slottsträdgården, med speed-date mellan skola och "
        "industri.",
        description=(
            "Ett mingel för att fortsätta skapa möten mellan skolan, Arbetsförmedlingen och industri- och "
            "teknikföretagen bakom Industridag. Hälften av deltagarna kommer från företagen och hälften från skolan "
            "och Arbetsförmedlingen, och alla träffar alla från andra sidan i en speed-date.\n\n"
            "Dessutom korta presentationer av några initiativ som Industridag samarbetar med: UF, Jobbcirkus, "
            "Framtidsfrön och Teknikcollege."
        ),
        venue="Slottsträdgården, Linköpings slott",
        address="Linköping",
        starts_at=at(2016, 6, 16, 16),
        ends_at=at(2016, 6, 16, 19, 30),
        capacity=60,
        registration_opens_at=None,
        registration_closes_at=at(2016, 6, 9, 23, 59),
    )
    governor = _speaker("Eva Nordin", "Landshövding", "Länsstyrelsen Östergötland")
    _session(event, "Välkomna till slottsträdgården", at(2016, 6, 16, 16), at(2016, 6, 16, 16, 15), speakers=[governor])
    speed = _session(
        event,
        "Speed-date: skola och arbetsförmedling möter industrin",
        at(2016, 6, 16, 16, 15),
        at(2016, 6, 16, 18, 15),
        kind=Session.Kind.SPEED_DATE,
        description="Tre minuter per samtal, och sedan vidare till nästa bord.",
    )
    _session(
        event,
        "Initiativ att samarbeta med",
        at(2016, 6, 16, 18, 15),
        at(2016, 6, 16, 18, 45),
        description="UF, Jobbcirkus, Framtidsfrön och Riksföreningen Teknikcollege Sverige presenterar sig.",
    )
    _session(event, "Mingel", at(2016, 6, 16, 18, 45), at(2016, 6, 16, 19, 30), kind=Session.Kind.BREAK)

    for user, kind, organisation in guests:
        _register(event, user, kind, organisation, confirmed_at=at(2016, 5, 20, 10), attended=True)
    speed_date, _created = SpeedDate.objects.update_or_create(
        session=speed, defaults={"minutes_per_round": 3, "changeover_minutes": 1}
    )
    if not speed_date.meetings.exists():
        speed_date_plan(speed_date=speed_date, now=at(2016, 6, 15, 12))
    return event


def _conference_2027(project, guests) -> Event:
    event = _event(
        "samverkan-for-framtidens-arbetsmarknad-2027",
        project=project,
        title="Samverkan för framtidens arbetsmarknad",
        kind=Event.Kind.CONFERENCE,
        status=Event.Status.PUBLISHED,
        region=Region.objects.get(slug="vastmanland"),
        summary="En heldag för skola och arbetsliv i Västmanland om strategisk kompetensförsörjning.",
        description=(
            "Ett bra långsiktigt arbete med kompetensförsörjning bygger på kunskap och på dialog mellan skola och "
            "arbetsliv. Utbildningssystemet förändras – dimensionering av gymnasieskola och komvux, "
            "valideringsförordningen, omställningsreformen och YH-flex – samtidigt som arbetsgivare har svårt att "
            "hitta rätt kompetens i rätt tid.\n\n"
            "Förmiddagen ger inspiration, ny kunskap och exempel från länet, med ett panelsamtal om hur "
            "kompetenshöjningens utmaningar kan lösas. På eftermiddagen väljer du ett av tre spår. Dagen avslutas "
            "gemensamt.\n\n"
            "Arrangörer: projektet Regionala strukturer för validering i Östra Mellansverige och Näringsliv och "
            "kompetensförsörjning på Region Västmanland."
        ),
        venue="Aros Congress Center",
        address="Västerås",
        starts_at=at(2027, 4, 16, 9),
        ends_at=at(2027, 4, 16, 16),
        capacity=140,
        registration_opens_at=at(2026, 11, 1, 8),
        registration_closes_at=at(2027, 4, 6, 23, 59),
    )
    chair = _speaker("Johanna Lindén", "Ordförande i regionala utvecklingsnämnden", "Region Västmanland")
    project_lead = _speaker(
        "Karolina Lund", "Huvudprojektledare", "Regionala strukturer för validering i Östra Mellansverige"
    )
    developer = _speaker("Annika Wallin", "Utvecklingsledare kompetensförsörjning", "Region Västmanland")
    moderator = _speaker("Marie Rehn", "Regionala utvecklingsförvaltningen", "Region Västmanland")
    competence = _speaker("Dijana Simić", "Verksamhetsutvecklare", "Competence")
    business = _speaker("Carl Krantz", "Näringspolitisk rådgivare", "Svenskt Näringsliv")
    supervisor = _speaker("Joel Nygren", "Handledare", "Seco Tools")
    director = _speaker("Christer Alm", "Regional utvecklingsdirektör", "Region Västmanland")

    def t(hour, minute=0):
        return at(2027, 4, 16, hour, minute)

    hall = "Stora salen"
    _session(event, "Registrering och kaffe", t(8, 30), t(9), kind=Session.Kind.BREAK, room="Foajén")
    _session(
        event,
        "Välkomna",
        t(9),
        t(9, 15),
        room=hall,
        speakers=[chair],
        moderator=moderator,
        description="Varför vi behöver arbeta tillsammans med kompetensförsörjningen.",
    )
    _session(
        event,
        "Dagens tema: samverkan för framtidens arbetsmarknad",
        t(9, 15),
        t(9, 35),
        room=hall,
        speakers=[project_lead, developer],
    )
    _session(
        event,
        "Ungas val av utbildning och yrke",
        t(9, 35),
        t(10),
        room=hall,
        description="Competence om vad som styr ungas val.",
    )
    _session(event, "Fika", t(10), t(10, 20), kind=Session.Kind.BREAK)
    _session(
        event,
        "Företagens kompetensbehov i Västmanland",
        t(10, 20),
        t(10, 45),
        room=hall,
        description="Svenskt Näringsliv om behoven i länets olika branscher.",
    )
    _session(
        event,
        "Strukturer för det livslånga lärandet",
        t(10, 45),
        t(11, 10),
        room=hall,
        description="Myndigheten för yrkeshögskolan om vad som behövs för att vuxna ska kunna lära nytt "
        "hela arbetslivet.",
    )
    _session(
        event,
        "Panelsamtal: lösningar på kompetenshöjningens utmaningar",
        t(11, 10),
        t(11, 50),
        kind=Session.Kind.PANEL,
        room=hall,
        speakers=[competence, developer, business],
        moderator=moderator,
    )
    _session(
        event,
        "Exempel från länet: handledare för elever från Industritekniska programmet",
        t(11, 50),
        t(12, 10),
        room=hall,
        speakers=[supervisor],
        description="Samverkan mellan Seco Tools och Brinellskolan i Fagersta som ger något åt eleven, "
        "skolan och företaget.",
    )
    _session(event, "Lunch", t(12, 10), t(13, 10), kind=Session.Kind.BREAK)

    tracks = [
        (
            "Spår 1: Verktyg för strategisk kompetensförsörjning",
            50,
            "Sal A",
            "Sveriges referensram för kvalifikationer (SeQF), validering som del av en omställning, verktyget "
            "”Mind the Gap” och ett nytt projekt för länets företag.",
        ),
        (
            "Spår 2: Praktisk validering inom utbildning",
            45,
            "Sal B",
            "Myndighetens ansvar för validering, YH-flex i praktiken, kartläggning och validering inom komvux och "
            "erfarenheter från vård och omsorg.",
        ),
        (
            "Spår 3: Vägledning för framtidens kompetens",
            45,
            "Sal C",
            "Fyra branscher med stora rekryteringsbehov – vård och omsorg, transport och logistik, järnväg samt el och "
            "energi – berättar om yrken och vägar dit.",
        ),
    ]
    track_rows = []
    for position, (name, capacity, room, description) in enumerate(tracks, start=1):
        track, _created = Track.objects.update_or_create(
            event=event, name=name, defaults={"capacity": capacity, "position": position, "description": description}
        )
        track_rows.append(track)
        _session(
            event,
            name.split(": ", 1)[1],
            t(13, 10),
            t(15),
            kind=Session.Kind.TRACK,
            track=track,
            room=room,
            description=description,
        )
    _session(event, "Fika", t(15), t(15, 20), kind=Session.Kind.BREAK)
    _session(
        event,
        "Gemensam framåtblick och avslutning",
        t(15, 20),
        t(16),
        room=hall,
        speakers=[director],
        moderator=moderator,
    )

    # Spår 2 is full already, so the demo shows a full track and its waiting list.
    for number, (user, kind, organisation) in enumerate(guests):
        track = track_rows[1] if number < 45 else track_rows[0]
        _register(event, user, kind, organisation, track=track, confirmed_at=at(2026, 11, 2, 9))
    # The registrations above are written directly, so their reminders are scheduled here.
    event_reminders_update(event=event)
    return event
