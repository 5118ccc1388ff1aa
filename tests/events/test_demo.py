import pytest
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import ActionItem, Event, Registration, RoundTable, SpeedDateMeeting
from events.selectors import event_availability
from portal.models import User
from projects.selectors import projects_led_by

pytestmark = pytest.mark.django_db

CONFERENCE = "samverkan-for-framtidens-arbetsmarknad-2027"


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts():
    return (
        Event.objects.count(),
        Registration.objects.count(),
        RoundTable.objects.count(),
        ActionItem.objects.count(),
        SpeedDateMeeting.objects.count(),
    )


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before


def test_the_historic_events_are_past_and_the_conference_is_open(seeded):
    now = timezone.now()
    past = Event.objects.exclude(slug=CONFERENCE)
    assert past.count() == 3 and all(event.is_past(now) for event in past)
    conference = Event.objects.get(slug=CONFERENCE)
    assert conference.is_open_for_registration(now)
    assert conference.starts_at.date().isoformat() == "2027-04-16"


def test_the_conference_has_about_140_places_and_three_tracks_one_full(seeded):
    conference = Event.objects.get(slug=CONFERENCE)
    availability = event_availability(conference)
    assert availability.capacity == 140 and len(availability.tracks) == 3
    assert [track.is_full for track in availability.tracks] == [False, True, False]
    assert conference.sessions.filter(kind="panel").exists()


def test_the_industridag_tables_are_followed_up_in_january(seeded):
    industridag = Event.objects.get(slug="industridag-ostergotland-2015")
    assert industridag.round_tables.count() == 9
    follow_up = industridag.follow_ups.get()
    assert follow_up.starts_at.date().isoformat() == "2016-01-28"


def test_the_summer_mingle_speed_date_pairs_thirty_with_thirty(seeded):
    mingle = Event.objects.get(slug="sommarmingel-pa-slottet-2016")
    assert mingle.registrations.count() == 60
    assert SpeedDateMeeting.objects.filter(speed_date__session__event=mingle).count() == 900


def test_the_demo_leader_leads_the_projects_of_the_events(seeded):
    leader = User.objects.get(email="projektledare@demo.kompetensportalen.se")
    for event in Event.objects.all():
        assert set(event.projects.all()) & set(projects_led_by(leader))


def test_the_demo_participant_can_register_for_the_conference(seeded):
    user = User.objects.get(email="deltagare@demo.kompetensportalen.se")
    conference = Event.objects.get(slug=CONFERENCE)
    full_track = conference.tracks.get(name__startswith="Spår 2")
    registration = services.registration_create(
        event=conference, user=user, track=full_track, organisation_type="school"
    )
    assert registration.status == "waitlisted"


def test_the_conferences_participants_have_their_reminders_once(seeded):
    from events.reminders import EVENT_REMINDER
    from portal.models import Reminder

    conference = Event.objects.get(slug=CONFERENCE)
    confirmed = conference.registrations.filter(status=Registration.Status.CONFIRMED).count()
    reminders = Reminder.objects.filter(kind=EVENT_REMINDER)
    assert reminders.filter(status=Reminder.Status.PENDING).count() == confirmed * 2
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert reminders.count() == confirmed * 2
