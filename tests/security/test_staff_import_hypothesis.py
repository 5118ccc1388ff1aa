"""Generated staff files, uploaded through the import page as a company contact would.

Hypothesis writes CSV files as people's spreadsheets do (UTF-8 with or without BOM, or Windows-1252;
semicolons, commas or tabs; Excel's `sep=` line; Swedish or English headers in any order, extra
columns, blank lines) with rows that are good or bad in the ways real lists are (a missing name,
an unknown gender, a broken or repeated e-mail address, someone already on the staff list, text
too long), and sometimes with junk bytes spliced in or the file cut short.

What must hold for every file: the page answers (never a server error), and the file is saved
whole or not at all. For files built from known rows there is an oracle: only good rows means
every one of them is saved, as written; one bad row means nothing is.
"""

import csv
import io
import re
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st

from projects.models import Employee
from tests.factories import CompanyFactory, company_contact
from tests.projects.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

# Letters every one of the three encodings can write (Windows-1252 has å, ä, ö, é, ü).
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ"
HEADERS = {
    "first_name": ["Förnamn", "förnamn", "First name", "FIRSTNAME"],
    "last_name": ["Efternamn", "Last name", "surname"],
    "name": ["Namn", "Name", "Fullständigt namn"],
    "email": ["E-post", "e-postadress", "Email", "Mejl", "E-mail address"],
    "gender": ["Kön", "kon", "Gender", "KÖN:"],
    "job_title": ["Befattning", "Titel", "Job title", "Yrkesroll"],
    "extra": ["Anställningsnummer", "Avdelning", "Telefon"],
}
GENDERS = {
    "woman": ["kvinna", "K", "Kv", "woman", "Female", "KVINNA"],
    "man": ["man", "M", "Male", "MÄN"],
    "non_binary": ["icke-binär", "Icke binär", "X", "non-binary", "annat", "ib"],
}
BAD_GENDERS = ["okänd", "robot", "2", "kvinna?", "n/a"]
BAD_EMAILS = ["inte-en-adress", "a@", "@exempel.se", "två ord@exempel.se", "a@@exempel.se"]
EXISTING_EMAIL = "finns@exempel.se"
EXISTING_NAME = ("Befintlig", "Person")

name_part = st.text(alphabet=LETTERS + " -", min_size=1, max_size=25).map(str.strip).filter(bool)
padding = st.sampled_from(["", " ", "  ", "\t"])


@dataclass
class Row:
    first_name: str
    last_name: str
    email: str
    gender_text: str
    gender: str | None
    job_title: str
    extra: str
    problem: str | None  # None: a good row

    def expected(self):
        return (self.first_name, self.last_name, self.email.lower(), self.gender, self.job_title)


@st.composite
def good_row(draw, index: int) -> Row:
    gender = draw(st.sampled_from(sorted(GENDERS)))
    with_email = draw(st.booleans())
    local = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10))
    email = f"{local}{index}@{draw(st.sampled_from(['exempel.se', 'Exempel.SE', 'verkstad.example']))}"
    if draw(st.booleans()):
        email = email.upper()
    # Without an address the name tells people apart: the row number in the last name keeps it unique.
    last = draw(name_part)
    if not with_email:
        last = f"{last}-{index}"
    return Row(
        first_name=draw(name_part),
        last_name=last,
        email=email if with_email else "",
        gender_text=draw(st.sampled_from(GENDERS[gender])),
        gender=gender,
        job_title=draw(st.one_of(st.just(""), st.text(alphabet=LETTERS + " ", max_size=40).map(str.strip))),
        extra=draw(st.text(alphabet=LETTERS + "0123456789 ;,\"'", max_size=12)),
        problem=None,
    )


@st.composite
def bad_row(draw, index: int, earlier: list[Row]) -> Row:
    row = draw(good_row(index))
    problems = [
        "no first name",
        "bad gender",
        "no gender",
        "bad email",
        "existing email",
        "long name",
        "long title",
        "existing name",
    ]
    if any(r.email for r in earlier):
        problems.append("repeated email")
    if any(not r.email for r in earlier):
        problems.append("repeated name")
    problem = draw(st.sampled_from(problems))
    row.problem = problem
    if problem == "no first name":
        row.first_name = draw(st.sampled_from(["", "  "]))
    elif problem == "bad gender":
        row.gender_text, row.gender = draw(st.sampled_from(BAD_GENDERS)), None
    elif problem == "no gender":
        row.gender_text, row.gender = "", None
    elif problem == "bad email":
        row.email = draw(st.sampled_from(BAD_EMAILS))
    elif problem == "existing email":
        row.email = EXISTING_EMAIL.upper() if draw(st.booleans()) else EXISTING_EMAIL
    elif problem == "repeated email":
        row.email = draw(st.sampled_from([r.email for r in earlier if r.email])).swapcase()
    elif problem == "long name":
        row.last_name = "L" * draw(st.integers(101, 300))
    elif problem == "long title":
        row.job_title = "T" * draw(st.integers(121, 400))
    elif problem == "existing name":
        row.email, (row.first_name, row.last_name) = "", EXISTING_NAME
    elif problem == "repeated name":
        other = draw(st.sampled_from([r for r in earlier if not r.email]))
        row.email, row.first_name, row.last_name = "", other.first_name.upper(), other.last_name.lower()
    return row


