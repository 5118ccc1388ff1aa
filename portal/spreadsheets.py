"""CSV and XLSX files as project leaders open them: the one place that knows how.

CSV is written the way Swedish Excel reads it: UTF-8 with a BOM, semicolons, decimal commas.
It is streamed row by row, so memory stays flat however many rows there are. XLSX uses openpyxl's
write-only mode for the same reason. In both, text that a spreadsheet would take for a formula
(names typed by the public or uploaded by companies: "=HYPERLINK(...)") is kept as text.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def defuse(values: Iterable) -> list:
    """Prefix text that starts like a formula with an apostrophe, so spreadsheets show it as text.

    Only text is touched: a negative number is not a formula."""
    return [f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value for value in values]


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, (Decimal, float)):
        return str(value).replace(".", ",")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in defuse(row)])


def csv_response(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """A streamed download; `rows` may be a generator over `.iterator()`, header row first."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_cells(sheet, values: Iterable, *, bold: bool = False) -> list:
    """One row for a write-only sheet. Plain values where possible: much faster than cell objects."""
    cells = []
    for value in values:
        if isinstance(value, Decimal):
            value = float(value)
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
        formula_like = isinstance(value, str) and value.startswith("=")
        if not (bold or formula_like):
            cells.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        if formula_like:
            cell.data_type = "s"  # openpyxl would otherwise store it as a formula
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def xlsx_sheet(workbook: Workbook, title: str, widths: Iterable[int] = ()):
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def xlsx_table_bytes(rows: Iterable[Iterable], *, title: str, widths: Iterable[int] = ()) -> bytes:
    """One sheet: a bold header row, then the rows; the header stays in view when scrolling."""
    workbook = Workbook(write_only=True)
    sheet = xlsx_sheet(workbook, title, widths)
    sheet.freeze_panes = "A2"
    for index, row in enumerate(rows):
        sheet.append(xlsx_cells(sheet, row, bold=index == 0))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
