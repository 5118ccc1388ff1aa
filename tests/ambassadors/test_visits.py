"""Visit requests: every transition, who may take it, and the e-mail to the other side."""

import datetime

import pytest
from django.utils import timezone

from ambassadors import services
from ambassadors.exceptions import (
    AmbassadorError,
    DuplicateRequest,
    FeedbackNotPossible,
    InvalidDate,
    InvalidState,
    NotAllowed,
    NotPublic,
)
from ambassadors.models import VisitRequest, VisitRequestEvent
from ambassadors.services.visits import TRANSITIONS
from tests.ambassadors.factories import (
    AmbassadorFactory,
    at,
    future,
    lead,
    published_ambassador,
    visit_request,
)
from tests.factories import SchoolFactory, UserFactory, teacher

pytestmark = pytest.mark.django_db
S = VisitRequest.State


def run(action, visit_request, by):
    """Take one step with sensible input."""
    when = at(future(30), 13)
    if action == "accept":
        return services.visit_request_accept(visit_request=visit_request, by=by, scheduled_for=when)
    if action == "propose":
        return services.visit_request_propose(visit_request=visit_request, by=by, proposed_for=when, message="Går 13?")
    if action == "cancel":
        return services.visit_request_cancel(visit_request=visit_request, by=by, message="Sjukdom")
    if action == "reschedule":
        return services.visit_request_reschedule(
            visit_request=visit_request, by=by, scheduled_for=at(future(31), 10), message="Krockar med prao"
        )
    return getattr(services, f"visit_request_{action}")(visit_request=visit_request, by=by)


def in_state(state, *, account=True):
    """A request brought to `state` by the rightful parties. Returns (request, people)."""
    ambassador_user = UserFactory() if account else None
    ambassador = published_ambassador(user=ambassador_user)
    leader = ambassador.project.leaders.get().user
    request = visit_request(ambassador)
    teacher_user = request.requested_by
    answerer = ambassador_user or leader
    steps = {
        S.REQUESTED: [],
        S.PROPOSED: [("propose", answerer)],
        S.ACCEPTED: [("accept", answerer)],
        S.DECLINED: [("decline", answerer)],
        S.WITHDRAWN: [("withdraw", teacher_user)],
        S.CANCELLED: [("accept", answerer), ("cancel", teacher_user)],
    }[state]
    for action, by in steps:
        request = run(action, request, by)
    people = {
        "teacher": teacher_user,
        "ambassador": ambassador_user,
        "leader": leader,
        "another teacher": teacher(SchoolFactory()),
        "another leader": lead(AmbassadorFactory().project),
    }
    return request, people


# Who speaks for which side. With an account the ambassador answers; without, the project leader does.
ALLOWED_WITH_ACCOUNT = {
    "accept": {(S.REQUESTED, "ambassador")},
    "propose": {(S.REQUESTED, "ambassador")},
    "decline": {(S.REQUESTED, "ambassador"), (S.PROPOSED, "ambassador")},
    "accept_proposal": {(S.PROPOSED, "teacher")},
    "withdraw": {(S.REQUESTED, "teacher"), (S.PROPOSED, "teacher")},
    "reschedule": {(S.ACCEPTED, "teacher"), (S.ACCEPTED, "ambassador")},
    "cancel": {(S.ACCEPTED, "teacher"), (S.ACCEPTED, "ambassador")},
}
TARGET = {
    "accept": S.ACCEPTED,
    "propose": S.PROPOSED,
    "decline": S.DECLINED,
    "accept_proposal": S.ACCEPTED,
    "withdraw": S.WITHDRAWN,
    "reschedule": S.ACCEPTED,
    "cancel": S.CANCELLED,
}


def test_the_table_covers_every_transition():
    assert set(ALLOWED_WITH_ACCOUNT) == set(TRANSITIONS)
    assert all(TRANSITIONS[name].target == target for name, target in TARGET.items())


