import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import ActionItem, Event, Registration
from events.selectors import waitlist_position
from tests.factories import UserFactory

from .factories import (
    ActionItemFactory,
    EventFactory,
    RegistrationFactory,
    SpeedDateFactory,
    TrackFactory,
)

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def register(event, user=None, track=None, **kwargs):
    return services.registration_create(
        event=event,
        user=user or UserFactory(),
        track=track,
        organisation_type=kwargs.pop("organisation_type", "industry"),
        **kwargs,
    )


def statuses(*registrations):
    return tuple(Registration.objects.get(pk=r.pk).status for r in registrations)


# --- Capacity and the waiting list --------------------------------------------------------------


def test_registrations_are_confirmed_while_the_event_has_room_then_waitlisted():
    event = EventFactory(capacity=2)
    first, second, third = register(event), register(event), register(event)
    assert (first.status, second.status, third.status) == (CONFIRMED, CONFIRMED, WAITLISTED)


def test_an_event_without_a_capacity_takes_everyone():
    event = EventFactory(capacity=None)
    assert {register(event).status for _ in range(15)} == {CONFIRMED}


def test_a_full_track_waitlists_even_when_the_event_has_room():
    event = EventFactory(capacity=100)
    small = TrackFactory(event=event, capacity=1)
    first, second = register(event, track=small), register(event, track=small)
    assert (first.status, second.status) == (CONFIRMED, WAITLISTED)


def test_another_track_with_room_still_confirms_when_one_track_is_full():
    event = EventFactory(capacity=100)
    full, roomy = TrackFactory(event=event, capacity=1), TrackFactory(event=event, capacity=10)
    register(event, track=full)
    assert register(event, track=roomy).status == CONFIRMED


def test_a_track_with_room_cannot_take_anyone_when_the_event_is_full():
    event = EventFactory(capacity=1)
    roomy = TrackFactory(event=event, capacity=10)
    register(event, track=roomy)
    assert register(event, track=roomy).status == WAITLISTED


def test_the_waiting_list_keeps_the_order_people_joined():
    event = EventFactory(capacity=1)
    register(event)
    waiting = [register(event) for _ in range(3)]
    assert [waitlist_position(registration) for registration in waiting] == [1, 2, 3]


def test_waiting_list_positions_count_per_track():
    event = EventFactory(capacity=100)
    a, b = TrackFactory(event=event, capacity=1), TrackFactory(event=event, capacity=1)
    register(event, track=a), register(event, track=b)
    first_a, first_b, second_a = register(event, track=a), register(event, track=b), register(event, track=a)
    assert [waitlist_position(r) for r in (first_a, first_b, second_a)] == [1, 1, 2]


def test_cancelling_gives_the_place_to_the_first_on_the_waiting_list_who_is_told_by_mail(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    holder = register(event)
    first_in_line, second_in_line = register(event), register(event)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=holder)
    assert promoted == [first_in_line]
    assert statuses(holder, first_in_line, second_in_line) == (CANCELLED, CONFIRMED, WAITLISTED)
    assert [message.to for message in mailoutbox] == [[first_in_line.user.email]]
    assert "fått en plats" in mailoutbox[0].subject
    assert mailoutbox[0].attachments[0][0].endswith(".ics")


def test_a_place_freed_in_a_track_goes_to_the_first_waiting_for_that_track():
    event = EventFactory(capacity=100)
    a, b = TrackFactory(event=event, capacity=1), TrackFactory(event=event, capacity=1)
    holder_a, _holder_b = register(event, track=a), register(event, track=b)
    waiting_b, waiting_a = register(event, track=b), register(event, track=a)
    services.registration_cancel(registration=holder_a)
    assert statuses(waiting_b, waiting_a) == (WAITLISTED, CONFIRMED)


def test_when_the_event_is_full_the_first_in_line_whose_track_has_room_gets_the_place():
    event = EventFactory(capacity=2)
    a, b = TrackFactory(event=event, capacity=1), TrackFactory(event=event, capacity=5)
    holder_a, holder_b = register(event, track=a), register(event, track=b)
    waiting_a, waiting_b = register(event, track=a), register(event, track=b)
    # A place in track b frees up: the first in line wants track a, which is still full.
    services.registration_cancel(registration=holder_b)
    assert statuses(waiting_a, waiting_b) == (WAITLISTED, CONFIRMED)
    services.registration_cancel(registration=holder_a)
    assert statuses(waiting_a) == (CONFIRMED,)


def test_raising_the_capacity_lets_those_waiting_in_in_order():
    event = EventFactory(capacity=1)
    register(event)
    first, second, third = register(event), register(event), register(event)
    Event.objects.filter(pk=event.pk).update(capacity=3)
    promoted = services.waitlist_fill(event=event)
    assert promoted == [first, second]
    assert statuses(third) == (WAITLISTED,)


