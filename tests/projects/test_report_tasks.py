"""Report files built by Celery tasks, the monthly e-mail to project leaders, and old files purged."""

import datetime
import io
import time

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from openpyxl import load_workbook

from portal.models import Reminder
from portal.reminders import reminders_send_due
from projects import reminders as course_reminders
from projects.models import ReportRun
from projects.services.report_runs import (
    STALE_AFTER,
    monthly_reports_start,
    report_files_purge,
    report_run_build,
    report_run_request,
)
from projects.tasks import build_report, send_monthly_reports
from tests.factories import UserFactory

from . import report_data
from .factories import ProjectLeaderFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def project(db):
    return report_data.build()["project"]


@pytest.mark.django_db
def test_building_records_progress_and_ends_with_the_file(project, monkeypatch):
    import projects.services.report_runs as runs

    seen = []
    real = runs.write_report_xlsx

    def spy(report, output, *, progress):
        def record(done, total):
            progress(done, total)
            seen.append(ReportRun.objects.get().progress)

        return real(report, output, progress=record, every=5)

    monkeypatch.setattr(runs, "write_report_xlsx", spy)
    run = ReportRun.objects.create(project=project)
    assert report_run_build(run_id=run.pk) is True
    assert seen == [33, 66, 99, 99]  # never 100 before the file is saved
    run.refresh_from_db()
    assert (run.status, run.progress, run.rows_total) == ("done", 100, 15)
    assert run.summary["registrations"] == 15 and run.summary["flagged_companies"] == ["Beta Gjuteri AB"]
    assert load_workbook(run.file.open("rb"))["Anmälningar"].max_row == 16


@pytest.mark.django_db
def test_a_run_is_built_once_even_if_the_task_runs_twice(project):
    run = ReportRun.objects.create(project=project)
    assert report_run_build(run_id=run.pk) is True
    assert report_run_build(run_id=run.pk) is False
    run.refresh_from_db()
    assert run.status == "done"


@pytest.mark.django_db
def test_a_run_whose_worker_died_is_taken_again_later(project):
    now = timezone.now()
    run = ReportRun.objects.create(project=project, status=ReportRun.Status.RUNNING, started_at=now)
    assert report_run_build(run_id=run.pk, now=now + datetime.timedelta(minutes=5)) is False  # still running
    assert report_run_build(run_id=run.pk, now=now + STALE_AFTER + datetime.timedelta(minutes=1)) is True


@pytest.mark.django_db
def test_a_failing_build_ends_as_failed_with_the_reason(project, monkeypatch):
    import projects.services.report_runs as runs

    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(runs, "write_report_xlsx", broken)
    run = ReportRun.objects.create(project=project)
    assert report_run_build(run_id=run.pk) is False
    run.refresh_from_db()
    assert run.status == "failed" and "No space left" in run.error and run.finished_at


@pytest.mark.redis
def test_the_report_task_runs_on_a_real_worker_and_the_run_shows_progress_to_done(celery_worker_app):
    project = report_data.build()["project"]
    leader = UserFactory()
    run = report_run_request(project=project, by=leader)  # committed: the worker gets it on commit
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_finished:
            break
        time.sleep(0.2)
    assert (run.status, run.progress, run.rows_total) == ("done", 100, 15)
    assert load_workbook(run.file.open("rb"))["Jämställdhet"]["A1"].value == "Företag"
    # Asked again through the task directly: the worker leaves a finished run alone.
    assert build_report.delay(run.pk).get(timeout=20) is False


# --- The monthly e-mail ------------------------------------------------------------------------------


@pytest.fixture
def leaders(project):
    current = ProjectLeaderFactory(project=project, user__email="ledare@projekt.example", user__language="en").user
    former = ProjectLeaderFactory(
        project=project,
        user__email="tidigare@projekt.example",
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 1, 1),
    ).user
    return current, former


@pytest.mark.django_db
def test_each_current_leader_gets_the_monthly_report_once_with_the_file_attached(project, leaders, mailoutbox):
    current, former = leaders
    assert send_monthly_reports.delay().get() == 1
    assert reminders_send_due(now=timezone.now() + datetime.timedelta(minutes=1)) == 1
    (message,) = mailoutbox
    assert message.to == [current.email]
    assert "Uppföljt projekt" in message.subject
    assert "64" in message.body and "Beta Gjuteri AB" in message.body
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    (filename, content, mimetype) = message.attachments[0]
    assert filename.startswith("uppfoljning-uppfoljt-projekt-") and filename.endswith(".xlsx")
    assert mimetype == XLSX
    assert load_workbook(io.BytesIO(content))["Anmälningar"].max_row == 16
    assert Reminder.objects.get(kind=course_reminders.MONTHLY_REPORT).language == "en"

    # Beat fires again the same month (or the task is retried): nothing more is sent.
    assert send_monthly_reports.delay().get() == 0
    assert reminders_send_due(now=timezone.now() + datetime.timedelta(minutes=2)) == 0
    assert len(mailoutbox) == 1
    assert ReportRun.objects.get().mailed_at is not None


@pytest.mark.django_db
def test_projects_without_a_current_leader_get_no_monthly_report(project):
    assert monthly_reports_start() == []
    assert not ReportRun.objects.exists()


@pytest.mark.django_db
def test_a_leader_who_hands_over_before_sending_does_not_get_it(project, leaders, mailoutbox):
    current, _ = leaders
    send_monthly_reports.delay()
    project.leaders.filter(user=current).update(
        ended_on=datetime.date(2020, 6, 1), started_on=datetime.date(2020, 1, 1)
    )
    assert reminders_send_due(now=timezone.now() + datetime.timedelta(minutes=1)) == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_monthly_and_purge_tasks_are_scheduled_in_beat():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # post_migrate creates the schedules
    monthly = PeriodicTask.objects.get(task="projects.tasks.send_monthly_reports")
    assert (monthly.crontab.day_of_month, monthly.crontab.hour, monthly.crontab.minute) == ("1", "6", "0")
    assert PeriodicTask.objects.filter(task="projects.tasks.purge_report_files").exists()


@pytest.mark.django_db
def test_old_report_files_are_deleted(project):
    old = timezone.now() - datetime.timedelta(days=ReportRun.KEEP_DAYS + 1)
    on_demand = ReportRun.objects.create(project=project, status=ReportRun.Status.DONE, created=old)
    on_demand.file.save("gammal.xlsx", io.BytesIO(b"x"), save=True)
    monthly = ReportRun.objects.create(
        project=project, kind=ReportRun.Kind.MONTHLY, month=datetime.date(2025, 1, 1), status="done", created=old
    )
    monthly.file.save("manad.xlsx", io.BytesIO(b"x"), save=True)
    fresh = ReportRun.objects.create(project=project, status=ReportRun.Status.DONE)
    fresh.file.save("ny.xlsx", io.BytesIO(b"x"), save=True)
    storage = fresh.file.storage
    old_names = [on_demand.file.name, monthly.file.name]

    assert report_files_purge() == 2
    assert not any(storage.exists(name) for name in old_names)
    assert storage.exists(fresh.file.name)
    assert list(ReportRun.objects.order_by("pk").values_list("pk", "file")) == [
        (monthly.pk, ""),  # kept: it records that the month was sent
        (fresh.pk, fresh.file.name),
    ]
