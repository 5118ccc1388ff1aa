"""One mechanism for every reminder the portal sends.

A reminder row is one e-mail to one person about one thing (its target) at one time: `offset`
before the thing's `anchor` (an event's start, a visit's time). Apps keep a target's rows in step
with `reminders_sync` after any change (something booked, moved, a person added or gone), add
people with `reminders_schedule`, and stop rows with `reminders_cancel`. They also register, per
kind, a builder that turns a due row into an e-mail (their `reminder_builders` hook, portal.plugins).

A row is unique per kind, target, person, offset and anchor, so each person is reminded at most
once about each time a thing is at: when it moves after its reminder went out, a reminder for the
new time is scheduled (if that is still ahead), and one about a time already reminded of is never
made again. The database constraint holds this even for two requests scheduling at once.

Who the person is: an account (`user`) when they have one, else an address named on the thing
itself (an employee on a staff list, an action item's owner without an account). For an account
the address and language are looked up when the e-mail is sent, not when it is scheduled:
accounts change address in several places (allauth's e-mail page, a new primary address, the
admin, imports), and updating pending rows on each of those would miss any path nobody hooked
(a queryset update, a future form); reading the account at sending time cannot miss one.

`reminders_send_due` (run every minute by beat) sends the due rows through the portal's one
claim-and-send engine (portal.sending, shared with the outbox): each row is claimed with
`SELECT ... FOR UPDATE SKIP LOCKED` and marked *sending* with a lease in its own commit, sent with
a Message-ID derived from the row, and committed *sent* the moment the relay accepts it. So two
workers never take the same row, a retry or a second run finds it sent, and a worker killed while
sending leaves it to be sent again (with the same Message-ID) once its lease has run out.
SMTP failures are retried with back-off and end as FAILED, visible in the admin, after a limit.
"""

import datetime
import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from . import mail_settings, sending
from .mail import Attachment, send_templated_mail
from .models import Reminder, User
from .plugins import hooks

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = sending.MAX_ATTEMPTS

# Switched off only by the concurrency control test, which shows what the row lock in reminders_sync
# prevents: a sync racing a sender would move a row being sent, and the new time would go unreminded.
LOCK_ROWS = True


@dataclass
class ReminderMessage:
    template: str
    context: dict
    attachments: list[Attachment] = field(default_factory=list)
    # For a person without an account: their address as it is now (an employee whose address was
    # corrected on the staff list); None sends to the account's address, or to the row's.
    to: str | None = None
    # The kind of optional mail it is (portal.mail_settings.OPTIONAL), None for mail one must get.
    optional: str | None = None


# kind -> builder(reminder) -> ReminderMessage, or None when the reminder no longer applies
Builder = Callable[[Reminder], ReminderMessage | None]


@functools.cache
def builders() -> dict[str, Builder]:
    """Every app's reminder builders by kind, read once from the apps' hooks."""
    found: dict[str, Builder] = {}
    for app_builders in hooks("reminder_builders"):
        found.update(app_builders())
    return found


@dataclass(frozen=True)
class Recipient:
    """Someone to remind: an account (`user_id`), or just an address for someone without one."""

    email: str
    language: str = "sv"
    user_id: int | None = None

    @classmethod
    def account(cls, user) -> "Recipient":
        return cls(user.email, user.language, user.pk)

    @property
    def key(self) -> tuple:
        return ("user", self.user_id) if self.user_id else ("email", self.email.lower())


def _key(reminder: Reminder) -> tuple:
    return ("user", reminder.user_id) if reminder.user_id else ("email", reminder.recipient)


def _who(recipient: Recipient) -> dict:
    return {"user_id": recipient.user_id} if recipient.user_id else {"user": None, "recipient": recipient.email.lower()}


def reminders_schedule(
    *,
    target: models.Model,
    kind: str,
    anchor: datetime.datetime,
    offsets: Iterable[datetime.timedelta],
    recipients: Iterable[Recipient],
    now: datetime.datetime | None = None,
) -> list[Reminder]:
    """Create the pending reminders for a target at this anchor; those already due are skipped,
    and scheduling the same reminder again changes nothing.

    A reminder that was cancelled (a registration cancelled, an offset dropped) comes back when it
    is scheduled again; one already sent or failed stays as it is.
    """
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(target)
    created = []
    people = {r.key: r for r in recipients if r.email}
    for recipient in people.values():
        for offset in offsets:
            due = anchor - offset
            if due <= now:
                continue
            try:
                with transaction.atomic():
                    reminder, made = Reminder.objects.get_or_create(
                        kind=kind,
                        content_type=content_type,
                        object_id=target.pk,
                        offset=offset,
                        anchor=anchor,
                        **_who(recipient),
                        defaults={
                            "recipient": recipient.email.lower(),
                            "language": recipient.language,
                            "due_at": due,
                            "next_attempt_at": due,
                        },
                    )
                    if not made and reminder.status == Reminder.Status.CANCELLED:
                        made = _reactivate(reminder, due=due, recipient=recipient)
            except IntegrityError:  # scheduled at the same moment by another request
                continue
            if made:
                created.append(reminder)
    return created


