"""Reading a staff list file as Excel in Sweden writes it.

CSV in UTF-8 (with or without BOM) or Windows-1252, separated by semicolons or commas (with
Excel's optional `sep=` first line), or an XLSX workbook. The whole file is read and checked
before anything is saved: every problem is reported with its line number (as Excel numbers rows,
the header being row 1), and one bad row rejects the file.

A file comes from anyone's computer, so every limit is enforced while reading, never taken from what
the file says of itself: bytes uploaded, bytes a workbook unpacks to (zipfile never hands out more
than a part's recorded size, and a part that holds more fails its checksum), rows, columns, the
length of a cell, and the time spent.
"""

import codecs
import csv
import io
import re
import time
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from portal.errors import PortalError

from .models import Employee

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# A staff list has six columns; people add a few of their own (employee number, department…).
MAX_COLUMNS = 50
MAX_CELL_CHARS = 500
# A workbook of 5 000 staff unpacks to about 3 MB of XML.
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_SECONDS = 10

# Header texts people actually write, normalised (lower case, no punctuation), per field.
HEADERS = {
    "first_name": {"förnamn", "fornamn", "first name", "firstname", "given name"},
    "last_name": {"efternamn", "last name", "lastname", "surname", "family name"},
    "name": {"namn", "name", "fullständigt namn", "full name", "för och efternamn"},
    "email": {
        "e post",
        "epost",
        "e postadress",
        "epostadress",
        "mejl",
        "mail",
        "email",
        "e mail",
        "mejladress",
        "email address",
        "e mail address",
    },
    "gender": {"kön", "kon", "gender", "sex"},
    "job_title": {
        "befattning",
        "titel",
        "yrkesroll",
        "roll",
        "tjänst",
        "job title",
        "title",
        "role",
        "position",
        "yrke",
    },
}
GENDERS = {
    Employee.Gender.WOMAN: {"kvinna", "k", "kv", "woman", "female", "f", "w", "kvinnor"},
    Employee.Gender.MAN: {"man", "m", "male", "män"},
    Employee.Gender.NON_BINARY: {
        "icke binär",
        "ickebinär",
        "icke binar",
        "ickebinar",
        "x",
        "non binary",
        "nonbinary",
        "annat",
        "other",
        "ib",
    },
}
_GENDER_LOOKUP = {text: gender for gender, texts in GENDERS.items() for text in texts}
_FIELD_BY_HEADER = {text: field for field, texts in HEADERS.items() for text in texts}


@dataclass(frozen=True)
class LineError:
    line: int | None  # None: the file as a whole
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("Rad %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class StaffRow:
    line: int
    first_name: str
    last_name: str
    email: str
    gender: str
    job_title: str


class StaffFileInvalid(PortalError):
    """The file cannot be imported; `errors` lists the problems by line. (A PortalError of its own,
    not a ProjectsError: the services import this reader, so it imports nothing of theirs.)"""

    def __init__(self, errors: list[LineError]):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors))


def _normalise(text: str) -> str:
    text = re.sub(r"[\s\-_.*:]+", " ", str(text or "").strip().lower())
    return text.strip()


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # What Excel on Swedish Windows writes with "CSV (semikolonavgränsad)".
        return data.decode("cp1252")


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = _decode(data)
    except UnicodeDecodeError as error:
        raise StaffFileInvalid(
            [
                LineError(
                    None,
                    _("Filens teckenkodning gick inte att läsa. Spara den som CSV UTF-8 eller som Excel-fil."),
                )
            ]
        ) from error
    if "\x00" in text:
        # Text saved as UTF-16 ("Unicode text") or a file that is not text at all; PostgreSQL could
        # not store these names anyway.
        raise StaffFileInvalid(
            [
                LineError(
                    None,
                    _("Filen innehåller tecken som inte går att läsa. Spara den som CSV UTF-8 eller som Excel-fil."),
                )
            ]
        )
    delimiter = None
    start = 0
    first_line = text[: text.find("\n") + 1 or len(text)]
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        # Excel's hint line; Excel itself does not show it as a row.
        delimiter = first_line.strip()[4]
        start = len(first_line)
    if delimiter is None:
        match = re.search(r"\S[^\r\n]*", text[start:])
        first = match[0] if match else ""
        counts = {candidate: first.count(candidate) for candidate in (";", ",", "\t")}
        delimiter = max(counts, key=lambda candidate: (counts[candidate], candidate == ";"))
    # Read lazily, row by row: a file of blank lines or of delimiters only must cost no more than its size.
    reader = csv.reader(io.StringIO(text[start:], newline=""), delimiter=delimiter)
    try:
        return _bounded_rows(enumerate(reader, start=1))
    except csv.Error as error:
        message = _("Raden gick inte att läsa som CSV.")
        raise StaffFileInvalid([LineError(reader.line_num or None, message)]) from error


