"""Capacity under concurrency, on the real PostgreSQL.

Many people press "Anmäl" at the same moment for few places. The services lock the event row,
then count, then take; the control test switches the lock off and shows the overbooking it
prevents, so the real test is known to be able to fail. Both widen the window between counting
and taking a little, so the race shows every time rather than now and then.
"""

import threading
import time

import pytest
from django.db import connection

from events import selectors, services
from events.models import Event, Registration
from tests.factories import UserFactory

from .factories import EventFactory, TrackFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 12
PLACES = 3


@pytest.fixture
def slow_counting(monkeypatch):
    real = services.confirmed_counts

    def counted_then_pause(event):
        result = real(event)
        time.sleep(0.05)
        return result

    monkeypatch.setattr(services, "confirmed_counts", counted_then_pause)


@pytest.fixture
def without_lock(monkeypatch):
    monkeypatch.setattr(services, "lock_event", lambda event_id: Event.objects.get(pk=event_id))


def run_at_once(calls):
    """Run the calls in threads released together; each thread has its own connection."""
    barrier = threading.Barrier(len(calls))
    errors = []

    def worker(call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def register_all_at_once(event, track=None, told=None):
    """Everyone registers at once; `told` collects the place in line each waiting person is told
    (as the registration view does, right after their registration is saved)."""
    users = [UserFactory() for _ in range(PEOPLE)]

    def register(user):
        registration = services.registration_create(event=event, user=user, track=track, organisation_type="industry")
        if told is not None and registration.status == Registration.Status.WAITLISTED:
            told.append(selectors.waitlist_position(registration))

    return run_at_once([lambda user=user: register(user) for user in users])


def count(event, status):
    return Registration.objects.filter(event=event, status=status).count()


def test_simultaneous_registrations_never_take_more_than_the_places(slow_counting):
    event = EventFactory(capacity=PLACES)
    assert register_all_at_once(event) == []
    assert count(event, "confirmed") == PLACES
    assert count(event, "waitlisted") == PEOPLE - PLACES


def test_simultaneous_registrations_tell_each_waiting_person_a_different_place_in_line(slow_counting):
    event = EventFactory(capacity=PLACES)
    told = []
    assert register_all_at_once(event, told=told) == []
    assert sorted(told) == list(range(1, PEOPLE - PLACES + 1))


def test_simultaneous_registrations_for_a_track_tell_places_one_to_n(slow_counting):
    event = EventFactory(capacity=100)
    track = TrackFactory(event=event, capacity=2)
    told = []
    assert register_all_at_once(event, track=track, told=told) == []
    assert sorted(told) == list(range(1, PEOPLE - 2 + 1))


def test_control_without_the_lock_the_same_rush_overbooks(slow_counting, without_lock):
    event = EventFactory(capacity=PLACES)
    assert register_all_at_once(event) == []
    assert count(event, "confirmed") > PLACES


def test_simultaneous_registrations_never_overfill_a_track(slow_counting):
    event = EventFactory(capacity=100)
    track = TrackFactory(event=event, capacity=2)
    assert register_all_at_once(event, track=track) == []
    assert Registration.objects.filter(track=track, status="confirmed").count() == 2


def test_control_without_the_lock_a_track_overfills(slow_counting, without_lock):
    event = EventFactory(capacity=100)
    track = TrackFactory(event=event, capacity=2)
    register_all_at_once(event, track=track)
    assert Registration.objects.filter(track=track, status="confirmed").count() > 2


def test_simultaneous_cancellations_promote_exactly_as_many_as_were_freed(slow_counting):
    event = EventFactory(capacity=PLACES)
    holders = [
        services.registration_create(event=event, user=UserFactory(), organisation_type="school") for _ in range(PLACES)
    ]
    for _ in range(5):
        services.registration_create(event=event, user=UserFactory(), organisation_type="school")
    errors = run_at_once([lambda r=r: services.registration_cancel(registration=r) for r in holders])
    assert errors == []
    assert count(event, "confirmed") == PLACES
    assert count(event, "waitlisted") == 5 - PLACES
