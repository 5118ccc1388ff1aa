"""The rules for events. Every change of state goes through a function here.

Capacity: an event and each of its tracks take confirmed registrations up to their capacity;
the rest wait in line. Whatever changes who holds a place (registering, cancelling, moving
between tracks, more places) runs with the event's row locked, so two requests can never both
take the last place, and a freed place goes to the first in line who fits at once.
Mails are sent by Celery tasks enqueued after the transaction commits. Reminders (before an
event, and when an action item is due) are rows for the portal's reminder mechanism, kept in step
here in the same transaction as the change that calls for them; see reminders.py.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.audit import forget_in_history
from portal.errors import PortalError
from portal.models import User
from portal.reminders import reminders_cancel, reminders_schedule, reminders_sync
from portal.tasks_util import enqueue_on_commit

from .models import (
    ActionItem,
    CalendarFeed,
    Event,
    Registration,
    SpeedDate,
    SpeedDateMeeting,
    Track,
)
from .planning import SpeedDatePlan, plan_speed_date
from .reminders import (
    ACTION_ITEM_DUE,
    ACTION_ITEM_OFFSETS,
    EVENT_REMINDER,
    OPEN_ACTION_ITEM,
    action_item_anchor,
    action_item_recipients,
    event_recipients,
)

# Dietary and accessibility needs can say something about health; they are kept only as long
# as the organisers need them.
NEEDS_RETENTION = datetime.timedelta(days=30)


class EventError(PortalError):
    """A rule a user can break. The message is meant for them."""


class RegistrationClosed(EventError):
    default_message = _("Anmälan till evenemanget är stängd.")


class AlreadyRegistered(EventError):
    default_message = _("Du är redan anmäld till evenemanget.")


class TrackRequired(EventError):
    default_message = _("Välj ett spår.")


class TrackNotInEvent(EventError):
    default_message = _("Spåret hör inte till evenemanget.")


class TrackFull(EventError):
    default_message = _("Spåret är fullt.")


class CancellationClosed(EventError):
    default_message = _("Evenemanget har redan börjat, så anmälan kan inte avbokas här. Kontakta arrangören.")


class RegistrationCancelled(EventError):
    default_message = _("Anmälan är avbokad.")


class NothingToPlan(EventError):
    default_message = _("Det behövs minst en bekräftad deltagare i varje grupp för att planera en speed-date.")


# --- Capacity ----------------------------------------------------------------------------------


def lock_event(event_id: int) -> Event:
    """Take the event's row lock. Everything that hands out places holds it until commit.

    (The concurrency tests switch this off in their control case to show the race it prevents.)
    """
    return Event.objects.select_for_update().get(pk=event_id)


def confirmed_counts(event: Event) -> tuple[int, Counter]:
    """Confirmed places taken: in all, and per track id."""
    rows = (
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .values("track_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_track = Counter({row["track_id"]: row["n"] for row in rows})
    return sum(per_track.values()), per_track


def _has_room(event: Event, track: Track | None, total: int, per_track: Counter) -> bool:
    if event.capacity is not None and total >= event.capacity:
        return False
    return track is None or track.capacity is None or per_track[track.pk] < track.capacity


def _promote_waiting(event: Event, *, now: datetime.datetime) -> list[Registration]:
    """Give free places to those waiting, in order; someone whose track is still full keeps
    their place in line while the next person, who fits, goes in. Call with the lock held."""
    if event.status != Event.Status.PUBLISHED or event.starts_at <= now:
        return []
    total, per_track = confirmed_counts(event)
    if event.capacity is not None and total >= event.capacity:
        return []
    tracks = {track.pk: track for track in event.tracks.all()}
    promoted = []
    waiting = (
        Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED)
        .select_related("user")
        .order_by("waitlisted_at", "pk")
    )
    for registration in waiting:
        if event.capacity is not None and total >= event.capacity:
            break
        track = tracks.get(registration.track_id)
        if not _has_room(event, track, total, per_track):
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        total += 1
        per_track[registration.track_id] += 1
        promoted.append(registration)
    for registration in promoted:
        enqueue_on_commit("events.tasks.send_promotion_mail", registration.pk)
    _remind(event, promoted, now=now)
    return promoted


# --- Reminders ---------------------------------------------------------------------------------


def _remind(event: Event, registrations: list[Registration], *, now: datetime.datetime) -> None:
    """Schedule the reminders before the event for people who just got a place."""
    if registrations and event.status == Event.Status.PUBLISHED:
        reminders_schedule(
            target=event,
            kind=EVENT_REMINDER,
            anchor=event.starts_at,
            offsets=event.reminder_offsets,
            recipients=event_recipients(event, registrations),
            now=now,
        )


@transaction.atomic
def event_reminders_update(*, event: Event, now: datetime.datetime | None = None) -> None:
    """After an event was moved, its reminder days edited, or its status changed: the pending
    reminders move with it, days no longer wanted are dropped and new ones added, for everyone
    confirmed. An event that is not published (back to draft, or called off) reminds nobody."""
    event = lock_event(event.pk)
    if event.status != Event.Status.PUBLISHED:
        reminders_cancel(target=event, kind=EVENT_REMINDER)
        return
    reminders_sync(
        target=event,
        kind=EVENT_REMINDER,
        anchor=event.starts_at,
        offsets=event.reminder_offsets,
        recipients=event_recipients(event),
        now=now,
    )


# Changes to these move, add or drop the participants' reminders.
REMINDER_FIELDS = frozenset({"starts_at", "reminder_days", "status"})


@transaction.atomic
def event_save(*, event: Event, changed: Iterable[str] = (), now: datetime.datetime | None = None) -> Event:
    """Save an event an organiser has added or edited (`changed`: the fields they changed).

    Setting the status to cancelled calls the event off: everyone registered or waiting is told
    (event_cancel). A new start, other reminder days or another status move, add or drop the
    participants' reminders. All or nothing: the edit is never saved without what follows from it."""
    changed = set(changed)
    if event._state.adding:
        event.save()
        return event
    before = lock_event(event.pk)  # the row as it was, locked against registrations meanwhile
    calling_off = "status" in changed and event.status == Event.Status.CANCELLED
    if calling_off:
        # Saved with the status it had, so that event_cancel sees the change and tells people.
        event.status = before.status
    moved = (event.starts_at, event.ends_at) != (before.starts_at, before.ends_at)
    if moved:
        event.sequence = before.sequence + 1
    event.save()
    if calling_off:
        event_cancel(event=event)
        event.refresh_from_db()
    else:
        if REMINDER_FIELDS & changed or moved:
            event_reminders_update(event=event, now=now)
        if moved and event.status == Event.Status.PUBLISHED:
            _tell_active(event, "events.tasks.send_event_moved_mail")
    return event


