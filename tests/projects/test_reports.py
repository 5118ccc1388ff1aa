"""The follow-up report's figures, checked against the hand-worked data set in report_data.py,
and its CSV and Excel files."""

import csv
import datetime
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from projects.models import Employee
from projects.reports import (
    GenderCounts,
    compare,
    gender_chart,
    participants_chart,
    project_report,
    report_csv_lines,
    write_report_xlsx,
)
from tests.factories import CompanyFactory

from . import report_data
from .factories import EmployeeFactory, EnrolmentFactory, OccasionFactory, ProjectFactory

pytestmark = pytest.mark.django_db

W, M, NB = Employee.Gender.WOMAN, Employee.Gender.MAN, Employee.Gender.NON_BINARY


@pytest.fixture
def data():
    return report_data.build()


@pytest.fixture
def report(data):
    return project_report(data["project"], now=report_data.NOW)


def test_targets_are_reached_as_counted_by_hand(report):
    rows = {row.key: (row.reached, row.target, row.percent) for row in report.targets}
    assert rows == {
        "companies": (3, 4, 75),
        "participants": (10, 10, 100),
        "hours": (Decimal("64.0"), 100, 64),
    }


def test_registrations_people_and_accessibility_needs(report):
    assert report.registrations == 15
    assert report.active_registrations == 14
    assert report.registered_people == 11
    assert report.accessibility_needs == 2  # the cancelled registration with needs is not counted


def test_gender_shares_per_company_beside_the_workforce(report):
    rows = {row.name: row for row in report.companies}
    assert list(rows) == ["Alfa Verkstad AB", "Beta Gjuteri AB", "Cesium Plast AB", "Delta Mek AB"]
    alfa, beta, cesium, delta = rows.values()
    assert alfa.participants == GenderCounts(2, 3, 0)
    assert alfa.participants.percents() == [40.0, 60.0, 0.0]
    assert alfa.workforce.percents() == [30.0, 70.0, 0.0]
    assert beta.participants == GenderCounts(1, 3, 0)
    assert beta.gap_points() == [-25.0, 25.0, 0.0]
    assert cesium.participants == GenderCounts(0, 0, 1) and cesium.workforce is None
    assert delta.participants.total == 0 and delta.participants.percents() == [None, None, None]


def test_a_gap_larger_than_the_threshold_is_flagged_and_one_equal_to_it_is_not(report):
    flags = {row.name: row.flagged for row in report.companies}
    assert flags == {
        "Alfa Verkstad AB": (),  # +10 and −10 points: exactly the threshold
        "Beta Gjuteri AB": (W, M),  # −25 and +25
        "Cesium Plast AB": (),  # no workforce to compare with
        "Delta Mek AB": (),  # no participants
    }
    assert [row.name for row in report.flagged_companies] == ["Beta Gjuteri AB"]
    assert report.target("participants").reached == 10


def test_a_lower_threshold_flags_the_company_at_the_edge(data):
    project = data["project"]
    project.gender_gap_threshold = 9
    project.save()
    report = project_report(project, now=report_data.NOW)
    assert {row.name for row in report.flagged_companies} == {"Alfa Verkstad AB", "Beta Gjuteri AB"}
    assert report.all_companies.flagged == (NB,)  # +10 points of non-binary participants


def test_the_project_as_a_whole_against_its_companies_workforce(report):
    total = report.all_companies
    assert total.participants == GenderCounts(3, 6, 1)
    assert total.workforce == GenderCounts(45, 85, 0)
    assert total.gap_points() == [-4.6, -5.4, 10.0]
    assert total.flagged == ()


def test_new_starters_and_leavers_per_month(report):
    assert [(f"{r.month:%Y-%m}", r.starters, r.leavers, r.active, r.started) for r in report.months] == [
        ("2025-01", 6, 1, 5, 6),
        ("2025-02", 0, 3, 2, 6),
        ("2025-03", 6, 0, 8, 12),
        ("2025-04", 0, 7, 1, 12),
        ("2025-05", 0, 0, 1, 12),
        ("2025-06", 1, 0, 2, 13),
    ]


def test_gaps_are_compared_exactly_not_after_rounding():
    # 1 of 3 is 33.33… %, against 23.33… % is 10.000… points: not more than 10.
    gaps, flagged = compare(GenderCounts(1, 2, 0), GenderCounts(7, 23, 0), 10)
    assert gaps[W] == Fraction(10) and flagged == ()
    _, flagged = compare(GenderCounts(1, 2, 0), GenderCounts(69, 231, 0), 10)  # 23.0 %: 10.33 points
    assert flagged == (W, M)


def test_an_empty_project_has_a_report_with_nothing_in_it():
    report = project_report(ProjectFactory(target_companies=5), now=report_data.NOW)
    assert report.registrations == 0 and report.months == [] and report.companies == []
    assert report.target("companies").percent == 0
    assert gender_chart(report) is None and participants_chart(report) is None


def test_the_report_takes_the_same_number_of_queries_however_many_registrations(data):
    project = data["project"]

    def count():
        with CaptureQueriesContext(connection) as queries:
            project_report(project, now=report_data.NOW)
        return len(queries)

    before = count()
    occasion = OccasionFactory(course__project=project)
    for n in range(30):
        company = CompanyFactory(name=f"Extra {n} AB")
        EnrolmentFactory(occasion=occasion, employee=EmployeeFactory(company=company), attended=True, hours=8)
    assert count() == before <= 5


