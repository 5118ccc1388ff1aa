"""Reading a staff list file as Excel in Sweden writes it.

CSV in UTF-8 (with or without BOM) or Windows-1252, separated by semicolons or commas (with
Excel's optional `sep=` first line), or an XLSX workbook. The whole file is read and checked
before anything is saved: every problem is reported with its line number (as Excel numbers rows,
the header being row 1), and one bad row rejects the file.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from portal.errors import PortalError

from .models import Employee

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000

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
    lines = text.splitlines(keepends=True)
    delimiter = None
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        # Excel's hint line; Excel itself does not show it as a row.
        delimiter = lines[0].strip()[4]
        lines = lines[1:]
    first = next((line for line in lines if line.strip()), "")
    if delimiter is None:
        counts = {candidate: first.count(candidate) for candidate in (";", ",", "\t")}
        delimiter = max(counts, key=lambda candidate: (counts[candidate], candidate == ";"))
    reader = csv.reader(io.StringIO("".join(lines), newline=""), delimiter=delimiter)
    try:
        return [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as error:
        message = _("Raden gick inte att läsa som CSV.")
        raise StaffFileInvalid([LineError(reader.line_num or None, message)]) from error


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    unreadable = StaffFileInvalid([LineError(None, _("Excel-filen gick inte att öppna."))])
    # A workbook is zipped XML from anyone's computer: damaged or hostile files make openpyxl and
    # the XML parser fail in many ways (a bad zip, missing parts, malformed XML, entity expansion
    # stopped by expat's limits). Whatever the cause, the answer to the person is the same.
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001
        raise unreadable from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell_text(value) for value in values]))
            if number > MAX_ROWS + 1:
                break
        return rows
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
    rows = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
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
