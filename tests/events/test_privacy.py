import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events import privacy, services
from events.models import CalendarFeed, Registration
from tests.factories import UserFactory, site_admin

from .factories import EventFactory, RegistrationFactory, TrackFactory

pytestmark = pytest.mark.django_db


def test_the_export_holds_a_persons_registrations_and_needs():
    registration = RegistrationFactory(dietary_needs="Laktosfritt", track=None)
    TrackFactory(event=registration.event)
    data = privacy.export(registration.user)
    [row] = data["registrations"]
    assert (row["event"], row["dietary_needs"], row["status"]) == (registration.event.title, "Laktosfritt", "confirmed")
    assert data["calendar_feed_created_at"] is None


def test_erasing_gives_up_places_to_come_and_keeps_past_registrations_without_the_person():
    user = UserFactory()
    upcoming = EventFactory(capacity=1)
    mine = services.registration_create(
        event=upcoming, user=user, organisation_type="industry", dietary_needs="Nötallergi"
    )
    waiting = services.registration_create(event=upcoming, user=UserFactory(), organisation_type="industry")
    past = RegistrationFactory(
        user=user,
        event=EventFactory(starts_at=timezone.now() - datetime.timedelta(days=90)),
        organisation_name="Seco Tools",
        checked_in_at=timezone.now(),
    )
    services.calendar_feed_get_or_create(user=user)

    privacy.erase(user)
    user.delete()

    mine.refresh_from_db(), waiting.refresh_from_db(), past.refresh_from_db()
    assert (mine.status, waiting.status) == ("cancelled", "confirmed")
    assert past.user is None and past.attended and past.organisation_type == "industry"
    assert (past.organisation_name, mine.dietary_needs) == ("", "")
    assert not CalendarFeed.objects.exists()
    assert Registration.objects.count() == 3


def test_anonymised_registrations_still_show_in_the_admin_and_exports(client):
    RegistrationFactory(user=None)
    client.force_login(site_admin())
    response = client.get(reverse("admin:events_registration_changelist"))
    assert "Borttagen deltagare" in response.content.decode()
