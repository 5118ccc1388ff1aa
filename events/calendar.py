"""iCalendar files: one per event (also attached to the confirmation e-mail) and a person's feed.

Built by the portal's one calendar builder (portal.calendar: times in Europe/Stockholm with a
VTIMEZONE that every common reader gets right). The UID is stable per event and the SEQUENCE is
the event's counter, bumped by the services when it moves or is called off, so an updated file
replaces the entry instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from portal.calendar import PUBLISH, Entry, calendar_ics, uid
from portal.links import absolute_url
from portal.text import one_line, paragraphs

from .models import Event, Registration

PRODID = "-//Kompetensportalen//Evenemang//SV"


def _location(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.address) if part) or event.online_url


def _entry(event: Event, *, registration: Registration | None = None) -> Entry:
    url = absolute_url(event.get_absolute_url())
    lines = [paragraphs(event.summary)] if event.summary else []
    if registration is not None and registration.track_id:
        lines.append(_("Ditt spår: %(track)s") % {"track": one_line(registration.track.name)})
    if event.online_url:
        lines.append(_("Digitalt möte: %(url)s") % {"url": one_line(event.online_url)})
    lines.append(url)
    return Entry(
        uid=uid("event", event.pk),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description="\n\n".join(lines),
        location=_location(event),
        url=url,
        sequence=event.sequence,
        cancelled=event.is_cancelled,
        last_modified=event.updated_at,
    )


def event_ics(event: Event, *, registration: Registration | None = None, method: str = PUBLISH) -> bytes:
    """The event as a file; a mail calling it off passes method=CANCEL."""
    return calendar_ics(
        prodid=PRODID, name=event.title, entries=[_entry(event, registration=registration)], method=method
    )


def feed_ics(registrations: Iterable[Registration]) -> bytes:
    """A person's confirmed registrations as one calendar to subscribe to."""
    return calendar_ics(
        prodid=PRODID,
        name=_("Mina evenemang – Kompetensportalen"),
        entries=[_entry(registration.event, registration=registration) for registration in registrations],
    )
