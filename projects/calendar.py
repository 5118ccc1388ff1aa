"""Course occasions as calendar files (.ics): attached to enrolment confirmations, changes and
reminders, and downloadable from the occasion's page. Built by portal.calendar (one UID per
occasion, its stored SEQUENCE, the VTIMEZONE every reader gets right)."""

from django.conf import settings

from portal.calendar import PUBLISH, Entry, calendar_ics
from portal.links import absolute_url

from .models import Occasion

PRODID = "-//Kompetensportalen//Kurstillfällen//SV"


def _uid(occasion: Occasion) -> str:
    # As the files already sent wrote it (the host with its port): a new UID would add a second
    # entry to the calendars that hold the old one instead of replacing it.
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "kompetensportalen"
    return f"occasion-{occasion.pk}@{host}"


def occasion_ics(occasion: Occasion, *, method: str = PUBLISH) -> bytes:
    """The occasion as a file; a mail calling it off passes method=CANCEL."""
    url = absolute_url(occasion.get_absolute_url())
    entry = Entry(
        uid=_uid(occasion),
        starts_at=occasion.starts_at,
        ends_at=occasion.ends_at,
        summary=occasion.course.title,
        description=f"{occasion.course.project.name}\n{url}",
        location=occasion.place or str(occasion.get_mode_display()),
        url=url,
        sequence=occasion.sequence,
        cancelled=occasion.is_cancelled,
    )
    return calendar_ics(prodid=PRODID, name=occasion.course.title, entries=[entry], method=method)
