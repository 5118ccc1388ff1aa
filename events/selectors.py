"""Reads that pages, admin, mails and reports share. Who may see or edit what is decided here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.models import User
from portal.pagecache import shared_value
from projects.models import ProjectLeader
from projects.selectors import projects_led_by

from .models import (
    ActionItem,
    Event,
    Registration,
    RoundTable,
    Session,
    SpeedDate,
    SpeedDateMeeting,
    Track,
)

CONFIRMED = Registration.Status.CONFIRMED
WAITLISTED = Registration.Status.WAITLISTED


# --- Who may edit what -------------------------------------------------------------------------


def events_editable_by(user: User) -> QuerySet[Event]:
    """Events a user may edit in the admin: all for site administrators, else the events of the
    projects they lead now (projects.selectors.projects_led_by is the rule)."""
    if not user.is_authenticated or not user.is_active:
        return Event.objects.none()
    if user.is_superuser:
        return Event.objects.all()
    event_ids = Event.projects.through.objects.filter(project__in=projects_led_by(user)).values("event_id")
    return Event.objects.filter(pk__in=event_ids)


def can_edit_event(user: User, event: Event) -> bool:
    """events_editable_by(user) for one event, as one flat join (asked on every event page).
    Events are edited in the admin, which only staff reach (project leaders are staff through their
    role), so for everyone else no query is needed."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    if user.is_superuser:
        return True
    return ProjectLeader.objects.current().filter(user=user, project__events=event).exists()


def registrations_editable_by(user: User) -> QuerySet[Registration]:
    return Registration.objects.filter(event__in=events_editable_by(user))


def action_items_editable_by(user: User) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(table__event__in=events_editable_by(user))


# --- Public pages ------------------------------------------------------------------------------


def events_listed() -> QuerySet[Event]:
    """Published and cancelled events with what the list shows, in a fixed number of queries.

    Places taken are counted per listed event (a subquery on the registrations' index), not by
    joining every registration of every event and grouping before the page is cut out."""
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), status=CONFIRMED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Event.objects.public()
        .select_related("region")
        .annotate(confirmed_count=Coalesce(Subquery(confirmed, output_field=IntegerField()), Value(0)))
    )


def event_visible(user: User, slug: str) -> Event | None:
    """The event at this address if the user may see it: public ones for everyone (one plain
    query, nearly every request), drafts also for those who may edit them (to preview)."""
    related = ("region", "follows_up")
    event = Event.objects.public().select_related(*related).filter(slug=slug).first()
    if event is None and user.is_authenticated:
        event = events_editable_by(user).select_related(*related).filter(slug=slug).first()
    return event


@dataclass(frozen=True)
class TrackAvailability:
    track: Track
    confirmed: int
    places_left: int | None  # None: no limit of its own

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


@dataclass(frozen=True)
class Availability:
    capacity: int | None
    confirmed: int
    waiting: int
    tracks: list[TrackAvailability] = field(default_factory=list)

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def is_full(self) -> bool:
        """No place left at all: the event is full, or every track is."""
        if self.places_left == 0:
            return True
        return bool(self.tracks) and all(track.is_full for track in self.tracks)

    def for_track(self, track_id: int) -> TrackAvailability | None:
        return next((item for item in self.tracks if item.track.pk == track_id), None)


