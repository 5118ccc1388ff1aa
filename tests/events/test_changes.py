"""An event moved or called off: every participant is mailed once, with the updated calendar file."""

import datetime

import pytest
from icalendar import Calendar

from events import services
from events.models import Event

from .factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _calendar(mail):
    [(name, content, mimetype)] = [a for a in mail.attachments if a[0].endswith(".ics")]
    return Calendar.from_ical(content)


def _move(event, hours=2):
    event.starts_at += datetime.timedelta(hours=hours)
    event.ends_at += datetime.timedelta(hours=hours)
    services.event_save(event=event, changed=["starts_at", "ends_at"])


def test_moving_an_event_mails_each_participant_once_with_a_newer_file(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory()
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    RegistrationFactory(event=event, status="cancelled")
    before = event.sequence
    with django_capture_on_commit_callbacks(execute=True):
        _move(event)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.user.email, waiting.user.email])
    assert all("Ny tid" in m.subject for m in mailoutbox)
    [to_confirmed] = [m for m in mailoutbox if m.to == [confirmed.user.email]]
    [vevent] = _calendar(to_confirmed).walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert vevent["SEQUENCE"] == before + 1
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert not [a for m in mailoutbox if m.to == [waiting.user.email] for a in m.attachments], (
        "someone waiting has no place in a calendar yet"
    )


def test_each_move_raises_the_sequence_and_other_edits_do_not(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory()
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        _move(event)
        _move(event)
        event.title = "Nytt namn"
        services.event_save(event=event, changed=["title"])
    event.refresh_from_db()
    assert event.sequence == 2
    assert len(mailoutbox) == 2


def test_calling_an_event_off_sends_a_cancelling_file_that_outranks_the_last(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        _move(event)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.status = Event.Status.CANCELLED
        services.event_save(event=event, changed=["status"])
    [mail] = mailoutbox
    assert mail.to == [registration.user.email]
    calendar = _calendar(mail)
    assert str(calendar["METHOD"]) == "CANCEL"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED" and vevent["SEQUENCE"] == 2


def test_a_draft_event_moved_mails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(status=Event.Status.DRAFT)
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        _move(event)
    assert mailoutbox == []


def test_the_download_stays_a_publication_for_a_cancelled_event(client):
    from django.urls import reverse

    event = EventFactory(status=Event.Status.CANCELLED)
    calendar = Calendar.from_ical(client.get(reverse("events:ics", args=[event.slug])).content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
