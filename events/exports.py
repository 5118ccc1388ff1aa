"""Participant lists as CSV (for Excel in Swedish: semicolons, BOM) and XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models import Registration
from .selectors import with_waitlist_position


def _headers() -> list[str]:
    return [
        _("Förnamn"), _("Efternamn"), _("E-post"), _("Evenemang"), _("Spår"), _("Status"),
        _("Plats i kön"), _("Organisationstyp"), _("Organisation"), _("Kost och allergier"),
        _("Behov av tillgänglighet"), _("Visas på deltagarlistan"), _("Närvarande"), _("Anmäld"),
    ]


def export_rows(registrations: QuerySet[Registration]) -> tuple[list[str], list[list]]:
    """The header and one row per registration, in two queries however many there are."""
    rows = []
    queryset = (with_waitlist_position(registrations.select_related("user", "event", "track"))
                .order_by("event__starts_at", "event_id", "status", "user__last_name", "user__first_name", "pk"))
    yes, no = _("Ja"), _("Nej")
    for registration in queryset:
        waiting = registration.status == Registration.Status.WAITLISTED
        rows.append([
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
        ])
    return _headers(), rows


def _safe(value):
    """Spreadsheet programs run text that starts like a formula; names typed by the public must
    not be able to do that (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(headers: list[str], rows: Iterable[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_safe(value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else value)
                         for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(headers: list[str], rows: Iterable[list], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(header) for header in headers]
    for row in rows:
        sheet.append([_safe(value) for value in row])
        for index, value in enumerate(row):
            widths[index] = max(widths[index], min(len(str(value)), 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    date_column = get_column_letter(len(headers))
    for cell in sheet[date_column][1:]:
        cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
