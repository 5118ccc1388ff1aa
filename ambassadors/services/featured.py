"""'Veckans yrkesambassadör': one published ambassador per week, rotated fairly.

The rotation picks whoever has gone longest without being featured (never featured first). Weeks a
project leader has planned count too, also future ones, so nobody planned for next month is picked
this week as well. Exact ties (e.g. several newly published profiles) are broken by a draw seeded
with the week, so the result is fair between them and the same if the task runs twice.
"""

import datetime
import random

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from ..exceptions import NotAllowed, NotPublic, WeekNotAvailable
from ..models import Ambassador, Feature
from ..selectors import can_manage, week_start


def _rotation_pick(week: datetime.date) -> Ambassador | None:
    other_weeks = ~Q(features__week_start=week)
    candidates = list(
        Ambassador.objects.public()
        .annotate(
            last_featured=Max("features__week_start", filter=other_weeks),
            times_featured=Count("features", filter=other_weeks),
        )
        .values_list("pk", "last_featured", "times_featured")
    )
    if not candidates:
        return None

    # Never featured first, then the longest since last time, then the fewest times in all.
    keys = {pk: (last is not None, last or datetime.date.min, times) for pk, last, times in candidates}
    best = min(keys.values())
    tied = sorted(pk for pk, key in keys.items() if key == best)
    chosen = random.Random(week.toordinal()).choice(tied)
    return Ambassador.objects.get(pk=chosen)


@transaction.atomic
def featured_pick(*, week: datetime.date | None = None) -> Feature | None:
    """Make sure the week has a featured ambassador: keep a planned or earlier pick that is still
    public, otherwise pick by rotation. Safe to run any number of times in a week."""
    week = week_start(week)
    existing = Feature.objects.select_for_update().filter(week_start=week).first()
    if existing is not None and Ambassador.objects.public().filter(pk=existing.ambassador_id).exists():
        return existing
    ambassador = _rotation_pick(week)
    if ambassador is None:
        return existing
    if existing is not None:  # planned, but the profile has been hidden since
        existing.ambassador = ambassador
        existing.planned_by = None
        existing.save(update_fields=["ambassador", "planned_by"])
        return existing
    try:
        with transaction.atomic():
            return Feature.objects.create(week_start=week, ambassador=ambassador)
    except IntegrityError:  # another run picked this week at the same moment; theirs stands
        return Feature.objects.get(week_start=week)


def feature_plan_check(*, week: datetime.date, ambassador: Ambassador, by) -> datetime.date:
    """Raise the reason a leader cannot plan this ambassador for this week; return the week's Monday."""
    week = week_start(week)
    if not can_manage(by, ambassador):
        raise NotAllowed()
    if week < week_start():
        raise WeekNotAvailable(_("Veckan har redan varit."))
    if not Ambassador.objects.public().filter(pk=ambassador.pk).exists():
        raise NotPublic(_("Bara publicerade ambassadörer kan planeras som veckans yrkesambassadör."))
    existing = Feature.objects.filter(week_start=week).first()
    if existing is not None and existing.planned_by_id is not None and existing.ambassador_id != ambassador.pk:
        raise WeekNotAvailable(
            _("Vecka %(week)s är redan planerad för en annan ambassadör.") % {"week": week.isocalendar()[1]}
        )
    return week


@transaction.atomic
def feature_plan(*, week: datetime.date, ambassador: Ambassador, by) -> Feature:
    """A project leader plans who is featured a coming week (or replaces this week's automatic pick)."""
    week = feature_plan_check(week=week, ambassador=ambassador, by=by)
    existing = Feature.objects.select_for_update().filter(week_start=week).first()
    if existing is not None:
        feature_plan_check(week=week, ambassador=ambassador, by=by)  # again, now that the row is locked
        existing.ambassador = ambassador
        existing.planned_by = by
        existing.save(update_fields=["ambassador", "planned_by"])
        return existing
    return Feature.objects.create(week_start=week, ambassador=ambassador, planned_by=by)


def feature_may_unplan(feature: Feature) -> bool:
    """Only coming weeks can be unplanned: a week that has begun is history."""
    return feature.week_start > week_start()


@transaction.atomic
def features_unplan(*, features) -> int:
    """Unplan the coming weeks among `features` (a queryset); weeks that have begun stay.
    Returns how many were unplanned; the rotation picks those weeks when they come."""
    deleted, _rows = features.filter(week_start__gt=week_start()).delete()
    return deleted
