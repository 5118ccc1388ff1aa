"""Report files: asked for by a project leader in the admin, or made each month by beat and mailed
to the project's current leaders. A Celery task builds each file and records its progress."""

import datetime
import logging
import tempfile

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from portal.models import User
from portal.tasks_util import enqueue_on_commit

from ..models import Project, ProjectLeader, ReportRun
from ..reminders import monthly_report_schedule
from ..reports import project_report, report_filename, report_summary, write_report_xlsx

logger = logging.getLogger(__name__)

# A run left "running" this long has lost its worker (killed, redeployed); it may be taken again.
STALE_AFTER = datetime.timedelta(minutes=30)


def _in_progress(now):
    return Q(status=ReportRun.Status.PENDING, created__gte=now - STALE_AFTER) | Q(
        status=ReportRun.Status.RUNNING, started_at__gte=now - STALE_AFTER
    )


@transaction.atomic
def report_run_request(*, project: Project, by: User | None, now=None) -> ReportRun:
    """Ask for the project's report as an Excel file, built in the background.

    A run already under way for the project is returned instead of starting another, so a
    second click (or a second leader) waits for the same file.
    """
    now = now or timezone.now()
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one request at a time per project
    running = ReportRun.objects.filter(_in_progress(now), project=project, kind=ReportRun.Kind.ON_DEMAND).first()
    if running:
        return running
    run = ReportRun.objects.create(project=project, requested_by=by, created=now)
    enqueue_on_commit("projects.tasks.build_report", run.pk)
    return run


def report_run_stalled(run: ReportRun, now=None) -> bool:
    """No worker has taken (or finished) the run in STALE_AFTER: the page stops waiting for it."""
    now = now or timezone.now()
    if run.status == ReportRun.Status.PENDING:
        return run.created < now - STALE_AFTER
    return run.status == ReportRun.Status.RUNNING and run.started_at is not None and run.started_at < now - STALE_AFTER


def _claim(run_id: int, now) -> ReportRun | None:
    claimable = Q(status=ReportRun.Status.PENDING) | Q(
        status=ReportRun.Status.RUNNING, started_at__lt=now - STALE_AFTER
    )
    taken = ReportRun.objects.filter(claimable, pk=run_id).update(
        status=ReportRun.Status.RUNNING, started_at=now, progress=0, error=""
    )
    return ReportRun.objects.select_related("project").get(pk=run_id) if taken else None


def report_run_build(*, run_id: int, now=None) -> bool:
    """Build one run's file, recording progress as it goes. Returns whether this call built it.

    Not one transaction: each progress step is committed at once so the page that polls sees it.
    Safe to run twice: a run another worker is building, or that is done, is left alone.
    """
    now = now or timezone.now()
    run = _claim(run_id, now)
    if run is None:
        return False
    try:
        report = project_report(run.project, now=now)
        ReportRun.objects.filter(pk=run.pk).update(rows_total=report.registrations)

        def progress(done: int, total: int) -> None:
            percent = min(99, done * 100 // total) if total else 99
            ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.RUNNING).update(progress=percent)

        with tempfile.TemporaryFile() as handle:
            write_report_xlsx(report, handle, progress=progress)
            handle.seek(0)
            run.file.save(report_filename(report, "xlsx"), File(handle), save=False)
    except Exception as error:  # the page must show that it failed, whatever the cause
        logger.exception("Report run %s failed", run.pk)
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportRun.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        return False
    run.status = ReportRun.Status.DONE
    run.progress = 100
    run.finished_at = timezone.now()
    run.summary = report_summary(report)
    run.save(update_fields=["file", "status", "progress", "finished_at", "summary"])
    return True


def _month_start(now) -> datetime.date:
    today = timezone.localtime(now).date()
    return today.replace(day=1)


def monthly_reports_start(*, now=None) -> list[int]:
    """Start this month's report for every project that has a current leader; returns the run ids.

    One run per project and month (a unique constraint), so a second beat tick or a retry starts
    nothing new; a run whose mail has not been scheduled yet is handed on again.
    """
    now = now or timezone.now()
    month = _month_start(now)
    led = ProjectLeader.objects.current(timezone.localtime(now).date()).filter(user__is_active=True)
    started = []
    for project in Project.objects.filter(pk__in=led.values("project_id")).order_by("pk"):
        try:
            with transaction.atomic():
                run, _ = ReportRun.objects.get_or_create(
                    project=project, kind=ReportRun.Kind.MONTHLY, month=month, defaults={"created": now}
                )
        except IntegrityError:  # made a moment ago by an overlapping run
            continue
        if run.mailed_at is None:
            started.append(run.pk)
    return started


def monthly_report_build_and_send(*, run_id: int, now=None) -> int:
    """Build a monthly run's file and schedule one e-mail with it to each current leader.

    The e-mails go through the portal's reminders, so each leader gets it once, with retries if
    the mail server fails. Returns how many e-mails were scheduled.
    """
    now = now or timezone.now()
    report_run_build(run_id=run_id, now=now)
    run = ReportRun.objects.select_related("project").get(pk=run_id)
    if run.status != ReportRun.Status.DONE:
        return 0
    scheduled = monthly_report_schedule(run=run, now=now)
    if scheduled:
        ReportRun.objects.filter(pk=run.pk, mailed_at__isnull=True).update(mailed_at=now)
    return scheduled


def report_files_purge(*, now=None) -> int:
    """Delete report files older than ReportRun.KEEP_DAYS (they list registrations). On-demand runs go
    entirely; monthly runs keep their row, which records that the month was sent."""
    now = now or timezone.now()
    old = ReportRun.objects.filter(created__lt=now - datetime.timedelta(days=ReportRun.KEEP_DAYS))
    purged = 0
    for run in old.exclude(file="").iterator():
        run.file.delete(save=False)
        purged += 1
    old.filter(kind=ReportRun.Kind.ON_DEMAND).delete()
    old.filter(kind=ReportRun.Kind.MONTHLY).exclude(file="").update(file="")
    return purged