def _tell_active(event: Event, task: str) -> None:
    """One mail each to everyone registered or waiting (in the outbox, with this transaction)."""
    active = event.registrations.exclude(status=Registration.Status.CANCELLED).filter(user__isnull=False)
    for registration_id in active.order_by("pk").values_list("pk", flat=True):
        enqueue_on_commit(task, registration_id)


@transaction.atomic
def waitlist_fill(*, event: Event, now: datetime.datetime | None = None) -> list[Registration]:
    """Hand out places that have become free, e.g. after the capacity was raised."""
    event = lock_event(event.pk)
    return _promote_waiting(event, now=now or timezone.now())


# --- Registration ------------------------------------------------------------------------------


def _closed_message(event: Event, now: datetime.datetime):
    state = event.registration_state(now)
    if state == "not_yet":
        opens = date_format(timezone.localtime(event.registration_opens_at), "j F Y H:i")
        return _("Anmälan öppnar %(when)s.") % {"when": opens}
    if event.status == Event.Status.CANCELLED:
        return _("Evenemanget är inställt.")
    return RegistrationClosed.default_message


def _check_track(event: Event, track: Track | None) -> None:
    if track is not None and track.event_id != event.pk:
        raise TrackNotInEvent()
    if track is None and event.tracks.exists():
        raise TrackRequired()


