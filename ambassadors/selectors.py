"""Reads that the public pages, the admin and the e-mails share: who may see and act on what."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import Collate
from django.utils import timezone

from portal.models import User
from projects.selectors import current_leaders, projects_led_by

from .models import Ambassador, Feature, ProfileChange, VisitFeedback, VisitRequest, VisitRequestEvent

Side = VisitRequestEvent.Side


def week_start(day: datetime.date | None = None) -> datetime.date:
    """The Monday of the week `day` falls in (today in Sweden by default)."""
    day = day or timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def name_ordering(field: str = "display_name"):
    """Order names as a Swedish reader expects (Å, Ä, Ö after Z) where the database knows Swedish."""
    if connection.vendor == "postgresql":
        return Collate(field, "sv-x-icu")
    return field


# --- Profiles -----------------------------------------------------------------------------------


def ambassadors_for_cards(queryset: QuerySet[Ambassador] | None = None) -> QuerySet[Ambassador]:
    queryset = Ambassador.objects.public() if queryset is None else queryset
    return queryset.select_related("profession", "industry", "municipality__region")


def ambassadors_managed_by(user) -> QuerySet[Ambassador]:
    """Profiles the user may edit, publish and record consent for: those of the projects they lead."""
    return Ambassador.objects.filter(project__in=projects_led_by(user))


def can_manage(user, ambassador: Ambassador) -> bool:
    return projects_led_by(user).filter(pk=ambassador.project_id).exists()


def ambassador_visible_to(user, *, slug: str) -> Ambassador | None:
    """A public profile for anyone; an unpublished one only for its ambassador and its project leaders."""
    queryset = Ambassador.objects.select_related("profession", "industry", "municipality__region", "project")
    ambassador = queryset.filter(slug=slug).first()
    if ambassador is None:
        return None
    if ambassador.is_public():
        return ambassador
    if user.is_authenticated and (ambassador.user_id == user.id or can_manage(user, ambassador)):
        return ambassador
    return None


def ambassador_of(user) -> Ambassador | None:
    if not user.is_authenticated:
        return None
    return Ambassador.objects.filter(user=user).select_related("project").first()


# --- Ambassador of the week ---------------------------------------------------------------------


def featured_current(*, today: datetime.date | None = None) -> Feature | None:
    """This week's featured ambassador, if one was picked and the profile is still public."""
    return (
        Feature.objects.filter(week_start=week_start(today), ambassador__in=Ambassador.objects.public())
        .select_related("ambassador__profession", "ambassador__municipality__region")
        .first()
    )


def visitor_kind(user) -> set[str]:
    """This app's part of a signed-in visitor's kind: ambassadors get a link to their profile."""
    return {"ambassador_profile"} if Ambassador.objects.filter(user=user).exists() else set()


def home_context(request) -> dict:
    return {"ambassador_of_the_week": featured_current()}


# --- Visit requests -----------------------------------------------------------------------------


def visit_requests_for(user) -> QuerySet[VisitRequest]:
    """The requests a user is a party to: those they sent, those to their own profile, and, for a
    project leader, those to their projects' ambassadors who have no account of their own."""
    if not user.is_authenticated:
        return VisitRequest.objects.none()
    return VisitRequest.objects.filter(
        Q(requested_by=user)
        | Q(ambassador__user=user)
        | Q(ambassador__user__isnull=True, ambassador__project__in=projects_led_by(user))
    )


def visit_request_sides(user, visit_request: VisitRequest, *, led_project_ids: set | None = None) -> set[str]:
    """Which side(s) of the request the user speaks for. Lists pass the ids of the projects the
    user leads (read once) so that each row costs no query."""
    sides = set()
    if not user.is_authenticated:
        return sides
    if visit_request.requested_by_id == user.id:
        sides.add(Side.SCHOOL)
    ambassador = visit_request.ambassador
    if ambassador.user_id is None:
        if led_project_ids is None:
            speaks_for_ambassador = can_manage(user, ambassador)
        else:
            speaks_for_ambassador = ambassador.project_id in led_project_ids
    else:
        speaks_for_ambassador = ambassador.user_id == user.id
    if speaks_for_ambassador:
        sides.add(Side.AMBASSADOR)
    return sides


@dataclass(frozen=True)
class VisitRequestParty:
    """How one person takes part in a visit request: the sides they speak for, whether they answer
    for an ambassador without an account (a project leader), and the feedback they have given."""

    sides: set[str]
    acting_for_ambassador: bool
    own_feedback: list[VisitFeedback]

    @property
    def is_school(self) -> bool:
        return Side.SCHOOL in self.sides

    @property
    def is_ambassador_side(self) -> bool:
        return Side.AMBASSADOR in self.sides


def visit_request_party(user, visit_request: VisitRequest) -> VisitRequestParty:
    """The feedback is read from what the request has prefetched."""
    sides = visit_request_sides(user, visit_request)
    return VisitRequestParty(
        sides=sides,
        acting_for_ambassador=Side.AMBASSADOR in sides and visit_request.ambassador.user_id != user.id,
        own_feedback=[f for f in visit_request.feedback.all() if f.author_id == user.id],
    )


def visit_request_rows(user, visit_requests) -> list[tuple[VisitRequest, bool]]:
    """A page of a person's visit requests, each with whether it waits for their answer (the
    projects they lead asked once for the page)."""
    led = set(projects_led_by(user).values_list("pk", flat=True))
    return [
        (visit_request, visit_request.awaits_answer_from(visit_request_sides(user, visit_request, led_project_ids=led)))
        for visit_request in visit_requests
    ]


def photo_for(user, ambassador: Ambassador, name: str):
    """The photo file stored as `name` if the user may see it, with whether it is the public one
    (cacheable): a public profile's photo for everyone; a hidden profile's, or one in edits that
    await approval, only for the ambassador and the project's leaders. None: not to be shown."""
    is_public = ambassador.is_public()
    may_preview = user.is_authenticated and (ambassador.user_id == user.id or can_manage(user, ambassador))
    if ambassador.photo.name == name and (is_public or may_preview):
        return ambassador.photo, is_public
    if may_preview:
        change = ambassador.profile_changes.filter(status=ProfileChange.Status.PENDING, photo=name).first()
        if change is not None:
            return change.photo, False
    return None


def ambassador_side_users(ambassador: Ambassador) -> list[User]:
    """Who answers for the ambassador: the ambassador's own account, else the project's leaders."""
    if ambassador.user_id and ambassador.user.is_active:
        return [ambassador.user]
    return current_leaders(ambassador.project_id)


def feedback_summary(ambassador_ids) -> dict[int, dict]:
    """Average rating and number of feedback answers per ambassador, in one query."""
    rows = (
        VisitFeedback.objects.filter(visit_request__ambassador_id__in=list(ambassador_ids))
        .values("visit_request__ambassador_id")
        .annotate(average=Avg("rating"), count=Count("pk"))
    )
    return {row["visit_request__ambassador_id"]: {"average": row["average"], "count": row["count"]} for row in rows}
