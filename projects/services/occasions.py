"""Course occasions as project leaders change them in the admin: saved, moved, called off, removed."""

from django.db import transaction
from django.utils import timezone

from portal.models import User
from portal.reminders import reminders_cancel
from portal.tasks_util import enqueue_on_commit

from ..models import Enrolment, Occasion
from ..reminders import occasion_reminders_sync
from .enrolment import _fill_from_waiting_list, _lock_occasion, _notify_promoted
from .errors import OccasionHasEnrolments


@transaction.atomic
def occasion_save(*, occasion: Occasion, now=None) -> list[Enrolment]:
    """Save a new or changed occasion and carry out what follows from the change.

    A new start or end is mailed to everyone registered or waiting, with the calendar file under
    a higher SEQUENCE. A moved start moves the pending reminders of its participants and company
    contacts, and those already reminded about the old time are reminded again before the new one.
    More seats or a higher company quota are filled from the waiting list at once, as long as the
    occasion has not started. Returns the people promoted from the waiting list.
    """
    now = now or timezone.now()
    if occasion._state.adding:
        occasion.save()
        return []
    before = _lock_occasion(occasion.pk)  # the row as it was, locked against registrations meanwhile
    # Never changed by a form: a stale admin page must not undo a call-off or a newer version.
    occasion.status, occasion.cancelled_at, occasion.sequence = before.status, before.cancelled_at, before.sequence
    moved = (occasion.starts_at, occasion.ends_at) != (before.starts_at, before.ends_at)
    if moved:
        occasion.sequence += 1
    occasion.save()
    if occasion.starts_at != before.starts_at:
        occasion_reminders_sync(occasion=occasion, now=now)
    if moved and not occasion.is_cancelled:
        active = Enrolment.objects.active().filter(occasion=occasion).order_by("pk")
        if ids := list(active.values_list("pk", flat=True)):
            enqueue_on_commit("projects.tasks.send_occasion_changed_notices", occasion.pk, ids)
    seats_changed = occasion.seats != before.seats or occasion.company_quota != before.company_quota
    if not seats_changed or now >= occasion.starts_at or occasion.is_cancelled:
        return []
    promoted = _fill_from_waiting_list(occasion, now=now)
    _notify_promoted(promoted)
    return promoted


@transaction.atomic
def occasion_cancel(*, occasion: Occasion, by: User | None, now=None) -> Occasion:
    """Call an occasion off: it takes no more registrations, its waiting list is cleared, every
    reminder stops, and everyone registered or waiting (and their companies' contacts) is told,
    the employees with a calendar file that removes it (STATUS:CANCELLED, a higher SEQUENCE).
    Confirmed registrations are kept, as a record of who had a seat; calling off twice does nothing."""
    now = now or timezone.now()
    occasion = _lock_occasion(occasion.pk)
    if occasion.is_cancelled:
        return occasion
    active = list(Enrolment.objects.active().filter(occasion=occasion).order_by("pk").values_list("pk", flat=True))
    occasion.status = Occasion.Status.CANCELLED
    occasion.cancelled_at = now
    occasion.sequence += 1
    occasion.save(update_fields=["status", "cancelled_at", "sequence"])
    Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.WAITLISTED).update(
        status=Enrolment.Status.CANCELLED, cancelled_at=now, cancelled_by=by
    )
    occasion_reminders_sync(occasion=occasion, enrolments=Enrolment.objects.filter(pk__in=active), now=now)
    if active:
        enqueue_on_commit("projects.tasks.send_occasion_changed_notices", occasion.pk, active)
    return occasion


@transaction.atomic
def occasions_cancel(*, occasions, by: User | None, now=None) -> int:
    """Call off a selection (the admin's action), locked in the order of their ids. Returns how
    many were called off now (those already called off are left as they are)."""
    done = 0
    for occasion in occasions.exclude(status=Occasion.Status.CANCELLED).order_by("pk"):
        occasion_cancel(occasion=occasion, by=by, now=now)
        done += 1
    return done


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
