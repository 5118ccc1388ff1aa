"""Registrations as CSV and XLSX files for project leaders.

CSV is written as Swedish Excel reads it: semicolons and UTF-8 with a BOM. Text that a
spreadsheet would take for a formula (names come from company uploads) is defused.
"""

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import Enrolment

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_safe(values: Iterable) -> list:
    """Prefix text that starts like a formula with an apostrophe, so spreadsheets show it as text."""
    return [f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value for value in values]


def registration_queryset(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    return enrolments.select_related("occasion__course__project", "occasion__region", "employee", "company").order_by(
        "occasion__starts_at", "occasion_id", "status", "created", "pk"
    )


def registration_header() -> list[str]:
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


def registration_rows(enrolments: QuerySet[Enrolment]) -> Iterable[list]:
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


def registrations_csv_response(enrolments: QuerySet[Enrolment]) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(registration_header())
    for row in registration_rows(enrolments):
        writer.writerow(csv_safe(str(value).replace(".", ",") if _is_number(value) else value for value in row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _is_number(value) -> bool:
    return isinstance(value, (Decimal, float))


def registrations_xlsx_bytes(enrolments: QuerySet[Enrolment]) -> bytes:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Anmälningar")[:31]
    sheet.append(registration_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in registration_rows(enrolments):
        sheet.append([float(value) if _is_number(value) else value for value in row])
        for cell in sheet[sheet.max_row]:
            # openpyxl would store a string starting with "=" as a formula.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMN", (30, 34, 17, 24, 28, 16, 18, 30, 11, 22, 12, 17, 11, 8), strict=True):
        sheet.column_dimensions[column].width = width
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def registrations_xlsx_response(enrolments: QuerySet[Enrolment]) -> HttpResponse:
    response = HttpResponse(registrations_xlsx_bytes(enrolments), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
