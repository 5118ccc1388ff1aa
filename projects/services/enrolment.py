"""Seats on course occasions: registering staff, the waiting list, cancelling, attendance.

Every change of who holds a seat locks the occasion's row first, then counts, then takes (as
pretix does with quotas): two company contacts registering at the same moment are served one
after the other, so an occasion never has more confirmed participants than seats.
"""

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation, User
from portal.tasks_util import enqueue_on_commit

from ..models import Employee, Enrolment, Occasion, Project
from ..reminders import occasion_reminders_sync
from .errors import (
    AlreadyCancelled,
    AlreadyEnrolled,
    AttendanceError,
    CancellationClosed,
    NoEmployeesChosen,
    NotOnStaff,
    OccasionNotPublic,
    RegistrationClosed,
    SeatsBusy,
)

# Switched off only by the concurrency control test, which shows the race this lock prevents.
LOCK_SEATS = True


# PostgreSQL's "lock_not_available": the database's lock_timeout (settings) ran out while waiting.
LOCK_NOT_AVAILABLE = "55P03"


def _lock_occasion(pk: int) -> Occasion:
    queryset = Occasion.objects.select_related("course__project")
    if LOCK_SEATS:
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.get(pk=pk)
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise SeatsBusy() from error
        raise


def confirmed_counts(occasion: Occasion) -> Counter:
    """Confirmed enrolments on the occasion per company id (the total is their sum)."""
    rows = (
        Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.CONFIRMED)
        .order_by()
        .values("company_id")
        .annotate(n=Count("pk"))
        .values_list("company_id", "n")
    )
    return Counter(dict(rows))


def _has_room(occasion: Occasion, counts: Counter, company_id: int) -> bool:
    if counts.total() >= occasion.seats:
        return False
    return occasion.company_quota is None or counts[company_id] < occasion.company_quota


def _fill_from_waiting_list(occasion: Occasion, *, now) -> list[Enrolment]:
    """Confirm waitlisted people in the order they registered while seats (and their company's quota) last.

    The caller holds the occasion's lock. Someone whose company has used its quota keeps their
    place in the queue; the next person from another company moves up past them. The promoted
    get their reminders before the occasion like everyone confirmed.
    """
    counts = confirmed_counts(occasion)
    promoted = []
    waiting = (
        Enrolment.objects.filter(occasion=occasion, status=Enrolment.Status.WAITLISTED)
        .select_related("employee")
        .order_by("created", "pk")
    )
    for enrolment in waiting:
        if counts.total() >= occasion.seats:
            break
        if not _has_room(occasion, counts, enrolment.company_id):
            continue
        enrolment.status = Enrolment.Status.CONFIRMED
        enrolment.confirmed_at = now
        enrolment.save(update_fields=["status", "confirmed_at"])
        counts[enrolment.company_id] += 1
        promoted.append(enrolment)
    if promoted:
        occasion_reminders_sync(occasion=occasion, enrolments=promoted, now=now)
    return promoted


def _notify_promoted(promoted: Iterable[Enrolment]) -> None:
    for enrolment in promoted:
        enqueue_on_commit("projects.tasks.send_promotion_notice", enrolment.pk)


@transaction.atomic
def enrolments_create(
    *,
    occasion: Occasion,
    company: Organisation,
    employees: Iterable[Employee],
    by: User | None,
    accessibility_needs: str = "",
    now=None,
) -> list[Enrolment]:
    """Register the chosen employees on the occasion, in the order given.

    Each is confirmed while there are seats and the company's quota allows, the rest go on the
    waiting list. All or nothing: if any of them is already registered, nobody is. Accessibility
    needs, if given, are recorded for each of them. The confirmed get reminders before the start.
    """
    accessibility_needs = accessibility_needs.strip()
    employees = list({employee.pk: employee for employee in employees}.values())  # each person once
    if not employees:
        raise NoEmployeesChosen()
    if any(e.company_id != company.pk or e.removed_at is not None for e in employees):
        raise NotOnStaff()
    occasion = _lock_occasion(occasion.pk)
    # Read once the lock is held, so the order of the waiting list is the order of being served
    # (taken before the lock, someone who waited longer for it would jump ahead of earlier ones).
    now = now or timezone.now()
    if occasion.course.project.status != Project.Status.PUBLISHED:
        raise OccasionNotPublic()
    if not occasion.is_open_for_registration(now):
        raise RegistrationClosed()
    already = Enrolment.objects.active().filter(occasion=occasion, employee__in=employees)
    if names := sorted(enrolment.employee.full_name for enrolment in already.select_related("employee")):
        raise AlreadyEnrolled(names)

    counts = confirmed_counts(occasion)
    created = []
    for employee in employees:
        confirmed = _has_room(occasion, counts, company.pk)
        enrolment = Enrolment(
            occasion=occasion,
            employee=employee,
            company=company,
            registered_by=by,
            created=now,
            status=Enrolment.Status.CONFIRMED if confirmed else Enrolment.Status.WAITLISTED,
            confirmed_at=now if confirmed else None,
            has_accessibility_needs=bool(accessibility_needs),
            accessibility_needs=accessibility_needs,
        )
        if confirmed:
            counts[company.pk] += 1
        created.append(enrolment)
    try:
        with transaction.atomic():
            for enrolment in created:
                enrolment.save()
    except IntegrityError as error:
        # Only reachable without the row lock (SQLite under load): the unique constraint holds.
        raise AlreadyEnrolled([e.full_name for e in employees]) from error

    occasion_reminders_sync(occasion=occasion, enrolments=created, now=now)
    ids = [enrolment.pk for enrolment in created]
    enqueue_on_commit("projects.tasks.send_enrolment_notices", ids)
    return created


