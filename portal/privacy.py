"""Personal data: what a user may download about themselves, and erasing an account.

Each app that keeps personal data names, in its AppConfig, `privacy = "app.privacy"`: a module with
`export(user) -> dict` (the user's data in that app, JSON-ready) and `erase(user) -> None` (anonymise
what must stay for statistics, such as registrations, and delete the rest). The portal adds its own part
and calls them all, so a new app cannot be left out of an export by forgetting a list elsewhere.
"""

from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from .models import User


def _privacy_modules():
    for config in apps.get_app_configs():
        name = getattr(config, "privacy", None)
        if name:
            yield config.label, import_module(name)


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
        },
    }
    for label, module in _privacy_modules():
        data[label] = module.export(user)
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Erase the account. Apps anonymise first, so counts in reports and on waiting lists stay right."""
    for _label, module in _privacy_modules():
        module.erase(user)
    user.delete()
