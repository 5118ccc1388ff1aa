"""Celery tasks: thin wrappers that take primary keys, so they can be queued on commit."""

from celery import shared_task

from . import notifications, services


@shared_task(acks_late=True, outbox=True)
def send_registration_mail(registration_id: int) -> int:
    return notifications.registration_mail_send(registration_id)


@shared_task(acks_late=True, outbox=True)
def send_promotion_mail(registration_id: int) -> int:
    return notifications.promotion_mail_send(registration_id)


@shared_task(acks_late=True, outbox=True)
def send_track_changed_mail(registration_id: int) -> int:
    return notifications.track_changed_mail_send(registration_id)


@shared_task(acks_late=True, outbox=True)
def send_event_cancelled_mail(registration_id: int) -> int:
    return notifications.event_cancelled_mail_send(registration_id)


@shared_task(acks_late=True, outbox=True)
def send_event_moved_mail(registration_id: int) -> int:
    return notifications.event_moved_mail_send(registration_id)


@shared_task(acks_late=True)
def erase_needs_after_events() -> int:
    """Daily: erase dietary and accessibility needs of events that are over (safe to run twice)."""
    return services.registrations_erase_needs()