def test_charts_show_the_gender_shares_and_participants_over_time(report):
    bars = str(gender_chart(report))
    assert "Beta Gjuteri AB: deltagare" in bars and "Beta Gjuteri AB: anställda" in bars
    assert "Delta Mek AB" not in bars  # nobody took part: nothing to compare
    assert bars.startswith("<svg") and "<title" in bars and "<desc" in bars
    line = str(participants_chart(report))
    assert "jan. 2025" in line and "juni 2025" in line and "polyline" in line


# --- Files ---------------------------------------------------------------------------------------


def csv_rows(report) -> list[list[str]]:
    text = "".join(report_csv_lines(report))
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def section(rows, heading):
    start = rows.index([heading]) + 1
    end = next((i for i in range(start, len(rows)) if rows[i] == []), len(rows))
    return rows[start:end]


def test_the_csv_has_the_figures_and_one_row_per_registration_without_names(report, data):
    rows = csv_rows(report)
    assert rows[0] == ["Uppföljning", "Uppföljt projekt"]
    targets = section(rows, "Mål och utfall")
    assert targets[1] == ["Företag som nåtts", "3", "4", "75"]
    assert targets[3] == ["Deltagartimmar", "64,0", "100", "64"]
    assert ["Anmälningar med behov av anpassning", "2", "", ""] in targets
    companies = section(rows, "Jämställdhet per företag")
    beta = next(r for r in companies if r[0] == "Beta Gjuteri AB")
    assert beta[1:6] == ["4", "25,0", "75,0", "0,0", "20"]
    assert beta[9:12] == ["-25,0", "25,0", "0,0"]  # a negative number is a number, not a formula
    assert beta[-1] == "Kvinnor, Män"
    months = section(rows, "Per månad")
    assert months[1:] == [
        ["2025-01", "6", "1", "5", "6"],
        ["2025-02", "0", "3", "2", "6"],
        ["2025-03", "6", "0", "8", "12"],
        ["2025-04", "0", "7", "1", "12"],
        ["2025-05", "0", "0", "1", "12"],
        ["2025-06", "1", "0", "2", "13"],
    ]
    registrations = section(rows, "Anmälningar")
    assert registrations[0][:4] == ["Anmälan", "Person (id)", "Företag", "Kön"]
    assert len(registrations) == 1 + 15
    text = "\n".join(";".join(row) for row in rows)
    assert "A1" not in text and "Testsson" not in text and "@" not in text  # no names or addresses
    c2 = next(r for r in registrations[1:] if r[1] == str(data["c2"].pk))
    assert c2[6] == "Avbokad" and c2[8] == "2025-01-20 10:00" and c2[11] == "Ja"


def test_text_that_looks_like_a_formula_is_defused_in_both_files(data):
    company = CompanyFactory(name='=HYPERLINK("http://x")')
    EnrolmentFactory(occasion=data["o2"], employee=EmployeeFactory(company=company), attended=True, hours=4)
    report = project_report(data["project"], now=report_data.NOW)
    rows = csv_rows(report)
    assert any(row[2] == '\'=HYPERLINK("http://x")' for row in rows if len(row) > 2)
    output = io.BytesIO()
    write_report_xlsx(report, output)
    sheet = load_workbook(io.BytesIO(output.getvalue()))["Anmälningar"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == '=HYPERLINK("http://x")']
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_the_excel_file_has_a_sheet_per_table_and_reports_progress(report):
    output = io.BytesIO()
    calls = []
    written = write_report_xlsx(report, output, progress=lambda done, total: calls.append((done, total)), every=4)
    assert written == 15
    assert calls == [(4, 15), (8, 15), (12, 15), (15, 15)]
    workbook = load_workbook(io.BytesIO(output.getvalue()))
    assert workbook.sheetnames == ["Sammanfattning", "Jämställdhet", "Per månad", "Anmälningar"]
    summary = [list(row) for row in workbook["Sammanfattning"].iter_rows(values_only=True)]
    assert ["Deltagartimmar", 64.0, 100, 64] in [list(row) for row in summary]
    gender = list(workbook["Jämställdhet"].iter_rows(values_only=True))
    beta = next(row for row in gender if row[0] == "Beta Gjuteri AB")
    assert beta[1:5] == (4, 25.0, 75.0, 0.0) and beta[-1] == "Kvinnor, Män"
    assert gender[-1][0] == "Alla företag"
    months = list(workbook["Per månad"].iter_rows(values_only=True))
    assert months[4] == ("2025-04", 0, 7, 1, 12)
    assert workbook["Anmälningar"].max_row == 16


def test_hours_in_the_csv_use_a_decimal_comma(report):
    registrations = section(csv_rows(report), "Anmälningar")
    assert {row[10] for row in registrations[1:]} == {"8,0", "4,0", "0,0", ""}


def test_months_run_on_to_the_projects_end_not_past_it(data):
    project = data["project"]
    project.ends_on = datetime.date(2025, 5, 31)
    project.save()
    report = project_report(project, now=report_data.NOW + datetime.timedelta(days=120))
    # Not on to October: the project ended in May. The last two left when O3 ended on 1 July.
    assert f"{report.months[-1].month:%Y-%m}" == "2025-07"  # a3 and b5 leave when O3 ends on 1 July
