import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from projects.models import Employee
from projects.services.staff import staff_import
from projects.staff_import import StaffFileInvalid
from tests.factories import CompanyFactory

from .factories import EmployeeFactory

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    ["Förnamn", "Efternamn", "E-post", "Kön", "Befattning"],
    ["Åsa", "Öberg", "asa.oberg@verkstaden.example", "Kvinna", "Mättekniker"],
    ["Jörgen", "Ärlig", "jorgen@verkstaden.example", "man", "Svetsare"],
    ["Kim", "Lund", "", "icke-binär", ""],
]


def csv_file(rows, *, delimiter=";", encoding="utf-8", bom=False, name="personal.csv", prefix=""):
    text = prefix + "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(rows, name="personal.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def messages_of(error):
    return [str(e) for e in error.value.errors]


@pytest.fixture
def company():
    return CompanyFactory()


@pytest.mark.parametrize(
    "upload",
    [
        pytest.param(lambda: csv_file(GOOD_ROWS), id="utf-8, semicolons"),
        pytest.param(lambda: csv_file(GOOD_ROWS, bom=True), id="utf-8 with BOM"),
        pytest.param(lambda: csv_file(GOOD_ROWS, encoding="cp1252"), id="windows-1252"),
        pytest.param(lambda: csv_file(GOOD_ROWS, delimiter=","), id="commas"),
        pytest.param(lambda: csv_file(GOOD_ROWS, prefix="sep=;\r\n"), id="excel sep line"),
        pytest.param(lambda: xlsx_file(GOOD_ROWS), id="xlsx"),
    ],
)
def test_files_as_excel_writes_them_are_imported(company, upload):
    created = staff_import(company=company, uploaded_file=upload())
    assert len(created) == 3
    asa = Employee.objects.get(company=company, email="asa.oberg@verkstaden.example")
    assert (asa.first_name, asa.last_name, asa.gender, asa.job_title) == (
        "Åsa",
        "Öberg",
        "woman",
        "Mättekniker",
    )
    kim = Employee.objects.get(company=company, first_name="Kim")
    assert (kim.gender, kim.email) == ("non_binary", "")


def test_a_single_name_column_is_split_into_first_and_last_name(company):
    rows = [["Namn", "Kön"], ["Anna Karin Svensson", "K"]]
    staff_import(company=company, uploaded_file=csv_file(rows))
    person = Employee.objects.get(company=company)
    assert (person.first_name, person.last_name) == ("Anna Karin", "Svensson")


def test_extra_columns_and_blank_lines_are_ignored(company):
    rows = [
        ["Anställningsnr", "Förnamn", "Efternamn", "Kön"],
        ["17", "Ola", "Ek", "M"],
        ["", "", "", ""],
        ["18", "Eva", "Ek", "K"],
    ]
    assert len(staff_import(company=company, uploaded_file=csv_file(rows))) == 2


def test_every_bad_row_is_reported_by_line_number_and_nothing_is_saved(company):
    EmployeeFactory(company=company, email="finns@verkstaden.example")
    rows = [
        ["Förnamn", "Efternamn", "E-post", "Kön"],
        ["Ok", "Person", "ok@verkstaden.example", "kvinna"],  # line 2: fine
        ["", "Utan förnamn", "a@verkstaden.example", "man"],  # line 3
        ["Fel", "Adress", "inte-en-adress", "man"],  # line 4
        ["Okänt", "Kön", "b@verkstaden.example", "vet ej"],  # line 5
        ["Dubbel", "Rad", "ok@verkstaden.example", "man"],  # line 6: same as line 2
        ["Redan", "Anställd", "finns@verkstaden.example", "man"],  # line 7: already on staff
        ["Saknar", "Kön", "c@verkstaden.example", ""],  # line 8
    ]
    with pytest.raises(StaffFileInvalid) as error:
        staff_import(company=company, uploaded_file=csv_file(rows))
    messages = messages_of(error)
    assert messages == [
        "Rad 3: Förnamn saknas.",
        "Rad 4: E-postadressen ”inte-en-adress” är inte giltig.",
        "Rad 5: Okänt värde för kön: ”vet ej”. Skriv kvinna, man eller icke-binär.",
        "Rad 6: E-postadressen ok@verkstaden.example finns redan på rad 2.",
        "Rad 7: finns@verkstaden.example finns redan i personallistan.",
        "Rad 8: Kön saknas.",
    ]
    assert Employee.objects.filter(company=company).count() == 1  # only the one from before


def test_line_numbers_count_the_rows_of_an_xlsx_sheet(company):
    rows = [["Förnamn", "Efternamn", "Kön"], ["Ada", "Berg", "kvinna"], ["Bo", "", "man"]]
    with pytest.raises(StaffFileInvalid) as error:
        staff_import(company=company, uploaded_file=xlsx_file(rows))
    assert messages_of(error) == ["Rad 3: Efternamn saknas."]


def test_duplicate_names_without_e_mail_are_caught(company):
    rows = [["Förnamn", "Efternamn", "Kön"], ["Ada", "Berg", "kvinna"], ["ada", "berg", "kvinna"]]
    with pytest.raises(StaffFileInvalid) as error:
        staff_import(company=company, uploaded_file=csv_file(rows))
    assert messages_of(error) == ["Rad 3: ada berg finns redan på rad 2."]


def test_the_same_address_at_another_company_is_no_duplicate(company):
    EmployeeFactory(email="delad@example.se")
    rows = [["Förnamn", "Efternamn", "E-post", "Kön"], ["Ada", "Berg", "Delad@Example.se", "kvinna"]]
    (person,) = staff_import(company=company, uploaded_file=csv_file(rows))
    assert person.email == "delad@example.se"


def test_missing_required_columns_are_named(company):
    with pytest.raises(StaffFileInvalid) as error:
        staff_import(company=company, uploaded_file=csv_file([["E-post", "Befattning"], ["a@b.se", "Chef"]]))
    assert messages_of(error) == [
        "Rad 1: Kolumnerna Förnamn och Efternamn (eller Namn) saknas i första raden.",
        "Rad 1: Kolumnen Kön saknas i första raden.",
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("tom.csv", b""), "Filen är tom."),
        (
            lambda: csv_file([["Förnamn", "Efternamn", "Kön"]]),
            "Filen innehåller inga anställda, bara rubrikraden.",
        ),
        (
            lambda: SimpleUploadedFile("trasig.xlsx", b"PK\x03\x04 inte en riktig zip"),
            "Excel-filen gick inte att öppna.",
        ),
        (
            lambda: SimpleUploadedFile("gammal.xls", b"\xd0\xcf\x11\xe0 binary"),
            "Spara filen som .xlsx eller .csv och försök igen.",
        ),
    ],
)
def test_unreadable_files_get_a_clear_message(company, upload, message):
    with pytest.raises(StaffFileInvalid) as error:
        staff_import(company=company, uploaded_file=upload())
    assert messages_of(error) == [message]


def test_a_too_large_file_is_refused(company, monkeypatch):
    monkeypatch.setattr("projects.staff_import.MAX_BYTES", 100)
    with pytest.raises(StaffFileInvalid) as error:
        staff_import(company=company, uploaded_file=csv_file(GOOD_ROWS * 5))
    assert "för stor" in messages_of(error)[0]
