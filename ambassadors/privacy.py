"""Personal data in the ambassadors app: what a user may download, and what happens when they leave.

Named in AmbassadorsConfig.privacy; the portal's export and account deletion call these.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from portal.privacy import export_moment

from .models import Ambassador, ProfileChange, VisitFeedback, VisitRequest, VisitRequestEvent


def export(user) -> dict:
    data: dict = {"profile": None}
    ambassador = (
        Ambassador.objects.filter(user=user).select_related("profession", "industry", "municipality", "project").first()
    )
    if ambassador is not None:
        data["profile"] = {
            "display_name": ambassador.display_name,
            "headline": ambassador.headline,
            "story": ambassador.story,
            "film_url": ambassador.film_url,
            "has_photo": bool(ambassador.photo),
            "profession": ambassador.profession.name,
            "industry": ambassador.industry.name,
            "employer": ambassador.employer,
            "municipality": ambassador.municipality.name,
            "education_paths": [str(p) for p in ambassador.education_paths.all()],
            "languages": [str(lang) for lang in ambassador.languages.all()],
            "age_groups": [str(a) for a in ambassador.age_groups.all()],
            "contact_email": ambassador.contact_email,
            "contact_phone": ambassador.contact_phone,
            "project": ambassador.project.name,
            "status": ambassador.status,
            "consents": [
                {
                    "text_version": c.text.version,
                    "given_at": export_moment(c.given_at),
                    "method": c.method,
                    "withdrawn_at": export_moment(c.withdrawn_at),
                }
                for c in ambassador.consents.select_related("text")
            ],
        }
    data["visit_requests_sent"] = [
        {
            "ambassador": vr.ambassador.display_name,
            "school": vr.school.name,
            "group": vr.group_name,
            "pupils": vr.pupils,
            "format": vr.format,
            "message": vr.message,
            "state": vr.state,
            "preferred_dates": [d.isoformat() for d in vr.preferred_dates],
            "scheduled_for": export_moment(vr.scheduled_for),
            "created_at": export_moment(vr.created_at),
        }
        for vr in VisitRequest.objects.filter(requested_by=user).select_related("ambassador", "school")
    ]
    data["feedback_given"] = [
        {
            "visit_request": fb.visit_request_id,
            "rating": fb.rating,
            "comment": fb.comment,
            "created_at": export_moment(fb.created_at),
        }
        for fb in VisitFeedback.objects.filter(author=user)
    ]
    # What they wrote in visit conversations, on either side (an ambassador's answers and proposals).
    data["visit_request_messages"] = [
        {
            "visit_request": event.visit_request_id,
            "side": event.side,
            "to_state": event.to_state,
            "proposed_time": export_moment(event.when),
            "message": event.message,
            "created_at": export_moment(event.created_at),
        }
        for event in VisitRequestEvent.objects.filter(actor=user).order_by("created_at", "pk")
    ]
    data["profile_changes"] = [
        {
            "changes": change.data,
            "new_photo": bool(change.photo),
            "status": change.status,
            "submitted_at": export_moment(change.submitted_at),
        }
        for change in ProfileChange.objects.filter(submitted_by=user).order_by("submitted_at", "pk")
    ]
    return data


@transaction.atomic
def erase(user) -> None:
    """Before the account goes: tell ambassadors that open requests and coming visits are off, and
    hide the user's own profile (its consent is withdrawn; the project leader is told and may delete it).
    Requests and feedback stay, without the person, for the projects' statistics."""
    from . import services

    started = timezone.now()
    reason = gettext("Kontot som skickade förfrågan har raderats.")
    for visit_request in VisitRequest.objects.filter(requested_by=user, state__in=VisitRequest.OPEN_STATES):
        services.visit_request_withdraw(visit_request=visit_request, by=user, message=reason)
    for visit_request in VisitRequest.objects.filter(requested_by=user, state=VisitRequest.State.ACCEPTED):
        if visit_request.has_taken_place:
            continue
        services.visit_request_cancel(visit_request=visit_request, by=user, message=reason)
    VisitRequest.objects.filter(requested_by=user).update(message="")
    # Their earlier messages in the conversations go too; the notices just written stay for the e-mails.
    VisitRequestEvent.objects.filter(actor=user, created_at__lt=started).update(message="")
    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is not None:
        services.consent_withdraw(ambassador=ambassador, by=user)


@transaction.atomic
def expire(*, ended_before: datetime.date) -> int:
    """Anonymise the visit requests to ambassadors of projects that ended before the date.

    What stays is what the project reports: which ambassador visited which school and class, when,
    and the ratings. Who asked, the messages and the feedback's comments go. Returns the requests
    anonymised.
    """
    requests = VisitRequest.objects.filter(ambassador__project__ends_on__lt=ended_before)
    VisitRequestEvent.objects.filter(visit_request__in=requests).filter(Q(actor__isnull=False) | ~Q(message="")).update(
        actor=None, message=""
    )
    VisitFeedback.objects.filter(visit_request__in=requests).filter(Q(author__isnull=False) | ~Q(comment="")).update(
        author=None, comment=""
    )
    return requests.filter(Q(requested_by__isnull=False) | ~Q(message="")).update(requested_by=None, message="")
