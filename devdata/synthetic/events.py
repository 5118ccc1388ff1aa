"""Synthetic events (see devdata.synthetic.portal): at scale 1, 50 events with 140 registrations each.

Registrations keep the capacity rules: in the order they came, confirmed while the event and the
chosen track have room, the rest waiting in line with their time; a few cancelled. Industry days
have municipality tables with action lists, and some events follow one up.
"""

from __future__ import annotations

import datetime
from collections import Counter

from devdata.synthetic.portal import Synthetic, bulk, person_name
from events.models import ActionItem, Event, Registration, RoundTable, RoundTableMember, Session, Speaker, Track
from projects.models import Project

REGISTRATIONS_PER_EVENT = 140
THEMES = [
    "Framtidens kompetens",
    "Samverkan skola och industri",
    "Automation i småföretag",
    "Kompetensförsörjning i länet",
    "Jämställd industri",
    "Validering av yrkeskunnande",
    "Attraktiva industrijobb",
    "Generationsväxling",
]
VENUES = [
    "Konsert & Kongress",
    "Folkets hus",
    "Teknikcollege",
    "Stadshotellet",
    "Slottet",
    "Science Park",
    "Industrimuseet",
    "Kulturhuset",
]
SPEAKER_ROLES = [
    "Projektledare",
    "VD",
    "Rektor",
    "Studie- och yrkesvägledare",
    "Näringslivschef",
    "HR-chef",
    "Produktionschef",
    "Yrkesambassadör",
    "Utvecklingsstrateg",
]
DIETS = ["Vegetariskt", "Glutenfritt", "Laktosfritt", "Nötallergi", "Veganskt"]
NEEDS = ["Hörslinga", "Rullstolsplats", "Teckenspråkstolk", "Plats nära utgången"]
ORG_TYPE_WEIGHTS = [("industry", 50), ("school", 25), ("employment_service", 10), ("public_body", 10), ("other", 5)]
ACTIONS = [
    "Bjuda in företag till skolans temadag",
    "Ordna studiebesök för åk 8",
    "Starta ett branschråd",
    "Ta fram en tidning om industrijobb",
    "Månadsmöten för studie- och yrkesvägledare",
    "Kompetensbytardag med lärare och företag",
    "Prao i industrin för alla i åk 9",
]


def _title(run: Synthetic, kind: str, year: int) -> str:
    rng = run.rng
    region = rng.choice(run.made["regions"]).name
    return {
        Event.Kind.INDUSTRY_DAY: f"Industridag {region} {year}",
        Event.Kind.CONFERENCE: f"{rng.choice(THEMES)} – konferens i {region}",
        Event.Kind.MINGLE: f"Sommarmingel i {region}",
        Event.Kind.FOLLOW_UP: f"Uppföljning av kommunborden i {region}",
        Event.Kind.WEBINAR: f"Webbinarium: {rng.choice(THEMES)}",
    }[kind]


