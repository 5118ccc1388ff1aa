"""iCalendar files: one per event (also attached to the confirmation e-mail) and a person's feed.

Times are written in Europe/Stockholm with the VTIMEZONE included, so calendars show them right
also across the change to and from summer time. The UID is stable per event, so an updated file
replaces the entry instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from portal.links import absolute_url
from portal.text import one_line, paragraphs

from .models import Event, Registration

PRODID = "-//Kompetensportalen//Evenemang//SV"


def _uid(event: Event) -> str:
    host = urlparse(settings.SITE_URL).hostname or "kompetensportalen.se"
    return f"event-{event.pk}@{host}"


def _location(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.address) if part) or event.online_url


def _vevent(event: Event, *, registration: Registration | None = None, now=None) -> VEvent:
    url = absolute_url(event.get_absolute_url())
    lines = [paragraphs(event.summary)] if event.summary else []
    if registration is not None and registration.track_id:
        lines.append(_("Ditt spår: %(track)s") % {"track": one_line(registration.track.name)})
    if event.online_url:
        lines.append(_("Digitalt möte: %(url)s") % {"url": one_line(event.online_url)})
    lines.append(url)

    vevent = VEvent()
    vevent.add("uid", _uid(event))
    vevent.add("dtstamp", now or timezone.now())
    vevent.add("dtstart", timezone.localtime(event.starts_at))
    vevent.add("dtend", timezone.localtime(event.ends_at))
    vevent.add("summary", one_line(event.title))
    vevent.add("description", "\n\n".join(lines))
    if location := one_line(_location(event)):
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("last-modified", event.updated_at)
    # Increases with every change, so calendar programs take the newer copy.
    vevent.add("sequence", int(event.updated_at.timestamp()))
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return vevent


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    return calendar


def event_ics(event: Event, *, registration: Registration | None = None) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(_vevent(event, registration=registration))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_ics(registrations: Iterable[Registration]) -> bytes:
    """A person's confirmed registrations as one calendar to subscribe to."""
    calendar = _calendar(_("Mina evenemang – Kompetensportalen"))
    now = timezone.now()
    for registration in registrations:
        calendar.add_component(_vevent(registration.event, registration=registration, now=now))
    calendar.add_missing_timezones()
    return calendar.to_ical()
