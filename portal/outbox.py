"""The durable outbox: every e-mail a change causes is a row written in the change's own transaction.

Services do not talk to the broker to send mail: `enqueue_on_commit("events.tasks.send_...", pk)`
of a task declared with `outbox=True` (portal.tasks_util) writes an OutboxMessage naming the task
and its ids, in the same transaction as the registration or promotion that causes it. So the mail
exists exactly when the change does: a registration made while Redis is down is saved with its
mail, which goes when a worker can run; a change rolled back leaves no mail behind.

The rows are sent by the portal's one claim-and-send engine (portal.sending), kicked by a task
on commit and run every minute by beat: claimed with skip-locked, marked sending with a lease in
its own commit, the task run (it reads the rows it names and renders the mail as things are now),
each mail it sends given a Message-ID derived from the row and the recipient, and each recorded
the moment the relay accepts it, so a retry sends only what was not yet accepted.
"""

import hashlib
import logging

from django.db import transaction
from django.utils.module_loading import import_string

from . import sending
from .mail import outbox_delivery
from .models import OutboxMessage

logger = logging.getLogger(__name__)

SENDER_TASK = "portal.tasks.send_outbox"
# As portal.tasks_util's: a broker that does not answer at once is tried again only briefly.
RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def outbox_add(task: str, *args) -> OutboxMessage:
    """Owe the mail(s) that `task` (a Celery task of an app, declared with outbox=True) sends for
    these ids; for a service to call inside its transaction. The sender is kicked after commit."""
    import_string(task)  # a misspelt name fails here, in the service, not later in the sender
    row = OutboxMessage.objects.create(task=task, args=list(args))
    transaction.on_commit(lambda: kick([row.pk]))
    return row


def kick(ids: list[int]) -> None:
    """Ask a worker to send these rows now; beat sends whatever is due every minute anyway, so a
    broker that is down only delays the mail (it is logged, never an error for whoever caused it)."""
    task = import_string(SENDER_TASK)
    if task.app.conf.task_always_eager:
        task.delay(ids)
        return
    try:
        task.apply_async((ids,), retry=True, retry_policy=RETRY_POLICY)
    except Exception as exc:  # noqa: BLE001 - kombu's and redis-py's errors alike; the row waits
        logger.warning("Outbox: could not reach the broker (%s); beat will send the mail", exc)


class _Delivery:
    """The mails of one claimed row, as its task sends them (portal.mail.outbox_delivery)."""

    def __init__(self, row: OutboxMessage, connection):
        self.row, self.connection = row, connection

    def send(self, message, *, template: str, to: list[str]) -> int:
        key = hashlib.sha256(f"{template}|{','.join(sorted(a.lower() for a in to))}".encode()).hexdigest()[:16]
        mid = sending.message_id("outbox", self.row.pk, key)
        if any(done["message_id"] == mid for done in self.row.delivered):
            return 1  # accepted by the relay on an earlier attempt
        message.extra_headers["Message-ID"] = mid
        message.connection = self.connection
        sent = message.send()
        self.row.delivered.append({"message_id": mid, "to": to, "template": template})
        # Recorded at once, outside any transaction: a death after this does not send it again.
        OutboxMessage.objects.filter(pk=self.row.pk).update(delivered=self.row.delivered)
        return sent


def _deliver(row: OutboxMessage, connection) -> bool:
    """Run the row's task in this process with its mails going through a _Delivery. False when it
    sent nothing (the change it was about has been undone since: nothing to say any more)."""
    task = import_string(row.task)
    token = outbox_delivery.set(_Delivery(row, connection))
    try:
        task.run(*row.args)
    finally:
        outbox_delivery.reset(token)
    return bool(row.delivered)


QUEUE = sending.Queue(model=OutboxMessage, deliver=_deliver, name="Outbox message")


def outbox_retry(*, messages, now=None) -> int:
    """Send failed messages again (the admin's action); see sending.retry_failed."""
    return sending.retry_failed(QUEUE, messages, now=now)


def outbox_send_due(*, now=None, limit: int | None = None, only: list[int] | None = None) -> int:
    """Send every outbox row that is due (of the ids `only`, if given); returns how many rows were
    sent. Safe to run concurrently."""
    return sending.send_due(QUEUE, now=now, limit=limit, only=only)
