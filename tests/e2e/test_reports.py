"""A project leader opens the follow-up report in the admin, downloads the CSV and watches the
Excel file's progress bar fill (htmx polling, no inline script) until the download link appears."""

import io

import pytest
from playwright.sync_api import expect

from projects.models import ReportRun
from tests.factories import project_leader_user
from tests.projects import report_data
from tests.projects.factories import lead_project

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def leader_and_project():
    leader = project_leader_user(email="ledare@projekt.example")
    project = report_data.build()["project"]
    lead_project(leader, project)
    return leader, project


def test_a_leader_reads_the_report_and_gets_the_excel_file_when_it_is_ready(
    page, sign_in, check_a11y, leader_and_project
):
    leader, project = leader_and_project
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    sign_in(leader.email)

    page.goto(f"/admin/projects/project/{project.pk}/change/")
    page.get_by_role("link", name="Uppföljning").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning: Uppföljt projekt")
    expect(page.get_by_role("img", name="Könsfördelning per företag")).to_be_visible()
    expect(page.get_by_role("img", name="Deltagare över tid")).to_be_visible()
    expect(page.get_by_role("row", name="Beta Gjuteri AB")).to_contain_text("Kvinnor -25")
    check_a11y(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som CSV").click()
    assert download.value.suggested_filename.startswith("uppfoljning-uppfoljt-projekt-")

    # A file that a worker is still building: the page polls its progress.
    run = ReportRun.objects.create(
        project=project, requested_by=leader, status=ReportRun.Status.RUNNING, progress=30, rows_total=15
    )
    page.reload()
    bar = page.locator(f"#run-{run.pk} progress")
    expect(bar).to_have_attribute("value", "30")
    check_a11y(page)
    ReportRun.objects.filter(pk=run.pk).update(progress=70)
    expect(bar).to_have_attribute("value", "70", timeout=5_000)
    run.refresh_from_db()
    run.file.save("uppfoljning-uppfoljt-projekt.xlsx", io.BytesIO(b"PK"), save=False)
    run.status, run.progress = ReportRun.Status.DONE, 100
    run.save()
    link = page.get_by_role("link", name="Ladda ner Excel-filen")
    expect(link).to_be_visible(timeout=5_000)
    expect(page.locator(f"#run-{run.pk} progress")).to_have_count(0)
    check_a11y(page)
    assert not [error for error in console_errors if "Content Security Policy" in error]
