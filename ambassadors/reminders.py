"""Reminders about booked visits, sent by the portal's one reminder mechanism (portal.reminders).

- Two days before a visit: to both sides, the teacher who asked and the ambassador (or, for an
  ambassador without an account, the project's leaders, who answer for them).
- A day after it: a question to both sides asking for their feedback, linking to the feedback form;
  not asked of a side that has already given it.

The visit services keep the rows in step (booked, moved, cancelled); the builders here check again
when a row falls due, so nothing goes out about a cancelled visit or to someone no longer a party.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from portal.links import absolute_url
from portal.mail_settings import FEEDBACK, REMINDERS
from portal.models import Reminder, User
from portal.reminders import Recipient, ReminderMessage

from .models import VisitRequest, VisitRequestEvent
from .selectors import ambassador_side_users, visit_request_sides

VISIT_REMINDER = "ambassadors.visit_reminder"
VISIT_FEEDBACK = "ambassadors.visit_feedback"

# How long before the visit each kind goes out; the feedback question's offset is negative: after.
VISIT_SCHEDULE = {
    VISIT_REMINDER: (datetime.timedelta(days=2),),
    VISIT_FEEDBACK: (-datetime.timedelta(days=1),),
}

Side = VisitRequestEvent.Side


def visit_people(visit_request: VisitRequest) -> list[User]:
    """Both sides of a visit: the teacher who asked, and whoever answers for the ambassador."""
    people = []
    teacher = visit_request.requested_by
    if teacher is not None and teacher.is_active:
        people.append(teacher)
    people += ambassador_side_users(visit_request.ambassador)
    return list({person.pk: person for person in people}.values())


def visit_recipients(visit_request: VisitRequest) -> list[Recipient]:
    return [Recipient.account(person) for person in visit_people(visit_request)]


def _party(reminder: Reminder) -> tuple[VisitRequest, User, set[str]] | None:
    """The booked visit and the recipient, if the visit is still on and they are still a party."""
    visit_request = (
        VisitRequest.objects.select_related("ambassador__user", "ambassador__profession", "requested_by", "school")
        .filter(pk=reminder.object_id, state=VisitRequest.State.ACCEPTED)
        .first()
    )
    if visit_request is None:
        return None
    person = next((p for p in visit_people(visit_request) if p.pk == reminder.user_id), None)
    if person is None:
        return None
    return visit_request, person, visit_request_sides(person, visit_request)


def _context(visit_request: VisitRequest, person: User, sides: set[str]) -> dict:
    ambassador = visit_request.ambassador
    return {
        "visit_request": visit_request,
        "ambassador": ambassador,
        "recipient": person,
        "is_school": Side.SCHOOL in sides,
        # A project leader answering for an ambassador without an account is told so.
        "on_behalf": Side.AMBASSADOR in sides and ambassador.user_id != person.pk,
        "request_url": absolute_url(visit_request.get_absolute_url()),
    }


def build_visit_reminder(reminder: Reminder) -> ReminderMessage | None:
    party = _party(reminder)
    if party is None:
        return None
    visit_request, person, sides = party
    if visit_request.scheduled_for <= timezone.now():
        return None
    return ReminderMessage(
        template="ambassadors/email/visit_reminder", context=_context(visit_request, person, sides), optional=REMINDERS
    )


def build_feedback_question(reminder: Reminder) -> ReminderMessage | None:
    party = _party(reminder)
    if party is None:
        return None
    visit_request, person, sides = party
    given = set(visit_request.feedback.values_list("side", flat=True))
    if not sides - given:
        return None  # this side has already said how it went
    context = _context(visit_request, person, sides)
    context["feedback_url"] = absolute_url(reverse("ambassadors:feedback", kwargs={"pk": visit_request.pk}))
    return ReminderMessage(template="ambassadors/email/visit_feedback_question", context=context, optional=FEEDBACK)
