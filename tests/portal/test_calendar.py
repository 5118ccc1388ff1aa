"""Every calendar file the portal offers, read back by two parsers: icalendar (what the portal
writes with) and vobject (which many calendar tools are built on, and which read summer-time events
an hour late from icalendar's own VTIMEZONE). Each is checked in winter and in summer time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from ambassadors import services as visit_services
from events import services as event_services
from events.reminders import EVENT_REMINDER, build_event_reminder
from portal.calendar import Entry, calendar_ics
from portal.models import Reminder
from projects.reminders import build_participant_reminder
from projects.services.enrolment import enrolments_create
from projects.services.occasions import occasion_cancel, occasion_save
from tests.ambassadors.factories import published_ambassador, visit_request
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory, company_contact
from tests.projects.factories import EmployeeFactory, EnrolmentFactory, OccasionFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NEXT_YEAR = timezone.now().year + 1
# 09:00 local on a winter day (+01:00), in April and in June (summer time, +02:00).
DAYS = {
    "january": (datetime.datetime(NEXT_YEAR, 1, 15, 9, 0, tzinfo=STOCKHOLM), datetime.timedelta(hours=1)),
    "april": (datetime.datetime(NEXT_YEAR, 4, 16, 9, 0, tzinfo=STOCKHOLM), datetime.timedelta(hours=2)),
    "june": (datetime.datetime(NEXT_YEAR, 6, 16, 9, 0, tzinfo=STOCKHOLM), datetime.timedelta(hours=2)),
}


def read_with_vobject(data: bytes) -> datetime.datetime:
    """DTSTART as vobject reads it from this file alone: vobject keeps the first VTIMEZONE it saw
    for a TZID for the rest of the process, so without forgetting them one file's block (right or
    wrong) would decide how the next is read."""
    registry = vobject.icalendar.__dict__["__tzidMap"]
    registry.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)
    return vobject.readOne(data.decode()).vevent.dtstart.value


def _ics_in(mails) -> list[bytes]:
    files = []
    for mail in mails:
        for name, content, _mimetype in mail.attachments:
            if name.endswith(".ics"):
                files.append(content.encode() if isinstance(content, str) else content)
    return files


def _moved_days_before(start):
    return start - datetime.timedelta(days=3)


# --- Every source of a calendar file: given a local start, the file(s) as people get them ------


def event_download(client, start, **_):
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7))
    return [client.get(reverse("events:ics", args=[event.slug])).content]


def event_feed(client, start, **_):
    registration = RegistrationFactory(event=EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7)))
    feed = event_services.calendar_feed_get_or_create(user=registration.user)
    return [client.get(reverse("events:feed", args=[feed.token])).content]


def event_confirmation_mail(client, start, mailoutbox, capture):
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7))
    with capture(execute=True):
        event_services.registration_create(event=event, user=UserFactory(), organisation_type="industry")
    return _ics_in(mailoutbox)


def event_moved_mail(client, start, mailoutbox, capture):
    event = EventFactory(
        starts_at=_moved_days_before(start), ends_at=_moved_days_before(start) + datetime.timedelta(hours=7)
    )
    RegistrationFactory(event=event)
    event.starts_at, event.ends_at = start, start + datetime.timedelta(hours=7)
    with capture(execute=True):
        event_services.event_save(event=event, changed=["starts_at", "ends_at"])
    return _ics_in(mailoutbox)


def event_cancelled_mail(client, start, mailoutbox, capture):
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7))
    RegistrationFactory(event=event)
    with capture(execute=True):
        event_services.event_cancel(event=event)
    return _ics_in(mailoutbox)


def event_reminder(client, start, **_):
    registration = RegistrationFactory(event=EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7)))
    reminder = Reminder(
        kind=EVENT_REMINDER, user=registration.user, target=registration.event, offset=datetime.timedelta(days=1)
    )
    return [build_event_reminder(reminder).attachments[0].content]


def _occasion(start):
    return OccasionFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7))


def occasion_download(client, start, **_):
    occasion = _occasion(start)
    return [client.get(reverse("projects:occasion-ics", args=[occasion.pk])).content]


def enrolment_confirmation_mail(client, start, mailoutbox, capture):
    occasion = _occasion(start)
    employee = EmployeeFactory()
    with capture(execute=True):
        enrolments_create(occasion=occasion, company=employee.company, employees=[employee], by=None)
    return _ics_in(mailoutbox)


def occasion_moved_mail(client, start, mailoutbox, capture):
    occasion = _occasion(_moved_days_before(start))
    EnrolmentFactory(occasion=occasion)
    occasion.starts_at, occasion.ends_at = start, start + datetime.timedelta(hours=7)
    occasion.registration_deadline = occasion.cancellation_deadline = start - datetime.timedelta(days=1)
    with capture(execute=True):
        occasion_save(occasion=occasion)
    return _ics_in(mailoutbox)


def occasion_cancelled_mail(client, start, mailoutbox, capture):
    occasion = _occasion(start)
    EnrolmentFactory(occasion=occasion)
    with capture(execute=True):
        occasion_cancel(occasion=occasion, by=None)
    return _ics_in(mailoutbox)


def occasion_reminder(client, start, **_):
    enrolment = EnrolmentFactory(occasion=_occasion(start))
    reminder = Reminder(kind="projects.occasion.participant", target=enrolment, offset=datetime.timedelta(days=1))
    return [build_participant_reminder(reminder).attachments[0].content]


def _booked_visit(start, mailoutbox, capture):
    ambassador_user = UserFactory()
    ambassador = published_ambassador(user=ambassador_user)
    request = visit_request(ambassador)
    mailoutbox.clear()
    with capture(execute=True):
        visit_services.visit_request_accept(visit_request=request, by=ambassador_user, scheduled_for=start)
    return request, ambassador_user


def visit_booked_mail(client, start, mailoutbox, capture):
    _booked_visit(start, mailoutbox, capture)
    return _ics_in(mailoutbox)


def visit_download_both_sides(client, start, mailoutbox, capture):
    request, ambassador_user = _booked_visit(start, mailoutbox, capture)
    files = []
    for user in (request.requested_by, ambassador_user):
        client.force_login(user)
        files.append(client.get(reverse("ambassadors:request-ics", args=[request.pk])).content)
    return files


SOURCES = [
    event_download,
    event_feed,
    event_confirmation_mail,
    event_moved_mail,
    event_cancelled_mail,
    event_reminder,
    occasion_download,
    enrolment_confirmation_mail,
    occasion_moved_mail,
    occasion_cancelled_mail,
    occasion_reminder,
    visit_booked_mail,
    visit_download_both_sides,
]


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda f: f.__name__)
def test_every_calendar_file_reads_at_the_local_time_with_both_parsers(
    source, day, client, mailoutbox, django_capture_on_commit_callbacks
):
    start, offset = DAYS[day]
    files = source(client, start, mailoutbox=mailoutbox, capture=django_capture_on_commit_callbacks)
    assert files, "the source offered a calendar file"
    for data in files:
        [vevent] = Calendar.from_ical(data).walk("VEVENT")
        by_icalendar = vevent.decoded("DTSTART")
        by_vobject = read_with_vobject(data)
        for read in (by_icalendar, by_vobject):
            assert read == start, f"{read} is not {start}"
            assert read.utcoffset() == offset
            assert (read.hour, read.minute) == (9, 0)


# --- The time zone block -------------------------------------------------------------------------


def _one_file(start=DAYS["april"][0]) -> bytes:
    entry = Entry(uid="x@test", starts_at=start, ends_at=start + datetime.timedelta(hours=1), summary="Test")
    return calendar_ics(prodid="-//test//SV", name="Test", entries=[entry])


def test_the_time_zone_has_summer_and_winter_rules_that_repeat_every_year():
    [zone] = Calendar.from_ical(_one_file()).walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"
    parts = {part.name: part for part in zone.subcomponents}
    assert set(parts) == {"DAYLIGHT", "STANDARD"}
    daylight, standard = parts["DAYLIGHT"], parts["STANDARD"]
    assert daylight["RRULE"]["BYMONTH"] == [3] and daylight["RRULE"]["BYDAY"] == ["-1SU"]
    assert standard["RRULE"]["BYMONTH"] == [10] and standard["RRULE"]["BYDAY"] == ["-1SU"]
    assert daylight.decoded("TZOFFSETTO") == datetime.timedelta(hours=2)
    assert standard.decoded("TZOFFSETTO") == datetime.timedelta(hours=1)
    assert daylight.decoded("DTSTART") == datetime.datetime(1970, 3, 29, 2, 0)
    assert standard.decoded("DTSTART") == datetime.datetime(1970, 10, 25, 3, 0)


def test_vobject_reads_the_time_zone_itself_and_not_only_its_name():
    """The file's rules are what vobject applies (a renamed TZID still reads right)."""
    data = _one_file().replace(b"Europe/Stockholm", b"Portal-Tid")
    read = read_with_vobject(data)
    assert read.utcoffset() == datetime.timedelta(hours=2) and read.hour == 9


