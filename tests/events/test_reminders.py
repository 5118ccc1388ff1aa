"""Reminders before an event and on an action item's due date: sent once, to the right people, at
the right time; moved with the event, stopped by cancelling, none for those still waiting."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar

from events import services
from events.models import ActionItem, Event, Registration
from events.reminders import ACTION_ITEM_DUE, EVENT_REMINDER
from portal.models import Reminder
from portal.reminders import reminders_send_due
from tests.factories import UserFactory, site_admin

from .factories import ActionItemFactory, EventFactory, ProjectFactory, RoundTableFactory, leader_of
from .test_admin import change_url, post_data_of

DAY = datetime.timedelta(days=1)
STOCKHOLM = timezone.get_default_timezone()

pytestmark = pytest.mark.django_db


def register(event, user=None, **kwargs):
    return services.registration_create(
        event=event, user=user or UserFactory(), organisation_type=Registration.OrganisationType.INDUSTRY, **kwargs
    )


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def calendar_of(message) -> Calendar:
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    return Calendar.from_ical(content)


@pytest.fixture
def event():
    return EventFactory(title="Industridag Östergötland", starts_at=timezone.now() + 30 * DAY, capacity=2)


# --- Before an event ----------------------------------------------------------------------------


def test_a_confirmed_participant_is_reminded_a_week_and_a_day_before_once_each(event):
    person = register(event).user
    start = event.starts_at
    assert reminders_send_due(now=start - 7 * DAY - datetime.timedelta(minutes=1)) == 0
    assert reminders_send_due(now=start - 7 * DAY) == 1
    assert reminders_send_due(now=start - 7 * DAY) == 0  # a second run sends nothing
    assert reminders_send_due(now=start - 2 * DAY) == 0
    assert reminders_send_due(now=start - DAY) == 1
    assert reminders_send_due(now=start) == 0
    assert sent_to() == [person.email, person.email]
    week, day = mail.outbox
    assert "Påminnelse: Industridag Östergötland" in week.subject
    assert "I morgon: Industridag Östergötland" in day.subject


def test_the_reminder_has_plain_text_html_and_the_events_calendar_file(event):
    person = register(event).user
    reminders_send_due(now=event.starts_at - 7 * DAY)
    mail.outbox.clear()
    reminders_send_due(now=event.starts_at - DAY)
    (message,) = mail.outbox
    assert "I morgon är det dags för Industridag Östergötland" in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html" and '<html lang="sv">' in html
    assert "Industridag Östergötland" in html and reverse("events:my-registrations") in html
    vevent = calendar_of(message).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Industridag Östergötland"
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert message.to == [person.email]


def test_the_reminder_is_in_the_participants_language(event):
    Event.objects.filter(pk=event.pk).update(reminder_days="1")
    event.refresh_from_db()
    register(event, UserFactory(language="en"))
    register(event, UserFactory(language="sv"))
    reminders_send_due(now=event.starts_at - DAY)
    by_language = {m.alternatives[0][0].split('lang="')[1][:2]: m for m in mail.outbox}
    assert set(by_language) == {"en", "sv"}
    for language, message in by_language.items():
        with translation.override(language):
            day = formats.date_format(timezone.localtime(event.starts_at), "l j F Y")
        assert day in message.alternatives[0][0]


def test_people_on_the_waiting_list_get_no_reminder_until_they_get_a_place(event):
    first, second = register(event), register(event)
    waiting = register(event)
    assert waiting.status == Registration.Status.WAITLISTED
    assert reminders_send_due(now=event.starts_at - 7 * DAY) == 2
    assert sent_to() == sorted([first.user.email, second.user.email])

    mail.outbox.clear()
    services.registration_cancel(registration=first)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert reminders_send_due(now=event.starts_at - 7 * DAY) == 1  # the promoted person's week-before
    assert reminders_send_due(now=event.starts_at - DAY) == 2
    assert sent_to() == sorted([waiting.user.email, second.user.email, waiting.user.email])


def test_a_promoted_person_is_not_sent_a_reminder_whose_time_had_passed(event):
    first = register(event)
    register(event)
    waiting = register(event)
    services.registration_cancel(registration=first, now=event.starts_at - 3 * DAY)
    reminders_send_due(now=event.starts_at - DAY)
    assert waiting.user.email in sent_to()
    assert Reminder.objects.filter(recipient=waiting.user.email).count() == 1  # the day before only


def test_cancelling_a_registration_stops_its_reminders_and_registering_again_brings_them_back(event):
    registration = register(event)
    services.registration_cancel(registration=registration)
    assert reminders_send_due(now=event.starts_at - 7 * DAY) == 0
    register(event, registration.user)
    assert reminders_send_due(now=event.starts_at - DAY) == 2
    assert sent_to() == [registration.user.email] * 2


def test_calling_the_event_off_stops_every_reminder(event):
    register(event), register(event)
    services.event_cancel(event=event)
    assert reminders_send_due(now=event.starts_at) == 0
    assert set(Reminder.objects.values_list("status", flat=True)) == {Reminder.Status.CANCELLED}


def test_a_moved_event_sends_at_the_new_time_and_not_at_the_old(event):
    person = register(event).user
    old_start = event.starts_at
    Event.objects.filter(pk=event.pk).update(starts_at=old_start + 10 * DAY, ends_at=old_start + 10 * DAY + DAY)
    services.event_reminders_update(event=event)
    assert reminders_send_due(now=old_start - DAY) == 0
    assert reminders_send_due(now=old_start + 3 * DAY) == 1  # a week before the new date
    assert reminders_send_due(now=old_start + 9 * DAY) == 1
    assert sent_to() == [person.email, person.email]


def test_an_event_moved_after_its_reminders_went_out_reminds_once_about_the_new_time(event):
    person = register(event).user
    old_start = event.starts_at
    assert reminders_send_due(now=old_start - DAY) == 2  # the week before and the day before
    new_start = old_start + 10 * DAY
    Event.objects.filter(pk=event.pk).update(starts_at=new_start, ends_at=new_start + DAY)
    services.event_reminders_update(event=event)
    services.event_reminders_update(event=event)  # saved twice: still once
    mail.outbox.clear()
    assert reminders_send_due(now=new_start - 7 * DAY) == 1
    assert reminders_send_due(now=new_start - DAY) == 1
    assert reminders_send_due(now=new_start) == 0
    assert sent_to() == [person.email, person.email]
    with translation.override("sv"):
        new_date = formats.date_format(timezone.localtime(new_start), "j F")
    assert all(new_date in message.body for message in mail.outbox)


def test_an_event_moved_after_its_reminders_went_out_reminds_nobody_who_cancelled(event):
    staying, leaving = register(event), register(event)
    reminders_send_due(now=event.starts_at - 7 * DAY)
    services.registration_cancel(registration=leaving)
    new_start = event.starts_at + 10 * DAY
    Event.objects.filter(pk=event.pk).update(starts_at=new_start, ends_at=new_start + DAY)
    services.event_reminders_update(event=event)
    mail.outbox.clear()
    assert reminders_send_due(now=new_start) == 2
    assert sent_to() == [staying.user.email] * 2


def test_an_event_called_off_after_a_move_reminds_nobody(event):
    register(event)
    reminders_send_due(now=event.starts_at - 7 * DAY)
    new_start = event.starts_at + 10 * DAY
    Event.objects.filter(pk=event.pk).update(starts_at=new_start, ends_at=new_start + DAY)
    services.event_reminders_update(event=event)
    assert Reminder.objects.filter(status=Reminder.Status.PENDING).count() == 2
    services.event_cancel(event=event)
    mail.outbox.clear()
    assert reminders_send_due(now=event.starts_at + 30 * DAY) == 0


def test_a_participant_who_makes_a_new_address_primary_is_reminded_there(event):
    person = register(event).user
    # What allauth's e-mail page does when a confirmed address is made primary.
    EmailAddress.objects.create(user=person, email="ny@example.se", verified=True).set_as_primary()
    assert reminders_send_due(now=event.starts_at - DAY) == 2
    assert sent_to() == ["ny@example.se", "ny@example.se"]


def test_a_participant_whose_address_a_site_admin_changes_is_reminded_at_the_new_one(event, client):
    person = register(event, UserFactory(email="gammal@example.se")).user
    client.force_login(site_admin())
    address = reverse("admin:portal_user_change", args=[person.pk])
    data = post_data_of(client.get(address))
    data["email"] = "ny@example.se"
    response = client.post(address, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert reminders_send_due(now=event.starts_at - DAY) == 2
    assert sent_to() == ["ny@example.se", "ny@example.se"]


def test_an_event_moved_closer_drops_the_reminder_whose_day_has_passed(event):
    register(event)
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(starts_at=now + 3 * DAY, ends_at=now + 3 * DAY + DAY)
    services.event_reminders_update(event=event)
    pending = Reminder.objects.filter(status=Reminder.Status.PENDING)
    assert [r.offset for r in pending] == [DAY]


def test_a_leader_chooses_the_reminder_days_per_event(event):
    person = register(event).user
    Event.objects.filter(pk=event.pk).update(reminder_days="14,3")
    services.event_reminders_update(event=event)
    start = event.starts_at
    assert [reminders_send_due(now=start - days * DAY) for days in (15, 14, 7, 3, 1)] == [0, 1, 0, 1, 0]
    assert sent_to() == [person.email, person.email]
    assert "Om 14 dagar" in mail.outbox[0].body and "Om 3 dagar" in mail.outbox[1].body


def test_an_event_without_reminder_days_reminds_nobody():
    event = EventFactory(reminder_days="")
    register(event)
    assert not Reminder.objects.exists()


def test_nobody_is_reminded_about_an_event_put_back_to_draft(event):
    register(event)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.DRAFT)
    assert reminders_send_due(now=event.starts_at - DAY) == 0  # the builder sees it is no longer published
    Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)
    services.event_reminders_update(event=event)  # published again: the reminders come back
    assert reminders_send_due(now=event.starts_at - DAY) == 2


@pytest.mark.parametrize(("typed", "kept"), [("7,1", "7,1"), ("1, 7", "7,1"), (" 3 ", "3"), ("", "")])
def test_reminder_days_are_tidied(typed, kept):
    event = EventFactory.build(reminder_days=typed)
    event.clean_fields(exclude=["region", "slug"])
    event.clean()
    assert event.reminder_days == kept


@pytest.mark.parametrize("typed", ["7;1", "sju", "0", "61", "-1", "7,7", "1,2,3,4,5", "1.5"])
def test_reminder_days_that_make_no_sense_are_refused(typed):
    event = EventFactory.build(reminder_days=typed)
    with pytest.raises(ValidationError) as error:
        event.clean_fields(exclude=["region", "slug"])
    assert "reminder_days" in error.value.message_dict


# --- In the admin ------------------------------------------------------------------------------


@pytest.fixture
def leader_event():
    project = ProjectFactory()
    leader = leader_of(project)
    return leader, EventFactory(projects=[project], starts_at=timezone.now() + 30 * DAY)


def test_moving_an_event_in_the_admin_moves_its_reminders(client, leader_event):
    leader, event = leader_event
    register(event)
    client.force_login(leader)
    data = post_data_of(client.get(change_url(event)))
    new_start = timezone.localtime(event.starts_at + 5 * DAY)
    data["starts_at_0"], data["starts_at_1"] = new_start.strftime("%Y-%m-%d"), new_start.strftime("%H:%M:%S")
    new_end = new_start + datetime.timedelta(hours=7)
    data["ends_at_0"], data["ends_at_1"] = new_end.strftime("%Y-%m-%d"), new_end.strftime("%H:%M:%S")
    response = client.post(change_url(event), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    due = sorted(Reminder.objects.values_list("due_at", flat=True))
    assert due == [new_start.replace(microsecond=0) - 7 * DAY, new_start.replace(microsecond=0) - DAY]


def test_changing_the_reminder_days_in_the_admin_reschedules(client, leader_event):
    leader, event = leader_event
    register(event)
    client.force_login(leader)
    data = post_data_of(client.get(change_url(event)))
    data["reminder_days"] = "2"
    assert client.post(change_url(event), data).status_code == 302
    pending = Reminder.objects.filter(status=Reminder.Status.PENDING)
    assert [r.offset for r in pending] == [2 * DAY]


def test_nonsense_reminder_days_in_the_admin_get_a_message_and_nothing_is_saved(client, leader_event):
    leader, event = leader_event
    register(event)
    client.force_login(leader)
    data = post_data_of(client.get(change_url(event)))
    data["reminder_days"] = "7 och 1"
    response = client.post(change_url(event), data)
    assert response.status_code == 200
    assert "reminder_days" in response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.reminder_days == "7,1"
    assert Reminder.objects.filter(status=Reminder.Status.PENDING).count() == 2


# --- Action items from the round tables --------------------------------------------------------


@pytest.fixture
def item():
    project = ProjectFactory()
    leader = leader_of(project, email="ledare@example.se")
    leader_of(ProjectFactory(), email="annan@example.se")  # leads another project: not told
    event = EventFactory(projects=[project])
    due = timezone.localdate() + 20 * DAY
    item = ActionItemFactory(
        table=RoundTableFactory(event=event, municipality__name="Motala"),
        due_on=due,
        what="Bjuda in företagen till skolans arbetslivsdag",
        owner_email="Syv@Motala.example.se",
    )
    services.action_item_reminders_update(item=item)
    item.leader = leader
    return item


def eight_in_the_morning(day):
    return datetime.datetime.combine(day, datetime.time(8), tzinfo=STOCKHOLM)


def test_an_action_item_is_reminded_on_its_due_morning_to_its_owner_and_the_project_leader(item):
    morning = eight_in_the_morning(item.due_on)
    assert reminders_send_due(now=morning - datetime.timedelta(minutes=1)) == 0
    assert reminders_send_due(now=morning) == 2
    assert reminders_send_due(now=morning) == 0
    assert sent_to() == ["ledare@example.se", "syv@motala.example.se"]
    by_recipient = {m.to[0]: m for m in mail.outbox}
    owner, leader = by_recipient["syv@motala.example.se"], by_recipient["ledare@example.se"]
    assert "Motala" in owner.subject and "Bjuda in företagen" in owner.body
    assert "Du står som ansvarig" in owner.body and "/admin/" not in owner.body
    assert reverse("admin:events_actionitem_change", args=[item.pk]) in leader.body
    assert leader.alternatives and not leader.attachments


def test_an_action_item_done_before_its_day_is_not_reminded(item):
    ActionItem.objects.filter(pk=item.pk).update(status=ActionItem.Status.DONE)  # the builder checks
    assert reminders_send_due(now=eight_in_the_morning(item.due_on)) == 0
    assert set(Reminder.objects.values_list("status", flat=True)) == {Reminder.Status.CANCELLED}


def test_marking_an_action_item_done_at_the_follow_up_stops_its_reminder(item):
    services.action_item_update(item=item, status=ActionItem.Status.DONE, outcome="Klart", by=item.leader)
    assert not Reminder.objects.filter(status=Reminder.Status.PENDING).exists()
    services.action_item_update(item=item, status=ActionItem.Status.IN_PROGRESS, outcome="", by=item.leader)
    assert reminders_send_due(now=eight_in_the_morning(item.due_on)) == 2


def test_a_new_due_date_moves_the_reminder(item, client):
    client.force_login(item.leader)
    data = post_data_of(client.get(change_url(item)))
    new_day = item.due_on + 5 * DAY
    data["due_on"] = new_day.isoformat()
    assert client.post(change_url(item), data).status_code == 302
    assert reminders_send_due(now=eight_in_the_morning(item.due_on)) == 0
    assert reminders_send_due(now=eight_in_the_morning(new_day)) == 2


def test_an_item_without_an_owner_address_reminds_the_project_leader_only(item):
    ActionItem.objects.filter(pk=item.pk).update(owner_email="")
    services.action_item_reminders_update(item=item)
    reminders_send_due(now=eight_in_the_morning(item.due_on))
    assert sent_to() == ["ledare@example.se"]


def test_items_added_on_the_round_tables_page_in_the_admin_are_scheduled(client, item):
    table = item.table
    client.force_login(item.leader)
    data = post_data_of(client.get(change_url(table)))
    prefix = "action_items"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(total + 1),
            f"{prefix}-{total}-what": "Studiebesök på Saab för lärarna",
            f"{prefix}-{total}-responsible": "Rektor",
            f"{prefix}-{total}-owner_email": "rektor@motala.example.se",
            f"{prefix}-{total}-due_on": (item.due_on + DAY).isoformat(),
            f"{prefix}-{total}-status": ActionItem.Status.PLANNED,
            f"{prefix}-{total}-table": str(table.pk),
        }
    )
    response = client.post(change_url(table), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    new = ActionItem.objects.get(what__startswith="Studiebesök")
    assert sorted(
        Reminder.objects.filter(object_id=new.pk, kind=ACTION_ITEM_DUE).values_list("recipient", flat=True)
    ) == ["ledare@example.se", "rektor@motala.example.se"]


def test_a_past_due_date_schedules_no_reminder():
    item = ActionItemFactory(due_on=datetime.date(2016, 1, 28), owner_email="a@example.se")
    services.action_item_reminders_update(item=item)
    assert not Reminder.objects.filter(kind=ACTION_ITEM_DUE).exists()


def test_event_reminder_rows_name_their_kind(event):
    register(event)
    assert set(Reminder.objects.values_list("kind", flat=True)) == {EVENT_REMINDER}


# --- Through a real worker on Redis ------------------------------------------------------------


@pytest.mark.redis
def test_the_beat_task_on_a_real_worker_sends_an_event_reminder_once_when_two_runs_overlap(celery_worker_app):
    from portal.tasks import send_due_reminders

    event = EventFactory(starts_at=timezone.now() + DAY / 2, capacity=3)
    two_days_ago = timezone.now() - 2 * DAY  # registered then, so the day-before reminder is due now
    people = [register(event, now=two_days_ago).user for _ in range(3)]
    waiting = register(event, now=two_days_ago)
    assert waiting.status == Registration.Status.WAITLISTED
    assert Reminder.objects.filter(status=Reminder.Status.PENDING).count() == 3

    first, second = send_due_reminders.delay(), send_due_reminders.delay()
    assert first.get(timeout=30) + second.get(timeout=30) == 3
    assert send_due_reminders.delay().get(timeout=30) == 0
    # (The worker also sends the registration confirmations, queued on commit.)
    sent = [message for message in mail.outbox if "I morgon" in message.subject]
    assert sorted(message.to[0] for message in sent) == sorted(person.email for person in people)
    assert all(calendar_of(message).walk("VEVENT") for message in sent)
    assert set(Reminder.objects.values_list("status", flat=True)) == {Reminder.Status.SENT}


@pytest.mark.redis
@pytest.mark.postgres
def test_a_worker_run_overlapping_another_run_skips_the_reminder_that_run_holds(celery_worker_app):
    """Beat fires again while a run is still sending: the worker's run skips the row the other run
    has claimed (row lock, skip locked) and sends the rest; each person gets one reminder."""
    from django.db import transaction

    from portal import reminders
    from portal.tasks import send_due_reminders

    event = EventFactory(starts_at=timezone.now() + DAY / 2, capacity=3)
    two_days_ago = timezone.now() - 2 * DAY
    people = [register(event, now=two_days_ago).user for _ in range(3)]

    with transaction.atomic():  # the other run, here in the test's own connection
        held = reminders._claim_next(timezone.now())
        assert send_due_reminders.delay().get(timeout=30) == 2  # the worker, meanwhile
        assert reminders._deliver(held, None)
        held.status, held.sent_at = Reminder.Status.SENT, timezone.now()
        held.save()
    assert send_due_reminders.delay().get(timeout=30) == 0

    sent = [message for message in mail.outbox if "I morgon" in message.subject]
    assert sorted(message.to[0] for message in sent) == sorted(person.email for person in people)