@transaction.atomic
def registration_create(
    *,
    event: Event,
    user: User,
    organisation_type: str,
    track: Track | None = None,
    organisation_name: str = "",
    dietary_needs: str = "",
    accessibility_needs: str = "",
    consent_to_list: bool = False,
    now: datetime.datetime | None = None,
) -> Registration:
    """Register a person: confirmed while the event and the chosen track have room, else on the
    waiting list. Someone who cancelled earlier may register again, at the end of the line."""
    event = lock_event(event.pk)
    # The time that orders the line is read only once the lock is held: taken before it, someone
    # who waited longer for the lock would get an earlier time than those served before them, and
    # be put ahead of people already told their number.
    now = now or timezone.now()
    if not event.is_open_for_registration(now):
        raise RegistrationClosed(_closed_message(event, now))
    _check_track(event, track)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.is_active:
        raise AlreadyRegistered()

    total, per_track = confirmed_counts(event)
    confirmed = _has_room(event, track, total, per_track)
    registration = registration or Registration(event=event, user=user)
    registration.track = track
    registration.organisation_type = organisation_type
    registration.organisation_name = organisation_name.strip()
    registration.dietary_needs = dietary_needs.strip()
    registration.accessibility_needs = accessibility_needs.strip()
    registration.consent_to_list = consent_to_list
    registration.status = Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITLISTED
    registration.confirmed_at = now if confirmed else None
    registration.waitlisted_at = None if confirmed else now
    registration.cancelled_at = None
    registration.checked_in_at = None
    registration.full_clean(exclude=["event", "user", "track"], validate_unique=False, validate_constraints=False)
    registration.save()
    enqueue_on_commit("events.tasks.send_registration_mail", registration.pk)
    if confirmed:
        _remind(event, [registration], now=now)
    return registration


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    organisation_type: str,
    organisation_name: str = "",
    dietary_needs: str = "",
    accessibility_needs: str = "",
    consent_to_list: bool = False,
) -> Registration:
    """Change what a participant told us. The track and the place are not changed here."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise RegistrationCancelled()
    registration.organisation_type = organisation_type
    registration.organisation_name = organisation_name.strip()
    registration.dietary_needs = dietary_needs.strip()
    registration.accessibility_needs = accessibility_needs.strip()
    registration.consent_to_list = consent_to_list
    registration.full_clean(exclude=["event", "user", "track"], validate_unique=False, validate_constraints=False)
    registration.save(
        update_fields=[
            "organisation_type",
            "organisation_name",
            "dietary_needs",
            "accessibility_needs",
            "consent_to_list",
        ]
    )
    return registration


@transaction.atomic
def registration_cancel(
    *, registration: Registration, by_organiser: bool = False, now: datetime.datetime | None = None
) -> list[Registration]:
    """Cancel a registration and give the freed place to the first in line who fits.

    Participants may cancel until the event starts; organisers at any time. Returns the
    registrations that were promoted (they are told by e-mail).
    """
    now = now or timezone.now()
    event = lock_event(registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if not registration.is_active:
        return []
    if not by_organiser and event.starts_at <= now:
        raise CancellationClosed()
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if registration.user_id is not None:
        reminders_cancel(target=event, kind=EVENT_REMINDER, user=registration.user)
    return _promote_waiting(event, now=now)


@transaction.atomic
def registrations_cancel(
    *, registrations: QuerySet[Registration], now: datetime.datetime | None = None
) -> tuple[int, int]:
    """Organisers cancel a selection: every active registration in it, each freed place going to
    the next in line. Events are locked in the order of their ids, so two selections never wait
    on each other. Returns (cancelled, promoted from the waiting list)."""
    cancelled = promoted = 0
    for registration in registrations.exclude(status=Registration.Status.CANCELLED).order_by("event_id", "pk"):
        promoted += len(registration_cancel(registration=registration, by_organiser=True, now=now))
        cancelled += 1
    return cancelled, promoted


def track_move_event(registrations: QuerySet[Registration]) -> Event:
    """The event whose participants are to move between tracks: the selection must be of one
    event (EventError) that has tracks."""
    event_ids = set(registrations.values_list("event_id", flat=True))
    if len(event_ids) != 1:
        raise EventError(_("Välj deltagare från ett och samma evenemang."))
    event = Event.objects.get(pk=event_ids.pop())
    if not event.tracks.exists():
        raise EventError(_("Evenemanget har inga spår."))
    return event


@transaction.atomic
def registrations_move_track(
    *, registrations: QuerySet[Registration], track: Track, now: datetime.datetime | None = None
) -> tuple[int, list[tuple[Registration, EventError]]]:
    """Move a selection to another track, everyone who can be (see registration_move_track).
    Returns how many moved and, for the others, why not."""
    moved, refused = 0, []
    for registration in registrations.select_related("user").order_by("pk"):
        try:
            with transaction.atomic():
                registration_move_track(registration=registration, track=track, now=now)
        except EventError as error:
            refused.append((registration, error))
        else:
            moved += 1
    return moved, refused


@transaction.atomic
def registration_move_track(
    *, registration: Registration, track: Track, now: datetime.datetime | None = None
) -> Registration:
    """Move a participant to another track (organisers). A confirmed participant needs a free
    place in the new track; someone waiting keeps their place in line and may get in at once.
    The place freed in the old track goes to the first in line for it."""
    now = now or timezone.now()
    event = lock_event(registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if track.event_id != event.pk:
        raise TrackNotInEvent()
    if not registration.is_active:
        raise RegistrationCancelled()
    if registration.track_id == track.pk:
        return registration
    if registration.status == Registration.Status.CONFIRMED:
        _total, per_track = confirmed_counts(event)
        if track.capacity is not None and per_track[track.pk] >= track.capacity:
            raise TrackFull(_("%(track)s är fullt.") % {"track": track.name})
    registration.track = track
    registration.save(update_fields=["track"])
    promoted = _promote_waiting(event, now=now)
    if registration not in promoted:  # a promoted person hears about both in the promotion mail
        enqueue_on_commit("events.tasks.send_track_changed_mail", registration.pk)
    registration.refresh_from_db()
    return registration


@transaction.atomic
def registrations_set_attendance(
    *,
    registrations: Iterable[Registration] | QuerySet[Registration],
    attended: bool,
    now: datetime.datetime | None = None,
) -> int:
    """Mark confirmed participants as present (or undo it). Returns how many changed."""
    now = now or timezone.now()
    ids = [registration.pk for registration in registrations]
    rows = Registration.objects.filter(pk__in=ids, status=Registration.Status.CONFIRMED)
    if attended:
        return rows.filter(checked_in_at__isnull=True).update(checked_in_at=now)
    return rows.filter(checked_in_at__isnull=False).update(checked_in_at=None)


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """Call off an event; everyone registered or waiting is told. Registrations are kept."""
    event = lock_event(event.pk)
    if event.status == Event.Status.CANCELLED:
        return event
    event.status = Event.Status.CANCELLED
    event.sequence += 1  # the cancelling file must outrank the one people hold
    event.save(update_fields=["status", "sequence", "updated_at"])
    reminders_cancel(target=event, kind=EVENT_REMINDER)
    _tell_active(event, "events.tasks.send_event_cancelled_mail")
    return event


@transaction.atomic
def registrations_erase_needs(*, now: datetime.datetime | None = None) -> int:
    """Erase dietary and accessibility needs once an event is NEEDS_RETENTION past."""
    cutoff = (now or timezone.now()) - NEEDS_RETENTION
    return (
        Registration.objects.filter(event__ends_at__lt=cutoff)
        .filter(~Q(dietary_needs="") | ~Q(accessibility_needs=""))
        .update(dietary_needs="", accessibility_needs="")
    )


@transaction.atomic
def registrations_anonymise(*, user: User, now: datetime.datetime | None = None) -> int:
    """For an account being erased: give up places at events to come (the next in line gets them),
    then keep the registrations without the person, so counts in reports stay right."""
    now = now or timezone.now()
    upcoming = Registration.objects.filter(user=user, event__starts_at__gt=now).exclude(
        status=Registration.Status.CANCELLED
    )
    for registration in upcoming:
        registration_cancel(registration=registration, by_organiser=True, now=now)
    CalendarFeed.objects.filter(user=user).delete()
    forget_in_history(Registration.objects.filter(user=user))
    return Registration.objects.filter(user=user).update(
        user=None, organisation_name="", dietary_needs="", accessibility_needs="", consent_to_list=False
    )


# --- Calendar feed -----------------------------------------------------------------------------


def calendar_feed_get_or_create(*, user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)


# --- Round tables ------------------------------------------------------------------------------


@transaction.atomic
def action_item_update(
    *, item: ActionItem, status: str, outcome: str, by: User, now: datetime.datetime | None = None
) -> ActionItem:
    """Record how a promise on a table's action list went (at the follow-up meeting)."""
    if status not in ActionItem.Status.values:
        raise EventError(_("Välj en giltig status."))
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    fields = ["outcome"]
    if item.status != status:
        item.status = status
        item.status_changed_at = now or timezone.now()
        item.status_changed_by = by
        fields += ["status", "status_changed_at", "status_changed_by"]
    item.outcome = outcome.strip()
    item.save(update_fields=fields)
    _sync_action_item_reminders(item, now=now)
    return item


