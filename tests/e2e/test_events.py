"""A participant registers for the conference, picks a track that is full, waits in line, and gets
the place when the person holding it cancels. Every page on the way is checked with axe."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events import services
from events.models import Registration, Session
from tests.events.factories import EventFactory, SessionFactory, SpeakerFactory, TrackFactory
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def conference():
    start = (timezone.localtime() + datetime.timedelta(days=60)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = EventFactory(
        title="Samverkan för framtidens arbetsmarknad",
        slug="samverkan-2027",
        capacity=140,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        venue="Aros Congress Center",
        summary="En heldag för skola och arbetsliv i Västmanland.",
    )
    opening = SessionFactory(event=event, title="Välkomna", starts_at=start)
    opening.speakers.add(SpeakerFactory(name="Jenny Landernäs", title="Ordförande", organisation="Region Västmanland"))
    SessionFactory(
        event=event,
        title="Panelsamtal om kompetenshöjning",
        kind=Session.Kind.PANEL,
        starts_at=start + datetime.timedelta(hours=2),
    )
    validation = TrackFactory(event=event, name="Spår 2: Praktisk validering", capacity=1, position=2)
    TrackFactory(event=event, name="Spår 1: Verktyg", capacity=50, position=1)
    for track in event.tracks.all():
        SessionFactory(
            event=event,
            title=track.name.split(": ")[1],
            kind=Session.Kind.TRACK,
            track=track,
            starts_at=start + datetime.timedelta(hours=4),
        )
    holder = UserFactory(email="platsen@example.se", first_name="Hanna")
    services.registration_create(event=event, user=holder, track=validation, organisation_type="industry")
    return event, holder


def test_a_participant_waits_for_a_full_track_and_gets_the_place_when_someone_cancels(
    page, browser, live_server, sign_in, check_a11y, conference, mailoutbox
):
    event, holder = conference
    participant = UserFactory(email="deltagare@example.se", first_name="Dana")

    sign_in(participant.email, PASSWORD)
    page.goto("/evenemang/")
    expect(page.get_by_role("heading", name="Evenemang", level=1)).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Samverkan för framtidens arbetsmarknad").click()
    expect(page.get_by_role("heading", name="Program")).to_be_visible()
    expect(page.get_by_text("Jenny Landernäs")).to_be_visible()
    expect(page.get_by_text("Fullsatt – väntelista")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Anmäl dig").click()
    full_track = page.get_by_role("radio", name=re.compile(r"Spår 2: Praktisk validering \(fullsatt"))
    expect(full_track).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_text("Välj ett spår.").first).to_be_visible()  # forgot the track: told, nothing saved
    check_a11y(page)
    assert not Registration.objects.filter(user=participant).exists()

    full_track.check()
    page.get_by_role("radio", name="Skola").check()
    page.get_by_label("Organisationens namn").fill("Brinellskolan")
    page.get_by_label("Kost och allergier").fill("Vegetariskt")
    page.get_by_label("Jag vill synas på deltagarlistan").check()
    page.get_by_role("button", name="Skicka anmälan").click()

    expect(page).to_have_url(re.compile(r"/evenemang/mina-anmalningar/$"))
    expect(page.get_by_text("Det är fullsatt, så du står på väntelistan som nummer 1.")).to_be_visible()
    expect(page.get_by_text("Väntelista, nummer 1")).to_be_visible()
    check_a11y(page)

    # The person holding the place cancels, in their own browser.
    other = browser.new_context(base_url=live_server.url, locale="sv-SE")
    holder_page = other.new_page()
    holder_page.goto("/konto/login/")
    holder_page.locator("input[name=login]").fill(holder.email)
    holder_page.locator("input[name=password]").fill(PASSWORD)
    holder_page.locator("main").get_by_role("button", name="Logga in").click()
    holder_page.wait_for_load_state()
    holder_page.goto("/evenemang/mina-anmalningar/")
    holder_page.get_by_role("link", name=re.compile("^Avboka")).click()
    check_a11y(holder_page)
    holder_page.get_by_role("button", name="Ja, avboka").click()
    expect(
        holder_page.get_by_text("Din anmälan till Samverkan för framtidens arbetsmarknad är avbokad.")
    ).to_be_visible()
    other.close()

    page.reload()
    expect(page.get_by_text("Bekräftad")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text="Spår 2: Praktisk validering")).to_be_visible()
    check_a11y(page)
    promotion = [message for message in mailoutbox if message.to == [participant.email]][-1]
    assert "Du har fått en plats" in promotion.subject
    assert promotion.attachments[0][0] == "samverkan-2027.ics"

    page.goto(event.get_absolute_url())
    expect(page.get_by_text("Du är anmäld")).to_be_visible()
    expect(page.get_by_role("heading", name="Deltagare")).to_be_visible()
    check_a11y(page)


def test_the_follow_up_and_past_events_pages_are_accessible(page, check_a11y):
    from tests.events.factories import ActionItemFactory, RoundTableFactory

    event = EventFactory(
        title="Industridag Östergötland 2015",
        slug="industridag-2015",
        starts_at=timezone.now() - datetime.timedelta(days=3000),
    )
    ActionItemFactory(
        table=RoundTableFactory(event=event, municipality__name="Boxholm"),
        what="Kompetensbytardagar",
        status="done",
        outcome="Varje fredag.",
    )
    page.goto("/evenemang/?when=past")
    page.get_by_role("link", name="Industridag Östergötland 2015").click()
    expect(page.get_by_text("Evenemanget har ägt rum.")).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name=re.compile("kommunbordens åtgärdslistor")).click()
    expect(page.get_by_text("Kompetensbytardagar")).to_be_visible()
    check_a11y(page)
