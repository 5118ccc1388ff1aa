"""The one builder of the portal's calendar files (.ics): events, course occasions and visits.

Times are written in the site's time zone (Europe/Stockholm) with a VTIMEZONE that states the
zone's rules as yearly RRULEs, a DAYLIGHT and a STANDARD part, as Outlook and Google write them.
icalendar's own `add_missing_timezones` writes the transitions as RDATE lists after a first
standard-time part from 1970, which vobject (and so the calendar tools built on it) reads as
"always +01:00": an April event at 09:00 showed at 10:00. Every reader handles the RRULE form.

A file about something stable has one UID for the thing, and a SEQUENCE that the service bumps at
every change people must see (a new time, a call-off), so a calendar replaces its copy. A call-off
is sent as METHOD:CANCEL with STATUS:CANCELLED; downloads and feeds stay METHOD:PUBLISH.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar import Event as VEvent

from .text import one_line

PUBLISH, CANCEL = "PUBLISH", "CANCEL"


def uid(kind: str, pk: int) -> str:
    """A UID that stays the same for the same thing (its kind and id) on this site."""
    host = urlparse(settings.SITE_URL).hostname or "kompetensportalen.se"
    return f"{kind}-{pk}@{host}"


def _transitions(zone: ZoneInfo, year: int) -> list[datetime.datetime]:
    """The local wall-clock moments (before the change) in `year` when the zone's offset changes."""
    found = []
    hour = datetime.timedelta(hours=1)
    moment = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + hour
        if following.astimezone(zone).utcoffset() != offset:
            before = moment.astimezone(zone)
            found.append((before.replace(tzinfo=None) + hour, offset, following.astimezone(zone).utcoffset()))
            offset = following.astimezone(zone).utcoffset()
        moment = following
    return found


def _byday(day: datetime.datetime) -> str:
    """'-1SU' for the last Sunday of its month, '2SU' for the second..."""
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[day.weekday()]
    if (day + datetime.timedelta(days=7)).month != day.month:
        return f"-1{weekday}"
    return f"{(day.day - 1) // 7 + 1}{weekday}"


@functools.cache
def vtimezone(name: str) -> Timezone:
    """The VTIMEZONE of a zone with its current yearly rules (read from the zone for this year),
    starting in 1970 as is customary. A zone without summer time gets a single STANDARD part."""
    zone = ZoneInfo(name)
    year = timezone.now().year
    component = Timezone()
    component.add("tzid", name)
    changes = _transitions(zone, year)
    if not changes:
        offset = datetime.datetime(year, 1, 1, tzinfo=zone).utcoffset()
        standard = TimezoneStandard()
        standard.add("dtstart", datetime.datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", datetime.datetime(year, 1, 1, tzinfo=zone).tzname())
        component.add_component(standard)
        return component
    for at, offset_from, offset_to in changes:
        part = TimezoneDaylight() if offset_to > offset_from else TimezoneStandard()
        after = datetime.datetime(at.year, at.month, at.day, 12, tzinfo=zone)
        # DTSTART: the rule's first occurrence in 1970, at the local time before the change.
        first = datetime.datetime(1970, at.month, 1, at.hour, at.minute)
        while _byday(first) != _byday(at) or first.month != at.month:
            first += datetime.timedelta(days=1)
        part.add("dtstart", first)
        part.add("tzoffsetfrom", offset_from)
        part.add("tzoffsetto", offset_to)
        part.add("tzname", after.tzname())
        part.add("rrule", {"freq": "yearly", "bymonth": at.month, "byday": _byday(at)})
        component.add_component(part)
    return component


@dataclass
class Entry:
    """One VEVENT: what a calendar file says about an event, an occasion or a visit."""

    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False
    last_modified: datetime.datetime | None = None


def _vevent(entry: Entry, now: datetime.datetime) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", now)
    # In the site's zone, so the file names its TZID and the VTIMEZONE below gives its rules.
    vevent.add("dtstart", timezone.localtime(entry.starts_at))
    vevent.add("dtend", timezone.localtime(entry.ends_at))
    vevent.add("summary", one_line(entry.summary))
    if entry.description:
        vevent.add("description", entry.description)
    if location := one_line(entry.location):
        vevent.add("location", location)
    if entry.url:
        vevent.add("url", entry.url)
    if entry.last_modified is not None:
        vevent.add("last-modified", entry.last_modified)
    vevent.add("sequence", entry.sequence)
    vevent.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    return vevent


def calendar_ics(*, prodid: str, name: str, entries, method: str | None = None) -> bytes:
    """A calendar file of these entries. `method` defaults to CANCEL for a single cancelled entry
    (what a mail calling something off carries) and PUBLISH otherwise."""
    entries = list(entries)
    if method is None:
        method = CANCEL if len(entries) == 1 and entries[0].cancelled else PUBLISH
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(vtimezone(settings.TIME_ZONE))
    now = timezone.now()
    for entry in entries:
        calendar.add_component(_vevent(entry, now))
    return calendar.to_ical()
