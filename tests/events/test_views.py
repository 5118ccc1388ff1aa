import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from events import services
from events.models import ActionItem, CalendarFeed, Event, Registration, Session
from tests.factories import PASSWORD, RegionFactory, UserFactory

from .factories import (
    ActionItemFactory,
    EventFactory,
    ProjectFactory,
    RegistrationFactory,
    RoundTableFactory,
    SessionFactory,
    SpeakerFactory,
    SpeedDateFactory,
    TrackFactory,
    leader_of,
)

pytestmark = pytest.mark.django_db


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


@pytest.fixture
def participant(client):
    user = UserFactory()
    client.force_login(user)
    return user


def register_url(event):
    return reverse("events:register", args=[event.slug])


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_upcoming_published_events_and_hides_drafts(client):
    upcoming = EventFactory(title="Konferens i Västerås")
    EventFactory(title="Hemligt utkast", status=Event.Status.DRAFT)
    EventFactory(title="Förra året", starts_at=timezone.now() - datetime.timedelta(days=300))
    response = client.get(reverse("events:list"))
    assertContains(response, upcoming.title)
    assertNotContains(response, "Hemligt utkast")
    assertNotContains(response, "Förra året")


def test_past_events_are_a_choice_away(client):
    EventFactory(title="Industridag Östergötland 2015", starts_at=timezone.now() - datetime.timedelta(days=3000))
    response = client.get(reverse("events:list"), {"when": "past"})
    assertContains(response, "Industridag Östergötland 2015")


def test_the_list_filters_by_region_and_type(client):
    vastmanland = RegionFactory(name="Västmanland")
    EventFactory(title="Konferensen", region=vastmanland, kind=Event.Kind.CONFERENCE)
    EventFactory(title="Minglet", region=vastmanland, kind=Event.Kind.MINGLE)
    EventFactory(title="Annan region", kind=Event.Kind.CONFERENCE)
    response = client.get(reverse("events:list"), {"region": vastmanland.pk, "kind": "conference"})
    assert [event.title for event in response.context["events"]] == ["Konferensen"]


def test_the_list_marks_full_and_cancelled_events(client):
    full = EventFactory(capacity=1)
    RegistrationFactory(event=full)
    EventFactory(status=Event.Status.CANCELLED)
    response = client.get(reverse("events:list"))
    assertContains(response, "Fullsatt")
    assertContains(response, "Inställt")


def test_the_list_takes_the_same_number_of_queries_however_many_events(client):
    def load():
        return count_queries(lambda: client.get(reverse("events:list")))

    EventFactory.create_batch(2)
    small = load()
    for event in EventFactory.create_batch(10):
        RegistrationFactory(event=event)
    assert load() == small, "queries grew with the data"
    assert small <= 3


# --- An event and its programme ------------------------------------------------------------------


def test_the_programme_runs_by_time_with_parallel_tracks_side_by_side(client):
    event = EventFactory()
    start = event.starts_at
    speaker = SpeakerFactory(name="Jenny Landernäs", title="Ordförande", organisation="Region Västmanland")
    SessionFactory(event=event, title="Avslutning", starts_at=start + datetime.timedelta(hours=5))
    SessionFactory(event=event, title="Välkomna", starts_at=start).speakers.add(speaker)
    for position in (2, 1):
        track = TrackFactory(event=event, name=f"Spår {position}", position=position)
        SessionFactory(
            event=event,
            title=f"Fördjupning {position}",
            kind=Session.Kind.TRACK,
            track=track,
            starts_at=start + datetime.timedelta(hours=3),
        )
    response = client.get(event.get_absolute_url())
    slots = response.context["programme"]
    assert [[session.title for session in slot.sessions] for slot in slots] == [
        ["Välkomna"],
        ["Fördjupning 1", "Fördjupning 2"],
        ["Avslutning"],
    ]
    assertContains(response, "Jenny Landernäs")
    assertContains(response, "Ordförande, Region Västmanland")


def test_the_event_page_takes_the_same_number_of_queries_however_long_the_programme(client):
    event = EventFactory()

    def load():
        return count_queries(lambda: client.get(event.get_absolute_url()))

    SessionFactory(event=event).speakers.add(SpeakerFactory())
    small = load()
    for _ in range(6):
        track = TrackFactory(event=event)
        session = SessionFactory(event=event, kind=Session.Kind.TRACK, track=track)
        session.speakers.add(SpeakerFactory(), SpeakerFactory())
        RegistrationFactory(event=event, track=track)
    assert load() == small, "queries grew with the data"
    assert small <= 7


def test_a_full_event_says_fullsatt_and_offers_the_waiting_list(client, participant):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    response = client.get(event.get_absolute_url())
    assertContains(response, "Fullsatt")
    assertContains(response, "Ställ dig på väntelistan")