def test_nobody_is_promoted_once_the_event_has_started():
    event = EventFactory(capacity=1)
    holder, waiting = register(event), register(event)
    later = event.starts_at + datetime.timedelta(minutes=5)
    assert services.registration_cancel(registration=holder, by_organiser=True, now=later) == []
    assert statuses(waiting) == (WAITLISTED,)


# --- One registration per person ----------------------------------------------------------------


def test_a_person_can_register_only_once_per_event():
    event, user = EventFactory(), UserFactory()
    register(event, user=user)
    with pytest.raises(services.AlreadyRegistered):
        register(event, user=user)
    assert Registration.objects.filter(event=event, user=user).count() == 1


def test_the_database_refuses_a_second_registration_for_the_same_person():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError):
        RegistrationFactory(event=registration.event, user=registration.user)


def test_registering_again_after_cancelling_reuses_the_row_and_joins_the_end_of_the_line():
    event, user = EventFactory(capacity=1), UserFactory()
    register(event)
    mine = register(event, user=user)
    other = register(event)
    services.registration_cancel(registration=mine)
    again = register(event, user=user)
    assert again.pk == mine.pk
    assert again.status == WAITLISTED
    assert waitlist_position(again) == 2 and waitlist_position(other) == 1


# --- Windows and tracks -------------------------------------------------------------------------


def test_registration_is_refused_before_it_opens_with_the_opening_time_in_the_message():
    opens = timezone.now() + datetime.timedelta(days=2)
    event = EventFactory(registration_opens_at=opens)
    with pytest.raises(services.RegistrationClosed) as error:
        register(event)
    assert "öppnar" in str(error.value.message)
    assert not Registration.objects.exists()


def test_registration_is_refused_after_the_last_day():
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(services.RegistrationClosed):
        register(event)


def test_registration_closes_when_the_event_starts_if_no_last_day_is_set():
    event = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(minutes=1), ends_at=timezone.now() + datetime.timedelta(hours=3)
    )
    with pytest.raises(services.RegistrationClosed):
        register(event)


@pytest.mark.parametrize("status", [Event.Status.DRAFT, Event.Status.CANCELLED])
def test_drafts_and_cancelled_events_take_no_registrations(status):
    with pytest.raises(services.RegistrationClosed):
        register(EventFactory(status=status))


def test_an_event_with_tracks_needs_a_track():
    event = EventFactory()
    TrackFactory(event=event)
    with pytest.raises(services.TrackRequired):
        register(event)


def test_a_track_of_another_event_is_refused():
    event, other_track = EventFactory(), TrackFactory()
    with pytest.raises(services.TrackNotInEvent):
        register(event, track=other_track)
    assert not Registration.objects.exists()


def test_participants_cannot_cancel_after_the_start_but_organisers_can():
    event = EventFactory()
    registration = register(event)
    later = event.starts_at + datetime.timedelta(hours=1)
    with pytest.raises(services.CancellationClosed):
        services.registration_cancel(registration=registration, now=later)
    services.registration_cancel(registration=registration, by_organiser=True, now=later)
    assert statuses(registration) == (CANCELLED,)


def test_cancelling_twice_changes_nothing():
    event = EventFactory(capacity=1)
    holder, waiting = register(event), register(event)
    services.registration_cancel(registration=holder)
    assert services.registration_cancel(registration=holder) == []
    assert statuses(waiting) == (CONFIRMED,)


def test_updating_details_keeps_the_track_and_the_place():
    event = EventFactory()
    track = TrackFactory(event=event)
    registration = register(event, track=track)
    services.registration_update(
        registration=registration,
        organisation_type="school",
        organisation_name="Skolan",
        dietary_needs="Vegetariskt",
        accessibility_needs="",
        consent_to_list=True,
    )
    registration.refresh_from_db()
    assert (registration.status, registration.track, registration.dietary_needs) == (CONFIRMED, track, "Vegetariskt")


# --- Moving between tracks ------------------------------------------------------------------------


