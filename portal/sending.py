"""The one claim-and-send engine for every e-mail the portal sends: reminders (portal.reminders)
and the outbox (portal.outbox) are rows of a queue that this module works through.

SMTP gives no exactly-once: between the relay accepting a message and the sender recording that,
a worker can die, and the message is then sent again. This engine keeps that window as small as
the protocol allows, and makes the copy recognisable:

1. claim: in a short transaction, take the next due row with `SELECT ... FOR UPDATE SKIP LOCKED`
   (two workers never take the same row), mark it *sending* with a lease (`lease_until`), commit;
2. send: talk to the relay outside any transaction, with a `Message-ID` derived from the row on
   the site's own domain (the same on every attempt, so mail systems can drop a copy);
3. record: commit *sent* the moment the relay has accepted it.

A worker killed during 2 leaves the row *sending*; when its lease has run out, the next run takes
it again (the only case where a message can arrive twice: once per death during the relay's
answer, with the same Message-ID). SMTP errors are retried with back-off; a row that keeps failing,
or whose lease keeps running out, ends *failed*, and the admin shows it to staff.
"""

import datetime
import hashlib
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = getattr(settings, "MAIL_MAX_ATTEMPTS", getattr(settings, "REMINDER_MAX_ATTEMPTS", 5))
RETRY_BASE = datetime.timedelta(minutes=2)
# Longer than any one message takes to send (a slow relay answers in seconds), so a live sender
# never loses its row; short enough that a dead one's row goes out again within minutes.
LEASE = datetime.timedelta(seconds=getattr(settings, "MAIL_LEASE_SECONDS", 300))

PENDING, SENDING, SENT, FAILED, CANCELLED = "pending", "sending", "sent", "failed", "cancelled"


def message_id(*parts) -> str:
    """A Message-ID that is the same on every attempt for the same parts, on the site's domain
    (from SITE_URL; a mail system may distrust one on localhost)."""
    domain = urlsplit(settings.SITE_URL).hostname or "kompetensportalen.invalid"
    if domain in ("localhost", "127.0.0.1", "::1"):
        domain = getattr(settings, "MAIL_MESSAGE_ID_DOMAIN", "kompetensportalen.invalid")
    local = ".".join(str(part) for part in parts)
    if len(local) > 64 or not local.replace(".", "").replace("-", "").isalnum():
        local = f"{parts[0]}.{hashlib.sha256(local.encode()).hexdigest()[:24]}"
    return f"<{local}@{domain}>"


@dataclass
class Queue:
    """One kind of row the engine sends. The model has the fields status, next_attempt_at,
    lease_until, attempts, last_error and sent_at.

    `deliver(row, connection)` sends the row's mail(s) and returns False when it no longer applies
    (cancelled); `sent_fields` are saved with the sent state (what deliver changed on the row).
    """

    model: type[models.Model]
    deliver: Callable
    select_related: tuple = ()
    sent_fields: tuple = ()
    name: str = "mail"


def claim_next(queue: Queue, now: datetime.datetime, only=None):
    """The next due row (of the ids `only`, if given), locked (skip-locked); the caller holds a
    transaction. Due means being sent by a worker whose lease has run out (those first: they are the
    oldest), or pending and its time has come.

    Two queries rather than one with OR: each is read off the (status, next_attempt_at, id) index in
    its order, where an OR of the two would sort every due row for each claim.
    """
    rows = queue.model.objects.select_for_update(skip_locked=True, of=("self",)).select_related(*queue.select_related)
    if only is not None:
        rows = rows.filter(pk__in=only)
    # Leases are in real time, whatever `now` a caller gives for what is due (a long run keeps its start).
    expired = rows.filter(status=SENDING, lease_until__lte=timezone.now()).order_by("next_attempt_at", "pk").first()
    if expired is not None:
        return expired
    return rows.filter(status=PENDING, next_attempt_at__lte=now).order_by("next_attempt_at", "pk").first()


def _no_flush_wait() -> None:
    """In this transaction, COMMIT does not wait for the WAL to reach the disk (PostgreSQL's
    synchronous_commit off, for this transaction only). A crash of a worker loses nothing; only a
    crash of the database server can lose the last fraction of a second of these commits, and then
    a message is sent once more with the same Message-ID, or not marked sending: the cost of the
    two commits per message falls from two disk flushes to none."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO off")


def _take(queue: Queue, now: datetime.datetime, only=None):
    """Claim a row and mark it sending, in its own commit. None when nothing is due."""
    while True:
        with transaction.atomic():
            _no_flush_wait()
            row = claim_next(queue, now, only)
            if row is None:
                return None
            if row.status == SENDING and row.attempts >= MAX_ATTEMPTS:
                # Its senders keep dying with it (a message that kills the worker?): stop and show it.
                row.status = FAILED
                row.last_error = row.last_error or "the sender stopped while sending, too many times"
                row.save(update_fields=["status", "last_error"])
                logger.error("%s %s failed for good: its lease ran out %d times", queue.name, row.pk, row.attempts)
                continue
            if row.status == SENDING:
                logger.warning("%s %s: its sender's lease ran out; sending it again", queue.name, row.pk)
            row.status = SENDING
            row.lease_until = timezone.now() + LEASE
            row.attempts += 1
            row.save(update_fields=["status", "lease_until", "attempts"])
            return row


def send_due(queue: Queue, *, now: datetime.datetime | None = None, limit: int | None = None, only=None) -> int:
    """Send every row of the queue due by `now` (of the ids `only`, if given); returns how many
    were sent. Safe to run concurrently and twice."""
    now = now or timezone.now()
    sent = handled = 0
    connection = get_connection()
    try:
        while limit is None or handled < limit:
            row = _take(queue, now, only)
            if row is None:
                break
            handled += 1
            try:
                delivered = queue.deliver(row, connection)
            except (smtplib.SMTPException, OSError) as exc:
                record_failure(queue, row, exc, now)
                connection.close()  # a broken SMTP session is reopened for the next message
                continue
            except Exception as exc:  # noqa: BLE001 - a bug in one message must not stop the others
                logger.exception("%s %s could not be built", queue.name, row.pk)
                record_failure(queue, row, exc, now)
                continue
            row.status = SENT if delivered else CANCELLED
            row.sent_at = timezone.now() if delivered else None
            row.lease_until = None
            with transaction.atomic():
                _no_flush_wait()
                row.save(update_fields=["status", "sent_at", "lease_until", *queue.sent_fields])
            sent += bool(delivered)
    finally:
        connection.close()
    return sent


def retry_failed(queue: Queue, rows: models.QuerySet, *, now: datetime.datetime | None = None) -> int:
    """Send failed rows again (a site administrator's choice in the admin): back in line at once,
    attempts counted from zero. Rows not failed are left as they are, so nothing sent goes twice."""
    failed = queue.model.Status.FAILED
    return rows.filter(status=failed).update(
        status=queue.model.Status.PENDING, attempts=0, next_attempt_at=now or timezone.now()
    )


def record_failure(queue: Queue, row, exc: Exception, now: datetime.datetime) -> None:
    row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    row.lease_until = None
    if row.attempts >= MAX_ATTEMPTS:
        row.status = FAILED
        logger.error("%s %s failed for good: %s", queue.name, row.pk, row.last_error)
    else:
        row.status = PENDING
        # Exponential back-off: 2, 4, 8, 16 minutes...
        row.next_attempt_at = now + RETRY_BASE * (2 ** (row.attempts - 1))
    row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "lease_until"])
