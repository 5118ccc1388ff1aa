"""Celery tasks of the projects app: thin wrappers that take primary keys and call `notifications`."""

from celery import shared_task

from . import notifications


@shared_task(acks_late=True)
def send_enrolment_notices(enrolment_ids: list[int]) -> int:
    return notifications.enrolment_notices_send(enrolment_ids=enrolment_ids)


@shared_task(acks_late=True)
def send_promotion_notice(enrolment_id: int) -> int:
    return notifications.promotion_notice_send(enrolment_id=enrolment_id)


@shared_task(acks_late=True)
def send_cancellation_notice(enrolment_id: int) -> int:
    return notifications.cancellation_notice_send(enrolment_id=enrolment_id)