@pytest.mark.parametrize("account", [True, False], ids=["with account", "without account"])
@pytest.mark.parametrize("state", list(S))
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_who_may_take_which_step_from_which_state(action, state, account):
    allowed = {(s, "leader" if who == "ambassador" and not account else who) for s, who in ALLOWED_WITH_ACCOUNT[action]}
    actors = ["teacher", "leader", "another teacher", "another leader"] + (["ambassador"] if account else [])
    for actor in actors:
        request, people = in_state(state, account=account)
        if (state, actor) in allowed:
            assert run(action, request, people[actor]).state == TARGET[action], actor
            assert request.events.last().to_state == TARGET[action]
        else:
            with pytest.raises((NotAllowed, InvalidState)):
                run(action, request, people[actor])
            request.refresh_from_db()
            assert request.state == state, actor


def test_accepting_stores_the_booked_time_for_reminders():
    request, people = in_state(S.REQUESTED)
    when = at(future(20), 9)
    services.visit_request_accept(visit_request=request, by=people["ambassador"], scheduled_for=when)
    request.refresh_from_db()
    assert request.scheduled_for == when


def test_accepting_a_proposal_books_the_proposed_time():
    request, people = in_state(S.PROPOSED)
    services.visit_request_accept_proposal(visit_request=request, by=people["teacher"])
    request.refresh_from_db()
    assert request.state == S.ACCEPTED and request.scheduled_for == request.proposed_for


@pytest.mark.parametrize(
    ("state", "action", "actor", "told"),
    [
        (S.REQUESTED, "accept", "ambassador", "teacher"),
        (S.REQUESTED, "propose", "ambassador", "teacher"),
        (S.REQUESTED, "decline", "ambassador", "teacher"),
        (S.PROPOSED, "accept_proposal", "teacher", "ambassador"),
        (S.REQUESTED, "withdraw", "teacher", "ambassador"),
        (S.ACCEPTED, "cancel", "teacher", "ambassador"),
        (S.ACCEPTED, "cancel", "ambassador", "teacher"),
        (S.ACCEPTED, "reschedule", "teacher", "ambassador"),
        (S.ACCEPTED, "reschedule", "ambassador", "teacher"),
    ],
)
def test_each_step_emails_the_other_side(state, action, actor, told, mailoutbox, committed):
    request, people = in_state(state)
    mailoutbox.clear()
    with committed():
        run(action, request, people[actor])
    assert [m.to for m in mailoutbox] == [[people[told].email]]


def test_a_new_request_emails_the_ambassador(mailoutbox, committed):
    ambassador = published_ambassador(user=UserFactory())
    with committed():
        visit_request(ambassador, group_name="7C", pupils=22)
    (mail,) = mailoutbox
    assert mail.to == [ambassador.user.email]
    assert "7C" in mail.body and "22" in mail.body and "/ambassadorer/forfragningar/" in mail.body


def test_without_an_account_the_project_leaders_are_emailed_and_told_they_answer(mailoutbox, committed):
    ambassador = published_ambassador()
    leader = ambassador.project.leaders.get().user
    with committed():
        visit_request(ambassador)
    (mail,) = mailoutbox
    assert mail.to == [leader.email] and "projektledare" in mail.body


def test_the_email_goes_out_once_even_if_the_task_runs_again(mailoutbox, committed):
    from ambassadors.tasks import send_visit_event_mail

    with committed():
        request = visit_request(published_ambassador(user=UserFactory()))
    event = request.events.get()
    assert send_visit_event_mail.delay(event.pk).get() == 0
    assert len(mailoutbox) == 1


# --- Creating a request --------------------------------------------------------------------------


def test_only_a_teacher_at_the_chosen_school_can_ask():
    ambassador = published_ambassador()
    school = SchoolFactory()
    with pytest.raises(NotAllowed):
        visit_request(ambassador, requester=UserFactory(), school=school)
    with pytest.raises(NotAllowed):
        visit_request(ambassador, requester=teacher(SchoolFactory()), school=school)
    assert not VisitRequest.objects.exists()


def test_an_unpublished_ambassador_cannot_be_asked():
    with pytest.raises(NotPublic):
        visit_request(AmbassadorFactory())


def test_the_format_must_be_one_the_ambassador_offers():
    ambassador = published_ambassador(offers_on_site=False, offers_digital=True)
    with pytest.raises(InvalidState):
        visit_request(ambassador, format=VisitRequest.Format.ON_SITE)