def test_a_confirmed_participant_moves_to_a_track_with_room_and_is_told(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory()
    a, b = TrackFactory(event=event), TrackFactory(event=event)
    registration = register(event, track=a)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_move_track(registration=registration, track=b)
    registration.refresh_from_db()
    assert (registration.track, registration.status) == (b, CONFIRMED)
    assert [m.to for m in mailoutbox] == [[registration.user.email]]


def test_moving_a_confirmed_participant_into_a_full_track_is_refused():
    event = EventFactory()
    a, full = TrackFactory(event=event), TrackFactory(event=event, capacity=1)
    register(event, track=full)
    registration = register(event, track=a)
    with pytest.raises(services.TrackFull):
        services.registration_move_track(registration=registration, track=full)
    registration.refresh_from_db()
    assert registration.track == a


def test_moving_someone_out_of_a_full_track_lets_the_first_waiting_for_it_in():
    event = EventFactory()
    full, roomy = TrackFactory(event=event, capacity=1), TrackFactory(event=event)
    holder, waiting = register(event, track=full), register(event, track=full)
    services.registration_move_track(registration=holder, track=roomy)
    assert statuses(waiting) == (CONFIRMED,)


def test_someone_waiting_who_is_moved_to_a_track_with_room_gets_a_place():
    event = EventFactory()
    full, roomy = TrackFactory(event=event, capacity=1), TrackFactory(event=event)
    register(event, track=full)
    waiting = register(event, track=full)
    moved = services.registration_move_track(registration=waiting, track=roomy)
    assert (moved.status, moved.track) == (CONFIRMED, roomy)


# --- Attendance, cancelled events, retention -----------------------------------------------------


def test_only_confirmed_participants_can_be_marked_present():
    event = EventFactory(capacity=1)
    confirmed, waiting = register(event), register(event)
    assert services.registrations_set_attendance(registrations=[confirmed, waiting], attended=True) == 1
    confirmed.refresh_from_db(), waiting.refresh_from_db()
    assert confirmed.attended and not waiting.attended
    services.registrations_set_attendance(registrations=[confirmed], attended=False)
    confirmed.refresh_from_db()
    assert not confirmed.attended


def test_cancelling_an_event_tells_everyone_registered_or_waiting_with_a_cancelling_calendar_file(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    confirmed, waiting, gone = register(event), register(event), register(event)
    services.registration_cancel(registration=gone)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.user.email, waiting.user.email])
    calendar = Calendar.from_ical(mailoutbox[0].attachments[0][1])
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_needs_are_erased_a_month_after_the_event_but_not_before():
    past = EventFactory(starts_at=timezone.now() - datetime.timedelta(days=40))
    recent = EventFactory(starts_at=timezone.now() - datetime.timedelta(days=3))
    old = RegistrationFactory(event=past, dietary_needs="Nötter", accessibility_needs="Hörslinga")
    fresh = RegistrationFactory(event=recent, dietary_needs="Gluten")
    assert services.registrations_erase_needs() == 1
    old.refresh_from_db(), fresh.refresh_from_db()
    assert (old.dietary_needs, old.accessibility_needs, fresh.dietary_needs) == ("", "", "Gluten")


# --- Round tables and speed-date ------------------------------------------------------------------


def test_updating_an_action_item_records_who_changed_the_status_and_when():
    item, leader = ActionItemFactory(), UserFactory()
    services.action_item_update(item=item, status=ActionItem.Status.DONE, outcome=" Tidningen kom ut. ", by=leader)
    item.refresh_from_db()
    assert (item.status, item.outcome, item.status_changed_by) == ("done", "Tidningen kom ut.", leader)
    assert item.status_changed_at is not None


def test_an_unknown_action_item_status_is_refused():
    item = ActionItemFactory()
    with pytest.raises(services.EventError):
        services.action_item_update(item=item, status="finished", outcome="", by=UserFactory())
    item.refresh_from_db()
    assert item.status == ActionItem.Status.PLANNED


def test_a_speed_date_plan_pairs_industry_with_everyone_else_once():
    speed_date = SpeedDateFactory()
    event = speed_date.session.event
    industry = [RegistrationFactory(event=event, organisation_type="industry") for _ in range(3)]
    others = [
        RegistrationFactory(event=event, organisation_type=kind)
        for kind in ("school", "employment_service", "school", "public_body")
    ]
    RegistrationFactory(event=event, organisation_type="school", status=WAITLISTED)  # not taking part
    plan = services.speed_date_plan(speed_date=speed_date)
    stored = {(m.participant_a_id, m.participant_b_id) for m in speed_date.meetings.all()}
    assert stored == {(a.pk, b.pk) for a in industry for b in others}
    assert plan.rounds == 4 and speed_date.meetings.count() == 12


def test_planning_again_from_those_checked_in_replaces_the_plan():
    speed_date = SpeedDateFactory()
    event = speed_date.session.event
    present = [
        RegistrationFactory(event=event, organisation_type=kind, checked_in_at=timezone.now())
        for kind in ("industry", "school")
    ]
    RegistrationFactory(event=event, organisation_type="industry")  # did not come
    services.speed_date_plan(speed_date=speed_date)
    services.speed_date_plan(speed_date=speed_date, only_checked_in=True)
    assert [(m.participant_a_id, m.participant_b_id) for m in speed_date.meetings.all()] == [
        (present[0].pk, present[1].pk)
    ]