def _events(run: Synthetic) -> list[Event]:
    rng = run.rng
    kinds = (
        [Event.Kind.CONFERENCE] * 4
        + [Event.Kind.INDUSTRY_DAY] * 2
        + [Event.Kind.MINGLE, Event.Kind.WEBINAR, Event.Kind.FOLLOW_UP]
    )
    rows = []
    titles = []
    public = run.count(50)
    # The public events take the registrations; a few drafts in the making come on top.
    for n in range(public + run.count(2)):
        kind = rng.choice(kinds)
        draft = n >= public
        starts = run.at(run.day(rng.randint(30, 365) if draft else rng.randint(-700, 365)), hour=rng.choice([9, 13]))
        titles.append(_title(run, kind, starts.year))
        online = kind == Event.Kind.WEBINAR
        status = (
            Event.Status.DRAFT if draft else Event.Status.CANCELLED if rng.random() < 0.05 else Event.Status.PUBLISHED
        )
        rows.append(
            Event(
                title=titles[-1],
                kind=kind,
                status=status,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2 if online else rng.choice([4, 6, 7])),
                region=None if online else rng.choice(run.made["regions"]),
                summary="Skola, Arbetsförmedlingen och industrin möts för att fler unga ska välja industrins yrken.",
                description="Under dagen presenteras goda exempel från regionen, och i samtal vid borden tar "
                "deltagarna fram vad var och en ska göra härnäst.",
                venue="" if online else f"{rng.choice(VENUES)}, {rng.choice(run.made['municipalities']).name}",
                address="" if online else f"Storgatan {rng.randint(1, 60)}",
                online_url="https://mote.syntetisk.example/webbinarium" if online else "",
                capacity=rng.choice([100, 120, 140, 150, 160, 200, None]),
                registration_opens_at=starts - datetime.timedelta(days=60),
                registration_closes_at=starts - datetime.timedelta(days=2),
            )
        )
    for event, slug in zip(rows, run.unique_slugs(Event, titles), strict=True):
        event.slug = slug
    events = bulk(Event, rows)
    published_projects = [p for p in run.made["projects"] if p.status == Project.Status.PUBLISHED]
    bulk(
        Event.projects.through,
        (
            Event.projects.through(event=e, project=p)
            for e in events
            for p in rng.sample(published_projects, min(len(published_projects), rng.randint(1, 2)))
        ),
    )
    # Follow-up meetings follow up the latest industry day before them.
    days = sorted((e for e in events if e.kind == Event.Kind.INDUSTRY_DAY), key=lambda e: e.starts_at)
    for event in events:
        if event.kind == Event.Kind.FOLLOW_UP:
            earlier = [day for day in days if day.starts_at < event.starts_at]
            if earlier:
                event.follows_up = earlier[-1]
    Event.objects.bulk_update([e for e in events if e.follows_up_id], ["follows_up"], batch_size=500)
    return events


def _programme(run: Synthetic, events: list[Event]) -> dict[int, list[Track]]:
    rng = run.rng
    speakers = []
    seen = set()
    for _ in range(run.count(120)):
        first, last, _gender = person_name(rng)
        organisation = rng.choice(run.made["companies"] + run.made["schools"] + run.made["providers"]).name
        if (f"{first} {last}", organisation) not in seen:
            seen.add((f"{first} {last}", organisation))
            speakers.append(Speaker(name=f"{first} {last}", title=rng.choice(SPEAKER_ROLES), organisation=organisation))
    speakers = bulk(Speaker, speakers)
    tracks = []
    for event in events:
        if event.kind in (Event.Kind.CONFERENCE, Event.Kind.INDUSTRY_DAY) and rng.random() < 0.5:
            for position, name in enumerate(
                rng.sample(
                    ["Skola och arbetsliv", "Automation", "Ledarskap", "Validering", "Unga i industrin"],
                    rng.randint(2, 3),
                )
            ):
                capacity = rng.choice([None, 40, 50, 60]) if event.capacity else None
                tracks.append(
                    Track(
                        event=event,
                        name=name,
                        capacity=capacity,
                        position=position,
                        description=f"Passen i spåret {name.lower()}.",
                    )
                )
    tracks = bulk(Track, tracks)
    tracks_of: dict[int, list[Track]] = {}
    for track in tracks:
        tracks_of.setdefault(track.event_id, []).append(track)
    sessions = []
    for event in events:
        at = event.starts_at
        plan = [
            (Session.Kind.PLENARY, "Välkommen och inledning", 30),
            (Session.Kind.PANEL, "Panelsamtal: " + rng.choice(THEMES), 45),
            (Session.Kind.BREAK, "Kaffe", 20),
        ]
        for kind, title, minutes in plan:
            sessions.append(
                Session(
                    event=event,
                    kind=kind,
                    title=title,
                    starts_at=at,
                    ends_at=at + datetime.timedelta(minutes=minutes),
                    room="Stora salen",
                )
            )
            at += datetime.timedelta(minutes=minutes)
        for track in tracks_of.get(event.pk, []):
            sessions.append(
                Session(
                    event=event,
                    kind=Session.Kind.TRACK,
                    track=track,
                    title=f"{track.name}: exempel från regionen",
                    starts_at=at,
                    ends_at=at + datetime.timedelta(minutes=60),
                    room=f"Sal {track.position + 1}",
                )
            )
        if event.kind == Event.Kind.INDUSTRY_DAY:
            sessions.append(
                Session(
                    event=event,
                    kind=Session.Kind.ROUND_TABLE,
                    title="Kommunborden",
                    starts_at=at,
                    ends_at=at + datetime.timedelta(minutes=60),
                )
            )
    sessions = bulk(Session, sessions)
    through = Session.speakers.through
    bulk(
        through,
        (
            through(session=s, speaker=sp)
            for s in sessions
            if s.kind != Session.Kind.BREAK
            for sp in rng.sample(speakers, min(len(speakers), rng.randint(1, 3)))
        ),
    )
    return tracks_of


