"""Personal data: what a user may download about themselves, erasing an account, and how long
participants' data is kept after a project.

Each app that keeps personal data gives the hooks `privacy_export`, `privacy_erase` and, where it
keeps data about people taking part in projects, `privacy_expire` (declared in portal.plugins). The
portal adds its own part and calls them all, so a new app cannot be left out of an export by
forgetting a list elsewhere.
"""

import datetime

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.utils import timezone

from .audit import forget_in_history
from .models import User
from .plugins import hooks


def user_data_export(*, user: User) -> dict:
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary} for a in user.emailaddress_set.all()
            ],
            "roles": [
                {"role": role.kind, "organisation": role.organisation.name if role.organisation else None}
                for role in user.roles.select_related("organisation")
            ],
            # That a second factor is set up and when it was used; never its secret or codes.
            "two_factor": [
                {
                    "type": authenticator.type,
                    "created_at": export_moment(authenticator.created_at),
                    "last_used_at": export_moment(authenticator.last_used_at),
                }
                for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
            ],
            # The kinds of optional mail turned off (portal.mail_settings).
            "mail_turned_off": sorted(user.mail_opt_outs.values_list("kind", flat=True)),
        },
    }
    for label, export in hooks("privacy_export", labelled=True):
        data[label] = export(user)
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Erase the account. Apps anonymise first, so counts in reports and on waiting lists stay right.

    Someone who has worked in the admin (a project leader) is named in its change log, which must
    outlive the account: deleting the user would delete those entries with it. Such an account is
    closed and stripped of everything personal instead; the log then shows an anonymous account.
    """
    for erase in hooks("privacy_erase"):
        erase(user)
    forget_in_history([user])
    if not LogEntry.objects.filter(user=user).exists():
        user.delete()
        return
    user.roles.all().delete()
    user.emailaddress_set.all().delete()
    user.reminders.all().delete()  # their addresses, and nothing more is sent to a closed account
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"raderad-{user.pk}@konto.invalid"
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()


def participant_data_expire(*, today: datetime.date | None = None) -> dict[str, int]:
    """Anonymise participants' data of projects that ended RETENTION_DAYS_AFTER_PROJECT_END days ago.

    Returns how many rows each app anonymised. Safe to run again: what is anonymised is not found twice.
    """
    today = today or timezone.localdate()
    ended_before = today - datetime.timedelta(days=settings.RETENTION_DAYS_AFTER_PROJECT_END)
    with transaction.atomic():
        return {label: expire(ended_before=ended_before) for label, expire in hooks("privacy_expire", labelled=True)}


def export_moment(value: datetime.date | datetime.datetime | None) -> str | None:
    """A date or a moment in a person's data export (ISO 8601; moments in Swedish time, with the offset)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.isoformat()
