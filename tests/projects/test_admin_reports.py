"""The report page in the admin: a leader sees their own projects' reports and files, nobody else's."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from projects.models import ReportRun
from tests.factories import UserFactory, project_leader_user, site_admin

from . import report_data
from .factories import EmployeeFactory, EnrolmentFactory, OccasionFactory, ProjectFactory, lead_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return project_leader_user()


@pytest.fixture
def data(leader):
    built = report_data.build()
    lead_project(leader, built["project"])
    return built


@pytest.fixture
def mine(data):
    return data["project"]


@pytest.fixture
def theirs():
    project = ProjectFactory(name="Annat projekt")
    EnrolmentFactory(occasion=OccasionFactory(course__project=project))
    return project


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


def url(name, *args):
    return reverse(f"admin:projects_project_{name}", args=args)


def test_the_report_page_shows_the_figures_charts_and_tables(leader_client, mine):
    response = leader_client.get(url("report", mine.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Uppföljning: Uppföljt projekt" in html
    assert html.count('<svg class="chart"') == 2 and 'role="img"' in html
    assert "Beta Gjuteri AB" in html and "Kvinnor -25" in html and "Män +25" in html
    assert 'class="flagged"' in html
    assert "<caption" in html and 'scope="row"' in html
    assert "<progress" in html
    assert "<script>" not in html and "style=" not in html.split("<svg")[0]  # nothing inline for the CSP


def test_the_project_form_links_to_its_report(leader_client, mine):
    response = leader_client.get(reverse("admin:projects_project_change", args=[mine.pk]))
    assert url("report", mine.pk) in response.content.decode()


def test_a_leader_cannot_see_another_projects_report_or_files(leader_client, theirs):
    assert leader_client.get(url("report", theirs.pk)).status_code == 404
    assert leader_client.get(url("report_csv", theirs.pk)).status_code == 404
    assert leader_client.post(url("report_xlsx", theirs.pk)).status_code == 404
    assert not ReportRun.objects.exists()


def test_a_leader_cannot_fetch_another_projects_report_file(leader_client, mine, theirs):
    run = ReportRun.objects.create(project=theirs, status=ReportRun.Status.DONE)
    run.file.save("annat.xlsx", io.BytesIO(b"secret"), save=True)
    assert leader_client.get(url("report_file", theirs.pk, run.pk)).status_code == 404
    # Nor by putting their own project in the address.
    assert leader_client.get(url("report_file", mine.pk, run.pk)).status_code == 404
    assert leader_client.get(url("report_run", mine.pk, run.pk), HTTP_HX_REQUEST="true").status_code == 404


def test_a_leader_who_handed_over_no_longer_sees_the_report(client, mine):
    former = project_leader_user()
    leadership = lead_project(former, mine) and mine.leaders.get(user=former)
    leadership.ended_on = leadership.started_on
    leadership.save()
    client.force_login(former)
    assert client.get(url("report", mine.pk)).status_code == 404


def test_staff_without_the_view_permission_are_refused(client, mine):
    clerk = UserFactory(is_staff=True)
    client.force_login(clerk)
    assert client.get(url("report", mine.pk)).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="view_project"))
    assert client.get(url("report", mine.pk)).status_code == 404  # still not one they lead


def test_a_site_administrator_sees_any_projects_report(client, theirs):
    client.force_login(site_admin())
    assert client.get(url("report", theirs.pk)).status_code == 200


def test_the_page_takes_the_same_number_of_queries_however_many_registrations(leader_client, mine, queries_for):
    before = queries_for(leader_client, url("report", mine.pk))
    occasion = OccasionFactory(course__project=mine)
    for _ in range(25):
        EnrolmentFactory(occasion=occasion, employee=EmployeeFactory(), attended=True, hours=8)
    assert queries_for(leader_client, url("report", mine.pk)) == before


def test_the_csv_is_streamed_with_the_report_and_every_registration(leader_client, mine):
    response = leader_client.get(url("report_csv", mine.pk))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="uppfoljning-uppfoljt-projekt-' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    start = rows.index(["Anmälningar"]) + 2
    assert len(rows) - start == 15
    assert ["Företag som nåtts", "3", "4", "75"] in rows


def test_asking_for_excel_builds_the_file_and_offers_it(
    leader_client, leader, mine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = leader_client.post(url("report_xlsx", mine.pk))
    run = ReportRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#run-{run.pk}")
    assert (run.status, run.progress, run.rows_total, run.requested_by) == ("done", 100, 15, leader)
    page = leader_client.get(url("report", mine.pk)).content.decode()
    assert url("report_file", mine.pk, run.pk) in page
    download = leader_client.get(url("report_file", mine.pk, run.pk))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook["Anmälningar"].max_row == 16


def test_asking_for_excel_needs_a_post(leader_client, mine):
    assert leader_client.get(url("report_xlsx", mine.pk)).status_code == 405


def test_a_second_click_while_the_file_is_being_made_starts_no_second_build(leader_client, mine):
    leader_client.post(url("report_xlsx", mine.pk))  # not committed in this test: the task never runs
    leader_client.post(url("report_xlsx", mine.pk))
    assert ReportRun.objects.count() == 1


def test_the_progress_fragment_polls_until_the_file_is_there(leader_client, mine):
    run = ReportRun.objects.create(project=mine, status=ReportRun.Status.RUNNING, progress=40)
    address = url("report_run", mine.pk, run.pk)
    fragment = leader_client.get(address, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and f'hx-get="{address}"' in fragment
    assert '<progress max="100" value="40"' in fragment and "40 % klart" in fragment

    run.status, run.progress = ReportRun.Status.DONE, 100
    run.file.save("klar.xlsx", io.BytesIO(b"x"), save=False)
    run.save()
    fragment = leader_client.get(address, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "<progress" not in fragment
    assert url("report_file", mine.pk, run.pk) in fragment


def test_a_failed_build_says_so(leader_client, mine):
    run = ReportRun.objects.create(project=mine, status=ReportRun.Status.FAILED, error="OSError: disk full")
    fragment = leader_client.get(url("report_run", mine.pk, run.pk), HTTP_HX_REQUEST="true").content.decode()
    assert "kunde inte skapas" in fragment and "hx-trigger" not in fragment
    assert "disk full" not in fragment  # details are for the logs, not the page
    assert leader_client.get(url("report_file", mine.pk, run.pk)).status_code == 404


def test_a_file_no_worker_took_stops_the_waiting_and_may_be_asked_for_again(leader_client, mine):
    run = ReportRun.objects.create(project=mine, created=timezone.now() - datetime.timedelta(hours=1))
    fragment = leader_client.get(url("report_run", mine.pk, run.pk), HTTP_HX_REQUEST="true").content.decode()
    assert "inte blivit klar" in fragment and "hx-trigger" not in fragment
    leader_client.post(url("report_xlsx", mine.pk))
    assert ReportRun.objects.count() == 2


def test_the_progress_address_without_htmx_leads_back_to_the_page(leader_client, mine):
    run = ReportRun.objects.create(project=mine)
    response = leader_client.get(url("report_run", mine.pk, run.pk))
    assert response.status_code == 302 and response["Location"].endswith(f"#run-{run.pk}")


def test_a_leader_sets_the_reminder_days_and_the_gender_threshold(leader_client, mine):
    from .test_admin import form_data

    address = reverse("admin:projects_project_change", args=[mine.pk])
    data = form_data(leader_client.get(address))
    data.update(reminder_days="7, 1", gender_gap_threshold="15")
    assert leader_client.post(address, data).status_code == 302
    mine.refresh_from_db()
    assert (mine.reminder_days, mine.gender_gap_threshold) == ("7, 1", 15)
    assert [offset.days for offset in mine.reminder_offsets] == [7, 1]

    data["reminder_days"] = "tre"
    response = leader_client.post(address, data)
    assert response.status_code == 200 and "reminder_days" in response.context["adminform"].form.errors
