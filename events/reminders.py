"""Reminders of the events app, sent by the portal's one reminder mechanism (portal.reminders).

- Before an event: to each confirmed participant, on the days the event's `reminder_days` names
  (7 and 1 by default), with the event's calendar file.
- On the day a round table's action item is due (08:00 Swedish time): to its owner, if the item has
  an e-mail address for them, and to the current leaders of the event's projects.

The services decide who should get what and keep the rows in step (services.py); the builders
here run when a row falls due and check again that it still applies, so a reminder never goes to
someone whose place was given up, about an event called off, or about an item already done.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from portal.links import absolute_url
from portal.mail import Attachment
from portal.mail_settings import REMINDERS
from portal.models import Reminder, User
from portal.reminders import Recipient, ReminderMessage
from projects.models import Project
from projects.selectors import current_leaders

from .calendar import event_ics
from .models import ActionItem, Event, Registration

EVENT_REMINDER = "events.event_reminder"
ACTION_ITEM_DUE = "events.action_item_due"

# Action items are due on a date; the reminder goes out that morning, Swedish time.
ACTION_ITEM_REMINDER_TIME = datetime.time(8, 0)
ACTION_ITEM_OFFSETS = (datetime.timedelta(0),)
OPEN_ACTION_ITEM = (ActionItem.Status.PLANNED, ActionItem.Status.IN_PROGRESS)


def _recipient(user: User) -> Recipient:
    return Recipient.account(user)


# --- Before an event -------------------------------------------------------------------------------


def event_recipients(event: Event, registrations=None) -> list[Recipient]:
    """Who is reminded about an event: its confirmed participants (never those waiting)."""
    if registrations is None:
        registrations = event.registrations.filter(status=Registration.Status.CONFIRMED)
        registrations = registrations.select_related("user")
    return [
        _recipient(r.user)
        for r in registrations
        if r.status == Registration.Status.CONFIRMED and r.user_id is not None and r.user.is_active
    ]


def build_event_reminder(reminder: Reminder) -> ReminderMessage | None:
    event = Event.objects.filter(pk=reminder.object_id).first()
    if event is None or event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        return None
    registration = (
        Registration.objects.select_related("user", "track")
        .filter(event=event, status=Registration.Status.CONFIRMED, user__is_active=True, user_id=reminder.user_id)
        .first()
    )
    if registration is None:  # cancelled, or still waiting for a place
        return None
    with translation.override(registration.user.language):
        ics = event_ics(event, registration=registration)
    return ReminderMessage(
        template="events/email/event_reminder",
        optional=REMINDERS,
        context={
            "event": event,
            "registration": registration,
            "user": registration.user,
            "days": reminder.offset.days,
            "event_url": absolute_url(event.get_absolute_url()),
            "my_registrations_url": absolute_url(reverse("events:my-registrations")),
        },
        attachments=[Attachment(f"{event.slug}.ics", ics, "text/calendar")],
    )


# --- Action items from the round tables ------------------------------------------------------------


def action_item_anchor(item: ActionItem) -> datetime.datetime | None:
    if item.due_on is None:
        return None
    return datetime.datetime.combine(item.due_on, ACTION_ITEM_REMINDER_TIME, tzinfo=timezone.get_default_timezone())


def action_item_leaders(event_id: int) -> list[User]:
    """The people who now lead a project the event belongs to."""
    return current_leaders(Project.objects.filter(events=event_id))


def action_item_recipients(item: ActionItem) -> list[Recipient]:
    recipients = [_recipient(user) for user in action_item_leaders(item.table.event_id)]
    if item.owner_email:
        # The owner is often someone at a municipality without an account; one who has an
        # account gets the e-mail in their own language.
        owner = User.objects.filter(email__iexact=item.owner_email, is_active=True).first()
        recipients.append(_recipient(owner) if owner else Recipient(item.owner_email))
    return recipients


def build_action_item_reminder(reminder: Reminder) -> ReminderMessage | None:
    item = (
        ActionItem.objects.select_related("table__event", "table__municipality").filter(pk=reminder.object_id).first()
    )
    if item is None or item.status not in OPEN_ACTION_ITEM or item.due_on is None:
        return None
    event = item.table.event
    owner = item.owner_email.lower()
    # The owner is named by address on the item; one with an account may have changed it since.
    addresses = {reminder.recipient, reminder.user.email.lower() if reminder.user else ""}
    is_owner = bool(owner) and owner in addresses
    if not is_owner and reminder.user_id not in {u.pk for u in action_item_leaders(event.pk)}:
        return None  # no longer leads the project, and not the owner either
    follow_up_url = absolute_url(reverse("events:follow-up", kwargs={"slug": event.slug}) + f"#item-{item.pk}")
    return ReminderMessage(
        template="events/email/action_item_due",
        optional=REMINDERS,
        context={
            "item": item,
            "table": item.table,
            "event": event,
            "is_owner": is_owner,
            "follow_up_url": follow_up_url,
            "admin_url": "" if is_owner else absolute_url(reverse("admin:events_actionitem_change", args=[item.pk])),
        },
    )