@transaction.atomic
def action_item_save(
    *, item: ActionItem, by: User, changed: Iterable[str] = (), now: datetime.datetime | None = None
) -> ActionItem:
    """Save an action item an organiser has added or edited (`changed`: the fields they changed).
    A new status records who set it and when (the follow-up shows it); the reminder follows the
    item's due date, owner and status."""
    if item.status not in ActionItem.Status.values:
        raise EventError(_("Välj en giltig status."))
    if "status" in set(changed):
        item.status_changed_at = now or timezone.now()
        item.status_changed_by = by
    item.save()
    _sync_action_item_reminders(item, now=now)
    return item


@transaction.atomic
def action_item_reminders_update(*, item: ActionItem, now: datetime.datetime | None = None) -> None:
    """After an action item was added or edited (its due date, owner or status): its reminder
    goes out on the due date, or not at all once the item is done or dropped."""
    item = ActionItem.objects.select_for_update().get(pk=item.pk)
    _sync_action_item_reminders(item, now=now)


def _sync_action_item_reminders(item: ActionItem, *, now: datetime.datetime | None) -> None:
    anchor = action_item_anchor(item)
    if anchor is None or item.status not in OPEN_ACTION_ITEM:
        reminders_cancel(target=item, kind=ACTION_ITEM_DUE)
        return
    reminders_sync(
        target=item,
        kind=ACTION_ITEM_DUE,
        anchor=anchor,
        offsets=ACTION_ITEM_OFFSETS,
        recipients=action_item_recipients(item),
        now=now,
    )