@transaction.atomic
def enrolment_cancel(
    *, enrolment: Enrolment, by: User | None, now=None, enforce_deadline: bool = True
) -> list[Enrolment]:
    """Cancel a registration; a freed seat goes to the first on the waiting list who may take it.

    Company contacts cancel only until the cancellation deadline; the project leader (admin) and
    staff removal pass `enforce_deadline=False`. Returns the enrolments that were promoted.
    """
    now = now or timezone.now()
    occasion = _lock_occasion(enrolment.occasion_id)
    enrolment = Enrolment.objects.select_related("employee").get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.CANCELLED:
        raise AlreadyCancelled()
    if enforce_deadline and not occasion.is_open_for_cancellation(now):
        raise CancellationClosed()
    held_seat = enrolment.status == Enrolment.Status.CONFIRMED
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.cancelled_at = now
    enrolment.cancelled_by = by
    enrolment.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    occasion_reminders_sync(occasion=occasion, enrolments=[enrolment], now=now)

    promoted = _fill_from_waiting_list(occasion, now=now) if held_seat and now < occasion.starts_at else []

    enqueue_on_commit("projects.tasks.send_cancellation_notice", enrolment.pk)
    _notify_promoted(promoted)
    return promoted


@transaction.atomic
def enrolments_cancel_by_leader(*, enrolments: QuerySet[Enrolment], by: User, now=None) -> int:
    """A project leader cancels a selection: every active registration in it, also after the
    deadline (someone fell ill), each freed seat going to the waiting list. Occasions are locked
    in the order of their ids. Returns how many were cancelled."""
    cancelled = 0
    for enrolment in enrolments.active().order_by("occasion_id", "pk"):
        enrolment_cancel(enrolment=enrolment, by=by, now=now, enforce_deadline=False)
        cancelled += 1
    return cancelled


@transaction.atomic
def waitlist_promote(*, occasion: Occasion, now=None) -> list[Enrolment]:
    """Fill free seats from the waiting list, e.g. after a project leader added seats or raised the quota."""
    now = now or timezone.now()
    occasion = _lock_occasion(occasion.pk)
    if now >= occasion.starts_at:
        return []
    promoted = _fill_from_waiting_list(occasion, now=now)
    _notify_promoted(promoted)
    return promoted


@transaction.atomic
def attendance_record_many(*, enrolments: QuerySet[Enrolment], attended: bool) -> tuple[int, int]:
    """Attendance for a selection (came for the course's full length, or did not come): recorded
    for the confirmed participants; those waiting or cancelled are skipped. Returns (recorded, skipped)."""
    recorded = skipped = 0
    for enrolment in enrolments.select_related("occasion__course"):
        if enrolment.status != Enrolment.Status.CONFIRMED:
            skipped += 1
            continue
        attendance_record(enrolment=enrolment, attended=attended)
        recorded += 1
    return recorded, skipped


@transaction.atomic
def attendance_record(*, enrolment: Enrolment, attended: bool | None, hours: Decimal | None = None) -> Enrolment:
    """Record whether a confirmed participant came and for how many hours.

    Attending without hours given counts the course's full length; not attending counts none.
    """
    if attended is not None and enrolment.status != Enrolment.Status.CONFIRMED:
        raise AttendanceError()
    if attended is None:
        hours = None
    elif not attended:
        hours = Decimal(0)
    elif hours is None:
        hours = enrolment.occasion.course.hours
    if hours is not None and hours < 0:
        raise AttendanceError(_("Antalet timmar kan inte vara negativt."))
    enrolment.attended = attended
    enrolment.hours = hours
    enrolment.save(update_fields=["attended", "hours"])
    return enrolment