@pytest.mark.parametrize(
    "dates",
    [
        {"first_choice": timezone.localdate()},
        {"first_choice": timezone.localdate() - datetime.timedelta(days=3)},
        {"first_choice": future(10), "second_choice": future(10)},
        {"first_choice": timezone.localdate() + datetime.timedelta(days=400)},
    ],
    ids=["today", "past", "same twice", "too far ahead"],
)
def test_preferred_dates_must_be_coming_and_different(dates):
    with pytest.raises(InvalidDate):
        visit_request(**{"second_choice": None, **dates})
    assert not VisitRequest.objects.exists()


def test_a_second_open_request_to_the_same_ambassador_is_refused():
    request = visit_request()
    with pytest.raises(DuplicateRequest):
        visit_request(request.ambassador, requester=request.requested_by)
    services.visit_request_withdraw(visit_request=request, by=request.requested_by)
    assert visit_request(request.ambassador, requester=request.requested_by).state == S.REQUESTED


def test_times_in_the_past_are_refused():
    request, people = in_state(S.REQUESTED)
    with pytest.raises(InvalidDate):
        services.visit_request_accept(
            visit_request=request,
            by=people["ambassador"],
            scheduled_for=timezone.now() - datetime.timedelta(hours=1),
        )


def test_a_visit_that_has_taken_place_cannot_be_cancelled():
    request, people = in_state(S.ACCEPTED)
    VisitRequest.objects.filter(pk=request.pk).update(scheduled_for=timezone.now() - datetime.timedelta(hours=2))
    request.refresh_from_db()
    assert "cancel" not in services.actions_available(request, {"school"})
    with pytest.raises(InvalidState):
        services.visit_request_cancel(visit_request=request, by=people["teacher"], message="För sent")


def test_cancelling_needs_a_reason():
    request, people = in_state(S.ACCEPTED)
    with pytest.raises(InvalidState):
        services.visit_request_cancel(visit_request=request, by=people["teacher"], message="  ")


def test_a_proposal_whose_time_has_passed_cannot_be_accepted():
    request, people = in_state(S.PROPOSED)
    VisitRequest.objects.filter(pk=request.pk).update(proposed_for=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(InvalidDate):
        services.visit_request_accept_proposal(visit_request=request, by=people["teacher"])


# --- Feedback after the visit --------------------------------------------------------------------


def held(request):
    VisitRequest.objects.filter(pk=request.pk).update(scheduled_for=timezone.now() - datetime.timedelta(days=1))
    request.refresh_from_db()
    return request


def test_feedback_waits_until_the_visit_has_taken_place():
    request, people = in_state(S.ACCEPTED)
    with pytest.raises(FeedbackNotPossible):
        services.visit_feedback_give(visit_request=request, by=people["teacher"], rating=5)


def test_both_sides_give_feedback_once():
    request, people = in_state(S.ACCEPTED)
    request = held(request)
    school = services.visit_feedback_give(visit_request=request, by=people["teacher"], rating=5, comment="Toppen")
    ambassador = services.visit_feedback_give(visit_request=request, by=people["ambassador"], rating=3)
    assert (school.side, ambassador.side) == ("school", "ambassador")
    with pytest.raises(FeedbackNotPossible):
        services.visit_feedback_give(visit_request=request, by=people["teacher"], rating=4)


def test_the_leader_gives_the_ambassador_sides_feedback_when_there_is_no_account():
    request, people = in_state(S.ACCEPTED, account=False)
    feedback = services.visit_feedback_give(visit_request=held(request), by=people["leader"], rating=4)
    assert feedback.side == "ambassador"


def test_outsiders_cannot_give_feedback_and_ratings_stay_between_one_and_five():
    request, people = in_state(S.ACCEPTED)
    request = held(request)
    with pytest.raises(NotAllowed):
        services.visit_feedback_give(visit_request=request, by=people["another teacher"], rating=5)
    with pytest.raises(AmbassadorError):
        services.visit_feedback_give(visit_request=request, by=people["teacher"], rating=9)


def test_events_record_who_did_what():
    request, people = in_state(S.PROPOSED)
    events = list(request.events.values_list("side", "to_state"))
    assert events == [
        (VisitRequestEvent.Side.SCHOOL, S.REQUESTED),
        (VisitRequestEvent.Side.AMBASSADOR, S.PROPOSED),
    ]