def event_availability(event: Event) -> Availability:
    """Places taken and left, for the event and each track (two queries)."""
    rows = (
        Registration.objects.filter(event=event, status__in=[CONFIRMED, WAITLISTED])
        .values("track_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    confirmed_by_track: dict[int | None, int] = defaultdict(int)
    waiting = 0
    for row in rows:
        if row["status"] == CONFIRMED:
            confirmed_by_track[row["track_id"]] += row["n"]
        else:
            waiting += row["n"]
    confirmed = sum(confirmed_by_track.values())
    event_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    tracks = []
    for track in event.tracks.all():
        taken = confirmed_by_track[track.pk]
        left = None if track.capacity is None else max(track.capacity - taken, 0)
        if event_left is not None:
            left = event_left if left is None else min(left, event_left)
        tracks.append(TrackAvailability(track=track, confirmed=taken, places_left=left))
    return Availability(capacity=event.capacity, confirmed=confirmed, waiting=waiting, tracks=tracks)


@dataclass
class TimeSlot:
    """Sessions that start at the same time: one, or several in parallel (the tracks)."""

    starts_at: datetime
    ends_at: datetime
    sessions: list[Session]

    @property
    def is_parallel(self) -> bool:
        return len(self.sessions) > 1


def programme_of(event: Event) -> list[TimeSlot]:
    """The programme by time, with speakers, in three queries however long it is."""
    sessions = (
        event.sessions.select_related("track", "moderator")
        .prefetch_related("speakers")
        .order_by("starts_at", "track__position", "track__name", "pk")
    )
    slots: list[TimeSlot] = []
    for session in sessions:
        if slots and slots[-1].starts_at == session.starts_at:
            slots[-1].sessions.append(session)
            slots[-1].ends_at = max(slots[-1].ends_at, session.ends_at)
        else:
            slots.append(TimeSlot(starts_at=session.starts_at, ends_at=session.ends_at, sessions=[session]))
    return slots


@dataclass(frozen=True)
class EventPage:
    """What an event's page shows the same to everyone."""

    event: Event
    availability: Availability
    projects: list
    round_tables_event: Event | None


def event_page(user: User, slug: str) -> EventPage | None:
    """The shared part of the page of the event at this address, if the user may see it. For a
    public event it is read once per change of the data it shows, not on every request (the
    registration form still counts places live); a draft, seen only by those who may edit it, is
    always read afresh."""

    def read(event: Event | None) -> EventPage | None:
        if event is None:
            return None
        return EventPage(
            event=event,
            availability=event_availability(event),
            projects=list(event.projects.all()),
            round_tables_event=round_tables_event_for(event),
        )

    related = ("region", "follows_up")
    page = shared_value(
        f"event-page:{slug}",
        ("events", "projects", "portal"),
        lambda: read(Event.objects.public().select_related(*related).filter(slug=slug).first()),
        keep=lambda page: page is not None,
    )
    if page is None and user.is_authenticated:
        page = read(events_editable_by(user).select_related(*related).filter(slug=slug).first())
    return page


def participants_listed(event: Event) -> QuerySet[Registration]:
    """Confirmed participants who agreed to be on the participant list."""
    return (
        Registration.objects.filter(event=event, status=CONFIRMED, consent_to_list=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def may_see_participants(
    user: User, event: Event, registration: Registration | None, *, can_edit: bool | None = None
) -> bool:
    """The participant list is for those taking part, and for the organisers (`can_edit`, when the
    caller has already asked `can_edit_event`)."""
    if not user.is_authenticated:
        return False
    if registration is not None and registration.is_active:
        return True
    return can_edit_event(user, event) if can_edit is None else can_edit


# --- A person's registrations ------------------------------------------------------------------


def with_waitlist_position(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotate `waitlist_position`: 1 for the first in line for the same event and track."""
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=WAITLISTED)
        .annotate(track_key=Coalesce("track_id", Value(0)))
        .filter(track_key=OuterRef("track_key"))
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return registrations.annotate(track_key=Coalesce("track_id", Value(0))).annotate(
        waitlist_position=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1
    )


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != WAITLISTED:
        return None
    return with_waitlist_position(Registration.objects.filter(pk=registration.pk)).get().waitlist_position


def registrations_of(user: User) -> QuerySet[Registration]:
    """A person's registrations, soonest event first, with their place in line."""
    return with_waitlist_position(
        Registration.objects.filter(user=user)
        .select_related("event", "event__region", "track")
        .order_by("event__starts_at", "pk")
    )


def registration_of(user: User, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.select_related("track").filter(user=user, event=event).first()


def feed_registrations(user: User) -> QuerySet[Registration]:
    """What a person's calendar feed shows: their confirmed events, from a year back."""
    since = timezone.now() - timedelta(days=365)
    return (
        Registration.objects.filter(user=user, status=CONFIRMED, event__ends_at__gte=since)
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event", "track")
        .order_by("event__starts_at")
    )


# --- Round tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableSummary:
    table: RoundTable
    promised: int
    done: int
    in_progress: int
    planned: int
    dropped: int


def round_tables_of(event: Event) -> QuerySet[RoundTable]:
    """Every municipality's table with its members and action list, in three queries."""
    return event.round_tables.select_related("municipality").prefetch_related(
        "members", Prefetch("action_items", queryset=ActionItem.objects.order_by("due_on", "pk"))
    )


def round_tables_event_for(event: Event) -> Event | None:
    """Whose round tables an event page points to: its own, or for a follow-up meeting, those
    of the event it follows up."""
    if event.round_tables.exists():
        return event
    if event.follows_up_id and event.follows_up.status != Event.Status.DRAFT and event.follows_up.round_tables.exists():
        return event.follows_up
    return None


def follow_up_summary(tables: list[RoundTable]) -> list[TableSummary]:
    """What each table promised and how much of it has been done (from prefetched items)."""
    summaries = []
    for table in tables:
        statuses = [item.status for item in table.action_items.all()]
        summaries.append(
            TableSummary(
                table=table,
                promised=len(statuses),
                done=statuses.count(ActionItem.Status.DONE),
                in_progress=statuses.count(ActionItem.Status.IN_PROGRESS),
                planned=statuses.count(ActionItem.Status.PLANNED),
                dropped=statuses.count(ActionItem.Status.DROPPED),
            )
        )
    return summaries


# --- Speed-date --------------------------------------------------------------------------------


@dataclass
class ScheduleLine:
    round: int
    starts_at: datetime
    table: int | None
    partner: Registration | None


@dataclass
class SpeedDateSchedule:
    speed_date: SpeedDate
    rounds: int
    tables: list[tuple[int, list[SpeedDateMeeting]]]
    participants: list[tuple[Registration, list[ScheduleLine]]]


def speed_date_schedule(speed_date: SpeedDate, *, only: Registration | None = None) -> SpeedDateSchedule:
    """The stored plan, per table and per participant (or for one participant), in two queries."""
    meetings = list(
        speed_date.meetings.select_related("participant_a__user", "participant_b__user").order_by("round", "table")
    )
    rounds = max((meeting.round for meeting in meetings), default=0)
    by_table: dict[int, list[SpeedDateMeeting]] = defaultdict(list)
    seats: dict[int, dict[int, tuple[int, Registration]]] = defaultdict(dict)
    people: dict[int, Registration] = {}
    for meeting in meetings:
        meeting.starts_at = speed_date.round_starts_at(meeting.round)
        by_table[meeting.table].append(meeting)
        a, b = meeting.participant_a, meeting.participant_b
        people[a.pk], people[b.pk] = a, b
        seats[a.pk][meeting.round] = (meeting.table, b)
        seats[b.pk][meeting.round] = (meeting.table, a)
    chosen = [only] if only is not None else sorted(people.values(), key=lambda r: (r.sort_name.lower(), r.pk))
    participants = []
    for registration in chosen:
        lines = []
        for number in range(1, rounds + 1):
            table, partner = seats[registration.pk].get(number, (None, None))
            lines.append(
                ScheduleLine(round=number, starts_at=speed_date.round_starts_at(number), table=table, partner=partner)
            )
        participants.append((registration, lines))
    return SpeedDateSchedule(
        speed_date=speed_date, rounds=rounds, tables=sorted(by_table.items()), participants=participants
    )


def registrations_in_speed_dates(user: User) -> set[int]:
    """Which of a person's registrations have a planned speed-date (one query)."""
    meetings = SpeedDateMeeting.objects.filter(Q(participant_a__user=user) | Q(participant_b__user=user))
    ids = set()
    for a_id, b_id, a_user in meetings.values_list("participant_a_id", "participant_b_id", "participant_a__user_id"):
        ids.add(a_id if a_user == user.pk else b_id)
    return ids


def speed_dates_of(registration: Registration) -> QuerySet[SpeedDate]:
    """The planned speed-dates a participant is in."""
    return (
        SpeedDate.objects.filter(Q(meetings__participant_a=registration) | Q(meetings__participant_b=registration))
        .select_related("session")
        .distinct()
    )


# --- Home page ---------------------------------------------------------------------------------


def home_context(request) -> dict:
    """For the front page: the next few events."""
    upcoming = (
        events_listed().filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now()).order_by("starts_at")[:3]
    )
    return {"events_upcoming": list(upcoming)}
