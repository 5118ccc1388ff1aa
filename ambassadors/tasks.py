"""Thin Celery wrappers around the services; each takes primary keys and is safe to run twice."""

from celery import shared_task

from . import invitation_mail, notifications, services


@shared_task(acks_late=True, outbox=True)
def send_visit_event_mail(event_id: int) -> int:
    return notifications.visit_event_notify(event_id=event_id)


@shared_task(acks_late=True, outbox=True)
def send_profile_change_submitted_mail(change_id: int) -> int:
    return notifications.profile_change_submitted_notify(change_id=change_id)


@shared_task(acks_late=True, outbox=True)
def send_profile_change_decided_mail(change_id: int) -> int:
    return notifications.profile_change_decided_notify(change_id=change_id)


@shared_task(acks_late=True, outbox=True)
def send_consent_withdrawn_mail(consent_id: int) -> int:
    return notifications.consent_withdrawn_notify(consent_id=consent_id)


@shared_task(acks_late=True)
def pick_featured_ambassador() -> int | None:
    """Beat task: make sure this week has its 'Veckans yrkesambassadör'. Runs daily so that a
    missed Monday is caught up; after the week's pick it changes nothing."""
    feature = services.featured_pick()
    return feature.ambassador_id if feature else None


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_account_invitation_mail(ambassador_id: int) -> int:
    return invitation_mail.account_invitation_notify(ambassador_id=ambassador_id)
