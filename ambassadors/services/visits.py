"""Visit requests: a small state machine between a school and an ambassador.

    requested ──accept──────────► accepted ──cancel──► cancelled
        │  └──propose──► proposed ──accept_proposal──┘  ↺ reschedule (either side)
        │                   │
        ├──decline◄─────────┤        (ambassador side)
        └──withdraw◄────────┘        (school side)

The ambassador side is the ambassador's own account or, for an ambassador without one, the
project's leaders. Every step is recorded as a VisitRequestEvent and e-mails the other side.
A booked visit has reminders (before it, and a feedback question after it) that move with it
and stop when it is cancelled; see ambassadors/reminders.py.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation, User
from portal.reminders import reminders_cancel, reminders_sync
from portal.selectors import schools_of
from portal.tasks_util import enqueue_on_commit

from ..exceptions import (
    DuplicateRequest,
    FeedbackNotPossible,
    InvalidDate,
    InvalidState,
    NotAllowed,
    NotPublic,
)
from ..models import Ambassador, VisitFeedback, VisitRequest, VisitRequestEvent
from ..reminders import VISIT_FEEDBACK, VISIT_SCHEDULE, visit_recipients
from ..selectors import visit_request_sides

State = VisitRequest.State
Side = VisitRequestEvent.Side
MAX_DAYS_AHEAD = 366


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    sides: frozenset[str]
    label: str


TRANSITIONS = {
    "accept": Transition((State.REQUESTED,), State.ACCEPTED, frozenset({Side.AMBASSADOR}), _("Tacka ja")),
    "propose": Transition((State.REQUESTED,), State.PROPOSED, frozenset({Side.AMBASSADOR}), _("Föreslå en annan tid")),
    "decline": Transition(
        (State.REQUESTED, State.PROPOSED), State.DECLINED, frozenset({Side.AMBASSADOR}), _("Tacka nej")
    ),
    "accept_proposal": Transition(
        (State.PROPOSED,), State.ACCEPTED, frozenset({Side.SCHOOL}), _("Ja, den tiden passar")
    ),
    "withdraw": Transition(
        (State.REQUESTED, State.PROPOSED),
        State.WITHDRAWN,
        frozenset({Side.SCHOOL}),
        _("Ta tillbaka förfrågan"),
    ),
    "reschedule": Transition(
        (State.ACCEPTED,), State.ACCEPTED, frozenset({Side.SCHOOL, Side.AMBASSADOR}), _("Flytta besöket")
    ),
    "cancel": Transition(
        (State.ACCEPTED,), State.CANCELLED, frozenset({Side.SCHOOL, Side.AMBASSADOR}), _("Ställ in besöket")
    ),
}
# Steps that change a booked visit, which is no longer possible once it has taken place.
BEFORE_THE_VISIT = frozenset({"reschedule", "cancel"})


def actions_available(visit_request: VisitRequest, sides: set[str], *, now=None) -> list[str]:
    """The steps these sides may take on the request as it is now (drives the buttons on its page)."""
    now = now or timezone.now()
    actions = []
    for name, transition in TRANSITIONS.items():
        if visit_request.state not in transition.sources or not (sides & transition.sides):
            continue
        if name in BEFORE_THE_VISIT and visit_request.scheduled_for and visit_request.scheduled_for <= now:
            continue
        actions.append(name)
    return actions


def _check_date(day: datetime.date, *, label) -> None:
    today = timezone.localdate()
    if day <= today:
        raise InvalidDate(_("%(label)s måste vara ett datum efter i dag.") % {"label": label})
    if day > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidDate(_("%(label)s får vara högst ett år fram i tiden.") % {"label": label})


def _check_time(moment: datetime.datetime) -> None:
    if moment <= timezone.now():
        raise InvalidDate(_("Tiden har redan varit. Välj en tid framåt."))
    if moment > timezone.now() + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidDate(_("Tiden får vara högst ett år fram i tiden."))


def _record(
    visit_request: VisitRequest, *, by: User, side: str, from_state: str, when=None, message: str = ""
) -> VisitRequestEvent:
    event = VisitRequestEvent.objects.create(
        visit_request=visit_request,
        actor=by,
        side=side,
        from_state=from_state,
        to_state=visit_request.state,
        when=when,
        message=message,
    )
    enqueue_on_commit("ambassadors.tasks.send_visit_event_mail", event.pk)
    return event


def _lock_ambassador(pk) -> Ambassador:
    return Ambassador.objects.select_for_update().get(pk=pk)


def _sync_reminders(visit_request: VisitRequest) -> None:
    """A booked visit: both sides are reminded before it and asked for feedback after; once it is
    called off, nobody is."""
    recipients = visit_recipients(visit_request) if visit_request.state == State.ACCEPTED else []
    for kind, offsets in VISIT_SCHEDULE.items():
        reminders_sync(
            target=visit_request, kind=kind, anchor=visit_request.scheduled_for, offsets=offsets, recipients=recipients
        )


@transaction.atomic
def visit_request_create(
    *,
    ambassador: Ambassador,
    requested_by: User,
    school: Organisation,
    group_name: str,
    school_year: str,
    pupils: int,
    first_choice: datetime.date,
    second_choice: datetime.date | None = None,
    third_choice: datetime.date | None = None,
    format: str,
    message: str = "",
) -> VisitRequest:  # noqa: A002 - the field's name
    # Locking the profile makes two quick submissions of the same form queue up, so the second
    # one sees the first and is refused as a duplicate.
    ambassador = _lock_ambassador(ambassador.pk)
    if not Ambassador.objects.public().filter(pk=ambassador.pk).exists():
        raise NotPublic()
    if not schools_of(requested_by).filter(pk=school.pk).exists():
        raise NotAllowed(
            _(
                "Du kan bara skicka förfrågningar för skolor där du är registrerad som lärare "
                "eller studie- och yrkesvägledare."
            )
        )
    if format not in ambassador.visit_formats():
        raise InvalidState(_("%(name)s gör inte besök i den formen.") % {"name": ambassador.display_name})
    dates = [d for d in (first_choice, second_choice, third_choice) if d]
    for day in dates:
        _check_date(day, label=_("Önskat datum"))
    if len(set(dates)) != len(dates):
        raise InvalidDate(_("Ange olika datum som alternativ."))
    if VisitRequest.objects.filter(
        ambassador=ambassador, requested_by=requested_by, state__in=VisitRequest.OPEN_STATES
    ).exists():
        raise DuplicateRequest()
    visit_request = VisitRequest(
        ambassador=ambassador,
        requested_by=requested_by,
        school=school,
        group_name=group_name.strip(),
        school_year=school_year,
        pupils=pupils,
        first_choice=first_choice,
        second_choice=second_choice,
        third_choice=third_choice,
        format=format,
        message=message.strip(),
    )
    visit_request.full_clean()
    visit_request.save()
    _record(visit_request, by=requested_by, side=Side.SCHOOL, from_state="")
    return visit_request


def _begin(visit_request: VisitRequest, *, by: User, action: str) -> tuple[VisitRequest, str]:
    """Lock the request, then check that this user may take this step now. Returns the acting side."""
    visit_request = (
        VisitRequest.objects.select_for_update(of=("self",)).select_related("ambassador__user").get(pk=visit_request.pk)
    )
    transition = TRANSITIONS[action]
    sides = visit_request_sides(by, visit_request)
    if not sides:
        raise NotAllowed()
    acting = sides & transition.sides
    if not acting:
        raise NotAllowed(_("Det steget tas av den andra parten."))
    if visit_request.state not in transition.sources:
        raise InvalidState()
    side = Side.SCHOOL if Side.SCHOOL in acting else Side.AMBASSADOR
    return visit_request, side


def _move(
    visit_request: VisitRequest, *, action: str, by: User, side: str, when=None, message: str = "", **fields
) -> VisitRequest:
    from_state = visit_request.state
    visit_request.state = TRANSITIONS[action].target
    for name, value in fields.items():
        setattr(visit_request, name, value)
    if State.ACCEPTED in (from_state, visit_request.state):
        visit_request.sequence += 1  # the calendar file of the booking changes
    visit_request.save()
    _record(visit_request, by=by, side=side, from_state=from_state, when=when, message=message.strip())
    if State.ACCEPTED in (from_state, visit_request.state):  # booked, moved or called off
        _sync_reminders(visit_request)
    return visit_request


@transaction.atomic
def visit_request_accept(
    *, visit_request: VisitRequest, by: User, scheduled_for: datetime.datetime, message: str = ""
) -> VisitRequest:
    visit_request, side = _begin(visit_request, by=by, action="accept")
    _check_time(scheduled_for)
    return _move(
        visit_request,
        action="accept",
        by=by,
        side=side,
        when=scheduled_for,
        message=message,
        scheduled_for=scheduled_for,
    )


@transaction.atomic
def visit_request_propose(
    *, visit_request: VisitRequest, by: User, proposed_for: datetime.datetime, message: str = ""
) -> VisitRequest:
    visit_request, side = _begin(visit_request, by=by, action="propose")
    _check_time(proposed_for)
    return _move(
        visit_request,
        action="propose",
        by=by,
        side=side,
        when=proposed_for,
        message=message,
        proposed_for=proposed_for,
    )


@transaction.atomic
def visit_request_decline(*, visit_request: VisitRequest, by: User, message: str = "") -> VisitRequest:
    visit_request, side = _begin(visit_request, by=by, action="decline")
    return _move(visit_request, action="decline", by=by, side=side, message=message)


@transaction.atomic
def visit_request_accept_proposal(*, visit_request: VisitRequest, by: User, message: str = "") -> VisitRequest:
    visit_request, side = _begin(visit_request, by=by, action="accept_proposal")
    if visit_request.proposed_for <= timezone.now():
        raise InvalidDate(_("Den föreslagna tiden har redan varit. Ta tillbaka förfrågan och skicka en ny."))
    return _move(
        visit_request,
        action="accept_proposal",
        by=by,
        side=side,
        when=visit_request.proposed_for,
        message=message,
        scheduled_for=visit_request.proposed_for,
    )


@transaction.atomic
def visit_request_withdraw(*, visit_request: VisitRequest, by: User, message: str = "") -> VisitRequest:
    visit_request, side = _begin(visit_request, by=by, action="withdraw")
    return _move(visit_request, action="withdraw", by=by, side=side, message=message)


@transaction.atomic
def visit_request_reschedule(
    *, visit_request: VisitRequest, by: User, scheduled_for: datetime.datetime, message: str = ""
) -> VisitRequest:
    """Move a booked visit (either side); the other side is told, and the reminders move with it."""
    visit_request, side = _begin(visit_request, by=by, action="reschedule")
    if visit_request.scheduled_for <= timezone.now():
        raise InvalidState(_("Besöket har redan ägt rum och kan inte flyttas."))
    _check_time(scheduled_for)
    if scheduled_for == visit_request.scheduled_for:
        raise InvalidDate(_("Besöket är redan bokat den tiden. Välj en ny tid."))
    return _move(
        visit_request,
        action="reschedule",
        by=by,
        side=side,
        when=scheduled_for,
        message=message,
        scheduled_for=scheduled_for,
    )


@transaction.atomic
def visit_request_cancel(*, visit_request: VisitRequest, by: User, message: str) -> VisitRequest:
    visit_request, side = _begin(visit_request, by=by, action="cancel")
    if visit_request.scheduled_for <= timezone.now():
        raise InvalidState(_("Besöket har redan ägt rum och kan inte ställas in."))
    if not message.strip():
        raise InvalidState(_("Skriv några ord om varför besöket ställs in."))
    return _move(visit_request, action="cancel", by=by, side=side, message=message)


@transaction.atomic
def visit_feedback_give(*, visit_request: VisitRequest, by: User, rating: int, comment: str = "") -> VisitFeedback:
    """After the visit, each side may rate it once (1–5) with a short comment for the project leaders."""
    visit_request = (
        VisitRequest.objects.select_for_update(of=("self",)).select_related("ambassador__user").get(pk=visit_request.pk)
    )
    sides = visit_request_sides(by, visit_request)
    if not sides:
        raise NotAllowed()
    if not visit_request.has_taken_place:
        raise FeedbackNotPossible()
    given = set(visit_request.feedback.values_list("side", flat=True))
    open_sides = sorted(sides - given)  # "ambassador" < "school": one person holding both answers for both
    if not open_sides:
        raise FeedbackNotPossible(_("Du har redan lämnat återkoppling på det här besöket."))
    if not 1 <= int(rating) <= 5:
        raise FeedbackNotPossible(_("Välj ett betyg mellan 1 och 5."))
    feedback = VisitFeedback.objects.create(
        visit_request=visit_request,
        side=open_sides[-1],
        author=by,
        rating=int(rating),
        comment=comment.strip(),
    )
    # Given before the question went out: it is not asked. (Others on the same side, such as a
    # second project leader, are checked when their question falls due.)
    reminders_cancel(target=visit_request, kind=VISIT_FEEDBACK, user=by)
    return feedback


def feedback_sides_open(visit_request: VisitRequest, sides: set[str]) -> set[str]:
    if not visit_request.has_taken_place:
        return set()
    given = {feedback.side for feedback in visit_request.feedback.all()}
    return sides - given
