"""Registrations as CSV and XLSX files for project leaders (written by portal.spreadsheets)."""

from collections.abc import Iterable
from itertools import chain

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.spreadsheets import csv_response, xlsx_response, xlsx_table_bytes

from .models import Enrolment


def registration_queryset(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    return enrolments.select_related("occasion__course__project", "occasion__region", "employee", "company").order_by(
        "occasion__starts_at", "occasion_id", "status", "created", "pk"
    )


def named_registration_header() -> list[str]:
    return [
        _("Projekt"),
        _("Kurs"),
        _("Tillfälle startar"),
        _("Plats"),
        _("Företag"),
        _("Förnamn"),
        _("Efternamn"),
        _("E-post"),
        _("Kön"),
        _("Befattning"),
        _("Status"),
        _("Anmäld"),
        _("Närvarade"),
        _("Timmar"),
    ]


def named_registration_rows(enrolments: QuerySet[Enrolment]) -> Iterable[list]:
    """One row per registration with the person's name and address, for the leader's own lists
    (check-in, follow-up). The files that travel, the reports, use reports.anonymous_registration_rows."""
    for e in registration_queryset(enrolments).iterator(chunk_size=2000):
        occasion = e.occasion
        attended = "" if e.attended is None else (_("Ja") if e.attended else _("Nej"))
        yield [
            occasion.course.project.name,
            occasion.course.title,
            timezone.localtime(occasion.starts_at).strftime("%Y-%m-%d %H:%M"),
            occasion.place or occasion.get_mode_display(),
            e.company.name,
            e.employee.first_name,
            e.employee.last_name,
            e.employee.email,
            e.employee.get_gender_display(),
            e.employee.job_title,
            e.get_status_display(),
            timezone.localtime(e.created).strftime("%Y-%m-%d %H:%M"),
            attended,
            e.hours if e.hours is not None else "",
        ]


def _filename(extension: str) -> str:
    return f"anmalningar-{timezone.localdate():%Y-%m-%d}.{extension}"


def registrations_csv_response(enrolments: QuerySet[Enrolment]) -> StreamingHttpResponse:
    return csv_response(
        chain([named_registration_header()], named_registration_rows(enrolments)), filename=_filename("csv")
    )


def registrations_xlsx_response(enrolments: QuerySet[Enrolment]) -> HttpResponse:
    content = xlsx_table_bytes(
        chain([named_registration_header()], named_registration_rows(enrolments)),
        title=_("Anmälningar"),
        widths=(30, 34, 17, 24, 28, 16, 18, 30, 11, 22, 12, 17, 11, 8),
    )
    return xlsx_response(content, filename=_filename("xlsx"))
