"""Celery tasks of the projects app: thin wrappers that take primary keys and call the services."""

from celery import shared_task

from . import notifications, participation_mail
from .services import project_settings, report_runs


@shared_task(acks_late=True, outbox=True)
def send_enrolment_notices(enrolment_ids: list[int]) -> int:
    return notifications.enrolment_notices_send(enrolment_ids=enrolment_ids)


@shared_task(acks_late=True, outbox=True)
def send_promotion_notice(enrolment_id: int) -> int:
    return notifications.promotion_notice_send(enrolment_id=enrolment_id)


@shared_task(acks_late=True, outbox=True)
def send_cancellation_notice(enrolment_id: int) -> int:
    return notifications.cancellation_notice_send(enrolment_id=enrolment_id)


@shared_task(acks_late=True, outbox=True)
def send_occasion_changed_notices(occasion_id: int, enrolment_ids: list[int]) -> int:
    return notifications.occasion_changed_notices_send(occasion_id=occasion_id, enrolment_ids=enrolment_ids)


@shared_task(acks_late=True)
def sync_project_reminders(project_id: int) -> int:
    """After a project's reminder days changed: its coming occasions' reminders follow."""
    return project_settings.project_reminders_sync(project_id=project_id)


@shared_task(acks_late=True)
def build_report(run_id: int) -> bool:
    """A report file asked for in the admin; the page polls the run's progress."""
    return report_runs.report_run_build(run_id=run_id)


@shared_task(acks_late=True)
def send_monthly_reports() -> int:
    """Monthly from beat: one task per project, so a large project does not hold up the others."""
    run_ids = report_runs.monthly_reports_start()
    for run_id in run_ids:
        send_monthly_report.delay(run_id)
    return len(run_ids)


@shared_task(acks_late=True)
def send_monthly_report(run_id: int) -> int:
    return report_runs.monthly_report_build_and_send(run_id=run_id)


@shared_task(acks_late=True)
def purge_report_files() -> int:
    return report_runs.report_files_purge()


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_participation_request_mail(participation_id: int) -> int:
    return participation_mail.participation_request_notify(participation_id=participation_id)
