"""Course occasions as calendar files (.ics), attached to reminders so participants can add them."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from portal.links import absolute_url

from .models import Occasion


def occasion_ics(occasion: Occasion) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Kompetensportalen//Kurstillfällen//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "kompetensportalen"
    # A stable UID: a calendar that already holds the occasion updates it instead of adding a copy.
    event.add("uid", f"occasion-{occasion.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", occasion.starts_at)
    event.add("dtend", occasion.ends_at)
    event.add("summary", occasion.course.title)
    event.add("location", occasion.place or occasion.get_mode_display())
    url = absolute_url(occasion.get_absolute_url())
    event.add("url", url)
    event.add("description", f"{occasion.course.project.name}\n{url}")
    calendar.add_component(event)
    return calendar.to_ical()
