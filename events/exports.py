"""The rows of participant lists; portal.spreadsheets writes them as CSV and XLSX."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Registration
from .selectors import with_waitlist_position


def _headers() -> list[str]:
    return [
        _("Förnamn"),
        _("Efternamn"),
        _("E-post"),
        _("Evenemang"),
        _("Spår"),
        _("Status"),
        _("Plats i kön"),
        _("Organisationstyp"),
        _("Organisation"),
        _("Kost och allergier"),
        _("Behov av tillgänglighet"),
        _("Visas på deltagarlistan"),
        _("Närvarande"),
        _("Anmäld"),
    ]


def export_rows(registrations: QuerySet[Registration]) -> tuple[list[str], list[list]]:
    """The header and one row per registration, in two queries however many there are."""
    rows = []
    queryset = with_waitlist_position(registrations.select_related("user", "event", "track")).order_by(
        "event__starts_at", "event_id", "status", "user__last_name", "user__first_name", "pk"
    )
    yes, no = _("Ja"), _("Nej")
    for registration in queryset:
        waiting = registration.status == Registration.Status.WAITLISTED
        rows.append(
            [
                registration.user.first_name if registration.user_id else "",
                registration.user.last_name if registration.user_id else registration.participant_name,
                registration.user.email if registration.user_id else "",
                registration.event.title,
                registration.track.name if registration.track_id else "",
                registration.get_status_display(),
                registration.waitlist_position if waiting else "",
                registration.get_organisation_type_display(),
                registration.organisation_name,
                registration.dietary_needs,
                registration.accessibility_needs,
                yes if registration.consent_to_list else no,
                yes if registration.attended else no,
                timezone.localtime(registration.created_at).replace(tzinfo=None),
            ]
        )
    return _headers(), rows