def test_a_visitor_is_asked_to_sign_in_to_register(client):
    event = EventFactory()
    assertContains(client.get(event.get_absolute_url()), "Logga in och anmäl dig")
    response = client.get(register_url(event))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_a_draft_is_hidden_from_the_public_but_previewable_by_its_project_leader(client):
    project = ProjectFactory()
    draft = EventFactory(status=Event.Status.DRAFT, projects=[project])
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(leader_of(project))
    assertContains(client.get(draft.get_absolute_url()), "Utkast")


def test_the_participant_list_shows_only_those_who_agreed_and_only_to_participants(client):
    event = EventFactory()
    RegistrationFactory(event=event, consent_to_list=True, user=UserFactory(first_name="Synlig", last_name="Person"))
    RegistrationFactory(event=event, consent_to_list=False, user=UserFactory(first_name="Dold", last_name="Person"))
    assertNotContains(client.get(event.get_absolute_url()), "Synlig Person")
    me = RegistrationFactory(event=event)
    client.force_login(me.user)
    response = client.get(event.get_absolute_url())
    assertContains(response, "Synlig Person")
    assertNotContains(response, "Dold Person")


def test_the_page_kept_for_everyone_still_shows_each_person_their_own_registration_and_rights():
    """The event page's parts that are the same for everyone come from the cache; the registration
    box, the edit link and the participant list are made for each person."""
    from django.test import Client

    project = ProjectFactory()
    event = EventFactory(capacity=3, projects=[project])
    registered, newcomer, leader = Client(), Client(), Client()
    registered.force_login(
        RegistrationFactory(
            event=event, consent_to_list=True, user=UserFactory(first_name="Rut", last_name="Anmäld")
        ).user
    )
    newcomer.force_login(UserFactory())
    leader.force_login(leader_of(project))
    edit_link = reverse("admin:events_event_change", args=[event.pk])
    for _ in range(2):  # made, then from the cache
        mine = registered.get(event.get_absolute_url())
        assertContains(mine, "Du är anmäld")
        assertContains(mine, "Rut Anmäld")
        assertNotContains(mine, edit_link)
        theirs = newcomer.get(event.get_absolute_url())
        assertContains(theirs, "Anmäl dig")
        assertNotContains(theirs, "Du är anmäld")
        assertNotContains(theirs, "Rut Anmäld")
        assertNotContains(theirs, edit_link)
        assertContains(leader.get(event.get_absolute_url()), edit_link)
    assertContains(newcomer.get(event.get_absolute_url()), "2 platser kvar av 3")
    RegistrationFactory(event=event)
    assertContains(newcomer.get(event.get_absolute_url()), "1 plats kvar av 3")


# --- Registering ---------------------------------------------------------------------------------


def test_registering_with_a_track_confirms_and_lands_on_my_registrations(
    client, participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    track = TrackFactory(event=event, name="Spår 1: Verktyg")
    assertContains(client.get(register_url(event)), "Spår 1: Verktyg (5 platser kvar)")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            register_url(event),
            {
                "track": track.pk,
                "organisation_type": "school",
                "organisation_name": "Brinellskolan",
                "dietary_needs": "Vegetariskt",
                "consent_to_list": "on",
            },
            follow=True,
        )
    assertRedirects(response, reverse("events:my-registrations"))
    assertContains(response, "Du är anmäld")
    registration = Registration.objects.get(event=event, user=participant)
    assert (registration.status, registration.track, registration.consent_to_list) == ("confirmed", track, True)
    assert len(mailoutbox) == 1


def test_choosing_a_full_track_puts_you_on_its_waiting_list_and_says_so(client, participant):
    event = EventFactory()
    full = TrackFactory(event=event, capacity=1, name="Spår 2")
    RegistrationFactory(event=event, track=full)
    assertContains(client.get(register_url(event)), "Spår 2 (fullsatt, du kan ställa dig på väntelistan)")
    response = client.post(register_url(event), {"track": full.pk, "organisation_type": "industry"}, follow=True)
    assertContains(response, "väntelistan som nummer 1")
    assertContains(response, "Väntelista, nummer 1")


def test_forgetting_the_track_gives_a_clear_message_and_saves_nothing(client, participant):
    event = EventFactory()
    TrackFactory(event=event)
    response = client.post(register_url(event), {"organisation_type": "industry"})
    assert response.status_code == 200
    assertContains(response, "Välj ett spår.")
    assert not Registration.objects.exists()


def test_a_track_from_another_event_is_refused(client, participant):
    event = EventFactory()
    TrackFactory(event=event)
    response = client.post(register_url(event), {"track": TrackFactory().pk, "organisation_type": "industry"})
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_registration_closed_after_the_last_day_is_explained(client, participant):
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    assertContains(client.get(register_url(event)), "Anmälan är stängd.")
    response = client.post(register_url(event), {"organisation_type": "industry"})
    assertContains(response, "Anmälan är stängd.")
    assert not Registration.objects.exists()


