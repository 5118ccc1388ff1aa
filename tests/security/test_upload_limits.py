"""Crafted staff files that exhausted the server: each now gets a clear answer, cheaply.

Measured before the limits were enforced while reading: a 26 KB workbook with one cell in column ZZZ on
each row took 20 s and about 840 MB; a 2 MB CSV of blank lines about 450 MB; a 300 KB workbook with one
huge shared string about 740 MB. Peak memory here is what Python allocated while reading (tracemalloc),
which is where those figures went.
"""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from projects import staff_import as staff_import_module
from projects.models import Employee
from projects.services.staff import staff_import
from projects.staff_import import MAX_BYTES, StaffFileInvalid
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

HEADER = ["Förnamn", "Efternamn", "E-post", "Kön"]
PEAK_LIMIT = 100 * 1024 * 1024


def _workbook_bytes(fill) -> bytes:
    workbook = Workbook()
    fill(workbook.active)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def far_column_workbook() -> SimpleUploadedFile:
    def fill(sheet):
        sheet.append(HEADER)
        for row in range(2, 2002):
            sheet.cell(row=row, column=18278, value="x")  # column ZZZ

    return SimpleUploadedFile("personal.xlsx", _workbook_bytes(fill))


def blank_lines_csv() -> SimpleUploadedFile:
    data = (";".join(HEADER) + "\r\n").encode()
    return SimpleUploadedFile("personal.csv", data + b"\n" * (MAX_BYTES - len(data)))


def delimiters_csv() -> SimpleUploadedFile:
    data = (";".join(HEADER) + "\r\n").encode()
    return SimpleUploadedFile("personal.csv", data + b";" * (MAX_BYTES - len(data)))


def huge_shared_string_workbook() -> SimpleUploadedFile:
    """A real workbook whose shared strings hold one string of 300 million characters (300 KB zipped)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes(lambda sheet: (sheet.append(HEADER), sheet.append(["a"])))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            if part.filename != "xl/sharedStrings.xml":
                target.writestr(part, source.read(part))
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            )
            strings.write(b' count="1" uniqueCount="1"><si><t>')
            chunk = b"A" * 1_000_000
            for _ in range(300):
                strings.write(chunk)
            strings.write(b"</t></si></sst>")
    return SimpleUploadedFile("personal.xlsx", buffer.getvalue())


def long_cell_csv() -> SimpleUploadedFile:
    text = ";".join(HEADER) + "\r\n" + ";".join(["Åsa", "Ö" * 100_000, "", "kvinna"]) + "\r\n"
    return SimpleUploadedFile("personal.csv", text.encode())


def wide_csv() -> SimpleUploadedFile:
    text = ";".join(HEADER + [f"Extra {n}" for n in range(200)]) + "\r\n"
    return SimpleUploadedFile("personal.csv", text.encode())


CRAFTED = {
    "one cell in column ZZZ on each row": (far_column_workbook, "Filen innehåller inga anställda"),
    "2 MB of blank lines": (blank_lines_csv, "Filen innehåller inga anställda"),
    "2 MB of delimiters": (delimiters_csv, "Filen innehåller inga anställda"),
    "one huge shared string": (huge_shared_string_workbook, "för stor när den packas upp"),
    "a cell of 100 000 characters": (long_cell_csv, "mer än 500 tecken"),
    "204 columns": (wide_csv, "fler än 50 kolumner"),
}


def _refusal(make):
    company = CompanyFactory()
    with pytest.raises(StaffFileInvalid) as refused:
        staff_import(company=company, uploaded_file=make())
    assert not Employee.objects.filter(company=company).exists()
    return str(refused.value)


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_staff_file_is_refused_with_a_clear_message_in_little_memory(name, monkeypatch):
    make, message = CRAFTED[name]
    # Tracing every allocation slows Python down several times: the reading time is measured below.
    monkeypatch.setattr(staff_import_module, "MAX_SECONDS", 600)
    tracemalloc.start()
    try:
        refusal = _refusal(make)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message in refusal
    assert peak < PEAK_LIMIT, f"peak {peak / 2**20:.0f} MB"


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_staff_file_is_refused_in_little_time(name):
    make, message = CRAFTED[name]
    started = time.monotonic()
    assert message in _refusal(make)
    assert time.monotonic() - started < staff_import_module.MAX_SECONDS


def test_reading_stops_with_a_clear_message_when_it_takes_too_long(monkeypatch):
    monkeypatch.setattr(staff_import_module, "MAX_SECONDS", -1)
    assert "tog för lång tid" in _refusal(blank_lines_csv)
