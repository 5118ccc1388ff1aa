"""E-mails of the ambassadors app. Called from Celery tasks with primary keys, after the commit."""

import logging

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from portal.calendar import CANCEL, PUBLISH
from portal.links import absolute_url
from portal.mail import Attachment, send_templated_mail
from projects.selectors import current_leaders

from .calendar import has_calendar, visit_ics
from .models import Consent, ProfileChange, VisitRequest, VisitRequestEvent
from .selectors import ambassador_side_users

logger = logging.getLogger(__name__)

Side = VisitRequestEvent.Side


def _visit_template(event: VisitRequestEvent) -> str:
    if event.from_state == "accepted" and event.to_state == "accepted":
        return "ambassadors/email/visit_rescheduled"
    if event.to_state == "accepted" and event.side == Side.SCHOOL:
        return "ambassadors/email/visit_proposal_accepted"
    return f"ambassadors/email/visit_{event.to_state}"


@transaction.atomic
def visit_event_notify(*, event_id: int) -> int:
    """Tell the other side about one step of a visit request. Sends once: a step already
    notified is skipped, so a retried or duplicated task does not send the mail again."""
    event = (
        VisitRequestEvent.objects.select_for_update(of=("self",))
        .select_related(
            "visit_request__ambassador__user",
            "visit_request__ambassador__profession",
            "visit_request__requested_by",
            "visit_request__school",
            "actor",
        )
        .filter(pk=event_id, notified_at__isnull=True)
        .first()
    )
    if event is None:
        return 0
    visit_request = event.visit_request
    ambassador = visit_request.ambassador
    if event.side == Side.SCHOOL:
        recipients = ambassador_side_users(ambassador)
    else:
        teacher = visit_request.requested_by
        recipients = [teacher] if teacher is not None and teacher.is_active else []
    if not recipients:
        logger.warning(
            "Visit request %s step %s: nobody to tell (no account and no current project leader).",
            visit_request.pk,
            event.pk,
        )
    # A step that books, moves or calls off a booked visit carries the calendar file.
    booking_step = "accepted" in (event.from_state, event.to_state) and has_calendar(visit_request)
    method = CANCEL if visit_request.state == VisitRequest.State.CANCELLED else PUBLISH
    sent = 0
    for recipient in recipients:
        attachments = []
        if booking_step:
            with translation.override(recipient.language):
                attachments.append(Attachment("besok.ics", visit_ics(visit_request, method=method), "text/calendar"))
        sent += send_templated_mail(
            to=[recipient.email],
            attachments=attachments,
            template=_visit_template(event),
            context={
                "event": event,
                "visit_request": visit_request,
                "ambassador": ambassador,
                "recipient": recipient,
                # A project leader answering for an ambassador without an account is told so.
                "on_behalf": recipient.pk != ambassador.user_id and event.side == Side.SCHOOL,
                "request_url": absolute_url(visit_request.get_absolute_url()),
            },
            language=recipient.language,
        )
    event.notified_at = timezone.now()
    event.save(update_fields=["notified_at"])
    return sent


def profile_change_submitted_notify(*, change_id: int) -> int:
    change = (
        ProfileChange.objects.select_related("ambassador")
        .filter(pk=change_id, status=ProfileChange.Status.PENDING)
        .first()
    )
    if change is None:
        return 0
    url = absolute_url(reverse("admin:ambassadors_profilechange_change", args=[change.pk]))
    sent = 0
    for leader in current_leaders(change.ambassador.project_id):
        sent += send_templated_mail(
            to=[leader.email],
            template="ambassadors/email/profile_change_submitted",
            context={
                "change": change,
                "ambassador": change.ambassador,
                "recipient": leader,
                "review_url": url,
            },
            language=leader.language,
        )
    return sent


def profile_change_decided_notify(*, change_id: int) -> int:
    change = ProfileChange.objects.select_related("ambassador__user").filter(pk=change_id).first()
    if change is None or change.status == ProfileChange.Status.PENDING or change.ambassador.user is None:
        return 0
    user = change.ambassador.user
    return send_templated_mail(
        to=[user.email],
        template="ambassadors/email/profile_change_decided",
        context={
            "change": change,
            "ambassador": change.ambassador,
            "recipient": user,
            "approved": change.status == ProfileChange.Status.APPROVED,
            "profile_url": absolute_url(reverse("ambassadors:my-profile")),
        },
        language=user.language,
    )


def consent_withdrawn_notify(*, consent_id: int) -> int:
    consent = Consent.objects.select_related("ambassador").filter(pk=consent_id, withdrawn_at__isnull=False).first()
    if consent is None:
        return 0
    url = absolute_url(reverse("admin:ambassadors_ambassador_change", args=[consent.ambassador_id]))
    sent = 0
    for leader in current_leaders(consent.ambassador.project_id):
        sent += send_templated_mail(
            to=[leader.email],
            template="ambassadors/email/consent_withdrawn",
            context={
                "consent": consent,
                "ambassador": consent.ambassador,
                "recipient": leader,
                "admin_url": url,
            },
            language=leader.language,
        )
    return sent
