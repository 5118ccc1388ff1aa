import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event, Session, SpeedDateMeeting

from .factories import EventFactory, RegistrationFactory, SessionFactory, SpeedDateFactory, TrackFactory

pytestmark = pytest.mark.django_db


def test_an_event_needs_a_venue_or_an_online_link():
    event = EventFactory.build(venue="", online_url="")
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "venue" in error.value.message_dict
    EventFactory.build(venue="", online_url="https://example.se/webbinarium").clean()


def test_registration_cannot_close_after_the_event_has_started():
    event = EventFactory.build()
    event.registration_closes_at = event.starts_at + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "registration_closes_at" in error.value.message_dict


def test_the_database_refuses_an_event_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        EventFactory(ends_at=timezone.now())


def test_path_words_cannot_be_event_slugs():
    event = EventFactory.build(slug="mina-anmalningar")
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["projects", "region"])
    assert "slug" in error.value.message_dict


def test_a_track_session_needs_a_track_of_its_own_event():
    session = SessionFactory.build(event=EventFactory(), kind=Session.Kind.TRACK)
    with pytest.raises(ValidationError):
        session.clean()
    session.track = TrackFactory()
    with pytest.raises(ValidationError) as error:
        session.clean()
    assert "annat evenemang" in str(error.value)


def test_a_stored_speed_date_plan_cannot_put_someone_at_two_tables_in_one_round():
    speed_date = SpeedDateFactory()
    event = speed_date.session.event
    a, b, c = (RegistrationFactory(event=event) for _ in range(3))
    SpeedDateMeeting.objects.create(speed_date=speed_date, round=1, table=1, participant_a=a, participant_b=b)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeedDateMeeting.objects.create(speed_date=speed_date, round=1, table=2, participant_a=a, participant_b=c)


def test_speed_date_rounds_follow_each_other_with_time_to_change_tables():
    speed_date = SpeedDateFactory(minutes_per_round=3, changeover_minutes=1)
    start = speed_date.session.starts_at
    assert speed_date.round_starts_at(1) == start
    assert speed_date.round_starts_at(3) == start + datetime.timedelta(minutes=8)


def test_registration_state_reads_the_window():
    now = timezone.now()
    event = EventFactory.build(registration_opens_at=now + datetime.timedelta(days=1))
    assert event.registration_state(now) == "not_yet"
    assert event.registration_state(now + datetime.timedelta(days=2)) == "open"
    assert event.registration_state(event.starts_at) == "closed"
    event.status = Event.Status.DRAFT
    assert event.registration_state(now + datetime.timedelta(days=2)) == "unavailable"


def test_deleting_an_event_takes_its_tracks_and_registrations_with_it():
    event = EventFactory()
    RegistrationFactory(event=event, track=TrackFactory(event=event))
    event.delete()
    assert not Event.objects.exists()


def test_an_event_is_shown_as_fully_booked_only_while_every_place_is_taken_and_it_is_not_over():
    from events.selectors import events_listed

    event = EventFactory(capacity=1)
    listed = events_listed().get(pk=event.pk)
    assert not listed.is_fully_booked()
    RegistrationFactory(event=event, status="confirmed")
    listed = events_listed().get(pk=event.pk)
    assert listed.is_fully_booked()
    assert not listed.is_fully_booked(now=event.ends_at + datetime.timedelta(minutes=1))
    assert not events_listed().get(pk=EventFactory(capacity=None).pk).is_fully_booked()
