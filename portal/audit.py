"""The admin's change log (Django's LogEntry) for what Django does not record by itself.

Django logs what is added, changed or deleted through the admin's forms and its delete action.
Custom actions (attendance marked for a selection, registrations cancelled, profiles published,
participant lists exported) and custom admin views change or reveal people's data just as much, so
they are logged here too: who, which rows, when, and what was done. Site administrators read the
log in the admin (portal.admin.ChangeLogAdmin).
"""

import functools
from collections.abc import Iterable

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext


def log_admin_action(*, user, objects: Iterable, message, flag: int = CHANGE) -> None:
    """One log entry per object. The message (a lazy translation is fine) is stored in the portal's
    language, so the log reads the same whichever language the person who acted had chosen."""
    objects = list(objects)
    if not objects or user is None or not user.is_authenticated:
        return
    with translation.override(settings.LANGUAGE_CODE):
        message = str(message)
    LogEntry.objects.log_actions(user_id=user.pk, queryset=objects, action_flag=flag, change_message=message)


def _action_message(description, count: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Åtgärd i administrationen: %(action)s (%(count)d valda).") % {
            "action": str(description),
            "count": count,
        }


def _audited(func, description):
    @functools.wraps(func)
    def action(modeladmin, request, queryset):
        # Read the selection first: an action such as cancelling may change what the queryset matches.
        # The rows are named in the log as the list names them, so fetch what the list fetches.
        related = modeladmin.list_select_related
        if related is True:
            selected = list(queryset.select_related())
        elif related:
            selected = list(queryset.select_related(*related))
        else:
            selected = list(queryset)
        response = func(modeladmin, request, queryset)
        # An intermediate page (a form asking for more, a confirmation) has changed nothing yet.
        if not isinstance(response, TemplateResponse):
            log_admin_action(user=request.user, objects=selected, message=_action_message(description, len(selected)))
        return response

    return action


class AuditedActionsMixin:
    """Logs every run of the admin's actions, except Django's own delete action, which logs itself."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        return {
            key: (func if key == "delete_selected" else _audited(func, description), name, description)
            for key, (func, name, description) in actions.items()
        }


FORGOTTEN = "(raderade personuppgifter)"


def forget_in_history(rows: QuerySet | Iterable[Model]) -> int:
    """Take a person's name out of the change log of rows whose personal data is being erased.

    The log names each row as it was when it was changed ("Kalle Andersson", or a registration by him),
    and an added inline row is named inside the change message too. What was done, by whom and when
    stays; which person it was about goes, with the person. Returns the entries changed.
    """
    if isinstance(rows, QuerySet):
        model, pks = rows.model, [str(pk) for pk in rows.values_list("pk", flat=True)]
    else:
        rows = list(rows)
        if not rows:
            return 0
        model, pks = rows[0]._meta.model, [str(row.pk) for row in rows]
    if not pks:
        return 0
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return LogEntry.objects.filter(content_type=content_type, object_id__in=pks).update(
        object_repr=FORGOTTEN, change_message=""
    )
