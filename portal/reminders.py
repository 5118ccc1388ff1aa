"""One mechanism for every reminder the portal sends.

Apps schedule reminders from their services with `reminders_schedule` (one row per recipient and
offset), move them with `reminders_reschedule` when the anchor moves (an event is moved) and stop them
with `reminders_cancel`; or, after any change, make them match what is true now with `reminders_sync`.
They also register, per kind, a builder that turns a due row into an e-mail.

`reminders_send_due` (run every minute by beat) claims one due row at a time with
`SELECT ... FOR UPDATE SKIP LOCKED`, sends it, and marks it sent before the transaction ends. So:
- two workers never take the same row (the second skips the locked one);
- a retry or a second run finds the row already sent;
- a worker killed before the commit leaves the row pending, and the next run sends it.
SMTP failures are retried with back-off and end as FAILED, visible in the admin, after a limit.
"""

import datetime
import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from .mail import Attachment, send_templated_mail
from .models import Reminder

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = getattr(settings, "REMINDER_MAX_ATTEMPTS", 5)
RETRY_BASE = datetime.timedelta(minutes=2)


@dataclass
class ReminderMessage:
    template: str
    context: dict
    attachments: list[Attachment] = field(default_factory=list)


# kind -> builder(reminder) -> ReminderMessage, or None when the reminder no longer applies
Builder = Callable[[Reminder], ReminderMessage | None]
_builders: dict[str, Builder] = {}


def register(kind: str) -> Callable[[Builder], Builder]:
    def decorator(builder: Builder) -> Builder:
        _builders[kind] = builder
        return builder

    return decorator


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = "sv"


def reminders_schedule(
    *,
    target: models.Model,
    kind: str,
    anchor: datetime.datetime,
    offsets: Iterable[datetime.timedelta],
    recipients: Iterable[Recipient],
    now: datetime.datetime | None = None,
) -> list[Reminder]:
    """Create the pending reminders for a target; those already due when scheduled are skipped,
    and scheduling the same reminder again changes nothing.

    A reminder that was cancelled (a registration cancelled, an offset dropped) comes back when it
    is scheduled again, at the new time; one already sent or failed stays as it is.
    """
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(target)
    created = []
    for recipient in {r for r in recipients if r.email}:
        for offset in offsets:
            due = anchor - offset
            if due <= now:
                continue
            try:
                with transaction.atomic():
                    reminder, made = Reminder.objects.get_or_create(
                        kind=kind, content_type=content_type, object_id=target.pk,
                        recipient=recipient.email.lower(), offset=offset,
                        defaults={"language": recipient.language, "due_at": due, "next_attempt_at": due},
                    )
                    if not made and reminder.status == Reminder.Status.CANCELLED:
                        made = _reactivate(reminder, due=due, language=recipient.language)
            except IntegrityError:  # scheduled at the same moment by another request
                continue
            if made:
                created.append(reminder)
    return created


def _reactivate(reminder: Reminder, *, due: datetime.datetime, language: str) -> bool:
    # Only a row still cancelled is taken back (the update re-checks it), so a concurrent change wins.
    taken = Reminder.objects.filter(pk=reminder.pk, status=Reminder.Status.CANCELLED).update(
        status=Reminder.Status.PENDING, due_at=due, next_attempt_at=due, language=language,
        attempts=0, last_error="", sent_at=None,
    )
    if taken:
        reminder.refresh_from_db()
    return bool(taken)


