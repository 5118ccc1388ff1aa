"""Calendar files are checked by parsing them back with the icalendar library."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from events import services
from events.calendar import event_ics
from events.models import CalendarFeed, Event
from tests.factories import UserFactory

from .factories import EventFactory, RegistrationFactory, TrackFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def test_an_event_file_holds_one_event_with_its_times_place_and_address():
    start = datetime.datetime(2027, 4, 16, 9, 0, tzinfo=STOCKHOLM)
    event = EventFactory(
        title="Samverkan för framtidens arbetsmarknad",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        venue="Aros Congress Center",
        address="Västerås",
    )
    [vevent] = parse(event_ics(event))
    assert str(vevent["SUMMARY"]) == "Samverkan för framtidens arbetsmarknad"
    assert vevent.decoded("DTSTART") == start and vevent.decoded("DTEND") == start + datetime.timedelta(hours=7)
    assert str(vevent.decoded("DTSTART").tzinfo) == "Europe/Stockholm"
    assert str(vevent["LOCATION"]) == "Aros Congress Center, Västerås"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert Calendar.from_ical(event_ics(event)).walk("VTIMEZONE"), "the time zone travels with the file"


def test_the_uid_stays_the_same_so_an_update_replaces_the_entry():
    event = EventFactory()
    first = str(parse(event_ics(event))[0]["UID"])
    event.title = "Nytt namn"
    event.save()
    assert str(parse(event_ics(event))[0]["UID"]) == first


def test_a_participants_file_names_their_track():
    event = EventFactory()
    registration = RegistrationFactory(event=event, track=TrackFactory(event=event, name="Spår 2: Validering"))
    [vevent] = parse(event_ics(event, registration=registration))
    assert "Spår 2: Validering" in str(vevent["DESCRIPTION"])


def test_the_public_calendar_file_downloads_for_published_events_only(client):
    event = EventFactory()
    response = client.get(reverse("events:ics", args=[event.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    assert len(parse(response.content)) == 1
    draft = EventFactory(status=Event.Status.DRAFT)
    assert client.get(reverse("events:ics", args=[draft.slug])).status_code == 404


def test_the_feed_shows_a_persons_confirmed_events_only(client):
    user = UserFactory()
    confirmed, waiting, cancelled, other = EventFactory(), EventFactory(), EventFactory(), EventFactory()
    RegistrationFactory(event=confirmed, user=user)
    RegistrationFactory(event=waiting, user=user, status="waitlisted")
    RegistrationFactory(event=cancelled, user=user, status="cancelled")
    RegistrationFactory(event=other)
    feed = services.calendar_feed_get_or_create(user=user)
    response = client.get(reverse("events:feed", args=[feed.token]))
    assert response.status_code == 200
    assert [str(vevent["SUMMARY"]) for vevent in parse(response.content)] == [confirmed.title]


def test_a_cancelled_event_stays_in_the_feed_marked_cancelled(client):
    registration = RegistrationFactory(event=EventFactory(status=Event.Status.CANCELLED))
    feed = services.calendar_feed_get_or_create(user=registration.user)
    [vevent] = parse(client.get(reverse("events:feed", args=[feed.token])).content)
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_an_unknown_or_replaced_feed_address_shows_nothing(client):
    user = UserFactory()
    old = services.calendar_feed_get_or_create(user=user).token
    new = services.calendar_feed_renew(user=user).token
    assert client.get(reverse("events:feed", args=["gissat"])).status_code == 404
    assert client.get(reverse("events:feed", args=[old])).status_code == 404
    assert client.get(reverse("events:feed", args=[new])).status_code == 200


def test_feed_addresses_are_long_and_random():
    tokens = {CalendarFeed.objects.create(user=UserFactory()).token for _ in range(5)}
    assert len(tokens) == 5 and all(len(token) >= 40 for token in tokens)


def test_the_feed_takes_the_same_number_of_queries_however_many_events(client, django_assert_max_num_queries):
    user = UserFactory()
    feed = services.calendar_feed_get_or_create(user=user)
    for _ in range(2):
        RegistrationFactory(user=user, track=None)
    with django_assert_max_num_queries(3):
        client.get(reverse("events:feed", args=[feed.token]))
    for _ in range(8):
        RegistrationFactory(user=user)
    with django_assert_max_num_queries(3):
        client.get(reverse("events:feed", args=[feed.token]))


# No NUL: PostgreSQL cannot store one, and no form lets one through (ProhibitNullCharactersValidator).
HOSTILE = "Industridag\r\nBEGIN:VALARM\nX-EVIL:1\x0b\x01\x1b\u2028slut"


def test_line_breaks_and_control_characters_in_the_text_leave_the_file_valid():
    event = EventFactory(title=HOSTILE, venue=HOSTILE, address="Gata 1\n2", summary="Rad ett\r\nRad två\x07")
    data = event_ics(event)
    [vevent] = parse(data)
    assert str(vevent["SUMMARY"]) == "Industridag BEGIN:VALARM X-EVIL:1 slut"
    lines = data.decode().split("\r\n")
    assert not [line for line in lines if line.startswith(("BEGIN:VALARM", "X-EVIL"))], "no property was injected"
    assert str(vevent["LOCATION"]).startswith("Industridag BEGIN:VALARM")
    assert str(vevent["DESCRIPTION"]).startswith("Rad ett\nRad två ")
    assert not Calendar.from_ical(data).walk("VALARM")
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == "Industridag BEGIN:VALARM X-EVIL:1 slut"


def test_a_line_break_in_the_title_does_not_break_the_download_or_the_feed(client):
    event = EventFactory(title=HOSTILE)
    response = client.get(reverse("events:ics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert parse(response.content)
