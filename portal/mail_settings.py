"""Which mails a person may turn off, and the signed one-click unsubscribe links in them.

Confirmations, cancellations, changes of time and answers to a person's own requests are always
sent: they are what the person must know. Only the kinds in OPTIONAL can be turned off, on the
page "E-postinställningar" or with one click from the mail itself (RFC 8058: the mail carries
`List-Unsubscribe` with a signed https address and `List-Unsubscribe-Post`, and a mail program
POSTs `List-Unsubscribe=One-Click` to it without a session). The token is signed with the site's
key for one person and one kind, so it can neither be guessed nor turned to another person.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .links import absolute_url
from .models import MailOptOut, User

REMINDERS = "reminders"
FEEDBACK = "feedback"

# kind -> what the settings page calls it
OPTIONAL = {
    REMINDERS: _("Påminnelser före kurser, evenemang, besök och uppföljningar"),
    FEEDBACK: _("Frågor om återkoppling efter ett besök"),
}
REQUIRED = [
    _("Bekräftelser på anmälningar och bokningar"),
    _("Besked om ändrade tider och inställda kurser, evenemang och besök"),
    _("Svar på förfrågningar och inbjudningar"),
]

SALT = "portal.mail_settings.unsubscribe"


class BadToken(Exception):
    """The link was altered, or names no account or kind any more."""


def wants(user: User | None, kind: str | None) -> bool:
    """Whether a mail of this kind goes to this person. Required mail (kind None) always does."""
    if kind is None or user is None:
        return True
    return not MailOptOut.objects.filter(user=user, kind=kind).exists()


def opted_out_kinds(user: User) -> set[str]:
    return set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True))


@transaction.atomic
def mail_settings_save(*, user: User, wanted: set[str]) -> None:
    """Keep the optional kinds in `wanted`, turn off the rest."""
    unknown = set(wanted) - set(OPTIONAL)
    if unknown:
        raise ValueError(f"unknown kinds of mail: {sorted(unknown)}")
    MailOptOut.objects.filter(user=user, kind__in=wanted).delete()
    for kind in set(OPTIONAL) - set(wanted):
        mail_unsubscribe(user=user, kind=kind)


def mail_unsubscribe(*, user: User, kind: str) -> None:
    """Turn off one kind (the one-click link); doing it twice changes nothing."""
    if kind not in OPTIONAL:
        raise ValueError(f"{kind!r} cannot be turned off")
    try:
        with transaction.atomic():
            MailOptOut.objects.get_or_create(user=user, kind=kind)
    except IntegrityError:  # the same click twice at the same moment
        pass


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[User, str]:
    """The person and kind a token names (no expiry: a mail is read long after it was sent)."""
    try:
        data = signing.loads(token, salt=SALT)
        user = User.objects.get(pk=data["u"], is_active=True)
        kind = data["k"]
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError) as error:
        raise BadToken() from error
    if kind not in OPTIONAL:
        raise BadToken()
    return user, kind


def unsubscribe_url(user: User, kind: str) -> str:
    return absolute_url(reverse("portal:unsubscribe", kwargs={"token": unsubscribe_token(user, kind)}))


def settings_url() -> str:
    return absolute_url(reverse("portal:mail-settings"))


def unsubscribe_headers(user: User, kind: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: the https address for one-click, and a mailto where one is read."""
    links = [f"<{unsubscribe_url(user, kind)}>"]
    if mailbox := getattr(settings, "UNSUBSCRIBE_MAILTO", ""):
        links.append(f"<mailto:{mailbox}?subject=unsubscribe%20{kind}>")
    return {"List-Unsubscribe": ", ".join(links), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