def _reactivate(reminder: Reminder, *, due: datetime.datetime, recipient: Recipient) -> bool:
    # Only a row still cancelled is taken back (the update re-checks it), so a concurrent change wins.
    taken = Reminder.objects.filter(pk=reminder.pk, status=Reminder.Status.CANCELLED).update(
        status=Reminder.Status.PENDING,
        due_at=due,
        next_attempt_at=due,
        language=recipient.language,
        recipient=recipient.email.lower(),
        attempts=0,
        last_error="",
        sent_at=None,
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
    """Make a target's reminders of one kind match what is true now: these recipients, these
    offsets, this anchor. For a service to call, inside its transaction, after any change (a thing
    booked or moved, its offsets edited, the people to remind changed) without working out what
    exactly changed; an empty list of recipients stops them all.

    Pending rows for someone no longer listed, or for an offset no longer wanted, are cancelled;
    the rest move with the anchor, and one whose new time has already passed, or whose person was
    already reminded about the new time (it moved back), is cancelled. A row whose time does not
    change is left alone, even when it is due and waiting for the next run. What is missing is
    scheduled: also for people whose reminder went out before the thing moved, about the new time.
    """
    now = now or timezone.now()
    offsets = set(offsets)
    wanted = {r.key: r for r in recipients if r.email}
    # The pending rows (to move or stop) and every row about the current time (to know what was
    # already done), locked: a sender holding one of them is waited for, and then it is no longer pending.
    rows = _rows_for(target, kind).filter(models.Q(status=Reminder.Status.PENDING) | models.Q(anchor=anchor))
    rows = list(rows.select_for_update() if LOCK_ROWS else rows)
    at_anchor = {(_key(r), r.offset) for r in rows if r.anchor == anchor}
    settled = {(_key(r), r.offset) for r in rows if r.anchor == anchor and r.status != Reminder.Status.CANCELLED}
    cancelled, changed = [], []
    for reminder in (r for r in rows if r.status == Reminder.Status.PENDING):
        place = (_key(reminder), reminder.offset)
        recipient = wanted.get(place[0])
        if recipient is None or reminder.offset not in offsets:
            cancelled.append(reminder.pk)
            continue
        if reminder.anchor != anchor:
            due = anchor - reminder.offset
            # Already a row about the new time (sent, failed, cancelled or pending): this one is not
            # needed; a cancelled one there is brought back below.
            if due <= now or place in at_anchor:
                cancelled.append(reminder.pk)
                continue
            reminder.anchor, reminder.due_at, reminder.next_attempt_at = anchor, due, due
            reminder.attempts = 0
            at_anchor.add(place)
            settled.add(place)
        elif (reminder.language, reminder.recipient) == (recipient.language, recipient.email.lower()):
            continue
        reminder.language, reminder.recipient = recipient.language, recipient.email.lower()
        changed.append(reminder)
    # In bulk: moving an event with a hundred participants is a few queries, not hundreds.
    Reminder.objects.filter(pk__in=cancelled).update(status=Reminder.Status.CANCELLED)
    Reminder.objects.bulk_update(
        changed, ["anchor", "due_at", "next_attempt_at", "attempts", "language", "recipient"], batch_size=500
    )
    # Only what is missing (never made, or cancelled) goes through reminders_schedule.
    for key, recipient in wanted.items():
        missing = [offset for offset in offsets if (key, offset) not in settled]
        if missing:
            reminders_schedule(
                target=target, kind=kind, anchor=anchor, offsets=missing, recipients=[recipient], now=now
            )


def _rows_for(target: models.Model, kind: str | None = None):
    rows = Reminder.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    return rows.filter(kind=kind) if kind else rows


def reminders_cancel(*, target: models.Model, kind: str | None = None, user=None) -> int:
    """Stop a target's pending reminders (of one kind, for one account)."""
    rows = _rows_for(target, kind).filter(status=Reminder.Status.PENDING)
    if user is not None:
        rows = rows.filter(user=user)
    return rows.update(status=Reminder.Status.CANCELLED)


@transaction.atomic
def reminders_retry(*, reminders: models.QuerySet, now: datetime.datetime | None = None) -> int:
    """Send failed reminders again (a site administrator's choice in the admin): they go back in
    line at once with their attempts counted from zero. Rows not failed are left as they are; a sent
    reminder is never sent twice. Returns how many were put back."""
    return sending.retry_failed(QUEUE, reminders, now=now)


def _claim_next(now: datetime.datetime) -> Reminder | None:
    """The next due reminder, locked (skip-locked); the caller holds a transaction."""
    return sending.claim_next(QUEUE, now)


def _deliver(reminder: Reminder, connection) -> bool:
    """Send one claimed reminder. False when its builder says it no longer applies."""
    builder = builders().get(reminder.kind)
    if builder is None:
        raise LookupError(f"no builder registered for reminder kind {reminder.kind!r}")
    user = reminder.user
    if user is not None and (not user.is_active or not user.email):
        return False  # a closed account is sent nothing
    message = builder(reminder)
    if message is None:
        return False
    # The account's address and language as they are now; see the module's docstring.
    address = message.to or (user.email if user else reminder.recipient)
    if not address:
        return False
    if message.optional is not None:
        # Someone reminded at a staff list's address may have an account with that address.
        person = user or User.objects.filter(email__iexact=address, is_active=True).first()
        if not mail_settings.wants(person, message.optional):
            return False  # turned off: the row ends cancelled, nothing is sent
    else:
        person = user
    send_templated_mail(
        optional=message.optional,
        user=person,
        to=[address],
        template=message.template,
        context=message.context,
        language=user.language if user else reminder.language,
        attachments=message.attachments,
        connection=connection,
        message_id=sending.message_id("reminder", reminder.pk),
    )
    if user is not None:
        reminder.recipient = address.lower()  # the admin shows where it went
    return True


QUEUE = sending.Queue(
    model=Reminder, deliver=_deliver, select_related=("user",), sent_fields=("recipient",), name="Reminder"
)


def reminders_send_due(*, now: datetime.datetime | None = None, limit: int | None = None) -> int:
    """Send every reminder due by `now`; returns how many were sent. Safe to run concurrently and twice."""
    return sending.send_due(QUEUE, now=now, limit=limit)
