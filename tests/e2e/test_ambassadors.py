"""A teacher finds an ambassador by municipality and profession, asks for a visit, and the
ambassador accepts. axe checks every page on the way; nothing loads from other hosts, and the
film player only after the visitor asks for it."""

import re

import pytest

from ambassadors.images import photo_normalise
from ambassadors.models import VisitRequest
from tests.ambassadors.factories import (
    ProfessionFactory,
    future,
    image_file,
    published_ambassador,
)
from tests.factories import PASSWORD, MunicipalityFactory, RegionFactory, SchoolFactory, UserFactory, teacher

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    region = RegionFactory(name="Östergötland", slug="ostergotland")
    motala = MunicipalityFactory(name="Motala", slug="motala", region=region)
    finspang = MunicipalityFactory(name="Finspång", slug="finspang", region=region)
    cnc, welder = ProfessionFactory(name="CNC-operatör"), ProfessionFactory(name="Svetsare")
    amir_user = UserFactory(first_name="Amir", email="amir@example.se")
    amir = published_ambassador(
        display_name="Amir",
        profession=cnc,
        municipality=motala,
        user=amir_user,
        employer="Östgöta Verkstadsteknik AB",
        headline="Jag kör fleroperationsmaskiner.",
        story="Jag ställer in maskinerna.",
        film_url="https://youtu.be/abcdefghijk",
    )
    amir.photo.save("amir.jpg", photo_normalise(image_file()), save=True)
    published_ambassador(display_name="Linnea", profession=welder, municipality=finspang)
    published_ambassador(display_name="Nora", profession=cnc, municipality=finspang)
    school = SchoolFactory(name="Brinellskolan")
    return {"amir": amir, "amir_user": amir_user, "teacher": teacher(school, email="lena@example.se")}


def card_names(page):
    return page.locator(".ambassador-card h3").all_inner_texts()


def test_teacher_finds_asks_and_the_ambassador_accepts(page, sign_in, check_a11y, world, mailoutbox):
    sign_in(world["teacher"].email, PASSWORD)

    # Search by municipality and profession; the filter state ends up in the address.
    page.goto("/ambassadorer/")
    check_a11y(page)
    assert sorted(card_names(page)) == ["Amir", "Linnea", "Nora"]
    page.get_by_label("Kommun").select_option(label="Motala")
    page.get_by_label("Yrke").select_option(label="CNC-operatör")
    page.get_by_role("button", name="Visa ambassadörer").click()
    page.wait_for_url(re.compile(r"kommun=motala"))
    assert "yrke=cnc-operator" in page.url
    page.get_by_role("status").filter(has_text="1 yrkesambassadör").wait_for()
    assert card_names(page) == ["Amir"]
    check_a11y(page)

    # The profile: nothing from YouTube until the visitor asks for the film.
    page.get_by_role("link", name="Amir").click()
    page.get_by_role("heading", level=1, name="Amir").wait_for()
    check_a11y(page)
    assert page.locator("iframe").count() == 0 and not page.foreign_requests
    page.route(re.compile(r"https://www\.youtube-nocookie\.com/.*"), lambda route: route.abort())
    page.get_by_role("button", name=re.compile("Spela filmen")).click()
    frame = page.locator("iframe.film-frame")
    frame.wait_for(state="attached")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/abcdefghijk")
    assert frame.get_attribute("title") == "Film med Amir"
    assert all(url.startswith("https://www.youtube-nocookie.com/") for url in page.foreign_requests)
    page.foreign_requests.clear()  # the one expected request, made after the click

    # The request.
    page.get_by_role("link", name="Be Amir om ett besök").click()
    check_a11y(page)
    page.get_by_label("Klass eller grupp").fill("9B")
    page.get_by_label("Årskurs").select_option(label="Åk 9")
    page.get_by_label("Antal elever").fill("24")
    page.get_by_label("Önskat datum").fill(future(14).isoformat())
    page.get_by_label("På plats i skolan").check()
    page.get_by_label("Meddelande").fill("Klassen väljer gymnasieprogram i vår.")
    page.get_by_role("button", name="Skicka förfrågan").click()
    page.get_by_text("Din förfrågan är skickad till Amir").wait_for()
    check_a11y(page)
    request = VisitRequest.objects.get()
    assert request.state == VisitRequest.State.REQUESTED
    assert [m.to for m in mailoutbox] == [["amir@example.se"]]

    # The ambassador answers.
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()
    sign_in(world["amir_user"].email, PASSWORD)
    page.goto("/ambassadorer/forfragningar/")
    check_a11y(page)
    page.get_by_role("link", name=re.compile("Amir")).first.click()
    page.get_by_role("heading", name="Tacka ja").wait_for()
    check_a11y(page)
    accept = page.locator("form", has=page.get_by_role("heading", name="Tacka ja"))
    accept.get_by_label("Datum för besöket").fill(future(15).isoformat())
    accept.get_by_label("Starttid").fill("10:30")
    accept.get_by_label("Meddelande till skolan").fill("Jag tar med skyddsutrustning att prova.")
    accept.get_by_role("button", name="Tacka ja").click()
    page.get_by_text("Besöket är bokat").first.wait_for()
    check_a11y(page)
    request.refresh_from_db()
    assert request.state == VisitRequest.State.ACCEPTED and request.scheduled_for is not None
    assert mailoutbox[-1].to == ["lena@example.se"] and "skyddsutrustning" in mailoutbox[-1].body


def test_the_ambassador_edits_the_profile_and_gives_consent(page, sign_in, check_a11y, world):
    sign_in(world["amir_user"].email, PASSWORD)
    page.goto("/ambassadorer/min-profil/")
    check_a11y(page)
    page.get_by_label("Kort presentation").fill("Jag gör delar till lastbilar.")
    page.get_by_role("button", name="Skicka ändringarna för godkännande").click()
    page.get_by_text("när projektledaren har godkänt dem").wait_for()
    check_a11y(page)
