"""Course occasions as project leaders change them in the admin."""

from django.db import transaction
from django.utils import timezone

from portal.reminders import reminders_cancel

from ..models import Enrolment, Occasion
from ..reminders import occasion_reminders_sync
from .enrolment import _fill_from_waiting_list, _lock_occasion, _notify_promoted
from .errors import OccasionHasEnrolments


@transaction.atomic
def occasion_save(*, occasion: Occasion, now=None) -> list[Enrolment]:
    """Save a new or changed occasion and carry out what follows from the change.

    A moved start moves the pending reminders of its participants and company contacts, and
    those already reminded about the old time are reminded again before the new one. More
    seats or a higher company quota are filled from the waiting list at once, as long as the
    occasion has not started. Returns the people promoted from the waiting list.
    """
    now = now or timezone.now()
    if occasion._state.adding:
        occasion.save()
        return []
    before = _lock_occasion(occasion.pk)  # the row as it was, locked against registrations meanwhile
    occasion.save()
    if occasion.starts_at != before.starts_at:
        occasion_reminders_sync(occasion=occasion, now=now)
    seats_changed = occasion.seats != before.seats or occasion.company_quota != before.company_quota
    if not seats_changed or now >= occasion.starts_at:
        return []
    promoted = _fill_from_waiting_list(occasion, now=now)
    _notify_promoted(promoted)
    return promoted


@transaction.atomic
def occasion_delete(*, occasion: Occasion) -> None:
    """Remove an occasion nobody has registered for, with its pending reminders.

    One with registrations, even cancelled ones, stays (OccasionHasEnrolments): the reports count
    them, and those registered would lose their seat without a word. Locked first, so a
    registration arriving meanwhile is either seen here or refused."""
    occasion = _lock_occasion(occasion.pk)
    if occasion.enrolments.exists():
        raise OccasionHasEnrolments()
    reminders_cancel(target=occasion)
    occasion.delete()