@st.composite
def staff_file(draw):
    """(file bytes, rows written, whether junk was spliced in)."""
    count = draw(st.integers(min_value=1, max_value=12))
    rows: list[Row] = []
    for index in range(count):
        make_bad = draw(st.integers(0, 4)) == 0  # about one row in five is bad
        rows.append(draw(bad_row(index, list(rows)) if make_bad else good_row(index)))

    split_name = draw(st.booleans())
    columns = ["name"] if split_name else ["first_name", "last_name"]
    columns += ["gender"]
    if any(r.email for r in rows) or draw(st.booleans()):
        columns.append("email")
    if any(r.job_title for r in rows) or draw(st.booleans()):
        columns.append("job_title")
    if draw(st.booleans()):
        columns.append("extra")
    columns = draw(st.permutations(columns))
    if split_name:
        # One "Namn" column: the last word is the last name, so a first name needs no other spaces there.
        for row in rows:
            if row.problem == "no first name":  # one word alone is a name without its first part
                row.first_name, row.last_name = "", "".join(row.last_name.split())
            full = " ".join(f"{row.first_name} {row.last_name}".split())
            first, _space, last = full.rpartition(" ")
            if row.problem is None and not first:
                assume(False)
            row.first_name, row.last_name = first, last

    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    text = io.StringIO()
    if draw(st.booleans()) and delimiter != "\t":
        text.write(f"sep={delimiter}\r\n")
    writer = csv.writer(text, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow([draw(st.sampled_from(HEADERS[column])) for column in columns])
    for row in rows:
        if draw(st.integers(0, 6)) == 0:
            writer.writerow([])  # a blank line, as spreadsheets leave them
        cells = {
            "name": f"{row.first_name} {row.last_name}".strip(),
            "first_name": row.first_name,
            "last_name": row.last_name,
            "email": row.email,
            "gender": row.gender_text,
            "job_title": row.job_title,
            "extra": row.extra,
        }
        writer.writerow([draw(padding) + cells[column] + draw(padding) for column in columns])
    data = text.getvalue().encode(encoding)

    junk = draw(st.integers(0, 5)) == 0
    if junk:
        cut = draw(st.integers(0, len(data)))
        spliced = draw(st.one_of(st.just(b""), st.binary(min_size=1, max_size=24)))  # b"": cut short
        data = data[:cut] + spliced + (data[cut:] if spliced else b"")
    note(f"encoding={encoding!r} delimiter={delimiter!r} junk={junk} columns={columns}")
    note(data.decode("latin-1"))
    return data, rows, junk


@pytest.fixture
def importing(client):
    company = CompanyFactory()
    EmployeeFactory(company=company, email=EXISTING_EMAIL, first_name="Finns", last_name="Redan")
    EmployeeFactory(company=company, email="", first_name=EXISTING_NAME[0], last_name=EXISTING_NAME[1])
    client.force_login(company_contact(company))
    return client, company, reverse("projects:staff-import", kwargs={"company_pk": company.pk})


def _staff(company) -> set[tuple]:
    return set(
        Employee.objects.filter(company=company).values_list("first_name", "last_name", "email", "gender", "job_title")
    )


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(generated=staff_file())
def test_a_staff_file_is_saved_whole_or_not_at_all(importing, generated):
    client, company, url = importing
    data, rows, junk = generated
    with transaction.atomic():
        before = _staff(company)
        upload = SimpleUploadedFile("personal.csv", data, content_type="text/csv")
        response = client.post(url, {"file": upload})  # a server error would raise here
        after = _staff(company)
        added = after - before
        event(f"answer {response.status_code}{' (junk)' if junk else ''}")  # --hypothesis-show-statistics
        assert before <= after, "the import changed or removed people already on the list"
        if response.status_code == 302:
            # The message this upload queued is the last one (earlier examples' may still be stored).
            told = [str(m) for m in get_messages(response.wsgi_request)][-1]
            assert re.match(rf"^{len(added)} person", told), f"told {told!r}, saved {len(added)}"
            assert Employee.objects.filter(company=company).count() == len(before) + len(added)
        else:
            # 422: the import's list of problems by line; 200: the form's own message (an empty upload).
            assert response.status_code in (200, 422), response.status_code
            assert "errorlist" in response.content.decode() or "import-errors" in response.content.decode()
            assert after == before, "a refused file left rows behind"
        if not junk:
            if all(row.problem is None for row in rows):
                assert response.status_code == 302, response.content.decode()[-2000:]
                assert added == {row.expected() for row in rows}
            else:
                assert response.status_code == 422
        transaction.set_rollback(True)


def test_the_generated_files_include_good_and_bad_ones():
    """A control on the generator: both outcomes are drawn, so the test above can fail either way."""
    from hypothesis import find

    find(staff_file(), lambda f: not f[2] and all(r.problem is None for r in f[1]) and len(f[1]) > 2)
    find(staff_file(), lambda f: not f[2] and any(r.problem for r in f[1]))
    find(staff_file(), lambda f: f[2])


@pytest.mark.parametrize(
    "data",
    [
        "Förnamn;Efternamn;Kön\r\nAn\x00na;Berg;kvinna\r\n".encode(),
        "Förnamn;Efternamn;Kön\r\nAnna;Berg;kvinna\r\n".encode("utf-16"),  # Excel's "Unicode text"
    ],
)
def test_a_file_with_nul_bytes_is_refused_with_a_message(importing, data):
    client, company, url = importing
    before = _staff(company)
    response = client.post(url, {"file": SimpleUploadedFile("personal.csv", data)})
    assert response.status_code == 422
    assert "Spara den som CSV UTF-8" in response.content.decode()
    assert _staff(company) == before
