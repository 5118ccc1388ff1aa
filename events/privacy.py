"""A person's event data: what they can download, and what happens when they erase their account.

The portal collects these through `privacy = "events.privacy"` on the AppConfig.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal.audit import forget_in_history
from portal.privacy import export_moment

from .models import CalendarFeed, Event, Registration, RoundTableMember
from .services import registrations_anonymise


def export(user) -> dict:
    registrations = Registration.objects.filter(user=user).select_related("event", "track").order_by("event__starts_at")
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "event_starts_at": export_moment(registration.event.starts_at),
                "status": registration.status,
                "track": registration.track.name if registration.track_id else None,
                "organisation_type": registration.organisation_type,
                "organisation_name": registration.organisation_name,
                "dietary_needs": registration.dietary_needs,
                "accessibility_needs": registration.accessibility_needs,
                "consent_to_participant_list": registration.consent_to_list,
                "registered_at": export_moment(registration.created_at),
                "confirmed_at": export_moment(registration.confirmed_at),
                "waitlisted_at": export_moment(registration.waitlisted_at),
                "cancelled_at": export_moment(registration.cancelled_at),
                "checked_in_at": export_moment(registration.checked_in_at),
            }
            for registration in registrations
        ],
        "calendar_feed_created_at": export_moment(
            CalendarFeed.objects.filter(user=user).values_list("created_at", flat=True).first()
        ),
    }


def erase(user) -> None:
    registrations_anonymise(user=user)


@transaction.atomic
def expire(*, ended_before: datetime.date) -> int:
    """Anonymise who came to events whose projects all ended before the date.

    Registrations stay (status, track, kind of organisation, attendance: what the statistics count)
    without the person, their organisation's name or their needs; the people at the round tables
    keep their role and organisation but lose their names. Returns the registrations anonymised.
    """
    events = (
        Event.objects.filter(projects__isnull=False, ends_at__lt=timezone.now())
        .exclude(projects__ends_on__isnull=True)  # a project still without an end
        .exclude(projects__ends_on__gte=ended_before)
        .values("pk")
    )
    RoundTableMember.objects.filter(table__event__in=events).exclude(name="").update(name="")
    identifying = (
        Q(user__isnull=False)
        | ~Q(organisation_name="")
        | ~Q(dietary_needs="")
        | ~Q(accessibility_needs="")
        | Q(consent_to_list=True)
    )
    expired = Registration.objects.filter(event__in=events).filter(identifying)
    forget_in_history(expired)
    return expired.update(
        user=None, organisation_name="", dietary_needs="", accessibility_needs="", consent_to_list=False
    )
