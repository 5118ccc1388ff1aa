from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from .outbox import outbox_send_due
from .privacy import participant_data_expire
from .reminders import reminders_send_due


@shared_task(acks_late=True)
def purge_expired_sessions() -> int:
    """Delete expired sessions (personal data kept no longer than needed); safe to run twice."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(acks_late=True)
def send_due_reminders() -> int:
    """Every minute from beat. Claims due rows with skip-locked and marks each sent in its own
    transaction, so a retry or an overlapping run sends nothing twice."""
    return reminders_send_due()


@shared_task(acks_late=True)
def expire_participant_data() -> dict[str, int]:
    """Nightly: anonymise participants' data of projects that ended long enough ago; safe to run twice."""
    return participant_data_expire()


@shared_task(acks_late=True)
def send_outbox(ids: list[int] | None = None) -> int:
    """Every minute from beat (all due rows), and kicked after each commit that owes mail (its
    rows): sends from the outbox (portal.outbox). Rows are claimed with skip-locked, so overlapping
    runs send nothing twice."""
    return outbox_send_due(only=ids)