def _registrations(run: Synthetic, events: list[Event], tracks_of: dict[int, list[Track]]) -> int:
    rng = run.rng
    people = run.made["participants"]
    organisations = {"industry": run.made["companies"], "school": run.made["schools"]}
    kinds, weights = zip(*ORG_TYPE_WEIGHTS, strict=True)
    rows = []
    for event in events:
        if event.status == Event.Status.DRAFT:
            continue
        tracks = tracks_of.get(event.pk, [])
        latest = min(run.now, event.registration_closes_at)
        times = sorted(
            latest - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 50)) for _ in range(REGISTRATIONS_PER_EVENT)
        )
        confirmed = 0
        per_track: Counter = Counter()
        past = event.ends_at < run.now
        for user, when in zip(rng.sample(people, min(len(people), REGISTRATIONS_PER_EVENT)), times, strict=False):
            org_type = rng.choices(kinds, weights)[0]
            track = rng.choice(tracks) if tracks else None
            registration = Registration(
                event=event,
                user=user,
                track=track,
                organisation_type=org_type,
                organisation_name=rng.choice(organisations[org_type]).name if org_type in organisations else "",
                dietary_needs=rng.choice(DIETS) if rng.random() < 0.15 and not past else "",
                accessibility_needs=rng.choice(NEEDS) if rng.random() < 0.03 and not past else "",
                consent_to_list=rng.random() < 0.6,
            )
            has_room = (event.capacity is None or confirmed < event.capacity) and (
                track is None or track.capacity is None or per_track[track.pk] < track.capacity
            )
            if rng.random() < 0.05:
                registration.status = Registration.Status.CANCELLED
                registration.cancelled_at = min(run.now, when + datetime.timedelta(days=2))
            elif has_room:
                registration.status = Registration.Status.CONFIRMED
                registration.confirmed_at = when
                confirmed += 1
                if track is not None:
                    per_track[track.pk] += 1
                if past and rng.random() < 0.85:
                    registration.checked_in_at = event.starts_at
            else:
                registration.status = Registration.Status.WAITLISTED
                registration.waitlisted_at = when
            rows.append(registration)
    bulk(Registration, rows)
    return len(rows)


def _round_tables(run: Synthetic, events: list[Event]) -> None:
    rng = run.rng
    tables = []
    for event in events:
        if event.kind == Event.Kind.INDUSTRY_DAY and event.status != Event.Status.DRAFT:
            places = [m for m in run.made["municipalities"] if m.region_id == event.region_id] or run.made[
                "municipalities"
            ]
            for municipality in rng.sample(places, min(len(places), rng.randint(3, 6))):
                tables.append(
                    RoundTable(
                        event=event,
                        municipality=municipality,
                        notes="Skola, näringsliv och Arbetsförmedlingen vid samma bord.",
                    )
                )
    tables = bulk(RoundTable, tables)
    members, items = [], []
    for table in tables:
        for _ in range(rng.randint(4, 7)):
            first, last, _gender = person_name(rng)
            members.append(RoundTableMember(table=table, name=f"{first} {last}", title=rng.choice(SPEAKER_ROLES)))
        for what in rng.sample(ACTIONS, rng.randint(2, 4)):
            status = rng.choice(list(ActionItem.Status.values))
            items.append(
                ActionItem(
                    table=table,
                    what=what,
                    responsible=rng.choice(SPEAKER_ROLES),
                    status=status,
                    due_on=run.day(rng.randint(-300, 200)),
                    outcome="Genomfört under våren." if status == ActionItem.Status.DONE else "",
                )
            )
    bulk(RoundTableMember, members)
    bulk(ActionItem, items)


def generate(run: Synthetic) -> None:
    events = _events(run)
    tracks_of = _programme(run, events)
    registered = _registrations(run, events, tracks_of)
    _round_tables(run, events)
    run.made["events"] = events
    run.say(f"  events: {len(events)} events, {registered} registrations")
