"""Linking a portal account to an ambassador profile: the leader invites, the person accepts.

The profile's account answers visit requests and gets the ambassador role, so no one is given it
unasked: a leader names an address, the address gets a signed link that expires, and the account
is linked only when someone signed in with that very address accepts. Nothing the leader sees
depends on whether the address has an account or belongs to another profile."""

from django.core import signing
from django.db import transaction
from django.utils import timezone

from portal.models import Role, User
from portal.services import role_grant, role_revoke
from portal.tasks_util import enqueue_on_commit

from ..exceptions import InvitationInvalid, InvitationOtherAccount, InvitationProfileTaken, NotAllowed
from ..models import Ambassador
from ..selectors import can_manage

SALT = "ambassadors.account-invitation"
VALID_DAYS = 14


def invitation_token(ambassador: Ambassador) -> str:
    """The signed key in the invitation's link: which profile, for which address."""
    return signing.dumps({"a": ambassador.pk, "e": ambassador.invited_email}, salt=SALT, compress=True)


def _locked(ambassador: Ambassador) -> Ambassador:
    return Ambassador.objects.select_for_update().get(pk=ambassador.pk)


@transaction.atomic
def ambassador_invite_account(*, ambassador: Ambassador, email: str, by: User) -> Ambassador:
    """Invite the person at `email` to take the profile; "" takes the account (and any invitation) off.

    Inviting the address already linked changes nothing; inviting another address replaces an
    earlier invitation (its link stops working) and leaves the linked account until someone accepts."""
    if not can_manage(by, ambassador):
        raise NotAllowed()
    ambassador = _locked(ambassador)
    email = (email or "").strip().lower()
    if not email:
        return ambassador_unlink_account(ambassador=ambassador, by=by)
    if ambassador.user_id and ambassador.user.email.lower() == email:
        return ambassador
    ambassador.invited_email, ambassador.invited_at = email, timezone.now()
    ambassador.save(update_fields=["invited_email", "invited_at", "updated_at"])
    enqueue_on_commit("ambassadors.tasks.send_account_invitation_mail", ambassador.pk)
    return ambassador


@transaction.atomic
def ambassador_unlink_account(*, ambassador: Ambassador, by: User) -> Ambassador:
    if not can_manage(by, ambassador):
        raise NotAllowed()
    ambassador = _locked(ambassador)
    previous = ambassador.user
    ambassador.user, ambassador.invited_email, ambassador.invited_at = None, "", None
    ambassador.save(update_fields=["user", "invited_email", "invited_at", "updated_at"])
    if previous is not None:
        role_revoke(user=previous, kind=Role.Kind.AMBASSADOR)
    return ambassador


def invitation_ambassador(token: str) -> Ambassador:
    """The profile a still valid invitation is for (InvitationInvalid: expired, altered or replaced)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_DAYS * 86400)
    except signing.BadSignature:
        raise InvitationInvalid() from None
    ambassador = Ambassador.objects.filter(pk=data.get("a")).first()
    if ambassador is None or not ambassador.invited_email or ambassador.invited_email != data.get("e"):
        raise InvitationInvalid()
    return ambassador


@transaction.atomic
def ambassador_invitation_accept(*, token: str, user: User) -> Ambassador:
    """The invited person takes the profile, signed in with the invited address: only now is the
    account linked and given the ambassador role."""
    ambassador = _locked(invitation_ambassador(token))
    if ambassador.invited_email != signing.loads(token, salt=SALT)["e"]:
        raise InvitationInvalid()  # replaced while we waited for the lock
    if not user.is_active or user.email.strip().lower() != ambassador.invited_email:
        raise InvitationOtherAccount()
    if Ambassador.objects.filter(user=user).exclude(pk=ambassador.pk).exists():
        raise InvitationProfileTaken()
    previous = ambassador.user
    ambassador.user, ambassador.invited_email, ambassador.invited_at = user, "", None
    ambassador.save(update_fields=["user", "invited_email", "invited_at", "updated_at"])
    role_grant(user=user, kind=Role.Kind.AMBASSADOR)
    if previous is not None and previous.pk != user.pk:
        role_revoke(user=previous, kind=Role.Kind.AMBASSADOR)
    return ambassador
