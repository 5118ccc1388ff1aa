"""The e-mails about registrations, rendered in the recipient's language.

Called from Celery tasks with primary keys; each re-reads the row and sends nothing when the
situation has changed since the task was queued (e.g. cancelled in between).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from portal.calendar import CANCEL, PUBLISH
from portal.links import absolute_url
from portal.mail import Attachment, send_templated_mail

from .calendar import event_ics
from .models import Event, Registration
from .selectors import waitlist_position


def _load(registration_id: int) -> Registration | None:
    """The registration, if it still exists and still has a person to write to."""
    return (
        Registration.objects.select_related("event", "user", "track")
        .filter(pk=registration_id, user__isnull=False)
        .first()
    )


def _send(
    registration: Registration, template: str, *, with_calendar: bool = False, method: str = PUBLISH, **extra
) -> int:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "user": registration.user,
        "event_url": absolute_url(event.get_absolute_url()),
        "my_registrations_url": absolute_url(reverse("events:my-registrations")),
        **extra,
    }
    attachments = []
    if with_calendar:
        with translation.override(registration.user.language):
            ics = event_ics(event, registration=registration, method=method)
        attachments.append(Attachment(f"{event.slug}.ics", ics, "text/calendar"))
    return send_templated_mail(
        to=[registration.user.email],
        template=f"events/email/{template}",
        context=context,
        language=registration.user.language,
        attachments=attachments,
    )


def registration_mail_send(registration_id: int) -> int:
    """Confirmation (with the calendar file) or the waiting-list notice, whichever applies now."""
    registration = _load(registration_id)
    if registration is None or registration.event.is_cancelled:
        return 0
    if registration.status == Registration.Status.CONFIRMED:
        return _send(registration, "registration_confirmed", with_calendar=True)
    if registration.status == Registration.Status.WAITLISTED:
        return _send(registration, "registration_waitlisted", position=waitlist_position(registration))
    return 0


def promotion_mail_send(registration_id: int) -> int:
    registration = _load(registration_id)
    if registration is None or registration.status != Registration.Status.CONFIRMED or registration.event.is_cancelled:
        return 0
    return _send(registration, "registration_promoted", with_calendar=True)


def track_changed_mail_send(registration_id: int) -> int:
    registration = _load(registration_id)
    if registration is None or not registration.is_active or registration.event.is_cancelled:
        return 0
    return _send(registration, "track_changed", with_calendar=registration.status == Registration.Status.CONFIRMED)


def event_cancelled_mail_send(registration_id: int) -> int:
    registration = _load(registration_id)
    if registration is None or not registration.is_active or registration.event.status != Event.Status.CANCELLED:
        return 0
    return _send(registration, "event_cancelled", with_calendar=True, method=CANCEL)


def event_moved_mail_send(registration_id: int) -> int:
    """The new time, with the updated calendar file for those who have a place."""
    registration = _load(registration_id)
    if registration is None or not registration.is_active or registration.event.status != Event.Status.PUBLISHED:
        return 0
    return _send(registration, "event_moved", with_calendar=registration.status == Registration.Status.CONFIRMED)