# --- Speed-date --------------------------------------------------------------------------------


@transaction.atomic
def speed_date_plan(
    *, speed_date: SpeedDate, only_checked_in: bool = False, now: datetime.datetime | None = None
) -> SpeedDatePlan:
    """Plan (or plan again) a speed-date from the event's confirmed participants, split into
    industry and everyone else; with only_checked_in, from those marked present on the day."""
    speed_date = SpeedDate.objects.select_for_update().select_related("session").get(pk=speed_date.pk)
    participants = Registration.objects.filter(
        event_id=speed_date.session.event_id, status=Registration.Status.CONFIRMED
    ).order_by("user__last_name", "user__first_name", "pk")
    if only_checked_in:
        participants = participants.filter(checked_in_at__isnull=False)
    groups = {SpeedDate.GROUP_A: [], SpeedDate.GROUP_B: []}
    for registration_id, organisation_type in participants.values_list("pk", "organisation_type"):
        groups[SpeedDate.group_of(organisation_type)].append(registration_id)
    if not groups[SpeedDate.GROUP_A] or not groups[SpeedDate.GROUP_B]:
        raise NothingToPlan()
    plan = plan_speed_date(groups[SpeedDate.GROUP_A], groups[SpeedDate.GROUP_B], tables=speed_date.tables)
    speed_date.meetings.all().delete()
    SpeedDateMeeting.objects.bulk_create(
        SpeedDateMeeting(
            speed_date=speed_date,
            round=meeting.round,
            table=meeting.table,
            participant_a_id=meeting.a,
            participant_b_id=meeting.b,
        )
        for meeting in plan.meetings
    )
    speed_date.planned_at = now or timezone.now()
    speed_date.save(update_fields=["planned_at"])
    return plan
