"""A booked visit as a calendar file (.ics), for both sides: attached to the mails that book,
move or call it off, and downloadable from the request's page. Built by portal.calendar."""

import datetime

from django.utils.translation import gettext as _

from portal.calendar import PUBLISH, Entry, calendar_ics, uid
from portal.links import absolute_url

from .models import VisitRequest

PRODID = "-//Kompetensportalen//Yrkesambassadörer//SV"
# A visit has a time but no end: a lesson is what teachers book.
VISIT_LENGTH = datetime.timedelta(hours=1)


def has_calendar(visit_request: VisitRequest) -> bool:
    """Booked (or booked and then called off, so the file can remove it)."""
    return visit_request.scheduled_for is not None and visit_request.state in (
        VisitRequest.State.ACCEPTED,
        VisitRequest.State.CANCELLED,
    )


def visit_ics(visit_request: VisitRequest, *, method: str = PUBLISH) -> bytes:
    ambassador = visit_request.ambassador
    url = absolute_url(visit_request.get_absolute_url())
    summary = _("Yrkesambassadör %(name)s besöker %(group)s") % {
        "name": ambassador.display_name,
        "group": visit_request.group_name,
    }
    location = (
        str(visit_request.get_format_display())
        if visit_request.format == VisitRequest.Format.DIGITAL
        else str(visit_request.school)
    )
    entry = Entry(
        uid=uid("visit", visit_request.pk),
        starts_at=visit_request.scheduled_for,
        ends_at=visit_request.scheduled_for + VISIT_LENGTH,
        summary=summary,
        description=f"{visit_request.school}, {visit_request.group_name}\n{url}",
        location=location,
        url=url,
        sequence=visit_request.sequence,
        cancelled=visit_request.state == VisitRequest.State.CANCELLED,
        last_modified=visit_request.updated_at,
    )
    return calendar_ics(prodid=PRODID, name=summary, entries=[entry], method=method)