def test_a_speed_date_needs_someone_in_each_group():
    speed_date = SpeedDateFactory()
    RegistrationFactory(event=speed_date.session.event, organisation_type="industry")
    with pytest.raises(services.NothingToPlan):
        services.speed_date_plan(speed_date=speed_date)


# --- Organisers' edits (the admin saves through these) ------------------------------------------


def _pending_reminders(target):
    from django.contrib.contenttypes.models import ContentType

    from portal.models import Reminder

    return Reminder.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk, status=Reminder.Status.PENDING
    )


def test_saving_an_event_as_cancelled_calls_it_off_and_tells_everyone_registered(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    holder, waiting = register(event), register(event)
    assert _pending_reminders(event).exists()
    mailoutbox.clear()
    event.status = Event.Status.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, changed=["status"])
    assert Event.objects.get(pk=event.pk).status == Event.Status.CANCELLED
    assert sorted(m.to[0] for m in mailoutbox) == sorted([holder.user.email, waiting.user.email])
    assert not _pending_reminders(event).exists()


def test_saving_a_cancelled_event_again_tells_nobody_twice(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory()
    register(event)
    services.event_cancel(event=event)
    mailoutbox.clear()
    event.refresh_from_db()
    event.title = "Nytt namn"
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, changed=["title", "status"])
    assert mailoutbox == [] and Event.objects.get(pk=event.pk).title == "Nytt namn"


def test_calling_off_that_fails_leaves_the_event_as_it_was(monkeypatch):
    event = EventFactory()
    register(event)

    def broken(**kwargs):
        raise RuntimeError("the reminders could not be stopped")

    monkeypatch.setattr(services, "reminders_cancel", broken)
    event.status, event.title = Event.Status.CANCELLED, "Ändrad titel"
    with pytest.raises(RuntimeError):
        services.event_save(event=event, changed=["status", "title"])
    stored = Event.objects.get(pk=event.pk)
    assert (stored.status, stored.title) != (Event.Status.CANCELLED, "Ändrad titel")
    assert stored.status == Event.Status.PUBLISHED


def test_a_moved_event_moves_its_reminders():
    event = EventFactory()
    register(event)
    event.starts_at += datetime.timedelta(days=3)
    event.ends_at += datetime.timedelta(days=3)
    services.event_save(event=event, changed=["starts_at", "ends_at"])
    anchors = set(_pending_reminders(event).values_list("anchor", flat=True))
    assert anchors == {event.starts_at}


def test_an_action_items_new_status_records_who_and_when_and_a_done_item_reminds_nobody():
    item = ActionItemFactory()
    leader = UserFactory()
    item.status = ActionItem.Status.DONE
    services.action_item_save(item=item, by=leader, changed=["status"])
    item.refresh_from_db()
    assert item.status_changed_by == leader and item.status_changed_at is not None
    assert not _pending_reminders(item).exists()


def test_an_action_item_with_an_unknown_status_is_refused_and_not_saved():
    item = ActionItemFactory(what="Före")
    item.status, item.what = "kanske", "Efter"
    with pytest.raises(services.EventError):
        services.action_item_save(item=item, by=UserFactory(), changed=["status", "what"])
    assert ActionItem.objects.get(pk=item.pk).what == "Före"


def test_organisers_cancel_a_selection_and_the_places_go_to_those_waiting():
    event = EventFactory(capacity=2)
    first, second = register(event), register(event)
    waiting = register(event)
    already = register(EventFactory())
    services.registration_cancel(registration=already)
    cancelled, promoted = services.registrations_cancel(
        registrations=Registration.objects.filter(pk__in=[first.pk, already.pk])
    )
    assert (cancelled, promoted) == (1, 1)
    assert statuses(first, second, waiting) == (CANCELLED, CONFIRMED, CONFIRMED)


def test_moving_a_selection_between_tracks_moves_who_fits_and_says_why_not_for_the_rest():
    event = EventFactory(capacity=100)
    a, b = TrackFactory(event=event, capacity=10), TrackFactory(event=event, capacity=1)
    first, second = register(event, track=a), register(event, track=a)
    selection = Registration.objects.filter(pk__in=[first.pk, second.pk])
    assert services.track_move_event(selection) == event
    moved, refused = services.registrations_move_track(registrations=selection, track=b)
    assert moved == 1 and [registration for registration, _error in refused] == [second]
    assert isinstance(refused[0][1], services.TrackFull)
    assert Registration.objects.get(pk=first.pk).track == b and Registration.objects.get(pk=second.pk).track == a


def test_a_track_move_needs_participants_of_one_event_that_has_tracks():
    one, other = EventFactory(), EventFactory()
    mixed = Registration.objects.filter(pk__in=[register(one).pk, register(other).pk])
    with pytest.raises(services.EventError):
        services.track_move_event(mixed)
    with pytest.raises(services.EventError):
        services.track_move_event(Registration.objects.filter(event=one))