def test_the_days_summer_time_begins_and_ends_read_right_on_either_side():
    for local in (
        datetime.datetime(NEXT_YEAR, 3, 27, 9, tzinfo=STOCKHOLM),
        datetime.datetime(NEXT_YEAR, 3, 29, 9, tzinfo=STOCKHOLM),
        datetime.datetime(NEXT_YEAR, 10, 23, 9, tzinfo=STOCKHOLM),
        datetime.datetime(NEXT_YEAR, 10, 31, 9, tzinfo=STOCKHOLM),
    ):
        read = read_with_vobject(_one_file(local))
        assert read == local and read.utcoffset() == local.utcoffset()


def test_icalendars_own_time_zone_block_is_what_vobject_read_an_hour_off():
    """The control: the file as the portal wrote it before (icalendar's add_missing_timezones)."""
    start = DAYS["april"][0]
    calendar = Calendar()
    calendar.add("prodid", "-//test//SV")
    calendar.add("version", "2.0")
    vevent = VEvent()
    vevent.add("uid", "x@test")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(start))
    vevent.add("dtend", timezone.localtime(start) + datetime.timedelta(hours=1))
    calendar.add_component(vevent)
    calendar.add_missing_timezones()
    read = read_with_vobject(calendar.to_ical())
    assert read.utcoffset() == datetime.timedelta(hours=1), "vobject reads icalendar's own block right now"
    assert Calendar.from_ical(calendar.to_ical()).walk("VEVENT")[0].decoded("DTSTART") == start


def test_a_company_contact_is_not_sent_a_calendar_file_of_someone_elses_seat(
    mailoutbox, django_capture_on_commit_callbacks
):
    occasion = _occasion(DAYS["june"][0])
    employee = EmployeeFactory()
    contact = company_contact(employee.company)
    with django_capture_on_commit_callbacks(execute=True):
        enrolments_create(occasion=occasion, company=employee.company, employees=[employee], by=contact)
    by_address = {tuple(mail.to): _ics_in([mail]) for mail in mailoutbox}
    assert len(by_address[(employee.email,)]) == 1
    assert by_address[(contact.email,)] == []