def _too_large(message) -> StaffFileInvalid:
    return StaffFileInvalid([LineError(None, message)])


def _bounded_rows(numbered_rows) -> list[tuple[int, list[str]]]:
    """The rows with something in them, as text, within the limits on rows, columns, cells and time."""
    deadline = time.monotonic() + MAX_SECONDS
    rows = []
    for count, (number, values) in enumerate(numbered_rows):
        if count % 1000 == 0 and time.monotonic() > deadline:
            raise _too_large(_("Filen tog för lång tid att läsa. Spara den som CSV UTF-8 och försök igen."))
        if not values:
            continue  # a blank CSV line
        cells = [_cell_text(value) for value in values]
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            continue
        if len(cells) > MAX_COLUMNS:
            raise _too_large(
                _("Rad %(line)s har fler än %(max)s kolumner. Ta bort de kolumner som inte behövs.")
                % {"line": number, "max": MAX_COLUMNS}
            )
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise _too_large(
                _("Rad %(line)s har en cell med mer än %(max)s tecken.") % {"line": number, "max": MAX_CELL_CHARS}
            )
        rows.append((number, cells))
        if len(rows) > MAX_ROWS + 1:
            break  # the header and one row too many: read_staff_file says the file is too long
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    unreadable = StaffFileInvalid([LineError(None, _("Excel-filen gick inte att öppna."))])
    try:
        unpacked = sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise unreadable from error
    if unpacked > MAX_UNPACKED_BYTES:
        # A part's recorded size is all zipfile will unpack of it, so this sum bounds what is read.
        raise _too_large(_("Excel-filen är för stor när den packas upp. Spara den som CSV UTF-8 och försök igen."))
    # A workbook is zipped XML from anyone's computer: damaged or hostile files make openpyxl and
    # the XML parser fail in many ways (a bad zip, missing parts, malformed XML, entity expansion
    # stopped by expat's limits). Whatever the cause, the answer to the person is the same.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001
        raise unreadable from error
    try:
        sheet = workbook.worksheets[0]
        # Bounded by what is read, not by the sheet's own claim of its size: openpyxl would pad every
        # row out to the farthest column used anywhere (one cell in column ZZZ makes 18 278 per row).
        # A cell beyond MAX_COLUMNS is not read; the header must be within them.
        return _bounded_rows(
            enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, max_row=2 * MAX_ROWS, values_only=True), start=1)
        )
    except StaffFileInvalid:
        raise
    except Exception as error:  # noqa: BLE001
        raise unreadable from error
    finally:
        workbook.close()


def _read_rows(uploaded) -> list[tuple[int, list[str]]]:
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise StaffFileInvalid([LineError(None, _("Filen är för stor (högst 2 MB)."))])
    if not data.strip():
        raise StaffFileInvalid([LineError(None, _("Filen är tom."))])
    name = (getattr(uploaded, "name", "") or "").lower()
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    if name.endswith((".xls", ".xlsm", ".ods", ".numbers")):
        raise StaffFileInvalid([LineError(None, _("Spara filen som .xlsx eller .csv och försök igen."))])
    return _csv_rows(data)