def test_someone_already_registered_is_sent_to_their_registrations(client, participant):
    registration = RegistrationFactory(user=participant)
    response = client.get(register_url(registration.event))
    assertRedirects(response, reverse("events:my-registrations"))


def test_the_form_is_prefilled_from_the_company_a_contact_works_for(client):
    from tests.factories import CompanyFactory, company_contact

    user = company_contact(CompanyFactory(name="Seco Tools"))
    client.force_login(user)
    form = client.get(register_url(EventFactory())).context["form"]
    assert form.initial == {"organisation_type": "industry", "organisation_name": "Seco Tools"}


# --- My registrations, cancelling, editing -------------------------------------------------------


def test_my_registrations_lists_only_mine_with_my_place_in_line(client, participant):
    event = EventFactory(capacity=1, title="Fullt evenemang")
    RegistrationFactory(event=event)
    services.registration_create(event=event, user=participant, organisation_type="industry")
    RegistrationFactory(event=EventFactory(title="Någon annans"))
    response = client.get(reverse("events:my-registrations"))
    assertContains(response, "Fullt evenemang")
    assertContains(response, "Väntelista, nummer 1")
    assertNotContains(response, "Någon annans")


def test_my_registrations_takes_the_same_number_of_queries_however_many(client, participant, django_assert_num_queries):
    def load():
        return count_queries(lambda: client.get(reverse("events:my-registrations")))

    RegistrationFactory(user=participant)
    small = load()
    for _ in range(5):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, user=participant, status="waitlisted", track=TrackFactory(event=event))
    assert load() == small, "queries grew with the data"
    assert small <= 6  # session, user, the menu's role lookup, and the page's own reads