def reminders_sync(
    *,
    target: models.Model,
    kind: str,
    anchor: datetime.datetime,
    offsets: Iterable[datetime.timedelta],
    recipients: Iterable[Recipient],
    now: datetime.datetime | None = None,
) -> None:
    """Make a target's pending reminders of one kind match what is true now: these recipients,
    these offsets, this anchor. For a service to call after any change (an event moved, its
    offsets edited, the people to remind changed) without working out what exactly changed.

    Pending rows for someone no longer listed, or for an offset no longer wanted, are cancelled;
    the rest move with the anchor, and one whose new time has already passed is cancelled (as
    `reminders_schedule` skips it). A row whose time does not change is left alone, even when it
    is due and waiting for the next run. Missing rows are scheduled.
    """
    now = now or timezone.now()
    offsets = set(offsets)
    wanted = {r.email.lower(): r for r in recipients if r.email}
    cancelled, changed = [], []
    for reminder in _pending_for(target, kind).select_for_update():
        recipient = wanted.get(reminder.recipient)
        due = anchor - reminder.offset
        moved = due != reminder.due_at
        if recipient is None or reminder.offset not in offsets or (moved and due <= now):
            cancelled.append(reminder.pk)
            continue
        if moved or reminder.language != recipient.language:
            if moved:
                reminder.due_at = reminder.next_attempt_at = due
                reminder.attempts = 0
            reminder.language = recipient.language
            changed.append(reminder)
    # In bulk: moving an event with a hundred participants is a few queries, not hundreds.
    Reminder.objects.filter(pk__in=cancelled).update(status=Reminder.Status.CANCELLED)
    Reminder.objects.bulk_update(changed, ["due_at", "next_attempt_at", "attempts", "language"], batch_size=500)
    # Only what is missing (never made, or cancelled) goes through reminders_schedule.
    settled = set(
        _rows_for(target, kind).exclude(status=Reminder.Status.CANCELLED).values_list("recipient", "offset")
    )
    for email, recipient in wanted.items():
        missing = [offset for offset in offsets if (email, offset) not in settled]
        if missing:
            reminders_schedule(target=target, kind=kind, anchor=anchor, offsets=missing, recipients=[recipient],
                               now=now)


def _rows_for(target: models.Model, kind: str | None = None):
    rows = Reminder.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    return rows.filter(kind=kind) if kind else rows


def _pending_for(target: models.Model, kind: str | None = None):
    return _rows_for(target, kind).filter(status=Reminder.Status.PENDING)


def reminders_reschedule(*, target: models.Model, anchor: datetime.datetime, kind: str | None = None) -> int:
    """The anchor moved (an event moved): every pending reminder moves with it."""
    moved = 0
    for reminder in _pending_for(target, kind).select_for_update():
        reminder.due_at = reminder.next_attempt_at = anchor - reminder.offset
        reminder.attempts = 0
        reminder.save(update_fields=["due_at", "next_attempt_at", "attempts"])
        moved += 1
    return moved


def reminders_cancel(*, target: models.Model, kind: str | None = None, recipient: str | None = None) -> int:
    rows = _pending_for(target, kind)
    if recipient:
        rows = rows.filter(recipient=recipient.lower())
    return rows.update(status=Reminder.Status.CANCELLED)


def _claim_next(now: datetime.datetime) -> Reminder | None:
    return (
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(status=Reminder.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .first()
    )


def _deliver(reminder: Reminder, connection) -> bool:
    """Send one claimed reminder. False when its builder says it no longer applies."""
    builder = _builders.get(reminder.kind)
    if builder is None:
        raise LookupError(f"no builder registered for reminder kind {reminder.kind!r}")
    message = builder(reminder)
    if message is None:
        return False
    send_templated_mail(
        to=[reminder.recipient],
        template=message.template,
        context=message.context,
        language=reminder.language,
        attachments=message.attachments,
        connection=connection,
    )
    return True


def reminders_send_due(*, now: datetime.datetime | None = None, limit: int | None = None) -> int:
    """Send every reminder due by `now`; returns how many were sent. Safe to run concurrently and twice."""
    now = now or timezone.now()
    sent = 0
    handled = 0
    connection = get_connection()
    try:
        while limit is None or handled < limit:
            with transaction.atomic():
                reminder = _claim_next(now)
                if reminder is None:
                    break
                handled += 1
                try:
                    delivered = _deliver(reminder, connection)
                except (smtplib.SMTPException, OSError) as exc:
                    _record_failure(reminder, exc, now)
                    connection.close()  # a broken SMTP session is reopened for the next message
                    continue
                if delivered:
                    reminder.status, reminder.sent_at = Reminder.Status.SENT, timezone.now()
                    sent += 1
                else:
                    reminder.status = Reminder.Status.CANCELLED
                reminder.attempts += 1
                reminder.save(update_fields=["status", "sent_at", "attempts"])
    finally:
        connection.close()
    return sent


def _record_failure(reminder: Reminder, exc: Exception, now: datetime.datetime) -> None:
    reminder.attempts += 1
    reminder.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if reminder.attempts >= MAX_ATTEMPTS:
        reminder.status = Reminder.Status.FAILED
        logger.error("Reminder %s failed for good: %s", reminder.pk, reminder.last_error)
    else:
        # Exponential back-off: 2, 4, 8, 16 minutes...
        reminder.next_attempt_at = now + RETRY_BASE * (2 ** (reminder.attempts - 1))
    reminder.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
