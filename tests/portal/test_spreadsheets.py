import csv
import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from portal.spreadsheets import csv_response, defuse, xlsx_table_bytes


def test_csv_is_for_swedish_excel_and_keeps_formula_like_text_as_text():
    rows = [
        ["Namn", "Timmar", "Tid", "Skillnad"],
        ['=HYPERLINK("x")', Decimal("7.5"), datetime.datetime(2026, 4, 16, 9, 0), Decimal("-12.5")],
    ]
    response = csv_response(rows, filename="x.csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert parsed[1] == ['\'=HYPERLINK("x")', "7,5", "2026-04-16 09:00", "-12,5"]  # a negative number is no formula
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_xlsx_has_a_bold_header_and_stores_formula_like_text_as_text():
    content = xlsx_table_bytes([["Namn", "Timmar"], ["=SUM(A1)", Decimal(4)]], title="Deltagare")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Deltagare"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "=SUM(A1)" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 4


def test_defuse_touches_only_text():
    assert defuse(["+46 70", "-", 5, -3, None]) == ["'+46 70", "'-", 5, -3, None]
