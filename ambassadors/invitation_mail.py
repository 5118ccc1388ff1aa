"""The e-mail that invites a person to take an ambassador profile (sent from a Celery task)."""

from django.urls import reverse

from portal.links import absolute_url
from portal.mail import send_templated_mail

from .models import Ambassador
from .services.invitations import VALID_DAYS, invitation_token


def account_invitation_notify(*, ambassador_id: int) -> int:
    """Send the profile's current invitation, if it still has one (a later one replaces it)."""
    ambassador = Ambassador.objects.select_related("project").filter(pk=ambassador_id).first()
    if ambassador is None or not ambassador.invited_email:
        return 0
    link = absolute_url(reverse("ambassadors:invitation", kwargs={"token": invitation_token(ambassador)}))
    return send_templated_mail(
        to=[ambassador.invited_email],
        template="ambassadors/email/account_invitation",
        context={"ambassador": ambassador, "link": link, "valid_days": VALID_DAYS},
    )