def _columns(header: list[str], line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    errors = []
    for index, text in enumerate(header):
        field = _FIELD_BY_HEADER.get(_normalise(text))
        if field is None:
            continue  # extra columns (employee number, department…) are allowed and ignored
        if field in columns:
            errors.append(LineError(line, _("Kolumnen ”%(header)s” finns två gånger.") % {"header": text.strip()}))
        columns[field] = index
    has_name = "name" in columns or ("first_name" in columns and "last_name" in columns)
    if not has_name:
        errors.append(LineError(line, _("Kolumnerna Förnamn och Efternamn (eller Namn) saknas i första raden.")))
    if "gender" not in columns:
        errors.append(LineError(line, _("Kolumnen Kön saknas i första raden.")))
    if errors:
        raise StaffFileInvalid(errors)
    return columns


def read_staff_file(uploaded, *, existing: list[Employee]) -> list[StaffRow]:
    """Read and check the whole file against itself and against the company's current staff.

    Returns the rows when every one of them is good; raises StaffFileInvalid with all the
    problems otherwise.
    """
    rows = _read_rows(uploaded)
    if not rows:
        raise StaffFileInvalid([LineError(None, _("Filen är tom."))])
    header_line, header = rows[0]
    columns = _columns(header, header_line)
    data_rows = rows[1:]
    if not data_rows:
        raise StaffFileInvalid([LineError(None, _("Filen innehåller inga anställda, bara rubrikraden."))])
    if len(data_rows) > MAX_ROWS:
        raise StaffFileInvalid(
            [LineError(None, _("Filen har fler än %(max)s rader. Dela upp den.") % {"max": MAX_ROWS})]
        )

    known_emails = {e.email.lower() for e in existing if e.email}
    known_names = {(e.first_name.lower(), e.last_name.lower()) for e in existing if not e.email}
    seen_emails: dict[str, int] = {}
    seen_names: dict[tuple[str, str], int] = {}
    errors: list[LineError] = []
    good: list[StaffRow] = []

    def cell(cells, field):
        index = columns.get(field)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    for line, cells in data_rows:
        problems = []
        if "first_name" in columns and "last_name" in columns:
            first, last = cell(cells, "first_name"), cell(cells, "last_name")
            if not first:
                problems.append(_("Förnamn saknas."))
            if not last:
                problems.append(_("Efternamn saknas."))
        else:
            full_name = " ".join(cell(cells, "name").split())
            first, _space, last = full_name.rpartition(" ")
            if not full_name:
                problems.append(_("Namn saknas."))
            elif not first:
                first, last = "", ""
                problems.append(_("Skriv både för- och efternamn."))
        if len(first) > 100 or len(last) > 100:
            problems.append(_("Namnet är för långt (högst 100 tecken)."))

        email = cell(cells, "email").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(_("E-postadressen ”%(email)s” är inte giltig.") % {"email": email})
                email = ""
            else:
                if email in seen_emails:
                    problems.append(
                        _("E-postadressen %(email)s finns redan på rad %(line)s.")
                        % {"email": email, "line": seen_emails[email]}
                    )
                elif email in known_emails:
                    problems.append(_("%(email)s finns redan i personallistan.") % {"email": email})
                seen_emails.setdefault(email, line)
        elif first and last:
            # Without e-mail addresses the name is all that tells two rows apart.
            key = (first.lower(), last.lower())
            if key in seen_names:
                problems.append(
                    _("%(name)s finns redan på rad %(line)s.") % {"name": f"{first} {last}", "line": seen_names[key]}
                )
            elif key in known_names:
                problems.append(_("%(name)s finns redan i personallistan.") % {"name": f"{first} {last}"})
            seen_names.setdefault(key, line)

        gender_text = cell(cells, "gender")
        gender = _GENDER_LOOKUP.get(_normalise(gender_text))
        if not gender_text:
            problems.append(_("Kön saknas."))
        elif gender is None:
            problems.append(
                _("Okänt värde för kön: ”%(value)s”. Skriv kvinna, man eller icke-binär.") % {"value": gender_text}
            )

        job_title = cell(cells, "job_title")
        if len(job_title) > 120:
            problems.append(_("Befattningen är för lång (högst 120 tecken)."))

        if problems:
            errors.extend(LineError(line, problem) for problem in problems)
        else:
            good.append(
                StaffRow(
                    line=line,
                    first_name=first,
                    last_name=last,
                    email=email,
                    gender=gender,
                    job_title=job_title,
                )
            )
    if errors:
        raise StaffFileInvalid(errors)
    return good