def test_cancelling_asks_first_then_frees_the_place_for_the_next_in_line(client, participant):
    event = EventFactory(capacity=1)
    mine = services.registration_create(event=event, user=participant, organisation_type="industry")
    waiting = services.registration_create(event=event, user=UserFactory(), organisation_type="industry")
    url = reverse("events:registration-cancel", args=[mine.pk])
    assertContains(client.get(url), "Ja, avboka")
    response = client.post(url, follow=True)
    assertContains(response, "är avbokad")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_someone_elses_registration_cannot_be_seen_cancelled_or_changed(client, participant):
    other = RegistrationFactory()
    for name in ("registration-cancel", "registration-edit", "my-speed-date"):
        assert client.get(reverse(f"events:{name}", args=[other.pk])).status_code == 404
    assert client.post(reverse("events:registration-cancel", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_a_participant_can_change_their_needs(client, participant):
    registration = RegistrationFactory(user=participant)
    response = client.post(
        reverse("events:registration-edit", args=[registration.pk]),
        {
            "organisation_type": "school",
            "organisation_name": "Skolan",
            "dietary_needs": "Glutenfritt",
            "accessibility_needs": "Hörslinga",
        },
    )
    assertRedirects(response, reverse("events:my-registrations"))
    registration.refresh_from_db()
    assert (registration.dietary_needs, registration.accessibility_needs) == ("Glutenfritt", "Hörslinga")


def test_creating_a_calendar_address_shows_it_on_my_registrations(client, participant):
    response = client.post(reverse("events:feed-renew"), follow=True)
    token = participant.event_feed.token
    assertContains(response, reverse("events:feed", args=[token]))


def test_the_owner_replaces_their_calendar_address_and_the_old_one_stops_at_once(client, participant):
    old = services.calendar_feed_get_or_create(user=participant).token
    response = client.post(reverse("events:feed-renew"), follow=True)
    new = CalendarFeed.objects.get(user=participant).token
    assert new != old
    assertContains(response, reverse("events:feed", args=[new]))
    assertNotContains(response, old)
    client.logout()
    assert client.get(reverse("events:feed", args=[old])).status_code == 404
    assert client.get(reverse("events:feed", args=[new])).status_code == 200


# --- Round tables and their follow-up ------------------------------------------------------------


@pytest.fixture
def industridag():
    project = ProjectFactory()
    event = EventFactory(
        title="Industridag",
        kind=Event.Kind.INDUSTRY_DAY,
        projects=[project],
        starts_at=timezone.now() - datetime.timedelta(days=100),
    )
    table = RoundTableFactory(event=event, municipality__name="Boxholm")
    table.members.create(name="Bodil Bordsson", title="Studie- och yrkesvägledare")
    item = ActionItemFactory(table=table, what="Kompetensbytardagar")
    return project, event, item


def test_the_public_sees_what_each_table_promised_but_not_who_sat_there(client, industridag):
    _project, event, _item = industridag
    response = client.get(reverse("events:follow-up", args=[event.slug]))
    assertContains(response, "Kompetensbytardagar")
    assertContains(response, "Kommunbord Boxholm")
    assertNotContains(response, "Bodil Bordsson")
    assertNotContains(response, 'name="item-')


def test_the_project_leader_updates_an_item_at_the_follow_up_meeting(client, industridag):
    project, event, item = industridag
    client.force_login(leader_of(project))
    assertContains(client.get(reverse("events:follow-up", args=[event.slug])), "Bodil Bordsson")
    response = client.post(
        reverse("events:action-item-update", args=[item.pk]),
        {f"item-{item.pk}-status": "done", f"item-{item.pk}-outcome": "Varje fredag."},
        headers={"HX-Request": "true"},
    )
    assertContains(response, "Sparat")
    assertContains(response, "Genomförd")
    item.refresh_from_db()
    assert (item.status, item.outcome) == (ActionItem.Status.DONE, "Varje fredag.")


def test_without_htmx_the_update_returns_to_the_follow_up_page(client, industridag):
    project, event, item = industridag
    client.force_login(leader_of(project))
    response = client.post(
        reverse("events:action-item-update", args=[item.pk]),
        {f"item-{item.pk}-status": "in_progress", f"item-{item.pk}-outcome": ""},
    )
    assert response["Location"].endswith(reverse("events:follow-up", args=[event.slug]) + f"#item-{item.pk}")


def test_a_leader_of_another_project_cannot_update_the_items(client, industridag):
    _project, _event, item = industridag
    client.force_login(leader_of(ProjectFactory()))
    response = client.post(
        reverse("events:action-item-update", args=[item.pk]),
        {f"item-{item.pk}-status": "done", f"item-{item.pk}-outcome": "Hack"},
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == ActionItem.Status.PLANNED


def test_the_follow_up_page_takes_the_same_number_of_queries_however_many_tables(client, industridag):
    project, event, _item = industridag
    client.force_login(leader_of(project))

    def load():
        return count_queries(lambda: client.get(reverse("events:follow-up", args=[event.slug])))

    small = load()
    for _ in range(5):
        table = RoundTableFactory(event=event)
        table.members.create(name="Någon")
        ActionItemFactory.create_batch(3, table=table)
    assert load() == small, "queries grew with the data"
    assert small <= 9  # includes the menu's role lookup for signed-in users


def test_an_event_without_tables_has_no_follow_up_page(client):
    assert client.get(reverse("events:follow-up", args=[EventFactory().slug])).status_code == 404


def test_the_follow_up_meeting_links_to_the_tables_it_follows_up(client, industridag):
    _project, event, _item = industridag
    follow_up = EventFactory(kind=Event.Kind.FOLLOW_UP, follows_up=event)
    assertContains(client.get(follow_up.get_absolute_url()), reverse("events:follow-up", args=[event.slug]))


# --- Speed-date and the home page ------------------------------------------------------------------


def test_a_participant_sees_their_own_speed_date_schedule(client, participant):
    speed_date = SpeedDateFactory()
    event = speed_date.session.event
    mine = RegistrationFactory(event=event, user=participant, organisation_type="school")
    RegistrationFactory(event=event, organisation_type="industry", user=UserFactory(first_name="Ingrid"))
    RegistrationFactory(event=event, organisation_type="industry", user=UserFactory(first_name="Ivar"))
    services.speed_date_plan(speed_date=speed_date)
    assertContains(client.get(reverse("events:my-registrations")), reverse("events:my-speed-date", args=[mine.pk]))
    response = client.get(reverse("events:my-speed-date", args=[mine.pk]))
    assertContains(response, "Ingrid")
    assertContains(response, "Ivar")


def test_the_home_page_shows_the_next_events(client):
    EventFactory(title="Samverkan för framtidens arbetsmarknad")
    EventFactory(title="Gammalt", starts_at=timezone.now() - datetime.timedelta(days=10))
    response = client.get(reverse("portal:home"))
    assertContains(response, "Samverkan för framtidens arbetsmarknad")
    assertNotContains(response, "Gammalt")


def test_signing_in_from_the_event_page_comes_back_to_the_registration_form(client):
    event = EventFactory()
    user = UserFactory()
    response = client.post(
        reverse("account_login") + f"?next={register_url(event)}", {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == register_url(event)


def test_the_list_pages_keep_the_filters(client):
    region = RegionFactory(name="Uppsala")
    EventFactory.create_batch(13, region=region)
    response = client.get(reverse("events:list"), {"region": region.pk})
    assertContains(response, f"region={region.pk}&amp;page=2")
    second = client.get(reverse("events:list"), {"region": region.pk, "page": 2})
    assert len(second.context["events"]) == 1


def test_an_unknown_region_in_the_address_is_explained_not_an_error(client):
    response = client.get(reverse("events:list"), {"region": "999999"})
    assert response.status_code == 200
    assertContains(response, "errorlist")
